import ClusterComponents

/// The target workload M of the fragmentation measure (Weng et al., ATC '23, §3; the artifact's
/// `utils.GetTypicalPods`, pkg/utils/frag.go): the scheduler's ``GPUTargetWorkload``, built here
/// from a trace pod list. The experiments use a 95 % popularity threshold with CPU-only pods
/// included (scripts/generate_config_and_run.py).
public typealias TargetWorkload = GPUTargetWorkload

extension GPUTargetWorkload {
    /// Builds the target workload of `pods`.
    /// - Parameters:
    ///   - popularityThreshold: percentage of pods the kept shapes must cover (artifact default 95).
    ///   - includeCPUTasks: whether CPU-only pods are task types of M (the artifact's `isInvolvedCpuPods`).
    public init(pods: [GPUTracePod], popularityThreshold: Int = 95, includeCPUTasks: Bool = true) {
        self.init(
            shapes: pods.map(GPUTaskShape.init), popularityThreshold: popularityThreshold,
            includeCPUTasks: includeCPUTasks)
    }

    /// The popularity p_m of an entry (0…1).
    public func popularity(of entry: Entry) -> Double { Double(entry.count) / Double(keptCount) }
}

extension GPUTaskShape {
    /// The shape of a trace pod.
    public init(_ pod: GPUTracePod) {
        self.init(
            cpuMilli: Int64(pod.cpuMilli), gpuMilli: Int32(pod.gpuMilli), gpuCount: Int32(pod.gpuCount),
            gpuSpec: pod.gpuSpec.joined(separator: "|"))
    }
}
