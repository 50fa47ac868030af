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
}

/// The numbers of a Deployment's spec that a sync uses, read in place in one access: the spec
/// holds the pod template, so a copy of it retains and releases every reference in the template.
struct RolloutSpec {
    /// `spec.replicas`.
    var replicas: Int
    /// `spec.strategy.type == "Recreate"`.
    var recreate: Bool
    /// `spec.paused`.
    var paused: Bool
    /// `deploymentutil.ResolveFenceposts` (RollingUpdate only; 0 and 0 for Recreate).
    var surge: Int
    /// `deploymentutil.MaxUnavailable`.
    var maxUnavailable: Int
    /// `spec.revisionHistoryLimit`.
    var revisionHistoryLimit: Int
}
