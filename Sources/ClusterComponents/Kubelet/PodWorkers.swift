/// The kubelet's pod workers (pkg/kubelet/pod_workers.go `podWorkers`): one ``PodWorker`` per pod
/// bound to the node, in arrival order, and the lookup from a pod to its worker.
///
/// Workers are never removed: a cleaned-up worker stays in the table as `terminated` and only
/// leaves the lookup (``forget(_:)``), so a ``WorkerIndex`` held by a status-manager queue stays
/// valid. The subscript yields the stored worker in place, so `workers[w].pending = nil` or a
/// mutating ``PodWorker`` method changes it without a copy. The workers are kept in a
/// ``WorkerTable``, not an `Array`: reaching one reads nothing from the heap but the worker.
struct PodWorkers: RandomAccessCollection, MutableCollection {
    private var storage = WorkerTable()
    private var byPod: [PodID: WorkerIndex] = [:]

    var startIndex: WorkerIndex { WorkerIndex(0) }
    var endIndex: WorkerIndex { WorkerIndex(storage.count) }

    subscript(w: WorkerIndex) -> PodWorker {
        _read { yield storage[w.value] }
        _modify { yield &storage[w.value] }
    }

    /// The value of `body` on worker `w`, lent in place for the call. Reading a worker through
    /// a getter copies the whole worker (a retain and a release of every reference it holds)
    /// wherever the optimizer cannot narrow the read to a few fields, as for a call of one of
    /// its methods: three copies in every sync. An `inout` access is exclusive, so the call
    /// reads the stored worker; `body` must not change it.
    /// - Complexity: O(1) plus `body`.
    mutating func reading<R>(_ w: WorkerIndex, _ body: (inout PodWorker) -> R) -> R {
        body(&storage[w.value])
    }

    /// The worker of `pod`, unless the pod was never bound here or its worker was cleaned up.
    /// - Complexity: O(1) on average (a hash lookup).
    func index(of pod: PodID) -> WorkerIndex? { byPod[pod] }

    /// Starts tracking a newly bound pod's worker (pod_workers.go `UpdatePod` for a new UID).
    /// - Returns: its position.
    /// - Complexity: amortized O(1); the worker is moved in, not copied.
    mutating func add(_ worker: consuming PodWorker) -> WorkerIndex {
        let w = endIndex
        byPod[worker.pod] = w
        storage.append(consume worker)
        return w
    }

    /// Whether worker `w` is still in the lookup (its pod not cleaned up): what a timer the
    /// worker set checks before it acts. - Complexity: O(1), no hashing.
    func isTracked(_ w: WorkerIndex) -> Bool { !storage[w.value].isForgotten }

    /// Drops a removed pod from the lookup (its worker stays, terminated).
    mutating func forget(_ pod: PodID) {
        guard let w = byPod.removeValue(forKey: pod) else { return }
        storage[w.value].isForgotten = true
    }
}
