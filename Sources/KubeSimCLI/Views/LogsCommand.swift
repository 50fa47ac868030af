import ArgumentParser
import ClusterComponents
import KubeModel
import SimulationCore

/// `kubesim logs POD SCENARIO [-c C] [--previous] --at T`: what `kubectl logs` would print.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print what `kubectl logs` would print at an instant of the scenario.",
        discussion: """
            A container writes the lines of its behaviour's `logs` (spec.behaviors[].logs[]:
            {after: 2s, line: "…"}), each run from its start: a running container's lines up to
            now, a terminated or crash-looping one's up to its exit; --previous prints the run
            before. kubectl's rules apply: with several containers and no -c the first is taken
            (`Defaulted container "x" out of: …` on stderr); a container that never started is
            `waiting to start`; --previous without a terminated run is an error.
            Examples:
              kubesim logs crash scenarios/crashloop --at 5m
              kubesim logs crash scenarios/crashloop --at 5m --previous
            """
    )

    @Argument(help: "The pod's name.")
    var name: String

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "The container (default: the first, as kubectl defaults it).")
    var container: String?

    @Flag(name: .shortAndLong, help: "The previous run of the container.")
    var previous = false

    @Option(name: .shortAndLong, help: "Namespace of the pod.")
    var namespace: String = "default"

    func run() throws {
        let (runner, _, now) = try replay.replay()
        let cluster = runner.cluster
        guard let id = cluster.api.podID(namespace: namespace, name: name) else {
            StandardError.write("Error from server (NotFound): pods \"\(name)\" not found\n")
            throw ExitCode.failure
        }
        let pod = cluster.api[id]
        let spec = pod.pod.spec
        let inits = spec.initContainers ?? []
        let chosen: String
        if let container {
            chosen = container
        } else {
            // kubectl's podcmd.FindOrDefaultContainerByName: the default-container annotation,
            // else the first container, announced when there was a choice (AllContainerNames).
            chosen =
                pod.pod.metadata.annotations?["kubectl.kubernetes.io/default-container"]
                .flatMap { name in spec.containers.contains { $0.name == name } ? name : nil }
                ?? spec.containers[0].name
            if spec.containers.count + inits.count > 1 {
                let names = spec.containers.map(\.name) + inits.map { "\($0.name) (init)" }
                StandardError.write(
                    "Defaulted container \"\(chosen)\" out of: \(names.joined(separator: ", "))\n")
            }
        }
        // The API server's LogLocation (pkg/registry/core/pod/strategy.go) and the kubelet's
        // answers, as kubectl prints them.
        let isInit = !spec.containers.contains { $0.name == chosen }
        let index = isInit ? inits.firstIndex { $0.name == chosen } : spec.containers.firstIndex { $0.name == chosen }
        guard let index else {
            StandardError.write(
                "Error from server (BadRequest): container \(chosen) is not valid for pod \(name)\n")
            throw ExitCode.failure
        }
        let statuses = isInit ? pod.status.initContainerStatuses : pod.status.containerStatuses
        let image = (isInit ? inits[index] : spec.containers[index]).image ?? ""
        let status = statuses.first { $0.name == chosen }
        // The instance whose output is shown: [start, end].
        var run: (start: SimulationTime, end: SimulationTime)?
        if previous {
            guard let last = status?.lastTermination else {
                StandardError.write(
                    "Error from server (BadRequest): previous terminated container \"\(chosen)\" in pod \"\(name)\" not found\n"
                )
                throw ExitCode.failure
            }
            run = (last.startedAt, last.finishedAt)
        } else if let status {
            switch status.state {
            case .running(let startedAt): run = (startedAt, now)
            case .terminated(let t): run = (t.startedAt, t.finishedAt)
            case .waiting: run = status.lastTermination.map { ($0.startedAt, $0.finishedAt) }
            }
        }
        guard let run else {
            let reason = status?.state.waitingReason.flatMap { $0.isEmpty ? nil : $0 } ?? "ContainerCreating"
            StandardError.write(
                "Error from server (BadRequest): container \"\(chosen)\" in pod \"\(name)\" is waiting to start: \(reason)\n"
            )
            throw ExitCode.failure
        }
        let lines = runner.logLines(
            of: pod, container: ContainerRef(isInit: isInit, index: index, name: chosen, image: image))
        let length = run.end - run.start
        for line in lines where SimulationDuration.seconds(line.after) <= length { print(line.line) }
    }
}
