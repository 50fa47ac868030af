import HeapModule
import SimulationCore

/// The scheduling queue (k/k `pkg/scheduler/backend/queue/scheduling_queue.go`): activeQ,
/// backoffQ and the unschedulable pool.
///
/// - activeQ is ordered by PrioritySort (`queuesort/priority_sort.go` Less): higher
///   priority first, then earlier queue timestamp; a sequence number keeps FIFO for equal keys.
/// - backoffQ is ordered by expiry = timestamp + backoff(attempts).
/// - the unschedulable pool keeps pods rejected by plugins until a cluster event moves them
///   or they have waited `maxInUnschedulable` (5 min).
/// Heap entries carry the pod's generation at insertion; stale entries are skipped on pop
/// (lazy deletion), so moving a pod is O(log n).
struct SchedulingQueue {
    struct ActiveEntry: Comparable {
        var priority: Int
        var timestamp: SimulationTime
        var sequence: UInt64
        var pod: PodID
        var generation: UInt32
        static func < (a: Self, b: Self) -> Bool {
            if a.priority != b.priority { return a.priority > b.priority }
            if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
            return a.sequence < b.sequence
        }
        static func == (a: Self, b: Self) -> Bool { a.sequence == b.sequence }
    }

    struct BackoffEntry: Comparable {
        var expiry: SimulationTime
        var sequence: UInt64
        var pod: PodID
        var generation: UInt32
        static func < (a: Self, b: Self) -> Bool {
            a.expiry != b.expiry ? a.expiry < b.expiry : a.sequence < b.sequence
        }
        static func == (a: Self, b: Self) -> Bool { a.sequence == b.sequence }
    }

    /// Initial backoff (podInitialBackoffSeconds, default 1 s).
    var initialBackoff: SimulationDuration = .seconds(1)
    /// Maximum backoff (podMaxBackoffSeconds, default 10 s).
    var maxBackoff: SimulationDuration = .seconds(10)
    /// DefaultPodMaxInUnschedulablePodsDuration (5 min).
    static let maxInUnschedulable: SimulationDuration = .minutes(5)

    var infos: [QueuedPodInfo] = []
    private var active = Heap<ActiveEntry>()
    private var backoff = Heap<BackoffEntry>()
    /// Pods in the unschedulable pool, in insertion order (stale ids skipped).
    private(set) var unschedulable: [PodID] = []
    private var sequence: UInt64 = 0
    /// Live pods in activeQ.
    private(set) var activeCount = 0
    /// Live pods in backoffQ.
    private(set) var backoffCount = 0
    /// Live pods in the unschedulable pool.
    private(set) var unschedulableCount = 0
    /// Pods held by scheduling gates.
    private(set) var gatedCount = 0

    /// Backoff duration for a pod after `attempts` attempts (calculateBackoffDuration):
    /// 0 for 0 attempts, else `initial × 2^(attempts−1)` capped at `max`.
    func backoffDuration(attempts: Int) -> SimulationDuration {
        if attempts <= 0 { return .zero }
        var duration = initialBackoff
        for _ in 1..<attempts {
            duration = duration + duration
            if duration >= maxBackoff { return maxBackoff }
        }
        return min(duration, maxBackoff)
    }

    /// The queue info of `pod`.
    mutating func info(_ pod: PodID) -> QueuedPodInfo {
        ensure(pod)
        return infos[pod.value]
    }

    private mutating func ensure(_ pod: PodID) {
        if infos.count <= pod.value { infos += [QueuedPodInfo](repeating: .init(), count: pod.value + 1 - infos.count) }
    }

    private mutating func leave(_ pod: PodID) {
        switch infos[pod.value].location {
        case .active: activeCount -= 1
        case .backoff: backoffCount -= 1
        case .unschedulable: unschedulableCount -= 1
        case .gated: gatedCount -= 1
        default: break
        }
        infos[pod.value].generation &+= 1
        infos[pod.value].location = .none
    }

    /// Adds a new pod to activeQ.
    mutating func add(_ pod: PodID, priority: Int, profile: ProfileIndex, now: SimulationTime) {
        ensure(pod)
        infos[pod.value].profile = profile
        infos[pod.value].timestamp = now
        pushActive(pod, priority: priority)
    }

