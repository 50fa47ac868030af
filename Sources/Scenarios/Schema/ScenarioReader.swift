import Foundation
import KubeModel
import SimulationCore
import Stochastics
import Yams

/// A field path being decoded (`spec.behaviors[0].runs[1].duration`).
struct FieldPath {
    var components: [YAMLLocator.PathComponent] = []

    func key(_ name: String) -> FieldPath { FieldPath(components: components + [.key(name)]) }
    func index(_ index: Int) -> FieldPath { FieldPath(components: components + [.index(index)]) }
    var text: String { YAMLLocator.fieldPath(components) }
}

/// The entries of a YAML mapping in document order, looked up by key.
struct MappingView {
    var entries: [(key: String, value: Yams.Node)]

    subscript(key: String) -> Yams.Node? {
        for entry in entries where entry.key == key {
            if case .scalar = entry.value, entry.value.null != nil { return nil }  // `key: null` is absent
            return entry.value
        }
        return nil
    }

    var keys: [String] { entries.map(\.key) }
}

/// The units a distribution's values are in.
enum ValueUnit {
    /// Durations: Go-style or bare seconds ⇒ seconds.
    case seconds
    /// Sizes: Kubernetes quantities ⇒ bytes.
    case bytes
    /// Rates: `N/s`, `29B/s`, `2Mi/s` ⇒ per second.
    case perSecond
    /// Quantities without a unit (`500m` ⇒ 0.5).
    case number

    func parse(_ text: String) -> Result<Double, ScenarioUnits.Problem> {
        switch self {
        case .seconds: ScenarioUnits.duration(text).map(\.seconds)
        case .bytes: ScenarioUnits.size(text)
        case .perSecond: ScenarioUnits.rate(text)
        case .number: ScenarioUnits.number(text)
        }
    }
}

/// Walks a Scenario's YAML nodes, collecting every problem (not only the first) as
/// ``Diagnostic``s in the style `file:line: Scenario "name": path: Invalid value: "x": why`.
struct ScenarioReader {
    let locator: YAMLLocator
    let location: SourceLocation
    let baseDirectory: String
    var objectName: String
    var diagnostics: [Diagnostic] = []
    var sourceMap = ScenarioSourceMap()
    var fileReferences: [ScenarioFileReference] = []

    init(root: Yams.Node, location: SourceLocation, baseDirectory: String) {
        self.locator = YAMLLocator(root: root)
        self.location = location
        self.baseDirectory = baseDirectory
        self.objectName = Scenario.kind
    }

    // MARK: - Reporting

    func line(_ path: FieldPath) -> Int? { locator.line(at: path.components) ?? location.line }

    mutating func report(_ severity: Diagnostic.Severity, _ error: FieldError, line: Int?) {
        var where_ = location
        where_.line = line ?? location.line
        diagnostics.append(
            Diagnostic(severity: severity, location: where_, object: objectName, message: error.description))
    }

    mutating func error(_ error: FieldError, at path: FieldPath) { report(.error, error, line: line(path)) }

    mutating func invalid(_ path: FieldPath, _ value: String, _ detail: String) {
        error(.invalid(path.text, .string(value), detail), at: path)
    }

    mutating func invalid(_ path: FieldPath, node: Yams.Node, _ detail: String) {
        invalid(path, Self.text(of: node), detail)
    }

    mutating func required(_ path: FieldPath, _ detail: String = "") {
        error(.required(path.text, detail), at: path)
    }

    mutating func unknownField(_ path: FieldPath) {
        var where_ = location
        where_.line = locator.keyLine(at: path.components) ?? location.line
        diagnostics.append(
            Diagnostic(
                severity: .warning, location: where_, object: objectName,
                message: "unknown field \"\(path.text)\""))
    }

    /// How a node is shown in `Invalid value:` (scalars as text, else its shape).
    static func text(of node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): String(scalar.string.prefix(80))
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    // MARK: - Shapes

    /// The node as a mapping, warning about keys not in `known`.
    mutating func mapping(_ node: Yams.Node, _ path: FieldPath, known: [String]) -> MappingView? {
        guard let mapping = node.mapping else {
            if node.null != nil { return MappingView(entries: []) }
            invalid(path, node: node, "expected a mapping")
            return nil
        }
        var entries: [(key: String, value: Yams.Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let child = path.key(key)
            sourceMap.record(child.text, line: value.mark?.line ?? keyNode.mark?.line)
            if !known.contains(key) { unknownField(child) }
            entries.append((key, value))
        }
        return MappingView(entries: entries)
    }

    /// The node as a list (a null node is an empty list).
    mutating func sequence(_ node: Yams.Node, _ path: FieldPath) -> [Yams.Node]? {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            invalid(path, node: node, "expected a list")
            return nil
        }
        let items = Array(sequence)
        for (index, item) in items.enumerated() { sourceMap.record(path.index(index).text, line: item.mark?.line) }
        return items
    }

