import Foundation
import Testing

/// `bench fgd` and `bench policies` sharded as sweeps are: shard files from separate processes,
/// `kubesim merge`, and a report from the merged file that equals one machine's output.
@Suite(.serialized) struct BenchShardCLITests {
    /// An openb-format trace small enough for a debug build: 6 nodes, 40 pods of every GPU kind.
    static func writeTinyTrace(into directory: URL) throws {
        var nodes = "sn,cpu_milli,memory_mib,gpu,model\n"
        for index in 0..<6 { nodes += "openb-node-\(index),64000,262144,\(index % 2 == 0 ? 8 : 2),V100M16\n" }
        var pods =
            "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
        for index in 0..<40 {
            let (gpus, milli) = [(1, 300), (1, 1000), (2, 1000), (0, 0), (1, 550)][index % 5]
            pods += "openb-pod-\(index),\(4000 + 1000 * (index % 3)),8192,\(gpus),\(milli),,LS,Running,0,10,0\n"
        }
        try nodes.write(
            to: directory.appendingPathComponent("openb_node_list_gpu_node.csv"), atomically: true, encoding: .utf8)
        try pods.write(
            to: directory.appendingPathComponent("openb_pod_list_default.csv"), atomically: true, encoding: .utf8)
    }

    @Test("bench fgd --shard: three processes, merged, give the one-machine CSV byte for byte; the report runs nothing")
    func fgdShards() throws {
        let fixture = try ShardedSweepFixture()
        try Self.writeTinyTrace(into: fixture.directory)
        let plan = ["bench", "fgd", "--traces", ".", "--policies", "bestfit,fgd", "--seeds", "1,2"]
        let unsharded = try fixture.kubesim(plan + ["--out", "one.csv"])
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        for index in 0..<3 {
            let shard = try fixture.kubesim(plan + ["--shard", "\(index)/3", "--db", "fgd/s-{shard}.sqlite"])
            #expect(shard.status == 0, "\(shard.stderr)")
            // Runs 0…3 in plan order: shard 0 holds runs 0 and 3, the others one each.
            #expect(shard.stderr.contains("holds \(index == 0 ? 2 : 1) of the plan's 4 runs"), "\(shard.stderr)")
            #expect(shard.stderr.contains("bench: published fgd/s-\(index).sqlite"), "\(shard.stderr)")
        }
        let partial = try fixture.kubesim(["merge", "partial.sqlite", "fgd/s-0.sqlite", "fgd/s-2.sqlite"])
        #expect(partial.status == 3, "\(partial.stdout)\(partial.stderr)")
        let merge = try fixture.kubesim(["merge", "fgd.sqlite"] + (0..<3).map { "fgd/s-\($0).sqlite" })
        #expect(merge.status == 0 && merge.stdout.contains("4/4 runs completed"), "\(merge.stdout)\(merge.stderr)")
        // As the emitted merge job runs it (with --quiet).
        let report = try fixture.kubesim(plan + ["--db", "fgd.sqlite", "--out", "merged.csv", "--quiet"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("0 runs in"), "the report ran something: \(report.stderr)")
        let one = try String(contentsOfFile: fixture.path("one.csv"), encoding: .utf8)
        let merged = try String(contentsOfFile: fixture.path("merged.csv"), encoding: .utf8)
        #expect(merged == one)
        #expect(one.split(separator: "\n").count > 4 * 20)
        // Another seed list is another plan: its shard is refused by the merge.
        let other = try fixture.kubesim(
            [
                "bench", "fgd", "--traces", ".", "--policies", "bestfit,fgd", "--seeds", "1,3", "--shard", "1/3",
                "--db",
                "other-{shard}.sqlite",
            ])
        #expect(other.status == 0, "\(other.stderr)")
        let foreign = try fixture.kubesim(["merge", "fgd.sqlite", "other-1.sqlite"])
        #expect(foreign.status == 2 && foreign.stderr.contains("another plan"), "\(foreign.stderr)")
    }

    @Test("--emit slurm for bench fgd and bench policies: shards, merge and report run the bench command")
    func benchEmitters() throws {
        let fixture = try ShardedSweepFixture()
        try Self.writeTinyTrace(into: fixture.directory)
        let fgd = try fixture.kubesim(
            ["bench", "fgd", "--traces", ".", "--seeds", "1,2", "--out", "fgd.csv", "--emit", "slurm", "--shards", "4"])
        #expect(fgd.status == 0, "\(fgd.stderr)")
        #expect(fgd.stdout.contains("# kubesim bench fgd as a Slurm job array"), "\(fgd.stdout)")
        #expect(fgd.stdout.contains("#SBATCH --array=0-3"))
        #expect(fgd.stdout.contains("exec \"$KUBESIM\" bench fgd --traces . "), "\(fgd.stdout)")
        #expect(fgd.stdout.contains("--shard auto/4 --db 'sweep-shards/shard-{shard}.sqlite'"), "\(fgd.stdout)")
        #expect(fgd.stdout.contains("--db sweep-shards/sweep.sqlite --out fgd.csv --quiet"), "\(fgd.stdout)")
        let policies = try fixture.kubesim(
            [
                "bench", "policies", "--suite", ".", "--policies", "default,bestfit", "--replications", "2", "--emit",
                "kubernetes", "--shards", "2", "--image", "example/kubesim:1",
            ])
        #expect(policies.status == 0, "\(policies.stderr)")
        #expect(policies.stdout.contains("# kubesim bench policies as a Kubernetes Indexed Job: 4 runs in 2 shards"))
        #expect(policies.stdout.contains("args: [\"bench\", \"policies\", \"--suite\", \".\""), "\(policies.stdout)")
        let refused = try fixture.kubesim(
            ["bench", "fgd", "--traces", ".", "--out", "x.csv", "--emit", "slurm", "--shards", "2", "--shard", "0/2"])
        #expect(refused.status == 2 && refused.stderr.contains("drop --shard"), "\(refused.stderr)")
    }
}
