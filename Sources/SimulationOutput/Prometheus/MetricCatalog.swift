/// Every family kubesim exposes, in the order they are written. Names, help texts and labels
/// are those of kube-state-metrics v2 (`internal/store/pod.go`, `node.go`, `deployment.go`,
/// `replicaset.go`, `statefulset.go`, `daemonset.go`, `job.go`, `poddisruptionbudget.go`),
/// kube-scheduler (k/k `pkg/scheduler/metrics/metrics.go`) and the kubelet
/// (k/k `pkg/kubelet/metrics/metrics.go`).
public enum MetricID: Int, CaseIterable, Sendable {
    case podInfo, podOwner, podStatusPhase, podStatusReady, podStatusScheduled
    case containerRestarts, containerWaitingReason, containerTerminatedReason, containerReady, containerRunning
    case containerRequests, containerLimits
    case nodeCapacity, nodeAllocatable, nodeCondition, nodeUnschedulable, nodeTaint
    case deploymentSpecReplicas, deploymentReplicas, deploymentReady, deploymentAvailable, deploymentUnavailable
    case deploymentUpdated
    case replicaSetSpecReplicas, replicaSetReplicas, replicaSetReady, replicaSetOwner
    case statefulSetReplicas, statefulSetStatusReplicas, statefulSetReady, statefulSetAvailable, statefulSetCurrent
    case statefulSetUpdated
    case daemonSetDesired, daemonSetCurrent, daemonSetReady, daemonSetAvailable, daemonSetUnavailable
    case daemonSetMisscheduled, daemonSetUpdated
    case jobCompletions, jobParallelism, jobActive, jobSucceeded, jobFailed, jobOwner
    case pdbCurrentHealthy, pdbDesiredHealthy, pdbDisruptionsAllowed, pdbExpectedPods
    case schedulerPendingPods, schedulerAttempts, schedulerSchedulingSLI, schedulerBindDuration
    case kubeletRunningPods, kubeletPodStartSLI

    /// The family.
    public var family: MetricFamily { MetricCatalog.families[rawValue] }
}

/// The families, indexed by ``MetricID``.
public enum MetricCatalog {
    static let ksm = "kube-state-metrics"
    static let scheduler = "kube-scheduler"
    static let kubelet = "kubelet"

    /// `scheduler_pod_scheduling_sli_duration_seconds`: `ExponentialBuckets(0.01, 2, 20)`,
    /// 10 ms to ~88 min (k/k `pkg/scheduler/metrics/metrics.go`).
    public static let schedulingSLIBuckets = MetricFamily.exponentialBuckets(start: 0.01, factor: 2, count: 20)
    /// `FrameworkExtensionPointDuration`'s buckets: "Start with 0.1ms with the last bucket being
    /// [~200ms, Inf)" (k/k `pkg/scheduler/metrics/metrics.go`).
    public static let extensionPointBuckets = MetricFamily.exponentialBuckets(start: 0.0001, factor: 2, count: 12)
    /// `podStartupDurationBuckets` of the kubelet's pod start histograms
    /// (k/k `pkg/kubelet/metrics/metrics.go`).
    public static let podStartupBuckets: [Double] = [
        0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600,
    ]

    /// All families in ``MetricID`` order.
    public static let families: [MetricFamily] = MetricID.allCases.map(make)

