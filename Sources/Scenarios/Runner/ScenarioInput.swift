import ClusterComponents
import Foundation
import KubeModel
import Yams

/// Everything a run reads: the Kubernetes objects in file order, the Scenario document (or the
/// default one), and every problem found, with file and line.
public struct ScenarioInput: Sendable {
    /// The scenario (the default cluster and behaviours when the inputs have none).
    public var scenario: Scenario
    /// Kubernetes objects in input order (the Scenario document excluded).
    public var objects: [LoadedObject]
    /// Errors and warnings, in input order.
    public var diagnostics: [Diagnostic]
    /// The Scenario document as written (its YAML node), for overrides that re-decode it
    /// (`kubesim sweep --set` of any field); `nil` for the default scenario.
    public var scenarioNode: Yams.Node? {
        get {
            if case .unrecognized(_, _, let node) = scenarioDocument { return node }
            return nil
        }
        set {
            scenarioDocument = newValue.map {
                .unrecognized(apiVersion: "kubesim/v1alpha1", kind: Scenario.kind, node: $0)
            }
        }
    }
    /// ``scenarioNode`` as a `KubeObject` (whose YAML payload is declared Sendable: the node is
    /// an immutable value tree after parsing).
    var scenarioDocument: KubeObject?

    /// The node pools the run creates: the Scenario's `nodes:`, none when Node manifests
    /// replace them, else the default cluster.
    public var nodePools: [NodePool] { scenario.effectiveNodePools }

    /// Whether any diagnostic is an error (the run must not start).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Loads files and folders (a folder contributes its YAML files in name order).
    ///
    /// Exactly one `kind: Scenario` document may appear; without one, the scenario is the
    /// default cluster named after the first input. Unknown kinds are listed once as a warning.
    /// - Parameter paths: files or folders, as the user gave them.
    public static func load(paths: [String]) -> ScenarioInput {
        let loaded = ManifestLoader(options: .scheduling).load(paths: paths)
        var diagnostics = loaded.diagnostics
        var objects: [LoadedObject] = []
        var scenarios: [Scenario] = []
        var scenarioNodes: [Yams.Node] = []
        var unknownKinds: [String: SourceLocation] = [:]
        var unknownOrder: [String] = []
        for item in loaded.objects {
            guard case .unrecognized(let apiVersion, let kind, let node) = item.object else {
                objects.append(item)
                continue
            }
            if kind != Scenario.kind && Self.isKubesimGroup(apiVersion) {
                // kubesim's own API group has one kind; anything else is a typo, not a kind of
                // another group to store (`kind: Senario` must not run the default cluster).
                var location = item.location
                location.line = node["kind"]?.mark?.line ?? location.line
                diagnostics.append(
                    Diagnostic(
                        severity: .error, location: location, object: kind,
                        message: FieldError.notSupported("kind", kind, [Scenario.kind]).description
                            + " (the only kind of \(apiVersion))"))
                continue
            }
            if kind != Scenario.kind { objects.append(item) }  // stored and listed, not simulated
            if kind == Scenario.kind {
                let base = (item.location.file as NSString).deletingLastPathComponent
                let decoded = Scenario.decode(
                    node: node, location: item.location, baseDirectory: base.isEmpty ? "." : base)
                diagnostics += decoded.diagnostics
                if let scenario = decoded.scenario {
                    scenarios.append(scenario)
                    scenarioNodes.append(node)
                }
            } else if unknownKinds[kind] == nil {
                unknownKinds[kind] = item.location
                unknownOrder.append(kind)
            }
        }
        for kind in unknownOrder {
            diagnostics.append(
                Diagnostic(
                    severity: .warning, location: unknownKinds[kind]!, object: kind,
                    message: "kind \"\(kind)\" is not simulated; its objects are stored as they are"))
        }
        if scenarios.count > 1, let second = scenarios[1].location {
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: second, object: "Scenario \"\(scenarios[1].name)\"",
                    message: "only one Scenario document may be given (the first is \"\(scenarios[0].name)\")"))
        }
        let name =
            paths.first.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "scenario"
        var scenario = scenarios.first ?? Scenario.default(name: name)
        if !scenarios.isEmpty {
            Self.dropReadFiles(of: scenario, givenFiles: paths, objects: &objects, diagnostics: &diagnostics)
        }
        diagnostics += Self.duplicates(in: objects)
        Self.replaceDefaultPools(of: &scenario, written: !scenarios.isEmpty, objects: objects)
        if !scenarios.isEmpty || !objects.isEmpty {
            diagnostics += Self.scenarioChecks(scenario, objects: objects)
        } else if !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: SourceLocation(file: paths.first ?? "-"),
                    message: "no Kubernetes objects or Scenario found"))
        }
        var input = ScenarioInput(scenario: scenario, objects: objects, diagnostics: diagnostics)
        input.scenarioNode = scenarioNodes.first
        return input
    }

    /// Node manifests replace the default pools, with or without a Scenario (unless it lists
    /// `nodes:`).
    static func replaceDefaultPools(of scenario: inout Scenario, written: Bool, objects: [LoadedObject]) {
        if !written || scenario.nodePools == nil,
            objects.contains(where: { if case .node = $0.object { true } else { false } })
        {
            scenario.nodePools = []
        }
    }

    /// Decodes `node` as this input's Scenario document in place of the current one (a sweep
    /// point's field overrides), with the rules `load` applies.
    /// - Returns: the decoder's diagnostics; the scenario is replaced only when none is an error.
    public mutating func replaceScenario(with node: Yams.Node) -> [Diagnostic] {
        let location = scenario.location ?? SourceLocation(file: scenario.name)
        let decoded = Scenario.decode(node: node, location: location, baseDirectory: scenario.baseDirectory)
        guard var replacement = decoded.scenario, !decoded.diagnostics.contains(where: { $0.severity == .error })
        else { return decoded.diagnostics }
        Self.replaceDefaultPools(of: &replacement, written: true, objects: objects)
        scenario = replacement
        scenarioNode = node
        return decoded.diagnostics
    }
}
