import KubeModel
import SimulationCore

/// What a sync of the pod worker decides from its runtime snapshot alone: which containers to
/// kill and start (kuberuntime_manager.go `computePodActions`), whether an exited container is
/// restarted (`ShouldContainerBeRestarted`), and the sync's errors for its requeue.
///
/// These run on every sync, so they read the fields they need through `self[c]` in place: a
/// `let runtime = self[c]` copied the whole ``ContainerRuntime`` (a retain and a release of
/// each of its strings, arrays and boxes) per container per sync.
extension PodWorker {
    /// Every regular container has exited and none will be restarted.
    var allRegularContainersDone: Bool {
        guard containers.count > initCount else { return false }
        for c in appContainers {
            guard !self[c].running, let exitCode = self[c].current?.exitCode, !shouldRestart(c, exitCode: exitCode)
            else { return false }
        }
        return true
    }

    /// Whether a probe-killed container is started again (pod restartPolicy ≠ Never; sidecars always).
    func shouldRestartAfterKill(_ c: ContainerIndex) -> Bool {
        if self[c].isSidecar { return true }
        if let policy = self[c].restartPolicy { return policy != .never }
        return restartPolicy != .never
    }

    /// `ShouldContainerBeRestarted` for an exited instance (pod policy, or the container's
    /// `restartPolicy`/`restartPolicyRules` under ContainerRestartRules; sidecars always).
    func shouldRestart(_ c: ContainerIndex, exitCode: Int32) -> Bool {
        if self[c].isSidecar { return true }
        if let policy = self[c].restartPolicy {
            for rule in self[c].restartRules where rule.action == "Restart" {
                if rule.exitCodes?.matches(exitCode: Int(exitCode)) ?? false { return true }
            }
            switch policy {
            case .always: return true
            case .onFailure: return exitCode != 0
            default: return false
            }
        }
        switch restartPolicy {
        case .always: return true
        case .onFailure: return exitCode != 0
        default: return false
        }
    }

    /// The running containers whose liveness or startup probe failed and that are not being
    /// killed yet: `computePodActions` kills (and maybe restarts) them.
    var containersToKill: [ContainerIndex] {
        var kills: [ContainerIndex] = []
        for c in allContainers where self[c].running && self[c].probeFailed && !self[c].stopping {
            kills.append(c)
        }
        return kills
    }

    /// The containers this sync starts, with the FinishedAt of their last exited instance
    /// (`computePodActions`: the next init container or not-started sidecars, else the app
    /// containers that are not running and should be restarted).
    func computeStarts() -> [(container: ContainerIndex, reference: SimulationTime?)] {
        var starts: [(container: ContainerIndex, reference: SimulationTime?)] = []
        computeStarts(into: &starts)
        return starts
    }

    /// ``computeStarts()`` appended to `starts` (empty), so a sync can reuse the storage of the
    /// previous sync's queue: a crash loop's blocked requeue allocated a one-start array each time.
    func computeStarts(into starts: inout [(container: ContainerIndex, reference: SimulationTime?)]) {
        let appStarted = appContainers.contains { self[$0].hasEverStarted }
        if !appStarted {
            for c in initContainers {
                if self[c].isSidecar {
                    if self[c].running {
                        if self[c].started { continue }
                        return
                    }
                    starts.append((c, self[c].current?.finishedAt))
                    return
                }
                if self[c].running || self[c].stopping { return }
                if let exitCode = self[c].current?.exitCode {
                    if exitCode == 0 { continue }
                    if shouldRestart(c, exitCode: exitCode) { starts.append((c, self[c].current?.finishedAt)) }
                    return
                }
                starts.append((c, nil))
                return
            }
        } else {
            for c in initContainers where self[c].isSidecar {
                if !self[c].running && !self[c].stopping { starts.append((c, self[c].current?.finishedAt)) }
            }
        }
        for c in appContainers {
            if self[c].running || self[c].stopping { continue }
            if let exitCode = self[c].current?.exitCode {
                if shouldRestart(c, exitCode: exitCode) { starts.append((c, self[c].current?.finishedAt)) }
            } else {
                starts.append((c, nil))
            }
        }
    }

