import KubeModel

/// A pod's GPU-sharing request, read once from its annotations (``GPUShareKeys``): `count`
/// GPUs of `milli` milli-GPU each, on a node whose model bit is in `modelMask` (0: any model).
///
/// `count == 1 && milli < 1000` is a *share* request (a fraction of one device); otherwise each
/// of the `count` devices must be wholly free (the artifact's `GetGpuAffinityFromPodAnnotation`,
/// `pkg/type/open-gpu-share/utils/pod.go`). A pod with no GPU request has `count == 0` and costs
/// the scheduler nothing beyond one comparison.
public struct GPURequest: Sendable, Hashable {
    /// Number of GPUs (0: no GPU request).
    public internal(set) var count: Int32
    /// Milli-GPU per GPU (1000 for whole GPUs).
    public internal(set) var milli: Int32
    /// Allowed models as ``GPUModelTable`` bits; 0 means any model.
    public internal(set) var modelMask: UInt64

    /// No GPU.
    public static let none = GPURequest(count: 0, milli: 0, modelMask: 0)

    /// Creates a request.
    public init(count: Int32, milli: Int32, modelMask: UInt64) {
        self.count = count
        self.milli = milli
        self.modelMask = modelMask
    }

    /// Whether the pod asks for any GPU.
    @inline(__always) public var isRequested: Bool { count > 0 }

    /// Whether the pod takes a fraction of one GPU.
    @inline(__always) public var isShare: Bool { count == 1 && milli < GPUShareKeys.milliPerGPU }

    /// Total milli-GPU requested.
    @inline(__always) public var totalMilli: Int64 { Int64(count) * Int64(milli) }

    /// Reads the annotations. As the artifact's filter does (`GetGpuMilliFromPodAnnotation` > 0),
    /// a pod is a GPU pod when its milli-GPU is positive; a missing count then means 1, a
    /// missing milli with a count means whole GPUs. Milli above 1000 is clamped to 1000.
    init(annotations: [String: String]?, models: inout GPUModelTable) {
        guard let annotations, annotations[GPUShareKeys.milli] != nil || annotations[GPUShareKeys.count] != nil else {
            self = .none
            return
        }
        let count = annotations[GPUShareKeys.count].flatMap { Int32($0) } ?? 1
        var milli = annotations[GPUShareKeys.milli].flatMap { Self.milli($0) } ?? GPUShareKeys.milliPerGPU
        if milli > GPUShareKeys.milliPerGPU { milli = GPUShareKeys.milliPerGPU }
        guard count > 0, milli > 0 else {
            self = .none
            return
        }
        let mask = annotations[GPUShareKeys.model].map { models.mask($0) } ?? 0
        self.init(count: count, milli: milli, modelMask: mask)
    }

    /// An annotation value as a quantity's value (`"500"`, `"0.5k"`), as `resource.ParseQuantity`
    /// then `Value()` in the artifact.
    private static func milli(_ text: String) -> Int32? {
        if let value = Int32(text) { return value }
        guard let quantity = try? Quantity(parsing: text) else { return nil }
        return Int32(clamping: quantity.value)
    }
}

extension GPURequest {
    /// Total milli-GPU a pod's annotations ask for (count × milli, by the same rules as the
    /// scheduler), for outputs that account GPU use without a scheduler.
    public static func totalMilli(annotations: [String: String]?) -> Int64 {
        var models = GPUModelTable()
        return GPURequest(annotations: annotations, models: &models).totalMilli
    }
}
