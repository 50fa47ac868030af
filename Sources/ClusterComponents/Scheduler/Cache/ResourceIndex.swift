/// Dense numbering of resource names, so that node and pod accounting are arrays of `Int64`
/// milli-values rather than string-keyed maps.
///
/// `cpu`, `memory` and `ephemeral-storage` have fixed slots (they are the resources the
/// scheduler treats specially, k/k `pkg/scheduler/framework/types.go` `Resource`); every other
/// name (extended resources such as `nvidia.com/gpu`, hugepages) is a "scalar" resource and gets
/// the next index the first time it is seen.
struct ResourceIndex {
    /// Slot of `cpu`.
    static let cpu = 0
    /// Slot of `memory`.
    static let memory = 1
    /// Slot of `ephemeral-storage`.
    static let ephemeralStorage = 2
    /// First scalar slot.
    static let firstScalar = 3

    /// Slots by name; a run has a handful (``FewKeys``), looked up for every container.
    private var slots = FewKeys(["cpu", "memory", "ephemeral-storage"])
    /// Names by slot.
    var names: [String] { slots.keys }

    /// The slot of `name`, registering it if new. `pods` is not a resource slot (it is the
    /// node's pod-count limit) and returns `nil`.
    mutating func slot(for name: String) -> Int? {
        if name == "pods" { return nil }
        return slots.number(name)
    }

    /// The slot of `name` if already registered.
    func existingSlot(for name: String) -> Int? { slots.existingNumber(name) }

    /// Number of registered resources.
    var count: Int { slots.keys.count }
}
