import Foundation

/// Checks an output directory before any work starts, so a run of minutes never ends in "cannot
/// write", and says what is wrong in plain words.
enum OutputDirectory {
    /// Fails unless `path` is a writable directory or can be created as one.
    /// - Throws: `ValidationError`-like message via ``StandardError`` and `ExitCode` 2.
    static func check(_ path: String, option: String = "--out") -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return "\(option) \(path): exists and is not a directory" }
            guard manager.isWritableFile(atPath: path) else { return "\(option) \(path): directory is not writable" }
            return nil
        }
        // The nearest existing ancestor must be a writable directory (`out/demo` with no `out`
        // yet: the working directory).
        var ancestor = path
        repeat {
            let parent = (ancestor as NSString).deletingLastPathComponent
            ancestor = parent.isEmpty ? "." : parent
        } while !manager.fileExists(atPath: ancestor) && ancestor != "." && ancestor != "/"
        guard manager.fileExists(atPath: ancestor, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "\(option) \(path): cannot be created (\(ancestor) is not a directory)"
        }
        guard manager.isWritableFile(atPath: ancestor) else {
            return "\(option) \(path): cannot be created (\(ancestor) is not writable)"
        }
        return nil
    }
}
