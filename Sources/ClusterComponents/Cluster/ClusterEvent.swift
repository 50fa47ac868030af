/// Every event of a cluster run: a plain enum, so the engine's heap holds it inline.
///
/// Each component owns the payload of its own case (``SchedulerEvent``, ``KubeletEvent``,
/// ``ControllerEvent``), so adding an event to one component never touches another.
public enum ClusterEvent: Sendable {
    /// The scheduler's timers and cycles.
    case scheduler(SchedulerEvent)
    /// A kubelet's timers (container exits, pulls, back-off expiries, probes, evictions).
    case kubelet(NodeID, KubeletEvent)
    /// Controllers' timers (ReplicaSet/Deployment/Job syncs, node lifecycle).
    case controller(ControllerEvent)
    /// Something the layer above schedules (scenario actions, workload arrivals), identified
    /// by an index it understands; delivered to ``Cluster/externalHandler``.
    case external(Int)
    /// Periodic sampling for time series.
    case sample
    /// A metrics-server scrape of the kubelets' resource metrics (``MetricsServer``).
    case metricsScrape
    /// The Cluster Autoscaler's loop and node provisioning (``ClusterAutoscaler``).
    case clusterAutoscaler(ClusterAutoscalerEvent)
}
