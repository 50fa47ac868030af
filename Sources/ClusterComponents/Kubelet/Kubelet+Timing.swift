import KubeModel
import SimulationCore

/// Realistic timing in the kubelet: the status manager's writes through the kubelet's API
/// client rate limiter, the pod sandbox, container create and start, and the on-demand PLEG
/// relist. Under ideal timing none of this runs. Every wait is computed when the work is
/// queued, so each costs one engine event at most.
extension Kubelet {
    // MARK: - Status manager

    /// Queues a write of the worker's latest generated status. The status manager
    /// (pkg/kubelet/status/status_manager.go) is one goroutine that syncs pods one after the
    /// other; each `syncPod` does a GET of the pod and a PATCH of its status, each through the
    /// kubelet's client rate limiter (`kubeAPIQPS`/`kubeAPIBurst`) and each an API request. A
    /// newer status generated before the write goes out replaces the queued one (the status
    /// manager always sends the latest), so under throttling syncs coalesce. Observers see the
    /// status after the watch delay.
    func queueStatusWrite(_ w: Int) {
        guard workers[w].statusWriteEvent == nil else { return }
        let start = max(cluster.now, statusManagerFreeAt)
        let get = apiLimiter.reserve(at: start)
        let getDone = get + RealisticTiming.draw(timing.apiRequestLatency, &random)
        let patch = apiLimiter.reserve(at: getDone)
        let patchDone = patch + RealisticTiming.draw(timing.apiRequestLatency, &random)
        statusManagerFreeAt = patchDone
        let visible = patchDone + RealisticTiming.draw(timing.watchDelay, &random)
        workers[w].statusWriteEvent = cluster.schedule(.kubelet(node, .statusWrite(workers[w].pod)), at: visible)
    }

    /// Drops a queued write (a terminating or terminal status supersedes it).
    func cancelStatusWrite(_ w: Int) {
        guard let event = workers[w].statusWriteEvent else { return }
        cluster.cancel(event)
        workers[w].statusWriteEvent = nil
        workers[w].pendingStatus = nil
    }

    /// The queued write lands.
    func statusWriteDue(_ w: Int) {
        workers[w].statusWriteEvent = nil
        guard let generated = workers[w].pendingStatus else { return }
        workers[w].pendingStatus = nil
        // A kubelet that went down meanwhile never sent it; recovery resyncs (and republishes).
        guard !isDown, workers[w].phase == .syncing else { return }
        writeStatus(w, generated)
    }

    // MARK: - Sandbox

    /// The first sync found no sandbox: mount volumes (the ServiceAccount admission plugin gives
    /// every pod a projected `kube-api-access` volume whose token the kubelet requests, one
    /// TokenRequest through its rate limiter: pkg/kubelet/token/token_manager.go), then
    /// `RunPodSandbox` with network setup. The sync resumes in ``sandboxCreated(_:)``.
    func createSandbox(_ w: Int) {
        let token = apiLimiter.reserve(at: cluster.now)
        let mounted = token + RealisticTiming.draw(timing.apiRequestLatency, &random)
        let ready = mounted + RealisticTiming.draw(timing.podSandboxSetup, &random)
        workers[w].pending = .sandbox
        cluster.schedule(.kubelet(node, .sandboxCreated(workers[w].pod)), at: ready)
    }

    /// The sandbox is up: the suspended sync goes on with its actions.
    func sandboxCreated(_ w: Int) {
        guard workers[w].pending == .sandbox, workers[w].phase == .syncing else { return }
        workers[w].pending = nil
        if isDown { return }  // the kubelet died mid-sync; recovery resyncs
        syncActions(w)
    }

    // MARK: - Containers

    /// `CreateContainer` then `StartContainer` (kuberuntime_container.go `startContainer`); the
    /// sync resumes in ``containerStartDone(_:_:)`` with the container running.
    func beginContainerStart(_ w: Int, _ c: Int) {
        let cost =
            RealisticTiming.draw(timing.containerCreate, &random) + RealisticTiming.draw(timing.containerStart, &random)
        workers[w].pending = .start(container: c)
        cluster.schedule(.kubelet(node, .containerStartDone(workers[w].pod, container: c)), after: cost)
    }

    /// The runtime returned from `StartContainer`: record the start, go on with the next start.
    func containerStartDone(_ w: Int, _ c: Int) {
        guard workers[w].pending == .start(container: c), workers[w].phase == .syncing else { return }
        workers[w].pending = nil
        if isDown { return }
        createAndStart(w, c)
        runStarts(w)
    }

    /// The delay until the kubelet sees the container it just started: with the on-demand
    /// per-pod relist (1.36+, k/k PR 137362: `SyncPod` that acted requests a relist of the pod
    /// when it returns) at once; before, the next global relist tick (``plegDelay()``).
    func postStartDelay() -> SimulationDuration {
        isRealistic && onDemandRelist ? .zero : plegDelay()
    }
}
