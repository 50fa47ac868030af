import ClusterComponents

/// The node fragmentation measure F_n of FGD: the scheduler's ``GPUFragmentation`` (one
/// implementation for `kubesim run` and `kubesim bench fgd`), compiled for a ``GPUModelCatalog``.
public typealias FragmentationMeasure = GPUFragmentation

extension GPUFragmentation {
    /// Compiles the measure of `target` for the models of `catalog`.
    public init(target: TargetWorkload, catalog: GPUModelCatalog) {
        self.init(
            target: target,
            modelMasks: target.entries.map {
                catalog.specMask(
                    $0.shape.gpuSpec.isEmpty ? [] : $0.shape.gpuSpec.split(separator: "|").map(String.init))
            },
            modelCount: catalog.names.count)
    }

    /// The model slot of CPU-only nodes.
    public var cpuNodeSlot: Int { unmodelledSlot }
}
