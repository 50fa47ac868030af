/// A kubelet's own timers. Every container-scoped case carries the instance number it was
/// scheduled for, so a timer outliving its instance (after a restart) is ignored.
public enum KubeletEvent: Sendable {
    /// Run the pod worker's sync for a pod (work-queue requeue, PLEG event, API update).
    case syncPod(PodID)
    /// A container instance exits (on its own, OOM, after SIGTERM or at SIGKILL).
    case containerExited(PodID, container: ContainerIndex, instance: Int)
    /// The readiness probe of an instance starts passing.
    case containerReady(PodID, container: ContainerIndex, instance: Int)
    /// The startup probe of an instance passes (`started = true`).
    case containerStarted(PodID, container: ContainerIndex, instance: Int)
    /// A failing liveness probe tick; `failures` counts consecutive failures.
    case livenessFailed(PodID, container: ContainerIndex, instance: Int, failures: Int)
    /// An image pull slot of the node's puller finishes (`generation` guards staleness).
    case pullProgress(generation: Int)
    /// The eviction manager's tick that detects an emptyDir over its sizeLimit.
    case evictionCheck(PodID)
    /// Image garbage collection (every 5 min while the image filesystem is above the high threshold).
    case imageGarbageCollection
    /// Realistic timing: the status manager's PATCH returned (the status is written).
    case statusManagerStep
    /// Realistic timing: the pod's volumes are mounted and its sandbox and network are up.
    case sandboxCreated(PodID)
    /// Realistic timing: `CreateContainer` and `StartContainer` of a container returned.
    case containerStartDone(PodID, container: ContainerIndex)
}
