/// The node fragmentation measure F_n of FGD (Weng et al., ATC '23, §3.2; the artifact's
/// `utils.NodeGpuShareFragAmount` summed without Q3, pkg/utils/frag.go):
/// `F_n = Σ_m p_m · frag_n(m)` in milli-GPU, where `frag_n(m)` is
/// - all idle GPU milli of n if m needs no GPU (XL/XR), may not use n's model (no access), or cannot run on n for
///   lack of CPU (Q4) or of GPU (Q1, Q2: fewer than `gpuCount` GPUs with `gpuMilli` left each);
/// - otherwise (Q3) the idle milli on the GPUs whose leftover is below m's per-GPU demand.
/// Memory plays no part, as in the artifact. To stay exact, the measure is kept as the integer
/// `W_n = Σ_m count_m · frag_n(m)`, so that `F_n = W_n / Σ_m count_m`.
public struct FragmentationMeasure: Sendable {
    /// `Σ_m count_m` over the target workload's kept types.
    public let denominator: Int64
    // Per model slot (catalog ids, plus one slot for CPU-only nodes): the weight of types that always see all
    // idle GPU as fragment, and the GPU types that may run there (CSR layout).
    private let alwaysIdleWeight: [Int64]
    private let typeStart: [Int]
    private let typeCPU: [Int32]
    private let typeMilli: [Int32]
    private let typeNeed: [Int32]
    private let typeWeight: [Int64]

    /// The model slot of CPU-only nodes.
    public let cpuNodeSlot: Int

    /// Compiles the measure of `target` for the models of `catalog`.
    public init(target: TargetWorkload, catalog: GPUModelCatalog) {
        denominator = Int64(target.keptCount)
        cpuNodeSlot = catalog.names.count
        var idle: [Int64] = []
        var start: [Int] = [0]
        var cpu: [Int32] = [], milli: [Int32] = [], need: [Int32] = [], weight: [Int64] = []
        for slot in 0...cpuNodeSlot {
            let nodeBit: UInt64 = slot == cpuNodeSlot ? 0 : 1 << UInt64(slot)
            var idleWeight: Int64 = 0
            for entry in target.entries {
                let shape = entry.shape
                let mask = catalog.specMask(shape.gpuSpec.isEmpty ? [] : shape.gpuSpec.split(separator: "|").map(String.init))
                if shape.gpuMilli == 0 || !GPUModelCatalog.accepts(specMask: mask, nodeBit: nodeBit) {
                    idleWeight += Int64(entry.count)
                } else {
                    cpu.append(Int32(shape.cpuMilli))
                    milli.append(Int32(shape.gpuMilli))
                    need.append(Int32(shape.gpuCount))
                    weight.append(Int64(entry.count))
                }
            }
            idle.append(idleWeight)
            start.append(cpu.count)
        }
        alwaysIdleWeight = idle
        typeStart = start
        typeCPU = cpu
        typeMilli = milli
        typeNeed = need
        typeWeight = weight
    }

    /// `W_n = Σ_m count_m · frag_n(m)` for a node state.
    /// - Parameters:
    ///   - cpuLeft: free CPU millicores.
    ///   - gpuLeft: free milli-GPU per device (unused lanes 0).
    ///   - slot: the node's model slot (catalog id, or ``cpuNodeSlot``).
    /// - Complexity: O(number of GPU task types that may run on the model), a few SIMD operations each.
    @inline(__always)
    public func weighted(cpuLeft: Int32, gpuLeft: SIMD8<Int32>, slot: Int) -> Int64 {
        let idle = Int64(gpuLeft.wrappedSum())
        if idle == 0 { return 0 }
        var total = alwaysIdleWeight[slot] * idle
        let zero = SIMD8<Int32>(repeating: 0), one = SIMD8<Int32>(repeating: 1)
        for index in typeStart[slot]..<typeStart[slot + 1] {
            let fits = gpuLeft .>= SIMD8(repeating: typeMilli[index])
            let satisfied = cpuLeft >= typeCPU[index] && zero.replacing(with: one, where: fits).wrappedSum() >= typeNeed[index]
            let fragment = satisfied ? Int64(gpuLeft.replacing(with: 0, where: fits).wrappedSum()) : idle
            total += typeWeight[index] * fragment
        }
        return total
    }

    /// F_n in milli-GPU for a weighted value `W_n`.
    @inline(__always)
    public func milliGPU(weighted: Int64) -> Double {
        denominator == 0 ? 0 : Double(weighted) / Double(denominator)  // an empty M measures no fragment
    }
}
