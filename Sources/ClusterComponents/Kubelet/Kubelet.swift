import DequeModule
import KubeModel
import SimulationCore
import Stochastics

/// The kubelet of one node: pod workers, the container runtime driven by behaviours,
/// CrashLoopBackOff and image-pull back-off, probes, the image manager, emptyDir volumes and
/// their eviction.
///
/// Modelled on pkg/kubelet (kubelet.go `SyncPod`, pod_workers.go `completeWork`,
/// kuberuntime_manager.go `computePodActions`/`doBackOff`). A sync first publishes the status
/// built from the runtime snapshot and the reason cache of the previous sync, then acts, then
/// stores this sync's start errors in the reason cache (reference §1.5, Appendix A). Timers are
/// lazy: one engine event per container exit, probe outcome, pull completion or eviction.
public final class Kubelet: ClusterComponent {
    // The stored properties every event reads come first, the rest after: at 5,000 nodes a
    // kubelet is out of cache when its next event comes, and the fields a crash loop's blocked
    // sync read were spread over five of the object's lines.

    /// The owning cluster. `unowned(unsafe)`: the cluster creates this component, holds it for
    /// its whole life and is the only caller, so the reference never dangles; the checked
    /// `unowned` cost a strong retain and release on every access (7% of an envelope run).
    unowned(unsafe) let cluster: Cluster
    /// The node this kubelet runs.
    public let node: NodeID
    /// Kubelet process down (node failure): no syncs, no status writes.
    public private(set) var isDown = false
    /// `timing: realistic`, read once: asked on every pod start and status write.
    let isRealistic: Bool
    /// This kubelet's event recorder's index in the cluster's ``EventCorrelator`` (its spam
    /// filter and aggregation caches), looked up at its first event and kept, as a kubelet
    /// keeps its one `EventRecorder`: the lookup hashed the component and host names each time.
    var eventSource: Int?
    /// Pod workers, in arrival order, and the lookup from a pod to its worker.
    var workers = PodWorkers()
    /// Crash-loop back-off parameters for this version and configuration.
    let crashPolicy: BackoffPolicy
    /// Model R draws.
    var random: RandomSource
    /// Blocked syncs repeated by ``repeatBlockedSync(_:)`` (for tests).
    var repeatedBlockedSyncs = 0
    /// The status manager: pods waiting for a status sync, the pod in flight and its step.
    var statusQueue = Deque<WorkerIndex>()
    var statusCurrent = WorkerIndex(0)
    var statusStep = StatusManagerStep.idle
    /// Realistic timing: the client rate limiter (`kubeAPIQPS`/`kubeAPIBurst`).
    var apiLimiter: APIClientRateLimiter

    /// The node's address for `status.hostIP` and `Node: name/ip`, formatted once (every status
    /// write sets it).
    let hostAddress: String
    /// The node's name (`spec.nodeName` of its pods, the `host` of its events), read once: the
    /// name never changes, and reading it through the API store copied the whole node object
    /// on every event.
    let hostName: String
    let configuration: KubeletConfiguration
    /// The image cache, by normalized reference.
    var images: [String: CachedImage] = [:]
    /// Failed pulls so far per image (the registry's `failures` count).
    var pullFailures: [String: Int] = [:]
    /// Image references as written in specs, and their normalized form (``normalize(_:)``): a
    /// node sees a handful of distinct images, and each container start looks its image up
    /// twice, so parsing each reference once saves a parse (about 3,000 instructions) per lookup.
    var normalizedImages: [String: String] = [:]
    var puller: ImagePuller
    var pullerEvent: EventID?
    var imageGCScheduled = false
    /// Registry round trips of images whose catalogue entry gives a `latency` distribution.
    var pullLatencySource: RandomSource
    var podIPCounter = 0
    /// The behaviours given to this node's containers, each boxed once.
    var behaviors = SharedBehaviors()
    /// Realistic timing: the costs, and whether the release relists a pod on demand.
    let timing: RealisticTiming
    let onDemandRelist: Bool
    /// The container listings of the last conditions written (``KubeletConditions``).
    var listingMessages = ListingMessages()

