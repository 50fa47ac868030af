import Foundation

/// Dense bits for GPU model names (`alibabacloud.com/gpu-card-model` values), so a node's model
/// is one bit and a pod's allowed models a mask: the model check costs one AND per node.
///
/// Names are interned in the order they are first seen (nodes, then pod constraints); at most 63
/// distinct models get their own bit, later ones share bit 63 (a documented approximation).
struct GPUModelTable {
    /// Model names by bit index.
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    /// The bit of `name`, registering it if new.
    /// - Complexity: O(1) amortised.
    mutating func bit(_ name: String) -> UInt64 {
        if let id = ids[name] { return 1 << UInt64(id) }
        let id = min(names.count, 63)
        if names.count < 63 {
            names.append(name)
            ids[name] = id
        }
        return 1 << UInt64(id)
    }

    /// The mask of a `|`-separated constraint (`gpu_spec`); 0 (any model) when empty.
    mutating func mask(_ spec: String) -> UInt64 {
        var mask: UInt64 = 0
        for model in spec.split(separator: "|") {
            let trimmed = model.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { mask |= bit(trimmed) }
        }
        return mask
    }

    /// Number of interned models.
    var count: Int { names.count }
}
