/// The version of kubesim, part of every sharded sweep's ``PlanFingerprint``: shards computed by
/// different versions are never merged, since a model change moves the numbers.
public enum KubeSimVersion {
    /// The version string (`kubesim --version`).
    public static let current = "0.16.0-dev"
}
