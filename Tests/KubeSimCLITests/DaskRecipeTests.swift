import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The Dask recipe of docs/experiments.md (`scripts/dask-sweep.py`) against a real `dask
/// scheduler` and `dask worker` on 127.0.0.1, stopped by pid.
@Suite struct DaskRecipeTests {
    static let dask = CLITests.root.appendingPathComponent(".venv/bin/dask")

    @Test(
        "client.map over the shard indexes, merged, gives the unsharded report",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: dask.path),
            "needs .venv with dask[distributed]: run scripts/bootstrap --test-tools"))
    func daskShards() throws {
        let fixture = try ShardedSweepFixture()
        let reference = try fixture.unsharded()
        let port = 30_000 + Int(getpid() % 10_000)
        let scheduler = try Self.start(
            ["scheduler", "--host", "127.0.0.1", "--port", String(port), "--no-dashboard"],
            log: fixture.path("scheduler.log"))
        defer { Self.stop(scheduler) }
        let worker = try Self.start(
            [
                "worker", "tcp://127.0.0.1:\(port)", "--host", "127.0.0.1", "--nworkers", "2", "--nthreads", "1",
                "--no-dashboard",
            ], log: fixture.path("worker.log"))
        defer { Self.stop(worker) }

        let python = CLITests.root.appendingPathComponent(".venv/bin/python3")
        let outcome = try CLITests.execute(
            python,
            [
                CLITests.root.appendingPathComponent("scripts/dask-sweep.py").path, "--scheduler",
                "tcp://127.0.0.1:\(port)", "--shards", "3", "--dir", "dask-shards", "--kubesim",
                CLITests.executable.path, "--",
            ] + fixture.plan, directory: fixture.directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("12/12 runs completed"), "\(outcome.stderr)")
        #expect(outcome.stdout == reference.table)
    }

    static func start(_ arguments: [String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = dask
        process.arguments = arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// SIGTERM by pid, then SIGKILL if it has not ended after 10 s.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
