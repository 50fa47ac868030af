import KubeModel
import SimulationCore

/// The pod worker's sync (kubelet.go `SyncPod` → kuberuntime_manager.go `SyncPod`).
extension Kubelet {
    // MARK: - Sync

    /// One sync of a non-terminated pod: publish status, compute actions, kill, start.
    func sync(_ w: WorkerIndex) {
        workers[w].blockedStart = nil
        if isDown { return }
        guard workers[w].pending == nil else {
            workers[w].pendingSync = true
            return
        }
        let pod = workers[w].pod
        // The pod's facts, not the stored object: a blocked sync every 10 s of a crash loop
        // touches nothing else of the pod.
        let facts = cluster.api.podFacts[pod.value]
        if facts.isRemoved {
            cleanup(w)
            return
        }
        switch workers[w].phase {
        case .terminated: return
        case .terminating:
            publishStatus(w)
            return
        case .syncing: break
        }
        if facts.isTerminating {
            beginTermination(
                w, grace: cluster.api.pods[pod.value].deletionGracePeriodSeconds ?? workers[w].gracePeriodSeconds)
            return
        }
        workers[w].pendingSync = false
        // a. Status from the runtime snapshot and the previous sync's reason cache.
        if publishStatus(w) || workers.reading(w, { $0.allRegularContainersDone }) {
            // All containers are done and none restarts (or an init container failed under Never):
            // stop what still runs (sidecars), then write the terminal phase.
            beginTermination(
                w, grace: cluster.api[workers[w].pod].pod.spec.terminationGracePeriodSeconds, alreadyTerminal: true)
            return
        }
        // b. Actions.
        if !workers[w].sandboxReady {
            if isRealistic {
                createSandbox(w)
                return
            }
            workers[w].markSandboxReady()
        }
        syncActions(w)
    }

    /// The actions of a sync once the sandbox exists: kill failed-probe containers, then start.
    func syncActions(_ w: WorkerIndex) {
        let pod = workers[w].pod
        if !workers[w].sandboxReady { workers[w].markSandboxReady() }
        let kills = workers.reading(w) { $0.containersToKill }
        workers[w].beginActions()
        if !kills.isEmpty {
            let podGrace = cluster.api.pods[pod.value].pod.spec.terminationGracePeriodSeconds
            for c in kills {
                let container = spec(w, c)
                let startup = container.startupProbe != nil && !workers[w][c].started
                let probe = startup ? container.startupProbe : container.livenessProbe
                let kind = startup ? "startup" : "liveness"
                // kuberuntime_manager.go computePodActions: "Container %s failed %s probe, will be restarted".
                kill(
                    w, c, grace: probe?.terminationGracePeriodSeconds ?? podGrace,
                    message: "Container \(container.name) failed \(kind) probe, will be restarted")
                if workers[w].shouldRestartAfterKill(c) {
                    // The start's doBackOff sees the previous exited instance (the killed one is
                    // still running in this sync's snapshot).
                    workers[w].startQueue.append((c, workers[w][c].previous?.finishedAt))
                }
            }
            workers[w].suspendOnKills(kills)
            return
        }
        runStarts(w, isWholeSync: workers[w].startQueue.count == 1)
    }

    /// Executes the queued starts; suspends on a pull. `isWholeSync`: the queue is one start and
    /// all the sync has to do, so that if back-off blocks it the next sync may repeat it
    /// (``repeatBlockedSync(_:)``).
    func runStarts(_ w: WorkerIndex, isWholeSync: Bool = false) {
        var blocked: BlockedStart?
        while !workers[w].startQueue.isEmpty {
            let (c, reference) = workers[w].startQueue.removeFirst()
            guard !workers[w][c].running else { continue }
            // doBackOff (kuberuntime_manager.go): only with a previous exited instance.
            if let reference {
                if let backoff = blockingBackOff(w, c, since: reference) {
                    skipStart(w, c, since: reference, backoff: backoff)
                    if isWholeSync { blocked = BlockedStart(container: c, reference: reference) }
                    continue
                }
                let entry = workers[w][c].crashBackoff
                workers[w].setCrashBackoff(c, crashPolicy.next(entry, eventTime: reference, now: cluster.now))
            }
            switch ensureImage(w, c) {
            case .present:
                if isRealistic {
                    beginContainerStart(w, c)
                    return
                }
                createAndStart(w, c)
            case .pulling:
                workers[w].pending = .pull(container: c)
                return
            case .failed:
                continue
            }
        }
        if cluster.kubeletsRepeatBlockedSyncs { workers[w].blockedStart = blocked }
        finishSync(w)
    }

