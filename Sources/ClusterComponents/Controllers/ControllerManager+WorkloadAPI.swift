import KubeModel
import SimulationCore

/// The workload API the Scenario layer calls (`kubectl apply`, `delete`, `scale`, `set image`).
extension ControllerManager {
    /// Workload kinds ``delete(kind:namespace:name:)`` and ``scale(kind:namespace:name:replicas:)`` accept.
    public enum WorkloadKind: String, Sendable, Hashable {
        case deployment = "Deployment"
        case replicaSet = "ReplicaSet"
        case job = "Job"
    }

    // MARK: - Deployments

    /// Creates or updates a Deployment (`kubectl apply`); an update with a changed template
    /// starts a rollout. The manifest is expected defaulted (as the loader decodes it).
    /// - Returns: its index in ``WorkloadStore/deployments``.
    @discardableResult
    public func apply(deployment manifest: Deployment) -> Int {
        var deployment = manifest
        let namespace = deployment.metadata.namespace ?? "default"
        deployment.metadata.namespace = namespace
        let name = deployment.metadata.name ?? ""
        if let index = workloads.deployment(namespace: namespace, name: name) {
            let old = workloads.deployments[index].deployment
            deployment.metadata.uid = old.metadata.uid
            deployment.metadata.generation = (old.metadata.generation ?? 1) + (old.spec == deployment.spec ? 0 : 1)
            deployment.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            workloads.deployments[index].deployment = deployment
            workloads.deployments[index].templateHash = PodTemplateHash.compute(deployment.spec.template)
            enqueueDeployment(index)
            return index
        }
        deployment.metadata.uid = cluster.nextUID()
        deployment.metadata.generation = 1
        deployment.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        let index = workloads.deployments.count
        var object = DeploymentObject(index: index, deployment: deployment, createdAt: cluster.now)
        object.templateHash = PodTemplateHash.compute(deployment.spec.template)
        workloads.deployments.append(object)
        workloads.deploymentsByName[namespace + "/" + name] = index
        enqueueDeployment(index)
        return index
    }

    /// Changes a Deployment's pod template (`kubectl set image`, `kubectl patch`), starting a rollout.
    /// - Returns: `false` if no such Deployment exists.
    @discardableResult
    public func patchTemplate(
        deploymentNamespace namespace: String = "default", name: String, _ change: (inout PodTemplateSpec) -> Void
    ) -> Bool {
        guard let index = workloads.deployment(namespace: namespace, name: name) else { return false }
        var deployment = workloads.deployments[index].deployment
        change(&deployment.spec.template)
        apply(deployment: deployment)
        return true
    }

    // MARK: - ReplicaSets

    /// Creates or updates a standalone ReplicaSet.
    /// - Returns: its index in ``WorkloadStore/replicaSets``, or `nil` if a different kind of
    ///   owner already uses the name.
    @discardableResult
    public func apply(replicaSet manifest: ReplicaSet) -> Int? {
        var replicaSet = manifest
        let namespace = replicaSet.metadata.namespace ?? "default"
        replicaSet.metadata.namespace = namespace
        if let index = workloads.replicaSet(namespace: namespace, name: replicaSet.metadata.name ?? "") {
            replicaSet.metadata.uid = workloads.replicaSets[index].uid
            replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            workloads.replicaSets[index].replicaSet = replicaSet
            enqueueReplicaSet(index)
            return index
        }
        return insertReplicaSet(replicaSet, deployment: nil, templateHash: nil)
    }

    /// Adds a ReplicaSet to the store and queues its first sync.
    func insertReplicaSet(_ manifest: ReplicaSet, deployment: Int?, templateHash: String?) -> Int? {
        var replicaSet = manifest
        let namespace = replicaSet.metadata.namespace ?? "default"
        let key = namespace + "/" + (replicaSet.metadata.name ?? "")
        guard workloads.replicaSetsByName[key] == nil else { return nil }
        replicaSet.metadata.namespace = namespace
        replicaSet.metadata.uid = cluster.nextUID()
        replicaSet.metadata.generation = 1
        replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        let index = workloads.replicaSets.count
        var object = ReplicaSetObject(
            index: index, replicaSet: replicaSet, deployment: deployment, createdAt: cluster.now)
        object.templateHash = templateHash
        workloads.replicaSets.append(object)
        workloads.replicaSetsByName[key] = index
        if let deployment { workloads.deployments[deployment].replicaSets.append(index) }
        enqueueReplicaSet(index)
        return index
    }

