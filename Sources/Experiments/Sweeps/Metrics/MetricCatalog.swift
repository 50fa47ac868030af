import SimulationOutput

/// The statistics every sweep and benchmark run records: one SQLite column, one CSV column and
/// one name for `--metric` each.
///
/// Latencies are in seconds of simulated time, fractions in [0, 1]. `startup.*` is the pod
/// startup latency as the Kubernetes SLO defines it (creation → all containers running and
/// observed, image pulls excluded). Percentiles are the run summary's, censored at the end of
/// the run (``DistributionSummary``): pods still waiting for the milestone count as the slowest
/// samples, and a percentile that falls among them is +∞ here (∞ in tables, `inf` in CSV), so a
/// `<=` target is never met by it. Pods deleted before the milestone are left out.
public enum MetricCatalog {
    /// One metric.
    public struct Definition: Sendable, Hashable {
        /// The `--metric` name, e.g. `startup.p99`.
        public var name: String
        /// The SQLite/CSV column, e.g. `startup_p99`.
        public var column: String
        /// Unit for tables: `s`, `µs`, `%` (a fraction shown as a percentage) or empty.
        public var unit: String
        /// What it is.
        public var help: String
    }

    /// Every metric, in column order.
    public static let all: [Definition] = [
        Definition(name: "startup.p50", column: "startup_p50", unit: "s", help: "pod startup SLO latency, median"),
        Definition(
            name: "startup.p90", column: "startup_p90", unit: "s", help: "pod startup SLO latency, 90th percentile"),
        Definition(
            name: "startup.p99", column: "startup_p99", unit: "s", help: "pod startup SLO latency, 99th percentile"),
        Definition(
            name: "startup.mean", column: "startup_mean", unit: "s",
            help: "pod startup SLO latency, mean over started pods"),
        Definition(
            name: "startup_all.p99", column: "startup_all_p99", unit: "s",
            help: "creation → running incl. image pulls, p99"),
        Definition(
            name: "scheduling.p50", column: "scheduling_p50", unit: "s",
            help: "creation → binding (pending time), median"),
        Definition(
            name: "scheduling.p99", column: "scheduling_p99", unit: "s", help: "creation → binding (pending time), p99"),
        Definition(name: "pods.created", column: "pods_created", unit: "", help: "pods created"),
        Definition(name: "pods.scheduled", column: "pods_scheduled", unit: "", help: "pods bound to a node"),
        Definition(name: "pods.started", column: "pods_started", unit: "", help: "pods whose containers all ran"),
        Definition(
            name: "pods.pending_at_end", column: "pods_pending_at_end", unit: "", help: "pods pending at the end"),
        Definition(name: "pods.preempted", column: "pods_preempted", unit: "", help: "pods preempted"),
        Definition(name: "pods.evicted", column: "pods_evicted", unit: "", help: "pods evicted"),
        Definition(name: "placement", column: "placement", unit: "%", help: "fraction of created pods that were bound"),
        Definition(
            name: "unschedulable.pod_seconds", column: "unschedulable_pod_seconds", unit: "s",
            help: "pod-seconds Unschedulable"),
        Definition(name: "util.cpu", column: "util_cpu", unit: "%", help: "time-weighted requested/allocatable CPU"),
        Definition(
            name: "util.memory", column: "util_memory", unit: "%", help: "time-weighted requested/allocatable memory"),
        Definition(name: "util.cpu_peak", column: "util_cpu_peak", unit: "%", help: "peak requested/allocatable CPU"),
        Definition(name: "frag.cpu", column: "frag_cpu", unit: "%", help: "stranded CPU / allocatable CPU at the end"),
        Definition(
            name: "frag.memory", column: "frag_memory", unit: "%",
            help: "stranded memory / allocatable memory at the end"),
        Definition(name: "nodes.total", column: "nodes_total", unit: "", help: "nodes in the cluster at the start"),
        Definition(name: "nodes.used", column: "nodes_used", unit: "", help: "nodes that ever had a pod bound"),
        Definition(name: "scheduler.attempts", column: "scheduler_attempts", unit: "", help: "scheduling attempts"),
        Definition(
            name: "scheduler.decision_us", column: "scheduler_decision_us", unit: "µs",
            help: "scheduler wall time per attempt"),
        Definition(name: "sim.seconds", column: "sim_seconds", unit: "s", help: "simulated time covered"),
        Definition(name: "wall.seconds", column: "wall_seconds", unit: "s", help: "wall time of the run"),
        Definition(name: "events", column: "events", unit: "", help: "engine events processed"),
        Definition(
            name: "cost", column: "cost", unit: "",
            help: "Cluster Autoscaler node groups: pricePerHour × billed node-hours (nan without node groups)"),
        Definition(
            name: "nodeHours", column: "node_hours", unit: "",
            help: "Cluster Autoscaler node groups: billed node-hours (nan without node groups)"),
        Definition(
            name: "scaleUpWait.p99", column: "scale_up_wait_p99", unit: "s",
            help: "creation → binding of pods that triggered a scale-up, p99 (nan without any)"),
    ]

