import Yams

/// Refuses documents whose alias expansion or nesting would make decoding explode.
///
/// `Yams.compose` does not copy aliased subtrees (it shares the anchored node), so composing a
/// "billion laughs" document is cheap; *walking* it (as `Decodable` does) is exponential. This
/// guard sizes the expanded tree in time linear in the distinct nodes, by memoising anchored
/// subtrees on (anchor, position), and stops at a budget.
struct YAMLStructureGuard {
    /// Maximum expanded nodes per document.
    var nodeBudget = 2_000_000
    /// Maximum nesting depth.
    var maximumDepth = 100

    enum Violation: Error {
        case tooManyNodes(Int)
        case tooDeep(Int, line: Int?)
    }

    private struct AnchorSite: Hashable {
        var anchor: String
        var line: Int
        var column: Int
    }

    /// Throws ``Violation`` if the expanded document exceeds the budgets.
    func check(_ root: Yams.Node) throws(Violation) {
        var memo: [AnchorSite: (size: Int, depth: Int)] = [:]
        var total = 0
        _ = try measure(root, depth: 1, memo: &memo, total: &total)
    }

    private func measure(
        _ node: Yams.Node, depth: Int, memo: inout [AnchorSite: (size: Int, depth: Int)], total: inout Int
    ) throws(Violation) -> (size: Int, depth: Int) {
        if depth > maximumDepth { throw .tooDeep(maximumDepth, line: node.mark?.line) }
        var site: AnchorSite?
        if let anchor = node.anchor, let mark = node.mark {
            let key = AnchorSite(anchor: anchor.rawValue, line: mark.line, column: mark.column)
            if let known = memo[key] {
                total += known.size
                if total > nodeBudget { throw .tooManyNodes(nodeBudget) }
                if depth - 1 + known.depth > maximumDepth { throw .tooDeep(maximumDepth, line: mark.line) }
                return known
            }
            site = key
        }
        var size = 1
        var deepest = 0
        total += 1
        if total > nodeBudget { throw .tooManyNodes(nodeBudget) }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                // Key then value, without building a two-element array per pair (hot: every node).
                let measuredKey = try measure(key, depth: depth + 1, memo: &memo, total: &total)
                size += measuredKey.size
                deepest = max(deepest, measuredKey.depth)
                let measuredValue = try measure(value, depth: depth + 1, memo: &memo, total: &total)
                size += measuredValue.size
                deepest = max(deepest, measuredValue.depth)
            }
        case .sequence(let sequence):
            for child in sequence {
                let measured = try measure(child, depth: depth + 1, memo: &memo, total: &total)
                size += measured.size
                deepest = max(deepest, measured.depth)
            }
        case .scalar, .alias:
            break
        }
        let result = (size: size, depth: deepest + 1)
        if let site { memo[site] = result }
        return result
    }
}
