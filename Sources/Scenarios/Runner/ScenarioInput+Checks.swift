import ClusterComponents
import Foundation
import KubeModel
import Yams

extension ScenarioInput {
    // MARK: - Checks of the whole input

    /// The checks that depend on the scenario's values (references to objects, nodes and files;
    /// the size of its workloads): run when the inputs are loaded and again for every point of
    /// a sweep, whose overrides change those values.
    /// - Parameters:
    ///   - scenario: the scenario, overrides applied.
    ///   - objects: the Kubernetes objects of the inputs.
    /// - Returns: the problems, in scenario order.
    public static func scenarioChecks(_ scenario: Scenario, objects: [LoadedObject]) -> [Diagnostic] {
        scenario.checkReferences(objects: objects) + WorkloadSizeEstimate.check(scenario)
            + WorkloadSizeEstimate.checkReplicas(scenario, objects: objects)
            + nodeCollisions(scenario, objects: objects)
    }

    /// A Node manifest named like a node a pool creates (`worker-1` beside a pool `worker` of 2):
    /// the API server would refuse the second (`AlreadyExists`), so it is an error naming the pool.
    /// - Complexity: O(manifests × pools), plus the listed nodes of pools read from node lists.
    static func nodeCollisions(_ scenario: Scenario, objects: [LoadedObject]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let pools = scenario.effectiveNodePools
        let listed = pools.map { pool in pool.listedNodes.map { _ in Set(pool.nodeNames) } }
        for item in objects {
            guard case .node(let node) = item.object, let name = node.metadata.name else { continue }
            for (index, pool) in pools.enumerated() {
                let created: Bool
                if let names = listed[index] {
                    created = names.contains(name)
                } else if name.hasPrefix(pool.name + "-"), let ordinal = Int(name.dropFirst(pool.name.count + 1)) {
                    created = ordinal >= 0 && ordinal < pool.count && "\(pool.name)-\(ordinal)" == name
                } else {
                    created = false
                }
                guard created else { continue }
                let path = "spec.nodes[\(index)]"
                let line = scenario.sourceMap.line(for: path) ?? scenario.location?.line
                let place = scenario.location.map { "\($0.file):\(line ?? 1)" } ?? "the default cluster"
                diagnostics.append(
                    Diagnostic(
                        severity: .error, location: item.location, object: "Node \"\(name)\"",
                        message:
                            "duplicate object: node pool \"\(pool.name)\" (\(place)) also creates it; the API server refuses the second (AlreadyExists)"
                    ))
                break
            }
        }
        return diagnostics
    }

    /// The checks of ``scenarioChecks(_:objects:)`` on this input's own scenario and objects.
    public func scenarioChecks() -> [Diagnostic] { Self.scenarioChecks(scenario, objects: objects) }

    /// Whether `apiVersion` is in kubesim's own API group (`kubesim/v1alpha1`, `kubesim/v1`, …).
    static func isKubesimGroup(_ apiVersion: String) -> Bool {
        apiVersion.split(separator: "/", omittingEmptySubsequences: false).first == "kubesim"
    }

    /// Two objects of the same kind, namespace and name: the API server would refuse the second
    /// (`AlreadyExists`, k8s.io/apiserver pkg/registry/generic/registry `Store.Create`), so it is
    /// an error at the second, naming the first. Objects named by `generateName` never collide.
    /// - Complexity: O(n) in the objects.
    static func duplicates(in objects: [LoadedObject]) -> [Diagnostic] {
        struct Key: Hashable {
            var group: String
            var kind: String
            var namespace: String
            var name: String
        }
        var first: [Key: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for item in objects {
            var group = ""
            var name: String?
            var namespace: String?
            if case .unrecognized(let apiVersion, _, let node) = item.object {
                let parts = apiVersion.split(separator: "/")
                group = parts.count == 2 ? String(parts[0]) : ""
                name = node["metadata"]?["name"]?.string
                namespace = node["metadata"]?["namespace"]?.string
            } else {
                name = item.object.metadata?.name
                namespace = item.object.metadata?.namespace
            }
            guard let name, !name.isEmpty else { continue }
            let kind = item.object.kind
            let scope =
                APIResource.clusterScoped.contains(kind)
                ? "" : (namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
            let key = Key(group: group, kind: kind, namespace: scope, name: name)
            guard let earlier = first[key] else {
                first[key] = item.location
                continue
            }
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: item.location,
                    object: "\(kind) \"\(scope.isEmpty ? "" : scope + "/")\(name)\"",
                    message:
                        "duplicate object: also defined at \(earlier); the API server refuses the second (AlreadyExists)"
                ))
        }
        return diagnostics
    }

    /// Files the scenario reads itself (workload templates, `apply` manifests) that were found
    /// in a folder given as input are not also objects created at time zero: their objects and
    /// the loader's diagnostics about them are dropped (a file named on the command line stays).
    static func dropReadFiles(
        of scenario: Scenario, givenFiles paths: [String], objects: inout [LoadedObject],
        diagnostics: inout [Diagnostic]
    ) {
        let read = Set(
            scenario.fileReferences.filter { $0.purpose == .template || $0.purpose == .apply }
                .map { standardized($0.resolvedPath) })
        guard !read.isEmpty else { return }
        let given = Set(paths.map(standardized))
        func isRead(_ file: String) -> Bool {
            let path = standardized(file)
            return read.contains(path) && !given.contains(path)
        }
        objects.removeAll { isRead($0.location.file) }
        diagnostics.removeAll { isRead($0.location.file) }
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
