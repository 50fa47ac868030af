import Foundation

/// Where the envelope benchmarks find their scenario directories.
enum EnvelopeFixture {
    /// The repository root, from this file's path (`Benchmarks/ScenarioBenchmarks/…`), so the
    /// defaults do not depend on the directory the benchmark runner starts in.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The full envelope: `$KUBESIM_ENVELOPE_DIR`, else `scenarios/envelope` (5,000 nodes,
    /// 150,000 pods, 24 h, written by `scripts/generate-envelope 5000 scenarios/envelope`).
    static var fullDirectory: String {
        ProcessInfo.processInfo.environment["KUBESIM_ENVELOPE_DIR"]
            ?? repositoryRoot.appendingPathComponent("scenarios/envelope").path
    }

    /// A scaled-down envelope to run: `$KUBESIM_ENVELOPE_SMALL_DIR` when set (nothing is
    /// generated), else a fresh temporary directory written by
    /// `scripts/generate-envelope NODES DIR --hours HOURS`.
    /// - Returns: the directory and whether the caller should remove it afterwards.
    static func smallDirectory(nodes: Int, hours: Int) throws -> (path: String, temporary: Bool) {
        if let given = ProcessInfo.processInfo.environment["KUBESIM_ENVELOPE_SMALL_DIR"] { return (given, false) }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubesim-bench-envelope-\(nodes)-\(hours)h-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/generate-envelope")
        process.arguments = [String(nodes), directory.path, "--hours", String(hours)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(message: "scripts/generate-envelope exited with \(process.terminationStatus)")
        }
        return (directory.path, true)
    }

    /// A fixture that could not be prepared.
    struct FixtureError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
