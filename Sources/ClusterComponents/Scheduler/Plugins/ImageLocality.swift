/// ImageLocality (k/k `plugins/imagelocality/image_locality.go`): favours nodes that already
/// have the pod's images, weighted by how widely each image is spread.
struct ImageLocality: ScorePlugin {
    static let name = "ImageLocality"

    /// 23 MiB (`minThreshold`).
    static let minThreshold: Int64 = 23 * 1024 * 1024
    /// 1000 MiB per container (`maxContainerThreshold`).
    static let maxContainerThreshold: Int64 = 1000 * 1024 * 1024

    init(_ configuration: inout PluginConfiguration) {}

    /// PreScore (the pod's images known to the cache; none: skip, every score would be 0), then
    /// Score per feasible node (already 0…100).
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> Bool {
        let containers = (state.spec.initContainers ?? []) + state.spec.containers
        var ids: [Int32] = []
        for c in containers {
            if let id = scheduler.cache.imageIDs[Self.normalizedImageName(c.image ?? "")] { ids.append(id) }
        }
        if ids.isEmpty { return false }
        let total = scheduler.cache.nodeCount
        var scores = scheduler.takeScores()
        for j in 0..<count {
            scores[j] = Self.score(
                images: ids, containers: containers.count,
                node: scheduler.cache.nodes[Int(scheduler.scratch.feasible[j])],
                imageNodeCount: scheduler.cache.imageNodeCount, totalNodes: total)
        }
        scheduler.scratch.scores = scores
        return true
    }

    /// `normalizedImageName`: appends `:latest` when the reference has no tag or digest.
    static func normalizedImageName(_ name: String) -> String {
        let bytes = name.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // The same rule on the bytes of an ASCII name (one `Character` each): a `:` in the
            // last non-empty `/`-separated component, or an `@` anywhere.
            var inComponent = false
            for byte in bytes.reversed() {
                if byte == UInt8(ascii: "/") {
                    if inComponent { break }
                    continue
                }
                inComponent = true
                if byte == UInt8(ascii: ":") { return name }
            }
            return bytes.contains(UInt8(ascii: "@")) ? name : name + ":latest"
        }
        let lastComponent = name.split(separator: "/").last.map(String.init) ?? name
        if lastComponent.contains(":") || name.contains("@") { return name }
        return name + ":latest"
    }

    /// Score: Σ over the pod's containers (init and regular) of
    /// `int64(size × nodesHavingImage / totalNodes)` for images present on the node, clamped to
    /// `[23 MiB, 1000 MiB × #containers]`, scaled to 0…100.
    @inline(__always)
    static func score(
        images: [Int32], containers: Int, node: NodeInfo, imageNodeCount: [Int32], totalNodes: Int
    ) -> Int64 {
        if node.images.isEmpty || images.isEmpty { return 0 }
        var sum: Int64 = 0
        for id in images where id >= 0 {
            guard let size = node.imageSize(id) else { continue }
            let spread = Double(imageNodeCount[Int(id)]) / Double(totalNodes)
            sum += Int64(Double(size) * spread)
        }
        let maxThreshold = maxContainerThreshold * Int64(containers)
        if sum < minThreshold { sum = minThreshold } else if sum > maxThreshold { sum = maxThreshold }
        return 100 * (sum - minThreshold) / (maxThreshold - minThreshold)
    }
}
