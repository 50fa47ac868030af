/// Dense ids for GPU model names, so that a node's model is one bit and a pod's `gpu_spec` is a bit mask.
///
/// Node models get ids first (in node order), then models that only pods name; at most 64 models.
public struct GPUModelCatalog: Sendable, Hashable {
    /// Model names by id.
    public private(set) var names: [String] = []

    /// Creates a catalog of the models of `nodes`, then of the models named in `pods`' specs.
    /// - Precondition: at most 64 distinct models.
    public init(nodes: [GPUTraceNode], pods: [GPUTracePod]) {
        for node in nodes where !node.model.isEmpty { _ = id(registering: node.model) }
        for pod in pods { for model in pod.gpuSpec { _ = id(registering: model) } }
    }

    /// The id of `name`, if known.
    /// - Complexity: O(number of models) (≤ 64).
    public func id(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The bit of a node's model (0 for a CPU-only node, which no model constraint accepts).
    public func nodeBit(model: String) -> UInt64 {
        guard let id = id(of: model) else { return 0 }
        return 1 << UInt64(id)
    }

    /// The mask of a pod's allowed models; 0 means any model.
    public func specMask(_ spec: [String]) -> UInt64 {
        spec.reduce(0) { mask, model in mask | nodeBit(model: model) }
    }

    private mutating func id(registering name: String) -> Int {
        if let id = id(of: name) { return id }
        precondition(names.count < 64, "more than 64 GPU models")
        names.append(name)
        return names.count - 1
    }
}
