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
    /// Bytes appended and not yet written to disk; in memory, every byte appended. Writers
    /// append into it directly (``append(_:)-(((inout [UInt8]) -> Void))``), so a line costs no
    /// `String` of its own.
    private var buffer: [UInt8] = []
    private var closed = false
    /// Bytes already handed to the disk.
    private var flushedBytes = 0
    /// Where full buffers are written when the run has an output thread (the simulation goes on
    /// filling a fresh buffer meanwhile); `nil`: on the appending thread.
    var writer: OutputThread?
    /// Bytes appended so far.
    public var bytesWritten: Int { flushedBytes + buffer.count }
    /// Everything appended, when kept in memory (empty for a file).
    public var text: String { url == nil ? String(decoding: buffer, as: UTF8.self) : "" }

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
        append { $0.append(contentsOf: piece.utf8) }
    }

    /// Appends the bytes `build` adds to the buffer (UTF-8 text; the writers' hot path).
    /// - Complexity: amortised O(bytes added).
    @inline(__always)
    func append(_ build: (inout [UInt8]) -> Void) {
        precondition(!closed, "append after close")
        build(&buffer)
        if handle != nil, buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes the buffer to disk (no-op in memory); with a ``writer``, hands it over to be written.
    public func flush() {
        guard let handle, !buffer.isEmpty else { return }
        flushedBytes += buffer.count
        if let writer {
            let full = buffer
            buffer = []
            buffer.reserveCapacity(Self.flushThreshold + 4096)
            writer.submit { handle.write(Data(full)) }
        } else {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Flushes, closes and renames the partial file to its final name.
    public func close() throws {
        guard !closed else { return }
        closed = true
        flush()
        writer?.drain()
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
