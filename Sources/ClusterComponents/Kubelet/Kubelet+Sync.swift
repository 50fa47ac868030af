import KubeModel
import SimulationCore

/// The pod worker's sync (kubelet.go `SyncPod` → kuberuntime_manager.go `SyncPod`).
extension Kubelet {
    // MARK: - Sync

    /// One sync of a non-terminated pod: publish status, compute actions, kill, start.
    func sync(_ w: Int) {
        if isDown { return }
        guard workers[w].pending == nil else {
            workers[w].pendingSync = true
            return
        }
        let pod = workers[w].pod
        if cluster.api.pods[pod.value].isRemoved {
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
        if cluster.api.pods[pod.value].isTerminating {
            beginTermination(
                w, grace: cluster.api.pods[pod.value].deletionGracePeriodSeconds ?? workers[w].gracePeriodSeconds)
            return
        }
        workers[w].pendingSync = false
        // a. Status from the runtime snapshot and the previous sync's reason cache.
        let phase = publishStatus(w)
        if phase == .succeeded || phase == .failed || allRegularContainersDone(w) {
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
            workers[w].sandboxReady = true
            workers[w].statusDirty = true
        }
        syncActions(w)
    }

    /// The actions of a sync once the sandbox exists: kill failed-probe containers, then start.
    func syncActions(_ w: Int) {
        let pod = workers[w].pod
        if !workers[w].sandboxReady {
            workers[w].sandboxReady = true
            workers[w].statusDirty = true
        }
        let starts = computeStarts(w)
        var kills: [Int] = []
        for c in workers[w].containers.indices
        where workers[w].containers[c].running && workers[w].containers[c].probeFailed
            && !workers[w].containers[c].stopping
        {
            kills.append(c)
        }
        workers[w].syncHadError = false
        workers[w].earliestExpiry = nil
        workers[w].startQueue = starts
        if !kills.isEmpty {
            let podGrace = cluster.api.pods[pod.value].pod.spec.terminationGracePeriodSeconds
            for c in kills {
                let container = spec(w, c)
                let probe =
                    container.startupProbe != nil && !workers[w].containers[c].started
                    ? container.startupProbe : container.livenessProbe
                let kind = container.startupProbe != nil && !workers[w].containers[c].started ? "startup" : "liveness"
                // kuberuntime_manager.go computePodActions: "Container %s failed %s probe, will be restarted".
                kill(
                    w, c, grace: probe?.terminationGracePeriodSeconds ?? podGrace,
                    message: "Container \(container.name) failed \(kind) probe, will be restarted")
                if shouldRestartAfterKill(w, c) {
                    // The start's doBackOff sees the previous exited instance (the killed one is
                    // still running in this sync's snapshot).
                    workers[w].startQueue.append((c, workers[w].containers[c].previous?.finishedAt))
                }
            }
            workers[w].killTargets = kills
            workers[w].pending = .kills
            return
        }
        runStarts(w)
    }

    /// Every regular container has exited and none will be restarted.
    func allRegularContainersDone(_ w: Int) -> Bool {
        let worker = workers[w]
        guard worker.containers.count > worker.initCount else { return false }
        for c in worker.initCount..<worker.containers.count {
            let runtime = worker.containers[c]
            guard !runtime.running, let termination = runtime.current,
                !shouldRestart(w, c, exitCode: termination.exitCode)
            else { return false }
        }
        return true
    }

    /// Whether a probe-killed container is started again (pod restartPolicy ≠ Never; sidecars always).
    func shouldRestartAfterKill(_ w: Int, _ c: Int) -> Bool {
        if workers[w].containers[c].isSidecar { return true }
        if let policy = workers[w].containers[c].restartPolicy { return policy != .never }
        return workers[w].restartPolicy != .never
    }

    /// `ShouldContainerBeRestarted` for an exited instance (pod policy, or the container's
    /// `restartPolicy`/`restartPolicyRules` under ContainerRestartRules; sidecars always).
    func shouldRestart(_ w: Int, _ c: Int, exitCode: Int32) -> Bool {
        let runtime = workers[w].containers[c]
        if runtime.isSidecar { return true }
        if let policy = runtime.restartPolicy {
            for rule in runtime.restartRules where rule.action == "Restart" {
                if rule.exitCodes?.matches(exitCode: Int(exitCode)) ?? false { return true }
            }
            switch policy {
            case .always: return true
            case .onFailure: return exitCode != 0
            default: return false
            }
        }
        switch workers[w].restartPolicy {
        case .always: return true
        case .onFailure: return exitCode != 0
        default: return false
        }
    }

    /// The containers this sync starts, with the FinishedAt of their last exited instance
    /// (`computePodActions`: the next init container or not-started sidecars, else the app
    /// containers that are not running and should be restarted).
    func computeStarts(_ w: Int) -> [(container: Int, reference: SimulationTime?)] {
        var starts: [(container: Int, reference: SimulationTime?)] = []
        let worker = workers[w]
        let appStarted = (worker.initCount..<worker.containers.count).contains { worker.containers[$0].hasEverStarted }
        if !appStarted {
            for c in 0..<worker.initCount {
                let runtime = worker.containers[c]
                if runtime.isSidecar {
                    if runtime.running {
                        if runtime.started { continue }
                        return starts
                    }
                    return [(c, runtime.current?.finishedAt)]
                }
                if runtime.running || runtime.stopping { return starts }
                if let termination = runtime.current {
                    if termination.exitCode == 0 { continue }
                    return shouldRestart(w, c, exitCode: termination.exitCode) ? [(c, termination.finishedAt)] : []
                }
                return [(c, nil)]
            }
        } else {
            for c in 0..<worker.initCount where worker.containers[c].isSidecar {
                let runtime = worker.containers[c]
                if !runtime.running && !runtime.stopping { starts.append((c, runtime.current?.finishedAt)) }
            }
        }
        for c in worker.initCount..<worker.containers.count {
            let runtime = worker.containers[c]
            if runtime.running || runtime.stopping { continue }
            if let termination = runtime.current {
                if shouldRestart(w, c, exitCode: termination.exitCode) { starts.append((c, termination.finishedAt)) }
            } else {
                starts.append((c, nil))
            }
        }
        return starts
    }

    /// Executes the queued starts; suspends on a pull.
    func runStarts(_ w: Int) {
        while !workers[w].startQueue.isEmpty {
            let (c, reference) = workers[w].startQueue.removeFirst()
            guard !workers[w].containers[c].running else { continue }
            // doBackOff (kuberuntime_manager.go): only with a previous exited instance.
            if let reference {
                let entry = workers[w].containers[c].crashBackoff
                if crashPolicy.isInBackOffSince(entry, eventTime: reference, now: cluster.now) {
                    let name = workers[w].containers[c].name
                    let backoff = entry!.backoff
                    // events.BackOffStartContainer; message of kuberuntime_manager.go doBackOff.
                    if workers[w].containers[c].backOffEventMessage == nil {
                        workers[w].containers[c].backOffEventMessage =
                            version >= KubernetesVersion(minor: 24)
                            ? "Back-off restarting failed container \(name) in pod \(podDescription(w))"
                            : "Back-off restarting failed container"
                    }
                    event(w, .warning, "BackOff", workers[w].containers[c].backOffEventMessage!, container: c)
                    // The reason cache changes only when the back-off does: a blocked sync that
                    // finds it unchanged has nothing new to publish (most of a crash loop's syncs).
                    if workers[w].containers[c].cachedReason != "CrashLoopBackOff"
                        || workers[w].containers[c].crashLoopBackOffCached != backoff
                    {
                        workers[w].statusDirty = true
                        workers[w].containers[c].cachedReason = "CrashLoopBackOff"
                        workers[w].containers[c].cachedMessage =
                            "back-off \(GoDuration(nanoseconds: backoff.nanoseconds)) restarting failed container=\(name) pod=\(podDescription(w))"
                        workers[w].containers[c].crashLoopBackOffCached = backoff
                    }
                    noteError(w, expiry: reference + backoff)
                    continue
                }
                workers[w].containers[c].crashBackoff = crashPolicy.next(entry, eventTime: reference, now: cluster.now)
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
        finishSync(w)
    }

    func noteError(_ w: Int, expiry: SimulationTime) {
        workers[w].syncHadError = true
        if let earliest = workers[w].earliestExpiry, earliest <= expiry { return }
        workers[w].earliestExpiry = expiry
    }

    /// End of a sync: requeue (error ⇒ back-off period, else resync), or run the pending trigger.
    func finishSync(_ w: Int) {
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
    func createAndStart(_ w: Int, _ c: Int) {
        let container = spec(w, c)
        // Event texts changed twice (reference §10): "Created container X" → "Created container: X"
        // (≈1.32) → "Container created" (newest master, assumed 1.36).
        let created: String
        let started: String
        if version >= KubernetesVersion(minor: 36) {
            created = "Container created"
            started = "Container started"
        } else if version >= KubernetesVersion(minor: 32) {
            created = "Created container: \(container.name)"
            started = "Started container \(container.name)"
        } else {
            created = "Created container \(container.name)"
            started = "Started container \(container.name)"
        }
        event(w, .normal, "Created", created, container: c)
        event(w, .normal, "Started", started, container: c)
        let now = cluster.now
        var runtime = workers[w].containers[c]
        if let current = runtime.current { runtime.previous = current }
        runtime.current = nil
        runtime.instances += 1
        runtime.running = true
        runtime.stopping = false
        runtime.probeFailed = false
        runtime.startedAt = now
        workers[w].statusDirty = true
        runtime.cachedReason = nil
        runtime.cachedMessage = nil
        runtime.started = container.startupProbe == nil
        runtime.ready = false
        let behavior = runtime.behavior
        let run =
            behavior.runs.isEmpty
            ? ContainerBehavior.Run(duration: nil) : behavior.runs[min(runtime.instances - 1, behavior.runs.count - 1)]
        var exitAt = SimulationTime.distantFuture
        var exitCode = run.exitCode
        var reason = run.exitCode == 0 ? "Completed" : "Error"
        if let duration = run.duration { exitAt = now + .seconds(sample(duration)) }
        if let oom = oomTime(w, c, from: now), oom < exitAt {
            exitAt = oom
            exitCode = 137
            reason = "OOMKilled"
        }
        runtime.plannedExit = exitAt
        runtime.plannedExitCode = exitCode
        runtime.plannedExitReason = reason
        runtime.timers.removeAll()
        workers[w].containers[c] = runtime
        let instance = runtime.instances - 1
        if exitAt < .distantFuture {
            workers[w].containers[c].exitEvent = cluster.schedule(
                .kubelet(node, .containerExited(workers[w].pod, container: c, instance: instance)), at: exitAt)
        }
        if let probe = container.startupProbe {
            let after = behavior.startupAfter.map(sample) ?? 0
            let at = probeTick(start: now, probe: probe, notBefore: after)
            workers[w].containers[c].timers.append(
                cluster.schedule(
                    .kubelet(node, .containerStarted(workers[w].pod, container: c, instance: instance)), at: at))
        } else {
            scheduleReadiness(w, c)
        }
        if let probe = container.livenessProbe, let unhealthy = behavior.unhealthyAfter {
            let after = sample(unhealthy)
            let first = probeTick(start: now, probe: probe, notBefore: after)
            workers[w].containers[c].timers.append(
                cluster.schedule(
                    .kubelet(node, .livenessFailed(workers[w].pod, container: c, instance: instance, failures: 1)),
                    at: first))
        }
        updateVolumeRates(w)
        touchImage(container.image ?? "")
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
    func scheduleReadiness(_ w: Int, _ c: Int) {
        let runtime = workers[w].containers[c]
        let container = spec(w, c)
        let after = runtime.behavior.readyAfter.map(sample)
        guard let probe = container.readinessProbe else {
            if let after, after > 0 {
                workers[w].containers[c].timers.append(
                    cluster.schedule(
                        .kubelet(
                            node, .containerReady(workers[w].pod, container: c, instance: runtime.instances - 1)),
                        after: .seconds(after)))
            } else {
                workers[w].containers[c].ready = true
            }
            return
        }
        let at = probeTick(
            start: runtime.startedAt, probe: probe,
            notBefore: max(after ?? 0, (cluster.now - runtime.startedAt).seconds))
        workers[w].containers[c].timers.append(
            cluster.schedule(
                .kubelet(node, .containerReady(workers[w].pod, container: c, instance: runtime.instances - 1)), at: at))
    }

    /// A failing liveness tick: `Unhealthy`; at `failureThreshold` the result is published and
    /// the next sync kills and restarts the container; otherwise the next tick is scheduled.
    func livenessFailed(_ w: Int, _ c: Int, failures: Int) {
        let container = spec(w, c)
        guard let probe = container.livenessProbe else { return }
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
            workers[w].containers[c].probeFailed = true
            requestSync(w, after: .zero)
        } else {
            let instance = workers[w].containers[c].instances - 1
            workers[w].containers[c].timers.append(
                cluster.schedule(
                    .kubelet(
                        node,
                        .livenessFailed(workers[w].pod, container: c, instance: instance, failures: failures + 1)),
                    after: .seconds(probe.periodSeconds)))
        }
    }

    /// When the memory of container `c` (own growth plus its writes to memory-backed emptyDirs)
    /// reaches its memory limit.
    func oomTime(_ w: Int, _ c: Int, from start: SimulationTime) -> SimulationTime? {
        // A zero limit is no limit: the runtime only sets memory.max when it is non-zero
        // (k/k pkg/kubelet/kuberuntime/kuberuntime_container_linux.go calculateLinuxResources).
        guard let limit = spec(w, c).resources.limits[ResourceName.memory], limit.value > 0 else { return nil }
        let behavior = workers[w].containers[c].behavior
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
    func kill(_ w: Int, _ c: Int, grace: Int, message: String) {
        guard workers[w].containers[c].running, !workers[w].containers[c].stopping else { return }
        event(w, .normal, "Killing", message, container: c)
        workers[w].containers[c].stopping = true
        let now = cluster.now
        var remaining = max(0, grace)
        var termAt = now
        if remaining > 0, let hook = spec(w, c).lifecycle?.preStop {
            let hookSeconds = Self.hookDuration(hook)
            let elapsed = min(hookSeconds, Double(remaining))
            termAt = now + .seconds(elapsed)
            remaining -= Int(elapsed)  // executePreStopHook returns whole seconds
        }
        remaining = max(remaining, 2)
        let killAt = termAt + .seconds(remaining)
        let behavior = workers[w].containers[c].behavior
        var exitAt = killAt
        var code: Int32 = 137
        if let delay = behavior.terminationDelay {
            let graceful = termAt + .seconds(sample(delay))
            if graceful < killAt {
                exitAt = graceful
                code = behavior.terminationExitCode
            }
        }
        guard exitAt < workers[w].containers[c].plannedExit else { return }
        cluster.cancel(workers[w].containers[c].exitEvent)
        workers[w].containers[c].plannedExit = exitAt
        workers[w].containers[c].plannedExitCode = code
        workers[w].containers[c].plannedExitReason = code == 0 ? "Completed" : "Error"
        let instance = workers[w].containers[c].instances - 1
        workers[w].containers[c].exitEvent = cluster.schedule(
            .kubelet(node, .containerExited(workers[w].pod, container: c, instance: instance)), at: exitAt)
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
    func containerExited(_ w: Int, _ c: Int) {
        let now = cluster.now
        var runtime = workers[w].containers[c]
        runtime.running = false
        runtime.stopping = false
        runtime.ready = false
        runtime.probeFailed = false
        runtime.exitEvent = nil
        runtime.current = ContainerTermination(
            exitCode: runtime.plannedExitCode, reason: runtime.plannedExitReason, startedAt: runtime.startedAt,
            finishedAt: now)
        runtime.plannedExit = .distantFuture
        workers[w].statusDirty = true
        for timer in runtime.timers { cluster.cancel(timer) }
        runtime.timers.removeAll()
        workers[w].containers[c] = runtime
        updateVolumeRates(w)
        if workers[w].phase == .terminating {
            continueTermination(w)
            return
        }
        if workers[w].pending == .kills, !workers[w].killTargets.contains(where: { workers[w].containers[$0].running })
        {
            workers[w].pending = nil
            workers[w].killTargets = []
            if isDown { return }  // the kubelet died mid-sync; recovery resyncs
            runStarts(w)
            return
        }
        requestSync(w, after: plegDelay())
    }

    // MARK: - Termination

    /// Terminating (deletion, eviction, or all containers done): kill app containers in
    /// parallel, then sidecars in reverse order, then write the terminal phase.
    func beginTermination(_ w: Int, grace: Int, alreadyTerminal: Bool = false) {
        guard workers[w].phase == .syncing else { return }
        workers[w].phase = .terminating
        workers[w].statusDirty = true
        workers[w].pending = nil
        workers[w].killTargets = []
        cluster.cancel(workers[w].requeueEvent)
        workers[w].requeueEvent = nil
        workers[w].startQueue = []
        workers[w].gracePeriodSeconds = grace
        workers[w].terminationDeadline = cluster.now + .seconds(grace)
        if !alreadyTerminal { publishStatus(w) }
        for c in workers[w].initCount..<workers[w].containers.count where workers[w].containers[c].running {
            kill(w, c, grace: grace, message: "Stopping container \(workers[w].containers[c].name)")
        }
        continueTermination(w)
    }

    /// Next step of a termination: publish progress; once app containers are down, stop the
    /// last running sidecar; once everything is down, finish.
    func continueTermination(_ w: Int) {
        let worker = workers[w]
        let appRunning = (worker.initCount..<worker.containers.count).contains { worker.containers[$0].running }
        if !appRunning {
            // Regular init containers still running are stopped with the app containers.
            if let c = (0..<worker.initCount).reversed().first(where: { worker.containers[$0].running }) {
                if !worker.containers[c].stopping {
                    let deadline = worker.terminationDeadline ?? cluster.now
                    let remaining = max(0, Int(((deadline - cluster.now).seconds).rounded(.up)))
                    kill(w, c, grace: remaining, message: "Stopping container \(workers[w].containers[c].name)")
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
    func finishTermination(_ w: Int) {
        workers[w].phase = .terminated
        workers[w].statusDirty = true
        publishStatus(w, terminal: true)
        for v in workers[w].volumes.indices {
            workers[w].volumes[v].usage = 0
            workers[w].volumes[v].rate = 0
        }
        cluster.cancel(workers[w].evictionEvent)
        workers[w].evictionEvent = nil
        let object = cluster.api[workers[w].pod]
        if object.isTerminating && !object.isRemoved {
            cluster.removePod(workers[w].pod)
        }
        if cluster.api[workers[w].pod].isRemoved { cleanup(w) }
    }

    /// Forgets a removed pod (its emptyDirs are gone with it).
    func cleanup(_ w: Int) {
        for c in workers[w].containers.indices {
            cluster.cancel(workers[w].containers[c].exitEvent)
            for timer in workers[w].containers[c].timers { cluster.cancel(timer) }
            workers[w].containers[c].timers.removeAll()
        }
        cluster.cancel(workers[w].requeueEvent)
        workers[w].requeueEvent = nil
        workers[w].phase = .terminated
        workerIndex[workers[w].pod] = nil
    }
}
