import ClusterComponents
import KubeModel

/// kube-state-metrics' node and workload series (`internal/store/node.go`, `deployment.go`,
/// `replicaset.go`, `statefulset.go`, `daemonset.go`, `job.go`, `poddisruptionbudget.go`).
extension MetricsRegistry {
    func addNodes(_ cluster: ClusterView, to snapshot: inout some MetricsCollector) {
        for node in cluster.api.nodes where !node.isRemoved {
            ensureNodeKeys(node.id.value)
            if !nodeKeys[node.id.value].matches(node) { nodeKeys[node.id.value].renew(node, first: nextKey) }
            var keys = SeriesKeyCursor(first: nodeKeys[node.id.value].first)
            defer { nextKey = max(nextKey, keys.next) }
            let labels = { "node=\"" + ExpositionText.escapeLabelValue(node.name) + "\"" }
            for (name, quantity) in node.node.status.capacity {
                if let sample = Self.resourceValue(name, quantity, node: true) {
                    snapshot.add(.nodeCapacity, key: keys.take(), sample.value) {
                        labels() + ",resource=\"" + Self.sanitizeLabelName(name) + "\",unit=\"" + sample.unit + "\""
                    }
                }
            }
            for (name, quantity) in node.node.status.allocatable {
                if let sample = Self.resourceValue(name, quantity, node: true) {
                    snapshot.add(.nodeAllocatable, key: keys.take(), sample.value) {
                        labels() + ",resource=\"" + Self.sanitizeLabelName(name) + "\",unit=\"" + sample.unit + "\""
                    }
                }
            }
            // The conditions the served Node shows: the pressures are False while the kubelet
            // posts status and Unknown once it stopped; Ready is the lifecycle controller's view.
            let pressure: ConditionStatus = node.ready == .unknown ? .unknown : .false
            for (condition, status) in [
                ("MemoryPressure", pressure), ("DiskPressure", pressure), ("PIDPressure", pressure),
                ("Ready", node.ready),
            ] {
                for candidate in [ConditionStatus.true, .false, .unknown] {
                    snapshot.add(.nodeCondition, key: keys.take(), candidate == status ? 1 : 0) {
                        labels() + ",condition=\"" + condition + "\",status=\"" + candidate.rawValue.lowercased() + "\""
                    }
                }
            }
            snapshot.add(
                .nodeUnschedulable, key: keys.take(), (node.node.spec.unschedulable ?? false) ? 1 : 0, labels: labels)
            for taint in node.node.spec.taints ?? [] {
                snapshot.add(.nodeTaint, key: keys.take(), 1) {
                    labels() + ","
                        + ExpositionText.labels([
                            "key": taint.key, "value": taint.value ?? "", "effect": taint.effect.rawValue,
                        ])
                }
            }
        }
    }

