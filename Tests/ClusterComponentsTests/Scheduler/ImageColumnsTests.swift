import Stochastics
import Testing

@testable import ClusterComponents

/// The scheduler cache's ``ImageColumns`` (the per-image, per-node sizes ImageLocality reads)
/// against a plain dictionary of what each node has, and ImageLocality's column scoring against
/// its per-node score over the nodes' own image lists.
@Suite("Image columns")
struct ImageColumnsTests {
    /// A uniform integer in `range`, from the project's seeded GSL source (reproducible).
    static func draw(_ range: ClosedRange<Int64>, _ random: inout RandomSource) -> Int64 {
        range.lowerBound + Int64(random.uniform() * Double(range.upperBound - range.lowerBound + 1))
    }

    @Test("every kept column holds exactly what the nodes have, 0 elsewhere")
    func columnsMatchTheLists() throws {
        var random = RandomSource(seed: 17)
        var columns = ImageColumns()
        var truth: [Int32: [Int: Int64]] = [:]
        for _ in 0..<5_000 {
            let image = Int32(random.integer(below: 12))
            let node = random.integer(below: 300)
            let size: Int64? = random.integer(below: 2) == 0 ? Self.draw(1...(2 << 30), &random) : nil
            columns.set(image: image, node: node, size: size)
            truth[image, default: [:]][node] = size
        }
        for image in Int32(0)..<12 {
            let column = try #require(columns.column(image))
            #expect(column.count >= 300)
            for node in column.indices {
                #expect(column[node] == truth[image]?[node] ?? 0, "image \(image) node \(node)")
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
        var random = RandomSource(seed: 5)
        var columns = ImageColumns()
        var nodes: [NodeInfo] = []
        for n in 0..<200 {
            var info = NodeInfo(id: NodeID(n))
            var images: [(id: Int32, size: Int64)] = []
            for id in Int32(0)..<8 where random.integer(below: 3) == 0 {
                images.append((id, Self.draw(0...(3 << 30), &random)))
            }
            info.images = images
            for image in images { columns.set(image: image.id, node: n, size: image.size) }
            nodes.append(info)
        }
        for _ in 0..<50 {
            var podImages: [ImageLocality.PodImage] = []
            for _ in 0...random.integer(below: 3) {
                podImages.append(ImageLocality.PodImage(id: Int32(random.integer(below: 8)), spread: random.uniform()))
            }
            let containers = podImages.count + random.integer(below: 5 - podImages.count)
            var feasible: [Int32] = []
            for n in 0..<200 where random.integer(below: 2) == 0 { feasible.append(Int32(n)) }
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
