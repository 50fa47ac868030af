/// Dense numbers (0, 1, 2…) for the keys of a table that sees few distinct ones, such as event
/// reasons: up to ``linearLimit`` keys a lookup compares them in order, which for a handful of
/// short strings costs a fraction of hashing one (a `Dictionary` lookup of a string key hashes
/// every byte of it, about 500 instructions for an event reason); past the limit a dictionary
/// takes over, so many keys stay O(1). Inlinable, so that other modules specialise it for
/// their key: through the generic entry point a lookup cost more than the hashing it saves.
public struct FewKeys<Key: Hashable> {
    /// The keys, by number.
    @inlinable public var keys: [Key] { storedKeys }
    @usableFromInline var storedKeys: [Key] = []
    /// Numbers by key, kept once there are more than ``linearLimit`` keys.
    @usableFromInline var numbers: [Key: Int] = [:]

    /// Keys compared in order before a dictionary is kept.
    @inlinable public static var linearLimit: Int { 32 }

    /// An empty numbering.
    @inlinable public init() {}

    /// Creates a numbering of `keys`, in order (they must be distinct).
    @inlinable public init(_ keys: [Key]) {
        for key in keys { _ = number(key) }
    }

    /// The number of `key`, numbering it next if it is new.
    /// - Complexity: O(``linearLimit``) up to that many keys, O(1) expected past it.
    @inlinable public mutating func number(_ key: Key) -> Int { number(key, equal: ==) }

    /// The number of `key` if it is numbered.
    @inlinable public func existingNumber(_ key: Key) -> Int? { existingNumber(key, equal: ==) }

    @inlinable @inline(__always)
    func existingNumber(_ key: Key, equal: (Key, Key) -> Bool) -> Int? {
        if storedKeys.count <= Self.linearLimit {
            for index in storedKeys.indices where equal(storedKeys[index], key) { return index }
            return nil
        }
        return numbers[key]
    }

    @inlinable @inline(__always)
    mutating func number(_ key: Key, equal: (Key, Key) -> Bool) -> Int {
        if let known = existingNumber(key, equal: equal) { return known }
        let index = storedKeys.count
        storedKeys.append(key)
        if storedKeys.count > Self.linearLimit {
            if numbers.isEmpty {
                for (number, known) in storedKeys.enumerated() { numbers[known] = number }
            } else {
                numbers[key] = index
            }
        }
        return index
    }
}

extension FewKeys where Key == String {
    /// ``number(_:)`` comparing by ``Swift/String/hasSameText(as:)``.
    @inlinable public mutating func number(_ key: String) -> Int { number(key) { $0.hasSameText(as: $1) } }

    /// ``existingNumber(_:)`` comparing by ``Swift/String/hasSameText(as:)``.
    @inlinable public func existingNumber(_ key: String) -> Int? { existingNumber(key) { $0.hasSameText(as: $1) } }
}

extension String {
    /// `==`, comparing the lengths first (O(1) for native strings): two unequal strings that
    /// are not both small (15 bytes or less) otherwise go through the library's general
    /// comparison, `_stringCompareInternal`, which the profiles of the envelope showed in the
    /// lookups of condition types, event reasons and resource names.
    @inlinable public func hasSameText(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}

/// An event's type and reason, the key by which the correlator groups events and the
/// statistics count them. Equality compares the reasons by ``Swift/String/hasSameText(as:)``.
public struct EventTypeAndReason: Hashable, Sendable {
    public var type: EventType
    public var reason: String

    @inlinable public init(type: EventType, reason: String) {
        self.type = type
        self.reason = reason
    }

    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.type == rhs.type && lhs.reason.hasSameText(as: rhs.reason)
    }

    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(reason)
    }
}
