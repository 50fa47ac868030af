/// A label query (meta/v1 `LabelSelector`).
///
/// An empty selector matches every object; a missing (`nil`) selector is the caller's concern
/// (for most APIs it matches nothing, as `metav1.LabelSelectorAsSelector(nil)` gives `Nothing`).
public struct LabelSelector: Codable, Hashable, Sendable {
    /// Exact key/value pairs, all required.
    public var matchLabels: [String: String]?
    /// Set-based requirements, all required.
    public var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a selector.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether the selector has no requirement at all (matches everything).
    public var isEmpty: Bool { (matchLabels?.isEmpty ?? true) && (matchExpressions?.isEmpty ?? true) }

    /// Whether `labels` satisfy every requirement (k8s.io/apimachinery/pkg/labels `Selector.Matches`).
    /// - Complexity: O(r · v) for r requirements of v values.
    public func matches(_ labels: [String: String]) -> Bool {
        if let matchLabels {
            for (key, value) in matchLabels where labels[key] != value { return false }
        }
        for requirement in matchExpressions ?? [] where !requirement.matches(labels) { return false }
        return true
    }
}

/// One set-based requirement of a ``LabelSelector``.
public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    /// The label key.
    public var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: String
    /// Values for `In`/`NotIn`.
    public var values: [String]?

    /// Creates a requirement.
    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// The operators the API accepts.
    public static let supportedOperators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// Whether `labels` satisfy this requirement. `NotIn` holds when the key is absent; an
    /// unknown operator never matches.
    public func matches(_ labels: [String: String]) -> Bool {
        LabelRequirement.matches(labels, key: key, operator: `operator`, values: values, numeric: false)
    }
}
