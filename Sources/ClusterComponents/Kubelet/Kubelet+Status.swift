import KubeModel
import SimulationCore

/// Status generation (kubelet_pods.go `generateAPIPodStatus`, `convertToAPIContainerStatuses`,
/// `getPhase`; status/generate.go for conditions).
extension Kubelet {
    /// Builds the API status from the runtime snapshot and the reason cache and hands it to the
    /// status manager: written at once under ideal timing; under realistic timing a syncing
    /// pod's status is written later by ``queueStatusWrite(_:)`` (GET + PATCH through the
    /// kubelet's rate limiter), while terminating and terminal statuses are written at once.
    /// - Returns: the phase of the status.
    @discardableResult
    func publishStatus(_ w: WorkerIndex, terminal: Bool = false) -> PodPhase {
        // Nothing the status is built from changed (and the phase cannot have moved either).
        guard workers[w].statusDirty || terminal else { return workers[w].lastPhase }
        workers[w].statusDirty = false
        let podIndex = workers[w].pod.value
        // Through the buffer: `api.pods[i].status.phase` copied the whole PodObject first.
        let previousPhase = cluster.api.pods.withUnsafeBufferPointer { $0[podIndex].status.phase }
        // Built from the worker lent in place: a `let worker = workers[w]` copied it whole (a
        // retain and a release of everything it holds) on every status change.
        let (generated, workerPhase) = workers.reading(w) { worker -> (GeneratedPodStatus, PodWorkerPhase) in
            let hasInit = worker.initCount > 0
            var initStatuses: [ContainerStatusRecord] = []
            var appStatuses: [ContainerStatusRecord] = []
            initStatuses.reserveCapacity(worker.initCount)
            appStatuses.reserveCapacity(worker.containers.count - worker.initCount)
            let defaultReason = hasInit ? "PodInitializing" : "ContainerCreating"
            for c in worker.initContainers {
                initStatuses.append(worker.containerStatus(c, defaultReason: defaultReason))
            }
            for c in worker.appContainers {
                appStatuses.append(worker.containerStatus(c, defaultReason: defaultReason))
            }
            let sidecars = worker.initContainers.map { worker[$0].isSidecar }
            var phase = Self.phase(
                restartPolicy: worker.restartPolicy, sidecars: sidecars, initStatuses: initStatuses,
                appStatuses: appStatuses, terminal: terminal || worker.phase == .terminated)
            // ContainerRestartRules: a container that will be restarted by its own policy keeps
            // the pod Running whatever the pod's restartPolicy says.
            if phase.isTerminal && !terminal && worker.phase == .syncing
                && worker.evictionMessage == nil
                && worker.appContainers.contains(where: { c in
                    guard let current = worker[c].current, !worker[c].running else { return false }
                    return worker[c].restartPolicy != nil && worker.shouldRestart(c, exitCode: current.exitCode)
                })
            {
                phase = .running
            }
            // Terminal phases never revert; eviction forces Failed.
            if previousPhase.isTerminal { phase = previousPhase }
            if worker.evictionMessage != nil { phase = .failed }
            // Conditions (status/generate.go).
            let initialized = Self.initialized(initStatuses: initStatuses, appStatuses: appStatuses, sidecars: sidecars)
            let unready =
                (initStatuses.enumerated().filter { sidecars[$0.offset] }.map(\.element)
                + appStatuses).filter { !$0.ready }.map(\.name)
            let generated = GeneratedPodStatus(
                phase: phase, initStatuses: initStatuses, appStatuses: appStatuses, initialized: initialized.ok,
                incomplete: initialized.incomplete, unready: unready,
                sandboxReady: worker.sandboxReady && worker.phase != .terminated,
                evictionMessage: worker.evictionMessage)
            return (generated, worker.phase)
        }
        let phase = generated.phase
        workers[w].lastPhase = phase
        if isRealistic && !terminal && workerPhase == .syncing {
            workers[w].pendingStatus = generated
            queueStatusWrite(w)
        } else {
            cancelStatusWrite(w)
            if isRealistic { _ = apiLimiter.reserve(at: cluster.now, tokens: 2) }  // GET + PATCH
            writeStatus(w, generated)
        }
        return phase
    }

