import Benchmark
import ClusterComponents
import SimulationCore

/// Scheduling throughput at 5,000 nodes (issue 9): 10,000 pending pods placed by the default
/// profile in one second of virtual time. Only that run is measured; building the cluster is not.
/// `pods/s` is pods scheduled per second of wall time of the run (a custom metric: ordo-one's
/// `.throughput` counts iterations per second in powers of 1,000, and an iteration here is
/// 10,000 pods).
func schedulingBenchmarks() {
    let nodes = 5_000
    let pods = 10_000
    for schedulerOnly in [true, false] {
        let variant = schedulerOnly ? "scheduling only" : "with kubelets"
        Benchmark(
            "schedule 10,000 pods on 5,000 nodes, \(variant)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .peakMemoryResident, BenchmarkMetric.podsPerSecond],
                warmupIterations: 0, scalingFactor: .one, maxDuration: .seconds(30), maxIterations: 5)
        ) { benchmark in
            let cluster = SchedulingFixture.cluster(nodes: nodes, pods: pods, schedulerOnly: schedulerOnly)
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let started = clock.now
            cluster.run(until: .time(cluster.now + .seconds(1)))
            let elapsed = clock.now - started
            benchmark.stopMeasurement()
            let placed = cluster.scheduler.scheduledCount
            if placed != pods { benchmark.error("scheduled \(placed) of \(pods) pods in one virtual second") }
            benchmark.measurement(.podsPerSecond, Int((Double(placed) / elapsed.inSeconds).rounded()))
            blackHole(cluster)
        }
    }
}
