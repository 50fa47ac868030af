/// A mount of a pod volume into a container (core/v1 `VolumeMount`).
public struct VolumeMount: Codable, Hashable, Sendable {
    /// Name of a volume in `spec.volumes`.
    public var name: String
    /// Path in the container.
    public var mountPath: String
    /// Mount read-only.
    public var readOnly: Bool?
    /// Sub-path of the volume.
    public var subPath: String?
    /// Sub-path with env expansion.
    public var subPathExpr: String?
    /// Mount propagation mode.
    public var mountPropagation: String?
    /// Recursive read-only mode.
    public var recursiveReadOnly: String?

    /// Creates a mount.
    public init(name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
    }
}
