import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// The kubelet's conditions written into a stored status: in place when the list has the
/// layout a rebuild gives, rebuilt otherwise; both checked against lists written out by hand
/// from status/generate.go's rules (lastTransitionTime kept while the status holds).
@Suite struct KubeletConditionsTests {
    static let t0 = SimulationTime.zero + .seconds(10)
    static let t1 = SimulationTime.zero + .seconds(20)

    /// A generated status of a Running pod whose container `app` is not ready.
    static func unready() -> GeneratedPodStatus {
        GeneratedPodStatus(
            phase: .running, initStatuses: [], appStatuses: [], initialized: true, incomplete: [],
            unready: ["app"], sandboxReady: true, evictionMessage: nil)
    }

    static func condition(
        _ type: String, _ status: ConditionStatus, _ reason: String? = nil, _ message: String? = nil,
        since: SimulationTime
    ) -> PodConditionRecord {
        PodConditionRecord(type: type, status: status, reason: reason, message: message, lastTransitionTime: since)
    }

    /// Ready and ContainersReady of a pod whose container `app` is not ready, false since `time`.
    static func notReady(since time: SimulationTime) -> [PodConditionRecord] {
        let message = "containers with unready status: [app]"
        return [
            condition("Ready", .false, "ContainersNotReady", message, since: time),
            condition("ContainersReady", .false, "ContainersNotReady", message, since: time),
        ]
    }

    /// Writes the unready pod's conditions into `status` at t1; what changed.
    static func write(into status: inout PodStatusRecord, readyToStart: Bool) -> PodStatusChanges {
        var changes = PodStatusChanges()
        var messages = ListingMessages()
        KubeletConditions(unready(), messages: &messages).write(
            into: &status, readyToStart: readyToStart, gates: [], at: t1, &changes)
        return changes
    }

    /// The layout every write after the first has: updated where it stands, only what changed.
    @Test func updatesInPlace() {
        var status = PodStatusRecord()
        status.conditions = [
            Self.condition("DisruptionTarget", .true, "EvictionByEvictionAPI", since: Self.t0),
            Self.condition("PodReadyToStartContainers", .true, since: Self.t0),
            Self.condition("Initialized", .true, since: Self.t0),
            Self.condition("Ready", .true, since: Self.t0),
            Self.condition("ContainersReady", .true, since: Self.t0),
            Self.condition("PodScheduled", .true, since: Self.t0),
        ]
        let changes = Self.write(into: &status, readyToStart: true)
        #expect(
            status.conditions == [
                Self.condition("DisruptionTarget", .true, "EvictionByEvictionAPI", since: Self.t0),
                Self.condition("PodReadyToStartContainers", .true, since: Self.t0),
                Self.condition("Initialized", .true, since: Self.t0),
            ] + Self.notReady(since: Self.t1) + [Self.condition("PodScheduled", .true, since: Self.t0)])
        #expect(changes.any && changes.conditions)

        // The same status again changes nothing.
        let again = Self.write(into: &status, readyToStart: true)
        #expect(!again.any && !again.conditions)
    }

    /// A condition the kubelet does not keep (written by someone else) breaks the layout: the
    /// list is rebuilt in the kubelet's order without it, PodScheduled kept as it stood, and a
    /// kubelet condition whose status holds keeps its transition time.
    @Test func rebuildsAnotherLayout() {
        var status = PodStatusRecord()
        status.conditions = [
            Self.condition("PodScheduled", .true, since: Self.t0),
            Self.condition("example.com/Custom", .true, since: Self.t0),
            Self.condition("Initialized", .true, since: Self.t0),
        ]
        let changes = Self.write(into: &status, readyToStart: false)
        #expect(
            status.conditions
                == [Self.condition("Initialized", .true, since: Self.t0)] + Self.notReady(since: Self.t1)
                + [Self.condition("PodScheduled", .true, since: Self.t0)])
        #expect(changes.any && changes.conditions)
    }

    /// The layout read off the positions: DisruptionTarget first or not at all, the kubelet's
    /// types in order, PodScheduled last or not at all; anything else is rebuilt (nil).
    @Test func layoutStart() {
        let types = KubeletConditions.types[...]
        func layout(_ names: [String]) -> Int? {
            KubeletConditions.layoutStart(
                names.map { Self.condition($0, .true, since: Self.t0) }, kubeletTypes: types)
        }
        let kubelet = Array(types)
        #expect(layout(kubelet) == 0)
        #expect(layout(kubelet + ["PodScheduled"]) == 0)
        #expect(layout(["DisruptionTarget"] + kubelet + ["PodScheduled"]) == 1)
        #expect(layout(["DisruptionTarget"] + kubelet) == 1)
        #expect(layout([]) == nil)
        #expect(layout(kubelet + ["DisruptionTarget"]) == nil)
        #expect(layout(["PodScheduled"] + kubelet) == nil)
        #expect(layout(kubelet + ["PodScheduled", "PodScheduled"]) == nil)
        #expect(layout(Array(kubelet.reversed()) + ["PodScheduled"]) == nil)
        #expect(layout(Array(kubelet.dropFirst()) + ["PodScheduled"]) == nil)
    }

    /// A listing's message is Go's `%s` of a `[]string` after its prefix, and the same names
    /// give back the same message; other names give theirs.
    @Test func listingMessages() {
        var messages = ListingMessages()
        let prefix = "containers with unready status: "
        #expect(messages.unready.message(for: ["app"], prefix) == "containers with unready status: [app]")
        #expect(messages.unready.message(for: ["app"], prefix) == "containers with unready status: [app]")
        #expect(messages.unready.message(for: ["a", "b"], prefix) == "containers with unready status: [a b]")
        #expect(messages.unready.message(for: ["app"], prefix) == "containers with unready status: [app]")
        #expect(
            messages.incomplete.message(for: [], "containers with incomplete status: ")
                == "containers with incomplete status: []")
    }
}
