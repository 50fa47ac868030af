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

    func behavior(for pod: PodObject, container: ContainerRef) -> ContainerBehavior {
        let labels = pod.pod.metadata.labels ?? [:]
        for behavior in behaviors
        where behavior.match.matches(
            podName: pod.name, namespace: pod.namespace, labels: labels, containerName: container.name,
            image: container.image)
        {
            return convert(behavior)
        }
        let spec = container.isInit ? pod.pod.spec.initContainers?[container.index] : pod.pod.spec.containers[container.index]
        if let spec, let commandBehavior = Self.fromCommand(spec) { return commandBehavior }
        return .default
    }

    func convert(_ behavior: Behavior) -> ContainerBehavior {
        let runs = behavior.runs.isEmpty ? [ContainerBehavior.Run(duration: nil)] : behavior.runs.map {
            ContainerBehavior.Run(duration: $0.duration, exitCode: $0.exitCode)
        }
        var result = ContainerBehavior(runs: runs)
        switch behavior.ready {
        case .after(let delay): result.readyAfter = delay
        case .never: result.readyAfter = .constant(.infinity)
        case nil: break
        }
        if let memory = behavior.memory {
            result.memoryStart = memory.start.sample(using: &source)
            result.memoryGrowthPerSecond = memory.growth.sample(using: &source)
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

    /// `sleep N` runs N seconds and exits 0; `exit N` (also `sh -c "exit N"`) exits N at once.
    static func fromCommand(_ container: Container) -> ContainerBehavior? {
        let words = ((container.command ?? []) + (container.args ?? [])).flatMap { $0.split(separator: " ").map(String.init) }
        guard let verb = words.firstIndex(where: { $0 == "sleep" || $0 == "exit" }), verb + 1 < words.count else {
            return nil
        }
        let argument = words[verb + 1].trimmingCharacters(in: .init(charactersIn: "\";'"))
        if words[verb] == "sleep" {
            if argument == "infinity" { return .default }
            guard let seconds = Double(argument), seconds >= 0 else { return nil }
            var behavior = ContainerBehavior(runs: [.init(duration: .constant(seconds), exitCode: 0)])
            behavior.terminationDelay = ContainerBehavior.default.terminationDelay
            return behavior
        }
        guard let code = Int32(argument) else { return nil }
        return ContainerBehavior(runs: [.init(duration: .constant(0), exitCode: code)])
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension Set where Element == Character {
    fileprivate init(charactersIn text: String) { self.init(Array(text)) }
}
