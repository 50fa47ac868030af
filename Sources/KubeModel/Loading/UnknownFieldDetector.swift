import Foundation
import Yams

/// Finds mapping keys in the source that the decoded value does not know, the way
/// `kubectl --validate=warn` reports `unknown field "spec.containers[0].imagePullPolice"`.
///
/// The decoded value is re-encoded (JSON) and the source node's keys are compared with the
/// re-encoded keys, level by level. Keys whose source value is null are skipped, since
/// optional fields that are `nil` are not re-encoded (`creationTimestamp: null`).
struct UnknownFieldDetector {
    /// Returns the field paths of unknown keys, in source order.
    static func unknownFields<T: Encodable>(in node: Yams.Node, decoded: T) -> [[YAMLLocator.PathComponent]] {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(decoded),
            let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return [] }
        var result: [[YAMLLocator.PathComponent]] = []
        compare(node, tree, path: [], into: &result)
        return result
    }

    private static func compare(
        _ node: Yams.Node, _ encoded: Any, path: [YAMLLocator.PathComponent],
        into result: inout [[YAMLLocator.PathComponent]]
    ) {
        switch node {
        case .mapping(let mapping):
            guard let dictionary = encoded as? [String: Any] else { return }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if case .scalar = value, value.null != nil { continue }
                let childPath = path + [.key(name)]
                if let child = dictionary[name] {
                    compare(value, child, path: childPath, into: &result)
                } else {
                    result.append(childPath)
                }
            }
        case .sequence(let sequence):
            guard let array = encoded as? [Any] else { return }
            for (index, item) in sequence.enumerated() where index < array.count {
                compare(item, array[index], path: path + [.index(index)], into: &result)
            }
        case .scalar, .alias:
            return
        }
    }
}
