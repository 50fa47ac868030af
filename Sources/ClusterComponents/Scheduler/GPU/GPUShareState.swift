/// The scheduler cache's GPU-sharing bookkeeping besides the per-node ``NodeGPU``: model bits,
/// the device the FGD policy picked for the pod being assumed, and FGD's target workload with
/// its compiled fragmentation measure.
struct GPUShareState {
    /// GPU model names → bits.
    var models = GPUModelTable()
    /// The device the next assume gives a share request (-1: best fit).
    var preferredDevice = -1
    /// FGD's target workload (nil: none given; every node then measures no fragment).
    var target: GPUTargetWorkload? {
        didSet { compiled = nil }
    }
    private var compiled: GPUFragmentation?
    private var compiledModels = -1

    /// The measure of ``target``, recompiled when nodes brought new models.
    mutating func fragmentation() -> GPUFragmentation? {
        guard let target else { return nil }
        if compiled == nil || compiledModels != models.count {
            compiled = GPUFragmentation(target: target, models: &models)
            compiledModels = models.count
        }
        return compiled
    }
}
