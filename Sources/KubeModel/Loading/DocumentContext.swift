import Yams

/// Decodes and checks one object node; turns every problem into a ``Diagnostic`` with a line.
struct DocumentContext {
    let root: Yams.Node
    let location: SourceLocation
    let options: ManifestLoader.Options

    var locator: YAMLLocator { YAMLLocator(root: root) }

    /// The expected `apiVersion` per known kind (core kinds are `v1`).
    static let expectedAPIVersions: [String: String] = [
        "Pod": "v1", "Node": "v1", "Namespace": "v1", "ConfigMap": "v1", "Secret": "v1", "Service": "v1",
        "Deployment": "apps/v1", "ReplicaSet": "apps/v1", "DaemonSet": "apps/v1", "StatefulSet": "apps/v1",
        "Job": "batch/v1",
        "PriorityClass": "scheduling.k8s.io/v1", "PodDisruptionBudget": "policy/v1",
        "HorizontalPodAutoscaler": "autoscaling/v2",
        "KubeSchedulerConfiguration": KubeSchedulerConfiguration.apiVersion,
    ]

    func decode(kind: String, apiVersion: String, into result: inout ManifestLoader.Result) -> KubeObject? {
        guard let expected = Self.expectedAPIVersions[kind] else {
            return .unrecognized(apiVersion: apiVersion, kind: kind, node: root)
        }
        if apiVersion != expected {
            result.diagnostics.append(
                diagnostic(
                    .error, at: [.key("apiVersion")], object: nil,
                    "no matches for kind \"\(kind)\" in version \"\(apiVersion)\" (expected \"\(expected)\")"))
            return nil
        }
        switch kind {
        case "Pod": return typed(Pod.self, into: &result).map(KubeObject.pod)
        case "Deployment": return typed(Deployment.self, into: &result).map(KubeObject.deployment)
        case "ReplicaSet": return typed(ReplicaSet.self, into: &result).map(KubeObject.replicaSet)
        case "DaemonSet": return typed(DaemonSet.self, into: &result).map(KubeObject.daemonSet)
        case "StatefulSet": return typed(StatefulSet.self, into: &result).map(KubeObject.statefulSet)
        case "Job": return typed(Job.self, into: &result).map(KubeObject.job)
        case "Node": return typed(Node.self, into: &result).map(KubeObject.node)
        case "Namespace": return typed(Namespace.self, into: &result).map(KubeObject.namespace)
        case "PriorityClass": return typed(PriorityClass.self, into: &result).map(KubeObject.priorityClass)
        case "ConfigMap": return typed(ConfigMap.self, into: &result).map(KubeObject.configMap)
        case "Secret": return typed(Secret.self, into: &result).map(KubeObject.secret)
        case "Service": return typed(Service.self, into: &result).map { KubeObject.service($0.withDefaults()) }
        case "PodDisruptionBudget":
            return typed(PodDisruptionBudget.self, into: &result).map(KubeObject.podDisruptionBudget)
        case "HorizontalPodAutoscaler":
            return typed(HorizontalPodAutoscaler.self, into: &result)
                .map { KubeObject.horizontalPodAutoscaler($0.withDefaults()) }
        case "KubeSchedulerConfiguration":
            return typed(KubeSchedulerConfiguration.self, into: &result).map(KubeObject.schedulerConfiguration)
        default: return .unrecognized(apiVersion: apiVersion, kind: kind, node: root)
        }
    }

    /// `Kind "name"` read from the source node (before decoding succeeds).
    var sourceDisplayName: String {
        let kind = root["kind"]?.string ?? "object"
        if let name = root["metadata"]?["name"]?.string, !name.isEmpty { return "\(kind) \"\(name)\"" }
        return kind
    }

