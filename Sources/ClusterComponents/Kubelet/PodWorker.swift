import KubeModel
import SimulationCore

/// The runtime state of one container of a pod (init containers first, then app containers),
/// plus the kubelet's in-memory bookkeeping for it (reason cache, back-off entries).
///
/// The stored properties are in the order a sync reads them, not by topic: a crash loop's
/// blocked sync (every 10 s, most of a crash-looping pod's events) reads the flags, the instance
/// count, the back-off, the current exit, the restart policy, the reason cache and the event
/// texts, the first 192 bytes; names, images, the behaviour, the last state and the timers
/// follow. At 5,000 nodes the record is out of cache when a sync comes, and in topic order the
/// blocked sync read all eight of its lines.
struct ContainerRuntime: Sendable {
    // MARK: Read by every sync

    /// Whether the current instance runs.
    var running = false
    /// A kill is under way (Killing sent).
    var stopping = false
    /// Liveness/startup failure published: kill and restart at the next sync.
    var probeFailed = false
    /// Native sidecar (init container with `restartPolicy: Always`).
    var isSidecar: Bool
    /// Whether it is an init container (its index in its list is ``index``).
    var isInit: Bool
    /// Readiness probe passed.
    var ready = false
    /// Startup probe passed (or none).
    var started = false
    /// Instances created so far (the current one is `instances − 1` = its restart count).
    var instances = 0
    /// Crash-loop back-off entry (key: pod UID + container name).
    var crashBackoff: BackoffEntry?
    /// The back-off the cached `CrashLoopBackOff` message was written for (it is rebuilt only
    /// when the back-off changes: a crash loop's blocked syncs mostly find it unchanged).
    var crashLoopBackOffCached: SimulationDuration?
    /// The current instance's termination, when it has exited.
    var current: ContainerTermination?
    /// The container's own `restartPolicy` and `restartPolicyRules` (ContainerRestartRules).
    var restartPolicy: ContainerRestartPolicy?
    var restartRules: [ContainerRestartRule]
    /// Reason cache entry (`reasonCache`): the last start error, cleared on a successful start;
    /// its message (``cachedMessage``) is read only when a status is built.
    var cachedReason: String?
    /// The `BackOff` event's text, built on first use (it never changes for a container).
    var backOffEvent: EventText?
    /// The `involvedObject.fieldPath` of its events (`spec.containers{name}`), built on first use:
    /// a crash loop's blocked syncs send a `BackOff` event every 10 s that the spam filter
    /// mostly drops, and they should not each build the string again.
    var eventFieldPath: String?

    // MARK: Read by starts, exits and status writes

    var cachedMessage: String?
    /// Index within its list.
    var index: Int
    /// Name and image (kept here so status generation does not copy the spec).
    var name: String
    var image: String
    /// `imagePullPolicy`, and the image's normalized name, the image manager's key (kept here
    /// so that a start does not copy the spec or parse the image name again).
    var imagePullPolicy: PullPolicy
    var imageKey: String
    /// The behaviour the scenario gave it, boxed once per kubelet for all the containers given
    /// the same one (``SharedBehaviors``): inline it was 152 bytes of every container ever run.
    var sharedBehavior: HeapBox<ContainerBehavior>
    /// The behaviour the scenario gave it.
    var behavior: ContainerBehavior { sharedBehavior.wrappedValue }
    /// Start of the current instance.
    var startedAt = SimulationTime.zero
    /// The termination before the current instance (`lastState`).
    var previous: ContainerTermination?
    /// The pending exit of the current instance and what it will look like.
    var exitEvent: EventID?
    var plannedExit = SimulationTime.distantFuture
    var plannedExitCode: Int32 = 0
    var plannedExitReason = "Completed"
    /// Timers of the current instance (ready, started, liveness), cancelled on exit.
    var timers: [EventID] = []
    /// The texts of the events each restart sends again, built at the first restart and read at
    /// every later one; boxed, as only restarting containers have them.
    var restartEventTexts: HeapBox<RestartEventTexts>?
    /// Image-pull back-off entry (key: pod UID + image).
    var pullBackoff: BackoffEntry?

