/// A mount of a pod volume into a container (core/v1 `VolumeMount`). The rarely set fields are
/// boxed (``Indirect``): every container of every pod carries the token mount, 72 bytes inline
/// instead of 104.
public struct VolumeMount: Codable, Hashable, Sendable {
    /// Name of a volume in `spec.volumes`.
    public var name: String
    /// Path in the container.
    public var mountPath: String
    /// Mount read-only.
    public var readOnly: Bool?
    /// Sub-path of the volume.
    @Indirect public var subPath: String?
    /// Sub-path with env expansion.
    @Indirect public var subPathExpr: String?
    /// Mount propagation mode.
    @Indirect public var mountPropagation: String?
    /// Recursive read-only mode.
    @Indirect public var recursiveReadOnly: String?

    /// Creates a mount.
    public init(name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
    }
}
