import Foundation
import Yams

/// A `Decoder` over a composed `Yams.Node`, behaving like `Yams.YAMLDecoder` (same scalar
/// construction through `ScalarConstructible`, same `DecodingError` cases, coding paths and
/// messages, same merge-key (`<<`) handling) but fast on Kubernetes types.
///
/// Why: `YAMLDecoder` looks keys up with `Node.Mapping[String]`, a linear scan comparing
/// `Node`s, whose equality resolves the implicit tag of both sides with the resolver's regular
/// expressions; and every `decodeIfPresent` asks twice (`contains`, then `decode`). A Pod
/// declares ~80 optional fields, so decoding was dominated by regex matching (measured with
/// `perf`: 8 s for 10,000 small pods). Here each mapping is indexed once (scalar key strings
/// in source order) and keys are compared as strings, with a cursor so keys read in source
/// order (dictionaries, `allKeys` loops) cost O(1) each.
///
/// Deviation from `YAMLDecoder`: a key written with an explicit non-string tag (`!!int 5`)
/// matches the field of the same text. Anchor/tag pseudo-keys and alias-dereferencing
/// strategies (`YamlAnchorCoding`) are not supported; no KubeModel type uses them.
struct NodeDecoder {
    /// Decodes `type` from `node` like `YAMLDecoder().decode(type, from: node)`; with a `trace`,
    /// records which keys of each mapping the decoded types asked for.
    /// `userInfo` reaches every nested `init(from:)`.
    static func decode<T: Decodable>(
        _ type: T.Type, from node: Yams.Node, trace: DecodeTrace? = nil, userInfo: [CodingUserInfoKey: Any] = [:]
    ) throws -> T {
        try _NodeDecoder(node: node, codingPath: [], trace: trace, userInfo: userInfo).decode(type)
    }
}

/// Which keys of each source mapping the decoding types asked for (looked up or tested with
/// `contains`), by the mapping's position. A key nobody asked for is unknown to the model;
/// ``UnknownFieldDetector`` walks the source with this instead of re-encoding the value.
final class DecodeTrace {
    /// Keys asked for in one mapping (by name, so merged `<<` keys count where they were read).
    final class Asked {
        var names: [String] = []
        func record(_ name: String) {
            if !names.contains(name) { names.append(name) }
        }
    }

    private var mappings: [Int: Asked] = [:]

    /// The record for the mapping at `mark` (shared when a mapping is opened again, e.g. an alias).
    func asked(at mark: Yams.Mark?) -> Asked? {
        guard let mark else { return nil }
        let key = mark.line << 32 | mark.column
        if let existing = mappings[key] { return existing }
        let created = Asked()
        mappings[key] = created
        return created
    }

    /// The keys asked for in the mapping at `mark`, or `nil` if no type opened it as a mapping.
    func askedNames(at mark: Yams.Mark?) -> [String]? {
        guard let mark else { return nil }
        return mappings[mark.line << 32 | mark.column]?.names
    }
}

/// A coding key for sequence indices, spelled like Yams' (`Index 3`), which
/// ``YAMLLocator/components(of:)-(any CodingKey)`` recognises.
struct NodeIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init?(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
    init?(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
    init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }
    static let `super` = NodeIndexKey(stringValue: "super")!
}

private struct _NodeDecoder: Decoder, SingleValueDecodingContainer {
    let node: Yams.Node
    let codingPath: [any CodingKey]
    let trace: DecodeTrace?
    let userInfo: [CodingUserInfoKey: Any]

    init(node: Yams.Node, codingPath: [any CodingKey], trace: DecodeTrace?, userInfo: [CodingUserInfoKey: Any]) {
        self.node = node
        self.codingPath = codingPath
        self.trace = trace
        self.userInfo = userInfo
    }

