/// Compute resource requests and limits of a container (core/v1 `ResourceRequirements`).
///
/// Absent lists decode as empty, so callers never unwrap.
public struct ResourceRequirements: Hashable, Sendable {
    /// Maximum amounts.
    public var limits: ResourceList
    /// Minimum amounts the scheduler reserves.
    public var requests: ResourceList
    /// Dynamic resource claims (tolerated).
    public var claims: JSONValue?

    /// Creates requirements.
    public init(limits: ResourceList = [:], requests: ResourceList = [:]) {
        self.limits = limits
        self.requests = requests
    }
}

extension ResourceRequirements: Codable {
    /// Decodes; missing lists are empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limits = try c.decode(.limits, default: ResourceList())
        requests = try c.decode(.requests, default: ResourceList())
        claims = try c.decodeIfPresent(JSONValue.self, forKey: .claims)
    }
}
