@testable import Experiments

/// Small hand-built clusters and pod lists for the GPU-sharing tests.
enum GPUSharingFixtures {
    static func node(
        _ name: String, cpu: Int = 64_000, memory: Int = 262_144, gpus: Int, model: String = "T4"
    )
        -> GPUTraceNode
    {
        GPUTraceNode(name: name, cpuMilli: cpu, memoryMiB: memory, gpuCount: gpus, model: gpus == 0 ? "" : model)
    }

    static func pod(
        _ name: String, cpu: Int = 1000, memory: Int = 1024, gpus: Int = 0, milli: Int = 0, spec: [String] = []
    ) -> GPUTracePod {
        GPUTracePod(name: name, cpuMilli: cpu, memoryMiB: memory, gpuCount: gpus, gpuMilli: milli, gpuSpec: spec)
    }

    /// `count` copies of a pod shape, named `prefix-i`.
    static func pods(_ prefix: String, _ count: Int, cpu: Int = 1000, gpus: Int = 0, milli: Int = 0) -> [GPUTracePod] {
        (0..<count).map { pod("\(prefix)-\($0)", cpu: cpu, gpus: gpus, milli: milli) }
    }

    /// The first task of `workload` with the given shape.
    static func task(_ workload: GPUSharingWorkload, gpus: Int, milli: Int, cpu: Int = 1000) -> GPUTask {
        workload.tasks.first { $0.gpuCount == gpus && $0.gpuMilli == milli && $0.cpuMilli == cpu }!
    }
}