    /// `doBackOff` (kuberuntime_manager.go) for the start of `c`, whose last instance exited at
    /// `reference`: the crash-loop back-off that blocks the start now, if it still lasts.
    func blockingBackOff(_ w: WorkerIndex, _ c: ContainerIndex, since reference: SimulationTime) -> SimulationDuration?
    {
        let entry = workers.reading(w) { $0.containers[c.value].crashBackoff }
        guard crashPolicy.isInBackOffSince(entry, eventTime: reference, now: cluster.now) else { return nil }
        return entry!.backoff
    }

    /// The start of `c` skipped under `backoff` (`doBackOff`): a `BackOff` event, the reason
    /// cache's `CrashLoopBackOff`, and the sync's error, so its requeue waits for the back-off.
    func skipStart(_ w: WorkerIndex, _ c: ContainerIndex, since reference: SimulationTime, backoff: SimulationDuration)
    {
        // events.BackOffStartContainer; message of kuberuntime_manager.go doBackOff.
        let pod = workers[w].pod
        let digest = workers[w].backOffEventDigest(
            of: c, namesPod: version >= KubernetesVersion(minor: 24), describePod: { describePod(pod) })
        event(w, .warning, "BackOff", workers[w].backOffEventMessage(of: c), container: c, digest: digest)
        workers[w].cacheCrashLoopBackOff(c, backoff: backoff, describePod: { describePod(pod) })
        workers[w].noteSyncError(expiry: reference + backoff)
    }

    /// `<name>_<namespace>(<uid>)`, the kubelet's `format.Pod` (pkg/kubelet/util/format/pod.go).
    func describePod(_ pod: PodID) -> String {
        cluster.withPod(pod) { "\($0.pointee.name)_\($0.pointee.namespace)(\($0.pointee.uid))" }
    }

    /// The messages of a start's `Created` and `Started` events for container `name`. Their texts
    /// changed twice (reference §10): "Created container X" → "Created container: X" (≈1.32) →
    /// "Container created" (newest master, assumed 1.36).
    func startEventTexts(_ name: String) -> (created: String, started: String) {
        if version >= KubernetesVersion(minor: 36) { return ("Container created", "Container started") }
        if version >= KubernetesVersion(minor: 32) {
            return ("Created container: \(name)", "Started container \(name)")
        }
        return ("Created container \(name)", "Started container \(name)")
    }

    /// The texts of the events a restart of container `c` of worker `w` repeats (built at its
    /// first restart), or nil at its first start.
    func restartEventTexts(_ w: WorkerIndex, _ c: ContainerIndex) -> RestartEventTexts? {
        guard workers[w][c].hasEverStarted else { return nil }
        if let texts = workers[w][c].restartEventTexts { return texts.wrappedValue }
        let start = startEventTexts(workers[w][c].name)
        let texts = RestartEventTexts(
            pulled: .init(Self.imagePresentMessage(workers[w][c].image)), created: .init(start.created),
            started: .init(start.started))
        workers[w].keepRestartEventTexts(texts, of: c)
        return texts
    }

    /// End of a sync: requeue (error ⇒ back-off period, else resync), or run the pending trigger.
    func finishSync(_ w: WorkerIndex) {
        workers[w].pending = nil
        if workers[w].pendingSync {
            workers[w].pendingSync = false
            requestSync(w, after: .zero)
            return
        }
        // A clean sync would be requeued for the 1-m resync (`syncFrequency`), but in the model a
        // resync with no new trigger cannot change anything, so it is elided (lazy timers).
        guard workers[w].syncHadError else { return }
        requestSync(w, after: errorRequeueDelay(expiry: workers[w].earliestExpiry))
    }

