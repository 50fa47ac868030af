import ClusterComponents

/// The node fragmentation measure F_n of FGD: the scheduler's ``GPUFragmentation`` (one
/// implementation for `kubesim run` and `kubesim bench fgd`), compiled for the experiment's
/// ``GPUModelTable`` with ``GPUFragmentation/init(target:models:)``.
public typealias FragmentationMeasure = GPUFragmentation
