extension Service: Validatable {
    /// `dns1035LabelErrMsg` (k8s.io/apimachinery/pkg/util/validation/validation.go).
    static let dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    /// `ValidateService` (pkg/apis/core/validation/validation.go), the checks a manifest can
    /// fail: the name is a DNS-1035 label; the type, session affinity and port protocols are
    /// supported ones; ports are required but for ExternalName and headless Services, named
    /// and unique when there are several, in 1–65535, node ports only where the type has them;
    /// the cluster IP is empty, `None` or an IPv4 address (kubesim's clusters are single-stack
    /// IPv4); an ExternalName Service names its external name.
    public func validate() -> [FieldError] {
        var list = FieldErrorList()
        // `ValidateServiceName` is `NameIsDNS1035Label`: a label that starts with a letter.
        list.objectMeta(metadata, namespaced: true, nameIsLabel: true)
        list.errors = list.errors.map { error in
            guard error.path == "metadata.name", error.detail == NameValidation.labelMessage else { return error }
            return .invalid("metadata.name", error.badValue ?? .string(""), Self.dns1035Message)
        }
        if let name = metadata.name, let first = name.utf8.first, !(first >= 0x61 && first <= 0x7A),
            NameValidation.dns1123LabelProblems(name).isEmpty
        {
            list.append(.invalid("metadata.name", .string(name), Self.dns1035Message))
        }
        let type = spec.type ?? "ClusterIP"
        if !Self.types.contains(type) { list.append(.notSupported("spec.type", type, Self.types)) }
        if let affinity = spec.sessionAffinity, !["ClientIP", "None"].contains(affinity) {
            list.append(.notSupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]))
        }
        let ports = spec.ports ?? []
        if ports.isEmpty && type != "ExternalName" && !isHeadless { list.append(.required("spec.ports")) }
        var names: Set<String> = []
        for (index, port) in ports.enumerated() {
            let path = "spec.ports[\(index)]"
            let name = port.name ?? ""
            if ports.count > 1 && name.isEmpty {
                list.append(.required(path + ".name"))
            } else if !name.isEmpty {
                for problem in NameValidation.dns1123LabelProblems(name) {
                    list.append(.invalid(path + ".name", .string(name), problem))
                }
                if !names.insert(name).inserted { list.append(.duplicate(path + ".name", .string(name))) }
            }
            if !(1...65535).contains(port.port) {
                list.append(.invalid(path + ".port", .int(port.port), "must be between 1 and 65535, inclusive"))
            }
            if let proto = port.protocol, !PortProtocol.supported.contains(proto) {
                list.append(.notSupported(path + ".protocol", proto.rawValue, PortProtocol.supported.map(\.rawValue)))
            }
            if case .int(let target)? = port.targetPort, !(1...65535).contains(target) {
                list.append(
                    .invalid(path + ".targetPort", .int(target), "must be between 1 and 65535, inclusive"))
            }
            if port.nodePort != nil && type == "ClusterIP" {
                list.append(.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'"))
            }
        }
        if let ip = spec.clusterIP, !ip.isEmpty, ip != "None", IPv4Address(ip) == nil {
            list.append(
                .invalid(
                    "spec.clusterIPs[0]", .string(ip), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
            )
        }
        if type == "ExternalName" && (spec.externalName ?? "").isEmpty { list.append(.required("spec.externalName")) }
        return list.errors
    }
}

/// A dotted-quad IPv4 address as a 32-bit number.
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address.
    public var value: UInt32

    /// Creates an address from its number.
    public init(_ value: UInt32) { self.value = value }

    /// Parses `a.b.c.d` (each 0–255, no leading zeros, as Go's `netip.ParseAddr`).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt32(part), byte <= 255,
                part == "0" || !part.hasPrefix("0")
            else { return nil }
            value = value << 8 | byte
        }
        self.value = value
    }

    /// `a.b.c.d`.
    public var description: String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    /// Orders by number.
    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.value < b.value }
}
