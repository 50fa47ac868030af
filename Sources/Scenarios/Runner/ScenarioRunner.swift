import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Stochastics

/// Turns a ``ScenarioInput`` into a running ``Cluster``: nodes from the pools (or Node
/// manifests), the registry catalogue, behaviours, the objects applied at time zero in file
/// order, the timed actions and the workload generators; then runs it for the scenario's
/// duration or until it is quiescent.
public final class ScenarioRunner {
    /// The inputs.
    public let input: ScenarioInput
    /// The simulated cluster.
    public let cluster: Cluster
    let behaviors: BehaviorResolver
    var actions: ActionExecutor!
    /// Longest run when the scenario says `until: Quiescent` and never settles.
    public var quiescenceCap: SimulationDuration = .seconds(7 * 86_400)
    /// Problems met while running (an action naming an object that is gone by then, …).
    public internal(set) var runtimeDiagnostics: [Diagnostic] = []

    /// Prepares a run; nothing happens in virtual time until ``run(progress:)``.
    /// - Parameters:
    ///   - input: the loaded inputs, free of errors.
    ///   - seed: overrides the scenario's seed (sweeps, replications).
    public init(input: ScenarioInput, seed: UInt64? = nil) {
        self.input = input
        var configuration = ClusterConfiguration()
        let scenario = input.scenario
        configuration.seed = seed ?? scenario.seed
        configuration.kubernetesVersion = scenario.kubernetesVersion
        configuration.timing = scenario.timing
        configuration.realisticTiming = scenario.realisticTiming
        configuration.tieBreak = scenario.tieBreak
        configuration.startTimeUnixSeconds = scenario.startTimeUnixSeconds
        for item in input.objects {
            if case .schedulerConfiguration(let schedulerConfiguration) = item.object {
                configuration.schedulerConfiguration = schedulerConfiguration
                // KubeSchedulerConfiguration `clientConnection.qps`/`burst` (validated on load).
                if let qps = schedulerConfiguration.clientConnectionQPS { configuration.schedulerClientQPS = qps }
                if let burst = schedulerConfiguration.clientConnectionBurst {
                    configuration.schedulerClientBurst = burst
                }
            }
        }
        // The Scenario's own settings win over the manifest's.
        if let qps = scenario.schedulerClientQPS { configuration.schedulerClientQPS = qps }
        if let burst = scenario.schedulerClientBurst { configuration.schedulerClientBurst = burst }
        if let qps = scenario.controllerManagerQPS { configuration.controllerManagerQPS = qps }
        if let burst = scenario.controllerManagerBurst { configuration.controllerManagerBurst = burst }
        cluster = Cluster(configuration: configuration)
        behaviors = BehaviorResolver(behaviors: scenario.behaviors, streams: cluster.streams)
        cluster.registry = Self.registry(from: scenario.images)
        let resolver = behaviors
        cluster.behaviorProvider = { pod, container in resolver.behavior(for: pod, container: container) }
        actions = ActionExecutor(runner: self)
    }

    var started = false

    /// Adds the nodes, applies the objects at time zero and schedules actions and arrivals.
    /// Runs on the first ``run(progress:shouldStop:)``, so that outputs attached after `init`
    /// see every record from the first one on.
    func start() {
        guard !started else { return }
        started = true
        installGPUTargetWorkload()
        if !input.scenario.traffic.isEmpty {
            cluster.metricsServer.traffic = input.scenario.traffic.map(\.source)
            cluster.metricsServer.start()
        }
        addNodes()
        startClusterAutoscaler()
        applyInitialObjects()
        actions.scheduleAll()
    }

    // MARK: - Building the cluster

    static func registry(from images: [ImageSpec]) -> ImageRegistry {
        var registry = ImageRegistry()
        for image in images {
            if image.isDefault {
                if let size = image.size { registry.defaultSizeBytes = Int64(size) }
                continue
            }
            var failures: Int?
            switch image.pull?.failures {
            case .count(let count): failures = count
            case .forever: failures = .max
            case nil: failures = nil
            }
            registry.entries.append(
                ImageRegistry.Entry(
                    pattern: image.name, sizeBytes: Int64(image.size ?? Double(registry.defaultSizeBytes)),
                    failures: failures, error: image.pull?.error ?? "manifest unknown", latency: image.pull?.latency))
        }
        return registry
    }

    func addNodes() {
        for pool in input.nodePools {
            for (index, name) in pool.nodeNames.enumerated() {
                cluster.addNode(
                    pool.listedNodes.map { Self.node(listed: $0[index], pool: pool) }
                        ?? Self.node(named: name, pool: pool),
                    pool: pool.name,
                    kubeletConfiguration: Self.kubeletConfiguration(pool.kubelet), preloadedImages: pool.images)
            }
        }
        for item in input.objects {
            guard case .node(let node) = item.object else { continue }
            actions.apply(.node(node), location: item.location)
        }
    }

    /// The Cluster Autoscaler over the pools that say `autoscaling` (with `spec.clusterAutoscaler`'s
    /// flags, or the defaults).
    func startClusterAutoscaler() {
        let groups = input.nodePools.compactMap { pool -> NodeGroup? in
            guard let autoscaling = pool.autoscaling else { return nil }
            return NodeGroup(
                name: pool.name, minSize: autoscaling.min, maxSize: autoscaling.max,
                template: Self.node(named: pool.name + "-template", pool: pool),
                kubeletConfiguration: Self.kubeletConfiguration(pool.kubelet), preloadedImages: pool.images,
                provisionTime: autoscaling.provisionTime, pricePerHour: autoscaling.pricePerHour, nextIndex: pool.count)
        }
        guard !groups.isEmpty else { return }
        cluster.enableClusterAutoscaler(options: input.scenario.clusterAutoscaler ?? .init(), groups: groups)
    }