    /// A container that has not run yet.
    init(
        isInit: Bool, index: Int, isSidecar: Bool, name: String, image: String, imagePullPolicy: PullPolicy,
        imageKey: String, restartPolicy: ContainerRestartPolicy?, restartRules: [ContainerRestartRule] = [],
        sharedBehavior: HeapBox<ContainerBehavior>
    ) {
        self.isInit = isInit
        self.index = index
        self.isSidecar = isSidecar
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.imageKey = imageKey
        self.restartPolicy = restartPolicy
        self.restartRules = restartRules
        self.sharedBehavior = sharedBehavior
    }

    /// The waiting-with-`lastState`, terminated, or never-started shape of the container.
    var hasEverStarted: Bool { instances > 0 }
    /// Restart count of the current instance.
    var restartCount: Int { max(0, instances - 1) }
    /// The number of the current instance (0 for the first), which its timers carry.
    var currentInstance: Int { instances - 1 }
}

/// The message of an event a container sends again and again, with its aggregation digest
/// (``EventMessageAggregator/digest(_:)``): the correlator needs the digest of every such event
/// (a crash loop's are mostly dropped by the spam filter), the message only of one emitted.
struct EventText: Sendable {
    var message: String
    var digest: UInt64

    init(_ message: String) {
        self.message = message
        digest = EventMessageAggregator.digest(message)
    }
}

/// A container's event texts that its restarts repeat: `Pulled` (the image already present),
/// `Created` and `Started`, so that a crash loop's restart neither builds nor hashes them again.
struct RestartEventTexts: Sendable {
    var pulled: EventText
    var created: EventText
    var started: EventText
}

/// What a pod worker is doing right now.
enum PodWorkerPhase: Sendable, Hashable {
    /// Syncing normally (starting and restarting containers).
    case syncing
    /// Terminating: killing containers, then the terminal phase.
    case terminating
    /// Terminal phase written; nothing more to do but cleanup.
    case terminated
}

/// One step of a sync that may wait (image pull, container kill).
enum PendingStep: Sendable, Hashable {
    /// Waiting for the pull of `image` for container `container`.
    case pull(container: ContainerIndex)
    /// Waiting for the containers being killed before the starts.
    case kills
    /// Realistic timing: waiting for volumes and the pod sandbox.
    case sandbox
    /// Realistic timing: waiting for the runtime to create and start container `container`.
    case start(container: ContainerIndex)
}

/// The kubelet's per-pod worker (pkg/kubelet/pod_workers.go `podWorkers` + the pod's runtime
/// status): one sync at a time; triggers during a sync mark `pendingSync`.
///
/// The stored properties are in the order a sync reads them (as in ``ContainerRuntime``): the
/// flags, the containers, the suspended step, the start queue, the requeue timer and the event
/// hints first, the first 120 bytes of the 256-byte record, read by every sync of a crash loop;
/// in topic order they were spread over all four of its lines and the first half of a fifth.
struct PodWorker: Sendable {
    // MARK: Read by every sync

