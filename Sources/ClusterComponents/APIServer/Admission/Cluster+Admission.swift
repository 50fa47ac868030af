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
        LimitRanger.admit(&pod, namespace: namespace, api: api)
        try serviceAccountAdmission.admit(&pod, namespace: namespace, api: api)
        try pod.applyAdmissionDefaults(priorityClasses: api.priorityClasses)
    }
}
