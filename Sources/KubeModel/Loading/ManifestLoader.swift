import Foundation
import Yams

/// Reads Kubernetes manifests: multi-document YAML streams and `kind: List`, into typed
/// ``KubeObject``s with their ``SourceLocation``s, plus every problem found as ``Diagnostic``s.
///
/// For each document the loader: refuses oversized, non-UTF-8 or alias-bomb input; decodes the
/// object by `kind` (API defaults that need no context are applied during decoding); warns
/// about unknown fields; and validates like the API server. Objects with errors are dropped.
/// Finally, admission defaults that need the whole set (priority from PriorityClasses, default
/// tolerations, QoS class, namespace) are applied across all loaded objects.
///
/// Unrecognised kinds are returned as ``KubeObject/unrecognized(apiVersion:kind:node:)``
/// without a diagnostic; the caller decides whether to warn.
public struct ManifestLoader: Sendable {
    /// Limits and switches.
    public struct Options: Sendable {
        /// Files larger than this are refused (default 64 MiB).
        public var maximumFileSize: Int = 64 << 20
        /// Maximum expanded YAML nodes per document (alias bombs are refused).
        public var maximumNodesPerDocument: Int = 2_000_000
        /// Maximum nesting depth of a document.
        public var maximumDepth: Int = 100
        /// Warn about fields the model does not know.
        public var warnUnknownFields: Bool = true
        /// Run API-server validation.
        public var validate: Bool = true
        /// Feature switches for validation.
        public var validation: ValidationOptions = .init()
        /// Apply admission defaults (priority, default tolerations, QoS, namespace).
        public var applyAdmissionDefaults: Bool = true
        /// The args type of each scheduler plugin that has one: what `pluginConfig` args decode
        /// as (the scheduler's registry, `ManifestLoader.Options.scheduling` in ClusterComponents;
        /// empty leaves every plugin's args untyped).
        public var schedulerPluginArgs = PluginArgsTypes()

        /// The default options.
        public init() {}
    }

    /// What a load produced.
    public struct Result: Sendable {
        /// Objects in input order.
        public var objects: [LoadedObject] = []
        /// Problems in input order.
        public var diagnostics: [Diagnostic] = []

        /// Creates an empty result.
        public init() {}

        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
        /// The errors only.
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// The warnings only.
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// The options in force.
    public var options: Options

    /// Creates a loader.
    public init(options: Options = Options()) { self.options = options }

    // MARK: - Entry points

    /// Loads files (or directories: their `*.yaml`/`*.yml`/`*.json` files in name order), in order.
    public func load(paths: [String]) -> Result {
        var result = Result()
        for path in paths {
            for file in expand(path: path, into: &result) {
                loadFile(file, into: &result)
            }
        }
        finish(&result)
        return result
    }

    /// Loads one in-memory text; `fileName` is used in locations and messages.
    public func load(text: String, fileName: String) -> Result {
        var result = Result()
        loadText(text, fileName: fileName, into: &result)
        finish(&result)
        return result
    }

    /// Loads raw bytes (checked for size and UTF-8 first).
    public func load(data: Data, fileName: String) -> Result {
        var result = Result()
        loadData(data, fileName: fileName, into: &result)
        finish(&result)
        return result
    }

    // MARK: - Files

    private func expand(path: String, into result: inout Result) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            result.diagnostics.append(error(SourceLocation(file: path), "no such file or directory"))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    private func loadFile(_ path: String, into result: inout Result) {
        let location = SourceLocation(file: path)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.intValue, size > options.maximumFileSize
        {
            result.diagnostics.append(error(location, tooLarge(size)))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            result.diagnostics.append(error(location, "cannot read file"))
            return
        }
        loadData(data, fileName: path, into: &result)
    }

    private func tooLarge(_ size: Int) -> String {
        "file is \(size) bytes, larger than the limit of \(options.maximumFileSize) bytes; refusing to read it"
    }

