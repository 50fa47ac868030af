import ClusterComponents
import Foundation
import KubeModel

/// Cross-checks a decoded ``Scenario`` against the Kubernetes objects loaded with it.
///
/// Reports, with the scenario file's line and the field path:
/// - a file the scenario names (template, `apply`, empirical data, trace) that does not exist
///   (error; relative paths resolve against the scenario file's directory);
/// - a `delete`, `scale` or `patch` of an object that exists neither in the inputs nor in an
///   earlier `apply` action (error);
/// - a node action (`cordon`, `uncordon`, `drain`, `node`, `kubelet.restart`) naming a node that
///   no pool (`<pool>-0…<pool>-(count-1)`), Node manifest or earlier `node.add` creates, and a
///   `node.add` of an unknown pool (error);
/// - a behaviour's `writes[].volume` that no pod the behaviour matches has (warning);
/// - a HorizontalPodAutoscaler whose scale target is missing (error, at the autoscaler's line);
/// - a `traffic` entry whose selector matches no pod or template (warning).
public enum ScenarioReferenceChecker {
    /// Runs every check.
    /// - Parameters:
    ///   - scenario: the decoded scenario.
    ///   - objects: the Kubernetes objects loaded from the inputs (file order).
    /// - Returns: the problems, in scenario order.
    public static func check(_ scenario: Scenario, objects: [LoadedObject]) -> [Diagnostic] {
        var context = Context(scenario: scenario)
        context.checkFiles()
        context.checkWorkloadFiles()
        context.checkActions(objects: objects.map(\.object))
        context.checkNamespaces(objects: objects)
        context.checkVolumes(objects: objects.map(\.object))
        context.checkAutoscaling(objects: objects)
        return context.diagnostics
    }

    private struct Context {
        let scenario: Scenario
        var diagnostics: [Diagnostic] = []

        init(scenario: Scenario) { self.scenario = scenario }

        mutating func report(_ severity: Diagnostic.Severity, _ error: FieldError, line: Int? = nil) {
            let file = scenario.location?.file ?? scenario.name
            let location = SourceLocation(
                file: file, line: line ?? scenario.sourceMap.line(for: error.path) ?? scenario.location?.line,
                documentIndex: scenario.location?.documentIndex ?? 0)
            diagnostics.append(
                Diagnostic(
                    severity: severity, location: location,
                    object: "\(Scenario.kind) \"\(scenario.name)\"", message: error.description))
        }

        // MARK: Files

        mutating func checkFiles() {
            for reference in scenario.fileReferences {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: reference.resolvedPath, isDirectory: &isDirectory)
                if !exists || (isDirectory.boolValue && reference.purpose != .apply) {
                    let detail = exists ? "is a directory" : "no such file (looked for \(reference.resolvedPath))"
                    report(
                        .error,
                        FieldError(
                            path: reference.fieldPath, type: .notFound, badValue: .string(reference.path),
                            detail: detail), line: reference.line)
                }
            }
        }

        /// Templates that exist but hold no pod, traces that exist but do not parse.
        mutating func checkWorkloadFiles() {
            for (index, workload) in scenario.workloads.enumerated() {
                if case .file(let file) = workload.template {
                    let path = ScenarioReader.resolve(file, against: scenario.baseDirectory)
                    if FileManager.default.fileExists(atPath: path) {
                        do {
                            _ = try workload.template.prototypePod(baseDirectory: scenario.baseDirectory)
                        } catch {
                            let field = "spec.workloads[\(index)].template.file"
                            report(
                                .error,
                                .invalid(
                                    field, .string(file), "no valid Pod, Deployment, ReplicaSet or Job in the file"))
                            if case .template(_, let inner) = error {
                                diagnostics += inner.filter { $0.severity == .error }
                            }
                        }
                    }
                }
                if case .trace(let spec) = workload.arrivals {
                    let path = ScenarioReader.resolve(spec.file, against: scenario.baseDirectory)
                    if FileManager.default.fileExists(atPath: path) {
                        do {
                            _ = try OpenBTrace(contentsOf: path)
                        } catch {
                            report(
                                .error,
                                .invalid(
                                    "spec.workloads[\(index)].arrivals.trace.file", .string(spec.file),
                                    error.description))
                        }
                    }
                }
            }
        }

