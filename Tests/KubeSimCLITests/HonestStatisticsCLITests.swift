import Foundation
import Testing

/// Censored latencies and outcome counts, through the `kubesim` executable.
@Suite struct HonestStatisticsCLITests {
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
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
