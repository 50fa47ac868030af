import KubeModel

/// One node's GPUs as ``GPUShare``'s node state (``GPUShareCache``) tracks them: the free
/// milli-GPU of each device separately, so that fractional requests pack onto single devices
/// (the artifact's `GpuNodeInfo` / `NodeResource.MilliGpuLeftList`,
/// hkust-adsl/kubernetes-scheduler-simulator).
///
/// Lanes at and above ``count`` stay 0. A value type of 48 bytes, so a simulated node's devices
/// (nominated pods, preemption) are a copy in the cycle state.
public struct NodeGPU: Sendable, Hashable {
    /// Free milli-GPU per device.
    public internal(set) var free = SIMD8<Int32>(repeating: 0)
    /// Number of devices (0–8).
    public internal(set) var count: Int32 = 0
    /// The node's model bit (``GPUModelTable``), 0 when the node has no model label.
    public internal(set) var modelBit: UInt64 = 0

    /// Creates the state of a node without GPUs.
    public init() {}

    /// Creates the state of a node with `count` free devices (clamped to 0…8) of model `modelBit`
    /// (0: no model): the standalone FGD experiment's nodes, read from an openb node list.
    public init(count: Int, modelBit: UInt64) {
        self.count = Int32(min(max(count, 0), GPUShareKeys.maxDevices))
        for lane in 0..<Int(self.count) { free[lane] = GPUShareKeys.milliPerGPU }
        self.modelBit = self.count > 0 ? modelBit : 0
    }

    /// Idle milli-GPU on the node.
    @inline(__always) public var idleMilli: Int64 { Int64(free.wrappedSum()) }

    /// Number of wholly free devices.
    @inline(__always) public var wholeFreeDevices: Int32 {
        SIMD8<Int32>(repeating: 0).replacing(with: 1, where: free .== GPUShareKeys.milliPerGPU).wrappedSum()
    }

    /// Free milli-GPU of device `i` (0 past ``count``).
    @inline(__always) public func freeMilli(device i: Int) -> Int32 { i < GPUShareKeys.maxDevices ? free[i] : 0 }

    /// Reads the node's GPU capacity (``GPUShareKeys/count``) and model label. Devices kept
    /// across updates keep their allocations; added devices start free.
    mutating func configure(_ node: Node, models: inout GPUModelTable) {
        let capacity = node.status.allocatable[GPUShareKeys.count] ?? node.status.capacity[GPUShareKeys.count]
        let newCount = Int32(clamping: min(max(capacity?.value ?? 0, 0), Int64(GPUShareKeys.maxDevices)))
        if newCount != count {
            for lane in 0..<GPUShareKeys.maxDevices {
                if lane >= Int(newCount) {
                    free[lane] = 0
                } else if lane >= Int(count) {
                    free[lane] = GPUShareKeys.milliPerGPU
                }
            }
            count = newCount
        }
        if let model = node.metadata.labels?[GPUShareKeys.model], !model.isEmpty, count > 0 {
            modelBit = models.bit(model)
        } else {
            modelBit = 0
        }
    }

    /// The GPU-share filter (the artifact's `GpuSharePlugin.Filter`): a GPU request needs a node
    /// with GPUs, of an allowed model (`utils.IsNodeAccessibleToPodByType`: no constraint
    /// accepts any model), with one device holding `milli` free for a share request, or `count`
    /// wholly free devices otherwise (`GpuNodeInfo.AllocateGpuId`).
    @inline(__always)
    public func fits(_ request: GPURequest) -> Bool {
        count > 0 && modelAccepts(request) && devicesFitting(request) >= request.count
    }

    /// Whether the node's model satisfies the request's constraint (the artifact's
    /// `utils.IsNodeAccessibleToPodByType`, pkg/utils/utils.go: no constraint accepts every node,
    /// a constraint only GPU nodes of a listed model).
    @inline(__always)
    public func modelAccepts(_ request: GPURequest) -> Bool {
        request.modelMask == 0 || request.modelMask & modelBit != 0
    }

    /// Number of devices with at least the request's `milli` free.
    @inline(__always)
    func devicesFitting(_ request: GPURequest) -> Int32 {
        SIMD8<Int32>(repeating: 0).replacing(with: 1, where: free .>= SIMD8(repeating: request.milli)).wrappedSum()
    }

    /// The device a share request takes by best fit (`allocateGpuIdBasedOnBestFit`, the
    /// artifact's default `gpuSelMethod`, open_gpu_share.go): the least free device that fits,
    /// lowest index on ties; -1 if none fits.
    public func bestFitDevice(_ request: GPURequest) -> Int {
        var chosen = -1
        for lane in 0..<Int(count) where free[lane] >= request.milli {
            if chosen == -1 || free[lane] < free[chosen] { chosen = lane }
        }
        return chosen
    }

    /// Takes devices for a request and returns them as a bit mask (bit i = device i): for a
    /// share request `preferred` if it fits, else the best-fit device; for whole GPUs the first
    /// `count` wholly free devices by index (`simontype.AllocateExclusiveGpuId`). Returns 0 and
    /// takes nothing when the request does not fit (a pod bound past the filter).
    @discardableResult
    public mutating func allocate(_ request: GPURequest, preferred: Int = -1) -> UInt8 {
        guard request.isRequested, count > 0 else { return 0 }
        if request.isShare {
            var device = preferred
            if device < 0 || device >= Int(count) || free[device] < request.milli { device = bestFitDevice(request) }
            guard device >= 0 else { return 0 }
            free[device] -= request.milli
            return 1 << UInt8(device)
        }
        guard devicesFitting(request) >= request.count else { return 0 }
        var mask: UInt8 = 0
        var remaining = request.count
        for lane in 0..<Int(count) where remaining > 0 && free[lane] >= request.milli {
            free[lane] -= request.milli
            mask |= 1 << UInt8(lane)
            remaining -= 1
        }
        return mask
    }

    /// Gives back what ``allocate(_:preferred:)`` took.
    mutating func release(_ request: GPURequest, devices mask: UInt8) {
        for lane in 0..<GPUShareKeys.maxDevices where mask & (1 << UInt8(lane)) != 0 {
            free[lane] = min(free[lane] + request.milli, GPUShareKeys.milliPerGPU)
        }
    }

    /// Takes back devices ``release(_:devices:)`` gave (preemption's dry run re-adding a pod).
    mutating func take(_ request: GPURequest, devices mask: UInt8) {
        for lane in 0..<GPUShareKeys.maxDevices where mask & (1 << UInt8(lane)) != 0 {
            free[lane] = max(free[lane] - request.milli, 0)
        }
    }

    /// The artifact's device-index string for a mask (`"1"`, `"0-1-2-3"`).
    static func indexAnnotation(_ mask: UInt8) -> String {
        (0..<GPUShareKeys.maxDevices).filter { mask & (1 << UInt8($0)) != 0 }.map(String.init).joined(separator: "-")
    }
}
