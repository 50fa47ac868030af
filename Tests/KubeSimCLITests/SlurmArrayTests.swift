import Foundation
import Testing

/// The emitted Slurm script on a real one-node Slurm: the array runs the shards, one task
/// fails once and is requeued with `scontrol requeue`, the merge job (afterany) merges, and
/// its report equals the unsharded sweep's.
@Suite(.serialized) struct SlurmArrayTests {
    @Test(
        "a sweep as a Slurm job array, one task requeued, merged into the unsharded report",
        .enabled(
            if: LocalSlurm.available,
            "needs root and Slurm + MUNGE from Debian (scripts/bootstrap --test-tools installs slurm-wlm and munge)"))
    func jobArray() throws {
        let fixture = try ShardedSweepFixture()
        let reference = try fixture.unsharded()
        let emitted = try fixture.kubesim(
            ["sweep"] + fixture.plan + ["--emit", "slurm", "--shards", "4", "--csv", "sweep.csv"])
        #expect(emitted.status == 0, "\(emitted.stderr)")
        #expect(emitted.stdout.contains("#SBATCH --array=0-3"))
        #expect(emitted.stdout.contains("#SBATCH --requeue"))
        #expect(emitted.stdout.contains("--dependency=afterany:"))
        let script = fixture.path("sweep.sbatch.sh")
        try emitted.stdout.write(toFile: script, atomically: true, encoding: .utf8)

        let slurm = try LocalSlurm()
        defer { slurm.stop() }
        // Shard 2 fails on its first attempt: its working file cannot be opened (exit 1, retryable).
        let blocker = fixture.path("sweep-shards/shard-2.sqlite.partial")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: true)

        let submitted = try slurm.run(
            "/bin/bash", [script], environment: ["KUBESIM": CLITests.executable.path])
        #expect(submitted.status == 0, "\(submitted.stdout)\(submitted.stderr)")
        let ids = submitted.stdout.split(whereSeparator: { !$0.isNumber }).map(String.init)
        try #require(ids.count >= 3, "\(submitted.stdout)")
        let (array, merge) = (ids[0], ids[2])
        // Keep the merge from starting before the requeued task has run (afterany is met by a failure).
        #expect(try slurm.run("/usr/bin/scontrol", ["hold", merge]).status == 0)

        try waitUntil(seconds: 30, "shard 2 to fail") { try slurm.state("\(array)_2") == "FAILED" }
        try FileManager.default.removeItem(atPath: blocker)
        let requeue = try slurm.run("/usr/bin/scontrol", ["requeue", "\(array)_2"])
        #expect(requeue.status == 0, "\(requeue.stderr)")
        // A requeued job waits for the credential lifetime (AuthInfo cred_expire: 120 s by default,
        // 5 s here) before it starts again; forcing StartTime=now races with slurmd, which refuses
        // to relaunch a job it has just ended ("already killed").
        // afterany may already be met (every task had ended when shard 2 failed), and a requeue does
        // not undo that: release the merge only once the requeued task has finished.
        try waitUntil(seconds: 40, "the requeued shard 2") {
            ["COMPLETED", "FAILED"].contains(try slurm.state("\(array)_2"))
        }
        #expect(try slurm.state("\(array)_2") == "COMPLETED")
        #expect(try slurm.run("/usr/bin/scontrol", ["release", merge]).status == 0)

        try waitUntil(seconds: 40, "the merge job") { ["COMPLETED", "FAILED"].contains(try slurm.state(merge)) }
        let log = (try? String(contentsOfFile: fixture.path("sweep-shards/merge.log"), encoding: .utf8)) ?? ""
        #expect(try slurm.state(merge) == "COMPLETED", "\(log)")
        #expect(log.contains("12/12 runs completed"), "\(log)")
        let shardLog = try String(contentsOfFile: fixture.path("sweep-shards/shard-2.log"), encoding: .utf8)
        #expect(shardLog.contains("results database"), "the first attempt's failure: \(shardLog)")
        #expect(shardLog.contains("published"), "the requeued attempt: \(shardLog)")
        let report = try String(contentsOfFile: fixture.path("sweep-shards/report.txt"), encoding: .utf8)
        #expect(report == reference.table)
        #expect(try ShardedSweepFixture.deterministicCSV(fixture.path("sweep.csv")) == reference.csv)
    }
}