    private func typed<T: Codable>(_ type: T.Type, into result: inout ManifestLoader.Result) -> T? {
        let value: T
        let trace = options.warnUnknownFields ? DecodeTrace() : nil
        do {
            // Only a scheduler configuration has plugin args to type.
            let userInfo: [CodingUserInfoKey: Any] =
                T.self == KubeSchedulerConfiguration.self
                ? [PluginArgsTypes.userInfoKey: options.schedulerPluginArgs] : [:]
            value = try NodeDecoder.decode(T.self, from: root, trace: trace, userInfo: userInfo)
        } catch let decodingError as DecodingError {
            result.diagnostics.append(diagnostic(for: decodingError))
            return nil
        } catch {
            result.diagnostics.append(
                Diagnostic(severity: .error, location: location, object: sourceDisplayName, message: "\(error)"))
            return nil
        }
        if let trace {
            for path in UnknownFieldDetector.unknownFields(in: root, trace: trace) {
                var where_ = location
                where_.line = locator.keyLine(at: path) ?? location.line
                result.diagnostics.append(
                    Diagnostic(
                        severity: .warning, location: where_, object: sourceDisplayName,
                        message: "unknown field \"\(YAMLLocator.fieldPath(path))\""))
            }
        }
        if options.validate, let validatable = value as? any Validatable {
            let errors = validatable.validate(options: options.validation)
            for fieldError in errors {
                result.diagnostics.append(
                    diagnostic(
                        .error, at: YAMLLocator.components(of: fieldError.path), object: sourceDisplayName,
                        fieldError.description))
            }
            if !errors.isEmpty { return nil }
        }
        return value
    }

    private func diagnostic(
        _ severity: Diagnostic.Severity, at path: [YAMLLocator.PathComponent], object: String?, _ message: String
    ) -> Diagnostic {
        var where_ = location
        where_.line = locator.line(at: path) ?? location.line
        return Diagnostic(severity: severity, location: where_, object: object ?? sourceDisplayName, message: message)
    }

    /// A decoding error in API-server words: `spec.replicas: Invalid value: "three": expected an integer`.
    func diagnostic(for decodingError: DecodingError) -> Diagnostic {
        switch decodingError {
        case .keyNotFound(let key, let context):
            let path = YAMLLocator.components(of: context.codingPath + [key])
            return diagnostic(.error, at: path, object: nil, YAMLLocator.fieldPath(path) + ": Required value")
        case .valueNotFound(_, let context):
            let path = YAMLLocator.components(of: context.codingPath)
            return diagnostic(.error, at: path, object: nil, YAMLLocator.fieldPath(path) + ": Required value")
        case .typeMismatch(let type, let context):
            let path = YAMLLocator.components(of: context.codingPath)
            let found = locator.node(at: path)
            let shown = found.exact ? Self.valueText(found.node) : "value"
            return diagnostic(
                .error, at: path, object: nil,
                YAMLLocator.fieldPath(path) + ": Invalid value: \(shown): expected \(Self.typeName(type))")
        case .dataCorrupted(let context):
            let path = YAMLLocator.components(of: context.codingPath)
            let found = locator.node(at: path)
            let shown = found.exact ? Self.valueText(found.node) : "value"
            let field = path.isEmpty ? "" : YAMLLocator.fieldPath(path) + ": "
            return diagnostic(
                .error, at: path, object: nil, field + "Invalid value: \(shown): \(context.debugDescription)")
        @unknown default:
            return Diagnostic(
                severity: .error, location: location, object: sourceDisplayName, message: "\(decodingError)")
        }
    }

    private static func valueText(_ node: Yams.Node) -> String {
        switch node {
        case .scalar(let scalar): GoString.quoted(String(scalar.string.prefix(80)))
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        if type is Int.Type || type is Int64.Type || type is Int32.Type { return "an integer" }
        if type is Bool.Type { return "a boolean (true or false)" }
        if type is String.Type { return "a string" }
        if type is Double.Type { return "a number" }
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.contains("Unkeyed") { return "a list" }
        return "a mapping"
    }
}