    init(cluster: Cluster, node: NodeID, configuration: KubeletConfiguration, preloadedImages: [String]) {
        self.cluster = cluster
        self.node = node
        self.hostAddress = node.internalIP
        self.configuration = configuration
        self.crashPolicy = BackoffPolicy.crashLoop(
            version: cluster.configuration.kubernetesVersion, configuration: configuration)
        let name = cluster.api[node].name
        self.hostName = name
        self.random = cluster.streams.stream(named: "kubelet/\(name)")
        self.pullLatencySource = cluster.streams.stream(named: "kubelet/\(name)/pull-latency")
        let version = cluster.configuration.kubernetesVersion
        self.timing = cluster.configuration.realisticTiming
        self.apiLimiter = APIClientRateLimiter(
            qps: configuration.kubeAPIQPS ?? APIClientDefaults.kubeletQPS(version),
            burst: configuration.kubeAPIBurst ?? APIClientDefaults.kubeletBurst(version))
        self.onDemandRelist = version >= APIClientDefaults.onDemandRelist
        self.isRealistic = cluster.configuration.timing == .realistic
        let parallel = configuration.serializeImagePulls ? 1 : max(1, configuration.maxParallelImagePulls)
        self.puller = ImagePuller(slots: parallel, bandwidth: configuration.pullBandwidthBytesPerSecond)
        // Images the node manifest lists are in the cache too (a pre-pulled node image).
        for entry in cluster.api[node].node.status.images ?? [] {
            guard let name = entry.names?.first(where: { !$0.contains("@") }) ?? entry.names?.first else { continue }
            images[Self.normalize(name)] = CachedImage(
                sizeBytes: entry.sizeBytes ?? cluster.registry.size(of: name), firstSeen: cluster.now,
                lastUsed: cluster.now)
        }
        for image in preloadedImages where images[Self.normalize(image)] == nil {
            images[Self.normalize(image)] = CachedImage(
                sizeBytes: cluster.registry.size(of: image), firstSeen: cluster.now, lastUsed: cluster.now)
        }
        // The node is being added: write node.status.images without notifying watchers, who
        // learn about the node (with its images) from addNode.
        if !images.isEmpty { cluster.api.nodes[node.value].node.status.images = imageStatus() }
    }

    var version: KubernetesVersion { cluster.configuration.kubernetesVersion }

    // MARK: - Hooks from the API server

    /// The scheduler bound a pod to this node: start its worker (pod add from the watch).
    func podBound(_ pod: PodID) {
        let object = cluster.api[pod]
        var containers: [ContainerRuntime] = []
        func add(_ container: Container, isInit: Bool, index: Int) {
            let image = container.image ?? ""
            let ref = ContainerRef(isInit: isInit, index: index, name: container.name, image: image)
            containers.append(
                ContainerRuntime(
                    isInit: isInit, index: index, isSidecar: isInit && container.isSidecar, name: container.name,
                    image: image, imagePullPolicy: container.imagePullPolicy, imageKey: normalizedImage(image),
                    restartPolicy: container.restartPolicy, restartRules: container.restartPolicyRules ?? [],
                    sharedBehavior: behaviors.box(behavior(for: object, ref, container))))
        }
        let inits = object.pod.spec.initContainers ?? []
        for (i, container) in inits.enumerated() { add(container, isInit: true, index: i) }
        for (i, container) in object.pod.spec.containers.enumerated() { add(container, isInit: false, index: i) }
        podIPCounter += 1
        var worker = PodWorker(
            pod: pod, containers: containers, initCount: inits.count, restartPolicy: object.pod.spec.restartPolicy,
            hasReadinessGates: !(object.pod.spec.readinessGates ?? []).isEmpty,
            podIP: "10.244.\(node.value % 256).\(podIPCounter % 254 + 1)")
        worker.volumes = (object.pod.spec.volumes ?? []).compactMap { volume in
            guard let emptyDir = volume.emptyDir else { return nil }
            let limit = emptyDir.sizeLimit.map { $0.value }
            return EmptyDirVolume(
                name: volume.name, sizeLimit: limit, sizeLimitText: emptyDir.sizeLimit?.description ?? "",
                isMemory: emptyDir.medium == "Memory", updatedAt: cluster.now)
        }
        let w = workers.add(worker)
        // Realistic: the binding reaches the pod worker through the watch and the syncLoop.
        requestSync(
            w,
            after: isRealistic ? RealisticTiming.draw(timing.podWorkerStartDelay, &random) : .zero)
    }

    /// The API server set the pod's deletionTimestamp: terminate with the deletion grace.
    func podDeletionRequested(_ pod: PodID, gracePeriodSeconds: Int, reason: DeletionReason) {
        guard let w = workers.index(of: pod) else { return }
        workers[w].blockedStart = nil
        workers[w].gracePeriodSeconds = gracePeriodSeconds
        if isDown { return }
        beginTermination(w, grace: gracePeriodSeconds)
    }

    /// The kubelet process restarts: in-memory back-off state and the reason cache are lost
    /// (KEP-4603: "kubelet does not cache the backoff object"); every pod is re-synced.
    public func restart() {
        for w in workers.indices { workers[w].forgetInMemoryState() }
        isDown = false
        resyncAll()
    }

