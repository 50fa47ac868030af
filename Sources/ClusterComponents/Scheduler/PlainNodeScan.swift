/// The filter scan's common case: a run of plain nodes (hot record not `slow`) where, for this
/// pod, NodeResourcesFit's hot-scalar check is the only filter that can fail
/// (``Scheduler/podTakesFastPath(_:profile:)``). It is a loop of its own, over plain values, so
/// that its position and counts stay in registers: in the scan's general loop they lived in
/// the closures' captured variables, a load and a store per node (65 instructions a node).
struct PlainNodeScan {
    let order: UnsafeBufferPointer<Int32>
    let hot: UnsafeBufferPointer<NodeHot>
    let fit: NodeResourcesFit.FastPath
    /// Whether the profile filters by resources (NodeResourcesFit's Filter is enabled).
    let checkFit: Bool

    /// Whether `node` is plain and fits: it passes every filter without the full path.
    @inline(__always)
    func admits(_ node: Int) -> Bool {
        let record = hot.baseAddress.unsafelyUnwrapped + node
        return !record.pointee.slow && (!checkFit || fit.fits(record.pointee))
    }

    /// Takes nodes from scan position `i` on into `out[found...]` while they are plain and fit,
    /// until `k` are found or all `n` are processed; stops at the first other node, which it
    /// leaves unprocessed at `i` for the full filters.
    @inline(__always)
    func run(
        from i: inout Int, found: inout Int, processed: inout Int, k: Int, n: Int,
        into out: UnsafeMutableBufferPointer<Int32>
    ) {
        var (position, taken, seen) = (i, found, processed)
        while seen < n {
            let node = Int(order[position])
            guard admits(node) else { break }
            out[taken] = Int32(truncatingIfNeeded: node)
            taken &+= 1
            seen &+= 1
            if taken >= k { break }
            position &+= 1
            if position == n { position = 0 }
        }
        (i, found, processed) = (position, taken, seen)
    }
}
