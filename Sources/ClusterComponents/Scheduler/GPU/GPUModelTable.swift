import Foundation

/// Dense bits for GPU model names (`alibabacloud.com/gpu-card-model` values), so a node's model
/// is one bit and a pod's allowed models a mask: the model check costs one AND per node.
///
/// The one model table of kubesim: the scheduler's ``GPUShareCache`` interns the models of its
/// nodes and pods as they arrive, the standalone ATC'23 experiment (`kubesim bench fgd`) those of
/// its node list, then of its pod list.
///
/// Names are interned in the order they are first seen; at most 63 distinct models get their own
/// bit, later ones share bit 63 (``isSaturated``), a documented approximation: pods limited to
/// one of those models may land on another of them, and the fragmentation measure counts their
/// nodes with the nodes without a model (``GPUFragmentation/slot(_:)``).
public struct GPUModelTable: Sendable {
    /// Model names by bit index.
    public private(set) var names: [String] = []
    private var ids: [String: Int] = [:]
    /// Whether a 64th distinct model has been seen (it and later ones share bit 63).
    public private(set) var isSaturated = false

    /// An empty table.
    public init() {}

    /// The bit of `name`, registering it if new.
    /// - Complexity: O(1) amortised.
    public mutating func bit(_ name: String) -> UInt64 {
        if let id = ids[name] { return 1 << UInt64(id) }
        let id = min(names.count, 63)
        if names.count < 63 {
            names.append(name)
            ids[name] = id
        } else {
            isSaturated = true
        }
        return 1 << UInt64(id)
    }

    /// The mask of a `|`-separated constraint (`gpu_spec`); 0 (any model) when empty.
    public mutating func mask(_ spec: String) -> UInt64 {
        mask(models: spec.split(separator: "|").lazy.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// The mask of a list of models (empty names skipped); 0 (any model) when there are none.
    public mutating func mask(models: some Sequence<String>) -> UInt64 {
        var mask: UInt64 = 0
        for model in models where !model.isEmpty { mask |= bit(model) }
        return mask
    }

    /// Number of interned models.
    public var count: Int { names.count }
}
