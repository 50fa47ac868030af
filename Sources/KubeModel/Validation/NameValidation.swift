/// Name checks from k8s.io/apimachinery/pkg/util/validation/validation.go, with its messages.
public enum NameValidation {
    /// `dns1123LabelErrMsg`.
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    /// `dns1123SubdomainErrorMsg`.
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

    /// Problems with `value` as a DNS-1123 label (`IsDNS1123Label`); empty if valid.
    public static func dns1123LabelProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > 63 { problems.append("must be no more than 63 characters") }
        if !isLabel(Substring(value)) { problems.append(labelMessage) }
        return problems
    }

    /// Problems with `value` as a DNS-1123 subdomain (`IsDNS1123Subdomain`); empty if valid.
    public static func dns1123SubdomainProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > 253 { problems.append("must be no more than 253 characters") }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if parts.isEmpty || !parts.allSatisfy(isLabel) { problems.append(subdomainMessage) }
        return problems
    }

    private static func isLabel(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == 0x2D }
    }
}

/// Accumulates ``FieldError``s under a path prefix.
struct FieldErrorList {
    var errors: [FieldError] = []

    mutating func append(_ error: FieldError) { errors.append(error) }
    mutating func append(contentsOf more: [FieldError]) { errors.append(contentsOf: more) }

    /// `validateResourceName`.
    mutating func resourceName(_ name: String, _ path: String) {
        for problem in ResourceNameValidation.resourceNameProblems(name) {
            append(.invalid(path, .string(name), problem))
        }
    }

    /// `validateContainerResourceName`.
    mutating func containerResourceName(_ name: String, _ path: String) {
        for problem in ResourceNameValidation.containerResourceNameProblems(name) {
            append(.invalid(path, .string(name), problem))
        }
    }

    /// `ValidateNonnegativeField`.
    mutating func nonnegative(_ value: Int?, _ path: String) {
        if let value, value < 0 { append(.invalid(path, .int(value), "must be greater than or equal to 0")) }
    }

    /// `ValidateNonnegativeQuantity`.
    mutating func nonnegative(_ quantity: Quantity, _ path: String) {
        if quantity.isNegative {
            append(.invalid(path, .string(quantity.description), "must be greater than or equal to 0"))
        }
    }

    /// Object names: required unless `generateName`, and DNS-1123 subdomain (`ValidateObjectMeta`
    /// with `NameIsDNSSubdomain`) or label.
    mutating func objectMeta(_ meta: ObjectMeta, namespaced: Bool, nameIsLabel: Bool = false) {
        let name = meta.name ?? ""
        if name.isEmpty {
            if (meta.generateName ?? "").isEmpty {
                append(.required("metadata.name", "name or generateName is required"))
            }
        } else {
            let problems =
                nameIsLabel ? NameValidation.dns1123LabelProblems(name) : NameValidation.dns1123SubdomainProblems(name)
            for problem in problems { append(.invalid("metadata.name", .string(name), problem)) }
        }
        if namespaced, let namespace = meta.namespace, !namespace.isEmpty {
            for problem in NameValidation.dns1123LabelProblems(namespace) {
                append(.invalid("metadata.namespace", .string(namespace), problem))
            }
        }
        if !namespaced, let namespace = meta.namespace, !namespace.isEmpty {
            append(.forbidden("metadata.namespace", "not allowed on this type"))
        }
    }

    /// `ValidateLabelSelector` (operators and values).
    mutating func labelSelector(_ selector: LabelSelector, _ path: String) {
        for (index, requirement) in (selector.matchExpressions ?? []).enumerated() {
            let here = "\(path).matchExpressions[\(index)]"
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In", "NotIn":
                if values.isEmpty {
                    append(.required(here + ".values", "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    append(
                        .forbidden(
                            here + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                append(.invalid(here + ".operator", .string(requirement.operator), "not a valid selector operator"))
            }
        }
    }
}
