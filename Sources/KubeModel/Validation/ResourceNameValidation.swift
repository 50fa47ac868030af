/// Resource-name checks of the API server, with its messages: `validateResourceName` and
/// `validateContainerResourceName` (k8s pkg/apis/core/validation/validation.go), the name sets of
/// pkg/apis/core/helper/helpers.go (`standardResources`, `standardContainerResources`,
/// `IsExtendedResourceName`, `IsNativeResource`) and `IsQualifiedName`
/// (k8s.io/apimachinery/pkg/util/validation/validation.go).
///
/// A resource name is either a standard one (`cpu`, `memory`, `ephemeral-storage`,
/// `hugepages-<size>`, `pods`, the quota names) or fully qualified (`nvidia.com/gpu`), so a typo
/// such as `cpus` or `memroy` is refused rather than ignored.
public enum ResourceNameValidation {
    /// `standardResources` of pkg/apis/core/helper: what `IsStandardResourceName` accepts besides
    /// the `hugepages-` and `requests.hugepages-` prefixes.
    public static let standardResources: Set<String> = [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services",
        "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    ]

    /// `standardContainerResources`: what a container may request besides `hugepages-<size>`.
    public static let standardContainerResources: Set<String> = ["cpu", "memory", "ephemeral-storage"]

    /// `validateResourceName` (node capacity and allocatable, pool capacity): problems with
    /// `name`, each a full `detail` for `Invalid value: "<name>": <detail>`; empty if valid.
    public static func resourceNameProblems(_ name: String) -> [String] {
        let qualified = qualifiedNameProblems(name)
        if !qualified.isEmpty { return qualified }
        if !name.contains("/") && !isStandardResourceName(name) {
            return ["must be a standard resource type or fully qualified"]
        }
        return []
    }

    /// `validateContainerResourceName` (container requests and limits, pod overhead).
    public static func containerResourceNameProblems(_ name: String) -> [String] {
        var problems = resourceNameProblems(name)
        if !name.contains("/") {
            if !isStandardContainerResourceName(name) { problems.append("must be a standard resource for containers") }
        } else if !isNativeResource(name) && !isExtendedResourceName(name) {
            problems.append("doesn't follow extended resource name standard")
        }
        return problems
    }

    /// `IsStandardResourceName`.
    public static func isStandardResourceName(_ name: String) -> Bool {
        standardResources.contains(name) || name.hasPrefix("hugepages-") || name.hasPrefix("requests.hugepages-")
    }

    /// `IsStandardContainerResourceName`.
    public static func isStandardContainerResourceName(_ name: String) -> Bool {
        standardContainerResources.contains(name) || name.hasPrefix("hugepages-")
    }

    /// `IsNativeResource`: unprefixed, or in the `kubernetes.io/` namespace.
    public static func isNativeResource(_ name: String) -> Bool {
        !name.contains("/") || name.contains("kubernetes.io/")
    }

    /// `IsExtendedResourceName`: not native, no `requests.` prefix, and a qualified name once
    /// prefixed with `requests.` (its quota name).
    public static func isExtendedResourceName(_ name: String) -> Bool {
        if isNativeResource(name) || name.hasPrefix("requests.") { return false }
        return qualifiedNameProblems("requests." + name).isEmpty
    }

    // MARK: - Qualified names

    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    /// `IsQualifiedName`: an optional DNS-1123 subdomain prefix and `/`, then a name of at most
    /// 63 characters.
    public static func qualifiedNameProblems(_ value: String) -> [String] {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        var problems: [String] = []
        let name: Substring
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            let prefix = String(parts[0])
            name = parts[1]
            if prefix.isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += NameValidation.dns1123SubdomainProblems(prefix).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name " + qualifiedNameMessage
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            problems.append("name part must be no more than 63 characters")
        }
        if !isQualifiedNamePart(name) { problems.append("name part " + qualifiedNameMessage) }
        return problems
    }

    private static func isQualifiedNamePart(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }
}
