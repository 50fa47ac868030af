/// A kubelet's own events.
public enum KubeletEvent: Sendable {
    /// Run the pod worker's sync for a pod.
    case syncPod(PodID)
    /// A container instance exits on its own (behaviour-driven); `instance` guards staleness.
    case containerExited(PodID, container: Int, instance: Int)
    /// The termination grace period of a pod ran out.
    case gracePeriodExpired(PodID)
}
