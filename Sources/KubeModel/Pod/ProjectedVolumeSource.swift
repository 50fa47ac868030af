/// Several sources projected into one directory (core/v1 `ProjectedVolumeSource`), typed so
/// that the ServiceAccount admission plugin's token volume can be written, described and
/// served as the API server stores it (`expirationSeconds` an integer, not text).
public struct ProjectedVolumeSource: Codable, Hashable, Sendable {
    /// The sources, in order.
    public var sources: [VolumeProjection]?
    /// File mode of the projected files (the API server sets 420, octal 0644).
    public var defaultMode: Int?

    /// Creates a source.
    public init(sources: [VolumeProjection]? = nil, defaultMode: Int? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// One projected source (core/v1 `VolumeProjection`): exactly one member is set.
public struct VolumeProjection: Codable, Hashable, Sendable {
    /// Keys of a Secret.
    public var secret: ObjectProjection?
    /// Keys of a ConfigMap.
    public var configMap: ObjectProjection?
    /// Downward API files (tolerated).
    public var downwardAPI: JSONValue?
    /// A bound service account token.
    public var serviceAccountToken: ServiceAccountTokenProjection?
    /// A ClusterTrustBundle (tolerated).
    public var clusterTrustBundle: JSONValue?
    /// A pod certificate (tolerated).
    public var podCertificate: JSONValue?

    /// Creates a projection.
    public init(
        secret: ObjectProjection? = nil, configMap: ObjectProjection? = nil, downwardAPI: JSONValue? = nil,
        serviceAccountToken: ServiceAccountTokenProjection? = nil
    ) {
        self.secret = secret
        self.configMap = configMap
        self.downwardAPI = downwardAPI
        self.serviceAccountToken = serviceAccountToken
    }
}

/// The keys of a Secret or ConfigMap projected as files (core/v1 `SecretProjection`,
/// `ConfigMapProjection`).
public struct ObjectProjection: Codable, Hashable, Sendable {
    /// The object's name.
    public var name: String?
    /// Selected keys.
    public var items: [KeyToPath]?
    /// Whether it may be missing.
    public var optional: Bool?

    /// Creates a projection.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// A service account token written into the volume (core/v1 `ServiceAccountTokenProjection`).
public struct ServiceAccountTokenProjection: Codable, Hashable, Sendable {
    /// Intended audience (default: the API server's).
    public var audience: String?
    /// Requested lifetime in seconds (defaulted to 3600 by the API).
    public var expirationSeconds: Int?
    /// File path relative to the mount point.
    public var path: String

    /// Creates a projection.
    public init(audience: String? = nil, expirationSeconds: Int? = nil, path: String) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}
