/// A priority class (scheduling.k8s.io/v1 `PriorityClass`).
public struct PriorityClass: Codable, Hashable, Sendable {
    /// `scheduling.k8s.io/v1`.
    public var apiVersion: String?
    /// `PriorityClass`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// The priority of pods naming this class.
    public var value: Int
    /// Whether pods without a class get this one.
    public var globalDefault: Bool?
    /// Description.
    public var description: String?
    /// `PreemptLowerPriority` (default) or `Never`.
    public var preemptionPolicy: PreemptionPolicy?

    /// Creates a class.
    public init(name: String, value: Int, globalDefault: Bool? = nil, preemptionPolicy: PreemptionPolicy? = nil) {
        self.apiVersion = "scheduling.k8s.io/v1"
        self.kind = "PriorityClass"
        self.metadata = ObjectMeta(name: name)
        self.value = value
        self.globalDefault = globalDefault
        self.preemptionPolicy = preemptionPolicy
    }

    /// The two built-in classes (pkg/apis/scheduling/types.go `SystemCriticalPriority` = 2e9):
    /// `system-cluster-critical` 2000000000 and `system-node-critical` 2000001000.
    public static let builtIn: [PriorityClass] = [
        PriorityClass(name: "system-cluster-critical", value: 2_000_000_000),
        PriorityClass(name: "system-node-critical", value: 2_000_001_000),
    ]
}
