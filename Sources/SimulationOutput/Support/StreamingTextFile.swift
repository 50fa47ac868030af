import Foundation

/// A text output that is either a file written through a buffer, or kept in memory.
///
/// A file is written to `<name>.partial` in the destination directory and flushed whenever the
/// buffer passes ``flushThreshold`` bytes, so an interrupted run keeps what it computed; on
/// ``close()`` the partial file is renamed over `<name>` (an atomic replace on POSIX file
/// systems), so a reader never sees a half-written final file. In memory (no directory: sweeps,
/// tests) the text is kept in ``text``.
public final class StreamingTextFile {
    /// Flush to disk once the buffer holds this many bytes (1 MiB).
    public static let flushThreshold = 1 << 20

    /// The final location, or `nil` in memory.
    public let url: URL?
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    /// Everything appended, when kept in memory.
    public private(set) var text = ""
    private var closed = false
    /// Bytes appended so far.
    public private(set) var bytesWritten = 0

    /// Opens `url` for writing (through `<name>.partial`), or keeps the text in memory when `nil`.
    public init(url: URL?) throws {
        self.url = url
        if let url {
            let partial = Self.partialURL(for: url)
            _ = FileManager.default.createFile(atPath: partial.path, contents: nil)
            handle = try FileHandle(forWritingTo: partial)
            buffer.reserveCapacity(Self.flushThreshold + 4096)
        }
    }

    /// The temporary name a file is written under until it is complete.
    public static func partialURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".partial")
    }

    /// Appends text.
    /// - Complexity: amortised O(text.utf8.count).
    public func append(_ piece: String) {
        precondition(!closed, "append after close")
        bytesWritten += piece.utf8.count
        guard handle != nil else {
            text.append(piece)
            return
        }
        buffer.append(contentsOf: piece.utf8)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes the buffer to disk (no-op in memory).
    public func flush() {
        guard let handle, !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the partial file to its final name.
    public func close() throws {
        guard !closed else { return }
        closed = true
        flush()
        guard let handle, let url else { return }
        try handle.close()
        self.handle = nil
        let partial = Self.partialURL(for: url)
        // rename(2) replaces an existing file atomically; Foundation's replaceItemAt fails on
        // Linux when the destination exists (a second run into the same --out directory).
        guard rename(partial.path, url.path) == 0 else {
            let code = errno
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
                ])
        }
    }

    /// Writes a whole file atomically (temporary file in the same directory, then rename).
    public static func writeAtomically(_ contents: String, to url: URL) throws {
        try Data(contents.utf8).write(to: url, options: .atomic)
    }
}
