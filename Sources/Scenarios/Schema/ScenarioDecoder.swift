import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Yams

/// Decodes the `kind: Scenario` document from its YAML node into a typed ``Scenario``.
///
/// Every problem is reported (not only the first) as a ``Diagnostic`` with file, line and field
/// path, in the API server's words: `crashloop.yaml:14: Scenario "crashloop":
/// spec.behaviors[0].runs[1].duration: Invalid value: "-2s": must be non-negative`. Unknown
/// fields are warnings naming the field. The scenario is returned even with errors (with the
/// faulty fields left at their defaults), so a caller can report everything at once; run it
/// only when ``Result/hasErrors`` is false.
public enum ScenarioDecoder {
    /// A decoded scenario and the problems found.
    public struct Result: Sendable {
        /// The scenario (best effort when there are errors).
        public var scenario: Scenario
        /// Problems in document order.
        public var diagnostics: [Diagnostic]

        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        /// The errors only.
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// The warnings only.
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// Decodes a Scenario that ``ManifestLoader`` returned as
    /// `.unrecognized(apiVersion:kind:node:)`; `nil` if the object is not a Scenario.
    /// Relative paths resolve against the directory of the object's file.
    public static func decode(_ loaded: LoadedObject) -> Result? {
        guard case .unrecognized(_, let kind, let node) = loaded.object, kind == Scenario.kind else { return nil }
        return decode(node, location: loaded.location)
    }

    /// Decodes a Scenario document node.
    /// - Parameters:
    ///   - node: the document's root mapping.
    ///   - location: file and line of the document.
    ///   - baseDirectory: where relative paths resolve; default the directory of `location.file`.
    public static func decode(_ node: Yams.Node, location: SourceLocation, baseDirectory: String? = nil) -> Result {
        let base = baseDirectory ?? (location.file as NSString).deletingLastPathComponent
        var reader = ScenarioReader(root: node, location: location, baseDirectory: base.isEmpty ? "." : base)
        var scenario = Scenario(name: "")
        scenario.location = location
        scenario.baseDirectory = reader.baseDirectory
        reader.decodeDocument(node, into: &scenario)
        scenario.sourceMap = reader.sourceMap
        scenario.fileReferences = reader.fileReferences
        return Result(scenario: scenario, diagnostics: reader.diagnostics)
    }

    /// Parses YAML text holding one Scenario document (for tests and `kubesim validate`).
    /// Parse errors are returned as diagnostics with the scenario left at its defaults.
    public static func decode(text: String, fileName: String, baseDirectory: String? = nil) -> Result {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return Result(
                    scenario: .default(name: fileName),
                    diagnostics: [
                        Diagnostic(
                            severity: .error, location: SourceLocation(file: fileName),
                            message: "no Scenario document found")
                    ])
            }
            return decode(
                node, location: SourceLocation(file: fileName, line: node.mark?.line),
                baseDirectory: baseDirectory)
        } catch {
            return Result(
                scenario: .default(name: fileName),
                diagnostics: [
                    Diagnostic(
                        severity: .error, location: SourceLocation(file: fileName),
                        message: "invalid YAML: \(error)")
                ])
        }
    }
}

extension ScenarioReader {
    /// The keys of `spec`.
    static let specKeys = [
        "seed", "duration", "until", "startTime", "kubernetesVersion", "timing", "realisticTiming", "scheduler",
        "controllerManager", "nodes", "images", "behaviors", "workloads", "actions", "outputs", "traffic",
        "clusterAutoscaler",
    ]

    mutating func decodeDocument(_ node: Yams.Node, into scenario: inout Scenario) {
        let root = FieldPath()
        // The name first, so every message names the object.
        if let name = node["metadata"]?["name"]?.string, !name.isEmpty {
            objectName = "Scenario \"\(name)\""
            scenario.name = name
        }
        guard let top = mapping(node, root, known: Self.documentKeys) else { return }
        if let apiVersion = top["apiVersion"].flatMap({ string($0, root.key("apiVersion")) }),
            apiVersion != Scenario.apiVersion
        {
            error(.notSupported("apiVersion", apiVersion, [Scenario.apiVersion]), at: root.key("apiVersion"))
        }
        if let metadata = top["metadata"],
            let meta = mapping(
                metadata, root.key("metadata"),
                known: Self.metadataKeys)
        {
            _ = requiredString(meta, "name", root.key("metadata"))
        } else if top["metadata"] == nil {
            required(root.key("metadata").key("name"))
        }
        guard let specNode = top["spec"] else { return }
        let path = root.key("spec")
        guard let spec = mapping(specNode, path, known: Self.specKeys) else { return }
        decodeSpec(spec, path, into: &scenario)
    }

