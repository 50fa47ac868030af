import KubeModel
import SimulationCore

/// The API server's verbs by kind, the one door for every write that does not come from a
/// component (input files at time zero, timed actions, workload arrivals): admission (priority
/// resolution, namespace existence), storage with uid and resourceVersion, then the watchers.
///
/// Admission here is what the API server does beyond the loader's decoding and validation
/// (which the Scenario layer runs on every manifest, at load time and for actions alike).
extension Cluster {
    // MARK: - Create or update

    /// `kubectl apply` of one object: created, or updated where the kind allows.
    /// - Throws: ``APIError`` when admission refuses it (the run goes on; nothing is stored).
    public func apply(_ object: KubeObject) throws(APIError) {
        try counted { () throws(APIError) in try create(object) }
    }

    /// Runs a write and counts it in ``APIStore/rejectedWrites`` when it throws.
    func counted(_ write: () throws(APIError) -> Void) throws(APIError) {
        do {
            try write()
        } catch {
            api.rejectedWrites += 1
            throw error
        }
    }

    private func create(_ object: KubeObject) throws(APIError) {
        let namespace = object.metadata?.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if !APIResource.clusterScoped.contains(object.kind), !object.isSchedulerConfiguration {
            try requireNamespace(namespace)
        }
        switch object {
        case .pod(let pod): try admitPod(pod)
        case .node(let node):
            let name = node.metadata.name ?? ""
            if let existing = api.nodeID(named: name), !api[existing].isRemoved {
                throw .alreadyExists("Node", name)
            }
            addNode(manifest: node)
        case .deployment(let deployment): controllers.deployments.apply(deployment)
        case .replicaSet(let replicaSet):
            guard controllers.replicaSets.apply(replicaSet) != nil else {
                throw .alreadyExists("ReplicaSet", replicaSet.metadata.name ?? "")
            }
        case .job(let job): controllers.jobs.apply(job)
        case .daemonSet(let daemonSet): controllers.daemonSets.apply(daemonSet)
        case .statefulSet(let statefulSet): controllers.statefulSets.apply(statefulSet)
        case .podDisruptionBudget(let budget):
            controllers.disruption.apply(budget)
            store(object, namespace: namespace)
        case .horizontalPodAutoscaler(let autoscaler):
            controllers.horizontalPodAutoscalers.apply(autoscaler)
            store(object, namespace: namespace)
        case .priorityClass(let priorityClass):
            store(object, namespace: nil)
            api.priorityClasses.removeAll { $0.metadata.name == priorityClass.metadata.name }
            api.priorityClasses.append(priorityClass)
        case .service(let service): try applyService(service, namespace: namespace)
        case .namespace, .configMap, .secret, .unrecognized:
            store(object, namespace: APIResource.clusterScoped.contains(object.kind) ? nil : namespace)
        case .schedulerConfiguration:
            break  // read by the scheduler when the cluster is built; not an API object
        }
    }

    /// Creates a pod through admission: its namespace must exist; the ServiceAccount plugin
    /// mounts the token volume; priority is resolved against the PriorityClasses stored now
    /// (pods loaded from files were admitted by the loader too: admission is idempotent),
    /// default tolerations and QoS are set.
    /// - Returns: the new pod.
    /// - Throws: ``APIError`` `Forbidden` (admission), `NotFound` (namespace), `AlreadyExists`.
    @discardableResult
    public func createPod(admitting manifest: Pod) throws(APIError) -> PodID {
        var created: PodID?
        try counted { () throws(APIError) in
            let namespace = manifest.metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            try requireNamespace(namespace)
            created = try admitPod(manifest)
        }
        return created!
    }

    @discardableResult
    private func admitPod(_ manifest: Pod) throws(APIError) -> PodID {
        var pod = manifest
        do {
            try admit(&pod)
        } catch {
            let name = pod.metadata.name ?? pod.metadata.generateName ?? ""
            let field = error.path.isEmpty ? "" : error.path + ": "
            throw APIError(.forbidden, "pods \"\(name)\" is forbidden: \(field)\(error.message)")
        }
        guard let id = createPod(pod) else { throw .alreadyExists("Pod", pod.metadata.name ?? "") }
        return id
    }

