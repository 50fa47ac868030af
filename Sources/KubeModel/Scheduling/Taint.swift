/// A node taint (core/v1 `Taint`).
public struct Taint: Codable, Hashable, Sendable {
    /// Taint key.
    public var key: String
    /// Taint value.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: TaintEffect
    /// When a NoExecute taint was added (RFC 3339 text).
    public var timeAdded: String?

    /// Creates a taint.
    public init(key: String, value: String? = nil, effect: TaintEffect, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    /// `node.kubernetes.io/not-ready`, added while the node's Ready condition is False.
    public static let notReadyKey = "node.kubernetes.io/not-ready"
    /// `node.kubernetes.io/unreachable`, added while the node's Ready condition is Unknown.
    public static let unreachableKey = "node.kubernetes.io/unreachable"
    /// `node.kubernetes.io/unschedulable`, added for `spec.unschedulable`.
    public static let unschedulableKey = "node.kubernetes.io/unschedulable"
}

/// A pod toleration (core/v1 `Toleration`).
public struct Toleration: Codable, Hashable, Sendable {
    /// Key; empty with `Exists` tolerates every taint.
    public var key: String?
    /// `Equal` (when omitted) or `Exists`.
    public var `operator`: TolerationOperator?
    /// Value for `Equal`.
    public var value: String?
    /// Effect; empty matches every effect.
    public var effect: TaintEffect?
    /// For NoExecute: seconds the pod stays bound after the taint appears; `nil` is forever.
    public var tolerationSeconds: Int?

    /// Creates a toleration.
    public init(
        key: String? = nil, operator: TolerationOperator? = nil, value: String? = nil, effect: TaintEffect? = nil,
        tolerationSeconds: Int? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Whether this toleration tolerates `taint`, exactly as k8s.io/api/core/v1/toleration.go
    /// `ToleratesTaint`: a non-empty effect must equal the taint's; a non-empty key must equal
    /// the taint's; then `Exists` matches, `Equal`/empty compares values, anything else fails.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.rawValue.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch `operator`?.rawValue ?? "" {
        case "", "Equal": return (value ?? "") == (taint.value ?? "")
        case "Exists": return true
        default: return false
        }
    }
}

extension Array where Element == Toleration {
    /// Whether some toleration tolerates `taint` (k8s `TolerationsTolerateTaint`).
    public func tolerates(_ taint: Taint) -> Bool { contains { $0.tolerates(taint) } }
}
