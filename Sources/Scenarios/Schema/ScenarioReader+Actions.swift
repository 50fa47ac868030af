import ClusterComponents
import KubeModel
import SimulationCore
import Yams

extension ScenarioReader {
    static let actionKinds = [
        "apply", "cordon", "delete", "drain", "kubelet", "node", "patch", "registry", "scale", "uncordon",
    ]
    /// Kinds `scale` understands (those with `spec.replicas`).
    static let scalableKinds = ["Deployment", "ReplicaSet", "StatefulSet"]
    /// Kinds `patch` understands (those with a pod template).
    static let patchableKinds = ["DaemonSet", "Deployment", "Job", "ReplicaSet", "StatefulSet"]

    mutating func actions(_ node: Yams.Node, _ path: FieldPath) -> [ScenarioAction] {
        guard let items = sequence(node, path) else { return [] }
        var result: [ScenarioAction] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.actionKeys) else { continue }
            var at: SimulationDuration?
            if let node = map["at"] { at = duration(node, itemPath.key("at")) } else { required(itemPath.key("at")) }
            let operations = map.entries.filter { Self.actionKinds.contains($0.key) }
            guard operations.count == 1, let (kind, body) = operations.first else {
                invalid(itemPath, node: item, "expected exactly one of " + Self.actionKinds.joined(separator: ", "))
                continue
            }
            if let operation = operation(kind, body, itemPath.key(kind)), let at {
                result.append(ScenarioAction(at: at, operation: operation, index: index))
            }
        }
        // Stable sort by time: equal times keep document order.
        return result.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    private mutating func operation(_ kind: String, _ body: Yams.Node, _ path: FieldPath) -> ScenarioAction.Operation? {
        switch kind {
        case "apply":
            guard let map = mapping(body, path, known: Self.fileOrInlineKeys) else { return nil }
            switch (map["file"], map["inline"]) {
            case (let file?, nil):
                guard let text = string(file, path.key("file")) else { return nil }
                referFile(text, path.key("file"), purpose: .apply)
                return .apply(.file(text))
            case (nil, let inline?):
                return inlineObjects(inline, path.key("inline")).map { .apply(.inline($0)) }
            default:
                invalid(path, node: body, "expected exactly one of file, inline")
                return nil
            }
        case "delete":
            guard let map = mapping(body, path, known: Self.deleteKeys) else { return nil }
            return reference(map, path, defaultKind: nil).map(ScenarioAction.Operation.delete)
        case "scale":
            guard let map = mapping(body, path, known: Self.scaleKeys) else { return nil }
            let target = reference(map, path, defaultKind: "Deployment")
            if let target, !Self.scalableKinds.contains(target.kind) {
                error(.notSupported(path.key("kind").text, target.kind, Self.scalableKinds), at: path.key("kind"))
                return nil
            }
            guard let replicasNode = map["replicas"] else {
                required(path.key("replicas"))
                return nil
            }
            guard let replicas = int(replicasNode, path.key("replicas"), minimum: 0), let target else { return nil }
            return .scale(target, replicas: replicas)
        case "patch":
            guard
                let map = mapping(
                    body, path,
                    known: Self.patchKeys)
            else { return nil }
            let target = reference(map, path, defaultKind: "Deployment")
            if let target, !Self.patchableKinds.contains(target.kind) {
                error(.notSupported(path.key("kind").text, target.kind, Self.patchableKinds), at: path.key("kind"))
                return nil
            }
            guard let target else { return nil }
            var patch = PatchAction(target: target)
            patch.image = optionalString(map, "image", path)
            patch.container = optionalString(map, "container", path)
            if let node = map["template"] { patch.template = decodable(JSONValue.self, node, path.key("template")) }
            if let node = map["replicas"] { patch.replicas = int(node, path.key("replicas"), minimum: 0) }
            if patch.image == nil && patch.template == nil && patch.replicas == nil {
                required(path.key("image"), "a patch needs image, template or replicas")
                return nil
            }
            return .patch(patch)
        case "cordon", "uncordon", "drain":
            guard let map = mapping(body, path, known: Self.nodeTargetKeys),
                let node = requiredString(map, "node", path)
            else {
                return nil
            }
            return kind == "cordon"
                ? .cordon(node: node) : kind == "uncordon" ? .uncordon(node: node) : .drain(node: node)
        case "node":
            return nodeOperation(body, path).map(ScenarioAction.Operation.node)
        case "kubelet":
            guard let map = mapping(body, path, known: Self.kubeletActionKeys),
                let node = requiredString(map, "node", path)
            else { return nil }
            guard let restartNode = map["restart"] else {
                required(path.key("restart"))
                return nil
            }
            guard let restart = bool(restartNode, path.key("restart")) else { return nil }
            guard restart else {
                invalid(path.key("restart"), node: restartNode, "the only kubelet action is restart: true")
                return nil
            }
            return .kubeletRestart(node: node)
        default:  // registry
            guard let map = mapping(body, path, known: Self.registryKeys) else { return nil }
            guard let outageNode = map["outage"] else {
                required(path.key("outage"))
                return nil
            }
            guard let outage = duration(outageNode, path.key("outage")) else { return nil }
            return .registryOutage(duration: outage, images: optionalString(map, "images", path))
        }
    }

    private mutating func reference(_ map: MappingView, _ path: FieldPath, defaultKind: String?) -> ObjectReference? {
        let kind: String?
        if defaultKind != nil, map["kind"] == nil {
            kind = defaultKind
        } else {
            kind = requiredString(map, "kind", path)
        }
        let namespace = optionalString(map, "namespace", path)
        let name = requiredString(map, "name", path)
        guard let kind, let name else { return nil }
        return ObjectReference(kind: kind, namespace: namespace, name: name)
    }

    private mutating func nodeOperation(_ body: Yams.Node, _ path: FieldPath) -> NodeOperation? {
        guard let map = mapping(body, path, known: Self.nodeActionKeys) else { return nil }
        let given = ["fail", "add", "remove"].filter { map[$0] != nil }
        guard given.count == 1 else {
            invalid(path, node: body, "expected exactly one of fail, add, remove")
            return nil
        }
        switch given[0] {
        case "fail":
            let name = requiredString(map, "name", path)
            guard let failed = bool(map["fail"]!, path.key("fail")), let name else { return nil }
            return .fail(node: name, failed: failed)
        case "add":
            guard let pool = string(map["add"]!, path.key("add")) else { return nil }
            return .add(pool: pool, name: optionalString(map, "name", path))
        default:
            let name = requiredString(map, "name", path)
            guard let remove = bool(map["remove"]!, path.key("remove")), let name else { return nil }
            guard remove else {
                invalid(path.key("remove"), node: map["remove"]!, "must be true")
                return nil
            }
            return .remove(node: name)
        }
    }

    /// Decodes inline manifests (one object, or a list of them) through ``ManifestLoader``,
    /// reporting their problems at the inline field's line.
    private mutating func inlineObjects(_ node: Yams.Node, _ path: FieldPath) -> [KubeObject]? {
        let items: [Yams.Node] = node.sequence.map(Array.init) ?? [node]
        var options = ManifestLoader.Options.scheduling
        options.applyAdmissionDefaults = false
        var objects: [KubeObject] = []
        for (index, item) in items.enumerated() {
            let itemPath = node.sequence == nil ? path : path.index(index)
            let text: String
            do {
                text = try Yams.serialize(node: item)
            } catch {
                invalid(itemPath, node: item, "cannot read the inline object: \(error)")
                continue
            }
            let loaded = ManifestLoader(options: options).load(text: text, fileName: location.file)
            for diagnostic in loaded.diagnostics {
                var moved = diagnostic
                moved.location = SourceLocation(
                    file: location.file, line: line(itemPath), documentIndex: location.documentIndex)
                moved.object = objectName
                moved.message = itemPath.text + ": " + (diagnostic.object.map { $0 + ": " } ?? "") + diagnostic.message
                diagnostics.append(moved)
            }
            objects += loaded.objects.map(\.object)
        }
        return objects
    }
}
