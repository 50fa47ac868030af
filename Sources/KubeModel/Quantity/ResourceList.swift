/// Well-known resource names (k8s.io/api/core/v1 `ResourceName`).
public enum ResourceName {
    /// CPU, in cores.
    public static let cpu = "cpu"
    /// Memory, in bytes.
    public static let memory = "memory"
    /// Local ephemeral storage, in bytes.
    public static let ephemeralStorage = "ephemeral-storage"
    /// Number of pods (node capacity).
    public static let pods = "pods"
}

/// A map from resource name to ``Quantity`` whose iteration order is sorted by name.
///
/// Decodes from / encodes to a YAML/JSON mapping. Iterating yields `(name, quantity)` pairs in
/// ascending byte order of the name, so output built from it is deterministic.
public struct ResourceList: Hashable, Sendable {
    /// Entries sorted by name, names unique.
    public var entries: [(name: String, quantity: Quantity)] { storage.map { ($0.name, $0.quantity) } }

    // Inlinable storage, lookup and iteration: every component reads resource lists from
    // other modules (the scheduler, the kubelet, the outputs), and through the generic entry
    // points (an opaque lazy-map iterator) each element looked its types' metadata up at run time.
    @usableFromInline struct Entry: Hashable, Sendable {
        @usableFromInline var name: String
        @usableFromInline var quantity: Quantity
        @usableFromInline init(name: String, quantity: Quantity) {
            self.name = name
            self.quantity = quantity
        }
    }
    @usableFromInline var storage: [Entry] = []

    /// An empty list.
    public init() {}

    /// Creates a list from pairs; later duplicates replace earlier ones.
    public init(_ pairs: [(String, Quantity)]) {
        for (name, quantity) in pairs { self[name] = quantity }
    }

    /// The quantity for `name`, or `nil`. Setting `nil` removes it.
    /// - Complexity: O(log n) to read, O(n) to insert.
    @inlinable public subscript(name: String) -> Quantity? {
        get {
            let index = lowerBound(name)
            return index < storage.count && storage[index].name == name ? storage[index].quantity : nil
        }
        set {
            let index = lowerBound(name)
            let present = index < storage.count && storage[index].name == name
            switch (newValue, present) {
            case (let value?, true): storage[index].quantity = value
            case (let value?, false): storage.insert(Entry(name: name, quantity: value), at: index)
            case (nil, true): storage.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The names present, sorted.
    public var names: [String] { storage.map(\.name) }

    /// Number of entries.
    public var count: Int { storage.count }

    /// Whether the list is empty.
    public var isEmpty: Bool { storage.isEmpty }

    /// The quantity for `name`, or zero.
    public func value(for name: String) -> Quantity { self[name] ?? .zero }

    /// Element-wise sum (names in either list).
    public static func + (lhs: ResourceList, rhs: ResourceList) -> ResourceList {
        var result = lhs
        for entry in rhs.storage { result[entry.name] = lhs.value(for: entry.name) + entry.quantity }
        return result
    }

    @inlinable func lowerBound(_ name: String) -> Int {
        var low = 0
        var high = storage.count
        while low < high {
            let mid = (low + high) / 2
            if storage[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension ResourceList: Sequence {
    /// Yields `(name, quantity)` in sorted name order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var entries: IndexingIterator<[Entry]>
        @inlinable init(_ storage: [Entry]) { entries = storage.makeIterator() }

        @inlinable public mutating func next() -> (name: String, quantity: Quantity)? {
            entries.next().map { (name: $0.name, quantity: $0.quantity) }
        }
    }

    /// Iterates `(name, quantity)` in sorted name order.
    @inlinable public func makeIterator() -> Iterator { Iterator(storage) }
}

extension ResourceList: ExpressibleByDictionaryLiteral {
    /// Resource names.
    public typealias Key = String
    /// Quantities.
    public typealias Value = Quantity

    /// `["cpu": Quantity(...)]`.
    public init(dictionaryLiteral elements: (String, Quantity)...) {
        self.init(elements)
    }
}

extension ResourceList: Codable {
    private struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes from a mapping of names to quantities.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        self.init()
        for key in container.allKeys {
            self[key.stringValue] = try container.decode(Quantity.self, forKey: key)
        }
    }

    /// Encodes as a mapping, keys in sorted order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for entry in storage {
            try container.encode(entry.quantity, forKey: NameKey(stringValue: entry.name))
        }
    }
}
