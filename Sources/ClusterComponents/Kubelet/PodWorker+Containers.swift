import KubeModel
import SimulationCore

/// A pod worker's containers: reading one, and every change the kubelet makes to one, named
/// after what the kubelet does (the runtime's container lifecycle, the prober's results, the
/// reason cache and the back-off entries of kuberuntime_manager.go). The kubelet changes a
/// container only through these methods, so each rule about its state is written once.
extension PodWorker {
    // MARK: - Reading

    /// Container `c`'s runtime state, read in place.
    subscript(c: ContainerIndex) -> ContainerRuntime {
        _read { yield containers[c.value] }
    }

    /// The init containers (sidecars among them), in spec order.
    var initContainers: Range<ContainerIndex> { ContainerIndex(0)..<ContainerIndex(initCount) }
    /// The app containers (`spec.containers`), in spec order.
    var appContainers: Range<ContainerIndex> { ContainerIndex(initCount)..<ContainerIndex(containers.count) }
    /// Every container: init, then app.
    var allContainers: Range<ContainerIndex> { ContainerIndex(0)..<ContainerIndex(containers.count) }

    /// Whether a timer scheduled for `instance` of container `c` still concerns it: that
    /// instance is the current one and still runs. A timer that outlived its instance (the
    /// container exited or restarted since) is stale and ignored.
    func isRunning(_ c: ContainerIndex, instance: Int) -> Bool {
        containers[c.value].instances == instance + 1 && containers[c.value].running
    }

    // MARK: - Container lifecycle (kuberuntime_container.go)

    /// `startContainer`: a new instance of `c` starts at `now`. The previous termination moves to
    /// `lastState`, the reason cache entry is cleared (a successful start), the instance's
    /// probes start over (started at once when it has no startup probe), and the timers of the
    /// previous instance are dropped (its exit cancelled them).
    /// - Returns: the behaviour's run for this instance (the last run repeats; no run: runs forever).
    mutating func startInstance(
        _ c: ContainerIndex, at now: SimulationTime, hasStartupProbe: Bool
    )
        -> ContainerBehavior.Run
    {
        let i = c.value
        if let current = containers[i].current { containers[i].previous = current }
        containers[i].current = nil
        containers[i].instances += 1
        containers[i].running = true
        containers[i].stopping = false
        containers[i].probeFailed = false
        containers[i].startedAt = now
        statusDirty = true
        containers[i].cachedReason = nil
        containers[i].cachedMessage = nil
        containers[i].started = !hasStartupProbe
        containers[i].ready = false
        containers[i].timers.removeAll()
        let runs = containers[i].behavior.runs
        return runs.isEmpty
            ? ContainerBehavior.Run(duration: nil) : runs[min(containers[i].instances - 1, runs.count - 1)]
    }

    /// The current instance of `c` will exit at `time` with `code` and `reason` (its
    /// behaviour's run, an OOM kill, or the end of a kill's grace), unless it is killed earlier.
    mutating func planExit(_ c: ContainerIndex, at time: SimulationTime, code: Int32, reason: String) {
        containers[c.value].plannedExit = time
        containers[c.value].plannedExitCode = code
        containers[c.value].plannedExitReason = reason
    }

    /// The engine event of the planned exit (cancelled when a kill brings the exit forward).
    mutating func setExitTimer(_ c: ContainerIndex, _ event: EventID) { containers[c.value].exitEvent = event }

    /// A timer of the current instance (readiness, startup, liveness), cancelled when it exits.
    mutating func addInstanceTimer(_ c: ContainerIndex, _ event: EventID) { containers[c.value].timers.append(event) }

    /// `killContainer` began for `c` (the `Killing` event was sent): a second kill is a no-op.
    mutating func beginStopping(_ c: ContainerIndex) { containers[c.value].stopping = true }

    /// The current instance of `c` exited at `now`: its planned termination becomes the current
    /// state, and its timers are dropped (the caller cancels them first).
    mutating func recordExit(_ c: ContainerIndex, at now: SimulationTime) {
        let i = c.value
        containers[i].running = false
        containers[i].stopping = false
        containers[i].ready = false
        containers[i].probeFailed = false
        containers[i].exitEvent = nil
        containers[i].current = ContainerTermination(
            exitCode: containers[i].plannedExitCode, reason: containers[i].plannedExitReason,
            startedAt: containers[i].startedAt, finishedAt: now)
        containers[i].plannedExit = .distantFuture
        statusDirty = true
        containers[i].timers.removeAll()
    }

    /// The pod was removed: `c`'s timers are dropped (the caller cancels them first).
    mutating func dropTimers(_ c: ContainerIndex) { containers[c.value].timers.removeAll() }

    // MARK: - Prober results (prober/worker.go → the status manager and the next sync)

    /// The readiness probe of `c`'s current instance passed.
    mutating func markReady(_ c: ContainerIndex) {
        containers[c.value].ready = true
        statusDirty = true
    }

    /// The startup probe of `c`'s current instance passed.
    mutating func markStarted(_ c: ContainerIndex) {
        containers[c.value].started = true
        statusDirty = true
    }

