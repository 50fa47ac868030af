import ClusterComponents
import Foundation
import KubeModel
import Scenarios
import Yams

/// `--set` of any field: a path into the Scenario document (`spec.nodes[web].kubelet.kubeReserved.cpu`)
/// or into an input manifest (`Deployment/web:spec.template.spec.containers[app].resources.requests.cpu`,
/// `Kind/namespace/name:` for another namespace).
///
/// The value is written into the document's YAML and the document is decoded again by the same
/// decoder and validator as the inputs, so a sweep point is type-checked exactly as a file
/// would be, before the first run; a path the format does not know is an error, not a no-op.
public struct FieldOverride: Sendable, Hashable, CustomStringConvertible {
    /// Which document the path is into.
    public enum Target: Sendable, Hashable {
        /// The Scenario document.
        case scenario
        /// An input manifest, by kind, namespace (`nil`: `default` or cluster-scoped) and name.
        case object(kind: String, namespace: String?, name: String)
    }

    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        /// `.key` in a mapping.
        case key(String)
        /// `[selector]`: a list element by index or by its `name`, or a mapping key with dots
        /// (`capacity[nvidia.com/gpu]`).
        case element(String)
    }

    /// The document.
    public var target: Target
    /// The path inside it.
    public var segments: [Segment]
    /// The path as written.
    public var description: String

    /// Parses `Kind/name:path`, `Kind/namespace/name:path` or a Scenario path (`spec.…`).
    /// - Throws: ``SweepError/unsupportedPath(_:)`` when the path is malformed.
    public init(parsing text: String) throws(SweepError) {
        description = text
        var path = Substring(text)
        target = .scenario
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("."), text[..<colon].contains("/") {
            let parts = text[..<colon].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
                throw .unsupportedPath(text)
            }
            target = .object(kind: parts[0], namespace: parts.count == 3 ? parts[1] : nil, name: parts.last!)
            path = text[text.index(after: colon)...]
        }
        var segments: [Segment] = []
        var current = ""
        var index = path.startIndex
        while index < path.endIndex {
            let character = path[index]
            switch character {
            case ".":
                if !current.isEmpty { segments.append(.key(current)) }
                current = ""
            case "[":
                if !current.isEmpty { segments.append(.key(current)) }
                current = ""
                guard let close = path[index...].firstIndex(of: "]") else { throw .unsupportedPath(text) }
                let inside = String(path[path.index(after: index)..<close])
                guard !inside.isEmpty else { throw .unsupportedPath(text) }
                segments.append(.element(inside))
                index = close
            default:
                current.append(character)
            }
            index = path.index(after: index)
        }
        if !current.isEmpty { segments.append(.key(current)) }
        guard !segments.isEmpty else { throw .unsupportedPath(text) }
        if target == .scenario, segments.first != .key("spec") { throw .unsupportedPath(text) }
        self.segments = segments
    }

    // MARK: - Applying

    /// Applies every override of a point: each document is changed, then decoded and validated
    /// once.
    /// - Throws: ``SweepError`` naming the path: an unknown document, a path the format does not
    ///   have, or a value its decoder refuses.
    public static func apply(
        _ overrides: [(path: FieldOverride, value: String)], to configuration: inout RunConfiguration
    ) throws(SweepError) {
        let scenarioOverrides = overrides.filter { $0.path.target == .scenario }
        if !scenarioOverrides.isEmpty {
            guard var node = configuration.input.scenarioNode else {
                throw .unknownTarget(
                    path: scenarioOverrides[0].path.description, reason: "the inputs have no Scenario document")
            }
            for (path, value) in scenarioOverrides { node = try path.set(in: node, value: value) }
            let diagnostics = configuration.input.replaceScenario(with: node)
            try check(diagnostics, scenarioOverrides)
        }
        for (path, value) in overrides {
            guard case .object(let kind, let namespace, let name) = path.target else { continue }
            try path.apply(value, toObject: kind, namespace: namespace, name: name, in: &configuration.input)
        }
    }

    /// Errors of the re-decoded document, and warnings of unknown fields on the paths set.
    static func check(
        _ diagnostics: [Diagnostic], _ overrides: [(path: FieldOverride, value: String)]
    ) throws(SweepError) {
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            let culprit = overrides.first { error.message.contains($0.path.fieldText) } ?? overrides[0]
            throw .invalidValue(path: culprit.path.description, value: culprit.value, reason: error.message)
        }
        for warning in diagnostics where warning.message.hasPrefix("unknown field") {
            if let culprit = overrides.first(where: { warning.message.contains($0.path.fieldText) }) {
                throw .unknownTarget(
                    path: culprit.path.description, reason: "not a field of the format (\(warning.message))")
            }
        }
    }

    /// The path in the decoder's field-path notation (`spec.nodes[0].count` style keys).
    var fieldText: String {
        segments.compactMap { if case .key(let key) = $0 { key } else { nil } }.last ?? description
    }

    /// Writes `value` (YAML: `3`, `30m`, `{cpu: 2}`) at this path in `node`.
    func set(in node: Yams.Node, value: String) throws(SweepError) -> Yams.Node {
        let parsed: Yams.Node
        do {
            parsed = try Yams.compose(yaml: value) ?? Yams.Node("", Tag(.str))
        } catch {
            throw .invalidValue(path: description, value: value, reason: "not a YAML value")
        }
        return try set(node, segments[...], parsed, walked: "")
    }

    private func set(
        _ node: Yams.Node?, _ rest: ArraySlice<Segment>, _ value: Yams.Node, walked: String
    ) throws(SweepError) -> Yams.Node {
        guard let first = rest.first else { return value }
        let remaining = rest.dropFirst()
        switch (first, node) {
        case (.key(let key), nil), (.element(let key), nil):
            var mapping = Yams.Node.Mapping([])
            mapping[Yams.Node(key)] = try set(nil, remaining, value, walked: walked + "." + key)
            return .mapping(mapping)
        case (.key(let key), .mapping(var mapping)?), (.element(let key), .mapping(var mapping)?):
            mapping[Yams.Node(key)] = try set(mapping[Yams.Node(key)], remaining, value, walked: walked + "." + key)
            return .mapping(mapping)
        case (.element(let selector), .sequence(var items)?):
            let index: Int
            if let number = Int(selector) {
                guard number >= 0, number < items.count else {
                    throw .unknownTarget(
                        path: description, reason: "\(walked) has \(items.count) elements, no [\(number)]")
                }
                index = number
            } else {
                guard let found = items.firstIndex(where: { $0.mapping?["name"]?.string == selector }) else {
                    let names = items.compactMap { $0.mapping?["name"]?.string }.map { "\"\($0)\"" }
                    throw .unknownTarget(
                        path: description,
                        reason:
                            "no element named \"\(selector)\" in \(walked) (names: \(names.joined(separator: ", ")))")
                }
                index = found
            }
            items[index] = try set(items[index], remaining, value, walked: walked + "[\(selector)]")
            return .sequence(items)
        default:
            throw .unknownTarget(
                path: description, reason: "\(walked.isEmpty ? "the document" : walked) is not a mapping or list")
        }
    }

    /// Rewrites one input manifest with the override and decodes it again.
    func apply(
        _ value: String, toObject kind: String, namespace: String?, name: String, in input: inout ScenarioInput
    ) throws(SweepError) {
        let wanted = namespace ?? "default"
        guard
            let index = input.objects.firstIndex(where: {
                $0.object.kind == kind && $0.object.metadata?.name == name
                    && ($0.object.metadata?.namespace ?? "default") == wanted
            })
        else {
            throw .unknownTarget(
                path: description, reason: "no \(kind) \"\(name)\" in namespace \"\(wanted)\" in the inputs")
        }
        let loaded = input.objects[index]
        let node: Yams.Node
        do {
            guard let text = try loaded.object.yamlText(), let composed = try Yams.compose(yaml: text) else {
                throw SweepError.unknownTarget(path: description, reason: "\(kind) objects cannot be rewritten")
            }
            node = composed
        } catch let error as SweepError {
            throw error
        } catch {
            throw .unknownTarget(path: description, reason: "cannot re-encode \(kind) \"\(name)\": \(error)")
        }
        let changed = try set(in: node, value: value)
        var options = ManifestLoader.Options.scheduling
        options.applyAdmissionDefaults = false
        let text: String
        do {
            text = try Yams.serialize(node: changed)
        } catch {
            throw .invalidValue(path: description, value: value, reason: "\(error)")
        }
        let reloaded = ManifestLoader(options: options).load(text: text, fileName: loaded.location.file)
        if let error = reloaded.diagnostics.first(where: { $0.severity == .error }) {
            throw .invalidValue(path: description, value: value, reason: error.message)
        }
        if let warning = reloaded.diagnostics.first(where: { $0.message.hasPrefix("unknown field") }) {
            throw .unknownTarget(path: description, reason: "not a field of \(kind) (\(warning.message))")
        }
        guard let object = reloaded.objects.first?.object else {
            throw .invalidValue(path: description, value: value, reason: "the object did not decode")
        }
        input.objects[index].object = object
    }
}