    // MARK: - Containers

    /// Created/Started, then the instance runs per its behaviour (exit, OOM, readiness, probes).
    func createAndStart(_ w: WorkerIndex, _ c: ContainerIndex) {
        let (startupProbe, livenessProbe) = readSpec(w, c) { ($0.startupProbe, $0.livenessProbe) }
        if let texts = restartEventTexts(w, c) {
            event(w, .normal, "Created", texts.created.message, container: c, digest: texts.created.digest)
            event(w, .normal, "Started", texts.started.message, container: c, digest: texts.started.digest)
        } else {
            let texts = startEventTexts(readSpec(w, c) { $0.name })
            event(w, .normal, "Created", texts.created, container: c)
            event(w, .normal, "Started", texts.started, container: c)
        }
        let now = cluster.now
        let run = workers[w].startInstance(c, at: now, hasStartupProbe: startupProbe != nil)
        let behavior = workers[w][c].behavior
        var exitAt = SimulationTime.distantFuture
        var exitCode = run.exitCode
        var reason = run.exitCode == 0 ? "Completed" : "Error"
        if let duration = run.duration { exitAt = now + .seconds(sample(duration)) }
        if let oom = oomTime(w, c, from: now), oom < exitAt {
            exitAt = oom
            exitCode = 137
            reason = "OOMKilled"
        }
        workers[w].planExit(c, at: exitAt, code: exitCode, reason: reason)
        let instance = workers[w][c].currentInstance
        if exitAt < .distantFuture {
            workers[w].setExitTimer(
                c, schedule(.kubelet(node, .containerExited(w, container: c, instance: instance)), at: exitAt)
            )
        }
        if let probe = startupProbe {
            let after = behavior.startupAfter.map(sample) ?? 0
            let at = probeTick(start: now, probe: probe, notBefore: after)
            workers[w].addInstanceTimer(
                c, schedule(.kubelet(node, .containerStarted(w, container: c, instance: instance)), at: at))
        } else {
            scheduleReadiness(w, c)
        }
        if let probe = livenessProbe, let unhealthy = behavior.unhealthyAfter {
            let after = sample(unhealthy)
            let first = probeTick(start: now, probe: probe, notBefore: after)
            workers[w].addInstanceTimer(
                c,
                schedule(
                    .kubelet(node, .livenessFailed(w, container: c, instance: instance, failures: 1)), at: first))
        }
        updateVolumeRates(w)
        touchImage(readSpec(w, c) { $0.image } ?? "")
        requestSync(w, after: postStartDelay())
    }

    /// The first probe tick at or after `notBefore` seconds: ticks at start + k·period, k ≥ 1,
    /// no earlier than `initialDelaySeconds` (reference §5, G7: ticks at 10, 20, 30, …).
    func probeTick(start: SimulationTime, probe: Probe, notBefore: Double) -> SimulationTime {
        let period = Double(max(1, probe.periodSeconds))
        let floor = max(notBefore, Double(probe.initialDelaySeconds))
        let k = max(1, (floor / period).rounded(.up))
        return start + .seconds(k * period)
    }

    /// Readiness: at once without a readiness probe, else at the first tick at or after `readyAfter`.
    func scheduleReadiness(_ w: WorkerIndex, _ c: ContainerIndex) {
        let readinessProbe = readSpec(w, c) { $0.readinessProbe }
        let after = workers[w][c].behavior.readyAfter.map(sample)
        let ready = KubeletEvent.containerReady(w, container: c, instance: workers[w][c].currentInstance)
        guard let probe = readinessProbe else {
            if let after, after > 0 {
                workers[w].addInstanceTimer(c, schedule(.kubelet(node, ready), after: .seconds(after)))
            } else {
                workers[w].markReadyWithoutProbe(c)
            }
            return
        }
        let startedAt = workers[w][c].startedAt
        let at = probeTick(
            start: startedAt, probe: probe, notBefore: max(after ?? 0, (cluster.now - startedAt).seconds))
        workers[w].addInstanceTimer(c, schedule(.kubelet(node, ready), at: at))
    }