    /// Writes a generated status to the API (status_manager.go `syncPod`: the PATCH).
    func writeStatus(_ w: WorkerIndex, _ generated: GeneratedPodStatus) {
        let now = cluster.now
        // The worker's three fields, not a copy of the whole worker.
        let pod = workers[w].pod
        let podIndex = pod.value
        let hasReadinessGates = workers[w].hasReadinessGates
        let phase = generated.phase
        let initStatuses = generated.initStatuses
        let appStatuses = generated.appStatuses
        let initialized = (ok: generated.initialized, incomplete: generated.incomplete)
        let unready = generated.unready
        let sandboxReady = generated.sandboxReady
        let evictionMessage = generated.evictionMessage
        let podIP = workers[w].podIP
        let hostIP = hostAddress
        cluster.updatePodStatus(pod) { status in
            status.phase = phase
            if status.startTime == nil { status.startTime = now }
            status.initContainerStatuses = initStatuses
            status.containerStatuses = appStatuses
            status.podIP = sandboxReady || status.podIP != nil ? podIP : nil
            status.hostIP = hostIP
            if let evictionMessage {
                status.reason = "Evicted"
                status.message = evictionMessage
            }
            let gates = hasReadinessGates ? cluster.api.pods[podIndex].pod.spec.readinessGates ?? [] : []
            // The array is kept in the stored status for the pod's lifetime: reserve exactly
            // the conditions written below (DisruptionTarget, PodReadyToStartContainers,
            // Initialized, Ready, ContainersReady, PodScheduled, one per readiness gate), not
            // a margin that every stored pod would carry.
            let hasDisruption = status.conditionState("DisruptionTarget") != nil
            let hasScheduled = status.conditionState("PodScheduled") != nil
            let gateCount = gates.reduce(0) { $0 + (status.conditionState($1.conditionType) != nil ? 1 : 0) }
            let readyToStart = version >= KubernetesVersion(minor: 29) ? 1 : 0
            var conditions: [PodConditionRecord] = []
            conditions.reserveCapacity(
                (hasDisruption ? 1 : 0) + readyToStart + 3 + (hasScheduled ? 1 : 0) + gateCount)
            // PodStatusRecord.setCondition's rule (keep lastTransitionTime while the status holds),
            // without a scratch record per condition.
            func set(_ type: String, _ value: ConditionStatus, _ reason: String? = nil, _ message: String? = nil) {
                let existing = status.conditionState(type)
                let transition = existing.map { $0.status == value ? $0.since : now } ?? now
                conditions.append(
                    PodConditionRecord(
                        type: type, status: value, reason: reason, message: message, lastTransitionTime: transition))
            }
            if let disruption = status.condition("DisruptionTarget") { conditions.append(disruption) }
            // The PodReadyToStartContainersCondition gate (pkg/features/kube_features.go): alpha
            // (off) until 1.28, beta and on by default from 1.29.
            if version >= KubernetesVersion(minor: 29) {
                set("PodReadyToStartContainers", sandboxReady ? .true : .false)
            }
            if phase == .succeeded && !initialized.ok {
                set("Initialized", .true, "PodCompleted")
            } else if initialized.ok {
                set("Initialized", .true)
            } else {
                set(
                    "Initialized", .false, "ContainersNotInitialized",
                    "containers with incomplete status: [\(initialized.incomplete.joined(separator: " "))]")
            }
            let readyStatus: (ConditionStatus, String?, String?)
            if phase == .succeeded {
                readyStatus = (.false, "PodCompleted", nil)
            } else if phase == .failed {
                readyStatus = (.false, "PodFailed", nil)
            } else if !unready.isEmpty {
                readyStatus = (
                    .false, "ContainersNotReady", "containers with unready status: [\(unready.joined(separator: " "))]"
                )
            } else {
                readyStatus = (.true, nil, nil)
            }
            var podReady = readyStatus
            if podReady.0 == .true, !gates.isEmpty {
                let missing = gates.filter { gate in status.condition(gate.conditionType)?.status != .true }
                if let first = missing.first {
                    podReady = (
                        .false, "ReadinessGatesNotReady",
                        "corresponding condition of pod readiness gate \"\(first.conditionType)\" does not exist."
                    )
                }
            }
            set("Ready", podReady.0, podReady.1, podReady.2)
            set("ContainersReady", readyStatus.0, readyStatus.1, readyStatus.2)
            if let scheduled = status.condition("PodScheduled") { conditions.append(scheduled) }
            for gate in gates {
                if let existing = status.condition(gate.conditionType) { conditions.append(existing) }
            }
            status.conditions = conditions
        }
    }

