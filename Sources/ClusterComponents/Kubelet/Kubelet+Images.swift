import KubeModel
import SimulationCore

/// The image manager (pkg/kubelet/images/image_manager.go `EnsureImageExists`), the node's
/// image cache, image GC (image_gc_manager.go) and `node.status.images` (nodestatus/setters.go).
extension Kubelet {
    /// Outcome of ensuring a container's image.
    enum ImageOutcome {
        /// Present (or `Never` and present): create now.
        case present
        /// A pull was queued; the sync waits.
        case pulling
        /// Back-off or a `Never` miss: the start failed with a cached reason.
        case failed
    }

    /// The `Pulled` event's message for an image already on the node (images/image_manager.go).
    static func imagePresentMessage(_ image: String) -> String {
        "Container image \"\(image)\" already present on machine"
    }

    func ensureImage(_ w: WorkerIndex, _ c: ContainerIndex) -> ImageOutcome {
        // From the container's runtime record: `spec(w, c)` copied the whole Container.
        let image = workers[w][c].image
        let pullPolicy = workers[w][c].imagePullPolicy
        let key = workers[w][c].imageKey
        let present = images[key] != nil
        if pullPolicy != .always && present {
            if let texts = restartEventTexts(w, c) {
                event(w, .normal, "Pulled", texts.pulled.message, container: c, digest: texts.pulled.digest)
            } else {
                event(w, .normal, "Pulled", Self.imagePresentMessage(image), container: c)
            }
            return .present
        }
        if pullPolicy == .never {
            let message = "Container image \"\(image)\" is not present with pull policy of Never"
            event(w, .warning, "ErrImageNeverPull", message, container: c)
            event(w, .warning, "Failed", "Error: ErrImageNeverPull", container: c)
            workers[w].cacheStartError(c, reason: "ErrImageNeverPull", message: message)
            workers[w].noteSyncError(expiry: cluster.now + .seconds(10))
            return .failed
        }
        let entry = workers[w][c].pullBackoff
        if BackoffPolicy.imagePull.isInBackOffSinceUpdate(entry, now: cluster.now) {
            let message = "Back-off pulling image \"\(image)\""
            event(w, .normal, "BackOff", message, container: c)
            event(w, .warning, "Failed", "Error: ImagePullBackOff", container: c)
            workers[w].cacheStartError(c, reason: "ImagePullBackOff", message: message)
            workers[w].noteSyncError(expiry: entry!.lastUpdate + entry!.backoff)
            return .failed
        }
        event(w, .normal, "Pulling", "Pulling image \"\(image)\"", container: c)
        let registryEntry = cluster.registry.entry(for: image)
        let failedSoFar = pullFailures[key] ?? 0
        var failure: String?
        if let failures = registryEntry?.failures, failedSoFar < failures {
            failure = registryEntry?.error ?? "manifest unknown"
        }
        if failure == nil, let outage = cluster.registry.outageError(for: image, at: cluster.now) { failure = outage }
        let size = cluster.registry.size(of: image)
        var latency = cluster.registry.latencySeconds
        if let distribution = registryEntry?.latency {
            latency = max(0, distribution.sample(using: &pullLatencySource))
        }
        let request = ImagePuller.Request(
            pod: workers[w].pod, container: c, image: image, sizeBytes: size, requestedAt: cluster.now,
            remaining: present ? 0 : Double(size), failure: failure, latency: .seconds(latency))
        puller.advance(to: cluster.now)
        puller.queue.append(request)
        puller.admit(now: cluster.now)
        reschedulePuller()
        return .pulling
    }

    func reschedulePuller() {
        puller.generation += 1
        cancel(pullerEvent)
        pullerEvent = nil
        if let next = puller.nextChange(now: cluster.now) {
            pullerEvent = schedule(.kubelet(node, .pullProgress(generation: puller.generation)), at: next)
        }
    }

    func pullerTick() {
        let now = cluster.now
        puller.advance(to: now)
        let done = puller.takeFinished(now: now)
        puller.admit(now: now)
        reschedulePuller()
        for request in done { pullFinished(request) }
    }