    /// A failing liveness tick: `Unhealthy`; at `failureThreshold` the result is published and
    /// the next sync kills and restarts the container; otherwise the next tick is scheduled.
    func livenessFailed(_ w: WorkerIndex, _ c: ContainerIndex, failures: Int) {
        guard let probe = readSpec(w, c, { $0.livenessProbe }) else { return }
        // prober.go: "Liveness probe failed: <output>"; an HTTP probe's output.
        let output: String
        if probe.httpGet != nil {
            output = "HTTP probe failed with statuscode: 500"
        } else if probe.tcpSocket != nil {
            output = "dial tcp: connect: connection refused"
        } else {
            output = ""
        }
        event(w, .warning, "Unhealthy", "Liveness probe failed: \(output)", container: c)
        if failures >= probe.failureThreshold {
            workers[w].markProbeFailed(c)
            requestSync(w, after: .zero)
        } else {
            let next = KubeletEvent.livenessFailed(
                w, container: c, instance: workers[w][c].currentInstance, failures: failures + 1)
            workers[w].addInstanceTimer(c, schedule(.kubelet(node, next), after: .seconds(probe.periodSeconds)))
        }
    }

    /// When the memory of container `c` (own growth plus its writes to memory-backed emptyDirs)
    /// reaches its memory limit.
    func oomTime(_ w: WorkerIndex, _ c: ContainerIndex, from start: SimulationTime) -> SimulationTime? {
        // A zero limit is no limit: the runtime only sets memory.max when it is non-zero
        // (k/k pkg/kubelet/kuberuntime/kuberuntime_container_linux.go calculateLinuxResources).
        guard let limit = readSpec(w, c, { $0.resources.limits[ResourceName.memory] }), limit.value > 0 else {
            return nil
        }
        let behavior = workers[w][c].behavior
        var rate = behavior.memoryGrowthPerSecond
        for write in behavior.volumeWrites
        where workers[w].volumes.contains(where: { $0.name == write.volume && $0.isMemory }) {
            rate += write.bytesPerSecond
        }
        let headroom = Double(limit.value) - behavior.memoryStart
        if headroom <= 0 { return start }
        guard rate > 0 else { return nil }
        return start + .seconds(headroom / rate)
    }

    /// Starts killing an instance: `Killing`, preStop (its duration is taken from the grace),
    /// SIGTERM with the remaining grace (at least 2 s, `minimumGracePeriodInSeconds`), SIGKILL at
    /// its end (kuberuntime_container.go `killContainer`).
    func kill(_ w: WorkerIndex, _ c: ContainerIndex, grace: Int, message: String) {
        guard workers[w][c].running, !workers[w][c].stopping else { return }
        event(w, .normal, "Killing", message, container: c)
        workers[w].beginStopping(c)
        let now = cluster.now
        var remaining = max(0, grace)
        var termAt = now
        if remaining > 0, let hook = readSpec(w, c, { $0.lifecycle?.preStop }) {
            let hookSeconds = Self.hookDuration(hook)
            let elapsed = min(hookSeconds, Double(remaining))
            termAt = now + .seconds(elapsed)
            remaining -= Int(elapsed)  // executePreStopHook returns whole seconds
        }
        remaining = max(remaining, 2)
        let killAt = termAt + .seconds(remaining)
        let behavior = workers[w][c].behavior
        var exitAt = killAt
        var code: Int32 = 137
        if let delay = behavior.terminationDelay {
            let graceful = termAt + .seconds(sample(delay))
            if graceful < killAt {
                exitAt = graceful
                code = behavior.terminationExitCode
            }
        }
        guard exitAt < workers[w][c].plannedExit else { return }
        cancel(workers[w][c].exitEvent)
        workers[w].planExit(c, at: exitAt, code: code, reason: code == 0 ? "Completed" : "Error")
        let exit = KubeletEvent.containerExited(w, container: c, instance: workers[w][c].currentInstance)
        workers[w].setExitTimer(c, schedule(.kubelet(node, exit), at: exitAt))
    }

