/// An untyped YAML/JSON value, kept for fields the simulator tolerates but does not interpret
/// (e.g. `securityContext`, `dnsConfig`, `podFailurePolicy`).
///
/// Mapping keys keep their source order, so re-encoding is deterministic.
public indirect enum JSONValue: Hashable, Sendable {
    /// `null`, `~` or an empty value.
    case null
    /// Any scalar, as its source text (`true`, `3`, `"x"` ⇒ `x`).
    case scalar(String)
    /// A sequence.
    case sequence([JSONValue])
    /// A mapping, keys in source order.
    case mapping([Member])

    /// One key/value pair of a mapping.
    public struct Member: Hashable, Sendable {
        /// The key.
        public var key: String
        /// The value.
        public var value: JSONValue

        /// Creates a pair.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value for `key` if this is a mapping.
    public subscript(key: String) -> JSONValue? {
        guard case .mapping(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The scalar text, if this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }
}

extension JSONValue: Codable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes any value.
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Key.self) {
            // `allKeys` order is not guaranteed by every decoder; sort for determinism.
            let keys = keyed.allKeys.sorted { $0.stringValue < $1.stringValue }
            self = .mapping(
                try keys.map { Member(key: $0.stringValue, value: try keyed.decode(JSONValue.self, forKey: $0)) })
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(JSONValue.self)) }
            self = .sequence(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else {
                self = .scalar(try single.decode(String.self))
            }
        }
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .scalar(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .sequence(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(item) }
        case .mapping(let members):
            var keyed = encoder.container(keyedBy: Key.self)
            for member in members { try keyed.encode(member.value, forKey: Key(stringValue: member.key)) }
        }
    }
}
