/// A Secret (core/v1 `Secret`); only its existence and keys matter to the simulator.
public struct Secret: Codable, Hashable, Sendable {
    /// `v1`.
    public var apiVersion: String?
    /// `Secret`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Base64-encoded data.
    public var data: [String: String]?
    /// Plain-text data, merged into `data` by the API server.
    public var stringData: [String: String]?
    /// Secret type (default `Opaque`).
    public var type: String
    /// Immutable.
    public var immutable: Bool?

    /// Creates a Secret.
    public init(
        metadata: ObjectMeta, data: [String: String]? = nil, stringData: [String: String]? = nil,
        type: String = "Opaque"
    ) {
        self.apiVersion = "v1"
        self.kind = "Secret"
        self.metadata = metadata
        self.data = data
        self.stringData = stringData
        self.type = type
    }

    /// Decodes; `type` defaults to `Opaque` (defaults.go `SetDefaults_Secret`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        data = try c.decodeIfPresent([String: String].self, forKey: .data)
        stringData = try c.decodeIfPresent([String: String].self, forKey: .stringData)
        type = try c.decode(.type, default: "Opaque")
        immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
    }

    /// All keys of `data` and `stringData`, sorted.
    public var keys: [String] { Set((data ?? [:]).keys).union((stringData ?? [:]).keys).sorted() }
}
