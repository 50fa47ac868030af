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

    /// Names by slot.
    private(set) var names: [String] = ["cpu", "memory", "ephemeral-storage"]
    private var slots: [String: Int] = ["cpu": 0, "memory": 1, "ephemeral-storage": 2]

    /// The slot of `name`, registering it if new. `pods` is not a resource slot (it is the
    /// node's pod-count limit) and returns `nil`.
    mutating func slot(for name: String) -> Int? {
        if name == "pods" { return nil }
        // A run has a handful of names: comparing them in order (lengths first) is cheaper than
        // hashing the name, on every container of every pod.
        if names.count <= 8 {
            let length = name.utf8.count
            for slot in names.indices where names[slot].utf8.count == length && names[slot] == name { return slot }
        }
        if let slot = slots[name] { return slot }
        let slot = names.count
        names.append(name)
        slots[name] = slot
        return slot
    }

    /// The slot of `name` if already registered.
    func existingSlot(for name: String) -> Int? { slots[name] }

    /// Number of registered resources.
    var count: Int { names.count }
}
