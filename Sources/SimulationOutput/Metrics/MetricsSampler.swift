import ClusterComponents
import KubeModel
import SimulationCore

/// Samples the cluster's aggregate state every ``interval`` into `metrics.csv`.
///
/// Driven by the cluster's ``ClusterEvent/sample`` event at priority `.late` (after everything
/// else at that instant). The counts and sums come from a ``ClusterLedger`` maintained
/// incrementally, so a sample costs O(pools × resources), not a scan of the pods.
///
/// Columns: `t` (seconds), `pending`, `running`, `succeeded`, `failed` (live pods by phase),
/// then for each resource `requested_<r>` and `allocatable_<r>` for the whole cluster, then the
/// same per pool as `<pool>/requested_<r>`. CPU is in cores, memory and storage in bytes, `pods`
/// in pods. The columns are fixed at the first sample from the resources and pools known then
/// (node allocatable and the requests of pods created so far); a resource or pool that first
/// appears later is not in the CSV (it is in `summary.json`). The kubelet does not expose its
/// image pull queue yet, so there is no pull-queue column. When HorizontalPodAutoscalers exist
/// at the first sample, two columns each follow: `hpa/<ns>/<name>/replicas` (the target's
/// `spec.replicas`) and `hpa/<ns>/<name>/desired` (the autoscaler's last `desiredReplicas`). With the Cluster Autoscaler, each node group
/// adds `nodegroup/<name>/nodes` (live) and `nodegroup/<name>/upcoming` (requested, not Ready).
///
/// Sampling stops by itself when the sample event is the only thing left in the queue, so a
/// run to exhaustion still ends.
public final class MetricsSampler: ClusterRecordSink {
    /// One row, kept for the HTML report.
    public struct Sample: Sendable {
        /// Time of the sample.
        public var time: SimulationTime
        /// Live pods by phase: pending, running, succeeded, failed.
        public var phases: [Int]
        /// Requested/allocatable fraction of CPU and memory: the cluster first, then pools in ``poolNames`` order.
        public var cpuFraction: [Double]
        /// Same for memory.
        public var memoryFraction: [Double]
        /// Each HorizontalPodAutoscaler's target replicas (``autoscalerNames`` order), then each
        /// node group's live nodes (``nodeGroupNames`` order); empty without autoscaling.
        public var autoscaling: [Double] = []
    }

    /// The sampling interval.
    public let interval: SimulationDuration
    /// The ledger read at each sample.
    public let ledger: ClusterLedger
    /// Where the CSV goes.
    public let output: StreamingTextFile
    /// Rows taken so far.
    public private(set) var samples: [Sample] = []
    /// Pool names of the columns, sorted.
    public private(set) var poolNames: [String] = []
    /// `metrics.om`, sampled at the same instants.
    public var openMetrics: OpenMetricsWriter?
    private var resourceNames: [String] = []
    /// The HorizontalPodAutoscalers of the columns (indexes in the workload store), known at the first sample.
    private var autoscalers: [Int] = []
    /// The Cluster Autoscaler's node groups (names), known at the first sample.
    public private(set) var nodeGroupNames: [String] = []
    /// The HorizontalPodAutoscalers of the columns (`namespace/name`), known at the first sample.
    public private(set) var autoscalerNames: [String] = []
    private var headerWritten = false
    private var lastSampleTime: SimulationTime?

    /// Creates a sampler reading `ledger` (attached to the cluster before it).
    public init(interval: SimulationDuration, ledger: ClusterLedger, output: StreamingTextFile) {
        precondition(interval > .zero, "sampling interval must be positive")
        self.interval = interval
        self.ledger = ledger
        self.output = output
    }

    /// Installs the sample handler and schedules the first sample now.
    public func attach(to cluster: Cluster) {
        cluster.sampleHandler = { [weak self] cluster in self?.sampleEvent(cluster) }
        cluster.schedule(.sample, after: .zero, priority: .late)
    }

    /// Reads no event the spam filter dropped.
    public var droppedEventReasons: [String]? { [] }

    /// The metrics sampler reads the ledger only; it needs no records of its own.
    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {}