    /// A pull ended: cache the image, emit Pulled or Failed, and resume the waiting sync.
    func pullFinished(_ request: ImagePuller.Request) {
        let now = cluster.now
        let key = normalizedImage(request.image)
        if request.failure == nil {
            let firstSeen = images[key]?.firstSeen ?? now
            images[key] = CachedImage(sizeBytes: request.sizeBytes, firstSeen: firstSeen, lastUsed: now)
            publishImages()
            scheduleImageGCIfNeeded()
        } else {
            pullFailures[key, default: 0] += 1
        }
        guard let w = workers.index(of: request.pod), workers[w].pending == .pull(container: request.container) else {
            return
        }
        let c = request.container
        workers[w].pending = nil
        guard workers[w].phase == .syncing, !isDown else { return }  // the sync was abandoned
        if let error = request.failure {
            let message = "Failed to pull image \"\(request.image)\": \(error)"
            event(w, .warning, "Failed", message, container: c)
            let entry = BackoffPolicy.imagePull.next(workers[w][c].pullBackoff, eventTime: now, now: now)
            workers[w].setPullBackoff(c, entry)
            event(w, .warning, "Failed", "Error: ErrImagePull", container: c)
            workers[w].cacheStartError(c, reason: "ErrImagePull", message: message)
            workers[w].noteSyncError(expiry: now + entry.backoff)
        } else {
            // image_manager.go: durations truncated to milliseconds.
            let pull = GoDuration(nanoseconds: (now - request.startedAt).nanoseconds / 1_000_000 * 1_000_000)
            let total = GoDuration(nanoseconds: (now - request.requestedAt).nanoseconds / 1_000_000 * 1_000_000)
            event(
                w, .normal, "Pulled",
                "Successfully pulled image \"\(request.image)\" in \(pull) (\(total) including waiting). Image size: \(request.sizeBytes) bytes.",
                container: c)
            if isRealistic {
                beginContainerStart(w, c)
                return
            }
            createAndStart(w, c)
        }
        runStarts(w)
    }

    /// Marks an image used (LRU order of GC).
    func touchImage(_ image: String) {
        let key = normalizedImage(image)
        if images[key] != nil { images[key]!.lastUsed = cluster.now }
    }

    /// ``Kubelet/normalize(_:)`` of `image`, parsed once per kubelet (``normalizedImages``).
    func normalizedImage(_ image: String) -> String {
        if let known = normalizedImages[image] { return known }
        let key = Self.normalize(image)
        normalizedImages[image] = key
        return key
    }

    /// `node.status.images`: the `nodeStatusMaxImages` largest images (setters.go `Images`).
    func publishImages() {
        let entries = imageStatus()
        cluster.updateNode(node) { $0.node.status.images = entries }
    }

    /// The image list for `node.status.images`.
    func imageStatus() -> [ContainerImage] {
        var list = images.map { (name: $0.key, size: $0.value.sizeBytes) }
        list.sort { $0.size != $1.size ? $0.size > $1.size : $0.name < $1.name }
        if configuration.nodeStatusMaxImages >= 0 && list.count > configuration.nodeStatusMaxImages {
            list.removeLast(list.count - configuration.nodeStatusMaxImages)
        }
        return list.map { ContainerImage(names: [$0.name], sizeBytes: $0.size) }
    }

    /// Image filesystem capacity: configured, else the node's ephemeral-storage capacity.
    var imageFilesystemCapacity: Int64? {
        if let bytes = configuration.imageFilesystemCapacityBytes { return bytes }
        return cluster.api[node].node.status.capacity[ResourceName.ephemeralStorage]?.value
    }

    var imageUsage: Int64 { images.values.reduce(0) { $0 + $1.sizeBytes } }

    /// Schedules the next 5-min GC tick (kubelet.go `ImageGCPeriod`) when usage ≥ the high threshold.
    func scheduleImageGCIfNeeded() {
        guard !imageGCScheduled, let capacity = imageFilesystemCapacity, capacity > 0 else { return }
        guard imageUsage * 100 >= capacity * Int64(configuration.imageGCHighThresholdPercent) else { return }
        let period: Int64 = 300_000_000_000
        let since = (cluster.now - cluster.api[node].createdAt).nanoseconds
        let next = cluster.api[node].createdAt + SimulationDuration(nanoseconds: (since / period + 1) * period)
        imageGCScheduled = true
        schedule(.kubelet(node, .imageGarbageCollection), at: next)
    }

    /// Deletes unused images older than `imageMinimumGCAge`, least recently used first, until
    /// usage ≤ the low threshold.
    func garbageCollectImages() {
        guard let capacity = imageFilesystemCapacity, capacity > 0 else { return }
        guard imageUsage * 100 >= capacity * Int64(configuration.imageGCHighThresholdPercent) else { return }
        var inUse = Set<String>()
        for worker in workers where worker.phase != .terminated && !worker.isForgotten {
            let podSpec = cluster.api[worker.pod].pod.spec
            for container in podSpec.allContainers { inUse.insert(Self.normalize(container.image ?? "")) }
        }
        let minimumAge = SimulationDuration.seconds(configuration.imageMinimumGCAgeSeconds)
        var candidates = images.filter { !inUse.contains($0.key) && cluster.now - $0.value.firstSeen >= minimumAge }
            .map { (name: $0.key, lastUsed: $0.value.lastUsed) }
        candidates.sort { $0.lastUsed != $1.lastUsed ? $0.lastUsed < $1.lastUsed : $0.name < $1.name }
        let target = capacity * Int64(configuration.imageGCLowThresholdPercent) / 100
        var usage = imageUsage
        var removed = false
        for candidate in candidates where usage > target {
            usage -= images[candidate.name]?.sizeBytes ?? 0
            images[candidate.name] = nil
            removed = true
        }
        if removed { publishImages() }
        scheduleImageGCIfNeeded()
    }
}