    /// The pod sandbox exists (`PodReadyToStartContainers`): containers may start.
    mutating func markSandboxReady() {
        sandboxReady = true
        statusDirty = true
    }

    /// The sync's actions begin with the starts of ``computeStarts()`` and no error yet.
    mutating func beginActions() {
        syncHadError = false
        earliestExpiry = nil
        // Moved out and back, so the queue stays uniquely referenced and keeps its storage.
        var queue = startQueue
        startQueue = []
        // Usually empty already (the last sync ran its starts): `removeAll(keepingCapacity:)`
        // is a generic range replacement even then.
        if !queue.isEmpty { queue.removeAll(keepingCapacity: true) }
        computeStarts(into: &queue)
        startQueue = queue
    }

    /// The sync waits for `kills` (failed probes) to exit before it runs its starts.
    mutating func suspendOnKills(_ kills: [ContainerIndex]) {
        killTargets = kills
        pending = .kills
    }

    /// The sync waits for kills and every killed container has exited.
    var killsDone: Bool { pending == .kills && !killTargets.contains(where: { self[$0].running }) }

    /// The kills a sync waited for are done: it goes on with its starts.
    mutating func resumeAfterKills() {
        pending = nil
        killTargets = []
    }

    /// A start of this sync failed or was backed off until `expiry`: the sync is requeued after
    /// the error back-off (1.35+: at the earliest expiry met, pod_workers.go `completeWork`).
    mutating func noteSyncError(expiry: SimulationTime) {
        syncHadError = true
        if let earliest = earliestExpiry, earliest <= expiry { return }
        earliestExpiry = expiry
    }

    /// The worker starts terminating with `grace` seconds until `deadline`: the suspended sync,
    /// its kills and starts are abandoned (the caller cancels the requeue timer first).
    mutating func beginTerminating(grace: Int, deadline: SimulationTime) {
        phase = .terminating
        statusDirty = true
        pending = nil
        killTargets = []
        requeueEvent = nil
        startQueue = []
        gracePeriodSeconds = grace
        terminationDeadline = deadline
    }

    /// Container `c`'s API status (kubelet_pods.go `convertToAPIContainerStatuses`): running,
    /// terminated, or waiting with the reason cache's reason (`defaultReason` before any start).
    func containerStatus(_ c: ContainerIndex, defaultReason: String) -> ContainerStatusRecord {
        // Read in place: `let runtime = self[c]` copied the whole ContainerRuntime (a retain and
        // a release of each of its strings) for each container of each status built.
        containers.withUnsafeBufferPointer { buffer in
            let runtime = buffer.baseAddress.unsafelyUnwrapped + c.value
            var status = ContainerStatusRecord(
                name: runtime.pointee.name, image: runtime.pointee.image,
                state: .waiting(reason: defaultReason, message: nil), restartCount: runtime.pointee.restartCount)
            if runtime.pointee.running {
                status.state = .running(startedAt: runtime.pointee.startedAt)
                status.lastTermination = runtime.pointee.previous
                status.started = runtime.pointee.started
                status.ready = runtime.pointee.ready && runtime.pointee.started
            } else if let current = runtime.pointee.current {
                let restarting = phase == .syncing && shouldRestart(c, exitCode: current.exitCode)
                if restarting, let reason = runtime.pointee.cachedReason {
                    status.state = .waiting(reason: reason, message: runtime.pointee.cachedMessage)
                    status.lastTermination = current
                } else {
                    status.state = .terminated(current)
                    status.lastTermination = runtime.pointee.previous
                }
            } else if let reason = runtime.pointee.cachedReason {
                status.state = .waiting(reason: reason, message: runtime.pointee.cachedMessage)
            }
            return status
        }
    }
}
