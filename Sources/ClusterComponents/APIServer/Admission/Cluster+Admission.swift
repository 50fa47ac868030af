import KubeModel

/// The API server's mutating admission chain for pods, in kube-apiserver's plugin order
/// (pkg/kubeapiserver/options/plugins.go `AllOrderedPlugins`): NamespaceLifecycle (checked by
/// the verbs), LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds (the last two,
/// with the defaults that need no cluster state and the QoS class, in KubeModel's
/// `Pod.applyAdmissionDefaults`).
extension Cluster {
    /// Admits a pod about to be created by a verb or a controller.
    /// - Throws: ``AdmissionError`` (the caller words it as `Forbidden` or a `FailedCreate` event).
    func admit(_ pod: inout Pod) throws(AdmissionError) {
        let namespace = pod.metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        // The plugins get what they read, not the store: passing `api`, a stored property of
        // this class, copied it (a retain and a release of each of its arrays and tables).
        if let ranges = api.limitRanges[namespace] {
            LimitRanger.admit(&pod, limitRanges: ranges.map { api.objects[$0].object })
        }
        try serviceAccountAdmission.admit(&pod, namespace: namespace) { name in
            api.serviceAccountCount > 0 ? api.object(kind: "ServiceAccount", namespace: namespace, name: name) : nil
        }
        try pod.applyAdmissionDefaults(priorityClasses: api.priorityClasses)
    }
}
