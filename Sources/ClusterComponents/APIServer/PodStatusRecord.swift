import KubeModel
import SimulationCore

/// A pod's status as the API server holds it (`v1.PodStatus`), written by the scheduler
/// (PodScheduled, nominatedNodeName) and the kubelet (everything else).
public struct PodStatusRecord: Hashable, Sendable {
    /// `Pending`, `Running`, `Succeeded`, `Failed`.
    public var phase: PodPhase = .pending
    /// `status.reason`, e.g. `Evicted`.
    public var reason: String?
    /// `status.message`.
    public var message: String?
    /// Conditions in the order the API lists them.
    public var conditions: [PodConditionRecord] = []
    /// Init container statuses, in spec order (empty until the kubelet reports).
    public var initContainerStatuses: [ContainerStatusRecord] = []
    /// App container statuses, in spec order (empty until the kubelet reports).
    public var containerStatuses: [ContainerStatusRecord] = []
    /// When the kubelet first acknowledged the pod.
    public var startTime: SimulationTime?
    /// Node nominated by preemption.
    public var nominatedNodeName: String?
    /// QoS class.
    public var qosClass: PodQOSClass?
    /// `status.podIP` (set by the kubelet once the sandbox exists).
    public var podIP: String?
    /// `status.hostIP`.
    public var hostIP: String?

    /// An empty (Pending) status.
    public init() {}

    /// The index of the condition of the given type, if present.
    ///
    /// Compared in the array's buffer: `firstIndex(where:)` and `first(where:)` handed the
    /// closure a copy of each condition before the match (a retain and a release of its three
    /// strings), on every status write and every pod record the statistics read; the types are
    /// compared lengths first (``Swift/String/hasSameText(as:)``), about 2% of an envelope
    /// run's instructions before.
    public func conditionIndex(_ type: String) -> Int? { conditions.index(ofType: type) }

    /// The condition of the given type, if present.
    public func condition(_ type: String) -> PodConditionRecord? { conditions.record(ofType: type) }

    /// The status and last transition of the condition of the given type, if present, without
    /// copying the condition (its strings).
    public func conditionState(_ type: String) -> (status: ConditionStatus, since: SimulationTime)? {
        conditions.state(ofType: type)
    }

    /// Sets a condition, keeping `lastTransitionTime` when the status does not change.
    public mutating func setCondition(
        _ type: String, _ status: ConditionStatus, reason: String? = nil, message: String? = nil,
        at time: SimulationTime
    ) {
        if let index = conditionIndex(type) {
            conditions.update(at: index, status, reason: reason, message: message, at: time)
        } else {
            conditions.append(
                PodConditionRecord(
                    type: type, status: status, reason: reason, message: message, lastTransitionTime: time))
        }
    }
}

/// The condition lookups of ``PodStatusRecord``, on its `conditions` alone: a sink reading a
/// stored status in place (`pod.pointee.status.conditions.state(ofType:)`) then copies one array
/// reference, where calling the status's own method copied the whole status first.
extension Array where Element == PodConditionRecord {
    /// The index of the condition of the given type, if present.
    @inlinable public func index(ofType type: String) -> Int? {
        withUnsafeBufferPointer { conditions in conditions.indices.first { conditions[$0].type.hasSameText(as: type) } }
    }

    /// The condition of the given type, if present.
    @inlinable public func record(ofType type: String) -> PodConditionRecord? { index(ofType: type).map { self[$0] } }

    /// The status and last transition of the condition of the given type, read in the buffer.
    @inlinable public func state(ofType type: String) -> (status: ConditionStatus, since: SimulationTime)? {
        index(ofType: type).map(state(at:))
    }

    /// The status and last transition of the condition at `index`, read in the buffer.
    @inlinable public func state(at index: Int) -> (status: ConditionStatus, since: SimulationTime) {
        withUnsafeBufferPointer { ($0[index].status, $0[index].lastTransitionTime) }
    }

    /// Sets the condition at `index` to `status`, `reason` and `message`, keeping
    /// `lastTransitionTime` while the status holds; the array is written only where it changes
    /// (a status write that changes nothing then copies nothing).
    /// - Returns: whether anything changed.
    @inlinable @discardableResult public mutating func update(
        at index: Int, _ status: ConditionStatus, reason: String?, message: String?, at time: SimulationTime
    ) -> Bool {
        // Compared where they are stored: copying the reason and message out retained both,
        // for the three updates of every status write, which mostly change nothing.
        let (newStatus, newReason, newMessage) = withUnsafeBufferPointer {
            ($0[index].status != status, $0[index].reason != reason, $0[index].message != message)
        }
        if newStatus {
            self[index].status = status
            self[index].lastTransitionTime = time
        }
        if newReason { self[index].reason = reason }
        if newMessage { self[index].message = message }
        return newStatus || newReason || newMessage
    }
}

/// What a status patch written in place changed (``Cluster/patchPodStatus(_:_:)``): whether a
/// record is due, and whether the controllers watching conditions (readiness) must look.
public struct PodStatusChanges: Sendable {
    /// Any field changed.
    public var any = false
    /// A condition changed.
    public var conditions = false

    /// Nothing changed yet.
    public init() {}

    /// Sets `field` to `value` when they differ, noting the change.
    @inlinable public mutating func set<Value: Equatable>(_ field: inout Value, to value: Value) {
        guard field != value else { return }
        field = value
        any = true
    }

    /// Notes that a condition changed (a change of the status, too).
    @inlinable public mutating func noteConditionChanged() {
        any = true
        conditions = true
    }
}
