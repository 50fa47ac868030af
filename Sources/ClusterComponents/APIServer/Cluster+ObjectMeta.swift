import KubeModel

/// The system fields the API server sets on a write of an object whose spec it versions
/// (Deployment, ReplicaSet, DaemonSet, StatefulSet): the one place that rule is written.
extension Cluster {
    /// Create: a new `uid` (k8s.io/apiserver pkg/registry/rest/create.go `BeforeCreate` →
    /// `FillObjectMetaSystemFields`), `generation` 1 (the apps strategies' `PrepareForCreate`,
    /// e.g. pkg/registry/apps/deployment/strategy.go), then a new `resourceVersion`.
    func prepareForCreate(_ metadata: inout ObjectMeta) {
        metadata.uid = nextUID()
        metadata.generation = 1
        metadata.resourceVersion = api.nextResourceVersionText()
    }

    /// Update: the stored `uid`, `generation` bumped when the spec changed (the strategies'
    /// `PrepareForUpdate`: `if !apiequality.Semantic.DeepEqual(new.Spec, old.Spec)`), then a
    /// new `resourceVersion`.
    func prepareForUpdate(_ metadata: inout ObjectMeta, old: ObjectMeta, specChanged: Bool) {
        metadata.uid = old.uid
        metadata.generation = (old.generation ?? 1) + (specChanged ? 1 : 0)
        metadata.resourceVersion = api.nextResourceVersionText()
    }
}