    /// Deletes a ReplicaSet and, as the garbage collector's background propagation does, its pods.
    func deleteReplicaSet(_ index: Int) {
        guard !workloads.replicaSets[index].isDeleted else { return }
        let rs = workloads.replicaSets[index]
        workloads.replicaSets[index].isDeleted = true
        workloads.replicaSetsByName[rs.namespace + "/" + rs.name] = nil
        cluster.cancel(rs.availabilityCheck)
        for pod in rs.pods where !cluster.api[pod].isRemoved { cluster.deletePod(pod) }
    }

    // MARK: - Jobs

    /// Creates or updates a Job (an update only changes parallelism, suspend and the deadline,
    /// the mutable fields).
    /// - Returns: its index in ``WorkloadStore/jobs``.
    @discardableResult
    public func apply(job manifest: Job) -> Int {
        var job = manifest
        let namespace = job.metadata.namespace ?? "default"
        job.metadata.namespace = namespace
        let name = job.metadata.name ?? ""
        if let index = workloads.job(namespace: namespace, name: name) {
            workloads.jobs[index].job.spec.parallelism = job.spec.parallelism
            workloads.jobs[index].job.spec.suspend = job.spec.suspend
            workloads.jobs[index].job.spec.activeDeadlineSeconds = job.spec.activeDeadlineSeconds
            workloads.jobs[index].job.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            enqueueJob(index)
            return index
        }
        job.metadata.uid = cluster.nextUID()
        job.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        let index = workloads.jobs.count
        workloads.jobs.append(JobObject(index: index, job: job, createdAt: cluster.now))
        workloads.jobsByName[namespace + "/" + name] = index
        enqueueJob(index)
        return index
    }

    // MARK: - Disruption budgets

    /// Adds or replaces a PodDisruptionBudget (honoured by ``Cluster/drain(_:)`` evictions).
    public func apply(podDisruptionBudget manifest: PodDisruptionBudget) {
        var budget = manifest
        budget.metadata.namespace = budget.metadata.namespace ?? "default"
        if let index = workloads.podDisruptionBudgets.firstIndex(where: {
            $0.metadata.namespace == budget.metadata.namespace && $0.metadata.name == budget.metadata.name
        }) {
            workloads.podDisruptionBudgets[index] = budget
        } else {
            workloads.podDisruptionBudgets.append(budget)
        }
    }

    // MARK: - Delete and scale

    /// Deletes a workload with background cascading (`kubectl delete`): its ReplicaSets and
    /// pods are deleted too.
    /// - Returns: `false` if it does not exist.
    @discardableResult
    public func delete(kind: WorkloadKind, namespace: String = "default", name: String) -> Bool {
        switch kind {
        case .deployment:
            guard let index = workloads.deployment(namespace: namespace, name: name) else { return false }
            workloads.deployments[index].isDeleted = true
            workloads.deploymentsByName[namespace + "/" + name] = nil
            for rs in workloads.deployments[index].replicaSets { deleteReplicaSet(rs) }
        case .replicaSet:
            guard let index = workloads.replicaSet(namespace: namespace, name: name) else { return false }
            deleteReplicaSet(index)
            if let deployment = workloads.replicaSets[index].deployment { enqueueDeployment(deployment) }
        case .job:
            guard let index = workloads.job(namespace: namespace, name: name) else { return false }
            let job = workloads.jobs[index]
            workloads.jobs[index].isDeleted = true
            workloads.jobsByName[namespace + "/" + name] = nil
            cluster.cancel(job.timer)
            for pod in job.pods where !cluster.api[pod].isRemoved && !cluster.api[pod].isTerminating {
                cluster.deletePod(pod)
            }
        }
        return true
    }

