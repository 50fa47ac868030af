import Foundation
import SimulationOutput
import Testing

@Suite("StreamingTextFile")
struct StreamingTextFileTests {
    @Test("a second write to the same path replaces the file and leaves no partial file")
    func rewriteReplaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-stf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("events.jsonl")
        for text in ["first run\n", "second\n"] {
            let file = try StreamingTextFile(url: url)
            file.append(text)
            try file.close()
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
        #expect(!FileManager.default.fileExists(atPath: StreamingTextFile.partialURL(for: url).path))
    }

    @Test("until close, the text is only in the partial file")
    func partialUntilClose() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-stf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("timeline.jsonl")
        let file = try StreamingTextFile(url: url)
        file.append("line\n")
        file.flush()
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try String(contentsOf: StreamingTextFile.partialURL(for: url), encoding: .utf8) == "line\n")
        try file.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "line\n")
    }
}
