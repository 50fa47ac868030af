/// ImageLocality (k/k `plugins/imagelocality/image_locality.go`): favours nodes that already
/// have the pod's images, weighted by how widely each image is spread.
enum ImageLocality {
    /// 23 MiB (`minThreshold`).
    static let minThreshold: Int64 = 23 * 1024 * 1024
    /// 1000 MiB per container (`maxContainerThreshold`).
    static let maxContainerThreshold: Int64 = 1000 * 1024 * 1024

    /// `normalizedImageName`: appends `:latest` when the reference has no tag or digest.
    static func normalizedImageName(_ name: String) -> String {
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
