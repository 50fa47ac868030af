/// Dense integer identity of a pod within one run: an index into ``APIStore/pods``.
///
/// Names are kept for output only; every hot path indexes arrays by these ids.
public struct PodID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index into the store's pod table.
    public let index: Int32
    /// Creates an id from a table index.
    public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    /// The table index as an `Int`.
    public var value: Int { Int(index) }
    public static func < (lhs: PodID, rhs: PodID) -> Bool { lhs.index < rhs.index }
    public var description: String { "pod#\(index)" }
}

/// Dense integer identity of a node within one run: an index into ``APIStore/nodes``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Index into the store's node table.
    public let index: Int32
    /// Creates an id from a table index.
    public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    /// The table index as an `Int`.
    public var value: Int { Int(index) }
    /// The node's InternalIP (`status.addresses`, the pods' `status.hostIP`).
    public var internalIP: String { "10.0.\(value / 250).\(value % 250 + 2)" }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
    public var description: String { "node#\(index)" }
}