    /// Sets `spec.replicas` of a Deployment or ReplicaSet (`kubectl scale`).
    /// - Returns: `false` if it does not exist or cannot be scaled (Jobs).
    @discardableResult
    public func scale(kind: WorkloadKind, namespace: String = "default", name: String, replicas: Int) -> Bool {
        switch kind {
        case .deployment:
            guard let index = workloads.deployment(namespace: namespace, name: name) else { return false }
            workloads.deployments[index].deployment.spec.replicas = replicas
            workloads.deployments[index].deployment.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            enqueueDeployment(index)
        case .replicaSet:
            guard let index = workloads.replicaSet(namespace: namespace, name: name) else { return false }
            workloads.replicaSets[index].replicaSet.spec.replicas = replicas
            workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            enqueueReplicaSet(index)
        case .job:
            return false
        }
        return true
    }

    // MARK: - By kind name (what scenario actions carry)

    /// ``delete(kind:namespace:name:)`` with the kind as written in a manifest.
    /// - Returns: `false` for an unknown kind or a missing object.
    @discardableResult
    public func delete(kind: String, namespace: String = "default", name: String) -> Bool {
        guard let kind = WorkloadKind(rawValue: kind) else { return false }
        return delete(kind: kind, namespace: namespace, name: name)
    }

    /// ``scale(kind:namespace:name:replicas:)`` with the kind as written in a manifest.
    @discardableResult
    public func scale(kind: String, namespace: String = "default", name: String, replicas: Int) -> Bool {
        guard let kind = WorkloadKind(rawValue: kind) else { return false }
        return scale(kind: kind, namespace: namespace, name: name, replicas: replicas)
    }

    /// Changes the pod template of a Deployment (a rollout), a ReplicaSet (future pods only,
    /// as upstream) or a Job (future pods only; the API forbids it, kubesim tolerates it).
    /// - Returns: `false` for an unknown kind or a missing object.
    @discardableResult
    public func patchTemplate(
        kind: String, namespace: String = "default", name: String, _ change: (inout PodTemplateSpec) -> Void
    ) -> Bool {
        switch WorkloadKind(rawValue: kind) {
        case .deployment:
            return patchTemplate(deploymentNamespace: namespace, name: name, change)
        case .replicaSet:
            guard let index = workloads.replicaSet(namespace: namespace, name: name) else { return false }
            change(&workloads.replicaSets[index].replicaSet.spec.template)
            workloads.replicaSets[index].replicaSet.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            return true
        case .job:
            guard let index = workloads.job(namespace: namespace, name: name) else { return false }
            change(&workloads.jobs[index].job.spec.template)
            return true
        case nil:
            return false
        }
    }
}

// MARK: - Reads the API verbs need

extension ControllerManager {
    /// Removes a PodDisruptionBudget (`kubectl delete pdb`).
    func removePodDisruptionBudget(namespace: String, name: String) {
        workloads.podDisruptionBudgets.removeAll {
            ($0.metadata.namespace ?? "default") == namespace && $0.metadata.name == name
        }
    }

    /// Names of the live workloads of `kind` in `namespace`, in creation order.
    func workloadNames(kind: String, namespace: String) -> [String] {
        switch kind {
        case "Deployment": workloads.deployments.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "ReplicaSet": workloads.replicaSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "Job": workloads.jobs.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "DaemonSet": workloads.daemonSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        case "StatefulSet": workloads.statefulSets.filter { !$0.isDeleted && $0.namespace == namespace }.map(\.name)
        default: []
        }
    }

    /// The pod template of a live Deployment, ReplicaSet or Job.
    func template(kind: String, namespace: String, name: String) -> PodTemplateSpec? {
        switch kind {
        case "Deployment":
            workloads.deployment(namespace: namespace, name: name).map {
                workloads.deployments[$0].deployment.spec.template
            }
        case "ReplicaSet":
            workloads.replicaSet(namespace: namespace, name: name).map {
                workloads.replicaSets[$0].replicaSet.spec.template
            }
        case "Job": workloads.job(namespace: namespace, name: name).map { workloads.jobs[$0].job.spec.template }
        default: nil
        }
    }
}