    /// The node fails: containers keep running (and exiting), but the kubelet neither syncs
    /// nor writes status until ``nodeRecovered()``.
    public func nodeFailed() { isDown = true }

    /// The node is back: every pod is synced (deletions requested meanwhile are honoured).
    public func nodeRecovered() {
        isDown = false
        resyncAll()
    }

    func resyncAll() {
        for w in workers.indices where workers[w].phase != .terminated {
            workers[w].statusDirty = true  // others (node lifecycle) may have written meanwhile
            let object = cluster.api[workers[w].pod]
            if object.isTerminating && workers[w].phase == .syncing {
                beginTermination(w, grace: object.deletionGracePeriodSeconds ?? workers[w].gracePeriodSeconds)
            } else {
                requestSync(w, after: .zero)
            }
        }
    }

    // MARK: - Events

    func handle(_ event: KubeletEvent) {
        if let w = event.otherThanRequeue { workers[w].blockedStart = nil }
        switch event {
        case .syncPod(let w):
            guard workers.isTracked(w) else { return }
            workers[w].requeueEvent = nil
            if repeatBlockedSync(w) { return }
            sync(w)
        case .containerExited(let w, let c, let instance):
            guard workers.isTracked(w), workers[w].isRunning(c, instance: instance) else { return }
            containerExited(w, c)
        case .containerReady(let w, let c, let instance):
            guard workers.isTracked(w), workers[w].isRunning(c, instance: instance) else { return }
            workers[w].markReady(c)
            probeResultChanged(w)
        case .containerStarted(let w, let c, let instance):
            guard workers.isTracked(w), workers[w].isRunning(c, instance: instance) else { return }
            workers[w].markStarted(c)
            scheduleReadiness(w, c)
            probeResultChanged(w)
        case .livenessFailed(let w, let c, let instance, let failures):
            guard !isDown, workers.isTracked(w), workers[w].isRunning(c, instance: instance) else { return }
            livenessFailed(w, c, failures: failures)
        case .pullProgress(let generation):
            guard generation == puller.generation else { return }
            pullerTick()
        case .evictionCheck(let w):
            guard workers.isTracked(w) else { return }
            workers[w].evictionEvent = nil
            evictionCheck(w)
        case .imageGarbageCollection:
            imageGCScheduled = false
            garbageCollectImages()
        case .statusManagerStep:
            statusManagerStep()
        case .sandboxCreated(let w):
            guard workers.isTracked(w) else { return }
            sandboxCreated(w)
        case .containerStartDone(let w, let c):
            guard workers.isTracked(w) else { return }
            containerStartDone(w, c)
        }
    }

    /// A readiness/startup result changed: the probe manager triggers a sync.
    func probeResultChanged(_ w: WorkerIndex) { requestSync(w, after: .zero) }

    // MARK: - Work queue

    /// Enqueues a sync of worker `w` after `delay` (keeps an earlier pending one); a trigger
    /// during a suspended sync marks it pending instead.
    func requestSync(_ w: WorkerIndex, after delay: SimulationDuration) {
        if workers[w].pending != nil {
            workers[w].pendingSync = true
            return
        }
        let due = cluster.now + delay
        if let existing = workers[w].requeueEvent {
            if workers[w].requeueDue <= due { return }
            cancel(existing)
        }
        workers[w].requeueDue = due
        workers[w].requeueEvent = schedule(.kubelet(node, .syncPod(w)), at: due)
    }

    /// The delay until a PLEG relist notices a container change: 0 under Model Z; the next
    /// 1-s relist tick under Model R (kubelet.go `genericPlegRelistPeriod`).
    func plegDelay() -> SimulationDuration {
        guard isRealistic else { return .zero }
        let second: Int64 = 1_000_000_000
        let now = cluster.now.nanoseconds
        return SimulationDuration(nanoseconds: (now / second + 1) * second - now)
    }

    /// Requeue after a sync that hit an error (pod_workers.go `completeWork`): ≤1.34 `backOffPeriod`
    /// 10 s × jitter U[1, 1.5); 1.35+ (k/k#133066) the earliest back-off expiry, clamped to
    /// [0, 60 s], then jittered. Model Z drops the jitter; Model R rounds up to the 1-s sync ticker.
    func errorRequeueDelay(expiry: SimulationTime?) -> SimulationDuration {
        var base = SimulationDuration.seconds(10)
        if version >= KubernetesVersion(minor: 35), let expiry {
            let remaining = expiry - cluster.now
            base = max(.zero, min(remaining, .seconds(60)))
        }
        guard isRealistic else { return base }
        let jittered = SimulationDuration.seconds(base.seconds * (1 + 0.5 * random.uniform()))
        return roundToTicker(jittered)
    }

