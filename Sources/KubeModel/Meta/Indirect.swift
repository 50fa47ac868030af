/// An optional field kept on the heap in a ``HeapBox``: one pointer inline, nothing allocated while it is `nil`,
/// and copies share the boxed value (a write replaces the box, so copies never see each other's
/// writes).
///
/// For the large optional fields that manifests rarely set (a container's probes and lifecycle
/// hooks, a volume's sources): inline, every `Container` carried about a kilobyte of empty
/// optionals, and the admission chain copies each pod's containers (the ServiceAccount plugin
/// adds its token mount), so 150,000 pods carried 150,000 such copies.
///
/// Encoded as the optional it wraps (`encodeIfPresent`: a `nil` field is absent, never
/// `null`) and decoded the same way (a missing or `null` key is `nil`), so a type's synthesized
/// `Codable` reads and writes exactly the keys it did with the plain optional.
@propertyWrapper
public struct Indirect<Wrapped: Sendable>: Sendable {
    @usableFromInline var box: HeapBox<Wrapped>?

    // Inlinable, and without `Optional.map`, so that the modules using it specialise it: through
    // the generic entry point each box looked up `Optional<Wrapped>`'s metadata at run time.

    /// Boxes `wrappedValue` (nothing is allocated for `nil`).
    @inlinable public init(wrappedValue: Wrapped?) {
        if let value = wrappedValue { box = HeapBox(wrappedValue: value) } else { box = nil }
    }

    /// The value; a write boxes the new value (or drops the box for `nil`).
    /// - Complexity: O(1) to read; a write allocates one box unless it writes `nil`.
    @inlinable public var wrappedValue: Wrapped? {
        get { box?.wrappedValue }
        set {
            if let value = newValue { box = HeapBox(wrappedValue: value) } else { box = nil }
        }
    }

    /// The field itself (`$field`): to ask whether two values share one box, or to store a box
    /// that many values share (one immutable value kept once).
    @inlinable public var projectedValue: Self {
        get { self }
        set { self = newValue }
    }

    /// Whether two fields share one box (the same stored value, not merely equal ones).
    @inlinable public func sharesStorage(with other: Self) -> Bool {
        switch (box, other.box) {
        case (nil, nil): true
        case (let a?, let b?): a.sharesStorage(with: b)
        default: false
        }
    }
}

extension Indirect: Equatable where Wrapped: Equatable {
    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.sharesStorage(with: rhs) || lhs.wrappedValue == rhs.wrappedValue
    }
}

extension Indirect: Hashable where Wrapped: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension Indirect: Encodable where Wrapped: Encodable {
    /// Encodes the wrapped optional as a single value (a keyed container omits `nil` through
    /// ``Swift/KeyedEncodingContainer/encode(_:forKey:)``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension Indirect: Decodable where Wrapped: Decodable {
    /// Decodes the wrapped optional from a single value (`null` is `nil`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Wrapped.self))
    }
}

extension KeyedEncodingContainer {
    /// A synthesized `encode(to:)` writes an ``Indirect`` field as the optional it wraps: absent
    /// when `nil`.
    public mutating func encode<Wrapped: Encodable>(_ value: Indirect<Wrapped>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// A synthesized `init(from:)` reads an ``Indirect`` field as the optional it wraps: a
    /// missing or `null` key is `nil`.
    public func decode<Wrapped: Decodable>(_ type: Indirect<Wrapped>.Type, forKey key: Key) throws -> Indirect<Wrapped>
    {
        Indirect(wrappedValue: try decodeIfPresent(Wrapped.self, forKey: key))
    }
}