    mutating func decodeSpec(_ spec: MappingView, _ path: FieldPath, into scenario: inout Scenario) {
        if let node = spec["seed"] {
            if case .scalar(let scalar) = node, let seed = UInt64(scalar.string.trimmingCharacters(in: .whitespaces)) {
                scenario.seed = seed
            } else {
                invalid(path.key("seed"), node: node, "must be an integer between 0 and 18446744073709551615")
            }
        }
        var length = RunLength(untilQuiescent: false)
        if let node = spec["duration"], let duration = duration(node, path.key("duration")) {
            if duration == .zero {
                invalid(path.key("duration"), node: node, "must be positive")
            } else {
                length.duration = duration
            }
        }
        if let node = spec["until"], let text = string(node, path.key("until")) {
            if text == "Quiescent" {
                length.untilQuiescent = true
            } else {
                error(.notSupported(path.key("until").text, text, ["Quiescent"]), at: path.key("until"))
            }
        }
        if length.duration == nil { length.untilQuiescent = true }
        scenario.runLength = length
        if let node = spec["startTime"], let text = string(node, path.key("startTime")) {
            switch ScenarioUnits.rfc3339(text) {
            case .success(let seconds): scenario.startTimeUnixSeconds = seconds
            case .failure(let problem): invalid(path.key("startTime"), text, problem.message)
            }
        }
        if let node = spec["kubernetesVersion"], let text = string(node, path.key("kubernetesVersion")) {
            let supported = KubernetesVersion.supported
            if let version = KubernetesVersion(parsing: text), supported.contains(version) {
                scenario.kubernetesVersion = version
            } else {
                invalid(
                    path.key("kubernetesVersion"), text,
                    "supported versions are \(supported.first!) to \(supported.last!)")
            }
        }
        if let node = spec["timing"], let text = string(node, path.key("timing")) {
            if let timing = TimingMode(rawValue: text) {
                scenario.timing = timing
            } else {
                error(.notSupported(path.key("timing").text, text, ["ideal", "realistic"]), at: path.key("timing"))
            }
        }
        if let node = spec["scheduler"], let scheduler = mapping(node, path.key("scheduler"), known: Self.schedulerKeys)
        {
            let tiePath = path.key("scheduler").key("tieBreak")
            if let tie = scheduler["tieBreak"], let text = string(tie, tiePath) {
                if let rule = TieBreak(rawValue: text) {
                    scenario.tieBreak = rule
                } else {
                    error(.notSupported(tiePath.text, text, TieBreak.allCases.map(\.rawValue)), at: tiePath)
                }
            }
            let clientPath = path.key("scheduler").key("clientConnection")
            if let node = scheduler["clientConnection"],
                let client = mapping(node, clientPath, known: Self.clientConnectionKeys)
            {
                if let node = client["qps"] { scenario.schedulerClientQPS = clientQPS(node, clientPath.key("qps")) }
                if let node = client["burst"] {
                    scenario.schedulerClientBurst = int(node, clientPath.key("burst"), minimum: 1)
                }
            }
        }
        if let node = spec["controllerManager"],
            let manager = mapping(node, path.key("controllerManager"), known: Self.controllerManagerKeys)
        {
            let managerPath = path.key("controllerManager")
            if let node = manager["kubeAPIQPS"] {
                scenario.controllerManagerQPS = clientQPS(node, managerPath.key("kubeAPIQPS"))
            }
            if let node = manager["kubeAPIBurst"] {
                scenario.controllerManagerBurst = int(node, managerPath.key("kubeAPIBurst"), minimum: 1)
            }
        }
        if let node = spec["realisticTiming"] {
            scenario.realisticTiming = realisticTiming(node, path.key("realisticTiming"))
        }
        if let node = spec["nodes"] { scenario.nodePools = nodePools(node, path.key("nodes")) }
        if let node = spec["images"] { scenario.images = images(node, path.key("images")) }
        if let node = spec["behaviors"] { scenario.behaviors = behaviors(node, path.key("behaviors")) }
        if let node = spec["workloads"] {
            scenario.workloads = workloads(node, path.key("workloads"), runHasDuration: spec["duration"] != nil)
        }
        if let node = spec["actions"] { scenario.actions = actions(node, path.key("actions")) }
        if let node = spec["traffic"] { scenario.traffic = traffic(node, path.key("traffic")) }
        if let node = spec["clusterAutoscaler"] {
            scenario.clusterAutoscaler = clusterAutoscaler(node, path.key("clusterAutoscaler"))
        }
        if let node = spec["outputs"], let outputs = mapping(node, path.key("outputs"), known: Self.outputKeys) {
            let intervalPath = path.key("outputs").key("sampleInterval")
            if let node = outputs["sampleInterval"], let interval = duration(node, intervalPath) {
                if interval == .zero {
                    invalid(intervalPath, node: node, "must be positive")
                } else {
                    scenario.outputs.sampleInterval = interval
                }
            }
            if let node = outputs["openMetrics"], let flag = bool(node, path.key("outputs").key("openMetrics")) {
                scenario.outputs.openMetrics = flag
            }
        }
    }
}
