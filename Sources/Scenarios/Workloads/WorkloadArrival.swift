import KubeModel
import SimulationCore

/// One pod a workload generator produces: when it arrives, the pod to create, and how long it
/// lives before the runner deletes it.
public struct WorkloadArrival: Sendable {
    /// Arrival time since the start.
    public var time: SimulationTime
    /// 0-based index within the workload.
    public var index: Int
    /// The pod to create (named, with request overrides applied; not yet admitted).
    public var pod: Pod
    /// Time from creation to deletion; `nil` lives until it ends on its own.
    public var lifetime: SimulationDuration?
}