    static func make(_ id: MetricID) -> MetricFamily {
        switch id {
        case .podInfo: MetricFamily("kube_pod_info", .gauge, job: ksm, help: "Information about pod.")
        case .podOwner: MetricFamily("kube_pod_owner", .gauge, job: ksm, help: "Information about the Pod's owner.")
        case .podStatusPhase: MetricFamily("kube_pod_status_phase", .gauge, job: ksm, help: "The pods current phase.")
        case .podStatusReady:
            MetricFamily(
                "kube_pod_status_ready", .gauge, job: ksm, help: "Describes whether the pod is ready to serve requests."
            )
        case .podStatusScheduled:
            MetricFamily(
                "kube_pod_status_scheduled", .gauge, job: ksm,
                help: "Describes the status of the scheduling process for the pod.")
        case .containerRestarts:
            MetricFamily(
                "kube_pod_container_status_restarts", .counter, job: ksm,
                help: "The number of container restarts per container.")
        case .containerWaitingReason:
            MetricFamily(
                "kube_pod_container_status_waiting_reason", .gauge, job: ksm,
                help: "Describes the reason the container is currently in waiting state.")
        case .containerTerminatedReason:
            MetricFamily(
                "kube_pod_container_status_terminated_reason", .gauge, job: ksm,
                help: "Describes the reason the container is currently in terminated state.")
        case .containerReady:
            MetricFamily(
                "kube_pod_container_status_ready", .gauge, job: ksm,
                help: "Describes whether the containers readiness check succeeded.")
        case .containerRunning:
            MetricFamily(
                "kube_pod_container_status_running", .gauge, job: ksm,
                help: "Describes whether the container is currently in running state.")
        case .containerRequests:
            MetricFamily(
                "kube_pod_container_resource_requests", .gauge, job: ksm,
                help: "The number of requested request resource by a container.")
        case .containerLimits:
            MetricFamily(
                "kube_pod_container_resource_limits", .gauge, job: ksm,
                help: "The number of requested limit resource by a container.")
        case .nodeCapacity:
            MetricFamily(
                "kube_node_status_capacity", .gauge, job: ksm, help: "The capacity for different resources of a node.")
        case .nodeAllocatable:
            MetricFamily(
                "kube_node_status_allocatable", .gauge, job: ksm,
                help: "The allocatable for different resources of a node that are available for scheduling.")
        case .nodeCondition:
            MetricFamily("kube_node_status_condition", .gauge, job: ksm, help: "The condition of a cluster node.")
        case .nodeUnschedulable:
            MetricFamily(
                "kube_node_spec_unschedulable", .gauge, job: ksm, help: "Whether a node can schedule new pods.")
        case .nodeTaint: MetricFamily("kube_node_spec_taint", .gauge, job: ksm, help: "The taint of a cluster node.")
        case .deploymentSpecReplicas:
            MetricFamily(
                "kube_deployment_spec_replicas", .gauge, job: ksm, help: "Number of desired pods for a deployment.")
        case .deploymentReplicas:
            MetricFamily(
                "kube_deployment_status_replicas", .gauge, job: ksm, help: "The number of replicas per deployment.")
        case .deploymentReady:
            MetricFamily(
                "kube_deployment_status_replicas_ready", .gauge, job: ksm,
                help: "The number of ready replicas per deployment.")
        case .deploymentAvailable:
            MetricFamily(
                "kube_deployment_status_replicas_available", .gauge, job: ksm,
                help: "The number of available replicas per deployment.")
        case .deploymentUnavailable:
            MetricFamily(
                "kube_deployment_status_replicas_unavailable", .gauge, job: ksm,
                help: "The number of unavailable replicas per deployment.")
        case .deploymentUpdated:
            MetricFamily(
                "kube_deployment_status_replicas_updated", .gauge, job: ksm,
                help: "The number of updated replicas per deployment.")
        case .replicaSetSpecReplicas:
            MetricFamily(
                "kube_replicaset_spec_replicas", .gauge, job: ksm, help: "Number of desired pods for a ReplicaSet.")
        case .replicaSetReplicas:
            MetricFamily(
                "kube_replicaset_status_replicas", .gauge, job: ksm, help: "The number of replicas per ReplicaSet.")
        case .replicaSetReady:
            MetricFamily(
                "kube_replicaset_status_ready_replicas", .gauge, job: ksm,
                help: "The number of ready replicas per ReplicaSet.")
        case .replicaSetOwner:
            MetricFamily("kube_replicaset_owner", .gauge, job: ksm, help: "Information about the ReplicaSet's owner.")
        case .statefulSetReplicas:
            MetricFamily(
                "kube_statefulset_replicas", .gauge, job: ksm, help: "Number of desired pods for a StatefulSet.")
        case .statefulSetStatusReplicas:
            MetricFamily(
                "kube_statefulset_status_replicas", .gauge, job: ksm, help: "The number of replicas per StatefulSet.")
        case .statefulSetReady:
            MetricFamily(
                "kube_statefulset_status_replicas_ready", .gauge, job: ksm,
                help: "The number of ready replicas per StatefulSet.")
        case .statefulSetAvailable:
            MetricFamily(
                "kube_statefulset_status_replicas_available", .gauge, job: ksm,
                help: "The number of available replicas per StatefulSet.")
        case .statefulSetCurrent:
            MetricFamily(
                "kube_statefulset_status_replicas_current", .gauge, job: ksm,
                help: "The number of current replicas per StatefulSet.")
        case .statefulSetUpdated:
            MetricFamily(
                "kube_statefulset_status_replicas_updated", .gauge, job: ksm,
                help: "The number of updated replicas per StatefulSet.")
        case .daemonSetDesired:
            MetricFamily(
                "kube_daemonset_status_desired_number_scheduled", .gauge, job: ksm,
                help: "The number of nodes that should be running the daemon pod.")
        case .daemonSetCurrent:
            MetricFamily(
                "kube_daemonset_status_current_number_scheduled", .gauge, job: ksm,
                help: "The number of nodes running at least one daemon pod and are supposed to.")
        case .daemonSetReady:
            MetricFamily(
                "kube_daemonset_status_number_ready", .gauge, job: ksm,
                help:
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."
            )
        case .daemonSetAvailable:
            MetricFamily(
                "kube_daemonset_status_number_available", .gauge, job: ksm,
                help:
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available"
            )
        case .daemonSetUnavailable:
            MetricFamily(
                "kube_daemonset_status_number_unavailable", .gauge, job: ksm,
                help:
                    "The number of nodes that should be running the daemon pod and have none of the daemon pod running and available"
            )
        case .daemonSetMisscheduled:
            MetricFamily(
                "kube_daemonset_status_number_misscheduled", .gauge, job: ksm,
                help: "The number of nodes running a daemon pod but are not supposed to.")
        case .daemonSetUpdated:
            MetricFamily(
                "kube_daemonset_status_updated_number_scheduled", .gauge, job: ksm,
                help: "The total number of nodes that are running updated daemon pod")
        case .jobCompletions:
            MetricFamily(
                "kube_job_spec_completions", .gauge, job: ksm,
                help: "The desired number of successfully finished pods the job should be run with.")
        case .jobParallelism:
            MetricFamily(
                "kube_job_spec_parallelism", .gauge, job: ksm,
                help: "The maximum desired number of pods the job should run at any given time.")
        case .jobActive:
            MetricFamily("kube_job_status_active", .gauge, job: ksm, help: "The number of actively running pods.")
        case .jobSucceeded:
            MetricFamily(
                "kube_job_status_succeeded", .gauge, job: ksm, help: "The number of pods which reached Phase Succeeded."
            )
        case .jobFailed:
            MetricFamily(
                "kube_job_status_failed", .gauge, job: ksm, help: "The number of pods which reached Phase Failed.")
        case .jobOwner: MetricFamily("kube_job_owner", .gauge, job: ksm, help: "Information about the Job's owner.")
        case .pdbCurrentHealthy:
            MetricFamily(
                "kube_poddisruptionbudget_status_current_healthy", .gauge, job: ksm,
                help: "Current number of healthy pods")
        case .pdbDesiredHealthy:
            MetricFamily(
                "kube_poddisruptionbudget_status_desired_healthy", .gauge, job: ksm,
                help: "Minimum desired number of healthy pods")
        case .pdbDisruptionsAllowed:
            MetricFamily(
                "kube_poddisruptionbudget_status_pod_disruptions_allowed", .gauge, job: ksm,
                help: "Number of pod disruptions that are currently allowed")
        case .pdbExpectedPods:
            MetricFamily(
                "kube_poddisruptionbudget_status_expected_pods", .gauge, job: ksm,
                help: "Total number of pods counted by this disruption budget")
        case .schedulerPendingPods:
            MetricFamily(
                "scheduler_pending_pods", .gauge, job: scheduler,
                help:
                    "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated."
            )
        case .schedulerAttempts:
            MetricFamily(
                "scheduler_schedule_attempts", .counter, job: scheduler,
                help:
                    "Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could not be scheduled, while 'error' means an internal scheduler problem."
            )
        case .schedulerSchedulingSLI:
            MetricFamily(
                "scheduler_pod_scheduling_sli_duration_seconds", .histogram, job: scheduler,
                help:
                    "E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.",
                buckets: schedulingSLIBuckets)
        case .schedulerBindDuration:
            MetricFamily(
                "scheduler_framework_extension_point_duration_seconds", .histogram, job: scheduler,
                help: "Latency for running all plugins of a specific extension point.",
                buckets: extensionPointBuckets)
        case .kubeletRunningPods:
            MetricFamily(
                "kubelet_running_pods", .gauge, job: kubelet, help: "Number of pods that have a running pod sandbox")
        case .kubeletPodStartSLI:
            MetricFamily(
                "kubelet_pod_start_sli_duration_seconds", .histogram, job: kubelet,
                help:
                    "Duration in seconds to start a pod, excluding time to pull images and run init containers, measured from pod creation timestamp to when all its containers are reported as started and observed via watch",
                buckets: podStartupBuckets)
        }
    }
}
