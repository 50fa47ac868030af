import Foundation
import Testing

/// Censored latencies and outcome counts, through the `kubesim` executable.
@Suite struct HonestStatisticsCLITests {
    /// One node of `nodeCPU` cores and a Deployment of `replicas` pods requesting
    /// `podMilliCPU` millicores each, all created at time zero, for `duration`.
    static func oneNodeScenario(replicas: Int, podMilliCPU: Int, nodeCPU: Int, duration: String) throws -> URL {
        let directory = try CLITests.temporaryDirectory()
        try """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: one-node}
        spec:
          seed: 1
          duration: \(duration)
          nodes:
          - name: web
            count: 1
            capacity: {cpu: "\(nodeCPU)", memory: 64Gi, pods: "110"}
        """.write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: \(replicas)
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                resources: {requests: {cpu: \(podMilliCPU)m, memory: 256Mi}}
        """.write(to: directory.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("one node that fits a third of the pods: scheduling p99 is censored, and --find does not answer 1 node")
    func oneNodeCensored() throws {
        // 12 pods of 250m on nodes of 1 CPU: 4 fit per node, so 8 never schedule on one node
        // and 3 nodes are the least that schedule all 12.
        let replicas = 12, podMilli = 250, nodeCPU = 1
        let perNode = nodeCPU * 1000 / podMilli
        let scenario = try Self.oneNodeScenario(
            replicas: replicas, podMilliCPU: podMilli, nodeCPU: nodeCPU, duration: "30m")
        let out = try CLITests.temporaryDirectory()
        let run = try CLITests.kubesim(["run", scenario.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")

        let summary = try Self.json(out.appendingPathComponent("summary.json"))
        let pods = try #require(summary["pods"] as? [String: Any])
        let waiting = replicas - perNode
        #expect(pods["created"] as? Int == replicas)
        #expect(pods["scheduled"] as? Int == perNode)
        #expect(pods["neverScheduled"] as? Int == waiting)
        let latency = try #require(summary["latency"] as? [String: Any])
        let scheduling = try #require(latency["scheduling"] as? [String: Any])
        // n = 12, 4 recorded: p99 has rank ⌈11.88⌉ = 12 > 4, so it lies among the 8 censored.
        #expect(scheduling["p99"] is NSNull)
        #expect(scheduling["count"] as? Int == perNode)
        #expect(scheduling["censored"] as? Int == waiting)
        // Every pod was created at time zero, so each waiting pod waited the whole run.
        let simulated = try #require(summary["simulatedSeconds"] as? Double)
        #expect(simulated == 1800)
        #expect(scheduling["atLeast"] as? Double == simulated)
        // The table shows the censored percentiles as "> 30m" (the run's length).
        let schedulingRow = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("  scheduling ") })
        #expect(schedulingRow.contains("> 30m"), "\(schedulingRow)")

        let find = try CLITests.kubesim([
            "sweep", scenario.path, "--find", "spec.nodes[web].count=1..4", "--metric", "scheduling.p99",
            "--target", "<=20m", "--replications", "1", "--quiet",
        ])
        #expect(find.status == 0, "\(find.stdout)\(find.stderr)")
        #expect(
            find.stdout.contains("probe spec.nodes[web].count=1: 0/1 replications meet the target"), "\(find.stdout)")
        let needed = (replicas + perNode - 1) / perNode
        #expect(find.stdout.contains("answer: spec.nodes[web].count=\(needed) "), "\(find.stdout)")
    }

    @Test("the demo's outcomes are disjoint, sum to the pods created, and succeeded counts the Job pods that completed")
    func demoOutcomes() throws {
        let out = try CLITests.temporaryDirectory()
        let run = try CLITests.kubesim(["run", "scenarios/demo", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let pods = try #require(Self.json(out.appendingPathComponent("summary.json"))["pods"] as? [String: Int])
        let outcomes = ["succeeded", "failed", "deleted", "evicted", "preempted", "runningAtEnd", "pendingAtEnd"]
        let created = try #require(pods["created"])
        #expect(try outcomes.map { try #require(pods[$0]) }.reduce(0, +) == created)

        // Independently, from events.jsonl: the Jobs are the objects of kind Job that events name;
        // their pods are named `<job>-<suffix>` (the Job controller's generateName). The
        // `SuccessfulCreate` events cannot list them: the correlator combines similar ones.
        var jobs = Set<String>()
        var evictionEvents = 0
        for line in try String(contentsOf: out.appendingPathComponent("events.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        {
            let event = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let object = event["involvedObject"] as? [String: Any]
            let reason = event["reason"] as? String
            if object?["kind"] as? String == "Job", let name = object?["name"] as? String { jobs.insert(name) }
            if reason == "TaintManagerEviction" || reason == "Evicted" || reason == "Preempted" { evictionEvents += 1 }
        }
        // From timeline.jsonl: a pod completed when its phase became Succeeded before it was ever
        // shown Terminating (a deleted pod whose container then exits 0 did not complete).
        var terminating = Set<String>()
        var completed = Set<String>()
        var seen = Set<String>()
        for line in try String(contentsOf: out.appendingPathComponent("timeline.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        {
            let row = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard row["kind"] as? String == "Pod", let name = row["name"] as? String else { continue }
            seen.insert(name)
            if row["status"] as? String == "Terminating" { terminating.insert(name) }
            if row["phase"] as? String == "Succeeded", !terminating.contains(name) { completed.insert(name) }
        }
        #expect(seen.count == created)
        let jobPods = seen.filter { name in jobs.contains { name.hasPrefix($0 + "-") } }
        #expect(!jobPods.isEmpty)
        #expect(pods["succeeded"] == completed.intersection(jobPods).count)
        #expect(pods["succeeded"] == completed.count)  // only Job pods complete in the demo
        #expect(completed.isSubset(of: jobPods))
        // Pods deleted by the rollout reach Succeeded too, after Terminating; they are not succeeded.
        #expect(terminating.count > 0)
        #expect((pods["evicted"] ?? 0) + (pods["preempted"] ?? 0) == evictionEvents)
    }
}
