import Foundation
import Yams

/// A strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch), as `kubectl patch`
/// sends by default: mappings merge key by key, `null` deletes a key, lists whose elements
/// have a merge key (containers and volumes by `name`, ports by `containerPort`, mounts by
/// `mountPath`) merge element by element, and every other list is replaced.
public enum StrategicMergePatch {
    /// The patch strategy of the core/v1 pod fields (`patchMergeKey` in k8s.io/api/core/v1/types.go).
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "volumeMounts": "mountPath", "ports": "containerPort", "imagePullSecrets": "name",
        "hostAliases": "ip", "tolerations": "key", "readinessGates": "conditionType",
    ]

    /// Why a patch could not be applied.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// What went wrong, naming the field.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// Applies `patch` to a pod template.
    /// - Parameters:
    ///   - patch: a fragment of `spec.template` (e.g. `{spec: {containers: [{name: app, image: x}]}}`).
    ///   - template: the template patched.
    /// - Returns: the patched template, decoded again (so defaults apply to new fields).
    /// - Throws: ``Failure`` when the patch is not a mapping or the result does not decode.
    public static func apply(_ patch: JSONValue, to template: PodTemplateSpec) throws(Failure) -> PodTemplateSpec {
        guard case .mapping = patch else { throw Failure(message: "template: must be a mapping") }
        do {
            let text = try YAMLEncoder().encode(template)
            guard let base = try Yams.compose(yaml: text) else { throw Failure(message: "template: empty") }
            let merged = merge(base, node(of: patch), field: "")
            return try YAMLDecoder().decode(PodTemplateSpec.self, from: try Yams.serialize(node: merged))
        } catch let failure as Failure {
            throw failure
        } catch let error as DecodingError {
            throw Failure(message: "template: " + describe(error))
        } catch {
            throw Failure(message: "template: \(error)")
        }
    }

    /// `path: what was wrong` of a decoding error.
    static func describe(_ error: DecodingError) -> String {
        let (path, detail): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                .dataCorrupted(let context):
                (context.codingPath, context.debugDescription)
            @unknown default: ([], "\(error)")
            }
        let field = path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return (field.hasPrefix(".") ? String(field.dropFirst()) : field) + ": " + detail
    }

    /// Merges `patch` into `base`; `field` is the key under which they sit (for merge keys).
    static func merge(_ base: Yams.Node, _ patch: Yams.Node, field: String) -> Yams.Node {
        switch (base, patch) {
        case (.mapping(let baseMapping), .mapping(let patchMapping)):
            var result = baseMapping
            for (key, value) in patchMapping {
                let name = key.string ?? ""
                if case .scalar(let scalar) = value, scalar.tag == Tag(.null) || scalar.string == "null" {
                    result[key] = nil
                } else if let existing = result[key] {
                    result[key] = merge(existing, value, field: name)
                } else {
                    result[key] = value
                }
            }
            return .mapping(result)
        case (.sequence(let baseItems), .sequence(let patchItems)):
            guard let mergeKey = mergeKeys[field] else { return patch }
            var items = Array(baseItems)
            for item in patchItems {
                let key = item.mapping?[mergeKey]?.string
                if let key, let index = items.firstIndex(where: { $0.mapping?[mergeKey]?.string == key }) {
                    items[index] = merge(items[index], item, field: "")
                } else {
                    items.append(item)
                }
            }
            return .sequence(Yams.Node.Sequence(items))
        default:
            return patch
        }
    }

    /// The YAML node of a value (plain scalars, so `3` decodes as a number and `true` as a Bool).
    static func node(of value: JSONValue) -> Yams.Node {
        switch value {
        case .null: return Yams.Node("null", Tag(.null))
        case .scalar(let text): return Yams.Node(text)
        case .sequence(let items): return .sequence(Yams.Node.Sequence(items.map(node(of:))))
        case .mapping(let members):
            return .mapping(Yams.Node.Mapping(members.map { (Yams.Node($0.key), node(of: $0.value)) }))
        }
    }
}