    // MARK: - Scalars

    mutating func string(_ node: Yams.Node, _ path: FieldPath) -> String? {
        guard case .scalar(let scalar) = node else {
            invalid(path, node: node, "expected a string")
            return nil
        }
        return scalar.string
    }

    mutating func requiredString(_ map: MappingView, _ key: String, _ path: FieldPath) -> String? {
        guard let node = map[key] else {
            required(path.key(key))
            return nil
        }
        guard let text = string(node, path.key(key)) else { return nil }
        if text.isEmpty {
            required(path.key(key))
            return nil
        }
        return text
    }

    mutating func optionalString(_ map: MappingView, _ key: String, _ path: FieldPath) -> String? {
        map[key].flatMap { string($0, path.key(key)) }
    }

    mutating func int(_ node: Yams.Node, _ path: FieldPath, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces))
        else {
            invalid(path, node: node, "expected an integer")
            return nil
        }
        if let minimum, value < minimum {
            error(.invalid(path.text, .int(value), "must be greater than or equal to \(minimum)"), at: path)
            return nil
        }
        if let maximum, value > maximum {
            error(.invalid(path.text, .int(value), "must be less than or equal to \(maximum)"), at: path)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Yams.Node, _ path: FieldPath) -> Bool? {
        guard case .scalar(let scalar) = node else {
            invalid(path, node: node, "expected a boolean (true or false)")
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            invalid(path, node: node, "expected a boolean (true or false)")
            return nil
        }
    }

    mutating func duration(_ node: Yams.Node, _ path: FieldPath) -> SimulationDuration? {
        guard let text = string(node, path) else { return nil }
        switch ScenarioUnits.duration(text) {
        case .success(let value): return value
        case .failure(let problem):
            invalid(path, text, problem.message)
            return nil
        }
    }

    mutating func value(_ node: Yams.Node, _ path: FieldPath, unit: ValueUnit) -> Double? {
        guard let text = string(node, path) else { return nil }
        switch unit.parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            invalid(path, text, problem.message)
            return nil
        }
    }

    mutating func stringMap(_ node: Yams.Node, _ path: FieldPath) -> [String: String]? {
        guard let mapping = node.mapping else {
            if node.null != nil { return [:] }
            invalid(path, node: node, "expected a mapping of strings")
            return nil
        }
        var result: [String: String] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            sourceMap.record(path.key(key).text, line: value.mark?.line)
            if let text = string(value, path.key(key)) { result[key] = text }
        }
        return result
    }

    mutating func stringList(_ node: Yams.Node, _ path: FieldPath) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            if let text = string(item, path.index(index)) { result.append(text) }
        }
        return result
    }

    /// Decodes a Codable KubeModel value, reporting a decoding error with its path.
    mutating func decodable<T: Decodable>(_ type: T.Type, _ node: Yams.Node, _ path: FieldPath) -> T? {
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch let decodingError as DecodingError {
            let (inner, detail): ([any CodingKey], String) =
                switch decodingError {
                case .keyNotFound(let key, let context): (context.codingPath + [key], "Required value")
                case .typeMismatch(_, let context): (context.codingPath, "Invalid value: " + context.debugDescription)
                case .valueNotFound(_, let context): (context.codingPath, "Required value")
                case .dataCorrupted(let context): (context.codingPath, "Invalid value: " + context.debugDescription)
                @unknown default: ([], "\(decodingError)")
                }
            let full = FieldPath(components: path.components + YAMLLocator.components(of: inner))
            var where_ = location
            where_.line = line(full)
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: where_, object: objectName,
                    message: full.text + ": " + detail))
            return nil
        } catch {
            invalid(path, node: node, "\(error)")
            return nil
        }
    }

    // MARK: - Files

    /// Records a file the scenario refers to, for ``ScenarioReferenceChecker``.
    mutating func referFile(_ file: String, _ path: FieldPath, purpose: ScenarioFileReference.Purpose) {
        warnUnsetVariables(in: file, at: path)
        fileReferences.append(
            ScenarioFileReference(
                path: file, resolvedPath: Self.resolve(file, against: baseDirectory),
                fieldPath: path.text, line: line(path), purpose: purpose))
    }

    /// `file` if absolute, else `baseDirectory/file`.
    static func resolve(_ file: String, against baseDirectory: String) -> String {
        // A path that starts with a variable is taken as the variable says (relative to the
        // working directory if relative), not relative to the scenario file.
        if file.hasPrefix("$") { return expandingEnvironment(file) }
        if file.hasPrefix("/") || baseDirectory.isEmpty || baseDirectory == "." { return file }
        return (baseDirectory as NSString).appendingPathComponent(file)
    }
}
