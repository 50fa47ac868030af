extension GPUSharingCluster {
    /// The FGD score of placing `task` on `node`, and the device a sharing task goes to (-1 when
    /// it takes whole GPUs): ``GPUFragmentation/fgdScore(cpuAfter:gpuFree:devices:slot:weightedBefore:share:milli:count:)``,
    /// the same computation the cluster scheduler's FGD policy uses.
    public func fgdScore(_ task: GPUTask, on node: Int) -> (score: Int, device: Int) {
        measure.fgdScore(
            cpuAfter: Int64(cpuLeft[node] - task.cpuMilli), gpuFree: gpus[node].free, devices: Int(gpus[node].count),
            slot: modelSlot[node], weightedBefore: weightedFragmentation[node], share: task.isGPUShare,
            milli: task.gpuMilli, count: task.gpuCount)
    }
}
