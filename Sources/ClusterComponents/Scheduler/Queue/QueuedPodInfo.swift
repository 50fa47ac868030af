import SimulationCore

/// Where a pod is in the scheduling queue.
enum QueueLocation: UInt8 {
    /// Not in the queue (never seen, scheduled, removed, or held by an unknown scheduler name).
    case none
    /// In activeQ.
    case active
    /// In backoffQ.
    case backoff
    /// In the unschedulable pool.
    case unschedulable
    /// Popped and being scheduled.
    case inFlight
    /// Held by scheduling gates (PreEnqueue SchedulingGates).
    case gated
}

/// Per-pod queue bookkeeping (k/k `framework.QueuedPodInfo`).
struct QueuedPodInfo {
    /// Current location.
    var location: QueueLocation = .none
    /// Scheduling attempts so far (incremented on pop).
    var attempts: Int = 0
    /// When the pod was last added to the queue (creation, or the last failure).
    var timestamp: SimulationTime = .zero
    /// Bumped whenever the pod moves, so stale heap entries are skipped.
    var generation: UInt32 = 0
    /// Plugins that rejected the pod in its last attempt (bit per ``PluginMask``).
    var rejectors: PluginMask = []
    /// Index of the profile that schedules it.
    var profile = ProfileIndex.first
}

/// A set of plugin categories, used to decide which cluster events requeue a pod
/// (a coarse form of queueing hints, per the reference's simulator guidance §1.1).
struct PluginMask: OptionSet {
    let rawValue: UInt32
    /// Plugins that a node add/update can help (all node-based filters).
    static let nodeScoped = PluginMask(rawValue: 1 << 0)
    /// Plugins that an assigned pod's removal can help (resources, ports, spreading, affinity).
    static let podScoped = PluginMask(rawValue: 1 << 1)
    /// Everything.
    static let all: PluginMask = [.nodeScoped, .podScoped]
}
