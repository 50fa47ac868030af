/// A node selector: the OR of its terms (core/v1 `NodeSelector`).
public struct NodeSelector: Codable, Hashable, Sendable {
    /// Terms; a node must match at least one.
    public var nodeSelectorTerms: [NodeSelectorTerm]

    /// Creates a selector.
    public init(nodeSelectorTerms: [NodeSelectorTerm]) { self.nodeSelectorTerms = nodeSelectorTerms }

    /// Whether a node with these labels and name matches any term
    /// (k8s.io/component-helpers/scheduling/corev1/nodeaffinity `NodeSelector.Match`).
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        nodeSelectorTerms.contains { $0.matches(labels: labels, nodeName: nodeName) }
    }
}

/// The AND of label requirements and field requirements (core/v1 `NodeSelectorTerm`).
public struct NodeSelectorTerm: Codable, Hashable, Sendable {
    /// Requirements on node labels.
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on node fields (only `metadata.name` is supported).
    public var matchFields: [NodeSelectorRequirement]?

    /// Creates a term.
    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    /// Whether the node matches. An empty term matches no node (as in nodeaffinity.go).
    public func matches(labels: [String: String], nodeName: String) -> Bool {
        let expressions = matchExpressions ?? []
        let fields = matchFields ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        for requirement in expressions where !requirement.matches(labels) { return false }
        for requirement in fields {
            guard requirement.key == "metadata.name" else { return false }
            if !requirement.matches(["metadata.name": nodeName]) { return false }
        }
        return true
    }
}

/// A requirement on a node label (core/v1 `NodeSelectorRequirement`).
public struct NodeSelectorRequirement: Codable, Hashable, Sendable {
    /// Label key.
    public var key: String
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    public var `operator`: String
    /// Values; exactly one integer for `Gt`/`Lt`.
    public var values: [String]?

    /// Creates a requirement.
    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// The operators the API accepts.
    public static let supportedOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"]

    /// Whether `labels` satisfy the requirement (k8s.io/apimachinery/pkg/labels
    /// `Requirement.Matches`): `NotIn`/`DoesNotExist` hold when the key is absent; `Gt`/`Lt`
    /// need the label present and both sides integers.
    public func matches(_ labels: [String: String]) -> Bool {
        LabelRequirement.matches(labels, key: key, operator: `operator`, values: values, numeric: true)
    }
}
