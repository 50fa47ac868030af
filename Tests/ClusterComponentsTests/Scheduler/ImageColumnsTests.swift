import Testing

@testable import ClusterComponents

/// The scheduler cache's ``ImageColumns`` (the per-image, per-node sizes ImageLocality reads)
/// against a plain dictionary of what each node has, and ImageLocality's column scoring against
/// its per-node score over the nodes' own image lists.
@Suite("Image columns")
struct ImageColumnsTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("every kept column holds exactly what the nodes have, 0 elsewhere")
    func columnsMatchTheLists() throws {
        var random = SplitMix(state: 17)
        var columns = ImageColumns()
        var truth: [Int32: [Int: Int64]] = [:]
        for _ in 0..<5_000 {
            let image = Int32.random(in: 0..<12, using: &random)
            let node = Int.random(in: 0..<300, using: &random)
            let size: Int64? = Bool.random(using: &random) ? Int64.random(in: 1...(2 << 30), using: &random) : nil
            columns.set(image: image, node: node, size: size)
            truth[image, default: [:]][node] = size
        }
        for image in Int32(0)..<12 {
            let column = try #require(columns.column(image))
            #expect(column.count >= 300)
            for node in column.indices {
                #expect(column[node] == truth[image]?[node].flatMap { $0 } ?? 0, "image \(image) node \(node)")
            }
        }
    }

    @Test("over budget, whole columns are dropped from the highest image id and never come back")
    func budgetDropsWholeColumns() throws {
        // Capacity starts at 64 nodes: 4 columns fit a budget of 256 entries.
        var columns = ImageColumns(entryBudget: 256)
        for image in Int32(0)..<5 { columns.set(image: image, node: 0, size: 100 + Int64(image)) }
        #expect((0..<4).allSatisfy { columns.column(Int32($0)) != nil })
        #expect(columns.column(4) == nil)
        // Node 64 doubles the capacity to 128: only 2 columns fit.
        columns.set(image: 0, node: 64, size: 7)
        #expect(columns.column(2) == nil && columns.column(3) == nil)
        columns.set(image: 2, node: 5, size: 9)
        #expect(columns.column(2) == nil)
        let first = try #require(columns.column(0))
        #expect(first.count == 128 && first[0] == 100 && first[64] == 7)
        #expect(try #require(columns.column(1))[0] == 101)
    }

    @Test("column scores equal the per-node scores over the nodes' lists")
    func columnsScoreAsTheLists() {
        var random = SplitMix(state: 5)
        var columns = ImageColumns()
        var nodes: [NodeInfo] = []
        for n in 0..<200 {
            var info = NodeInfo(id: NodeID(n))
            var images: [(id: Int32, size: Int64)] = []
            for id in Int32(0)..<8 where Int.random(in: 0..<3, using: &random) == 0 {
                images.append((id, Int64.random(in: 0...(3 << 30), using: &random)))
            }
            info.images = images
            for image in images { columns.set(image: image.id, node: n, size: image.size) }
            nodes.append(info)
        }
        for _ in 0..<50 {
            let podImages = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                ImageLocality.PodImage(
                    id: Int32.random(in: 0..<8, using: &random), spread: Double.random(in: 0...1, using: &random))
            }
            let containers = Int.random(in: podImages.count...4, using: &random)
            let feasible = (0..<200).filter { _ in Bool.random(using: &random) }.map(Int32.init)
            let podColumns = podImages.map { columns.column($0.id) ?? [Int64](repeating: 0, count: 200) }
            var scores = [Int64](repeating: -1, count: feasible.count)
            feasible.withUnsafeBufferPointer { feasible in
                scores.withUnsafeMutableBufferPointer { scores in
                    ImageLocality.scoreFromColumns(
                        images: podImages, columns: podColumns, containers: containers, feasible, scores)
                }
            }
            let expected = feasible.map {
                ImageLocality.score(images: podImages, containers: containers, node: nodes[Int($0)])
            }
            #expect(scores == expected)
        }
    }
}
