import Foundation
import Testing

/// `kubesim sweep --shard`, `kubesim merge` and `--emit kubernetes`, as real processes.
@Suite struct ShardCLITests {
    @Test("shards run as separate processes merge into the unsharded report; a missing shard exits 3")
    func shardsAndMerge() throws {
        let fixture = try ShardedSweepFixture()
        let reference = try fixture.unsharded()
        var shards: [String] = []
        for index in 0..<3 {
            let outcome = try fixture.kubesim(
                ["sweep"] + fixture.plan + [
                    "--shard", "\(index)/3", "--db", "shards/shard-{shard}.sqlite", "--jobs", "2",
                ])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("shard \(index)/3 holds 4 of the plan's 12 runs"), "\(outcome.stderr)")
            shards.append("shards/shard-\(index).sqlite")
            #expect(FileManager.default.fileExists(atPath: fixture.path(shards[index])))
            #expect(!FileManager.default.fileExists(atPath: fixture.path(shards[index] + ".partial")))
        }
        // A rerun of a published shard resumes from its file: nothing to run.
        let rerun = try fixture.kubesim(["sweep"] + fixture.plan + ["--shard", "1/3", "--db", shards[1]])
        #expect(rerun.status == 0 && rerun.stderr.contains("4 already in"), "\(rerun.stderr)")

