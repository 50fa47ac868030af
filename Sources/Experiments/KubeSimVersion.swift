/// kubesim's version, printed by `kubesim --version` and recorded with results that must be
/// reproduced by the same build: every sharded sweep's ``PlanFingerprint`` holds it, so shards
/// computed by different versions are never merged (a model change moves the numbers).
public enum KubeSimVersion {
    /// Semantic version of this source tree.
    public static let current = "0.3.0"
}