    /// Stores (or replaces) an object of a kind kept in ``APIStore/objects``.
    func store(_ object: KubeObject, namespace: String?) {
        let name = object.metadata?.name ?? ""
        let key = StoredObject.key(kind: object.kind, namespace: namespace, name: name)
        if let index = api.objectsByKey[key] {
            api.objects[index].object = object
            api.objects[index].resourceVersion = api.nextResourceVersion()
            return
        }
        let resourceVersion = api.nextResourceVersion()
        let stored = StoredObject(
            object: object, kind: object.kind, namespace: namespace, name: name, uid: storedObjectUID(resourceVersion),
            resourceVersion: resourceVersion, createdAt: now)
        api.objectsByKey[key] = api.objects.count
        switch stored.kind {
        case "LimitRange": api.limitRanges[namespace ?? "", default: []].append(api.objects.count)
        case "ServiceAccount": api.serviceAccountCount += 1
        default: break
        }
        api.objects.append(stored)
        if case .namespace = object { api.namespaces.insert(name) }
    }

    /// The namespace must exist and not be terminating (NamespaceLifecycle admission).
    func requireNamespace(_ namespace: String) throws(APIError) {
        guard api.namespaces.contains(namespace) else {
            throw .notFound("Namespace", namespace)
        }
    }

    /// Adds a node from a Node manifest: `kubernetes.io/hostname` defaulted, its pool from the
    /// `kubesim.io/pool` (or `pool`) label or the name without its index, the images listed in
    /// `status.images` already cached; a kubelet starts for it.
    @discardableResult
    public func addNode(manifest: Node, kubeletConfiguration: KubeletConfiguration = .init()) -> NodeID {
        var node = manifest
        let name = node.metadata.name ?? ""
        var labels = node.metadata.labels ?? [:]
        if labels["kubernetes.io/hostname"] == nil { labels["kubernetes.io/hostname"] = name }
        node.metadata.labels = labels
        let pool = labels["kubesim.io/pool"] ?? labels["pool"] ?? Self.poolName(ofNode: name)
        let images = (node.status.images ?? []).compactMap { $0.names?.first }
        return addNode(node, pool: pool, kubeletConfiguration: kubeletConfiguration, preloadedImages: images)
    }

    /// `worker-12` belongs to pool `worker`.
    public static func poolName(ofNode name: String) -> String {
        guard let dash = name.lastIndex(of: "-"), Int(name[name.index(after: dash)...]) != nil else { return name }
        return String(name[..<dash])
    }

    // MARK: - Delete

    /// `kubectl delete KIND NAME`, cascading in the background as the garbage collector does
    /// (a Deployment takes its ReplicaSets and pods; a Namespace everything in it).
    /// - Throws: ``APIError`` `NotFound` when no such object exists.
    public func delete(kind: String, namespace: String?, name: String) throws(APIError) {
        try counted { () throws(APIError) in try remove(kind: kind, namespace: namespace, name: name) }
    }

