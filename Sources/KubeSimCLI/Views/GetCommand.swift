import ArgumentParser
import ClusterComponents
import Foundation
import SimulationOutput

/// `kubesim get RESOURCE SCENARIO --at T`: what kubectl would print at that instant.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print what `kubectl get` would print at an instant of the scenario.",
        discussion: """
            Replays the scenario to --at and prints the table as kubectl does (columns, STATUS
            precedence, RESTARTS "5 (2m18s ago)", AGE).
            Examples:
              kubesim get pods scenarios/crashloop --at 5m
              kubesim get pod/crash scenarios/crashloop --at 5m
              kubesim get pods scenarios/demo --at 12m -o wide
              kubesim get nodes scenarios/demo --at 11m
              kubesim get events scenarios/crashloop --at 3m
              kubesim get deployments scenarios/demo --at 12m
            Any kind the inputs created can be listed: pods, nodes, events, deployments (deploy),
            replicasets (rs), daemonsets (ds), statefulsets (sts), jobs, namespaces (ns),
            configmaps (cm), secrets, priorityclasses (pc), poddisruptionbudgets (pdb), and kinds
            kubesim stores without simulating them (by their plural, e.g. ingresses).
            """
    )

    enum Resource: String, CaseIterable {
        case pods, pod, po, nodes, node, no, events, event, ev
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, wide
    }

    @Argument(
        help:
            "pods, nodes, events, or any other kind's resource name (deployments, ds, sts, pdb, …); pod/NAME for one pod."
    )
    var resource: String

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "Output: table (default) or wide.")
    var output: Format = .table

    @Option(name: .shortAndLong, help: "Only this namespace (pods and events).")
    var namespace: String?

    func run() throws {
        let (runner, log, now) = try replay.replay()
        let cluster = runner.cluster
        let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            // `kubectl get pod/NAME`: the live pod, or the API server's NotFound and exit 1.
            guard ["pods", "pod", "po"].contains(parts[0].lowercased()) else {
                StandardError.write("error: kubesim get KIND/NAME supports pods (pod/NAME), got \"\(resource)\"\n")
                throw ExitCode.failure
            }
            guard let id = cluster.api.podID(namespace: namespace ?? "default", name: parts[1]) else {
                StandardError.write("Error from server (NotFound): pods \"\(parts[1])\" not found\n")
                throw ExitCode.failure
            }
            return print(PodPrinter.table([cluster.api[id]], now: now, wide: output == .wide), terminator: "")
        }
        switch Resource(rawValue: resource.lowercased()) {
        case .pods, .pod, .po:
            // The API server lists objects in key order (namespace, then name), and so does kubectl.
            let pods = cluster.api.pods.filter { !$0.isRemoved && (namespace == nil || $0.namespace == namespace) }
                .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            if pods.isEmpty { return print("No resources found in \(namespace ?? "default") namespace.") }
            print(PodPrinter.table(pods, now: now, wide: output == .wide), terminator: "")
        case .nodes, .node, .no:
            print(
                NodePrinter.table(
                    cluster.api.nodes.filter { !$0.isRemoved }.sorted { $0.name < $1.name }, now: now,
                    version: "v\(cluster.configuration.kubernetesVersion).0"),
                terminator: "")
        case .events, .event, .ev:
            let events = log.events.filter { namespace == nil || $0.namespace == namespace }
            if events.isEmpty { return print("No resources found in \(namespace ?? "default") namespace.") }
            print(EventPrinter.table(events, now: now), terminator: "")
        case nil:
            let view = ClusterView(cluster)
            guard
                let table = ObjectPrinter.table(
                    resource: resource, in: view, namespace: namespace, now: now, wide: output == .wide)
            else {
                let known =
                    ObjectPrinter.kind(forResource: resource) != nil
                    || ObjectPrinter.storedKind(named: resource, in: view) != nil
                guard known else {
                    StandardError.write(
                        "error: the server doesn't have a resource type \"\(resource)\"\n")
                    throw ExitCode.failure
                }
                return print("No resources found in \(namespace ?? "default") namespace.")
            }
            print(table, terminator: "")
        }
    }
}