    /// Whether the pod is initialized, and the init containers holding it back.
    static func initialized(
        initStatuses: [ContainerStatusRecord], appStatuses: [ContainerStatusRecord], sidecars: [Bool]
    ) -> (ok: Bool, incomplete: [String]) {
        if appStatuses.contains(where: {
            $0.state.isRunning || $0.state.termination != nil || $0.lastTermination != nil
        }) {
            return (true, [])
        }
        var incomplete: [String] = []
        for (i, status) in initStatuses.enumerated() {
            if sidecars[i] {
                if !status.started { incomplete.append(status.name) }
            } else if status.state.termination?.exitCode != 0 {
                incomplete.append(status.name)
            }
        }
        return (incomplete.isEmpty, incomplete)
    }

    /// `getPhase` (kubelet_pods.go), reference §3.1.
    static func phase(
        restartPolicy: RestartPolicy, sidecars: [Bool], initStatuses: [ContainerStatusRecord],
        appStatuses: [ContainerStatusRecord], terminal: Bool
    ) -> PodPhase {
        var pendingInit = 0, failedInit = 0
        for (i, status) in initStatuses.enumerated() {
            if sidecars[i] {
                switch status.state {
                case .running: if !status.started { pendingInit += 1 }
                case .terminated: break
                case .waiting: if status.lastTermination == nil { pendingInit += 1 }
                }
                continue
            }
            switch status.state {
            case .running: pendingInit += 1
            case .terminated(let t): if t.exitCode != 0 { failedInit += 1 }
            case .waiting:
                if let last = status.lastTermination, last.exitCode != 0 {
                    failedInit += 1
                } else if status.lastTermination == nil {
                    pendingInit += 1
                }
            }
        }
        let unknown = 0  // the kubelet reports every container, so none is unknown
        var running = 0, waiting = 0, stopped = 0, succeeded = 0
        for status in appStatuses {
            switch status.state {
            case .running: running += 1
            case .terminated(let t):
                stopped += 1
                if t.exitCode == 0 { succeeded += 1 }
            case .waiting:
                if status.lastTermination != nil { stopped += 1 } else { waiting += 1 }
            }
        }

        // Sidecars running and started count as running.
        for (i, status) in initStatuses.enumerated() where sidecars[i] && status.state.isRunning && status.started {
            running += 1
        }
        if failedInit > 0 && restartPolicy == .never { return .failed }
        let anyStarted = appStatuses.contains { !($0.state.waitingReason != nil && $0.lastTermination == nil) }
        if (pendingInit > 0 && !anyStarted) || waiting > 0 { return .pending }
        if running > 0 && unknown == 0 { return .running }
        if running == 0 && stopped > 0 && unknown == 0 {
            if terminal { return stopped == succeeded ? .succeeded : .failed }
            switch restartPolicy {
            case .always: return .running
            case .onFailure: return stopped == succeeded ? .succeeded : .running
            default: return stopped == succeeded ? .succeeded : .failed
            }
        }
        return .pending
    }
}

/// A status as the kubelet generated it in a sync, kept until the status manager writes it.
struct GeneratedPodStatus: Sendable {
    var phase: PodPhase
    var initStatuses: [ContainerStatusRecord]
    var appStatuses: [ContainerStatusRecord]
    /// The Initialized condition, and the init containers holding it back.
    var initialized: Bool
    var incomplete: [String]
    /// Containers not ready (for the Ready and ContainersReady conditions).
    var unready: [String]
    var sandboxReady: Bool
    var evictionMessage: String?
}
