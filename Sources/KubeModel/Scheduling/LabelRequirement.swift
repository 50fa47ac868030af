/// The matching rule of one selector requirement, apimachinery pkg/labels/selector.go
/// `Requirement.Matches`: both ``LabelSelectorRequirement`` (metav1 `LabelSelectorAsSelector`)
/// and ``NodeSelectorRequirement`` (component-helpers nodeaffinity, which adds `Gt`/`Lt`) become
/// a `labels.Requirement` upstream, so they share this one rule here.
enum LabelRequirement {
    /// Whether `labels` satisfy `key operator values`: `NotIn`/`DoesNotExist` hold when the key is
    /// absent; `Gt`/`Lt` (only when `numeric`) need the label present and both sides integers;
    /// an unknown operator never matches.
    /// - Complexity: O(values).
    @inline(__always)
    static func matches(
        _ labels: [String: String], key: String, operator: String, values: [String]?, numeric: Bool
    ) -> Bool {
        let value = labels[key]
        switch `operator` {
        case "In": return value.map { (values ?? []).contains($0) } ?? false
        case "NotIn": return value.map { !(values ?? []).contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt" where numeric, "Lt" where numeric:
            guard let value, let actual = Int64(value), let values, values.count == 1,
                let bound = Int64(values[0])
            else { return false }
            return `operator` == "Gt" ? actual > bound : actual < bound
        default: return false
        }
    }
}
