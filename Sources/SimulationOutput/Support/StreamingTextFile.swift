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
    /// The first failed write, shared with the output thread.
    private let failure = WriteFailure()
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
            // open(2) creates or truncates in place (FileManager.createFile writes a new file and
            // renames it over the path, and its failure was ignored).
            let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Self.lastPOSIXError(path: partial.path) }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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
            let failure = failure
            writer.submit { failure.write(full, to: handle) }
        } else {
            failure.write(buffer, to: handle)
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
        if let error = failure.error {
            throw OutputWriteError(path: url.path, partialPath: partial.path, reason: error)
        }
        // rename(2) replaces an existing file atomically; Foundation's replaceItemAt fails on
        // Linux when the destination exists (a second run into the same --out directory).
        guard rename(partial.path, url.path) == 0 else { throw Self.lastPOSIXError(path: url.path) }
    }

    /// The failed system call's `errno` as the Cocoa error Foundation's own file calls throw
    /// (``FileErrorText`` words it for the CLI).
    private static func lastPOSIXError(path: String) -> CocoaError {
        let code = errno
        return CocoaError(
            .fileWriteUnknown,
            userInfo: [
                NSFilePathErrorKey: path,
                NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
            ])
    }

    /// Writes a whole file atomically (temporary file in the same directory, then rename).
    public static func writeAtomically(_ contents: String, to url: URL) throws {
        try Data(contents.utf8).write(to: url, options: .atomic)
    }
}

/// The first error writing a file's bytes (a full disk, an I/O error), recorded instead of
/// trapping: Foundation's `FileHandle.write(_: Data)` stops the process on any error, so a full
/// disk crashed a run. Later writes of the file are skipped and ``StreamingTextFile/close()``
/// throws. Written from the output thread and read after it drained, hence the lock.
final class WriteFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?

    /// Writes `bytes` unless an earlier write failed; records the first failure.
    func write(_ bytes: [UInt8], to handle: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        guard first == nil else { return }
        do { try handle.write(contentsOf: bytes) } catch { first = error }
    }

    /// The first failure, if any.
    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }
}

/// An output file could not be written completely; what was written is kept under its
/// `.partial` name.
public struct OutputWriteError: Error, CustomStringConvertible, LocalizedError {
    /// The file's final path.
    public let path: String
    /// Where the bytes written so far are.
    public let partialPath: String
    /// The underlying error (e.g. ENOSPC).
    public let reason: any Error

    public var description: String {
        return "cannot write \(path): \(FileErrorText.reason(reason)); what was written so far is in \(partialPath)"
    }

    public var errorDescription: String? { description }
}
