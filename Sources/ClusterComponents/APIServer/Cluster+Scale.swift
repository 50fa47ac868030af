import KubeModel

/// The `scale` subresource's read side (`GET …/scale`), as the HPA controller uses it.
extension Cluster {
    /// What `GET <kind>/<name>/scale` returns, plus the pods its `status.selector` lists.
    public struct ScaleSubresource: Sendable {
        /// `spec.replicas`.
        public var replicas: Int
        /// The live pods the target's selector selects in its namespace.
        public var pods: [PodID]
    }

    /// The scale of a Deployment, ReplicaSet or StatefulSet; `nil` when it does not exist or
    /// has no scale subresource.
    /// - Complexity: O(pods the target's controllers own).
    public func scaleSubresource(kind: String, namespace: String, name: String) -> ScaleSubresource? {
        let workloads = controllers.workloads
        var owned: [PodID] = []
        let replicas: Int
        let selector: LabelSelector?
        switch kind {
        case "Deployment":
            guard let index = workloads.deployment(namespace: namespace, name: name) else { return nil }
            let deployment = workloads.deployments[index]
            replicas = deployment.deployment.spec.replicas
            selector = deployment.deployment.spec.selector
            for set in deployment.replicaSets { owned.append(contentsOf: workloads.replicaSets[set].pods) }
        case "ReplicaSet":
            guard let index = workloads.replicaSet(namespace: namespace, name: name) else { return nil }
            replicas = workloads.replicaSets[index].replicas
            selector = workloads.replicaSets[index].replicaSet.spec.selector
            owned = workloads.replicaSets[index].pods
        case "StatefulSet":
            guard let index = workloads.statefulSet(namespace: namespace, name: name) else { return nil }
            replicas = workloads.statefulSets[index].statefulSet.spec.replicas
            selector = workloads.statefulSets[index].statefulSet.spec.selector
            owned = workloads.statefulSets[index].pods
        default: return nil
        }
        // The selector decides (pods the controllers own always match their selector).
        let pods = owned.filter { pod in
            !api.pods[pod.value].isRemoved
                && (selector?.matches(api.pods[pod.value].pod.metadata.labels ?? [:]) ?? false)
        }
        return ScaleSubresource(replicas: replicas, pods: pods)
    }
}