    /// Holds a gated pod outside the queues.
    mutating func gate(_ pod: PodID, profile: ProfileIndex) {
        ensure(pod)
        leave(pod)
        infos[pod.value].profile = profile
        infos[pod.value].location = .gated
        gatedCount += 1
    }

    private mutating func pushActive(_ pod: PodID, priority: Int) {
        leave(pod)
        sequence += 1
        infos[pod.value].location = .active
        active.insert(
            ActiveEntry(
                priority: priority, timestamp: infos[pod.value].timestamp, sequence: sequence, pod: pod,
                generation: infos[pod.value].generation))
        activeCount += 1
    }

    /// Pops the head of activeQ (attempts += 1), or nil.
    mutating func pop() -> PodID? {
        while let entry = active.popMin() {
            let info = infos[entry.pod.value]
            guard info.location == .active, info.generation == entry.generation else { continue }
            leave(entry.pod)
            infos[entry.pod.value].location = .inFlight
            infos[entry.pod.value].attempts += 1
            return entry.pod
        }
        return nil
    }

    /// Forgets a pod (scheduled, deleted).
    mutating func remove(_ pod: PodID) {
        guard pod.value < infos.count else { return }
        leave(pod)
    }

    /// A failed attempt: the pod goes to the unschedulable pool (rejected by plugins) or to
    /// backoffQ (an error, or a move request arrived during the attempt).
    mutating func addUnschedulable(
        _ pod: PodID, rejectors: PluginMask, now: SimulationTime, toBackoff: Bool, priority: Int
    ) {
        ensure(pod)
        leave(pod)
        infos[pod.value].timestamp = now
        infos[pod.value].rejectors = rejectors
        if toBackoff {
            pushBackoffOrActive(pod, now: now, priority: priority)
        } else {
            infos[pod.value].location = .unschedulable
            unschedulable.append(pod)
            unschedulableCount += 1
        }
    }

    /// Expiry of the pod's backoff.
    func backoffExpiry(_ pod: PodID) -> SimulationTime {
        infos[pod.value].timestamp + backoffDuration(attempts: infos[pod.value].attempts)
    }

    private mutating func pushBackoffOrActive(_ pod: PodID, now: SimulationTime, priority: Int) {
        let expiry = backoffExpiry(pod)
        if expiry > now {
            leave(pod)
            sequence += 1
            infos[pod.value].location = .backoff
            backoff.insert(
                BackoffEntry(expiry: expiry, sequence: sequence, pod: pod, generation: infos[pod.value].generation))
            backoffCount += 1
        } else {
            pushActive(pod, priority: priority)
        }
    }

    /// Moves unschedulable pods whose rejectors intersect `mask` (or all older than
    /// `olderThan`) to backoffQ or activeQ (movePodsToActiveOrBackoffQueue).
    /// - Returns: how many moved.
    @discardableResult
    mutating func moveUnschedulable(
        mask: PluginMask, olderThan cutoff: SimulationTime? = nil, now: SimulationTime, priority: (PodID) -> Int
    ) -> Int {
        guard unschedulableCount > 0 else {
            unschedulable.removeAll()
            return 0
        }
        var kept: [PodID] = []
        var moved = 0
        for pod in unschedulable where infos[pod.value].location == .unschedulable {
            let info = infos[pod.value]
            let matches: Bool
            if cutoff != nil {
                matches = info.timestamp + Self.maxInUnschedulable <= now
            } else {
                matches = !info.rejectors.isDisjoint(with: mask)
            }
            if matches {
                pushBackoffOrActive(pod, now: now, priority: priority(pod))
                moved += 1
            } else if !kept.contains(pod) {
                kept.append(pod)
            }
        }
        unschedulable = kept
        return moved
    }

    /// Moves pods whose backoff expired to activeQ (flushBackoffQCompleted).
    mutating func flushBackoff(now: SimulationTime, priority: (PodID) -> Int) {
        while let head = backoff.min, head.expiry <= now {
            _ = backoff.popMin()
            let info = infos[head.pod.value]
            guard info.location == .backoff, info.generation == head.generation else { continue }
            pushActive(head.pod, priority: priority(head.pod))
        }
    }

    /// The earliest live backoff expiry.
    mutating func nextBackoffExpiry() -> SimulationTime? {
        while let head = backoff.min {
            let info = infos[head.pod.value]
            if info.location == .backoff, info.generation == head.generation { return head.expiry }
            _ = backoff.popMin()
        }
        return nil
    }
}
