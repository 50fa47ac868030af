import ArgumentParser
import ClusterComponents
import Foundation
import KubeModel
import SimulationOutput

/// `kubesim describe KIND [NAME] SCENARIO --at T`.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print what `kubectl describe` of pods, nodes or services would print at an instant of the scenario.",
        discussion: """
            Without a name, every object of the kind in the namespace is described, as kubectl
            does; a name that matches no object describes those whose names start with it
            (kubectl's DescribeMatchingResources). A first argument after the kind that is a file
            or folder on disk is read as a scenario path, not a name.
            Examples:
              kubesim describe pod crash scenarios/crashloop --at 14m
              kubesim describe pod mc1 scenarios/seeds/pods03.yaml --at 1m
              kubesim describe pods scenarios/seeds/pods03.yaml --at 1m
              kubesim describe node general-0 scenarios/demo --at 12m
              kubesim describe svc kubernetes scenarios/seeds/pods03.yaml --at 1m
            """
    )

    @Argument(help: "The kind: pod, node or service (po, no, svc and plurals).")
    var kind: String

    @Argument(help: "The object's name; omitted: all of the kind in the namespace.")
    var name: String?

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "Namespace of the pod or service.")
    var namespace: String = "default"

    static let podKinds: Set = ["pod", "pods", "po"]
    static let nodeKinds: Set = ["node", "nodes", "no"]
    static let serviceKinds: Set = ["service", "services", "svc"]

    func validate() throws {
        guard Self.podKinds.union(Self.nodeKinds).union(Self.serviceKinds).contains(kind) else {
            throw ValidationError("describe supports pods, nodes and services, got \"\(kind)\"")
        }
    }

    func run() throws {
        let (name, replay) = self.replay.taking(name: self.name)
        let (runner, log, now) = try replay.replay()
        let cluster = runner.cluster
        let origin = cluster.configuration.startTimeUnixSeconds
        var names: [String]
        let resource: String
        let describe: (String) -> String
        if Self.nodeKinds.contains(kind) {
            resource = "nodes"
            names = cluster.api.nodes.filter { !$0.isRemoved }.map(\.name).sorted()
            describe = { name in
                let node = cluster.api[cluster.api.nodeID(named: name)!]
                let events = log.events.filter { $0.kind == "Node" && $0.name == name }
                return NodeDescriber.describe(
                    node, pods: cluster.api.pods, events: events, now: now, originUnixSeconds: origin)
            }
        } else if Self.serviceKinds.contains(kind) {
            resource = "services"
            names = cluster.api.objects.filter {
                $0.kind == "Service" && $0.deletedAt == nil && $0.namespace == namespace
            }
            .map(\.name).sorted()
            describe = { name in
                guard
                    case .service(let service)? = cluster.api.object(kind: "Service", namespace: namespace, name: name)?
                        .object
                else { return "" }
                let events = log.events.filter { $0.kind == "Service" && $0.name == name && $0.namespace == namespace }
                return ServiceDescriber.describe(
                    service, namespace: namespace,
                    slices: cluster.api.endpointSlices(of: service, namespace: namespace),
                    events: events, now: now)
            }
        } else {
            resource = "pods"
            // Live pods only: a deleted one is gone from the API server, as in kubectl.
            names = cluster.api.pods.filter { !$0.isRemoved && $0.namespace == namespace }.map(\.name).sorted()
            describe = { name in
                let events = log.events.filter { $0.kind == "Pod" && $0.name == name && $0.namespace == namespace }
                return PodDescriber.describe(
                    cluster.api[cluster.api.podID(namespace: namespace, name: name)!], events: events, now: now,
                    originUnixSeconds: origin, version: cluster.configuration.kubernetesVersion)
            }
        }
        guard let name else {
            // `kubectl describe KIND`: every object, separated by a blank line ("\n\n%s").
            if names.isEmpty {
                // kubectl names the namespace even for nodes (only --all-namespaces drops it).
                StandardError.write("No resources found in \(namespace) namespace.\n")
            }
            return print(names.map(describe).joined(separator: "\n\n"), terminator: "")
        }
        if names.contains(name) { return print(describe(name), terminator: "") }
        // DescribeMatchingResources: the objects whose names start with `name`, each followed
        // by a newline; none: the API server's NotFound, exit 1.
        let matching = names.filter { $0.hasPrefix(name) }
        guard !matching.isEmpty else {
            StandardError.write("Error from server (NotFound): \(resource) \"\(name)\" not found\n")
            throw ExitCode.failure
        }
        for match in matching { print(describe(match)) }
    }
}
