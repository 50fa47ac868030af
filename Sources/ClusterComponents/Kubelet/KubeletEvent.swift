/// A kubelet's own timers. A pod's timer names the pod worker that set it (``WorkerIndex``: a
/// worker keeps its index for the kubelet's life), so handling it reads the worker without a
/// lookup by pod, a hash probe on a cold table at every event of a 5,000-node run; a timer of a
/// worker cleaned up since is ignored. Every container-scoped case carries the instance number
/// it was scheduled for, so a timer outliving its instance (after a restart) is ignored too.
public enum KubeletEvent: Sendable {
    /// Run the pod worker's sync for a pod (work-queue requeue, PLEG event, API update).
    case syncPod(WorkerIndex)
    /// A container instance exits (on its own, OOM, after SIGTERM or at SIGKILL).
    case containerExited(WorkerIndex, container: ContainerIndex, instance: Int)
    /// The readiness probe of an instance starts passing.
    case containerReady(WorkerIndex, container: ContainerIndex, instance: Int)
    /// The startup probe of an instance passes (`started = true`).
    case containerStarted(WorkerIndex, container: ContainerIndex, instance: Int)
    /// A failing liveness probe tick; `failures` counts consecutive failures.
    case livenessFailed(WorkerIndex, container: ContainerIndex, instance: Int, failures: Int)
    /// An image pull slot of the node's puller finishes (`generation` guards staleness).
    case pullProgress(generation: Int)
    /// The eviction manager's tick that detects an emptyDir over its sizeLimit.
    case evictionCheck(WorkerIndex)
    /// Image garbage collection (every 5 min while the image filesystem is above the high threshold).
    case imageGarbageCollection
    /// Realistic timing: the status manager's PATCH returned (the status is written).
    case statusManagerStep
    /// Realistic timing: the pod's volumes are mounted and its sandbox and network are up.
    case sandboxCreated(WorkerIndex)
    /// Realistic timing: `CreateContainer` and `StartContainer` of a container returned.
    case containerStartDone(WorkerIndex, container: ContainerIndex)
}

extension KubeletEvent {
    /// The worker a timer other than its own requeue acts on: something happens to that pod,
    /// so its next sync must be worked out in full (``Kubelet/repeatBlockedSync(_:)``).
    var otherThanRequeue: WorkerIndex? {
        switch self {
        case .syncPod, .pullProgress, .imageGarbageCollection, .statusManagerStep: nil
        case .containerExited(let w, _, _), .containerReady(let w, _, _), .containerStarted(let w, _, _),
            .livenessFailed(let w, _, _, _), .evictionCheck(let w), .sandboxCreated(let w),
            .containerStartDone(let w, _):
            w
        }
    }
}
