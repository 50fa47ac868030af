import Foundation
import Yams

/// Finds mapping keys in the source that the decoded type does not know, the way
/// `kubectl --validate=warn` reports `unknown field "spec.containers[0].imagePullPolice"`.
///
/// The source node is walked alongside the ``DecodeTrace`` recorded while decoding: a key that
/// no decoding type asked for is unknown; keys that were asked for are descended into. Keys
/// whose source value is null are skipped (`creationTimestamp: null`). (This replaced a JSON
/// re-encoding of the value, which cost as much as decoding.)
struct UnknownFieldDetector {
    /// Returns the field paths of unknown keys, in source order.
    static func unknownFields(in node: Yams.Node, trace: DecodeTrace) -> [[YAMLLocator.PathComponent]] {
        var result: [[YAMLLocator.PathComponent]] = []
        var path: [YAMLLocator.PathComponent] = []
        compare(node, trace: trace, path: &path, into: &result)
        return result
    }

    private static func compare(
        _ node: Yams.Node, trace: DecodeTrace, path: inout [YAMLLocator.PathComponent],
        into result: inout [[YAMLLocator.PathComponent]]
    ) {
        switch node {
        case .mapping(let mapping):
            // Not opened as a mapping by any type (e.g. decoded as a scalar): nothing to say.
            guard let asked = trace.askedNames(at: mapping.mark) else { return }
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else { continue }
                if case .scalar(let scalar) = value, NSNull.construct(from: scalar) != nil { continue }
                let name = keyScalar.string
                path.append(.key(name))
                if asked.contains(name) {
                    compare(value, trace: trace, path: &path, into: &result)
                } else {
                    result.append(path)
                }
                path.removeLast()
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                path.append(.index(index))
                compare(item, trace: trace, path: &path, into: &result)
                path.removeLast()
            }
        case .scalar, .alias:
            return
        }
    }
}
