import KubeModel

extension WorkloadStore {
    /// The value of `body` on the Deployment at `index`, lent in place for the call.
    ///
    /// `workloads.deployments[i].field` goes through `Array`'s getter, which copies the whole
    /// object (a retain and a release of every reference in its manifest: metadata maps, the
    /// pod template) wherever the optimizer cannot narrow the read to the field; in release
    /// builds with `-enforce-exclusivity=unchecked` that was most of the controllers' reads
    /// (callgrind: `syncDeployment` 407 M → 903 M instructions on the 100-node, 24-hour
    /// envelope). An `inout` access is exclusive, so `body` reads the stored object, as
    /// ``PodWorkers/reading(_:_:)`` does for the kubelet. `body` must not change the object
    /// and must not touch the store (that access would overlap this one).
    /// - Complexity: O(1) plus `body`.
    mutating func reading<R>(deployment index: Int, _ body: (inout DeploymentObject) -> R) -> R {
        body(&deployments[index])
    }

    /// The value of `body` on the ReplicaSet at `index`, lent in place for the call (see
    /// ``reading(deployment:_:)``; the same rules hold).
    /// - Complexity: O(1) plus `body`.
    mutating func reading<R>(replicaSet index: Int, _ body: (inout ReplicaSetObject) -> R) -> R {
        body(&replicaSets[index])
    }

    /// The value of `body` on the Job at `index`, lent in place for the call (see
    /// ``reading(deployment:_:)``; the same rules hold). A copy of the whole Job shares its
    /// `pods` list, and the next pod the sync created then copied that list (every pod the Job
    /// ever had) to append itself.
    /// - Complexity: O(1) plus `body`.
    mutating func reading<R>(job index: Int, _ body: (inout JobObject) -> R) -> R {
        body(&jobs[index])
    }
}

/// The fields of a Deployment's spec that a sync uses, read in place in one access: the spec
/// holds the pod template, so a copy of it retains and releases every reference in the template.
struct RolloutSpec {
    /// `spec.replicas`.
    var replicas: Int
    /// `spec.strategy`.
    var strategy: DeploymentStrategy
    /// `spec.paused`.
    var paused: Bool
    /// `spec.revisionHistoryLimit`.
    var revisionHistoryLimit: Int

    /// `spec.strategy.type == "Recreate"`.
    var recreate: Bool { strategy.type == "Recreate" }

    /// `deploymentutil.ResolveFenceposts`: maxSurge rounds up, maxUnavailable rounds down
    /// (`intstr.GetScaledValueFromIntOrPercent`); if both are 0, maxUnavailable becomes 1.
    /// Computed when asked (parsing a percentage costs about 1,000 instructions).
    var fenceposts: (surge: Int, unavailable: Int) {
        let update = strategy.rollingUpdate ?? RollingUpdateDeployment()
        let surge = (try? update.maxSurge.scaledValue(total: replicas, roundUp: true)) ?? 0
        var unavailable = (try? update.maxUnavailable.scaledValue(total: replicas, roundUp: false)) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `deploymentutil.MaxUnavailable`: 0 unless RollingUpdate with replicas > 0; at most `replicas`.
    var maxUnavailable: Int {
        guard !recreate, replicas > 0 else { return 0 }
        return min(fenceposts.unavailable, replicas)
    }
}