    func child(_ node: Yams.Node, key: any CodingKey) -> _NodeDecoder {
        _NodeDecoder(node: node, codingPath: codingPath + [key], trace: trace, userInfo: userInfo)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw nodeTypeMismatch(at: codingPath, expectation: Yams.Node.Mapping.self, reality: node)
        }
        return KeyedDecodingContainer(
            _NodeKeyedContainer<Key>(decoder: self, index: MappingIndex(mapping), asked: trace?.asked(at: mapping.mark))
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw nodeTypeMismatch(at: codingPath, expectation: Yams.Node.Sequence.self, reality: node)
        }
        return _NodeUnkeyedContainer(decoder: self, nodes: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: Single value

    private func scalar() throws -> Yams.Node.Scalar {
        switch node {
        case .scalar(let scalar): return scalar
        case .mapping(let mapping):
            throw nodeTypeMismatch(at: codingPath, expectation: Yams.Node.Scalar.self, reality: mapping)
        case .sequence(let sequence):
            throw nodeTypeMismatch(at: codingPath, expectation: Yams.Node.Scalar.self, reality: sequence)
        case .alias(let alias):
            throw nodeTypeMismatch(at: codingPath, expectation: Yams.Node.Scalar.self, reality: alias)
        }
    }

    private func construct<T: ScalarConstructible>(_ type: T.Type) throws -> T {
        let scalar = try self.scalar()
        guard let value = T.construct(from: scalar) else {
            throw nodeTypeMismatch(at: codingPath, expectation: type, reality: scalar)
        }
        return value
    }

    func decodeNil() -> Bool {
        if case .scalar(let scalar) = node { return NSNull.construct(from: scalar) != nil }
        return false
    }

    func decode(_ type: String.Type) throws -> String { try construct(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try construct(type) }
    func decode(_ type: Int.Type) throws -> Int { try construct(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try construct(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try construct(type) }
    func decode(_ type: Double.Type) throws -> Double { try construct(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try construct(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let constructible = type as? any ScalarConstructible.Type {
            let constructed = try constructScalar(constructible)
            guard let value = constructed as? T else {
                throw nodeTypeMismatch(at: codingPath, expectation: type, reality: constructed)
            }
            return value
        }
        return try T(from: self)
    }

    private func constructScalar(_ type: any ScalarConstructible.Type) throws -> Any {
        let scalar = try self.scalar()
        guard let value = type.construct(from: scalar) else {
            throw nodeTypeMismatch(at: codingPath, expectation: type, reality: scalar)
        }
        return value
    }
}

/// The scalar keys of one mapping (merge keys applied as Yams' `flatten()` does), in order.
private struct MappingIndex {
    var keys: [String] = []
    var values: [Yams.Node] = []

    init(_ mapping: Yams.Node.Mapping) {
        keys.reserveCapacity(mapping.count)
        values.reserveCapacity(mapping.count)
        var merged: [(key: Yams.Node, value: Yams.Node)] = []
        for (key, value) in mapping {
            if key.tag.rawValue == Tag.Name.merge.rawValue {
                Self.flatten(value, into: &merged)
                continue
            }
            if case .scalar(let scalar) = key {
                keys.append(scalar.string)
                values.append(value)
            }
        }
        if !merged.isEmpty {
            // Yams puts merged pairs before the mapping's own; lookups take the last match.
            var mergedKeys: [String] = []
            var mergedValues: [Yams.Node] = []
            for (key, value) in merged {
                if case .scalar(let scalar) = key {
                    mergedKeys.append(scalar.string)
                    mergedValues.append(value)
                }
            }
            keys = mergedKeys + keys
            values = mergedValues + values
        }
    }

    /// Yams `Node.Mapping.flatten()` for the value of a `<<` key.
    private static func flatten(_ value: Yams.Node, into merged: inout [(key: Yams.Node, value: Yams.Node)]) {
        switch value {
        case .mapping(let mapping):
            merged.append(contentsOf: flattened(mapping))
        case .sequence(let sequence):
            for item in sequence.reversed() {
                if case .mapping(let mapping) = item { merged.append(contentsOf: flattened(mapping)) }
            }
        default:
            break
        }
    }

    private static func flattened(_ mapping: Yams.Node.Mapping) -> [(key: Yams.Node, value: Yams.Node)] {
        var merge: [(key: Yams.Node, value: Yams.Node)] = []
        var pairs: [(key: Yams.Node, value: Yams.Node)] = []
        for pair in mapping {
            if pair.key.tag.rawValue == Tag.Name.merge.rawValue {
                flatten(pair.value, into: &merge)
            } else {
                pairs.append(pair)
            }
        }
        return merge + pairs
    }
}

/// Keyed access with a cursor: looks at the entry after the last hit first.
private final class _NodeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: _NodeDecoder
    let index: MappingIndex
    let asked: DecodeTrace.Asked?
    var cursor = 0

    init(decoder: _NodeDecoder, index: MappingIndex, asked: DecodeTrace.Asked?) {
        self.decoder = decoder
        self.index = index
        self.asked = asked
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { index.keys.compactMap(Key.init(stringValue:)) }

    /// The value of the last entry named `name`, as Yams' `pairs.reversed().first(where:)`.
    func lookup(_ name: String) -> Yams.Node? {
        let keys = index.keys
        let count = keys.count
        if count == 0 { return nil }
        // Fast path: the entry at the cursor, when no later duplicate exists (duplicate keys are
        // refused by the parser, so a later one is rare; check to keep last-match semantics).
        if cursor < count, keys[cursor] == name {
            var later = cursor + 1
            while later < count, keys[later] != name { later += 1 }
            if later == count {
                let hit = cursor
                cursor = hit + 1
                asked?.record(name)
                return index.values[hit]
            }
        }
        var position = count - 1
        while position >= 0 {
            if keys[position] == name {
                cursor = position + 1
                asked?.record(name)
                return index.values[position]
            }
            position -= 1
        }
        return nil
    }

    private func node(for key: Key) throws -> Yams.Node {
        guard let node = lookup(key.stringValue) else {
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return node
    }

    private func child(for key: Key) throws -> _NodeDecoder { decoder.child(try node(for: key), key: key) }

    func contains(_ key: Key) -> Bool { lookup(key.stringValue) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try child(for: key).decodeNil() }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(for: key).decode(type) }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(for: key).decode(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(for: key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(for: key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(for: key).decode(type) }

    /// One lookup instead of `contains` + `decodeNil` + `decode`.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = lookup(key.stringValue) else { return nil }
        let child = decoder.child(node, key: key)
        if child.decodeNil() { return nil }
        return try child.decode(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let node = lookup(key.stringValue) else { return nil }
        let child = decoder.child(node, key: key)
        if child.decodeNil() { return nil }
        return try child.decode(type)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let node = lookup(key.stringValue) else { return nil }
        let child = decoder.child(node, key: key)
        if child.decodeNil() { return nil }
        return try child.decode(type)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let node = lookup(key.stringValue) else { return nil }
        let child = decoder.child(node, key: key)
        if child.decodeNil() { return nil }
        return try child.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let node = lookup(NodeIndexKey.super.stringValue) else {
            let key = NodeIndexKey.super
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return decoder.child(node, key: NodeIndexKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(for: key) }
}

private struct _NodeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: _NodeDecoder
    let nodes: [Yams.Node]
    var currentIndex = 0

    init(decoder: _NodeDecoder, nodes: [Yams.Node]) {
        self.decoder = decoder
        self.nodes = nodes
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { nodes.count }
    var isAtEnd: Bool { currentIndex >= nodes.count }

    private mutating func next<T>(
        _ type: T.Type, reportedAs reported: Any.Type? = nil, _ body: (_NodeDecoder) throws -> T
    ) throws -> T {
        if isAtEnd {
            throw DecodingError.valueNotFound(
                reported ?? type,
                .init(
                    codingPath: codingPath + [NodeIndexKey(index: currentIndex)],
                    debugDescription: "Unkeyed container is at end."))
        }
        let value = try body(decoder.child(nodes[currentIndex], key: NodeIndexKey(index: currentIndex)))
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool { try next(Bool.self, reportedAs: Any?.self) { $0.decodeNil() } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(T.self) { try $0.decode(type) } }
    mutating func decode(_ type: String.Type) throws -> String { try next(String.self) { try $0.decode(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) { $0 } }
}

/// Yams' `_typeMismatch`: same expectation type and message.
private func nodeTypeMismatch(at codingPath: [any CodingKey], expectation: Any.Type, reality: Any) -> DecodingError {
    let description = "Expected to decode \(expectation) but found \(type(of: reality)) instead."
    return .typeMismatch(expectation, .init(codingPath: codingPath, debugDescription: description))
}
