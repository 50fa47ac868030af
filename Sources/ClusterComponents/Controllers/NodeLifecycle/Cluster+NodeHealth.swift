import KubeModel
import SimulationCore

/// Node operations the Scenario layer's timed actions call: failures, recovery, cordon,
/// drain and removal. The node lifecycle controller reacts as upstream does.
extension Cluster {
    /// The node's kubelet stops heartbeating (power loss, network partition): after the
    /// node-monitor grace period the node turns Ready=Unknown and gets the unreachable taints,
    /// and its pods are evicted when their tolerations (300 s by default) run out. Containers
    /// keep running, but nothing on the node reports until ``recoverNode(_:)``.
    public func failNode(_ node: NodeID) {
        guard !api[node].isRemoved, api[node].isHeartbeating else { return }
        updateNode(node) { $0.isHeartbeating = false }
        kubelets[node.value].nodeFailed()
        controllers.nodeStoppedHeartbeating(node)
    }

    /// The node's kubelet heartbeats again: the next monitor pass marks it Ready and removes
    /// the taints; the kubelet resyncs (finishing deletions requested meanwhile).
    public func recoverNode(_ node: NodeID) {
        guard !api[node].isRemoved, !api[node].isHeartbeating else { return }
        updateNode(node) { $0.isHeartbeating = true }
        kubelets[node.value].nodeRecovered()
        controllers.nodeResumedHeartbeating(node)
    }

    /// `kubectl cordon`: `spec.unschedulable` and the `node.kubernetes.io/unschedulable:NoSchedule`
    /// taint (added by the node lifecycle controller's TaintNodesByCondition upstream).
    public func cordon(_ node: NodeID) {
        guard api[node].node.spec.unschedulable != true else { return }
        updateNode(node) { object in
            object.node.spec.unschedulable = true
            var taints = object.node.spec.taints ?? []
            if !taints.contains(where: { $0.key == Taint.unschedulableKey }) {
                taints.append(Taint(key: Taint.unschedulableKey, effect: .noSchedule))
            }
            object.node.spec.taints = taints
        }
    }

    /// `kubectl uncordon`.
    public func uncordon(_ node: NodeID) {
        guard api[node].node.spec.unschedulable == true else { return }
        updateNode(node) { object in
            object.node.spec.unschedulable = nil
            object.node.spec.taints?.removeAll { $0.key == Taint.unschedulableKey }
        }
    }

    /// `kubectl drain`: cordon, then evict every pod on the node except DaemonSet-owned and
    /// mirror pods, through the eviction API. An eviction a PodDisruptionBudget refuses
    /// (429) is retried every 5 s, as kubectl does.
    /// - Complexity: O(pods in the API), once per drain.
    public func drain(_ node: NodeID) {
        cordon(node)
        for index in api.pods.indices {
            let pod = PodID(index)
            guard api.podFacts[index].node == Int32(node.value), api.podFacts[index].isActive else { continue }
            let object = api[pod]
            if object.pod.metadata.ownerReferences?.contains(where: { $0.kind == "DaemonSet" && $0.controller == true })
                == true
            {
                continue
            }
            if object.pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil { continue }
            evict(pod)
        }
    }

    /// Removes a node from the cluster (`kubectl delete node`): the pod garbage collector
    /// force-deletes the pods bound to it, and their controllers replace them.
    /// - Complexity: O(pods in the API), once per removal.
    public func removeNode(_ node: NodeID) {
        guard !api[node].isRemoved else { return }
        kubelets[node.value].nodeFailed()
        updateNode(node) { $0.isRemoved = true }
        for index in api.pods.indices {
            let pod = PodID(index)
            guard api.podFacts[index].node == Int32(node.value), !api.podFacts[index].isRemoved else { continue }
            // podgc gcOrphaned: pods on a node that no longer exists are deleted with grace 0.
            removePod(pod)
        }
    }
}
