import KubeModel
import SimulationCore

extension ClusterLedger {
    /// Time-weighted utilisation from the start of the run to `time`.
    /// - Complexity: O(pools × resources).
    func utilization(at time: SimulationTime) -> RunSummary.Utilization {
        advance(to: time)
        var result = RunSummary.Utilization()
        result.cluster = usage(of: aggregates[0], over: time.nanoseconds)
        for (p, name) in poolNames.enumerated() {
            result.pools[name] = usage(of: aggregates[p + 1], over: time.nanoseconds)
        }
        return result
    }

    private func usage(of aggregate: Aggregate, over span: Int64) -> [String: RunSummary.ResourceUsage] {
        var table: [String: RunSummary.ResourceUsage] = [:]
        for (r, name) in resourceNames.enumerated() {
            guard
                aggregate.allocatable[r] > 0 || aggregate.peakRequested[r] > 0
                    || aggregate.allocatableIntegral[r].doubleValue > 0
            else { continue }
            var usage = RunSummary.ResourceUsage()
            let requestedIntegral = aggregate.requestedIntegral[r].doubleValue
            let allocatableIntegral = aggregate.allocatableIntegral[r].doubleValue
            if span > 0 {
                usage.requestedMean = Self.units(requestedIntegral / Double(span))
                usage.allocatableMean = Self.units(allocatableIntegral / Double(span))
            } else {
                usage.requestedMean = Self.units(Double(aggregate.requested[r]))
                usage.allocatableMean = Self.units(Double(aggregate.allocatable[r]))
            }
            usage.meanFraction =
                allocatableIntegral > 0
                ? DistributionSummary.round(requestedIntegral / allocatableIntegral)
                : (aggregate.allocatable[r] > 0
                    ? DistributionSummary.round(Double(aggregate.requested[r]) / Double(aggregate.allocatable[r])) : 0)
            usage.requestedPeak = Self.units(Double(aggregate.peakRequested[r]))
            usage.peakFraction = DistributionSummary.round(aggregate.peakFraction[r])
            usage.requestedAtEnd = Self.units(Double(aggregate.requested[r]))
            usage.allocatableAtEnd = Self.units(Double(aggregate.allocatable[r]))
            table[name] = usage
        }
        return table
    }

    /// Milli-units to whole units, rounded to a millionth.
    static func units(_ milli: Double) -> Double { DistributionSummary.round(milli / 1000) }

    /// The lower median of `values` (0 when empty).
    static func lowerMedian(_ values: [Int64]) -> Int64 {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[(sorted.count - 1) / 2]
    }

    /// The typical pod's CPU and memory request, in milli-units: the lower medians over all
    /// pods created, taken separately.
    func typicalPodRequest() -> (cpu: Int64, memory: Int64) {
        let cpu = resource(ResourceName.cpu), memory = resource(ResourceName.memory)
        var cpus: [Int64] = [], memories: [Int64] = []
        cpus.reserveCapacity(pods.count)
        memories.reserveCapacity(pods.count)
        for pod in pods {
            var c: Int64 = 0, m: Int64 = 0
            for (r, milli) in pod.requests {
                if r == cpu { c = milli } else if r == memory { m = milli }
            }
            cpus.append(c)
            memories.append(m)
        }
        return (Self.lowerMedian(cpus), Self.lowerMedian(memories))
    }

    /// Capacity stranded on live nodes that cannot take a typical pod (see ``RunSummary/Fragmentation``).
    /// - Complexity: O(pods log pods + nodes).
    func fragmentation() -> RunSummary.Fragmentation {
        let cpu = resource(ResourceName.cpu), memory = resource(ResourceName.memory)
        let podsResource = resource(ResourceName.pods)
        let typical = typicalPodRequest()
        var result = RunSummary.Fragmentation()
        result.typicalPodCPU = Self.units(Double(typical.cpu))
        result.typicalPodMemory = Self.units(Double(typical.memory))
        var strandedCPU: Int64 = 0, strandedMemory: Int64 = 0
        var stillFit = 0
        for node in nodes where node.live {
            result.nodes += 1
            let freeCPU = max(0, node.allocatable[cpu] - node.requested[cpu])
            let freeMemory = max(0, node.allocatable[memory] - node.requested[memory])
            let freeSlots = max(0, (node.allocatable[podsResource] - node.requested[podsResource]) / 1000)
            var fit = freeSlots
            if typical.cpu > 0 { fit = min(fit, freeCPU / typical.cpu) }
            if typical.memory > 0 { fit = min(fit, freeMemory / typical.memory) }
            if fit < 1 {
                result.nodesThatCannotFitTypicalPod += 1
                strandedCPU += freeCPU
                strandedMemory += freeMemory
            } else {
                stillFit += Int(fit)
            }
        }
        result.typicalPodsThatStillFit = stillFit
        result.strandedCPU = Self.units(Double(strandedCPU))
        result.strandedMemory = Self.units(Double(strandedMemory))
        let allocatable = aggregates[0].allocatable
        if allocatable[cpu] > 0 {
            result.strandedCPUFraction = DistributionSummary.round(Double(strandedCPU) / Double(allocatable[cpu]))
        }
        if allocatable[memory] > 0 {
            result.strandedMemoryFraction = DistributionSummary.round(
                Double(strandedMemory) / Double(allocatable[memory]))
        }
        return result
    }
}
