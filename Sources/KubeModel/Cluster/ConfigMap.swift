/// A ConfigMap (core/v1 `ConfigMap`); only its existence and keys matter to the simulator.
public struct ConfigMap: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `ConfigMap`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// UTF-8 data.
    public var data: [String: String]?
    /// Binary data (base64 text).
    public var binaryData: [String: String]?
    /// Immutable.
    public var immutable: Bool?

    /// Creates a ConfigMap.
    public init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.apiVersion = "v1"
        self.kind = "ConfigMap"
        self.metadata = metadata
        self.data = data
    }
}
