import Scenarios

/// What one run of a sweep or benchmark is made of: the loaded scenario (with the sweep's
/// overrides applied to its typed value) and the scheduler policy, if one is imposed.
public struct RunConfiguration: Sendable {
    /// The inputs.
    public var input: ScenarioInput
    /// The placement policy (nil: the scenario's own scheduler configuration or the default).
    public var policy: PolicyChoice?

    /// Creates a configuration.
    public init(input: ScenarioInput, policy: PolicyChoice? = nil) {
        self.input = input
        self.policy = policy
    }
}
