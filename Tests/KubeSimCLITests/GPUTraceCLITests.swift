import Foundation
import Testing

/// `kubesim run scenarios/gpu-trace --traces DIR` end to end, on a tiny trace written by the test
/// (the real trace is never bundled).
@Suite struct GPUTraceCLITests {
    @Test("run --traces replays a node list and pod list; GPU utilisation is in summary.json")
    func runWithTraces() throws {
        // n-gpu has 2 T4s: a (a whole GPU, deleted at 3600 s) and b (500 milli, T4 only) can only
        // go there; at the end only b holds GPU: 500 of 2000 milli-GPU.
        let traces = try CLITests.temporaryDirectory()
        try """
        sn,cpu_milli,memory_mib,gpu,model
        n-cpu,8000,32768,0,
        n-gpu,16000,65536,2,T4
        """.write(to: traces.appendingPathComponent("openb_node_list_gpu_node.csv"), atomically: true, encoding: .utf8)
        try """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        a,4000,8192,1,1000,,LS,Running,0,3600,0
        b,2000,4096,1,500,T4,LS,Running,10,,10
        c,4000,8192,0,0,,BE,Running,20,,20
        """.write(to: traces.appendingPathComponent("openb_pod_list_default.csv"), atomically: true, encoding: .utf8)
        let out = try CLITests.temporaryDirectory()
        let outcome = try CLITests.kubesim([
            "run", "scenarios/gpu-trace", "--traces", traces.path, "--out", out.path, "--quiet", "--format", "json",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as? [String: Any])
        let utilization = summary["utilization"] as? [String: Any]
        let cluster = utilization?["cluster"] as? [String: Any]
        let gpu = cluster?["alibabacloud.com/gpu-milli"] as? [String: Any]
        #expect((gpu?["allocatableAtEnd"] as? Double) == 2000)
        #expect((gpu?["requestedAtEnd"] as? Double) == 500)
        let events = try String(contentsOf: out.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(events.contains("Successfully assigned default/task-0 to n-gpu"))
        #expect(events.contains("Successfully assigned default/task-1 to n-gpu"))
    }

    @Test(
        "without --traces the missing variable is named with the hint",
        .enabled(if: ProcessInfo.processInfo.environment["KUBESIM_TRACES"] == nil, "KUBESIM_TRACES is set"))
    func missingTraces() throws {
        let outcome = try CLITests.kubesim(["validate", "scenarios/gpu-trace"])
        #expect(outcome.status != 0)
        #expect(
            (outcome.stdout + outcome.stderr).contains(
                "environment variable KUBESIM_TRACES is not set (kubesim run --traces DIR sets it)"))
    }
}
