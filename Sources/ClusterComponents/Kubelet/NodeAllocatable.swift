import KubeModel

/// A hard eviction threshold of the kubelet (`evictionHard`): an absolute quantity or a share
/// of capacity.
public enum EvictionThreshold: Sendable, Hashable {
    /// `100Mi`.
    case quantity(Quantity)
    /// `10%`, as a fraction (0.1).
    case percentage(Double)

    /// The threshold for a resource of `capacity`, in thousandths of a unit.
    func milliValue(of capacity: Quantity) -> Int64 {
        switch self {
        case .quantity(let quantity): quantity.milliValue
        case .percentage(let fraction): Int64((Double(capacity.milliValue) * fraction).rounded(.up))
        }
    }
}

extension KubeletConfiguration {
    /// The kubelet's default `evictionHard` on Linux (pkg/kubelet/eviction/defaults_linux.go
    /// `DefaultEvictionHard`): `memory.available<100Mi`, `nodefs.available<10%`,
    /// `nodefs.inodesFree<5%`, `imagefs.available<15%`.
    public static let defaultEvictionHard: [String: EvictionThreshold] = [
        "memory.available": .quantity(Quantity(milliValue: 100 * 1024 * 1024 * 1000, format: .binarySI)),
        "nodefs.available": .percentage(0.10),
        "nodefs.inodesFree": .percentage(0.05),
        "imagefs.available": .percentage(0.15),
    ]

    /// The eviction signals that reserve a resource of Node Allocatable, and that resource
    /// (pkg/kubelet/cm/node_container_manager_linux.go `hardEvictionReservation`).
    static let evictionSignalResources = ["memory.available": "memory", "nodefs.available": "ephemeral-storage"]

    /// `status.allocatable` as the kubelet reports it: capacity − kubeReserved − systemReserved
    /// − the hard eviction thresholds of memory and the node filesystem, never below zero
    /// (pkg/kubelet/cm/node_container_manager_linux.go `getNodeAllocatableAbsolute`).
    /// - Parameter capacity: the node's `status.capacity`.
    public func allocatable(capacity: ResourceList) -> ResourceList {
        var result = capacity
        for (name, quantity) in capacity.entries {
            var reserved = (kubeReserved[name]?.milliValue ?? 0) + (systemReserved[name]?.milliValue ?? 0)
            for (signal, resource) in Self.evictionSignalResources where resource == name {
                reserved += evictionHard[signal]?.milliValue(of: quantity) ?? 0
            }
            guard reserved > 0 else { continue }
            result[name] = Quantity(milliValue: max(0, quantity.milliValue - reserved), format: quantity.format)
        }
        return result
    }
}
