import ClusterComponents
import Foundation
import Testing

@testable import SimulationOutput

/// The output thread: work runs in submission order, the queue is bounded, and files written
/// through it hold exactly the bytes written inline.
@Suite struct OutputThreadTests {
    /// Collects what jobs did, from the output thread.
    final class Log: @unchecked Sendable {
        var values: [Int] = []
    }

    @Test("jobs run in submission order, also when the producer outruns the bounded queue")
    func order() {
        let thread = OutputThread()
        let log = Log()
        // 20 × the capacity: submit must wait for room many times.
        let count = OutputThread.capacity * 20
        for index in 0..<count {
            thread.submit { log.values.append(index) }
        }
        thread.drain()
        #expect(log.values == Array(0..<count))
        thread.stop()
    }

    @Test(
        "a full disk (/dev/full): the write error is kept, later writes are skipped, close() throws naming the file",
        arguments: [false, true])
    func fullDisk(throughThread: Bool) throws {
        try #require(FileManager.default.isWritableFile(atPath: "/dev/full"), "needs Linux's /dev/full")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-full-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("events.jsonl")
        // The partial file is a link to /dev/full, whose every write fails with ENOSPC.
        try FileManager.default.createSymbolicLink(
            atPath: StreamingTextFile.partialURL(for: url).path, withDestinationPath: "/dev/full")
        let file = try StreamingTextFile(url: url)
        let thread = OutputThread()
        if throughThread { file.writer = thread }
        // Three buffers' worth: the first write fails, the other two are skipped.
        let line = String(repeating: "x", count: 1023) + "\n"
        for _ in 0..<(3 * StreamingTextFile.flushThreshold / 1024) { file.append(line) }
        let error = try #require(throws: OutputWriteError.self) { try file.close() }
        #expect(error.path == url.path)
        #expect(error.description.hasPrefix("cannot write \(url.path): "))
        // ENOSPC, in the system's words or Foundation's ("There isn’t enough space").
        #expect(error.description.lowercased().contains("space"), "\(error.description)")
        #expect(!FileManager.default.fileExists(atPath: url.path), "a failed file is not renamed into place")
        thread.stop()
    }

    @Test("a file flushed through the thread: all bytes in order, then renamed on close")
    func fileThroughThread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-thread-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("lines.txt")
        let file = try StreamingTextFile(url: url)
        let thread = OutputThread()
        file.writer = thread
        // 200,000 lines of 7–12 bytes: about 2 MiB, so two buffers pass the 1 MiB threshold
        // and go to the thread while the third is still being filled.
        var expected = ""
        for index in 0..<200_000 {
            let line = "line \(index)\n"
            file.append(line)
            expected += line
        }
        #expect(file.bytesWritten == expected.utf8.count)
        try file.close()
        thread.stop()
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        #expect(!FileManager.default.fileExists(atPath: StreamingTextFile.partialURL(for: url).path))
    }
}
