import Foundation

extension GPUSharingCluster {
    /// The FGD score of placing `task` on `node` (fgd_score.go, `calculateGpuShareFragExtendScore`):
    /// `int(100 × sigmoid((F_n − F_n') / 1000))`, where n' is the node after the placement. For a sharing task
    /// every device with room is tried and the first (lowest index) with the best score is kept — that device is
    /// also where the task goes (`allocateGpuIdBasedOnFGDScore`). As in the artifact, n' subtracts CPU and GPU
    /// but not memory.
    /// - Returns: the score and the chosen device (-1 when the task takes whole GPUs or none).
    /// - Complexity: one ``FragmentationMeasure/weighted(cpuLeft:gpuLeft:slot:)`` per distinct device leftover.
    public func fgdScore(_ task: GPUTask, on node: Int) -> (score: Int, device: Int) {
        let before = measure.milliGPU(weighted: weightedFragmentation[node])
        let cpuAfter = cpuLeft[node] - task.cpuMilli
        let lanes = gpuLeft[node]
        let slot = modelSlot[node]
        @inline(__always) func score(_ after: SIMD8<Int32>) -> Int {
            let reduction = before - measure.milliGPU(weighted: measure.weighted(cpuLeft: cpuAfter, gpuLeft: after, slot: slot))
            return Int(1.0 / (1.0 + exp(-(reduction / 1000))) * 100)
        }
        guard task.isGPUShare else {
            // nodeRes.Sub: whole GPUs come from devices with 1000 left; which ones does not change F_n'.
            var after = lanes
            var remaining = task.gpuCount
            for lane in 0..<Int(gpuCount[node]) where remaining > 0 && after[lane] == 1000 {
                after[lane] = 0
                remaining -= 1
            }
            return (score(after), -1)
        }
        var best = 0
        var device = -1
        var triedLeft = SIMD8<Int32>(repeating: -1)
        var triedScore = SIMD8<Int32>(repeating: 0)
        var tried = 0
        for lane in 0..<Int(gpuCount[node]) where lanes[lane] >= task.gpuMilli {
            var value = -1
            for index in 0..<tried where triedLeft[index] == lanes[lane] { value = Int(triedScore[index]) }
            if value < 0 {
                var after = lanes
                after[lane] -= task.gpuMilli
                value = score(after)
                triedLeft[tried] = lanes[lane]
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