    private func sampleEvent(_ cluster: Cluster) {
        sample(ClusterView(cluster))
        // Keep sampling while anything else is pending; otherwise the run would never end.
        if cluster.simulation.pendingCount > 0 {
            cluster.schedule(.sample, after: interval, priority: .late)
        }
    }

    /// Takes a sample at the cluster's current time (once per instant).
    public func sample(_ cluster: ClusterView) {
        let now = cluster.now
        if let lastSampleTime, lastSampleTime == now { return }
        lastSampleTime = now
        if !headerWritten { writeHeader(cluster) }
        var row = JSONText.seconds(now)
        var phases: [Int] = []
        for bucket in [ClusterLedger.PhaseBucket.pending, .running, .succeeded, .failed] {
            phases.append(ledger.count(bucket))
            row += ",\(ledger.count(bucket))"
        }
        var cpuFractions: [Double] = [], memoryFractions: [Double] = []
        for pool in [nil] + poolNames.map(Optional.some) {
            for resource in resourceNames {
                let (requested, allocatable) = ledger.current(resource: resource, pool: pool)
                row += "," + JSONText.decimal(Double(requested) / 1000, decimals: 3)
                row += "," + JSONText.decimal(Double(allocatable) / 1000, decimals: 3)
                let fraction = allocatable > 0 ? Double(requested) / Double(allocatable) : 0
                if resource == ResourceName.cpu { cpuFractions.append(fraction) }
                if resource == ResourceName.memory { memoryFractions.append(fraction) }
            }
        }
        var autoscaling: [Double] = []
        for index in autoscalers {
            // The target's `spec.replicas` and the autoscaler's last `desiredReplicas`.
            let object = cluster.workloads.horizontalPodAutoscalers[index]
            let target = object.autoscaler.spec.scaleTargetRef
            let replicas = cluster.replicas(kind: target.kind, namespace: object.namespace, name: target.name)
            row += "," + (replicas.map(String.init) ?? "") + ",\(object.desiredReplicas)"
            autoscaling.append(Double(replicas ?? 0))
        }
        if let autoscaler = cluster.clusterAutoscaler {
            for group in autoscaler.groups.prefix(nodeGroupNames.count) {
                row += ",\(group.nodes.count),\(group.upcoming)"
                autoscaling.append(Double(group.nodes.count))
            }
        }
        output.append(row + "\n")
        openMetrics?.sample(cluster)
        samples.append(
            Sample(
                time: now, phases: phases, cpuFraction: cpuFractions, memoryFraction: memoryFractions,
                autoscaling: autoscaling))
    }

    private func writeHeader(_ cluster: ClusterView) {
        headerWritten = true
        autoscalers = Array(cluster.workloads.horizontalPodAutoscalers.indices)
        resourceNames = ledger.resourceNames.sorted()
        poolNames = ledger.poolNames.sorted()
        var header = "t,pending,running,succeeded,failed"
        for resource in resourceNames { header += ",requested_\(resource),allocatable_\(resource)" }
        for pool in poolNames {
            for resource in resourceNames {
                header += "," + CSVField.quoted("\(pool)/requested_\(resource)")
                header += "," + CSVField.quoted("\(pool)/allocatable_\(resource)")
            }
        }
        for index in autoscalers {
            let object = cluster.workloads.horizontalPodAutoscalers[index]
            header += "," + CSVField.quoted("hpa/\(object.namespace)/\(object.name)/replicas")
            header += "," + CSVField.quoted("hpa/\(object.namespace)/\(object.name)/desired")
        }
        nodeGroupNames = cluster.clusterAutoscaler?.groups.map(\.name) ?? []
        autoscalerNames = autoscalers.map {
            cluster.workloads.horizontalPodAutoscalers[$0].namespace + "/"
                + cluster.workloads.horizontalPodAutoscalers[$0].name
        }
        for group in nodeGroupNames {
            header +=
                "," + CSVField.quoted("nodegroup/\(group)/nodes") + "," + CSVField.quoted("nodegroup/\(group)/upcoming")
        }
        output.append(header + "\n")
    }
}
