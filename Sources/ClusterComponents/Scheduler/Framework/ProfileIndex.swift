/// The position of a scheduling profile in ``Scheduler/profiles`` (one per `schedulerName`, in
/// the order the KubeSchedulerConfiguration lists them; the default profile first).
///
/// A typed index rather than a bare `Int`, so that a profile cannot be passed where a node index
/// (the scheduler's other dense `Int`) is meant, and so that `runFilters(state, profile:node:)`
/// says which is which. Every queued pod carries one (``QueuedPodInfo/profile``), so it is a
/// 4-byte value like the score memos' profile key; it has no existential and no allocation, and
/// the subscript below indexes the array with ``value``, so the optimised code is that of an
/// integer index.
struct ProfileIndex: Hashable, Comparable, Sendable {
    /// The position.
    var rawValue: Int32

    /// The profile at position `value`.
    init(_ value: Int) { rawValue = Int32(truncatingIfNeeded: value) }

    /// The first profile: the one a pod of an unknown scheduler name is checked against.
    static let first = ProfileIndex(0)

    /// The position as an array index.
    var value: Int { Int(rawValue) }

    static func < (lhs: ProfileIndex, rhs: ProfileIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Array where Element == Profile {
    /// The profile at `p`, read in place.
    subscript(p: ProfileIndex) -> Profile {
        _read { yield self[p.value] }
    }

    /// The profile whose `schedulerName` is `name` (a pod's `spec.schedulerName`), if any.
    /// - Complexity: O(profiles).
    func index(forSchedulerName name: String) -> ProfileIndex? {
        firstIndex { $0.schedulerName == name }.map(ProfileIndex.init)
    }
}
