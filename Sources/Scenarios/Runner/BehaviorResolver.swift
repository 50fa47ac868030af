import ClusterComponents
import KubeModel
import Stochastics

/// Turns the Scenario's `behaviors` into what the kubelet runs: the first behaviour whose
/// match accepts the pod and container wins; otherwise the container's `command`/`args` are
/// read for the obvious cases (`sleep N`, `exit N`), else it runs forever (format page).
///
/// Values a behaviour gives as distributions but the kubelet needs as numbers (memory start
/// and growth, write rates) are drawn once per container from the `behaviors` stream, so a
/// run's draws depend only on the seed and the order pods are created.
final class BehaviorResolver {
    let behaviors: [Behavior]
    var source: RandomSource

    init(behaviors: [Behavior], streams: RandomStreams) {
        self.behaviors = behaviors
        self.source = streams.stream(named: "scenario/behaviors")
    }

    /// The first behaviour whose match accepts the container, as written (no draws).
    func matching(_ pod: PodObject, container: ContainerRef) -> Behavior? {
        let labels = pod.pod.metadata.labels ?? [:]
        return behaviors.first { behavior in
            behavior.match.matches(
                podName: pod.name, namespace: pod.namespace, labels: labels, containerName: container.name,
                image: container.image)
        }
    }

    func behavior(for pod: PodObject, container: ContainerRef) -> ContainerBehavior {
        let labels = pod.pod.metadata.labels ?? [:]
        for behavior in behaviors
        where behavior.match.matches(
            podName: pod.name, namespace: pod.namespace, labels: labels, containerName: container.name,
            image: container.image)
        {
            return convert(behavior)
        }
        return .default  // the kubelet reads `sleep N`/`exit N` commands when no behaviour matches
    }

    func convert(_ behavior: Behavior) -> ContainerBehavior {
        let runs = behavior.runs.isEmpty ? [ContainerBehavior.Run(duration: nil)] : behavior.runs
        var result = ContainerBehavior(runs: runs)
        switch behavior.ready {
        case .after(let delay): result.readyAfter = delay
        case .never: result.readyAfter = .constant(.infinity)
        case nil: break
        }
        if let memory = behavior.memory {
            result.memoryStart = memory.start.sample(using: &source)
            result.memoryGrowthPerSecond = memory.growth.sample(using: &source)
            result.memoryPerRequest = memory.perRequest
        }
        if let cpu = behavior.cpu {
            result.cpuBase = cpu.base
            result.cpuPerRequest = cpu.perRequest
        }
        result.volumeWrites = behavior.writes.map {
            ContainerBehavior.VolumeWrite(volume: $0.volume, bytesPerSecond: $0.rate.sample(using: &source))
        }
        result.unhealthyAfter = behavior.livenessFailAfter
        if behavior.ignoresSigterm {
            result.terminationDelay = nil
        } else if let delay = behavior.terminationDelay {
            result.terminationDelay = delay
        } else {
            result.terminationDelay = ContainerBehavior.default.terminationDelay
        }
        return result
    }
}
