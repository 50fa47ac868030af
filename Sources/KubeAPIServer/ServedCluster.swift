import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput

/// A read-only snapshot of the simulated cluster at one instant, held as the served API
/// returns it: objects as JSON, selector fields and Table cells (from SimulationOutput's
/// kubectl printers, the code of `kubesim get`). Immutable, so every connection reads it
/// without locks.
public final class ServedCluster: Sendable {
    /// The objects of each resource (`ServedResource.groupVersion + "/" + name`), in list order.
    let objects: [String: [ServedObject]]
    /// `gitVersion` of `/version` (`v1.34.0`).
    public let gitVersion: String
    /// The minor version (`34`).
    public let minorVersion: Int
    /// `metadata.resourceVersion` of lists and Tables: the store's counter at the instant.
    public let resourceVersion: String
    /// The clock that maps virtual times to served timestamps.
    public let clock: ServedClock
    /// `/metrics`: the run's kube-state-metrics, scheduler and kubelet series at the instant,
    /// in the Prometheus text format (`nil` without a ``MetricsRegistry``).
    public let metricsText: String?

    /// The objects of `resource`, in list order.
    public func objects(of resource: ServedResource) -> [ServedObject] {
        objects[resource.groupVersion + "/" + resource.name] ?? []
    }

    /// Builds the snapshot of `cluster` at its current instant.
    /// - Parameters:
    ///   - cluster: the cluster after the run to the served instant.
    ///   - events: the run's events and their objects' uids.
    ///   - shownAt: Unix nanoseconds at which the instant is shown (the wall clock at start).
    /// - Complexity: O(objects + events).
    public convenience init(cluster: Cluster, events: InvolvedObjectRecorder, shownAt: Int64) throws {
        try self.init(
            cluster: cluster, events: events, clock: ServedClock(instant: cluster.now, shownAt: shownAt),
            resourceVersion: nil)
    }

    /// Builds the snapshot of `cluster` at its current instant with a given clock (in play mode
    /// the clock of the first instant, so timestamps stay put as the run goes on) and list
    /// `resourceVersion` (default: the store's counter), and the series of `metrics` for
    /// `/metrics` (a sink added before the run, with ``RunStatistics`` feeding it pod startups).
    public init(
        cluster: Cluster, events: InvolvedObjectRecorder, clock: ServedClock, resourceVersion: String?,
        metrics: MetricsRegistry? = nil
    ) throws {
        let view = ClusterView(cluster)
        let now = cluster.now
        let version = cluster.configuration.kubernetesVersion
        self.clock = clock
        self.gitVersion = "v\(version.major).\(version.minor).0"
        self.minorVersion = version.minor
        self.resourceVersion = resourceVersion ?? String(max(1, view.api.resourceVersion))
        var builder = SnapshotBuilder(
            view: view, now: now, clock: clock, gitVersion: gitVersion, resourceVersion: self.resourceVersion)
        try builder.addPods()
        try builder.addNodes()
        try builder.addStoredObjects()
        try builder.addWorkloads()
        builder.addEvents(events)
        builder.addLeases()
        try builder.addEndpointSlices()
        self.objects = builder.objects
        self.metricsText = metrics.map { PrometheusText.render($0.snapshot(view)) }
    }
}

/// Fills a snapshot's tables, one kind at a time.
struct SnapshotBuilder {
    let view: ClusterView
    let now: SimulationTime
    let clock: ServedClock
    let gitVersion: String
    let resourceVersion: String
    var objects: [String: [ServedObject]] = [:]

    init(view: ClusterView, now: SimulationTime, clock: ServedClock, gitVersion: String, resourceVersion: String) {
        self.view = view
        self.now = now
        self.clock = clock
        self.gitVersion = gitVersion
        self.resourceVersion = resourceVersion
    }

    mutating func append(_ object: ServedObject, to resource: String, group: String = "") {
        let key = (group.isEmpty ? "v1" : group + "/v1") + "/" + resource
        objects[key, default: []].append(object)
    }

    func time(_ t: SimulationTime?) -> JSON { t.map { .string(clock.timestamp($0)) } ?? .null }

    // MARK: - Metadata

    /// `metadata` in the order of the Go type's fields.
    func metadata(
        _ meta: ObjectMeta?, name: String, namespace: String?, uid: String, resourceVersion: String? = nil,
        created: SimulationTime, deletion: SimulationTime? = nil, deletionGrace: Int? = nil
    ) throws -> JSON {
        let meta = meta ?? ObjectMeta()
        return .members([
            ("name", .string(name)),
            ("generateName", meta.generateName.map(JSON.string)),
            ("namespace", namespace.map(JSON.string)),
            ("uid", .string(uid.isEmpty ? Self.uid(for: (namespace ?? "") + "/" + name) : uid)),
            ("resourceVersion", .string(resourceVersion ?? self.resourceVersion)),
            ("generation", meta.generation.map { .int(Int64($0)) }),
            ("creationTimestamp", time(created)),
            ("deletionTimestamp", deletion.map { time($0) }),
            ("deletionGracePeriodSeconds", deletionGrace.map { .int(Int64($0)) }),
            ("labels", meta.labels.flatMap { $0.isEmpty ? nil : Self.stringMap($0) }),
            ("annotations", meta.annotations.flatMap { $0.isEmpty ? nil : Self.stringMap($0) }),
            ("ownerReferences", try meta.ownerReferences.map { try JSON.encoded($0) }),
            ("finalizers", meta.finalizers.map { .array($0.map(JSON.string)) }),
        ])
    }

    static func stringMap(_ map: [String: String]) -> JSON {
        .object(map.keys.sorted().map { ($0, .string(map[$0]!)) })
    }

    /// An object: `kind`, `apiVersion`, `metadata`, the encoded value's other members (spec,
    /// data, …), then `status` if given.
    func object<T: Encodable>(
        _ value: T, kind: String, apiVersion: String, metadata: JSON, status: JSON? = nil
    ) throws -> JSON {
        var members: [(String, JSON)] = [
            ("kind", .string(kind)), ("apiVersion", .string(apiVersion)), ("metadata", metadata),
        ]
        if case .object(let encoded) = try JSON(encoding: value) {
            members += encoded.filter { !["kind", "apiVersion", "metadata", "status"].contains($0.0) }
        }
        if let status { members.append(("status", status)) }
        return .object(members)
    }

    /// A deterministic RFC 4122-shaped uid for objects the simulator gave none (FNV-1a).
    static func uid(for key: String) -> String {
        // Two FNV-1a hashes of the key: the standard one and one from the basis's halves swapped.
        var a = FNV1a()
        var b = FNV1a(basis: 0x8422_2325_cbf2_9ce4)
        a.mix(key.utf8)
        b.mix(key.utf8)
        let text = a.hex + b.hex
        let chars = Array(text)
        func part(_ from: Int, _ to: Int) -> String { String(chars[from..<to]) }
        return "\(part(0, 8))-\(part(8, 12))-4\(part(13, 16))-a\(part(17, 20))-\(part(20, 32))"
    }
}
