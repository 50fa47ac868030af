import KubeModel
import SimulationCore

/// The Deployment controller (k/k pkg/controller/deployment: deployment_controller.go,
/// rolling.go, recreate.go, sync.go, util/deployment_util.go).
///
/// A Deployment is synced when it is written and whenever one of its ReplicaSets' status
/// changes (the ReplicaSet controller enqueues it); it scales its ReplicaSets through
/// ``ReplicaSetController/setReplicas(_:to:)``.
final class DeploymentController: ClusterComponent {
    /// The component name on its Events.
    static let component = "deployment-controller"
    /// The label that ties a ReplicaSet and its pods to one template (`apps.DefaultDeploymentUniqueLabelKey`).
    static let podTemplateHashLabel = "pod-template-hash"
    /// The revision annotation (`deploymentutil.RevisionAnnotation`).
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// The controller manager whose pod control, work queue and objects this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    // MARK: - Work queue

    /// Queues a sync of the Deployment at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !reading(index, { $0.syncQueued || $0.isDeleted }) else { return }
        manager.workloads.deployments[index].syncQueued = true
        schedule(.controller(.syncDeployment(index)), after: .zero)
    }

    // MARK: - API writes

    /// Creates or updates a Deployment (`kubectl apply`); an update with a changed template
    /// starts a rollout. The manifest is expected defaulted (as the loader decodes it).
    /// - Returns: its index in ``WorkloadStore/deployments``.
    @discardableResult
    func apply(_ manifest: Deployment) -> Int {
        var deployment = manifest
        let namespace = deployment.metadata.namespace ?? "default"
        deployment.metadata.namespace = namespace
        let name = deployment.metadata.name ?? ""
        if let index = manager.workloads.deployment(namespace: namespace, name: name) {
            let old = manager.workloads.deployments[index].deployment
            cluster.prepareForUpdate(&deployment.metadata, old: old.metadata, specChanged: old.spec != deployment.spec)
            manager.workloads.deployments[index].deployment = deployment
            manager.workloads.deployments[index].templateHash = PodTemplateHash.compute(deployment.spec.template)
            enqueue(index)
            return index
        }
        cluster.prepareForCreate(&deployment.metadata)
        let index = manager.workloads.deployments.count
        var object = DeploymentObject(index: index, deployment: deployment, createdAt: cluster.now)
        object.templateHash = PodTemplateHash.compute(deployment.spec.template)
        manager.workloads.deployments.append(object)
        manager.workloads.deploymentsByName[namespace + "/" + name] = index
        enqueue(index)
        return index
    }

    /// Deletes the Deployment; the garbage collector deletes its ReplicaSets (and they their pods).
    func delete(_ index: Int) {
        guard manager.workloads.markDeleted(index, in: \.deployments, names: \.deploymentsByName) != nil else { return }
        manager.ownerDeleted(.deployment(index))
    }

    /// `kubectl scale`: sets `spec.replicas` and queues a sync.
    func scale(_ index: Int, to replicas: Int) {
        manager.workloads.deployments[index].deployment.spec.replicas = replicas
        manager.workloads.deployments[index].deployment.metadata.resourceVersion =
            cluster.api.nextResourceVersionText()
        enqueue(index)
    }

    /// Changes the pod template (`kubectl set image`, `kubectl patch`), starting a rollout.
    func patchTemplate(_ index: Int, _ template: PodTemplateSpec) {
        var deployment = manager.workloads.deployments[index].deployment
        deployment.spec.template = template
        apply(deployment)
    }

    // MARK: - Sync

    /// The work-queue item: `syncDeployment`.
    func sync(_ index: Int) {
        manager.workloads.deployments[index].syncQueued = false
        syncDeployment(index)
    }

    /// `syncDeployment`: find or create the new ReplicaSet, run the strategy, then update the
    /// status and trim the history. Each step that scales a ReplicaSet returns and waits for
    /// the next sync, as upstream does; the scale itself enqueues that sync.
    func syncDeployment(_ index: Int) {
        guard !reading(index, { $0.isDeleted }) else { return }
        dropDeletedReplicaSets(index)
        let (paused, recreate) = reading(index) {
            ($0.deployment.spec.paused == true, $0.deployment.spec.strategy.type == "Recreate")
        }
        if !paused {
            if recreate {
                rolloutRecreate(index)
            } else {
                rolloutRolling(index)
            }
        }
        updateStatus(index)
    }

    // MARK: - RollingUpdate (rolling.go)

    func rolloutRolling(_ index: Int) {
        let spec = rolloutSpec(index)
        let (newRS, oldRSs) = newAndOldReplicaSets(of: index)
        guard let newRS = newRS ?? createNewReplicaSet(for: index, replicas: newRSNewReplicas(index, newRS: nil)) else {
            return
        }
        // reconcileNewReplicaSet
        let newReplicas = replicas(of: newRS)
        if newReplicas > spec.replicas {
            scaleReplicaSetAndRecordEvent(newRS, to: spec.replicas, deployment: index)
            return
        } else if newReplicas < spec.replicas {
            let target = newRSNewReplicas(index, newRS: newRS)
            if target != newReplicas {
                scaleReplicaSetAndRecordEvent(newRS, to: target, deployment: index)
                return
            }
        }
        // reconcileOldReplicaSets
        let activeOld = oldRSs.filter { replicas(of: $0) > 0 }
        guard !activeOld.isEmpty else {
            cleanupDeployment(index, oldRSs: oldRSs)
            return
        }
        let allRSs = oldRSs + [newRS]
        let allPodsCount = allRSs.reduce(0) { $0 + replicas(of: $1) }
        let minAvailable = spec.replicas - spec.maxUnavailable
        let newStatus = manager.replicaSets.currentStatus(newRS).status
        let newRSUnavailable = replicas(of: newRS) - newStatus.availableReplicas
        let maxScaledDown = allPodsCount - minAvailable - newRSUnavailable
        guard maxScaledDown > 0 else { return }
        // cleanupUnhealthyReplicas: old sets' unavailable pods go first, oldest set first.
        var cleaned = 0
        for rs in activeOld where cleaned < maxScaledDown {
            let replicas = replicas(of: rs)
            let unhealthy = replicas - manager.replicaSets.currentStatus(rs).status.availableReplicas
            guard unhealthy > 0 else { continue }
            let count = min(maxScaledDown - cleaned, unhealthy)
            scaleReplicaSetAndRecordEvent(rs, to: replicas - count, deployment: index)
            cleaned += count
        }
        // scaleDownOldReplicaSetsForRollingUpdate: never below minAvailable available pods.
        let available = allRSs.reduce(0) { $0 + manager.replicaSets.currentStatus($1).status.availableReplicas }
        if available > minAvailable {
            let total = available - minAvailable
            var done = 0
            for rs in activeOld where done < total {
                let replicas = replicas(of: rs)
                guard replicas > 0 else { continue }
                let count = min(replicas, total - done)
                scaleReplicaSetAndRecordEvent(rs, to: replicas - count, deployment: index)
                done += count
            }
        }
    }

    /// `deploymentutil.NewRSNewReplicas` for RollingUpdate: grow the new set up to
    /// `replicas + maxSurge` pods in all sets (counting `spec.replicas`), never beyond `replicas`.
    /// Recreate gives `replicas`.
    func newRSNewReplicas(_ index: Int, newRS: Int?) -> Int {
        let spec = rolloutSpec(index)
        guard !spec.recreate else { return spec.replicas }
        let current = reading(index, { $0.replicaSets }).reduce(0) { $0 + replicas(of: $1) }
        let newReplicas = newRS.map { replicas(of: $0) } ?? 0
        let maxTotal = spec.replicas + spec.fenceposts.surge
        guard current < maxTotal else { return newReplicas }
        return newReplicas + min(maxTotal - current, spec.replicas - newReplicas)
    }

    // MARK: - Recreate (recreate.go)

    func rolloutRecreate(_ index: Int) {
        let replicas = rolloutSpec(index).replicas
        let (newRS, oldRSs) = newAndOldReplicaSets(of: index)
        // scaleDownOldReplicaSetsForRecreate
        var scaledDown = false
        for rs in oldRSs where self.replicas(of: rs) > 0 {
            scaleReplicaSetAndRecordEvent(rs, to: 0, deployment: index)
            scaledDown = true
        }
        guard !scaledDown else { return }
        // oldPodsRunning: any old pod not yet Succeeded/Failed, terminating ones included.
        for rs in oldRSs {
            for pod in manager.workloads.reading(replicaSet: rs, { $0.pods })
            where !cluster.api.podFacts[pod.value].isRemoved && !cluster.api.podFacts[pod.value].isTerminal {
                return
            }
        }
        if let newRS {
            if self.replicas(of: newRS) != replicas {
                scaleReplicaSetAndRecordEvent(newRS, to: replicas, deployment: index)
            } else {
                cleanupDeployment(index, oldRSs: oldRSs)
            }
        } else {
            _ = createNewReplicaSet(for: index, replicas: replicas)
        }
    }

    // MARK: - ReplicaSets of a Deployment

    /// The set whose template hash is the Deployment's current one, and the others oldest first.
    func newAndOldReplicaSets(of index: Int) -> (new: Int?, old: [Int]) {
        let (hash, sets) = reading(index) { ($0.templateHash, $0.replicaSets) }
        var new: Int?
        var old: [Int] = []
        for rs in sets {
            if new == nil, manager.workloads.reading(replicaSet: rs, { $0.templateHash == hash }) {
                new = rs
            } else {
                old.append(rs)
            }
        }
        return (new, old)
    }

    /// The new set alone (``newAndOldReplicaSets(of:)`` without building the list of old ones).
    func newReplicaSet(of index: Int) -> Int? {
        let (hash, sets) = reading(index) { ($0.templateHash, $0.replicaSets) }
        return sets.first { rs in manager.workloads.reading(replicaSet: rs, { $0.templateHash == hash }) }
    }

    // MARK: - In-place reads

    /// The value of `body` on the Deployment at `index`, read in place
    /// (``WorkloadStore/reading(deployment:_:)``: no copy of the whole object).
    func reading<R>(_ index: Int, _ body: (inout DeploymentObject) -> R) -> R {
        manager.workloads.reading(deployment: index, body)
    }

    /// `spec.replicas` of the ReplicaSet at `rs`, read in place.
    func replicas(of rs: Int) -> Int { manager.workloads.reading(replicaSet: rs, { $0.replicas }) }

    /// The numbers of the Deployment's spec a sync uses, read in place.
    func rolloutSpec(_ index: Int) -> RolloutSpec {
        let (replicas, strategy, paused, revisionHistoryLimit) = reading(index) {
            (
                $0.deployment.spec.replicas, $0.deployment.spec.strategy, $0.deployment.spec.paused == true,
                $0.deployment.spec.revisionHistoryLimit
            )
        }
        return RolloutSpec(
            replicas: replicas, strategy: strategy, paused: paused, revisionHistoryLimit: revisionHistoryLimit)
    }

    /// Drops deleted sets from the Deployment's list; writes (and allocates) only when one was deleted.
    func dropDeletedReplicaSets(_ index: Int) {
        let sets = reading(index) { $0.replicaSets }
        guard sets.contains(where: { rs in manager.workloads.reading(replicaSet: rs, { $0.isDeleted }) }) else {
            return
        }
        let live = sets.filter { rs in !manager.workloads.reading(replicaSet: rs, { $0.isDeleted }) }
        manager.workloads.deployments[index].replicaSets = live
    }

    /// `getNewReplicaSet` with `createIfNotExisted`: `<deployment>-<pod-template-hash>`, its
    /// selector and template labels extended with the hash label, revision = max + 1.
    func createNewReplicaSet(for index: Int, replicas: Int) -> Int? {
        let object = manager.workloads.deployments[index]
        let spec = object.deployment.spec
        let hash = object.templateHash
        var template = spec.template
        template.metadata.labels = (template.metadata.labels ?? [:]).merging([Self.podTemplateHashLabel: hash]) { $1 }
        var selector = spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([Self.podTemplateHashLabel: hash]) { $1 }
        let revision = object.revision + 1
        manager.workloads.deployments[index].revision = revision
        let metadata = ObjectMeta(
            name: object.name + "-" + hash, namespace: object.namespace, labels: template.metadata.labels,
            annotations: [Self.revisionAnnotation: String(revision)],
            ownerReferences: [
                OwnerReference(
                    apiVersion: "apps/v1", kind: "Deployment", name: object.name, uid: object.uid, controller: true,
                    blockOwnerDeletion: true)
            ])
        let rs = ReplicaSet(
            metadata: metadata,
            spec: ReplicaSetSpec(
                replicas: 0, minReadySeconds: spec.minReadySeconds, selector: selector, template: template))
        guard let rsIndex = manager.replicaSets.insert(rs, deployment: index, templateHash: hash) else { return nil }
        if replicas > 0 {
            scaleReplicaSetAndRecordEvent(rsIndex, to: replicas, deployment: index)
        }
        return rsIndex
    }

    /// `scaleReplicaSetAndRecordEvent`: Normal `ScalingReplicaSet` "Scaled up replica set
    /// <rs> from <old> to <new>" (sync.go; releases before 1.29 wrote "… to <new>").
    func scaleReplicaSetAndRecordEvent(_ rs: Int, to replicas: Int, deployment: Int) {
        let old = self.replicas(of: rs)
        guard old != replicas else { return }
        let direction = old < replicas ? "up" : "down"
        let name = manager.workloads.reading(replicaSet: rs, { $0.name })
        let message =
            cluster.configuration.kubernetesVersion >= KubernetesVersion(minor: 29)
            ? "Scaled \(direction) replica set \(name) from \(old) to \(replicas)"
            : "Scaled \(direction) replica set \(name) to \(replicas)"
        let (namespace, deploymentName) = reading(deployment) { ($0.namespace, $0.name) }
        cluster.recordEvent(
            .normal, "ScalingReplicaSet", message, kind: "Deployment", namespace: namespace, name: deploymentName,
            component: Self.component)
        manager.replicaSets.setReplicas(rs, to: replicas)
        enqueue(deployment)
    }

    /// `cleanupDeployment`: delete the oldest fully scaled-down sets beyond `revisionHistoryLimit`.
    func cleanupDeployment(_ index: Int, oldRSs: [Int]) {
        let limit = rolloutSpec(index).revisionHistoryLimit
        let candidates = oldRSs.filter { rs in
            manager.workloads.reading(replicaSet: rs) { object in
                object.replicas == 0 && object.pods.allSatisfy { cluster.api.podFacts[$0.value].isRemoved }
            }
        }
        guard candidates.count > limit else { return }
        for rs in candidates.prefix(candidates.count - limit) {
            manager.replicaSets.delete(rs)
        }
        dropDeletedReplicaSets(index)
    }

    /// `syncRolloutStatus`/`calculateStatus`.
    func updateStatus(_ index: Int) {
        let newRS = newReplicaSet(of: index)
        var status = DeploymentStatusRecord()
        for rs in reading(index, { $0.replicaSets }) {
            // The sets' own last statuses: every change of one re-queues this Deployment.
            let counts = manager.workloads.reading(replicaSet: rs) { $0.status }
            status.replicas += counts.replicas
            status.readyReplicas += counts.readyReplicas
            status.availableReplicas += counts.availableReplicas
            if rs == newRS { status.updatedReplicas = counts.replicas }
        }
        let spec = rolloutSpec(index)
        status.unavailableReplicas = max(0, spec.replicas - status.availableReplicas)
        status.conditions.reserveCapacity(2)
        let previous = reading(index) { $0.status.conditions }
        let now = cluster.now
        func condition(
            _ type: String, _ value: ConditionStatus, _ reason: String, _ message: String
        ) -> DeploymentConditionRecord {
            // Read in place (`first(where:)` copied the condition out, its strings retained).
            let since = previous.withUnsafeBufferPointer { stored -> SimulationTime in
                guard let i = stored.firstIndex(where: { $0.type == type }) else { return now }
                return stored[i].status == value ? stored[i].lastTransitionTime : now
            }
            return DeploymentConditionRecord(
                type: type, status: value, reason: reason, message: message, lastTransitionTime: since)
        }
        // sync.go calculateStatus / util: Available when available ≥ replicas − maxUnavailable.
        if status.availableReplicas >= spec.replicas - spec.maxUnavailable {
            status.conditions.append(
                condition("Available", .true, "MinimumReplicasAvailable", "Deployment has minimum availability."))
        } else {
            status.conditions.append(
                condition(
                    "Available", .false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
            )
        }
        // progress.go syncRolloutStatus (progressDeadlineSeconds is not enforced here).
        if let newRS {
            let messages = progressingMessages(index, newRS)
            let complete =
                status.updatedReplicas == spec.replicas && status.replicas == spec.replicas
                && status.availableReplicas == spec.replicas
            status.conditions.append(
                complete
                    ? condition("Progressing", .true, "NewReplicaSetAvailable", messages.available)
                    : condition("Progressing", .true, "ReplicaSetUpdated", messages.updated))
        }
        manager.workloads.deployments[index].status = status
    }

    /// The Progressing messages naming ReplicaSet `rs` (deployment/util `NewRSAvailableReason`
    /// and `ReplicaSetUpdatedReason` texts), kept on the Deployment until its new ReplicaSet
    /// changes. ReplicaSet indexes are never reused, so the index identifies the name.
    func progressingMessages(_ index: Int, _ rs: Int) -> (updated: String, available: String) {
        if let cached = reading(index, { $0.progressingMessages }), cached.replicaSet == rs {
            return (cached.updated, cached.available)
        }
        let name = manager.workloads.reading(replicaSet: rs) { $0.name }
        let updated = "ReplicaSet \"\(name)\" is progressing."
        let available = "ReplicaSet \"\(name)\" has successfully progressed."
        manager.workloads.deployments[index].progressingMessages = (rs, updated, available)
        return (updated, available)
    }
}
