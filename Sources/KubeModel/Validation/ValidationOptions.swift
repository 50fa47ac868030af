/// Feature switches that change validation.
public struct ValidationOptions: Hashable, Sendable {
    /// The ContainerRestartRules feature (alpha in 1.34): per-container `restartPolicy` on
    /// regular containers and `restartPolicyRules`.
    public var containerRestartRules: Bool

    /// Creates options; features default to off as in Kubernetes 1.34.
    public init(containerRestartRules: Bool = false) {
        self.containerRestartRules = containerRestartRules
    }
}