    func remove(kind: String, namespace: String?, name: String) throws(APIError) {
        let namespace = APIResource.clusterScoped.contains(kind) ? nil : (namespace ?? "default")
        switch kind {
        case "Pod":
            guard let pod = api.podID(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            deletePod(pod)
        case "Node":
            guard let node = api.nodeID(named: name), !api[node].isRemoved else { throw .notFound(kind, name) }
            removeNode(node)
        case "Deployment":
            guard let index = controllers.workloads.deployment(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            controllers.deployments.delete(index)
        case "ReplicaSet":
            guard let index = controllers.workloads.replicaSet(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            controllers.replicaSets.delete(index)
            // The Deployment controller's ReplicaSet informer: a deleted set is replaced.
            if let deployment = controllers.workloads.replicaSets[index].deployment {
                controllers.deployments.enqueue(deployment)
            }
        case "Job":
            guard let index = controllers.workloads.job(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            controllers.jobs.delete(index)
        case "DaemonSet":
            guard let index = controllers.workloads.daemonSet(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            controllers.daemonSets.delete(index)
        case "StatefulSet":
            guard let index = controllers.workloads.statefulSet(namespace: namespace ?? "default", name: name) else {
                throw .notFound(kind, name)
            }
            controllers.statefulSets.delete(index)
        default:
            let key = StoredObject.key(kind: kind, namespace: namespace, name: name)
            guard let index = api.objectsByKey[key] else { throw .notFound(kind, name) }
            api.objectsByKey[key] = nil
            api.objects[index].deletedAt = now
            api.objects[index].resourceVersion = api.nextResourceVersion()
            switch kind {
            case "PriorityClass": api.priorityClasses.removeAll { $0.metadata.name == name }
            case "LimitRange": api.limitRanges[namespace ?? "", default: []].removeAll { $0 == index }
            case "ServiceAccount": api.serviceAccountCount -= 1
            case "Service":
                if case .service(let service) = api.objects[index].object { serviceAllocators.release(service) }
            case "PodDisruptionBudget": controllers.disruption.delete(namespace: namespace ?? "", name: name)
            case "HorizontalPodAutoscaler":
                if let index = controllers.workloads.horizontalPodAutoscaler(namespace: namespace ?? "", name: name) {
                    controllers.horizontalPodAutoscalers.delete(index)
                }
            case "Namespace":
                api.namespaces.remove(name)
                controllers.garbageCollector.deleteContents(ofNamespace: name)
            default: break
            }
        }
    }

    // MARK: - Scale and patch

    /// `kubectl scale`: sets `spec.replicas` of a Deployment, ReplicaSet or StatefulSet.
    /// - Throws: ``APIError`` `NotFound`, or `MethodNotAllowed` for a kind without a scale
    ///   subresource.
    public func scale(kind: String, namespace: String?, name: String, replicas: Int) throws(APIError) {
        try counted { () throws(APIError) in try setReplicas(kind: kind, namespace: namespace, name: name, replicas) }
    }

    private func setReplicas(kind: String, namespace: String?, name: String, _ replicas: Int) throws(APIError) {
        let namespace = namespace ?? "default"
        switch kind {
        case "Deployment":
            guard let index = controllers.workloads.deployment(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            controllers.deployments.scale(index, to: replicas)
        case "ReplicaSet":
            guard let index = controllers.workloads.replicaSet(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            controllers.replicaSets.scale(index, to: replicas)
        case "StatefulSet":
            guard let index = controllers.workloads.statefulSet(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var statefulSet = controllers.workloads.statefulSets[index].statefulSet
            statefulSet.spec.replicas = replicas
            controllers.statefulSets.apply(statefulSet)
        default:
            throw APIError(
                .methodNotAllowed,
                "the server does not allow this method on the requested resource (\(kind) has no scale subresource)")
        }
    }

    /// `kubectl patch`/`set image` of a workload's pod template (Deployment, ReplicaSet, Job,
    /// DaemonSet, StatefulSet): `change` edits the template and may refuse with an error.
    /// - Throws: ``APIError`` `NotFound`, or whatever `change` throws.
    public func patchTemplate(
        kind: String, namespace: String?, name: String, _ change: (inout PodTemplateSpec) throws(APIError) -> Void
    ) throws(APIError) {
        try counted { () throws(APIError) in try changeTemplate(kind: kind, namespace: namespace, name: name, change) }
    }

    private func changeTemplate(
        kind: String, namespace: String?, name: String, _ change: (inout PodTemplateSpec) throws(APIError) -> Void
    ) throws(APIError) {
        let namespace = namespace ?? "default"
        switch kind {
        case "DaemonSet":
            guard let index = controllers.workloads.daemonSet(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var daemonSet = controllers.workloads.daemonSets[index].daemonSet
            try change(&daemonSet.spec.template)
            controllers.daemonSets.apply(daemonSet)
        case "StatefulSet":
            guard let index = controllers.workloads.statefulSet(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var statefulSet = controllers.workloads.statefulSets[index].statefulSet
            try change(&statefulSet.spec.template)
            controllers.statefulSets.apply(statefulSet)
        case "Deployment":
            guard let index = controllers.workloads.deployment(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var template = controllers.workloads.deployments[index].deployment.spec.template
            try change(&template)
            controllers.deployments.patchTemplate(index, template)
        case "ReplicaSet":
            guard let index = controllers.workloads.replicaSet(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var template = controllers.workloads.replicaSets[index].replicaSet.spec.template
            try change(&template)
            controllers.replicaSets.patchTemplate(index, template)
        case "Job":
            guard let index = controllers.workloads.job(namespace: namespace, name: name) else {
                throw .notFound(kind, name)
            }
            var template = controllers.workloads.jobs[index].job.spec.template
            try change(&template)
            controllers.jobs.patchTemplate(index, template)
        default:
            throw .notFound(kind, name)
        }
    }
}

extension KubeObject {
    var isSchedulerConfiguration: Bool {
        if case .schedulerConfiguration = self { return true }
        return false
    }
}
