import ClusterComponents
import KubeModel

extension ScenarioRunner {
    /// A node of a pool read from a node list: the listed name, capacity and labels over the
    /// pool's defaults, labels and taints.
    static func node(listed: ListedNode, pool: NodePool) -> Node {
        var merged = pool
        for (resource, quantity) in listed.capacity { merged.capacity[resource] = quantity }
        for (key, value) in listed.labels { merged.labels[key] = value }
        return Self.node(named: listed.name, pool: merged)
    }

    /// Gives the scheduler FGD's target workload M: the task shapes of every openb trace the
    /// workloads replay, as the FGD artifact builds M from its whole pod list
    /// (`utils.GetTypicalPods`, 95 % popularity, CPU-only tasks included). Without trace
    /// workloads the scheduler gets none (FGD then scores every node 50).
    func installGPUTargetWorkload() {
        var shapes: [GPUTaskShape] = []
        for workload in input.scenario.workloads {
            guard case .trace(let spec) = workload.arrivals,
                let trace = try? OpenBTrace(
                    contentsOf: ScenarioReader.resolve(spec.file, against: input.scenario.baseDirectory))
            else { continue }
            let limit = workload.count ?? trace.records.count
            for record in trace.records.prefix(limit) {
                shapes.append(
                    GPUTaskShape(
                        cpuMilli: record.cpuMilli, gpuMilli: Int32(clamping: record.gpuMilli),
                        gpuCount: Int32(clamping: record.numGPU), gpuSpec: record.gpuSpec))
            }
        }
        if !shapes.isEmpty { cluster.scheduler.setGPUTargetWorkload(GPUTargetWorkload(shapes: shapes)) }
    }
}