    private func loadData(_ data: Data, fileName: String, into result: inout Result) {
        let location = SourceLocation(file: fileName)
        guard data.count <= options.maximumFileSize else {
            result.diagnostics.append(error(location, tooLarge(data.count)))
            return
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(data)
            let line = data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            result.diagnostics.append(
                error(
                    SourceLocation(file: fileName, line: line),
                    "file is not valid UTF-8 text (invalid byte at offset \(offset)); is it a binary file?"))
            return
        }
        loadText(text, fileName: fileName, into: &result)
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var low = 0
        var high = data.count
        // Binary search for the longest valid prefix (prefix validity is monotone except for
        // truncated sequences, which this tolerates to within a few bytes).
        while low < high {
            let mid = (low + high + 1) / 2
            if String(validating: data.prefix(mid), as: UTF8.self) != nil { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: - Documents

    /// The resolver for parsing: merge keys (`<<`) only; see ``loadText(_:fileName:into:)``.
    static let keyResolver = Resolver.basic.appending(.merge)

    private func loadText(_ text: String, fileName: String, into result: inout Result) {
        let fileLocation = SourceLocation(file: fileName)
        guard text.utf8.count <= options.maximumFileSize else {
            result.diagnostics.append(error(fileLocation, tooLarge(text.utf8.count)))
            return
        }
        let before = result.objects.count
        let errorsBefore = result.diagnostics.count
        var documentIndex = 0
        var batch: [Yams.Node] = []
        do {
            // Only the merge-key rule: the parser hashes every mapping key to refuse duplicates,
            // and hashing resolves the key's implicit tag by trying each rule's regular
            // expression in turn (7 by default; a third of the load time). Keys compare by text
            // and by resolved tag, so with one resolver on both sides only keys written with an
            // explicit non-string tag (`!!int 1`) resolve differently; values are decoded by
            // `ScalarConstructible`, which does not consult resolved tags.
            let parser = try Parser(yaml: text, resolver: Self.keyResolver)
            while let root = try parser.nextRoot() {
                batch.append(root)
                documentIndex += 1
                if batch.count == Self.batchSize {
                    loadDocuments(batch, fileName: fileName, firstIndex: documentIndex - batch.count, into: &result)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            loadDocuments(batch, fileName: fileName, firstIndex: documentIndex - batch.count, into: &result)
        } catch let yamlError as YamlError {
            loadDocuments(batch, fileName: fileName, firstIndex: documentIndex - batch.count, into: &result)
            result.diagnostics.append(Self.diagnostic(for: yamlError, fileName: fileName, documentIndex: documentIndex))
        } catch {
            loadDocuments(batch, fileName: fileName, firstIndex: documentIndex - batch.count, into: &result)
            result.diagnostics.append(self.error(fileLocation, "cannot parse YAML: \(error)"))
        }
        if result.objects.count == before && result.diagnostics.count == errorsBefore {
            result.diagnostics.append(
                Diagnostic(
                    severity: .warning, location: fileLocation,
                    message: "no Kubernetes objects found (the file is empty or holds only comments)"))
        }
    }

    /// Turns a Yams parse error into a diagnostic with the line it names.
    static func diagnostic(for yamlError: YamlError, fileName: String, documentIndex: Int) -> Diagnostic {
        var line: Int?
        var problem = "\(yamlError)"
        switch yamlError {
        case .scanner(let context, let text, let mark, _), .parser(let context, let text, let mark, _),
            .composer(let context, let text, let mark, _):
            line = mark.line
            problem = (context.map { "\($0.text) " } ?? "") + text
            if text.contains("cannot start any token"), mark.line > 0 {
                problem += " (tabs are not allowed for indentation in YAML)"
            }
        case .reader(let text, let offset, _, let yaml):
            if let offset {
                line = yaml.utf8.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            problem = text
        case .duplicatedKeysInMapping(let duplicates, let context):
            line = context.mark.line
            problem = "duplicate key(s) in a mapping: " + duplicates.joined(separator: ", ")
        default:
            break
        }
        return Diagnostic(
            severity: .error, location: SourceLocation(file: fileName, line: line, documentIndex: documentIndex),
            message: "invalid YAML: " + problem)
    }

    /// Documents parsed before they are decoded together.
    static let batchSize = 512

    /// Decodes parsed documents, on all cores when there are enough of them. Documents are
    /// independent (each has its own nodes and tags), each gets its own partial result, and the
    /// partial results are appended in document order, so output is the same as sequential.
    private func loadDocuments(_ roots: [Yams.Node], fileName: String, firstIndex: Int, into result: inout Result) {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, roots.count / 32)
        guard workers > 1 else {
            for (offset, root) in roots.enumerated() {
                loadDocument(root, fileName: fileName, documentIndex: firstIndex + offset, into: &result)
            }
            return
        }
        var partials = [Result](repeating: Result(), count: roots.count)
        partials.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let roots = roots
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Contiguous chunks: one writer per slot.
                let low = roots.count * worker / workers
                let high = roots.count * (worker + 1) / workers
                for index in low..<high {
                    loadDocument(
                        roots[index], fileName: fileName, documentIndex: firstIndex + index, into: &output[index])
                }
            }
        }
        for partial in partials {
            result.objects.append(contentsOf: partial.objects)
            result.diagnostics.append(contentsOf: partial.diagnostics)
        }
    }

    private func loadDocument(
        _ root: Yams.Node, fileName: String, documentIndex: Int, into result: inout Result
    ) {
        let location = SourceLocation(file: fileName, line: root.mark?.line, documentIndex: documentIndex)
        if case .scalar = root, root.null != nil || root.string?.isEmpty == true { return }  // empty document
        do {
            try YAMLStructureGuard(nodeBudget: options.maximumNodesPerDocument, maximumDepth: options.maximumDepth)
                .check(root)
        } catch {
            switch error {
            case .tooManyNodes(let budget):
                result.diagnostics.append(
                    self.error(
                        location, "document expands to more than \(budget) YAML nodes (aliases/anchors); refusing it"))
            case .tooDeep(let depth, let line):
                var deep = location
                deep.line = line ?? location.line
                result.diagnostics.append(
                    self.error(deep, "document is nested more than \(depth) levels deep; refusing it"))
            }
            return
        }
        loadObject(root, location: location, into: &result, allowList: true)
    }

    private func loadObject(
        _ root: Yams.Node, location: SourceLocation, into result: inout Result, allowList: Bool
    ) {
        guard root.mapping != nil else {
            result.diagnostics.append(
                error(location, "expected a Kubernetes object (a YAML mapping), found \(Self.describe(root))"))
            return
        }
        let apiVersion = root["apiVersion"]?.string ?? ""
        let kind = root["kind"]?.string ?? ""
        var missing: [String] = []
        if apiVersion.isEmpty { missing.append("apiVersion not set") }
        if kind.isEmpty { missing.append("kind not set") }
        if !missing.isEmpty {
            result.diagnostics.append(
                error(location, "error validating data: [" + missing.joined(separator: ", ") + "]"))
            return
        }
        if kind == "List" || (kind.hasSuffix("List") && root["items"] != nil) {
            guard allowList else {
                result.diagnostics.append(error(location, "a List may not contain another List"))
                return
            }
            let items = root["items"]
            if let items, items.null == nil, items.sequence == nil {
                result.diagnostics.append(error(location, "items: Invalid value: expected a list of objects"))
                return
            }
            for item in items?.sequence ?? [] {
                var itemLocation = location
                itemLocation.line = item.mark?.line ?? location.line
                loadObject(item, location: itemLocation, into: &result, allowList: false)
            }
            return
        }
        let context = DocumentContext(root: root, location: location, options: options)
        guard let object = context.decode(kind: kind, apiVersion: apiVersion, into: &result) else { return }
        result.objects.append(LoadedObject(object: object, location: location))
    }

    private static func describe(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): "a scalar \(GoString.quoted(String(scalar.string.prefix(40))))"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    private func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(severity: .error, location: location, message: message)
    }

    // MARK: - Whole-set steps

    private func finish(_ result: inout Result) {
        guard options.applyAdmissionDefaults else { return }
        AdmissionDefaults.apply(to: &result)
    }
}
