/// kubesim's version, printed by `kubesim --version` and recorded with results that must be
/// reproduced by the same build (sweep stores).
public enum KubeSimVersion {
    /// Semantic version of this source tree.
    public static let current = "0.3.0"
}
