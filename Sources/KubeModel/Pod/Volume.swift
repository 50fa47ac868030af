/// A pod volume (core/v1 `Volume`): a name plus one source.
///
/// emptyDir, configMap, secret, hostPath, persistentVolumeClaim and projected are typed;
/// downwardAPI, csi, ephemeral and nfs are tolerated as untyped values.
public struct Volume: Codable, Hashable, Sendable {
    /// Volume name, a DNS-1123 label unique in the pod.
    public var name: String
    /// Scratch space that lives as long as the pod on the node.
    @Indirect public var emptyDir: EmptyDirVolumeSource?
    /// Files from a ConfigMap.
    @Indirect public var configMap: ConfigMapVolumeSource?
    /// Files from a Secret.
    @Indirect public var secret: SecretVolumeSource?
    /// A host directory.
    @Indirect public var hostPath: HostPathVolumeSource?
    /// A PersistentVolumeClaim.
    @Indirect public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// Projected sources (the service account token volume is one).
    @Indirect public var projected: ProjectedVolumeSource?
    /// Downward API (tolerated).
    public var downwardAPI: JSONValue?
    /// CSI (tolerated).
    public var csi: JSONValue?
    /// Generic ephemeral volume (tolerated).
    public var ephemeral: JSONValue?
    /// NFS (tolerated).
    public var nfs: JSONValue?

    /// Creates a volume.
    public init(
        name: String, emptyDir: EmptyDirVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil,
        secret: SecretVolumeSource? = nil, hostPath: HostPathVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, projected: ProjectedVolumeSource? = nil
    ) {
        self.name = name
        self.emptyDir = emptyDir
        self.configMap = configMap
        self.secret = secret
        self.hostPath = hostPath
        self.persistentVolumeClaim = persistentVolumeClaim
        self.projected = projected
    }
}

/// An emptyDir (`medium: Memory` is tmpfs).
public struct EmptyDirVolumeSource: Codable, Hashable, Sendable {
    /// `""` (node disk) or `Memory`.
    public var medium: String?
    /// Size limit.
    public var sizeLimit: Quantity?
    /// Creates a source.
    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// A key-to-path projection.
public struct KeyToPath: Codable, Hashable, Sendable {
    /// The key.
    public var key: String
    /// Relative path.
    public var path: String
    /// File mode.
    public var mode: Int?
    /// Creates a projection.
    public init(key: String, path: String, mode: Int? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// A ConfigMap as files.
public struct ConfigMapVolumeSource: Codable, Hashable, Sendable {
    /// ConfigMap name.
    public var name: String?
    /// Selected keys.
    public var items: [KeyToPath]?
    /// File mode.
    public var defaultMode: Int?
    /// Whether it may be missing.
    public var optional: Bool?
    /// Creates a source.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// A Secret as files.
public struct SecretVolumeSource: Codable, Hashable, Sendable {
    /// Secret name.
    public var secretName: String?
    /// Selected keys.
    public var items: [KeyToPath]?
    /// File mode.
    public var defaultMode: Int?
    /// Whether it may be missing.
    public var optional: Bool?
    /// Creates a source.
    public init(secretName: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.secretName = secretName
        self.items = items
        self.optional = optional
    }
}

/// A host path.
public struct HostPathVolumeSource: Codable, Hashable, Sendable {
    /// The path on the node.
    public var path: String
    /// Type check (`Directory`, `DirectoryOrCreate`, …).
    public var type: String?
    /// Creates a source.
    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// A PVC reference.
public struct PersistentVolumeClaimVolumeSource: Codable, Hashable, Sendable {
    /// Claim name.
    public var claimName: String
    /// Mount read-only.
    public var readOnly: Bool?
    /// Creates a source.
    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}
