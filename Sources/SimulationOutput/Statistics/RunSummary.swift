/// The statistics of one run: what `summary.json` holds.
///
/// Everything except ``engine`` is a function of the scenario and the seed only, so two runs
/// with the same seed encode to the same bytes apart from that object. Latencies are in
/// seconds of simulated time; resource amounts in whole units (cores, bytes, pods).
public struct RunSummary: Codable, Sendable, Hashable {
    /// Scenario name.
    public var scenario = ""
    /// Master seed.
    public var seed: UInt64 = 0
    /// Simulated time covered, in seconds.
    public var simulatedSeconds = 0.0
    /// Pods by outcome.
    public var pods = PodCounts()
    /// Latency distributions.
    public var latency = Latencies()
    /// Container restarts.
    public var restarts = Restarts()
    /// Evictions (kubelet, taint manager, eviction API).
    public var evictions = Evictions()
    /// Time pods spent with `PodScheduled=False`.
    public var unschedulable = Unschedulable()
    /// Requested / allocatable, time-weighted, for the cluster and per pool.
    public var utilization = Utilization()
    /// Capacity stranded on nodes that cannot take a typical pod, at the end of the run.
    public var fragmentation = Fragmentation()
    /// Kubernetes Events recorded.
    public var events = EventCounts()
    /// Writes the API server refused (inputs or actions naming a missing namespace or
    /// PriorityClass, an existing name, …); `nil` when there were none, so runs without
    /// refusals keep their summary unchanged.
    public var api: APIWrites?
    /// HorizontalPodAutoscalers and what they did; `nil` (absent) when the run has none, so
    /// other runs keep their summary unchanged.
    public var autoscaling: Autoscaling?
    /// `true` when the run was interrupted (Ctrl-C) before its end: every figure covers
    /// `simulatedSeconds` only. Absent for complete runs.
    public var interrupted: Bool?
    /// Engine figures (wall time, memory): the only non-deterministic part.
    public var engine = EngineFigures()

    /// An empty summary.
    public init() {}

    /// What the API server refused.
    public struct APIWrites: Codable, Sendable, Hashable {
        /// Writes refused by admission (the run went on without them).
        public var rejectedWrites = 0
    }

    /// Pod counts: milestones (``scheduled``, ``started``) and outcomes.
    ///
    /// Every pod created has exactly one outcome, so ``succeeded`` + ``failed`` + ``deleted`` +
    /// ``evicted`` + ``preempted`` + ``runningAtEnd`` + ``pendingAtEnd`` = ``created``
    /// (``outcomes`` lists them). A pod that reached Succeeded or Failed before anything stopped
    /// it keeps that outcome even if it is deleted later (a finished Job pod cleaned up).
    public struct PodCounts: Codable, Sendable, Hashable {
        /// Pods created.
        public var created = 0
        /// Pods bound to a node (a milestone, not an outcome).
        public var scheduled = 0
        /// Pods whose containers all ran (the startup SLO's population; a milestone).
        public var started = 0
        /// Outcome: every container exited by itself and the pod reached Succeeded before any
        /// deletion, eviction or preemption.
        public var succeeded = 0
        /// Outcome: the pod reached Failed by its own containers before any deletion, eviction or
        /// preemption.
        public var failed = 0
        /// Outcome: deleted before it finished, by a user action, a scale-down, a rollout, a Job
        /// (cleanup, `BackoffLimitExceeded`, `activeDeadlineSeconds`) or garbage collection; pending or running.
        public var deleted = 0
        /// Outcome: evicted before it finished, by the eviction API (`kubectl drain`), taint-based
        /// eviction or kubelet node-pressure eviction (see ``Evictions``).
        public var evicted = 0
        /// Outcome: preempted by the scheduler before it finished.
        public var preempted = 0
        /// Outcome: live at the end, not being deleted, in phase Running.
        public var runningAtEnd = 0
        /// Outcome: live at the end, not being deleted, in phase Pending: never scheduled, or
        /// bound and still starting (pulling images, running init containers).
        public var pendingAtEnd = 0
        /// Of ``pendingAtEnd``, the pods never bound to a node.
        public var neverScheduled = 0
        /// Creates zero counts.
        public init() {}

        /// The outcomes, which partition the pods created, in the order tables show them.
        public var outcomes: [(name: String, count: Int)] {
            [
                ("succeeded", succeeded), ("failed", failed), ("deleted", deleted), ("evicted", evicted),
                ("preempted", preempted), ("runningAtEnd", runningAtEnd), ("pendingAtEnd", pendingAtEnd),
            ]
        }
    }

