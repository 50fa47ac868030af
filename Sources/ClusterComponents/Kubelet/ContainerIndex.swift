/// The position of a container in its pod worker: the init containers first, in
/// `spec.initContainers` order (sidecars among them), then the app containers in
/// `spec.containers` order. Kubelet timers (``KubeletEvent``) and image pulls carry it to name
/// the container they concern.
///
/// A typed index rather than a bare `Int`, so that it cannot be confused with a worker position
/// (``WorkerIndex``), with a container's index within its own list (``ContainerRef/index``) or
/// with an instance number, which travel next to it in the same events. It is a 4-byte value
/// (a pod has a handful of containers), which keeps ``KubeletEvent``, and so every queued engine
/// event, smaller than with a bare `Int`; it has no existential and no allocation, and
/// ``PodWorker`` indexes its array with ``value``, so the optimised code is that of an integer.
public struct ContainerIndex: Hashable, Strideable, Sendable, CustomStringConvertible {
    /// The position.
    public var rawValue: Int32

    /// The container at position `value`.
    public init(_ value: Int) { rawValue = Int32(truncatingIfNeeded: value) }

    /// The position as an array index.
    public var value: Int { Int(rawValue) }

    public func distance(to other: ContainerIndex) -> Int { Int(other.rawValue) - Int(rawValue) }
    public func advanced(by n: Int) -> ContainerIndex { ContainerIndex(value + n) }
    public static func < (lhs: ContainerIndex, rhs: ContainerIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "container#\(rawValue)" }
}
