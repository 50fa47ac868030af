import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Testing

/// A by-hand throughput measurement, not a timed test: it only runs when
/// `KUBESIM_SCHEDULER_BENCH=1` is set, and prints pods per second of wall time.
///
///     KUBESIM_SCHEDULER_BENCH=1 swift test -c release --filter SchedulerThroughputMeasurement
@Suite struct SchedulerThroughputMeasurement {
    /// Places `pods` plain pods (100m/200Mi, one per owner-less pod) on `nodes` nodes
    /// (32 CPU / 128 Gi / 110 pods) with the default profile.
    /// - Returns: (pods scheduled, wall seconds of the scheduling run).
    /// With `schedulerOnly`, binding is deferred by an hour of virtual time, so the measured
    /// second contains only scheduling cycles (as scheduler_perf, which runs no kubelets).
    static func measure(nodes: Int, pods: Int, policy: SchedulerPolicy? = nil, schedulerOnly: Bool) -> (Int, Double) {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: 35)
        if schedulerOnly { configuration.bindLatency = .seconds(3600) }
        let cluster = Cluster(configuration: configuration)
        if let policy { cluster.scheduler.usePolicy(policy) }
        for i in 0..<nodes {
            let name = "node-\(i)"
            cluster.addNode(
                Node(
                    metadata: ObjectMeta(
                        name: name,
                        labels: ["kubernetes.io/hostname": name, "topology.kubernetes.io/zone": "zone-\(i % 3)"]),
                    status: NodeStatus(capacity: ["cpu": "32", "memory": "128Gi", "pods": "110"])),
                pool: "bench")
        }
        let container = Container(
            name: "app", image: "registry.example/app:1.0",
            resources: ResourceRequirements(requests: ["cpu": "100m", "memory": "200Mi"]))
        for i in 0..<pods {
            cluster.createPod(Pod(metadata: ObjectMeta(name: "p-\(i)", namespace: "default"), spec: PodSpec(containers: [container])))
        }
        let start = Date()
        cluster.run(until: .time(cluster.now + .seconds(1)))
        let seconds = Date().timeIntervalSince(start)
        return (cluster.scheduler.scheduledCount, seconds)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KUBESIM_SCHEDULER_BENCH"] != nil))
    func defaultProfile() {
        for schedulerOnly in [true, false] {
            for (nodes, pods) in [(500, 20_000), (5_000, 20_000)] {
                let (placed, seconds) = Self.measure(nodes: nodes, pods: pods, schedulerOnly: schedulerOnly)
                let mode = schedulerOnly ? "scheduler only" : "with kubelets"
                print("scheduler (\(mode)): \(nodes) nodes, \(placed) pods in \(seconds) s → \(Int(Double(placed) / seconds)) pods/s")
            }
        }
    }
}
