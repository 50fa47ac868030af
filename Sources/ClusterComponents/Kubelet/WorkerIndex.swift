/// The position of a pod worker in its kubelet's ``PodWorkers``: the pods bound to the node, in
/// the order they arrived.
///
/// A typed index rather than a bare `Int`, so that a worker position cannot be passed where a
/// container position (``ContainerIndex``), a pod id or a table index is meant, and so that a
/// signature such as `sync(_ w: WorkerIndex)` says what it takes. It is a plain 4-byte value like
/// ``PodID`` (a node sees far fewer than 2³¹ pods in a run): no existential, no allocation, and
/// ``PodWorkers`` indexes its array with ``value``, so the optimised code is that of an integer
/// index. Workers are never removed, so an index stays valid for the kubelet's life.
public struct WorkerIndex: Hashable, Strideable, Sendable, CustomStringConvertible {
    /// The position.
    var rawValue: Int32

    /// The worker at position `value`.
    init(_ value: Int) { rawValue = Int32(truncatingIfNeeded: value) }

    /// The position as an array index.
    var value: Int { Int(rawValue) }

    public func distance(to other: WorkerIndex) -> Int { Int(other.rawValue) - Int(rawValue) }
    public func advanced(by n: Int) -> WorkerIndex { WorkerIndex(value + n) }
    public static func < (lhs: WorkerIndex, rhs: WorkerIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "worker#\(rawValue)" }
}
