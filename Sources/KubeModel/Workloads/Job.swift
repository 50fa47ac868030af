/// A Job (batch/v1 `Job`).
public struct Job: Codable, Hashable, Sendable {
    /// `batch/v1`.
    public var apiVersion: String?
    /// `Job`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: JobSpec
    /// Observed state (tolerated).
    public var status: JSONValue?

    /// Creates a Job.
    public init(metadata: ObjectMeta, spec: JobSpec) {
        self.apiVersion = "batch/v1"
        self.kind = "Job"
        self.metadata = metadata
        self.spec = spec
    }

    /// Decodes; a missing `metadata` decodes empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decode(.metadata, default: ObjectMeta())
        spec = try c.decode(JobSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(JSONValue.self, forKey: .status)
    }
}

/// Job spec (batch/v1 `JobSpec`), defaulted as pkg/apis/batch/v1/defaults.go `SetDefaults_Job`:
/// with neither `completions` nor `parallelism` set both become 1; `parallelism` otherwise
/// defaults to 1 (`completions` stays `nil`: a work queue); `backoffLimit` 6;
/// `completionMode` NonIndexed.
public struct JobSpec: Hashable, Sendable {
    /// Pods that must succeed; `nil` means any one success completes the Job.
    public var completions: Int?
    /// Pods running at once (default 1).
    public var parallelism: Int
    /// Retries before the Job fails (default 6).
    public var backoffLimit: Int
    /// Seconds the Job may run.
    public var activeDeadlineSeconds: Int?
    /// Seconds after finishing before deletion.
    public var ttlSecondsAfterFinished: Int?
    /// `NonIndexed` (default) or `Indexed`.
    public var completionMode: String
    /// Suspended.
    public var suspend: Bool?
    /// Pods managed (generated when `manualSelector` is not set).
    public var selector: LabelSelector?
    /// Whether the selector is user-provided.
    public var manualSelector: Bool?
    /// Pod template.
    public var template: PodTemplateSpec
    /// Pod failure policy (tolerated).
    public var podFailurePolicy: JSONValue?
    /// Success policy (tolerated).
    public var successPolicy: JSONValue?
    /// Per-index backoff limit.
    public var backoffLimitPerIndex: Int?
    /// Max failed indexes.
    public var maxFailedIndexes: Int?
    /// When replacement pods are created (tolerated).
    public var podReplacementPolicy: String?
    /// Managing controller.
    public var managedBy: String?

    /// Creates a spec with the API defaults.
    public init(
        completions: Int? = nil, parallelism: Int? = nil, backoffLimit: Int = 6, activeDeadlineSeconds: Int? = nil,
        ttlSecondsAfterFinished: Int? = nil, completionMode: String = "NonIndexed", selector: LabelSelector? = nil,
        template: PodTemplateSpec
    ) {
        self.completions = completions == nil && parallelism == nil ? 1 : completions
        self.parallelism = parallelism ?? 1
        self.backoffLimit = backoffLimit
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.selector = selector
        self.template = template
    }
}

extension JobSpec: Codable {
    /// Decodes and applies `SetDefaults_Job`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let completions = try c.decodeIfPresent(Int.self, forKey: .completions)
        let parallelism = try c.decodeIfPresent(Int.self, forKey: .parallelism)
        self.completions = completions == nil && parallelism == nil ? 1 : completions
        self.parallelism = parallelism ?? 1
        backoffLimitPerIndex = try c.decodeIfPresent(Int.self, forKey: .backoffLimitPerIndex)
        backoffLimit = try c.decode(.backoffLimit, default: backoffLimitPerIndex == nil ? 6 : Int(Int32.max))
        activeDeadlineSeconds = try c.decodeIfPresent(Int.self, forKey: .activeDeadlineSeconds)
        ttlSecondsAfterFinished = try c.decodeIfPresent(Int.self, forKey: .ttlSecondsAfterFinished)
        completionMode = try c.decode(.completionMode, default: "NonIndexed")
        suspend = try c.decodeIfPresent(Bool.self, forKey: .suspend)
        selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        manualSelector = try c.decodeIfPresent(Bool.self, forKey: .manualSelector)
        template = try c.decode(.template, default: PodTemplateSpec(spec: PodSpec(containers: [])))
        podFailurePolicy = try c.decodeIfPresent(JSONValue.self, forKey: .podFailurePolicy)
        successPolicy = try c.decodeIfPresent(JSONValue.self, forKey: .successPolicy)
        maxFailedIndexes = try c.decodeIfPresent(Int.self, forKey: .maxFailedIndexes)
        podReplacementPolicy = try c.decodeIfPresent(String.self, forKey: .podReplacementPolicy)
        managedBy = try c.decodeIfPresent(String.self, forKey: .managedBy)
    }
}
