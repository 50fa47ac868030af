import Testing

@testable import SimulationOutput

/// The trace's slice log: what goes in comes out in order, across chunk boundaries.
@Suite struct ChunkedLogTests {
    @Test func keepsOrderAcrossChunks() {
        var log = ChunkedLog<Int>()
        let n = 2 * ChunkedLog<Int>.chunkCapacity + 3
        for i in 0..<n { log.append(i * 7) }
        #expect(log.count == n)
        #expect(Array(log) == (0..<n).map { $0 * 7 })
        let literal: ChunkedLog = [3, 1, 2]
        #expect(Array(literal) == [3, 1, 2])
    }
}
