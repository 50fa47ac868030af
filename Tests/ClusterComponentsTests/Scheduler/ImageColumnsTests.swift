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
            #expect(column.sizes.count >= 300 && column.present.count == column.sizes.count)
            for node in column.sizes.indices {
                let size = truth[image]?[node]
                #expect(column.sizes[node] == size ?? 0, "image \(image) node \(node)")
                #expect(column.present[node] == (size == nil ? 0 : 1), "image \(image) node \(node)")
            }
            // Sizes drawn at random differ from node to node: no common size.
            #expect(column.commonSize == nil)
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
        #expect(first.sizes.count == 128 && first.sizes[0] == 100 && first.sizes[64] == 7)
        #expect(first.present.count == 128 && first.present[0] == 1 && first.present[64] == 1 && first.present[1] == 0)
        #expect(try #require(columns.column(1)).sizes[0] == 101)
    }

    @Test("a column keeps its common size while every node reports the same, and loses it for good")
    func commonSize() throws {
        var columns = ImageColumns()
        columns.set(image: 0, node: 3, size: 500)
        columns.set(image: 0, node: 7, size: 500)
        columns.set(image: 0, node: 3, size: nil)
        #expect(try #require(columns.column(0)).commonSize == 500)
        columns.set(image: 0, node: 9, size: 501)
        #expect(try #require(columns.column(0)).commonSize == nil)
        columns.set(image: 0, node: 9, size: nil)
        #expect(try #require(columns.column(0)).commonSize == nil)
    }

    /// Sizes drawn per node (every column read size by size) or per image (every column has a
    /// common size and is read by presence), for pods of up to 4 images and of up to 12 (more
    /// than ``ImageLocality/maskedImageLimit``, so presence falls back to sizes).
    @Test("column scores equal the per-node scores over the nodes' lists", arguments: [false, true], [4, 12])
    func columnsScoreAsTheLists(oneSizePerImage: Bool, maxPodImages: Int) throws {
        var random = RandomSource(seed: 5)
        var columns = ImageColumns()
        var nodes: [NodeInfo] = []
        let imageSizes = (0..<8).map { _ in Self.draw(0...(3 << 30), &random) }
        for n in 0..<200 {
            var info = NodeInfo(id: NodeID(n))
            var images: [(id: Int32, size: Int64)] = []
            for id in Int32(0)..<8 where random.integer(below: 3) == 0 {
                images.append((id, oneSizePerImage ? imageSizes[Int(id)] : Self.draw(0...(3 << 30), &random)))
            }
            info.images = images
            for image in images { columns.set(image: image.id, node: n, size: image.size) }
            nodes.append(info)
        }
        for _ in 0..<50 {
            var podImages: [ImageLocality.PodImage] = []
            for _ in 0..<(1 + random.integer(below: maxPodImages)) {
                podImages.append(ImageLocality.PodImage(id: Int32(random.integer(below: 8)), spread: random.uniform()))
            }
            let containers = podImages.count + random.integer(below: 2)
            var feasible: [Int32] = []
            for n in 0..<200 where random.integer(below: 2) == 0 { feasible.append(Int32(n)) }
            let podColumns = try podImages.map { try #require(columns.column($0.id)) }
            #expect(podColumns.allSatisfy { ($0.commonSize != nil) == oneSizePerImage })
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
