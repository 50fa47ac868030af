/// The kube-controller-manager's timers, each addressed by a dense index into
/// ``WorkloadStore`` or by a pod/node id, so the engine's heap holds them inline.
public enum ControllerEvent: Sendable, Hashable {
    /// Reconcile the ReplicaSet at this index of ``WorkloadStore/replicaSets`` (its work queue
    /// item; `minReadySeconds` re-checks land here too).
    case syncReplicaSet(Int)
    /// Reconcile the Deployment at this index of ``WorkloadStore/deployments``.
    case syncDeployment(Int)
    /// Reconcile the Job at this index of ``WorkloadStore/jobs`` (back-off expiries and
    /// `activeDeadlineSeconds` land here too).
    case syncJob(Int)
    /// The node lifecycle controller's monitor pass for one node (`monitorNodeHealth`, every
    /// 5 s upstream; only scheduled for nodes whose health may change, so healthy nodes cost
    /// nothing).
    case monitorNode(NodeID)
    /// A pod's toleration of its node's NoExecute taint ran out (taint-eviction controller).
    case taintEviction(PodID)
    /// Retry an eviction that a PodDisruptionBudget refused (`kubectl drain` retries every 5 s).
    case retryEviction(PodID)
    /// Reconcile the DaemonSet at this index of ``WorkloadStore/daemonSets``.
    case syncDaemonSet(Int)
    /// Reconcile the StatefulSet at this index of ``WorkloadStore/statefulSets``.
    case syncStatefulSet(Int)
    /// Recompute the status of the PodDisruptionBudget at this index of
    /// ``WorkloadStore/podDisruptionBudgets``.
    case syncDisruptionBudget(Int)
    /// Resync the HorizontalPodAutoscaler at this index of
    /// ``WorkloadStore/horizontalPodAutoscalers`` (every 15 s).
    case syncHorizontalPodAutoscaler(Int)
    /// Realistic timing: the controller-manager's API client has a token again; owners whose
    /// sync stopped at the empty bucket are synced.
    case apiClientTokenAvailable
}