    func roundToTicker(_ delay: SimulationDuration) -> SimulationDuration {
        let second: Int64 = 1_000_000_000
        let due = (cluster.now + delay).nanoseconds
        let rounded = (due + second - 1) / second * second
        return SimulationDuration(nanoseconds: rounded - cluster.now.nanoseconds)
    }

    // MARK: - Events to the record stream

    /// Records an event about worker `w`'s pod (and container `c`) from this kubelet's recorder;
    /// `digest` is the message's ``EventMessageAggregator/digest(_:)`` when the caller keeps it.
    func event(
        _ w: WorkerIndex, _ type: EventType, _ reason: String, _ message: @autoclosure () -> String,
        container c: ContainerIndex? = nil, digest: UInt64? = nil
    ) {
        // A copy, not `&workers[w].eventHints`: sinks run inside the call and may read workers.
        var hints = workers[w].eventHints
        // The message (with a digest) and the field path are read only if the event is emitted.
        let pod = workers[w].pod
        withCluster { cluster in
            cluster.recordEvent(
                type, reason, message(), pod: pod, fieldPath: c.map { workers[w].eventFieldPath(of: $0) },
                component: "kubelet", host: hostName, source: &eventSource, hints: &hints, digest: digest)
        }
        workers[w].eventHints = hints
    }

    /// The value of `body` on the container spec of container `c` of worker `w`, read in place:
    /// a `Container` copied out (``spec(_:_:)``) retains and releases each of its dozen
    /// references, three times for every container start.
    func readSpec<R>(_ w: WorkerIndex, _ c: ContainerIndex, _ body: (borrowing Container) -> R) -> R {
        let index = workers[w][c].index
        let pod = workers[w].pod.value
        let isInit = workers[w][c].isInit
        // Through the buffer: `api.pods[pod]` copied the whole PodObject (a retain and a release
        // of each of its fields) to read one container.
        return cluster.api.pods.withUnsafeBufferPointer { pods in
            isInit ? body(pods[pod].pod.spec.initContainers![index]) : body(pods[pod].pod.spec.containers[index])
        }
    }

    /// The container spec of container `c` of worker `w` (a copy: ``readSpec(_:_:_:)`` reads
    /// fields in place).
    func spec(_ w: WorkerIndex, _ c: ContainerIndex) -> Container { readSpec(w, c) { copy $0 } }

    // MARK: - Behaviours

    func behavior(for object: PodObject, _ ref: ContainerRef, _ container: Container) -> ContainerBehavior {
        let given = cluster.behaviorProvider(object, ref)
        guard given == .default else { return given }
        return Self.behaviorFromCommand(container) ?? given
    }

    /// Reads `sleep N` / `exit N` from the command line, a convenience when no behaviour
    /// matches: the whole command must be just that (optionally behind `sh -c`); loops and
    /// pipelines (`while true; do …; sleep 1; done`) are not guessed at and run forever.
    static func behaviorFromCommand(_ container: Container) -> ContainerBehavior? {
        var words = ((container.command ?? []) + (container.args ?? [])).flatMap {
            $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        }
        if words.count >= 2, ["sh", "/bin/sh", "bash", "/bin/bash"].contains(words[0]), words[1] == "-c" {
            words.removeFirst(2)
        }
        let quotes: Set<Character> = ["\"", "'"]
        words = words.map {
            String($0.drop(while: { quotes.contains($0) }).reversed().drop(while: { quotes.contains($0) }).reversed())
        }
        guard words.count == 2 else { return nil }
        switch words[0] {
        case "sleep", "/bin/sleep":
            guard let seconds = Double(words[1]), seconds.isFinite, seconds >= 0 else { return nil }
            var behavior = ContainerBehavior(runs: [.init(duration: .constant(seconds), exitCode: 0)])
            behavior.terminationDelay = nil  // a shell running sleep as PID 1 ignores SIGTERM
            return behavior
        case "exit":
            guard let code = Int32(words[1]), (0...255).contains(code) else { return nil }
            return ContainerBehavior(runs: [.init(duration: .constant(0), exitCode: code)])
        default:
            return nil
        }
    }

    func sample(_ distribution: Distribution) -> Double { max(0, distribution.sample(using: &random)) }

    static func normalize(_ image: String) -> String {
        ImageReference(image).withDefaultTag  // image_manager.go applyDefaultImageTag
    }
}