    /// Latency distributions, in seconds.
    ///
    /// The three pod milestones (scheduling, both startups) are censored at the end of the
    /// run: a live pod still waiting for the milestone counts as a sample known only to be at
    /// least `end − creation` (for the startup SLO, at least until its first image pull or init
    /// container began), and a percentile that falls among those samples is `nil` (see
    /// ``DistributionSummary``). Image pulls count finished pulls only.
    public struct Latencies: Codable, Sendable, Hashable {
        /// Creation → binding.
        public var scheduling = DistributionSummary()
        /// The scheduler's binding duration, from the start of the binding cycle to the API's
        /// success: the client rate limiter's wait and the POST of `pods/binding`
        /// (kube-scheduler's `scheduler_framework_extension_point_duration_seconds` for
        /// `extension_point="Bind"`). Absent when no binding took time (ideal timing without a
        /// bind latency), so those summaries stay unchanged.
        public var binding: DistributionSummary?
        /// Pod startup as the Kubernetes SLO defines it: creation → all containers running
        /// and observed, excluding image pulls and init containers.
        public var podStartupSLO = DistributionSummary()
        /// Creation → all containers running, everything included.
        public var podStartup = DistributionSummary()
        /// Each successful image pull, from the `Pulled` message's pull time.
        public var imagePull = DistributionSummary()
        /// Each successful image pull from its `Pulling` event to its `Pulled` event (queue wait included).
        public var imagePullIncludingWaiting = DistributionSummary()
        /// Creates empty distributions.
        public init() {}
    }

    /// Container restarts.
    public struct Restarts: Codable, Sendable, Hashable {
        /// Sum of restart counts over all pods (init and regular containers).
        public var total = 0
        /// Pods with at least one restart.
        public var podsRestarted = 0
        /// Pods that were ever in CrashLoopBackOff (a container, or init container, waiting with that reason).
        public var podsInCrashLoopBackOff = 0
        /// Restarts per scheduled pod.
        public var perPod = DistributionSummary()
        /// Creates zero counts.
        public init() {}
    }

    /// Evictions by reason.
    public struct Evictions: Codable, Sendable, Hashable {
        /// Pods evicted.
        public var total = 0
        /// `NodePressure:memory`, `EmptyDirLimit`, `TaintManagerEviction`, `EvictionAPI`, …
        public var byReason: [String: Int] = [:]
        /// Creates zero counts.
        public init() {}
    }

    /// Time pods spent with `PodScheduled=False` (Unschedulable).
    public struct Unschedulable: Codable, Sendable, Hashable {
        /// Pods that were ever unschedulable.
        public var pods = 0
        /// Pod-seconds spent unschedulable.
        public var totalPodSeconds = 0.0
        /// Per pod (that was unschedulable), seconds.
        public var perPod = DistributionSummary()
        /// Creates zero counts.
        public init() {}
    }

    /// One resource's usage in one scope, time-weighted over the run.
    public struct ResourceUsage: Codable, Sendable, Hashable {
        /// Mean allocatable (cores, bytes, pods).
        public var allocatableMean = 0.0
        /// Mean requested by pods holding resources on nodes.
        public var requestedMean = 0.0
        /// Peak requested.
        public var requestedPeak = 0.0
        /// ∫requested dt / ∫allocatable dt.
        public var meanFraction = 0.0
        /// Peak of requested / allocatable.
        public var peakFraction = 0.0
        /// Requested at the end.
        public var requestedAtEnd = 0.0
        /// Allocatable at the end.
        public var allocatableAtEnd = 0.0
        /// Creates zeros.
        public init() {}
    }

    /// Utilisation per resource for the cluster and for each node pool.
    public struct Utilization: Codable, Sendable, Hashable {
        /// Whole cluster, by resource name.
        public var cluster: [String: ResourceUsage] = [:]
        /// By pool name, then resource name.
        public var pools: [String: [String: ResourceUsage]] = [:]
        /// Creates empty tables.
        public init() {}
    }

    /// Capacity left on nodes that can no longer fit a typical pod.
    ///
    /// The typical pod requests the (lower) median CPU and the median memory request of all
    /// pods created in the run, each taken separately. A live node cannot fit it when its free
    /// CPU or free memory is below that, or it has no pod slot left; whatever is free on such
    /// nodes is stranded.
    public struct Fragmentation: Codable, Sendable, Hashable {
        /// Median CPU request, cores.
        public var typicalPodCPU = 0.0
        /// Median memory request, bytes.
        public var typicalPodMemory = 0.0
        /// Live nodes at the end.
        public var nodes = 0
        /// Live nodes that cannot fit a typical pod.
        public var nodesThatCannotFitTypicalPod = 0
        /// Free CPU on those nodes, cores.
        public var strandedCPU = 0.0
        /// Free memory on those nodes, bytes.
        public var strandedMemory = 0.0
        /// Stranded CPU / cluster allocatable CPU.
        public var strandedCPUFraction = 0.0
        /// Stranded memory / cluster allocatable memory.
        public var strandedMemoryFraction = 0.0
        /// How many more typical pods the free capacity holds (sum over nodes).
        public var typicalPodsThatStillFit = 0
        /// Creates zeros.
        public init() {}
    }

    /// Kubernetes Events.
    public struct EventCounts: Codable, Sendable, Hashable {
        /// Events recorded.
        public var total = 0
        /// Warnings among them.
        public var warnings = 0
        /// By `type/reason`, e.g. `Warning/BackOff`.
        public var byReason: [String: Int] = [:]
        /// Events their source's spam filter dropped (client-go `EventSourceObjectSpamFilter`:
        /// 25 per object, then one per 5 minutes), not counted above.
        public var spamFiltered = 0
        /// Creates zero counts.
        public init() {}
    }
}
