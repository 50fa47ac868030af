import KubeModel

/// The behaviours a kubelet gave its containers, each boxed once (``HeapBox``), so that every
/// ``ContainerRuntime`` given the same behaviour points at one stored value.
///
/// A scenario's behaviours come from a few rules (`behaviors:` entries, the command-line
/// convenience, the default), so a node sees a handful of distinct values while it runs
/// thousands of containers over a day. At most ``capacity`` boxes are kept, found by a linear
/// search comparing values; a behaviour beyond them gets a box of its own (still correct, only
/// unshared).
struct SharedBehaviors {
    /// Distinct behaviours kept for sharing.
    static let capacity = 16
    private var boxes: [HeapBox<ContainerBehavior>] = []

    /// The box holding `behavior`: a kept one when an equal value was boxed before.
    /// - Complexity: O(``capacity``) comparisons.
    mutating func box(_ behavior: ContainerBehavior) -> HeapBox<ContainerBehavior> {
        if let known = boxes.first(where: { $0.wrappedValue == behavior }) { return known }
        let box = HeapBox(wrappedValue: behavior)
        if boxes.count < Self.capacity { boxes.append(box) }
        return box
    }
}
