import KubeModel
import SimulationCore

/// The pod conditions the kubelet owns, as a status write sets them (status/generate.go
/// `GeneratePodReadyCondition`, `GenerateContainersReadyCondition`,
/// `GeneratePodInitializedCondition`, `GeneratePodReadyToStartContainersCondition`), and how
/// they are written into a stored status.
struct KubeletConditions {
    typealias Value = (status: ConditionStatus, reason: String?, message: String?)

    var readyToStart: ConditionStatus
    var initialized: Value
    /// ContainersReady; Ready is the same unless a readiness gate holds it back
    /// (``write(into:readyToStart:gates:at:_:)`` reads the gates' conditions).
    var containersReady: Value

    /// The conditions of `generated`, their container listings taken from `messages` when the
    /// same containers were listed last time (a crash-looping container is unready for every
    /// status write of its back-off).
    init(_ generated: GeneratedPodStatus, messages: inout ListingMessages) {
        readyToStart = generated.sandboxReady ? .true : .false
        if generated.phase == .succeeded && !generated.initialized {
            initialized = (.true, "PodCompleted", nil)
        } else if generated.initialized {
            initialized = (.true, nil, nil)
        } else {
            initialized = (
                .false, "ContainersNotInitialized",
                messages.incomplete.message(for: generated.incomplete, "containers with incomplete status: ")
            )
        }
        if generated.phase == .succeeded {
            containersReady = (.false, "PodCompleted", nil)
        } else if generated.phase == .failed {
            containersReady = (.false, "PodFailed", nil)
        } else if !generated.unready.isEmpty {
            containersReady = (
                .false, "ContainersNotReady",
                messages.unready.message(for: generated.unready, "containers with unready status: ")
            )
        } else {
            containersReady = (.true, nil, nil)
        }
    }

    /// Writes the conditions into `status`. The list keeps DisruptionTarget first, then the
    /// kubelet's (PodReadyToStartContainers from 1.29, Initialized, Ready, ContainersReady), then
    /// PodScheduled and one per readiness gate, each of the others as it stands. When the stored
    /// list already has exactly that layout, the kubelet's four are updated where they stand;
    /// otherwise the list is rebuilt in that order (dropping any other).
    func write(
        into status: inout PodStatusRecord, readyToStart hasReadyToStart: Bool, gates: [PodReadinessGate],
        at now: SimulationTime, _ changes: inout PodStatusChanges
    ) {
        var ready = containersReady
        if ready.status == .true, !gates.isEmpty {
            // A gate whose condition is missing or not True holds Ready back (status/generate.go).
            if let first = gates.first(where: { status.condition($0.conditionType)?.status != .true }) {
                ready = (
                    .false, "ReadinessGatesNotReady",
                    "corresponding condition of pod readiness gate \"\(first.conditionType)\" does not exist."
                )
            }
        }
        let kubeletTypes = Self.types[(hasReadyToStart ? 0 : 1)...]
        if gates.isEmpty, let first = Self.layoutStart(status.conditions, kubeletTypes: kubeletTypes) {
            var index = first
            func update(_ value: Value) {
                if status.conditions.update(
                    at: index, value.status, reason: value.reason, message: value.message, at: now)
                {
                    changes.noteConditionChanged()
                }
                index += 1
            }
            if hasReadyToStart { update((readyToStart, nil, nil)) }
            update(initialized)
            update(ready)
            update(containersReady)
            return
        }
        let hasScheduled = status.conditionState("PodScheduled") != nil
        let first = status.conditionState("DisruptionTarget") != nil ? 1 : 0
        var rebuilt: [PodConditionRecord] = []
        let gateCount = gates.reduce(0) { $0 + (status.conditionState($1.conditionType) != nil ? 1 : 0) }
        // Kept for the pod's lifetime: exactly the conditions written, no margin.
        rebuilt.reserveCapacity(first + kubeletTypes.count + (hasScheduled ? 1 : 0) + gateCount)
        // The stored condition of each type updated by the one rule, or a new one from now.
        func set(_ type: String, _ value: Value) {
            if let existing = status.condition(type) {
                rebuilt.append(existing)
                rebuilt.update(
                    at: rebuilt.count - 1, value.status, reason: value.reason, message: value.message, at: now)
            } else {
                rebuilt.append(
                    PodConditionRecord(
                        type: type, status: value.status, reason: value.reason, message: value.message,
                        lastTransitionTime: now))
            }
        }
        if let disruption = status.condition("DisruptionTarget") { rebuilt.append(disruption) }
        // The PodReadyToStartContainersCondition gate (pkg/features/kube_features.go): alpha
        // (off) until 1.28, beta and on by default from 1.29.
        if hasReadyToStart { set("PodReadyToStartContainers", (readyToStart, nil, nil)) }
        set("Initialized", initialized)
        set("Ready", ready)
        set("ContainersReady", containersReady)
        if let scheduled = status.condition("PodScheduled") { rebuilt.append(scheduled) }
        for gate in gates {
            if let existing = status.condition(gate.conditionType) { rebuilt.append(existing) }
        }
        if status.conditions != rebuilt {
            status.conditions = rebuilt
            changes.noteConditionChanged()
        }
    }

    /// The kubelet's condition types in the order it lists them.
    static let types = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"]

    /// Where the kubelet's conditions start (0, or 1 after DisruptionTarget) when `conditions`
    /// are DisruptionTarget (optional), `kubeletTypes`, then PodScheduled (optional), in that
    /// order; nil otherwise. Read off the positions: two searches by type went through the
    /// list first, on every status write.
    static func layoutStart(_ conditions: [PodConditionRecord], kubeletTypes: ArraySlice<String>) -> Int? {
        conditions.withUnsafeBufferPointer { stored in
            guard !stored.isEmpty else { return nil }
            let first = stored[0].type.hasSameText(as: "DisruptionTarget") ? 1 : 0
            let scheduled = stored.count - first - kubeletTypes.count
            guard scheduled == 0 || scheduled == 1 else { return nil }
            for (offset, type) in kubeletTypes.enumerated() where !stored[first + offset].type.hasSameText(as: type) {
                return nil
            }
            if scheduled == 1, !stored[stored.count - 1].type.hasSameText(as: "PodScheduled") { return nil }
            return first
        }
    }
}

/// The last message of each listing condition a kubelet wrote (`containers with unready
/// status: [a b]`), with the names it lists: the same names give the same string again, so it
/// is neither rebuilt nor compared character by character with the stored one.
struct ListingMessages {
    /// One listing's last names and message.
    struct Listing {
        var names: [String] = []
        var message = ""

        /// `prefix` then `names` as Go prints a `[]string` (`[a b]`), reused when `names` are
        /// the last ones.
        mutating func message(for names: [String], _ prefix: String) -> String {
            if names == self.names, !message.isEmpty { return message }
            self.names = names
            message = prefix + "[" + names.joined(separator: " ") + "]"
            return message
        }
    }

    var unready = Listing()
    var incomplete = Listing()
}
