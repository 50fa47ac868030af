import ArgumentParser
import ClusterComponents
import SimulationOutput

/// `kubesim describe pod NAME SCENARIO --at T`.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print what `kubectl describe pod` or `describe node` would print at an instant of the scenario.",
        discussion: """
            Examples:
              kubesim describe pod crash scenarios/crashloop --at 14m
              kubesim describe pod mc1 scenarios/seeds/pods03.yaml --at 1m
              kubesim describe node general-0 scenarios/demo --at 12m
            """
    )

    @Argument(help: "The kind: pod or node.")
    var kind: String

    @Argument(help: "The pod's name.")
    var name: String

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "Namespace of the pod.")
    var namespace: String = "default"

    func validate() throws {
        guard ["pod", "pods", "po", "node", "nodes", "no"].contains(kind) else {
            throw ValidationError("describe supports pods and nodes, got \"\(kind)\"")
        }
    }

    func run() throws {
        let (runner, log, now) = try replay.replay()
        let cluster = runner.cluster
        if ["node", "nodes", "no"].contains(kind) {
            guard let node = cluster.api.nodeID(named: name).map({ cluster.api[$0] }), !node.isRemoved else {
                StandardError.write("Error from server (NotFound): nodes \"\(name)\" not found\n")
                throw ExitCode.failure
            }
            let events = log.events.filter { $0.kind == "Node" && $0.name == name }
            return print(
                NodeDescriber.describe(
                    node, pods: cluster.api.pods, events: events, now: now,
                    originUnixSeconds: cluster.configuration.startTimeUnixSeconds),
                terminator: "")
        }
        // The live pod of that name; a deleted one is gone from the API server, as in kubectl.
        guard let id = cluster.api.podID(namespace: namespace, name: name) else {
            // kubectl prints the API server's NotFound on stderr and exits 1.
            StandardError.write("Error from server (NotFound): pods \"\(name)\" not found\n")
            throw ExitCode.failure
        }
        let events = log.events.filter { $0.kind == "Pod" && $0.name == name && $0.namespace == namespace }
        print(
            PodDescriber.describe(
                cluster.api[id], events: events, now: now,
                originUnixSeconds: cluster.configuration.startTimeUnixSeconds,
                version: cluster.configuration.kubernetesVersion),
            terminator: "")
    }
}
