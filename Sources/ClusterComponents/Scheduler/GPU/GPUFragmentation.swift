import Foundation

/// FGD's node fragmentation measure `F_n = Σ_m p_m · frag_n(m)` in milli-GPU (Weng et al.,
/// ATC '23, §3.2; the artifact's `utils.NodeGpuShareFragAmount`, pkg/utils/frag.go), compiled
/// for a set of GPU model bits. `frag_n(m)` is all idle GPU milli of n when m needs no GPU,
/// may not use n's model, or cannot run on n for lack of CPU or GPU; otherwise the idle milli on
/// devices whose leftover is below m's per-GPU demand. Memory plays no part, as in the artifact.
/// Kept exact as the integer `W_n = Σ_m count_m · frag_n(m)`, `F_n = W_n / Σ_m count_m`.
///
/// The one implementation of the measure: the scheduler's FGD policy compiles it for its
/// ``GPUModelTable``, the standalone ATC'23 experiment (`kubesim bench fgd`) for its own.
public struct GPUFragmentation: Sendable {
    /// `Σ_m count_m` over the kept types.
    public let denominator: Int64
    /// Per model slot (bit index; the last slot is nodes without a model): the weight of types
    /// that always see all idle GPU as fragment, then the GPU types that may run there (CSR).
    @usableFromInline let alwaysIdleWeight: [Int64]
    @usableFromInline let typeStart: [Int]
    @usableFromInline let typeCPU: [Int64]
    @usableFromInline let typeMilli: [Int32]
    @usableFromInline let typeNeed: [Int32]
    @usableFromInline let typeWeight: [Int64]
    /// The slot of nodes without a model bit (CPU-only nodes).
    public let unmodelledSlot: Int

    /// Compiles `target` for the models in `models` (which it may extend with models only pods name).
    public init(target: GPUTargetWorkload, models: inout GPUModelTable) {
        let masks = target.entries.map { models.mask($0.shape.gpuSpec) }
        self.init(target: target, modelMasks: masks, modelCount: models.count)
    }

    /// Compiles `target` given each entry's allowed-model mask (0: any model) and the number of
    /// model bits in use (slots 0..<modelCount; slot `modelCount` is nodes without a model).
    /// A type may run on a node of bit b when its mask is 0 or contains b
    /// (the artifact's `utils.IsNodeAccessibleToPodByType`).
    public init(target: GPUTargetWorkload, modelMasks masks: [UInt64], modelCount: Int) {
        denominator = Int64(target.keptCount)
        unmodelledSlot = modelCount
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

    /// The slot of a node's model bit: its bit index, or ``unmodelledSlot`` for a node without a
    /// model (and for the shared bit 63 of a saturated ``GPUModelTable``).
    @inline(__always)
    public func slot(_ modelBit: UInt64) -> Int {
        guard modelBit != 0 else { return unmodelledSlot }
        let bit = modelBit.trailingZeroBitCount
        return bit < unmodelledSlot ? bit : unmodelledSlot
    }

    /// `W_n` for a node state.
    /// - Complexity: O(GPU task types that may run on the slot), a few SIMD operations each.
    @inlinable @inline(__always)
    public func weighted(cpuLeft: Int64, gpuLeft: SIMD8<Int32>, slot: Int) -> Int64 {
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

    /// `F_n` in milli-GPU (an empty target workload measures no fragment).
    @inlinable @inline(__always)
    public func milliGPU(weighted: Int64) -> Double {
        denominator == 0 ? 0 : Double(weighted) / Double(denominator)
    }

    /// The FGD score of a placement (the artifact's fgd_score.go,
    /// `calculateGpuShareFragExtendScore`): `int(100 × sigmoid((F_n − F_n') / 1000))`, where n'
    /// is the node after the placement (CPU and GPU subtracted, not memory, as in the artifact).
    /// A sharing request tries every device with room and keeps the first (lowest index) with
    /// the best score, which is also where it goes (`allocateGpuIdBasedOnFGDScore`); whole GPUs
    /// come from the first devices with room (which ones does not change F_n').
    /// - Parameters:
    ///   - cpuAfter: free CPU millicores after the placement.
    ///   - gpuFree: free milli-GPU per device now (unused lanes 0); `devices` of them exist.
    ///   - weightedBefore: the node's `W_n` now.
    ///   - share, milli, count: the request (a fraction of one device, or `count` devices of `milli`).
    /// - Returns: the score and the chosen device (-1 for whole-GPU requests).
    /// - Complexity: one ``weighted(cpuLeft:gpuLeft:slot:)`` per distinct device leftover.
    @inlinable
    public func fgdScore(
        cpuAfter: Int64, gpuFree: SIMD8<Int32>, devices: Int, slot: Int, weightedBefore: Int64, share: Bool,
        milli: Int32, count: Int32
    ) -> (score: Int, device: Int) {
        let before = milliGPU(weighted: weightedBefore)
        @inline(__always) func score(_ after: SIMD8<Int32>) -> Int {
            let reduction = before - milliGPU(weighted: weighted(cpuLeft: cpuAfter, gpuLeft: after, slot: slot))
            return Int(1.0 / (1.0 + exp(-(reduction / 1000))) * 100)
        }
        guard share else {
            var after = gpuFree
            var remaining = count
            for lane in 0..<devices where remaining > 0 && after[lane] >= milli {
                after[lane] -= milli
                remaining -= 1
            }
            return (score(after), -1)
        }
        var best = 0
        var device = -1
        // Devices with equal leftovers score the same: score each leftover once.
        var triedLeft = SIMD8<Int32>(repeating: -1)
        var triedScore = SIMD8<Int32>(repeating: 0)
        var tried = 0
        for lane in 0..<devices where gpuFree[lane] >= milli {
            var value = -1
            for index in 0..<tried where triedLeft[index] == gpuFree[lane] { value = Int(triedScore[index]) }
            if value < 0 {
                var after = gpuFree
                after[lane] -= milli
                value = score(after)
                triedLeft[tried] = gpuFree[lane]
                triedScore[tried] = Int32(value)
                tried += 1
            }
            if device == -1 || value > best {
                best = value
                device = lane
            }
        }
        return (best, device)
    }
}
