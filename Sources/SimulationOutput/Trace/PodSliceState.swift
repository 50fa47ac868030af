/// What a pod is doing, as drawn in the trace and the report's Gantt chart.
public enum PodSliceState: UInt8, Sendable, CaseIterable {
    /// Waiting for a node, or on a node before its containers run (`ContainerCreating`, `Init:…`).
    case pending
    /// An image pull is in flight for the pod.
    case pulling
    /// Every regular container is running.
    case running
    /// A container waits in `CrashLoopBackOff`, `ImagePullBackOff` or `ErrImagePull`.
    case backOff
    /// Deletion requested, containers stopping.
    case terminating

    /// Slice name.
    public var name: String {
        switch self {
        case .pending: "Pending"
        case .pulling: "Pulling"
        case .running: "Running"
        case .backOff: "BackOff"
        case .terminating: "Terminating"
        }
    }

    /// Colour in the report (and the trace's `cname` where Chrome knows one).
    var color: String {
        switch self {
        case .pending: "#c9a227"
        case .pulling: "#4f8fd6"
        case .running: "#3aa76d"
        case .backOff: "#d64f4f"
        case .terminating: "#8c8c8c"
        }
    }
}

/// One closed slice of a pod's life on one track.
public struct PodSlice: Sendable, Hashable {
    /// The pod (``ClusterComponents/PodID`` index).
    public var pod: Int32
    /// The node's index, or -1 before binding.
    public var node: Int32
    /// The state.
    public var state: PodSliceState
    /// Start, ns of simulated time.
    public var start: Int64
    /// End, ns of simulated time.
    public var end: Int64
}