    /// The pod.
    var pod: PodID
    /// Cleaned up and dropped from the kubelet's lookup (``PodWorkers/forget(_:)``); its timers
    /// still due are ignored.
    var isForgotten = false
    /// Phase of the worker.
    var phase = PodWorkerPhase.syncing
    /// Sandbox created (PodReadyToStartContainers).
    var sandboxReady = false
    /// A trigger arrived during a sync.
    var pendingSync = false
    /// Whether the suspended sync recorded an error (back-off), for the requeue delay.
    var syncHadError = false
    /// The runtime snapshot or reason cache changed since the last published status; a sync
    /// that finds it clean skips status generation (the result would be identical).
    var statusDirty = true
    /// Whether the phase of the last published status is terminal: all a sync whose status is
    /// clean needs of it (a crash loop's blocked sync every 10 s compared the phase's text with
    /// "Succeeded" and "Failed").
    var lastPhaseIsTerminal = false
    /// Whether `spec.readinessGates` is non-empty.
    var hasReadinessGates: Bool
    /// Containers (init then app), indexed by ``ContainerIndex``: read one with `worker[c]`,
    /// change it with the methods of `PodWorker+Containers.swift`.
    var containers: [ContainerRuntime]
    /// Number of init containers.
    var initCount: Int
    /// A sync is suspended on `pending`.
    var pending: PendingStep?
    /// Starts still to execute in the suspended sync, with their back-off reference time.
    var startQueue: [(container: ContainerIndex, reference: SimulationTime?)] = []
    /// Earliest back-off expiry met in the sync (1.35 precise requeue).
    var earliestExpiry: SimulationTime?
    /// The work-queue requeue timer.
    var requeueEvent: EventID?
    var requeueDue = SimulationTime.zero
    /// Where this kubelet's event correlator last found the pod's spam-filter bucket and
    /// aggregation group: a crash loop's requeues skip the tables' index (``EventCorrelator/Hints``).
    var eventHints = EventCorrelator.Hints()
    /// `spec.restartPolicy`.
    var restartPolicy: RestartPolicy
    /// The start the last sync found blocked by back-off, when it was all that sync had to do
    /// and nothing has happened to the worker since (``Kubelet/repeatBlockedSync(_:)``).
    var blockedStart: BlockedStart?

    // MARK: Read by status writes, terminations and evictions

    /// Realistic timing: whether the pod is in the status manager's queue, and the status it
    /// will write next.
    var inStatusQueue = false
    /// Boxed (``KubeModel/Indirect``): set only while a write is queued, it would otherwise
    /// widen every worker of the node's table by its arrays and flags.
    @Indirect var pendingStatus: GeneratedPodStatus?
    /// Containers being killed by this sync before its starts.
    var killTargets: [ContainerIndex] = []
    /// Grace deadline of the termination, and the reason override (eviction).
    var terminationDeadline: SimulationTime?
    var gracePeriodSeconds = 30
    var evictionMessage: String?
    /// The time the current pull was requested (for "including waiting").
    var pullRequestedAt = SimulationTime.zero
    /// emptyDir volumes.
    var volumes: [EmptyDirVolume] = []
    /// The pending eviction tick.
    var evictionEvent: EventID?
    /// The pod IP.
    var podIP: String
    /// `<name>_<namespace>(<uid>)` for the crash-loop messages (the kubelet's `format.Pod`),
    /// built by ``podDescription(_:)`` when the first of them is: built at every binding, it
    /// cost five string appends and an allocation per pod, for the few pods that crash-loop.
    var description: String?

    /// The worker of a newly bound pod, before its first sync.
    init(
        pod: PodID, containers: [ContainerRuntime], initCount: Int, restartPolicy: RestartPolicy,
        hasReadinessGates: Bool, podIP: String
    ) {
        self.pod = pod
        self.containers = containers
        self.initCount = initCount
        self.restartPolicy = restartPolicy
        self.hasReadinessGates = hasReadinessGates
        self.podIP = podIP
    }
}

/// An emptyDir volume of a pod: usage grows linearly from `volumeWrites` while writers run.
struct EmptyDirVolume: Sendable {
    /// Volume name.
    var name: String
    /// `sizeLimit` in bytes, if any, and its text for the eviction message.
    var sizeLimit: Int64?
    var sizeLimitText: String
    /// `medium: Memory`.
    var isMemory: Bool
    /// Bytes used at `updatedAt`.
    var usage: Double = 0
    /// Bytes per second at the moment.
    var rate: Double = 0
    /// When `usage` was last brought up to date.
    var updatedAt = SimulationTime.zero

    /// Usage at `time`.
    func usage(at time: SimulationTime) -> Double { usage + rate * (time - updatedAt).seconds }
}

/// Where the kubelet's status manager is in its sync of one pod.
enum StatusManagerStep: Sendable {
    /// Nothing queued.
    case idle
    /// A pod's GET and PATCH are under way.
    case patch
}