    static func node(named name: String, pool: NodePool) -> Node {
        var labels = pool.labels
        labels["kubernetes.io/hostname"] = name
        labels["kubernetes.io/os"] = labels["kubernetes.io/os"] ?? "linux"
        labels["kubesim.io/pool"] = pool.name
        var meta = ObjectMeta()
        meta.name = name
        meta.labels = labels
        return Node(
            metadata: meta, spec: NodeSpec(taints: pool.taints.isEmpty ? nil : pool.taints),
            status: NodeStatus(
                capacity: pool.capacity,
                allocatable: kubeletConfiguration(pool.kubelet).allocatable(capacity: pool.capacity)))
    }

    static func kubeletConfiguration(_ settings: KubeletSettings) -> KubeletConfiguration {
        var configuration = KubeletConfiguration()
        if let parallel = settings.maxParallelImagePulls {
            configuration.maxParallelImagePulls = parallel
            // v1beta1 defaults: serializeImagePulls is false when maxParallelImagePulls ≥ 2.
            configuration.serializeImagePulls = parallel < 2
        }
        if let serialize = settings.serializeImagePulls { configuration.serializeImagePulls = serialize }
        if let bandwidth = settings.pullBandwidth { configuration.pullBandwidthBytesPerSecond = bandwidth }
        configuration.kubeAPIQPS = settings.kubeAPIQPS
        configuration.kubeAPIBurst = settings.kubeAPIBurst
        if let period = settings.maxContainerRestartPeriod {
            configuration.maxContainerRestartPeriodSeconds = Int(period.nanoseconds / 1_000_000_000)
        }
        if let high = settings.imageGCHighThresholdPercent { configuration.imageGCHighThresholdPercent = high }
        if let low = settings.imageGCLowThresholdPercent { configuration.imageGCLowThresholdPercent = low }
        if let reduce = settings.reduceDefaultCrashLoopBackOffDecay {
            configuration.reduceDefaultCrashLoopBackOffDecay = reduce
        }
        if let reserved = settings.kubeReserved { configuration.kubeReserved = reserved }
        if let reserved = settings.systemReserved { configuration.systemReserved = reserved }
        if let thresholds = settings.evictionHard {
            configuration.evictionHard = thresholds.compactMapValues { text in
                if text.hasSuffix("%") { return Double(text.dropLast()).map { .percentage($0 / 100) } }
                return (try? Quantity(parsing: text)).map { .quantity($0) }
            }
        }
        return configuration
    }

    /// Applies the input objects at time zero through the API server, in file order, except
    /// that Namespaces and PriorityClasses go first (what the others' admission reads) and
    /// Node manifests were added with the nodes.
    func applyInitialObjects() {
        for item in input.objects where item.object.isAdmissionPrerequisite {
            actions.apply(item.object, location: item.location)
        }
        for item in input.objects where !item.object.isAdmissionPrerequisite && !item.object.isNode {
            actions.apply(item.object, location: item.location)
        }
    }

    func report(_ severity: Diagnostic.Severity, _ message: String, location: SourceLocation? = nil) {
        runtimeDiagnostics.append(
            Diagnostic(
                severity: severity, location: location ?? input.scenario.location ?? SourceLocation(file: "-"),
                message: "at \(SimulationDuration(nanoseconds: cluster.now.nanoseconds)): \(message)"))
    }

    // MARK: - Running

    /// Why the run ended.
    public enum Ending: String, Sendable {
        /// The scenario's duration elapsed.
        case durationElapsed
        /// Nothing changed for the quiescence period.
        case quiescent
        /// Nothing was left to happen.
        case exhausted
        /// `until: Quiescent` never settled within the cap.
        case quiescenceCapReached
        /// The caller asked to stop (Ctrl-C).
        case interrupted
    }

    /// Runs up to (and including) the events at `instant`, for views of the cluster at a
    /// moment (`kubesim get … --at 5m`). The scenario's own end is not applied.
    public func run(to instant: SimulationTime) {
        start()
        cluster.run(until: .time(instant))
    }

    /// Runs to the end, calling `progress` between chunks of virtual time; `shouldStop` is
    /// checked between chunks too (for interruption).
    public func run(progress: ((Cluster) -> Void)? = nil, shouldStop: () -> Bool = { false }) -> Ending {
        start()
        let runLength = input.scenario.runLength
        let hardEnd: SimulationTime =
            runLength.duration.map { SimulationTime.zero + $0 } ?? (SimulationTime.zero + quiescenceCap)
        let chunk = SimulationDuration(nanoseconds: max(1_000_000_000, (hardEnd.nanoseconds) / 400))
        while true {
            if shouldStop() { return .interrupted }
            var target = min(hardEnd, cluster.now + chunk)
            if runLength.duration == nil {
                target = min(target, cluster.lastRecordAt + runLength.quiescencePeriod)
            }
            let reason = cluster.run(until: .time(target), interrupted: shouldStop)
            progress?(cluster)
            if reason == .handlerRequested, shouldStop() { return .interrupted }
            if runLength.duration == nil, cluster.lastRecordAt + runLength.quiescencePeriod <= cluster.now {
                return .quiescent
            }
            if cluster.now >= hardEnd {
                return runLength.duration == nil ? .quiescenceCapReached : .durationElapsed
            }
            if reason == .exhausted, runLength.duration == nil { return .exhausted }
        }
    }
}

extension KubeObject {
    /// PriorityClasses and Namespaces: applied before the other inputs.
    var isAdmissionPrerequisite: Bool {
        switch self {
        case .priorityClass, .namespace: true
        default: false
        }
    }

    var isNode: Bool {
        if case .node = self { return true }
        return false
    }
}
