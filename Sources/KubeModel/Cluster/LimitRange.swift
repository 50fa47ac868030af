import Yams

/// A namespace's per-object resource constraints (core/v1 `LimitRange`), read by the
/// LimitRanger admission plugin. The API server stores it as applied; kubesim reads its
/// `spec.limits` from the stored object when a pod is admitted.
public struct LimitRange: Decodable, Hashable, Sendable {
    /// `spec`.
    public var spec: LimitRangeSpec

    /// Reads a LimitRange from a stored object of kind `LimitRange` (`nil` for other kinds or
    /// a spec that does not decode; the loader has reported the latter).
    public init?(_ object: KubeObject) {
        guard case .unrecognized(_, "LimitRange", let node) = object,
            let decoded = try? NodeDecoder.decode(LimitRange.self, from: node)
        else { return nil }
        self = decoded
    }

    /// Creates a LimitRange.
    public init(spec: LimitRangeSpec) { self.spec = spec }
}

/// `spec` of a LimitRange.
public struct LimitRangeSpec: Decodable, Hashable, Sendable {
    /// The items.
    public var limits: [LimitRangeItem]

    /// Creates a spec.
    public init(limits: [LimitRangeItem]) { self.limits = limits }
}

/// One item of a LimitRange, with the API server's defaulting (pkg/apis/core/v1/defaults.go
/// `SetDefaults_LimitRangeItem`) applied by ``defaulted``.
public struct LimitRangeItem: Decodable, Hashable, Sendable {
    /// `Container`, `Pod` or `PersistentVolumeClaim`.
    public var type: String
    /// Maximum per object.
    public var max: ResourceList?
    /// Minimum per object.
    public var min: ResourceList?
    /// Default limits of a container.
    public var `default`: ResourceList?
    /// Default requests of a container.
    public var defaultRequest: ResourceList?
    /// Largest limit/request ratio.
    public var maxLimitRequestRatio: ResourceList?

    /// Creates an item.
    public init(type: String, default: ResourceList? = nil, defaultRequest: ResourceList? = nil) {
        self.type = type
        self.default = `default`
        self.defaultRequest = defaultRequest
    }

    /// `SetDefaults_LimitRangeItem` for a `Container` item: a missing default limit is the
    /// max; a missing default request is the default limit, else the min.
    public var defaulted: LimitRangeItem {
        guard type == "Container" else { return self }
        var item = self
        var limits = item.default ?? [:]
        for (name, quantity) in (max ?? [:]).entries where limits[name] == nil { limits[name] = quantity }
        var requests = item.defaultRequest ?? [:]
        for (name, quantity) in limits.entries where requests[name] == nil { requests[name] = quantity }
        for (name, quantity) in (min ?? [:]).entries where requests[name] == nil { requests[name] = quantity }
        item.default = limits
        item.defaultRequest = requests
        return item
    }
}
