import ClusterComponents
import Foundation
import Histogram
import KubeModel
import SimulationCore
import Testing

@testable import SimulationOutput

@Suite struct RunStatisticsTests {
    /// `reported` is HdrHistogram's value for the sample `expectedSeconds`: equal at three
    /// significant digits, and never below it.
    func expectEquivalent(
        _ reported: Double, _ expectedSeconds: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let histogram = LatencyRecorder().histogram
        let expected = UInt64((expectedSeconds * 1e6).rounded())
        let value = UInt64((reported * 1e6).rounded())
        #expect(
            histogram.valuesAreEquivalent(value, expected), "\(reported) vs \(expectedSeconds)",
            sourceLocation: sourceLocation)
        #expect(value >= expected, sourceLocation: sourceLocation)
    }

    @Test("scheduling latency: pods created at 0, 1, 2 s and bound at 0.5, 4, 2.25 s")
    func schedulingLatency() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let node = t.addNode("n1")
        let a = t.create("a")
        t.at(0.5)
        t.bind(a, node)
        t.at(1)
        let b = t.create("b")
        t.at(2)
        let c = t.create("c")
        t.at(2.25)
        t.bind(c, node)
        t.at(4)
        t.bind(b, node)
        let summary = stats.summary(cluster: t.cluster, scenarioName: "latency")
        let d = summary.latency.scheduling
        // Latencies by hand: a 0.5 s, b 3 s, c 0.25 s. Nearest rank over {0.25, 0.5, 3}:
        // p50 = 2nd = 0.5; p90, p99, p99.9 = 3rd = 3. Mean = 3.75 / 3 = 1.25.
        #expect(d.count == 3)
        #expect(d.min == 0.25)
        #expect(d.max == 3)
        #expect(d.mean == 1.25)
        #expect(d.censored == 0)
        expectEquivalent(try #require(d.p50), 0.5)
        expectEquivalent(try #require(d.p90), 3)
        expectEquivalent(try #require(d.p99), 3)
        expectEquivalent(try #require(d.p999), 3)
        #expect(summary.pods.created == 3)
        #expect(summary.pods.scheduled == 3)
        #expect(summary.pods.neverScheduled == 0)
    }

    @Test("startup SLO excludes the pull window; startup includes it")
    func startupLatency() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let node = t.addNode("n1")
        let pod = t.create("web")  // created at 0
        t.at(1)
        t.bind(pod, node)
        t.creating(pod)
        t.at(1.5)
        t.event(pod, "Pulling", "Pulling image \"nginx:1.27\"")
        t.at(5.7)
        t.event(
            pod, "Pulled",
            "Successfully pulled image \"nginx:1.27\" in 4.2s (4.2s including waiting). Image size: 1000 bytes.")
        t.at(6)
        t.running(pod)
        // Other pod: no pull, running at 2 s after creation at 3 s.
        t.at(7)
        let quick = t.create("quick")
        t.bind(quick, node)
        t.at(9)
        t.running(quick)
        let summary = stats.summary(cluster: t.cluster, scenarioName: "startup")
        // web: all-in 6 s; SLO 6 − (5.7 − 1.5) = 1.8 s. quick: 2 s both.
        #expect(summary.latency.podStartup.count == 2)
        #expect(summary.latency.podStartup.min == 2)
        #expect(summary.latency.podStartup.max == 6)
        #expect(summary.latency.podStartupSLO.min == 1.8)
        #expect(summary.latency.podStartupSLO.max == 2)
        #expect(summary.latency.imagePull.count == 1)
        #expect(summary.latency.imagePull.max == 4.2)
        #expect(summary.latency.imagePullIncludingWaiting.max == 4.2)
        #expect(summary.pods.started == 2)
        #expect(summary.pods.runningAtEnd == 2)
    }

    @Test(
        "overlapping pull and init windows are subtracted once",
        arguments: [
            ((1.0, 3.0), (2.0, 5.0), 4.0), ((1.0, 2.0), (3.0, 5.0), 3.0), ((-1.0, -1.0), (3.0, 5.0), 2.0),
        ])
    func unionOfWindows(pull: (Double, Double), initWindow: (Double, Double), expected: Double) {
        func ns(_ s: Double) -> Int64 { s < 0 ? -1 : Int64(s * 1e9) }
        let length = RunStatistics.unionLength((ns(pull.0), ns(pull.1)), (ns(initWindow.0), ns(initWindow.1)))
        #expect(length == Int64(expected * 1e9))
    }

    @Test("time-weighted utilisation of one node with known requests")
    func utilisation() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let node = t.addNode("n1", cpu: "4", memory: "8Gi")
        // Pod a: 1 CPU held from 0 to 10 s (Succeeded at 10). Pod b: 2 CPU, 1Gi from 5 s to the end (20 s).
        let a = t.create("a", cpu: "1")
        t.bind(a, node)
        t.at(5)
        let b = t.create("b", cpu: "2", memory: "1Gi")
        t.bind(b, node)
        t.at(10)
        t.running(a)
        t.succeeded(a)
        t.at(20)
        let summary = stats.summary(cluster: t.cluster, scenarioName: "util")
        let cpu = try #require(summary.utilization.cluster["cpu"])
        // ∫cpu = 1·5 + 3·5 + 2·10 = 40 core·s over 20 s ⇒ 2 cores mean, 50 %; peak 3 of 4 = 75 %.
        #expect(cpu.requestedMean == 2)
        #expect(cpu.allocatableMean == 4)
        #expect(cpu.meanFraction == 0.5)
        #expect(cpu.peakFraction == 0.75)
        #expect(cpu.requestedPeak == 3)
        #expect(cpu.requestedAtEnd == 2)
        let memory = try #require(summary.utilization.pools["worker"]?["memory"])
        // 1 GiB of 8 GiB for 15 of 20 s ⇒ 0.75 GiB mean, 9.375 %.
        #expect(memory.meanFraction == 0.09375)
        #expect(memory.requestedMean == 0.75 * 1_073_741_824)
        let pods = try #require(summary.utilization.cluster["pods"])
        // 1 pod for 5 s, 2 for 5 s, 1 for 10 s ⇒ 25 pod·s / 20 s = 1.25 pods.
        #expect(pods.requestedMean == 1.25)
        #expect(summary.pods.succeeded == 1)
    }

    @Test("fragmentation: free capacity on nodes that cannot fit the median pod")
    func fragmentation() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let n1 = t.addNode("n1", cpu: "4", memory: "8Gi")
        let n2 = t.addNode("n2", cpu: "4", memory: "8Gi")
        // Requests 1, 1, 3 CPU (1Gi each): median 1 CPU, 1 GiB.
        let a = t.create("a", cpu: "1", memory: "1Gi")
        let b = t.create("b", cpu: "3500m", memory: "1Gi")
        let c = t.create("c", cpu: "1", memory: "1Gi")
        t.bind(b, n1)  // n1: 0.5 CPU free ⇒ cannot fit
        t.bind(a, n2)
        t.bind(c, n2)  // n2: 2 CPU, 6 GiB free ⇒ 2 more typical pods
        t.at(1)
        let f = stats.summary(cluster: t.cluster, scenarioName: "frag").fragmentation
        #expect(f.typicalPodCPU == 1)
        #expect(f.typicalPodMemory == 1_073_741_824)
        #expect(f.nodes == 2)
        #expect(f.nodesThatCannotFitTypicalPod == 1)
        #expect(f.strandedCPU == 0.5)
        #expect(f.strandedMemory == 7 * 1_073_741_824)
        #expect(f.strandedCPUFraction == 0.0625)
        #expect(f.typicalPodsThatStillFit == 2)
    }

    @Test("unschedulable time, restarts, crash loops and evictions")
    func reliability() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let node = t.addNode("n1")
        let pod = t.create("p")
        t.at(1)
        t.cluster.updatePodStatus(pod) {
            $0.setCondition("PodScheduled", .false, reason: "Unschedulable", at: .seconds(1))
        }
        t.at(31)
        t.bind(pod, node)  // 30 s unschedulable
        t.running(pod)
        t.at(40)
        t.cluster.updatePodStatus(pod) { status in
            status.containerStatuses[0].state = .waiting(reason: "CrashLoopBackOff", message: nil)
            status.containerStatuses[0].restartCount = 2
        }
        t.at(50)
        t.cluster.updatePodStatus(pod) { status in
            status.phase = .failed
            status.reason = "Evicted"
            status.message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. "
        }
        let never = t.create("never")
        t.at(60)
        t.cluster.updatePodStatus(never) {
            $0.setCondition("PodScheduled", .false, reason: "Unschedulable", at: .seconds(60))
        }
        t.at(70)
        let s = stats.summary(cluster: t.cluster, scenarioName: "rel")
        #expect(s.unschedulable.pods == 2)
        #expect(s.unschedulable.totalPodSeconds == 40)  // 30 + 10 still open at the end
        #expect(s.restarts.total == 2)
        #expect(s.restarts.podsRestarted == 1)
        #expect(s.restarts.podsInCrashLoopBackOff == 1)
        #expect(s.evictions.total == 1)
        #expect(s.evictions.byReason == ["NodePressure:memory": 1])
        #expect(s.pods.evicted == 1)
        #expect(s.pods.failed == 0)  // Failed because evicted: counted once, as evicted
        #expect(s.pods.neverScheduled == 1)
        #expect(s.pods.pendingAtEnd == 1)
    }

    @Test("outcomes partition the pods; pods still waiting at the end are censored")
    func outcomesAndCensoring() throws {
        let t = TestCluster()
        let stats = RunStatistics()
        t.cluster.addSink(stats)
        let node = t.addNode("n1", cpu: "64", memory: "64Gi")
        let names = ["done", "rolled", "crashed", "evicted", "never", "running", "starting", "preempted", "withdrawn"]
        var pods: [String: PodID] = [:]
        for name in names { pods[name] = t.create(name) }
        t.at(0.5)
        t.cluster.deletePod(pods["withdrawn"]!)  // deleted while pending: removed at once
        t.at(1)
        for name in names where name != "never" && name != "withdrawn" { t.bind(pods[name]!, node) }
        t.creating(pods["starting"]!)
        t.at(2)
        for name in ["done", "rolled", "crashed", "evicted", "running", "preempted"] { t.running(pods[name]!) }
        t.at(5)
        t.cluster.deletePod(pods["rolled"]!)  // a rollout's scale-down …
        t.succeeded(pods["rolled"]!)  // … whose container then exits 0: deleted, not succeeded
        t.cluster.updatePodStatus(pods["crashed"]!) { $0.phase = .failed }
        t.cluster.updatePodStatus(pods["evicted"]!) { status in
            status.phase = .failed
            status.reason = "Evicted"
            status.message = "The node was low on resource: memory. "
        }
        t.cluster.updatePodStatus(pods["preempted"]!) {
            $0.setCondition("DisruptionTarget", .true, reason: "PreemptionByScheduler", at: .seconds(5))
        }
        t.cluster.deletePod(pods["preempted"]!)
        t.at(10)
        t.succeeded(pods["done"]!)
        t.at(12)
        t.cluster.deletePod(pods["done"]!)  // a finished Job pod cleaned up: still succeeded
        t.at(20)
        let s = stats.summary(cluster: t.cluster, scenarioName: "outcomes")
        let p = s.pods
        #expect(p.created == 9)
        #expect(p.succeeded == 1)  // done
        #expect(p.failed == 1)  // crashed
        #expect(p.deleted == 2)  // rolled, withdrawn
        #expect(p.evicted == 1)
        #expect(p.preempted == 1)
        #expect(p.runningAtEnd == 1)  // running
        #expect(p.pendingAtEnd == 2)  // never, starting
        #expect(p.neverScheduled == 1)  // never
        #expect(p.outcomes.map(\.count).reduce(0, +) == p.created)

        // Scheduling: 7 pods bound after 1 s; "never" waited 20 s and is censored; "withdrawn"
        // left before binding and is not counted. n = 8: p50 = rank 4 = 1 s; p90 = rank
        // ⌈7.2⌉ = 8, the censored one.
        let scheduling = s.latency.scheduling
        #expect(scheduling.count == 7)
        #expect(scheduling.censored == 1)
        #expect(scheduling.atLeast == 20)
        #expect(scheduling.p90 == nil && scheduling.p99 == nil && scheduling.max == nil)
        expectEquivalent(try #require(scheduling.p50), 1)
        // Startup: 6 pods ran at 2 s; "never" and "starting" are still waiting (20 s each).
        // n = 8: p50 = rank 4 = 2 s; p90 = rank 8 censored.
        for startup in [s.latency.podStartup, s.latency.podStartupSLO] {
            #expect(startup.count == 6)
            #expect(startup.censored == 2)
            #expect(startup.atLeast == 20)
            #expect(startup.p90 == nil)
            expectEquivalent(try #require(startup.p50), 2)
        }
        #expect(s.latency.imagePull.censored == 0)
    }

    @Test(
        "Pulled messages: Go durations are parsed",
        arguments: [
            ("Successfully pulled image \"a\" in 1.561s (2s including waiting). Image size: 5 bytes.", 1_561_000_000),
            ("Successfully pulled image \"a\" in 850ms (850ms including waiting). Image size: 5 bytes.", 850_000_000),
            (
                "Successfully pulled image \"a\" in 1m2.5s (1m3s including waiting). Image size: 5 bytes.",
                62_500_000_000
            ),
        ])
    func pullMessage(message: String, nanoseconds: Int64) {
        #expect(RunStatistics.pullDuration(message)?.nanoseconds == nanoseconds)
    }
}
