import KubeModel
import SimulationCore

/// Status generation (kubelet_pods.go `generateAPIPodStatus`, `convertToAPIContainerStatuses`,
/// `getPhase`; status/generate.go for conditions).
extension Kubelet {
    /// Builds the API status from the runtime snapshot and the reason cache and hands it to the
    /// status manager: written at once under ideal timing; under realistic timing a syncing
    /// pod's status is written later by ``queueStatusWrite(_:)`` (GET + PATCH through the
    /// kubelet's rate limiter), while terminating and terminal statuses are written at once.
    /// - Returns: whether the status's phase is terminal (Succeeded or Failed).
    @discardableResult
    func publishStatus(_ w: WorkerIndex, terminal: Bool = false) -> Bool {
        // Nothing the status is built from changed (and the phase cannot have moved either).
        guard workers[w].statusDirty || terminal else { return workers[w].lastPhaseIsTerminal }
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
            // Sidecars, then app containers, that are not ready; appended one by one, so a
            // pod whose containers are all ready builds no array (a filter, a concatenation
            // and a map built three on every status change).
            var unready: [String] = []
            for (i, status) in initStatuses.enumerated() where sidecars[i] && !status.ready {
                unready.append(status.name)
            }
            for status in appStatuses where !status.ready { unready.append(status.name) }
            let generated = GeneratedPodStatus(
                phase: phase, initStatuses: initStatuses, appStatuses: appStatuses, initialized: initialized.ok,
                incomplete: initialized.incomplete, unready: unready,
                sandboxReady: worker.sandboxReady && worker.phase != .terminated,
                evictionMessage: worker.evictionMessage)
            return (generated, worker.phase)
        }
        let isTerminal = generated.phase.isTerminal
        workers[w].lastPhaseIsTerminal = isTerminal
        if isRealistic && !terminal && workerPhase == .syncing {
            workers[w].pendingStatus = generated
            queueStatusWrite(w)
        } else {
            cancelStatusWrite(w)
            if isRealistic { _ = apiLimiter.reserve(at: cluster.now, tokens: 2) }  // GET + PATCH
            writeStatus(w, generated)
        }
        return isTerminal
    }

    /// Writes a generated status to the API (status_manager.go `syncPod`: the PATCH), in place:
    /// each field is compared and written only when it changes, and the conditions the kubelet
    /// owns are updated where they stand when the stored list has the layout a rebuild would
    /// give (nearly always), so an unchanged status costs no allocation.
    func writeStatus(_ w: WorkerIndex, _ generated: GeneratedPodStatus) {
        let now = cluster.now
        // The worker's fields, not a copy of the whole worker.
        let pod = workers[w].pod
        let podIP = workers[w].podIP
        let hostIP = hostAddress
        // Read before the stored pods are lent to the patch.
        let gates =
            workers[w].hasReadinessGates
            ? cluster.withPod(pod) { $0.pointee.pod.spec.readinessGates ?? [] } : []
        let readyToStart = version >= KubernetesVersion(minor: 29)
        let conditions = KubeletConditions(generated, messages: &listingMessages)
        cluster.patchPodStatus(pod) { status in
            var changes = PodStatusChanges()
            changes.set(&status.phase, to: generated.phase)
            if status.startTime == nil {
                status.startTime = now
                changes.any = true
            }
            changes.set(&status.initContainerStatuses, to: generated.initStatuses)
            changes.set(&status.containerStatuses, to: generated.appStatuses)
            changes.set(&status.podIP, to: generated.sandboxReady || status.podIP != nil ? podIP : nil)
            changes.set(&status.hostIP, to: hostIP)
            if let evictionMessage = generated.evictionMessage {
                changes.set(&status.reason, to: "Evicted")
                changes.set(&status.message, to: evictionMessage)
            }
            conditions.write(into: &status, readyToStart: readyToStart, gates: gates, at: now, &changes)
            return changes
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
