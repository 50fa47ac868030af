import KubeModel

/// ImageLocality (k/k `plugins/imagelocality/image_locality.go`): favours nodes that already
/// have the pod's images, weighted by how widely each image is spread.
struct ImageLocality: ScorePlugin {
    static let name = "ImageLocality"

    /// 23 MiB (`minThreshold`).
    static let minThreshold: Int64 = 23 * 1024 * 1024
    /// 1000 MiB per container (`maxContainerThreshold`).
    static let maxContainerThreshold: Int64 = 1000 * 1024 * 1024

    init(_ configuration: inout PluginConfiguration) {}

    /// PreScore (the pod's images known to the cache, each with its spread over the nodes;
    /// none: skip, every score would be 0), then Score per feasible node (already 0…100).
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        let spec = state.spec
        let total = Double(scheduler.cache.nodeCount)
        var images: [PodImage] = []
        func add(_ containers: [Container]) {
            for c in containers {
                if let id = scheduler.cache.imageIDs[Self.normalizedImageName(c.image ?? "")] {
                    images.append(PodImage(id: id, spread: Double(scheduler.cache.imageNodeCount[Int(id)]) / total))
                }
            }
        }
        add(spec.initContainers ?? [])
        add(spec.containers)
        if images.isEmpty { return .skipped }
        let containers = (spec.initContainers?.count ?? 0) + spec.containers.count
        let columns = images.compactMap { scheduler.cache.imageColumns.column($0.id) }
        if columns.count == images.count {
            scheduler.withFeasibleScores(count: count) { feasible, scores in
                Self.scoreFromColumns(images: images, columns: columns, containers: containers, feasible, scores)
            }
            return .scored
        }
        let nodes = scheduler.cache.nodes
        scheduler.withFeasibleScores(count: count) { feasible, scores in
            for j in feasible.indices {
                scores[j] = Self.score(images: images, containers: containers, node: nodes[Int(feasible[j])])
            }
        }
        return .scored
    }

    /// ``score(images:containers:node:)`` for every feasible node, reading the sizes from the
    /// cache's ``ImageColumns`` (0 where absent, which adds `Int64(0 × spread) = 0` as a
    /// missing image does): the same sums, without touching the nodes' own lists.
    static func scoreFromColumns(
        images: [PodImage], columns: [ImageColumns.Column], containers: Int, _ feasible: UnsafeBufferPointer<Int32>,
        _ scores: UnsafeMutableBufferPointer<Int64>
    ) {
        if images.count <= maskedImageLimit, columns.allSatisfy({ $0.commonSize != nil }) {
            scoreByPresence(images: images, columns: columns, containers: containers, feasible, scores)
            return
        }
        for j in scores.indices { scores[j] = 0 }
        for (image, column) in zip(images, columns) {
            column.sizes.withUnsafeBufferPointer { sizes in
                for j in feasible.indices {
                    scores[j] += Int64(Double(sizes[Int(feasible[j])]) * image.spread)
                }
            }
        }
        // Most nodes share one of a few sums: the last sum's score is kept rather than divided
        // again.
        var lastSum = Int64.min
        var lastScore: Int64 = 0
        for j in scores.indices {
            let sum = scores[j]
            if sum != lastSum {
                lastSum = sum
                lastScore = scaled(sum, containers: containers)
            }
            scores[j] = lastScore
        }
    }

    /// The most images ``scoreByPresence(images:columns:containers:_:_:)`` takes (a table of
    /// 2⁸ scores).
    static let maskedImageLimit = 8

    /// The scores when every image has one size wherever it is (the usual case): a node's sum
    /// then depends only on which of the pod's images it has. The `2^k` sums of the `k` images'
    /// terms (`Int64(size × spread)`, added as integers, so in any order) are scaled once, and
    /// each node's score is read from that table at the mask of its presence bytes, built
    /// without a branch. Summing per node with a branch on each byte mispredicted wherever the
    /// nodes alternated (ImageLocality was 1.7% of the full envelope's samples, mostly there and
    /// in the scaling's division at each change of sum).
    static func scoreByPresence(
        images: [PodImage], columns: [ImageColumns.Column], containers: Int, _ feasible: UnsafeBufferPointer<Int32>,
        _ scores: UnsafeMutableBufferPointer<Int64>
    ) {
        let k = images.count
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: 1 << k) { table in
            table[0] = 0
            for i in 0..<k {
                let term = Int64(Double(columns[i].commonSize!) * images[i].spread)
                for mask in 0..<(1 << i) { table[mask | (1 << i)] = table[mask] + term }
            }
            for mask in 0..<(1 << k) { table[mask] = scaled(table[mask], containers: containers) }
            for j in scores.indices { scores[j] = 0 }
            // The masks are built in `scores` (as integers below 2^k), one image at a time.
            for i in 0..<k {
                columns[i].present.withUnsafeBufferPointer { present in
                    for j in feasible.indices { scores[j] |= Int64(present[Int(feasible[j])]) << i }
                }
            }
            for j in scores.indices { scores[j] = table[Int(scores[j])] }
        }
    }

    /// One of the pod's images (a container's, so an image two containers use is here twice,
    /// as `sumImageScores` counts it): its id and `nodesHavingImage / totalNodes`.
    struct PodImage {
        var id: Int32
        var spread: Double
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
    static func score(images: [PodImage], containers: Int, node: NodeInfo) -> Int64 {
        if node.images.isEmpty { return 0 }
        var sum: Int64 = 0
        for image in images {
            guard let size = node.imageSize(image.id) else { continue }
            sum += Int64(Double(size) * image.spread)
        }
        return scaled(sum, containers: containers)
    }

    /// `calculatePriority`: the sum clamped to `[23 MiB, 1000 MiB × #containers]`, scaled to
    /// 0…100.
    @inline(__always)
    static func scaled(_ sum: Int64, containers: Int) -> Int64 {
        let maxThreshold = maxContainerThreshold * Int64(containers)
        var sum = sum
        if sum < minThreshold { sum = minThreshold } else if sum > maxThreshold { sum = maxThreshold }
        return 100 * (sum - minThreshold) / (maxThreshold - minThreshold)
    }
}
