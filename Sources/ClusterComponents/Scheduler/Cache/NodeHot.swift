/// The scalar part of a ``NodeInfo`` that the common filter/score path reads, kept in a
/// separate dense array of trivial values so that scanning thousands of nodes touches no
/// reference counts (the struct-of-arrays layout the speed budget asks for).
///
/// The fields are in the order the scan reads them: what the filter reads, then what the
/// default scores add, within the record's first 64 bytes; ephemeral storage, read only for pods
/// that request it, last. (Swift lays a struct out in declaration order.)
struct NodeHot {
    var podCount: Int32 = 0
    var allowedPods: Int32 = 0
    /// The node needs the full filter path: unschedulable, NoSchedule/NoExecute taints,
    /// nominated pods, or removed.
    var slow = true
    /// It has PreferNoSchedule taints.
    var hasPreferTaints = false
    /// Bumped on every change of the node's accounting (invalidates ``ScoreMemo`` entries).
    var version: UInt32 = 0
    var allocCPU: Int64 = 0
    var requestedCPU: Int64 = 0
    var allocMemory: Int64 = 0
    var requestedMemory: Int64 = 0
    var nonZeroCPU: Int64 = 0
    var nonZeroMemory: Int64 = 0
    var allocEphemeral: Int64 = 0
    var requestedEphemeral: Int64 = 0

    init() {}

    init(_ node: NodeInfo) {
        allocCPU = node.allocatable(0)
        allocMemory = node.allocatable(1)
        allocEphemeral = node.allocatable(2)
        requestedCPU = node.requested(0)
        requestedMemory = node.requested(1)
        requestedEphemeral = node.requested(2)
        nonZeroCPU = node.nonZeroCPU
        nonZeroMemory = node.nonZeroMemory
        podCount = Int32(node.pods.count)
        allowedPods = Int32(clamping: node.allowedPodNumber)
        slow = node.unschedulable || !node.filterTaints.isEmpty || !node.nominatedPods.isEmpty || node.isRemoved
        hasPreferTaints = !node.preferTaints.isEmpty
    }

    /// NodeResourcesFit's filter for a pod without scalar requests (fit.go fitsRequest).
    @inline(__always)
    func fits(cpu: Int64, memory: Int64, ephemeral: Int64) -> Bool {
        if podCount + 1 > allowedPods { return false }
        if cpu > 0 && cpu > allocCPU - requestedCPU { return false }
        if memory > 0 && memory > allocMemory - requestedMemory { return false }
        if ephemeral > 0 && ephemeral > allocEphemeral - requestedEphemeral { return false }
        return true
    }
}
