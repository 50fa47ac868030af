import KubeModel
import SimulationCore

/// The kubelet's resource metrics endpoint (`/metrics/resource`, what metrics-server scrapes):
/// each running container's CPU and memory from its behaviour and the requests its pod serves.
extension Kubelet {
    /// The use of `pod`'s running containers when it serves `requestRate` requests per second:
    /// CPU `base + perRequest × rate` cores per container, capped at the container's CPU limit
    /// (the CFS quota throttles it there); memory `start + growth × age + perRequest × rate`.
    /// - Returns: `nil` when no container of the pod runs here.
    /// - Complexity: O(containers).
    func resourceUsage(of pod: PodID, requestRate: Double) -> PodResourceUsage? {
        guard let w = workers.index(of: pod) else { return nil }
        let spec = cluster.api[pod].pod.spec
        var cpu: Int64 = 0
        var memory: Int64 = 0
        var anyRunning = false
        for container in workers[w].containers where container.running {
            anyRunning = true
            let behavior = container.behavior
            var millicores = (behavior.cpuBase + behavior.cpuPerRequest * requestRate) * 1000
            let resources =
                container.isInit
                ? spec.initContainers?[container.index].resources : spec.containers[container.index].resources
            if let limit = resources?.limits[ResourceName.cpu], limit.milliValue > 0 {
                millicores = min(millicores, Double(limit.milliValue))
            }
            cpu += Int64(millicores.rounded())
            let age = Double((cluster.now - container.startedAt).nanoseconds) / 1e9
            let bytes =
                behavior.memoryStart + behavior.memoryGrowthPerSecond * age + behavior.memoryPerRequest * requestRate
            memory += Int64(bytes.rounded())
        }
        return anyRunning ? PodResourceUsage(cpuMillicores: cpu, memoryBytes: memory) : nil
    }
}
