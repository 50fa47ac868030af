/// The storage of ``PodWorkers``: the workers in one allocation, reached through a base pointer
/// and a count kept beside it, in the kubelet object itself.
///
/// An `Array` reads its count from its buffer's header for the bounds check, and calls the
/// runtime to check that the buffer is uniquely referenced (the header again) before each
/// write, on every kubelet event about a pod. Here the element's address comes from the base
/// pointer alone, and the count is read from the kubelet's own line (`perf`, full envelope:
/// `swift_isUniquelyReferenced_nonNull_native` 1.85% → 1.35% of the simulation thread;
/// callgrind, 500-node 2-hour envelope, −0.33% instructions). The two stalls of
/// `Kubelet.handle` remain: the kubelet object's line and the worker's.
///
/// Not a value type: a copy would share the workers, so the table lives in one place (the
/// kubelet's ``PodWorkers``) and is only ever read or changed there. `owner` keeps the
/// allocation alive and destroys the workers with the kubelet.
struct WorkerTable {
    /// The allocation and its initialized prefix, freed with the last reference.
    private final class Owner {
        let base: UnsafeMutablePointer<PodWorker>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private var owner: Owner
    /// `owner.base`, read without touching the owner object.
    private var base: UnsafeMutablePointer<PodWorker>
    /// The workers stored (`owner.count`, read without touching the owner object).
    private(set) var count = 0

    init() {
        owner = Owner(capacity: 0)
        base = owner.base
    }

    /// Worker `i`, in place.
    /// - Precondition: `0 <= i < count`.
    subscript(i: Int) -> PodWorker {
        unsafeAddress {
            precondition(i >= 0 && i < count, "worker index out of range")
            return UnsafePointer(base + i)
        }
        unsafeMutableAddress {
            precondition(i >= 0 && i < count, "worker index out of range")
            return base + i
        }
    }

    /// Adds `worker` at the end (moved in, not copied).
    /// - Complexity: amortized O(1); growing moves the workers, it does not copy them.
    mutating func append(_ worker: consuming PodWorker) {
        if count == owner.capacity {
            let grown = Owner(capacity: max(16, 2 * owner.capacity))
            grown.base.moveInitialize(from: owner.base, count: count)
            grown.count = count
            owner.count = 0
            owner = grown
            base = grown.base
        }
        (base + count).initialize(to: consume worker)
        count += 1
        owner.count = count
    }
}
