/// FGD's node fragmentation measure `F_n = Σ_m p_m · frag_n(m)` in milli-GPU (Weng et al.,
/// ATC '23, §3.2; the artifact's `utils.NodeGpuShareFragAmount`, pkg/utils/frag.go), compiled
/// for the scheduler's GPU models. `frag_n(m)` is all idle GPU milli of n when m needs no GPU,
/// may not use n's model, or cannot run on n for lack of CPU or GPU; otherwise the idle milli on
/// devices whose leftover is below m's per-GPU demand. Memory plays no part, as in the artifact.
///
/// Copied from the standalone experiment's `FragmentationMeasure` (Sources/Experiments/
/// GPUSharing/Model/FragmentationMeasure.swift) with models as ``GPUModelTable`` bits; kept exact
/// as the integer `W_n = Σ_m count_m · frag_n(m)`, `F_n = W_n / Σ_m count_m`.
struct GPUFragmentation {
    /// `Σ_m count_m` over the kept types.
    let denominator: Int64
    /// Per model slot (bit index; the last slot is nodes without a model): the weight of types
    /// that always see all idle GPU as fragment, then the GPU types that may run there (CSR).
    private let alwaysIdleWeight: [Int64]
    private let typeStart: [Int]
    private let typeCPU: [Int64]
    private let typeMilli: [Int32]
    private let typeNeed: [Int32]
    private let typeWeight: [Int64]
    /// The slot of nodes without a model bit.
    let unmodelledSlot: Int

    /// Compiles `target` for the models in `models` (which it may extend with models only pods name).
    init(target: GPUTargetWorkload, models: inout GPUModelTable) {
        denominator = Int64(target.keptCount)
        let masks = target.entries.map { models.mask($0.shape.gpuSpec) }
        unmodelledSlot = models.count
        var idle: [Int64] = []
        var start: [Int] = [0]
        var cpu: [Int64] = [], milli: [Int32] = [], need: [Int32] = [], weight: [Int64] = []
        for slot in 0...unmodelledSlot {
            let nodeBit: UInt64 = slot == unmodelledSlot ? 0 : 1 << UInt64(slot)
            var idleWeight: Int64 = 0
            for (index, entry) in target.entries.enumerated() {
                let shape = entry.shape
                if shape.gpuMilli == 0 || !(masks[index] == 0 || masks[index] & nodeBit != 0) {
                    idleWeight += Int64(entry.count)
                } else {
                    cpu.append(shape.cpuMilli)
                    milli.append(shape.gpuMilli)
                    need.append(shape.gpuCount)
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

    /// The slot of a node's model bit.
    @inline(__always)
    func slot(_ modelBit: UInt64) -> Int {
        guard modelBit != 0 else { return unmodelledSlot }
        let bit = modelBit.trailingZeroBitCount
        return bit < unmodelledSlot ? bit : unmodelledSlot
    }

    /// `W_n` for a node state.
    /// - Complexity: O(GPU task types that may run on the slot), a few SIMD operations each.
    @inline(__always)
    func weighted(cpuLeft: Int64, gpuLeft: SIMD8<Int32>, slot: Int) -> Int64 {
        let idle = Int64(gpuLeft.wrappedSum())
        if idle == 0 { return 0 }
        var total = alwaysIdleWeight[slot] * idle
        let zero = SIMD8<Int32>(repeating: 0), one = SIMD8<Int32>(repeating: 1)
        for index in typeStart[slot]..<typeStart[slot + 1] {
            let fits = gpuLeft .>= SIMD8(repeating: typeMilli[index])
            let satisfied =
                cpuLeft >= typeCPU[index] && zero.replacing(with: one, where: fits).wrappedSum() >= typeNeed[index]
            let fragment = satisfied ? Int64(gpuLeft.replacing(with: 0, where: fits).wrappedSum()) : idle
            total += typeWeight[index] * fragment
        }
        return total
    }

    /// `F_n` in milli-GPU.
    @inline(__always)
    func milliGPU(weighted: Int64) -> Double {
        denominator == 0 ? 0 : Double(weighted) / Double(denominator)
    }
}
