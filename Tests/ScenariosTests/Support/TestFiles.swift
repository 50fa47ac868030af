import Foundation

/// Files a test writes for the loader to read as a user's (scenarios, traces): in one folder per
/// suite and test process, `kubesim-<suite>-<pid>` in the temporary directory, so a scenario
/// can name a trace written beside it.
enum TestFiles {
    /// The suite's folder, created if needed.
    static func folder(_ suite: String) throws -> String {
        let folder = NSTemporaryDirectory() + "kubesim-\(suite)-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` as `name` in the suite's folder.
    /// - Returns: the file's path.
    static func write(_ text: String, name: String, suite: String) throws -> String {
        let path = try folder(suite) + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
