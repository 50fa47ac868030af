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

    /// The condition of the given type, if present.
    ///
    /// Compared in the array's buffer: `first(where:)` handed the closure a copy of each
    /// condition before the match (a retain and a release of its three strings), on every
    /// status write and every pod record the statistics read.
    public func condition(_ type: String) -> PodConditionRecord? {
        conditions.withUnsafeBufferPointer { conditions in
            for i in conditions.indices where conditions[i].type == type { return conditions[i] }
            return nil
        }
    }

    /// The status and last transition of the condition of the given type, if present, without
    /// copying the condition (its strings).
    public func conditionState(_ type: String) -> (status: ConditionStatus, since: SimulationTime)? {
        conditions.withUnsafeBufferPointer { conditions in
            for i in conditions.indices where conditions[i].type == type {
                return (conditions[i].status, conditions[i].lastTransitionTime)
            }
            return nil
        }
    }

    /// Sets a condition, keeping `lastTransitionTime` when the status does not change.
    public mutating func setCondition(
        _ type: String, _ status: ConditionStatus, reason: String? = nil, message: String? = nil,
        at time: SimulationTime
    ) {
        if let index = conditions.firstIndex(where: { $0.type == type }) {
            let transition = conditions[index].status == status ? conditions[index].lastTransitionTime : time
            conditions[index] = PodConditionRecord(
                type: type, status: status, reason: reason, message: message, lastTransitionTime: transition)
        } else {
            conditions.append(
                PodConditionRecord(
                    type: type, status: status, reason: reason, message: message, lastTransitionTime: time))
        }
    }
}