    func addWorkloads(_ cluster: ClusterView, to snapshot: inout some MetricsCollector) {
        let workloads = cluster.workloads
        for deployment in workloads.deployments where !deployment.isDeleted {
            let labels = ExpositionText.labels(["namespace": deployment.namespace, "deployment": deployment.name])
            let status = deployment.status
            snapshot.add(.deploymentSpecReplicas, labels, Double(deployment.deployment.spec.replicas))
            snapshot.add(.deploymentReplicas, labels, Double(status.replicas))
            snapshot.add(.deploymentReady, labels, Double(status.readyReplicas))
            snapshot.add(.deploymentAvailable, labels, Double(status.availableReplicas))
            snapshot.add(.deploymentUnavailable, labels, Double(status.unavailableReplicas))
            snapshot.add(.deploymentUpdated, labels, Double(status.updatedReplicas))
        }
        for replicaSet in workloads.replicaSets where !replicaSet.isDeleted {
            let labels = ExpositionText.labels(["namespace": replicaSet.namespace, "replicaset": replicaSet.name])
            snapshot.add(.replicaSetSpecReplicas, labels, Double(replicaSet.replicas))
            snapshot.add(.replicaSetReplicas, labels, Double(replicaSet.status.replicas))
            snapshot.add(.replicaSetReady, labels, Double(replicaSet.status.readyReplicas))
            Self.addOwners(.replicaSetOwner, labels, replicaSet.replicaSet.metadata.ownerReferences, to: &snapshot)
        }
        for set in workloads.statefulSets where !set.isDeleted {
            let labels = ExpositionText.labels(["namespace": set.namespace, "statefulset": set.name])
            snapshot.add(.statefulSetReplicas, labels, Double(set.statefulSet.spec.replicas))
            snapshot.add(.statefulSetStatusReplicas, labels, Double(set.status.replicas))
            snapshot.add(.statefulSetReady, labels, Double(set.status.readyReplicas))
            snapshot.add(.statefulSetAvailable, labels, Double(set.status.availableReplicas))
            snapshot.add(.statefulSetCurrent, labels, Double(set.status.currentReplicas))
            snapshot.add(.statefulSetUpdated, labels, Double(set.status.updatedReplicas))
        }
        for set in workloads.daemonSets where !set.isDeleted {
            let labels = ExpositionText.labels(["namespace": set.namespace, "daemonset": set.name])
            let status = set.status
            snapshot.add(.daemonSetDesired, labels, Double(status.desiredNumberScheduled))
            snapshot.add(.daemonSetCurrent, labels, Double(status.currentNumberScheduled))
            snapshot.add(.daemonSetReady, labels, Double(status.numberReady))
            snapshot.add(.daemonSetAvailable, labels, Double(status.numberAvailable))
            snapshot.add(
                .daemonSetUnavailable, labels, Double(max(0, status.desiredNumberScheduled - status.numberAvailable)))
            snapshot.add(.daemonSetMisscheduled, labels, Double(status.numberMisscheduled))
            snapshot.add(.daemonSetUpdated, labels, Double(status.updatedNumberScheduled))
        }
        for job in workloads.jobs where !job.isDeleted {
            let labels = ExpositionText.labels(["namespace": job.namespace, "job_name": job.name])
            if let completions = job.job.spec.completions {
                snapshot.add(.jobCompletions, labels, Double(completions))
            }
            snapshot.add(.jobParallelism, labels, Double(job.job.spec.parallelism))
            snapshot.add(.jobActive, labels, Double(job.active))
            snapshot.add(.jobSucceeded, labels, Double(job.succeeded))
            snapshot.add(.jobFailed, labels, Double(job.failed))
            Self.addOwners(.jobOwner, labels, job.job.metadata.ownerReferences, to: &snapshot)
        }
        for budget in workloads.podDisruptionBudgets where !budget.isDeleted {
            let labels = ExpositionText.labels(["namespace": budget.namespace, "poddisruptionbudget": budget.name])
            snapshot.add(.pdbCurrentHealthy, labels, Double(budget.status.currentHealthy))
            snapshot.add(.pdbDesiredHealthy, labels, Double(budget.status.desiredHealthy))
            snapshot.add(.pdbDisruptionsAllowed, labels, Double(budget.status.disruptionsAllowed))
            snapshot.add(.pdbExpectedPods, labels, Double(budget.status.expectedPods))
        }
    }

    /// `kube_replicaset_owner` / `kube_job_owner`: one series per owner reference, or one with
    /// empty labels when there is none.
    static func addOwners(
        _ id: MetricID, _ labels: String, _ owners: [OwnerReference]?, to snapshot: inout some MetricsCollector
    ) {
        guard let owners, !owners.isEmpty else {
            snapshot.add(id, labels + ",owner_kind=\"\",owner_name=\"\",owner_is_controller=\"\"", 1)
            return
        }
        for owner in owners {
            snapshot.add(
                id,
                labels + ","
                    + ExpositionText.labels([
                        "owner_kind": owner.kind, "owner_name": owner.name,
                        "owner_is_controller": owner.controller == true ? "true" : "false",
                    ]), 1)
        }
    }
}
