import Foundation
import KubeModel
import Yams

extension NodeListSpec {
    /// The pool name of a `from` pool that gives none.
    public static let defaultPoolName = "openb"
}

extension ScenarioReader {
    /// `spec.nodes[i].from: {file, format: openb}`: reads the node list now (relative to the
    /// scenario file), so that a bad row is reported at load time as `file:line: column: why`.
    /// The pool gets the list's nodes (the first `count` if given, else all); its own `capacity`
    /// fills resources the list does not set (`pods`, `ephemeral-storage`), its labels, taints,
    /// images and kubelet settings apply to every node.
    mutating func readNodeList(_ node: Yams.Node, _ poolPath: FieldPath, into pool: inout NodePool, countGiven: Bool) {
        let path = poolPath.key("from")
        guard let params = mapping(node, path, known: Self.nodeListKeys),
            let file = requiredString(params, "file", path)
        else { return }
        referFile(file, path.key("file"), purpose: .nodeList)
        var spec = NodeListSpec(file: file)
        if let text = optionalString(params, "format", path) {
            guard let format = NodeListSpec.Format(rawValue: text) else {
                error(
                    .notSupported(path.key("format").text, text, NodeListSpec.Format.allCases.map(\.rawValue)),
                    at: path.key("format"))
                return
            }
            spec.format = format
        }
        pool.source = spec
        let resolved = Self.resolve(file, against: baseDirectory)
        // A missing file is reported by ScenarioReferenceChecker (with this field's line).
        guard FileManager.default.fileExists(atPath: resolved) else {
            pool.listedNodes = []
            if !countGiven { pool.count = 0 }
            return
        }
        do {
            let list = try OpenBNodeList(contentsOf: resolved)
            pool.listedNodes = list.records.map(\.listedNode)
        } catch {
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: SourceLocation(file: error.file, line: error.line),
                    message: (error.field.map { $0 + ": " } ?? "") + error.reason))
            pool.listedNodes = []
        }
        let listed = pool.listedNodes?.count ?? 0
        if countGiven {
            if pool.count > listed {
                invalid(poolPath.key("count"), String(pool.count), "the node list has only \(listed) nodes")
            }
            pool.count = min(pool.count, listed)
        } else {
            pool.count = listed
        }
    }

    /// A warning for each `${NAME}`/`$NAME` in `file` that the environment does not set, naming
    /// the `--traces` option that sets `KUBESIM_TRACES`.
    mutating func warnUnsetVariables(in file: String, at path: FieldPath) {
        guard file.contains("$") else { return }
        let environment = ProcessInfo.processInfo.environment
        for name in Self.variableNames(in: file) where environment[name] == nil {
            var where_ = location
            where_.line = line(path)
            let hint = name == "KUBESIM_TRACES" ? " (kubesim run --traces DIR sets it)" : ""
            diagnostics.append(
                Diagnostic(
                    severity: .warning, location: where_, object: objectName,
                    message: "\(path.text): environment variable \(name) is not set\(hint)"))
        }
    }

    /// The variable names in `${NAME}` and `$NAME` references, in order.
    static func variableNames(in file: String) -> [String] {
        var names: [String] = []
        var rest = Substring(file)
        while let dollar = rest.firstIndex(of: "$") {
            var after = rest[rest.index(after: dollar)...]
            if after.first == "{", let close = after.firstIndex(of: "}") {
                names.append(String(after[after.index(after: after.startIndex)..<close]))
                after = after[after.index(after: close)...]
            } else {
                let end = after.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? after.endIndex
                if end > after.startIndex { names.append(String(after[..<end])) }
                after = after[end...]
            }
            rest = after
        }
        return names
    }

    /// `file` with `${NAME}` and `$NAME` replaced by environment variables (unset ones are left as
    /// written, so the "no such file" error shows them), e.g. `${KUBESIM_TRACES}/openb_pod_list_default.csv`
    /// with `KUBESIM_TRACES` set by `kubesim run --traces DIR`.
    static func expandingEnvironment(_ file: String) -> String {
        guard file.contains("$") else { return file }
        let environment = ProcessInfo.processInfo.environment
        var result = ""
        var rest = Substring(file)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            var after = rest[rest.index(after: dollar)...]
            var name: Substring
            var consumed: Substring
            if after.first == "{", let close = after.firstIndex(of: "}") {
                name = after[after.index(after: after.startIndex)..<close]
                consumed = rest[dollar...close]
                after = after[after.index(after: close)...]
            } else {
                let end = after.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? after.endIndex
                name = after[..<end]
                consumed = rest[dollar..<end]
                after = after[end...]
            }
            if !name.isEmpty, let value = environment[String(name)] {
                result += value
            } else {
                result += consumed
            }
            rest = after
        }
        return result + rest
    }
}