    /// The readiness of `c` without a readiness probe (or with no delay): ready at once.
    mutating func markReadyWithoutProbe(_ c: ContainerIndex) { containers[c.value].ready = true }

    /// A liveness or startup probe of `c` reached its failure threshold: the next sync kills and
    /// restarts it (`computePodActions`).
    mutating func markProbeFailed(_ c: ContainerIndex) { containers[c.value].probeFailed = true }

    // MARK: - Reason cache and back-off (kuberuntime_manager.go, reason_cache.go)

    /// `reasonCache.Update`: a start of `c` failed (`ErrImagePull`, `ImagePullBackOff`,
    /// `ErrImageNeverPull`); the next status shows it waiting with this reason.
    mutating func cacheStartError(_ c: ContainerIndex, reason: String, message: String) {
        statusDirty = true
        containers[c.value].cachedReason = reason
        containers[c.value].cachedMessage = message
    }

    /// `doBackOff` blocked a start of `c` with `backoff`: the reason cache says
    /// `CrashLoopBackOff` with "back-off 10s restarting failed container=… pod=…". It changes only
    /// when the back-off does, so a blocked sync that finds it unchanged (most of a crash loop's
    /// syncs) leaves the status clean and builds no message.
    mutating func cacheCrashLoopBackOff(
        _ c: ContainerIndex, backoff: SimulationDuration, describePod: () -> String
    ) {
        let i = c.value
        guard containers[i].cachedReason != "CrashLoopBackOff" || containers[i].crashLoopBackOffCached != backoff
        else { return }
        statusDirty = true
        containers[i].cachedReason = "CrashLoopBackOff"
        let pod = podDescription(describePod)
        containers[i].cachedMessage =
            "back-off \(GoDuration(nanoseconds: backoff.nanoseconds)) restarting failed container=\(containers[i].name) pod=\(pod)"
        containers[i].crashLoopBackOffCached = backoff
    }

    /// The crash-loop back-off of `c` after `Backoff.Next` (a start that was not blocked).
    mutating func setCrashBackoff(_ c: ContainerIndex, _ entry: BackoffEntry) {
        containers[c.value].crashBackoff = entry
    }

    /// The image-pull back-off of `c` after `Backoff.Next` (a failed pull).
    mutating func setPullBackoff(_ c: ContainerIndex, _ entry: BackoffEntry) { containers[c.value].pullBackoff = entry }

    /// The kubelet restarted: the back-off entries and the reason cache lived only in its memory
    /// (KEP-4603: "kubelet does not cache the backoff object"), and the status is republished.
    mutating func forgetInMemoryState() {
        for i in containers.indices {
            containers[i].crashBackoff = nil
            containers[i].pullBackoff = nil
            containers[i].cachedReason = nil
            containers[i].cachedMessage = nil
        }
        statusDirty = true
    }

    // MARK: - Event texts built once per container

    /// The `involvedObject.fieldPath` of `c`'s events (`spec.containers{name}` or
    /// `spec.initContainers{name}`), built on first use: a crash loop's blocked syncs send a
    /// `BackOff` event every 10 s and should not each build the string again.
    mutating func eventFieldPath(of c: ContainerIndex) -> String {
        let i = c.value
        if let cached = containers[i].eventFieldPath { return cached }
        let name = containers[i].name
        let path = containers[i].isInit ? "spec.initContainers{\(name)}" : "spec.containers{\(name)}"
        containers[i].eventFieldPath = path
        return path
    }

    /// The aggregation digest of the `BackOff` event's message for `c` (kuberuntime_manager.go
    /// `doBackOff`), building the message on first use; from 1.24 (`namesPod`) it names the
    /// container and the pod. Later calls read the digest alone, not the message's string.
    mutating func backOffEventDigest(of c: ContainerIndex, namesPod: Bool, describePod: () -> String) -> UInt64 {
        let i = c.value
        // The digest alone, read in the buffer: `containers[i].backOffEvent?.digest` copied the
        // whole container record out (its strings retained) on every blocked sync.
        if let digest = containers.withUnsafeBufferPointer({ $0[i].backOffEvent?.digest }) { return digest }
        let text = EventText(
            namesPod
                ? "Back-off restarting failed container \(containers[i].name) in pod \(podDescription(describePod))"
                : "Back-off restarting failed container")
        containers[i].backOffEvent = text
        return text.digest
    }

    /// Keeps the texts of the events a restart of `c` repeats (``ContainerRuntime/restartEventTexts``).
    mutating func keepRestartEventTexts(_ texts: RestartEventTexts, of c: ContainerIndex) {
        containers[c.value].restartEventTexts = HeapBox(wrappedValue: texts)
    }

    /// `<name>_<namespace>(<uid>)` (the kubelet's `format.Pod`), from `describePod` the first
    /// time a message needs it, then kept in ``description``.
    mutating func podDescription(_ describePod: () -> String) -> String {
        if let description { return description }
        let text = describePod()
        description = text
        return text
    }

    /// The `BackOff` event's message for `c`, built by ``backOffEventDigest(of:namesPod:)``.
    func backOffEventMessage(of c: ContainerIndex) -> String { containers[c.value].backOffEvent?.message ?? "" }
}