        // MARK: Namespaces

        /// Every namespaced object of the inputs and of `apply` actions must live in a namespace
        /// that exists by then (NamespaceLifecycle admission): a built-in one, a Namespace of the
        /// inputs, or one an earlier action applied.
        mutating func checkNamespaces(objects: [LoadedObject]) {
            var namespaces = Set(APIResource.builtInNamespaces)
            for item in objects where item.object.kind == "Namespace" {
                if let name = item.object.metadata?.name { namespaces.insert(name) }
            }
            for item in objects { requireNamespace(of: item.object, in: namespaces, at: item.location) }
            for action in scenario.actions {
                guard case .apply(let source) = action.operation else { continue }
                let applied = appliedObjects(source)
                for object in applied where object.kind == "Namespace" {
                    if let name = object.metadata?.name { namespaces.insert(name) }
                }
                let line = scenario.sourceMap.line(for: "spec.actions[\(action.index)].apply")
                for object in applied {
                    requireNamespace(
                        of: object, in: namespaces,
                        at: SourceLocation(
                            file: scenario.location?.file ?? scenario.name, line: line ?? scenario.location?.line,
                            documentIndex: scenario.location?.documentIndex ?? 0))
                }
            }
        }

        mutating func requireNamespace(of object: KubeObject, in namespaces: Set<String>, at location: SourceLocation) {
            guard !APIResource.clusterScoped.contains(object.kind), object.metadata != nil else { return }
            let namespace = object.metadata?.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            guard !namespaces.contains(namespace) else { return }
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: location, object: "\(object.kind) \"\(object.metadata?.name ?? "")\"",
                    message:
                        "metadata.namespace: Not found: namespaces \"\(namespace)\" not found (no Namespace object in the inputs or earlier apply actions)"
                ))
        }

        // MARK: Actions

        struct Key: Hashable {
            var kind: String
            var namespace: String
            var name: String
        }

        static let clusterScoped: Set<String> = ["Node", "Namespace", "PriorityClass"]

        static func key(_ kind: String, _ namespace: String?, _ name: String) -> Key {
            Key(kind: kind, namespace: clusterScoped.contains(kind) ? "" : (namespace ?? "default"), name: name)
        }

        static func key(of object: KubeObject) -> Key? {
            guard let name = object.metadata?.name, !name.isEmpty else { return nil }
            return key(object.kind, object.metadata?.namespace, name)
        }

        mutating func checkActions(objects: [KubeObject]) {
            var known = Set(objects.compactMap(Self.key(of:)))
            // Nodes: pools, Node manifests.
            var nodes = Set(scenario.poolNodeNames)
            if scenario.nodePools == nil && objects.contains(where: { $0.kind == "Node" }) {
                nodes = []  // Node manifests replace the default cluster.
            }
            for object in objects where object.kind == "Node" {
                if let name = object.metadata?.name { nodes.insert(name) }
            }
            var poolSizes: [String: Int] = [:]
            for pool in scenario.effectiveNodePools { poolSizes[pool.name] = pool.count }
            for node in nodes { known.insert(Self.key("Node", nil, node)) }

            for action in scenario.actions {
                let base = "spec.actions[\(action.index)]"
                switch action.operation {
                case .apply(let source):
                    for object in appliedObjects(source, report: true) {
                        if let key = Self.key(of: object) { known.insert(key) }
                        if object.kind == "Node", let name = object.metadata?.name { nodes.insert(name) }
                    }
                case .delete(let reference):
                    requireObject(reference, known: known, path: base + ".delete")
                    if reference.kind == "Node" { nodes.remove(reference.name) }
                case .scale(let reference, _):
                    requireObject(reference, known: known, path: base + ".scale")
                case .patch(let patch):
                    requireObject(patch.target, known: known, path: base + ".patch")
                case .cordon(let node): requireNode(node, nodes, path: base + ".cordon.node")
                case .uncordon(let node): requireNode(node, nodes, path: base + ".uncordon.node")
                case .drain(let node): requireNode(node, nodes, path: base + ".drain.node")
                case .kubeletRestart(let node): requireNode(node, nodes, path: base + ".kubelet.node")
                case .node(let operation):
                    switch operation {
                    case .fail(let node, _): requireNode(node, nodes, path: base + ".node.name")
                    case .remove(let node):
                        requireNode(node, nodes, path: base + ".node.name")
                        nodes.remove(node)
                    case .add(let pool, let name):
                        guard let size = poolSizes[pool] else {
                            let pools = scenario.effectiveNodePools.map(\.name)
                            report(.error, .notSupported(base + ".node.add", pool, pools))
                            continue
                        }
                        let added = name ?? "\(pool)-\(size)"
                        if name == nil { poolSizes[pool] = size + 1 }
                        nodes.insert(added)
                        known.insert(Self.key("Node", nil, added))
                    }
                case .registryOutage:
                    break
                }
            }
        }

        /// The objects an `apply` action creates. A file's problems are reported as the
        /// run would meet them (admission aside, which runs when the action fires).
        mutating func appliedObjects(_ source: ApplySource, report: Bool = false) -> [KubeObject] {
            switch source {
            case .inline(let objects): return objects
            case .file(let file):
                let path = ScenarioReader.resolve(file, against: scenario.baseDirectory)
                guard FileManager.default.fileExists(atPath: path) else { return [] }
                var options = ManifestLoader.Options.scheduling
                options.applyAdmissionDefaults = false
                let loaded = ManifestLoader(options: options).load(paths: [path])
                if report { diagnostics += loaded.diagnostics }
                return loaded.objects.map(\.object)
            }
        }

        mutating func requireObject(_ reference: ObjectReference, known: Set<Key>, path: String) {
            let key = Self.key(reference.kind, reference.namespace, reference.name)
            guard !known.contains(key) else { return }
            let place = key.namespace.isEmpty ? "" : " in namespace \"\(key.namespace)\""
            report(
                .error,
                .notFound(path + ".name", .string(reference.name)).with(
                    detail: "no \(reference.kind) \"\(reference.name)\"\(place) in the inputs or earlier apply actions")
            )
        }

        mutating func requireNode(_ node: String, _ nodes: Set<String>, path: String) {
            guard !nodes.contains(node) else { return }
            let sample = nodes.sorted().prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            report(
                .error,
                .notFound(path, .string(node)).with(
                    detail: "no such node"
                        + (sample.isEmpty ? "" : " (nodes: \(sample)\(nodes.count > 5 ? ", …" : ""))")))
        }

        // MARK: Volumes

        /// A pod or pod template the behaviours may apply to.
        struct Candidate {
            var name: String
            var namespace: String
            var labels: [String: String]
            var spec: PodSpec
        }

        mutating func checkVolumes(objects: [KubeObject]) {
            guard scenario.behaviors.contains(where: { !$0.writes.isEmpty }) else { return }
            var all = objects
            for action in scenario.actions {
                if case .apply(let source) = action.operation { all += appliedObjects(source) }
            }
            var candidates = all.compactMap(Self.candidate(of:))
            for workload in scenario.workloads {
                if let pod = try? workload.template.prototypePod(baseDirectory: scenario.baseDirectory) {
                    candidates.append(
                        Candidate(
                            name: (pod.metadata.name ?? pod.metadata.generateName ?? workload.name) + "-0",
                            namespace: pod.metadata.namespace ?? "default",
                            labels: pod.metadata.labels ?? [:], spec: pod.spec))
                }
            }
            for (index, behavior) in scenario.behaviors.enumerated() where !behavior.writes.isEmpty {
                let matching = candidates.filter { candidate in
                    behavior.match.matchesPod(
                        name: candidate.name, namespace: candidate.namespace, labels: candidate.labels)
                        && ((candidate.spec.initContainers ?? []) + candidate.spec.containers).contains { container in
                            (behavior.match.container.map { Glob.matches($0, container.name) } ?? true)
                                && (behavior.match.image.map { Glob.matches($0, container.image ?? "") } ?? true)
                        }
                }
                for (offset, write) in behavior.writes.enumerated() {
                    let has = matching.contains { candidate in
                        candidate.spec.volumes?.contains { $0.name == write.volume } ?? false
                    }
                    if !has {
                        let detail =
                            matching.isEmpty
                            ? "no pod in the inputs matches this behaviour"
                            : "no pod this behaviour matches has a volume named \"\(write.volume)\""
                        report(
                            .warning,
                            .notFound("spec.behaviors[\(index)].writes[\(offset)].volume", .string(write.volume))
                                .with(detail: detail))
                    }
                }
            }
        }

        /// The autoscaler targets and traffic selectors (``ScenarioReferenceChecker/checkAutoscalers(_:objects:applied:)``).
        mutating func checkAutoscaling(objects: [LoadedObject]) {
            let hasAutoscalers = objects.contains { $0.object.kind == "HorizontalPodAutoscaler" }
            guard hasAutoscalers || !scenario.traffic.isEmpty else { return }
            var applied: [KubeObject] = []
            for action in scenario.actions {
                if case .apply(let source) = action.operation { applied += appliedObjects(source) }
            }
            diagnostics += ScenarioReferenceChecker.checkAutoscalers(scenario, objects: objects, applied: applied)
            guard !scenario.traffic.isEmpty else { return }
            var candidates = (objects.map(\.object) + applied).compactMap(Self.candidate(of:)).map {
                (namespace: $0.namespace, labels: $0.labels)
            }
            for case .statefulSet(let set) in objects.map(\.object) + applied {
                candidates.append((set.metadata.namespace ?? "default", set.spec.template.metadata.labels ?? [:]))
            }
            for workload in scenario.workloads {
                if let pod = try? workload.template.prototypePod(baseDirectory: scenario.baseDirectory) {
                    candidates.append((pod.metadata.namespace ?? "default", pod.metadata.labels ?? [:]))
                }
            }
            diagnostics += ScenarioReferenceChecker.checkTraffic(scenario, candidates: candidates)
        }

        static func candidate(of object: KubeObject) -> Candidate? {
            func fromTemplate(_ meta: ObjectMeta, _ template: PodTemplateSpec, suffix: String) -> Candidate {
                Candidate(
                    name: (meta.name ?? "") + suffix, namespace: meta.namespace ?? "default",
                    labels: template.metadata.labels ?? [:], spec: template.spec)
            }
            switch object {
            case .pod(let pod):
                return Candidate(
                    name: pod.metadata.name ?? pod.metadata.generateName ?? "",
                    namespace: pod.metadata.namespace ?? "default",
                    labels: pod.metadata.labels ?? [:], spec: pod.spec)
            // Controller-made pods are named `<deployment>-<pod-template-hash>-<5 chars>`,
            // `<replicaset>-<5 chars>`, `<job>-<5 chars>`.
            case .deployment(let d): return fromTemplate(d.metadata, d.spec.template, suffix: "-5d8c7f9b6d-bcdfg")
            case .replicaSet(let r): return fromTemplate(r.metadata, r.spec.template, suffix: "-bcdfg")
            case .job(let j): return fromTemplate(j.metadata, j.spec.template, suffix: "-bcdfg")
            default: return nil
            }
        }
    }
}

extension FieldError {
    /// The same error with `detail` set.
    func with(detail: String) -> FieldError {
        var copy = self
        copy.detail = detail
        return copy
    }
}
