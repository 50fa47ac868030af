import ArgumentParser
import ClusterComponents
import Foundation
import KubeAPIServer
import SimulationCore
import SimulationOutput

/// `kubesim get RESOURCE[,RESOURCE…] [NAME] SCENARIO --at T`: what kubectl would print at that
/// instant.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print what `kubectl get` would print at an instant of the scenario.",
        discussion: """
            Replays the scenario to --at and prints the table as kubectl does (columns, STATUS
            precedence, RESTARTS "5 (2m18s ago)", AGE); -o json|yaml prints the objects as the
            API server returns them (kubectl's key order; several objects as a `List`).
            Several kinds (`po,svc,deploy`, or `all`) print one table per kind with names as
            `pod/NAME`, `service/NAME`, `deployment.apps/NAME`, as kubectl does.
            A first argument after the resource that is a file or folder on disk is a scenario
            path, not a name.
            Examples:
              kubesim get pods scenarios/crashloop --at 5m
              kubesim get pod/crash scenarios/crashloop --at 5m
              kubesim get pods scenarios/demo --at 12m -o wide
              kubesim get po,svc,deploy scenarios/demo --at 12m
              kubesim get svc kubernetes scenarios/demo --at 12m -o yaml
              kubesim get nodes scenarios/demo --at 11m
              kubesim get events scenarios/crashloop --at 3m
            Any kind the inputs created can be listed: pods, nodes, events, services (svc),
            deployments (deploy), replicasets (rs), daemonsets (ds), statefulsets (sts), jobs,
            namespaces (ns), configmaps (cm), secrets, priorityclasses (pc),
            poddisruptionbudgets (pdb), and kinds kubesim stores without simulating them (by
            their plural, e.g. ingresses).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, wide, json, yaml
    }

    @Argument(
        help:
            "pods, nodes, events, services, or any other kind's resource name (deployments, ds, sts, pdb, …); several separated by commas, or all; pod/NAME for one pod."
    )
    var resource: String

    @Argument(help: "The object's name (one kind only).")
    var name: String?

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "Output: table (default), wide, json or yaml.")
    var output: Format = .table

    @Option(name: .shortAndLong, help: "Only this namespace.")
    var namespace: String?

    /// kubectl's `all` category: the kinds in discovery order (core, apps, autoscaling, batch).
    static let allCategory = [
        "pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets",
        "horizontalpodautoscalers", "jobs",
    ]

    /// `kubectl get` names of several kinds: `pod/web`, `deployment.apps/web` (the resource's
    /// group kind, lower-case).
    static let kindPrefixes: [String: String] = [
        "Pod": "pod", "Node": "node", "Service": "service", "Deployment": "deployment.apps",
        "ReplicaSet": "replicaset.apps", "DaemonSet": "daemonset.apps", "StatefulSet": "statefulset.apps",
        "Job": "job.batch", "Namespace": "namespace", "ConfigMap": "configmap", "Secret": "secret",
        "PriorityClass": "priorityclass.scheduling.k8s.io", "PodDisruptionBudget": "poddisruptionbudget.policy",
        "HorizontalPodAutoscaler": "horizontalpodautoscaler.autoscaling",
    ]

    func run() throws {
        var (name, replay) = self.replay.taking(name: self.name)
        var resources = resource.split(separator: ",").map(String.init)
        if resources == ["all"] { resources = Self.allCategory }
        if resources.count == 1, resources[0].contains("/") {
            // `kubectl get pod/NAME`.
            let parts = resources[0].split(separator: "/", maxSplits: 1).map(String.init)
            resources = [parts[0]]
            name = parts.count == 2 ? parts[1] : nil
        }
        guard !resources.isEmpty, resources.allSatisfy({ !$0.isEmpty && !$0.contains("/") }) else {
            StandardError.write("error: arguments in resource/name form must have a single resource and name\n")
            throw ExitCode.failure
        }
        if name != nil && resources.count > 1 {
            StandardError.write(
                "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form\n"
            )
            throw ExitCode.failure
        }
        let recorder = InvolvedObjectRecorder()
        let structured = output == .json || output == .yaml
        let (runner, log, now) = try replay.replay { cluster in if structured { cluster.addSink(recorder) } }
        let cluster = runner.cluster
        if structured {
            return try printObjects(resources, name: name, cluster: cluster, recorder: recorder)
        }
        var tables: [String] = []
        for resource in resources {
            guard
                var table = try table(
                    resource, name: name, cluster: cluster, log: log, now: now,
                    quietUnknown: self.resource == "all")
            else { continue }
            if resources.count > 1, let kind = Self.kind(of: resource, in: cluster) {
                let prefix = Self.kindPrefixes[kind] ?? kind.lowercased()
                table = Self.prefixingNames(table, with: prefix + "/")
            }
            tables.append(table)
        }
        if tables.isEmpty {
            // kubectl writes this to stderr and exits 0.
            StandardError.write("No resources found in \(namespace ?? "default") namespace.\n")
            return
        }
        print(tables.joined(separator: "\n"), terminator: "")
    }

    /// The kind `resource` names (for the name prefix of several kinds).
    static func kind(of resource: String, in cluster: Cluster) -> String? {
        switch resource.lowercased() {
        case "pods", "pod", "po": "Pod"
        case "nodes", "node", "no": "Node"
        case "horizontalpodautoscalers", "horizontalpodautoscaler", "hpa": "HorizontalPodAutoscaler"
        default:
            ObjectPrinter.kind(forResource: resource)
                ?? ObjectPrinter.storedKind(named: resource, in: ClusterView(cluster))
        }
    }

    /// The table of one resource; `nil` when it has no objects (a NotFound name throws).
    func table(
        _ resource: String, name: String?, cluster: Cluster, log: EventLog, now: SimulationTime, quietUnknown: Bool
    ) throws -> String? {
        let wide = output == .wide
        func notFound(_ plural: String) -> ExitCode {
            StandardError.write("Error from server (NotFound): \(plural) \"\(name ?? "")\" not found\n")
            return ExitCode.failure
        }
        switch resource.lowercased() {
        case "pods", "pod", "po":
            // The API server lists objects in key order (namespace, then name), and so does kubectl.
            var pods = cluster.api.pods.filter { !$0.isRemoved && (namespace == nil || $0.namespace == namespace) }
                .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            if let name {
                guard let id = cluster.api.podID(namespace: namespace ?? "default", name: name) else {
                    throw notFound("pods")
                }
                pods = [cluster.api[id]]
            }
            return pods.isEmpty ? nil : PodPrinter.table(pods, now: now, wide: wide)
        case "nodes", "node", "no":
            var nodes = cluster.api.nodes.filter { !$0.isRemoved }.sorted { $0.name < $1.name }
            if let name {
                nodes = nodes.filter { $0.name == name }
                if nodes.isEmpty { throw notFound("nodes") }
            }
            return nodes.isEmpty
                ? nil : NodePrinter.table(nodes, now: now, version: "v\(cluster.configuration.kubernetesVersion).0")
        case "events", "event", "ev":
            let events = log.events.filter {
                (namespace == nil || $0.namespace == namespace) && (name == nil || $0.name == name)
            }
            return events.isEmpty ? nil : EventPrinter.table(events, now: now)
        default:
            let view = ClusterView(cluster)
            guard
                let (header, rows) = ObjectPrinter.rows(
                    resource: resource, in: view, namespace: namespace, now: now, wide: wide)
            else {
                if quietUnknown { return nil }
                StandardError.write("error: the server doesn't have a resource type \"\(resource)\"\n")
                throw ExitCode.failure
            }
            var selected = rows
            if let name {
                let wanted = namespace ?? "default"
                selected = rows.filter { $0.name == name && ($0.namespace == nil || $0.namespace == wanted) }
                if selected.isEmpty {
                    let kind = Self.kind(of: resource, in: cluster) ?? resource
                    throw notFound(APIResource.plural(of: kind))
                }
            }
            guard !selected.isEmpty else { return nil }
            var writer = TabWriter.forGet()
            writer.write(header.joined(separator: "\t") + "\n")
            for row in selected { writer.write(row.cells.joined(separator: "\t") + "\n") }
            return writer.render()
        }
    }

    /// A rendered table with `prefix` before each name of its first column, realigned as
    /// kubectl's tab writer would (a cell is its text plus 3 blanks, at least 6 wide).
    static func prefixingNames(_ table: String, with prefix: String) -> String {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first, let end = header.firstIndex(of: " ") else { return table }
        let start = header[end...].firstIndex { $0 != " " }.map { header.distance(from: header.startIndex, to: $0) }
        guard let start else { return table }
        var names: [String] = []
        var rests: [String] = []
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let name = String(line.prefix { $0 != " " })
            names.append(i == 0 ? name : prefix + name)
            rests.append(String(line.dropFirst(start)))
        }
        let width = max(6, (names.map(\.count).max() ?? 0) + 3)
        return zip(names, rests).map { name, rest in
            name + String(repeating: " ", count: width - name.count) + rest + "\n"
        }.joined()
    }

    /// `-o json|yaml`: the served API's objects (kubesim serve's snapshot of the instant, with
    /// timestamps from the scenario's start time), one object by name or a `List`.
    func printObjects(
        _ resources: [String], name: String?, cluster: Cluster, recorder: InvolvedObjectRecorder
    )
        throws
    {
        let origin = cluster.configuration.startTimeUnixSeconds * 1_000_000_000
        let served = try ServedCluster(
            cluster: cluster, events: recorder,
            clock: ServedClock(instant: cluster.now, shownAt: origin + cluster.now.nanoseconds), resourceVersion: nil)
        var items: [JSON] = []
        for resource in resources {
            let lower = resource.lowercased()
            guard
                let resourceType = ServedResource.all.first(where: {
                    $0.name == lower || $0.singularName == lower || $0.shortNames.contains(lower)
                        || $0.kind.lowercased() == lower
                })
            else {
                if self.resource == "all" { continue }
                StandardError.write("error: the server doesn't have a resource type \"\(resource)\"\n")
                throw ExitCode.failure
            }
            let wanted = namespace ?? "default"
            let objects = served.objects(of: resourceType).filter { object in
                let inNamespace =
                    !resourceType.namespaced || (namespace == nil && name == nil) || object.namespace == wanted
                return inNamespace && (name == nil || object.name == name)
            }
            if let name, objects.isEmpty {
                StandardError.write("Error from server (NotFound): \(resourceType.name) \"\(name)\" not found\n")
                throw ExitCode.failure
            }
            items += objects.map(\.object)
        }
        let value = name != nil && items.count == 1 ? items[0] : JSON.kubectlList(items)
        print(output == .json ? try value.kubectlJSONText() : try value.kubectlYAMLText(), terminator: "")
    }
}
