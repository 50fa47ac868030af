/// Admission-time defaults that need the whole object set (PriorityClasses) applied by the loader.
enum AdmissionDefaults {
    static func apply(to result: inout ManifestLoader.Result) {
        let classes: [PriorityClass] = result.objects.compactMap {
            if case .priorityClass(let value) = $0.object { return value }
            return nil
        }
        var kept: [LoadedObject] = []
        kept.reserveCapacity(result.objects.count)
        for var loaded in result.objects {
            switch loaded.object {
            case .pod(var pod):
                do {
                    try pod.applyAdmissionDefaults(priorityClasses: classes)
                } catch {
                    let name = pod.metadata.name ?? pod.metadata.generateName ?? ""
                    result.diagnostics.append(
                        Diagnostic(
                            severity: .error, location: loaded.location, object: "Pod \"\(name)\"",
                            message: "\(error.path): Forbidden: pods \"\(name)\" is forbidden: \(error.message)"))
                    continue
                }
                loaded.object = .pod(pod)
            case .deployment(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .deployment(value)
            case .replicaSet(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .replicaSet(value)
            case .daemonSet(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .daemonSet(value)
            case .statefulSet(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .statefulSet(value)
            case .job(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .job(value)
            case .configMap(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .configMap(value)
            case .secret(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .secret(value)
            case .podDisruptionBudget(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .podDisruptionBudget(value)
            case .horizontalPodAutoscaler(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .horizontalPodAutoscaler(value)
            case .service(var value):
                defaultNamespace(&value.metadata)
                loaded.object = .service(value)
            case .node, .namespace, .priorityClass, .schedulerConfiguration, .unrecognized:
                break
            }
            kept.append(loaded)
        }
        result.objects = kept
    }

    private static func defaultNamespace(_ meta: inout ObjectMeta) {
        if (meta.namespace ?? "").isEmpty { meta.namespace = "default" }
    }
}