    /// Seconds a preStop hook runs: `sleep` action, or `sleep N` in an exec command.
    static func hookDuration(_ hook: LifecycleHandler) -> Double {
        if let sleep = hook.sleep { return Double(sleep.seconds) }
        let words = (hook.exec?.command ?? []).flatMap { $0.split(separator: " ").map(String.init) }
        for (i, word) in words.enumerated() where word == "sleep" && i + 1 < words.count {
            if let value = Double(words[i + 1]) { return value }
        }
        return 0
    }

    /// The current instance of `c` exited: record the termination, tell the worker.
    func containerExited(_ w: WorkerIndex, _ c: ContainerIndex) {
        for timer in workers[w][c].timers { cancel(timer) }
        workers[w].recordExit(c, at: cluster.now)
        updateVolumeRates(w)
        if workers[w].phase == .terminating {
            continueTermination(w)
            return
        }
        if workers[w].killsDone {
            workers[w].resumeAfterKills()
            if isDown { return }  // the kubelet died mid-sync; recovery resyncs
            runStarts(w)
            return
        }
        requestSync(w, after: plegDelay())
    }

    // MARK: - Termination

    /// Terminating (deletion, eviction, or all containers done): kill app containers in
    /// parallel, then sidecars in reverse order, then write the terminal phase.
    func beginTermination(_ w: WorkerIndex, grace: Int, alreadyTerminal: Bool = false) {
        guard workers[w].phase == .syncing else { return }
        cancel(workers[w].requeueEvent)
        workers[w].beginTerminating(grace: grace, deadline: cluster.now + .seconds(grace))
        if !alreadyTerminal { publishStatus(w) }
        for c in workers[w].appContainers where workers[w][c].running {
            kill(w, c, grace: grace, message: "Stopping container \(workers[w][c].name)")
        }
        continueTermination(w)
    }

    /// Next step of a termination: publish progress; once app containers are down, stop the
    /// last running sidecar; once everything is down, finish.
    func continueTermination(_ w: WorkerIndex) {
        let worker = workers[w]
        let appRunning = worker.appContainers.contains { worker[$0].running }
        if !appRunning {
            // Regular init containers still running are stopped with the app containers.
            if let c = worker.initContainers.reversed().first(where: { worker[$0].running }) {
                if !worker[c].stopping {
                    let deadline = worker.terminationDeadline ?? cluster.now
                    let remaining = max(0, Int(((deadline - cluster.now).seconds).rounded(.up)))
                    kill(w, c, grace: remaining, message: "Stopping container \(workers[w][c].name)")
                }
                publishStatus(w)
                return
            }
            finishTermination(w)
            return
        }
        publishStatus(w)
    }

    /// Writes the terminal phase, tears down volumes, and removes a deleted pod's object.
    func finishTermination(_ w: WorkerIndex) {
        workers[w].phase = .terminated
        workers[w].statusDirty = true
        publishStatus(w, terminal: true)
        workers[w].clearVolumeUsage()
        cancel(workers[w].evictionEvent)
        workers[w].evictionEvent = nil
        // The facts, not `cluster.api[pod]`: that copied the whole pod object.
        let pod = workers[w].pod
        let facts = cluster.api.podFacts[pod.value]
        if facts.isTerminating && !facts.isRemoved {
            cluster.removePod(pod)
        }
        if cluster.api.podFacts[pod.value].isRemoved { cleanup(w) }
    }

    /// Forgets a removed pod (its emptyDirs are gone with it).
    func cleanup(_ w: WorkerIndex) {
        for c in workers[w].allContainers {
            cancel(workers[w][c].exitEvent)
            for timer in workers[w][c].timers { cancel(timer) }
            workers[w].dropTimers(c)
        }
        cancel(workers[w].requeueEvent)
        workers[w].requeueEvent = nil
        workers[w].phase = .terminated
        workers.forget(workers[w].pod)
        workers[w].releaseAfterCleanup()
    }
}