        // Two shards only: shard 2 is named as missing, exit 3.
        let partial = try fixture.kubesim(["merge", "merged.sqlite", shards[0], shards[1], "shards/shard-2.sqlitex"])
        #expect(partial.status == 3, "\(partial.stdout)\(partial.stderr)")
        #expect(partial.stdout.contains("resubmit shard indexes: 2"), "\(partial.stdout)")
        // Then all of them (shard 1 again: idempotent).
        let merge = try fixture.kubesim(["merge", "merged.sqlite", shards[2], shards[1]])
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stdout.contains("12/12 runs completed"), "\(merge.stdout)")

        let report = try fixture.kubesim(
            ["sweep"] + fixture.plan + ["--db", "merged.sqlite", "--csv", "merged.csv"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("12 already in the database, 0 run now"), "\(report.stderr)")
        #expect(report.stdout == reference.table)
        #expect(try ShardedSweepFixture.deterministicCSV(fixture.path("merged.csv")) == reference.csv)
    }

    @Test("--find with --shard runs the interval's grid; the search on the merged database runs nothing")
    func shardedFind() throws {
        let fixture = try ShardedSweepFixture()
        let find = [
            "tiny.yaml", "--find", "spec.nodes[worker].count=1..4", "--metric", "scheduling.p99", "--target", "<=10s",
            "--confidence", "0.75", "--replications", "4",
        ]
        let unsharded = try fixture.kubesim(["sweep"] + find + ["--quiet"])
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        for index in 0..<2 {
            let shard = try fixture.kubesim(["sweep"] + find + ["--shard", "\(index)/2", "--db", "f-{shard}.sqlite"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("holds 8 of the plan's 16 runs"), "\(shard.stderr)")
        }
        let merge = try fixture.kubesim(["merge", "find.sqlite", "f-0.sqlite", "f-1.sqlite"])
        #expect(merge.status == 0 && merge.stdout.contains("16/16 runs completed"), "\(merge.stdout)")
        let search = try fixture.kubesim(["sweep"] + find + ["--db", "find.sqlite"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(!search.stderr.contains("completed,"), "a run was executed: \(search.stderr)")
        #expect(search.stdout == unsharded.stdout)
        #expect(search.stdout.contains("answer: spec.nodes[worker].count="))
    }

    @Test("bench policies --shard: shard files merge into the unsharded benchmark's runs")
    func benchPoliciesShards() throws {
        let fixture = try ShardedSweepFixture()
        let bench = [
            "bench", "policies", "--suite", ".", "--policies", "default,bestfit", "--replications", "2", "--quiet",
        ]
        let unsharded = try fixture.kubesim(bench + ["--csv", "one.csv"])
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        for index in 0..<3 {
            let shard = try fixture.kubesim(bench + ["--shard", "\(index)/3", "--db", "bench/s-{shard}.sqlite"])
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("bench: published bench/s-\(index).sqlite"), "\(shard.stderr)")
        }
        let merge = try fixture.kubesim(["merge", "bench.sqlite"] + (0..<3).map { "bench/s-\($0).sqlite" })
        #expect(merge.status == 0 && merge.stdout.contains("4/4 runs completed"), "\(merge.stdout)\(merge.stderr)")
        let merged = try fixture.kubesim(bench + ["--db", "bench.sqlite", "--csv", "merged.csv"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(
            try ShardedSweepFixture.deterministicCSV(fixture.path("merged.csv"))
                == ShardedSweepFixture.deterministicCSV(fixture.path("one.csv")))
        // Every column of the table but the wall-clock one (the last).
        func deterministic(_ table: String) -> [String] {
            table.split(separator: "\n").dropFirst(3).map {
                $0.split(separator: " ", omittingEmptySubsequences: true).dropLast(3).joined(separator: " ")
            }
        }
        #expect(deterministic(merged.stdout) == deterministic(unsharded.stdout))
        #expect(deterministic(merged.stdout).count == 2)
    }

    @Test("bad input exits 2: auto without an index, a foreign shard, a usage error")
    func badInput() throws {
        let fixture = try ShardedSweepFixture()
        let auto = try fixture.kubesim(["sweep"] + fixture.plan + ["--shard", "auto/3", "--db", "s-{shard}.sqlite"])
        #expect(auto.status == 2)
        #expect(auto.stderr.contains("SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX"), "\(auto.stderr)")
        let usage = try fixture.kubesim(["sweep"] + fixture.plan + ["--shard", "0/3"])
        #expect(usage.status == 2 && usage.stderr.contains("--shard needs --db"), "\(usage.stderr)")

        let mine = try fixture.kubesim(["sweep"] + fixture.plan + ["--shard", "0/2", "--db", "a-0.sqlite"])
        #expect(mine.status == 0, "\(mine.stderr)")
        var other = fixture.plan
        other[other.count - 1] = "3"
        let foreign = try fixture.kubesim(["sweep"] + other + ["--shard", "1/2", "--db", "b-1.sqlite"])
        #expect(foreign.status == 0, "\(foreign.stderr)")
        let merge = try fixture.kubesim(["merge", "m.sqlite", "a-0.sqlite", "b-1.sqlite"])
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("b-1.sqlite: belongs to another plan than a-0.sqlite"), "\(merge.stderr)")
        // Resuming a shard into another plan's file is refused too.
        let resume = try fixture.kubesim(["sweep"] + fixture.plan + ["--shard", "1/2", "--db", "b-1.sqlite"])
        #expect(resume.status == 2 && resume.stderr.contains("another plan"), "\(resume.stderr)")
    }

    @Test(
        "the emitted Indexed Job validates and, run as N processes with JOB_COMPLETION_INDEX, gives the report",
        .enabled(
            if: KubernetesManifestCheck.available,
            "needs .venv with the Python kubernetes client: run scripts/bootstrap --test-tools"))
    func indexedJob() throws {
        let fixture = try ShardedSweepFixture()
        let reference = try fixture.unsharded()
        let shardDirectory = fixture.path("volume")
        let emitted = try fixture.kubesim(
            ["sweep"] + fixture.plan + [
                "--emit", "kubernetes", "--shards", "3", "--image", "registry.example/kubesim:test",
                "--shard-dir", shardDirectory, "--csv", fixture.path("volume/sweep.csv"),
            ])
        #expect(emitted.status == 0, "\(emitted.stderr)")
        let manifest = fixture.path("sweep.yaml")
        try emitted.stdout.write(toFile: manifest, atomically: true, encoding: .utf8)

        let check = try KubernetesManifestCheck.run(manifest)
        let documents = check.documents
        #expect(documents.map(\.kind) == ["PersistentVolumeClaim", "Job", "Job"])
        let job = documents[1].spec
        #expect(job["completionMode"] as? String == "Indexed")
        #expect(job["completions"] as? Int == 3)
        #expect(job["podReplacementPolicy"] as? String == "Failed")
        #expect((job["backoffLimitPerIndex"] as? Int ?? 0) >= 1)
        let rule = ((job["podFailurePolicy"] as? [String: Any])?["rules"] as? [[String: Any]])?.first
        #expect(rule?["action"] as? String == "FailIndex")
        #expect((rule?["onExitCodes"] as? [String: Any])?["values"] as? [Int] == [2])
        #expect(documents[2].spec["suspend"] as? Bool == true)

        // The Job controller sets JOB_COMPLETION_INDEX in each pod; the pods share the volume.
        try FileManager.default.createDirectory(atPath: shardDirectory, withIntermediateDirectories: true)
        for index in 0..<3 {
            let outcome = try fixture.kubesim(
                check.shardArguments, environment: ["JOB_COMPLETION_INDEX": String(index)])
            #expect(outcome.status == 0, "shard \(index): \(outcome.stderr)")
        }
        let merge = try fixture.kubesim(check.mergeArguments)
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        let report = try fixture.kubesim(check.reportArguments)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout == reference.table)
        #expect(try ShardedSweepFixture.deterministicCSV(fixture.path("volume/sweep.csv")) == reference.csv)
    }
}