    /// The names, for messages.
    public static var names: [String] { all.map(\.name) }

    /// The index of a metric by name (also accepts the column name).
    public static func index(of name: String) -> Int? {
        all.firstIndex { $0.name == name || $0.column == name }
    }

    /// The definition by name.
    /// - Throws: ``SweepError/unknownMetric(_:)``.
    public static func definition(_ name: String) throws(SweepError) -> Definition {
        guard let index = index(of: name) else { throw .unknownMetric(name) }
        return all[index]
    }

    /// The values of a finished run, in catalog order.
    /// - Parameters:
    ///   - summary: the run's statistics.
    ///   - probe: what ``RunProbe`` measured alongside.
    public static func values(summary: RunSummary, probe: RunProbe.Figures) -> [Double] {
        let created = Double(summary.pods.created)
        /// A censored percentile is known only to be at least some value: +∞ for comparisons.
        func quantile(_ value: Double?) -> Double { value ?? .infinity }
        let slo = summary.latency.podStartupSLO
        let cpu = summary.utilization.cluster["cpu"] ?? RunSummary.ResourceUsage()
        let memory = summary.utilization.cluster["memory"] ?? RunSummary.ResourceUsage()
        let values: [Double] = [
            quantile(slo.p50),
            quantile(slo.p90),
            quantile(slo.p99),
            slo.count > 0 ? slo.mean : .nan,
            quantile(summary.latency.podStartup.p99),
            quantile(summary.latency.scheduling.p50),
            quantile(summary.latency.scheduling.p99),
            created,
            Double(summary.pods.scheduled),
            Double(summary.pods.started),
            Double(summary.pods.pendingAtEnd),
            Double(summary.pods.preempted),
            Double(summary.pods.evicted),
            created > 0 ? Double(summary.pods.scheduled) / created : .nan,
            summary.unschedulable.totalPodSeconds,
            cpu.meanFraction,
            memory.meanFraction,
            cpu.peakFraction,
            summary.fragmentation.strandedCPUFraction,
            summary.fragmentation.strandedMemoryFraction,
            Double(probe.nodes),
            Double(probe.nodesUsed),
            Double(probe.attempts),
            probe.attempts > 0 ? probe.schedulerWallSeconds * 1e6 / Double(probe.attempts) : .nan,
            summary.simulatedSeconds,
            probe.wallSeconds,
            Double(summary.engine.eventsProcessed),
            summary.autoscaling?.clusterAutoscaler?.cost ?? .nan,
            summary.autoscaling?.clusterAutoscaler?.nodeHours ?? .nan,
            summary.autoscaling?.clusterAutoscaler.map {
                $0.scaleUpWait.count > 0 || $0.scaleUpWait.censored > 0 ? quantile($0.scaleUpWait.p99) : .nan
            } ?? .nan,
        ]
        assert(values.count == all.count)
        return values
    }
}
