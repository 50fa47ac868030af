import KubeModel
import SimulationCore

/// Failure handling: the FitError message, PostFilter, and requeueing
/// (k/k `pkg/scheduler/framework/types.go` FitError.Error, `schedule_one.go`
/// handleSchedulingFailure).
extension Scheduler {
    /// `noteLengthLimit` of the event recorder: 1024 bytes, truncated with `" ..."`.
    static func truncateMessage(_ message: String) -> String {
        let limit = 1024
        guard message.utf8.count > limit else { return message }
        let suffix = " ..."
        let prefix = String(decoding: message.utf8.prefix(limit - suffix.utf8.count), as: UTF8.self)
        return prefix + suffix
    }

    /// `"0/N nodes are available: <sorted histogram>."`; nodes without an explicit status add
    /// `absentReason` (if given).
    static func fitErrorMessage(
        numAllNodes: Int, reasons: [String], absent: (count: Int, reason: String)? = nil
    ) -> String {
        var histogram: [String: Int] = [:]
        for reason in reasons { histogram[reason, default: 0] += 1 }
        if let absent, absent.count > 0 { histogram[absent.reason, default: 0] += absent.count }
        let parts = histogram.map { "\($0.value) \($0.key)" }.sorted()
        return "0/\(numAllNodes) nodes are available: " + parts.joined(separator: ", ") + "."
    }

    func handleFitError(
        _ pod: PodID, state: CycleState, profile: ProfileIndex, explanation: inout SchedulingExplanation?
    ) {
        let n = cache.nodeCount
        var reasonList: [String] = []
        var rejectors: PluginMask = .nodeScoped
        let helped = profiles[profile].filterHelpedByPodRemoval
        for entry in scratch.failed {
            reasonList.append(contentsOf: reasonStrings(entry.status))
            if helped[Int(entry.status.plugin)] { rejectors.insert(.podScoped) }
        }
        var message = Self.fitErrorMessage(numAllNodes: n, reasons: reasonList)
        // PostFilter plugins in order: DynamicResources (default from v1.34) then DefaultPreemption.
        var postMessages: [String] = []
        var nominated: Int?
        if cluster.configuration.kubernetesVersion >= KubernetesVersion(minor: 34) {
            postMessages.append("no new claims to deallocate")
        }
        let result = runPostFilters(pod, state, profile: profile)
        if let node = result.node {
            nominated = node
            postMessages = []
            rejectors.insert(.podScoped)
        } else {
            postMessages += result.messages
        }
        if !postMessages.isEmpty { message += " " + postMessages.joined(separator: ", ") }
        if var e = explanation {
            e.message = message
            explanations[pod] = e
        }
        recordFailure(
            pod, profile: profile, message: message, reason: "Unschedulable", rejectors: rejectors,
            toBackoff: false, nominate: nominated)
    }

    func recordFailure(
        _ pod: PodID, profile: ProfileIndex, message: String, reason: String, rejectors: PluginMask, toBackoff: Bool,
        nominate: Int?
    ) {
        let text = Self.truncateMessage(message)
        cluster.recordEvent(.warning, "FailedScheduling", text, pod: pod, component: profiles[profile].schedulerName)
        let now = cluster.now
        let nodeName = nominate.map { cache.nodes[$0].name }
        cluster.updatePodStatus(pod) { status in
            status.setCondition("PodScheduled", .false, reason: reason, message: text, at: now)
            if let nodeName { status.nominatedNodeName = nodeName }
        }
        if let nominate { nominatePod(pod, on: nominate) }
        let moved = !movesDuringCycle.isDisjoint(with: rejectors)
        queue.addUnschedulable(
            pod, rejectors: rejectors, now: now, toBackoff: toBackoff || moved, priority: priority(of: pod))
        cluster.emit(.schedulingAttempt(pod, scheduled: false))
        queueChanged()
    }

    func nominatePod(_ pod: PodID, on node: Int) {
        clearNomination(pod)
        cache.nodes[node].nominatedPods.append(pod)
        cache.refresh(node)
        nominatedNode[pod] = Int32(node)
    }

    /// Removes the pod from its nominated node's list (scheduled, deleted, or re-nominated).
    func clearNomination(_ pod: PodID) {
        guard let node = nominatedNode.removeValue(forKey: pod) else { return }
        cache.nodes[Int(node)].nominatedPods.removeAll { $0 == pod }
        cache.refresh(Int(node))
    }
}
