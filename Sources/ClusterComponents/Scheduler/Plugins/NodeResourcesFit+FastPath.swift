/// NodeResourcesFit's filter from a node's hot scalars (``NodeHot``): for a pod that requests
/// no scalar (extended) resources, the pod count and cpu, memory and ephemeral-storage are all
/// the filter reads, so the scan over thousands of nodes touches no node info
/// (`SchedulerFrameworkTests.fastPathEqualsFilter` checks it against the general filter on seeded
/// random nodes and requests).
extension NodeResourcesFit {
    struct FastPath {
        let cpu: Int64
        let memory: Int64
        let ephemeral: Int64

        /// The fast path for a request; nil when it asks for a scalar resource.
        init?(_ request: PodRequest) {
            let r = request.requested
            if r.count > ResourceIndex.firstScalar, r[ResourceIndex.firstScalar...].contains(where: { $0 != 0 }) {
                return nil
            }
            cpu = request.value(ResourceIndex.cpu)
            memory = request.value(ResourceIndex.memory)
            ephemeral = request.value(ResourceIndex.ephemeralStorage)
        }

        /// Whether the general filter would pass (fit.go fitsRequest).
        @inline(__always)
        func fits(_ node: NodeHot) -> Bool { node.fits(cpu: cpu, memory: memory, ephemeral: ephemeral) }
    }
}
