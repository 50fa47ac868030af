/// The size of each image on each node, one dense column per image id indexed by node id (0
/// where the node does not have it): the struct-of-arrays copy of ``NodeInfo/images`` that
/// ImageLocality scores from.
///
/// ImageLocality runs for nearly every pod over hundreds of feasible nodes. Reading each node's
/// own image list is a pointer chase into a separate heap block per node: at 5,000 nodes those
/// blocks do not stay in cache and the plugin was a tenth of the whole envelope's time, almost
/// all of it waiting for that load. A column is 8 bytes per node, read in scan order.
///
/// Columns cost `nodes × 8` bytes each, so at most `entryBudget` entries are kept in all; an
/// image without a column (a scenario with thousands of distinct images on thousands of nodes)
/// is read from the node's list as before. The lists stay the source of truth.
///
/// An image has one size wherever it is (its size in `node.status.images`), so a column also
/// keeps which nodes have it, a byte a node, and that common size while every node agrees:
/// ImageLocality then reads a byte per feasible node instead of eight (5,000 bytes a column
/// instead of 40,000 at 5,000 nodes, far fewer cache lines per pod).
struct ImageColumns {
    /// Entries kept in all: by default 32 MiB of columns, 800 images at 5,000 nodes.
    let entryBudget: Int

    /// One image's sizes on every node, and which nodes have it.
    struct Column {
        /// The size on each node, 0 where the node does not have the image.
        fileprivate(set) var sizes: [Int64]
        /// 1 where the node has the image, else 0.
        fileprivate(set) var present: [UInt8]
        /// The size every node that has (or had) the image reported, nil once two differed:
        /// then ``sizes`` must be read.
        fileprivate(set) var commonSize: Int64?
    }

    /// Columns by image id; `nil` when the image has none (over budget).
    private(set) var columns: [Column?] = []
    /// The length of every column: node ids below it can be stored.
    private var capacity = 0
    /// Columns kept.
    private var kept = 0
    /// Image ids that were refused a column stay without one, so a column, once missing, never
    /// reappears half filled.
    private var refused: Set<Int32> = []

    init(entryBudget: Int = 1 << 22) { self.entryBudget = entryBudget }

    /// The column of `image`, if it has one.
    @inline(__always)
    func column(_ image: Int32) -> Column? {
        Int(image) < columns.count ? columns[Int(image)] : nil
    }

    /// Records that `node` has `image` of `size` bytes (`nil`: no longer has it).
    mutating func set(image: Int32, node: Int, size: Int64?) {
        if node >= capacity { grow(toFit: node) }
        let i = Int(image)
        while columns.count <= i { columns.append(nil) }
        if columns[i] == nil {
            guard size != nil, !refused.contains(image) else { return }
            guard (kept + 1) * capacity <= entryBudget else {
                refused.insert(image)
                return
            }
            columns[i] = Column(
                sizes: [Int64](repeating: 0, count: capacity), present: [UInt8](repeating: 0, count: capacity),
                commonSize: size)
            kept += 1
        }
        columns[i]!.sizes[node] = size ?? 0
        columns[i]!.present[node] = size == nil ? 0 : 1
        if let size, let common = columns[i]!.commonSize, size != common { columns[i]!.commonSize = nil }
    }

    /// Lengthens every column to hold `node` (doubling), dropping the columns of the highest
    /// image ids while the whole is over budget.
    private mutating func grow(toFit node: Int) {
        let newCapacity = max(node + 1, 2 * capacity, 64)
        for i in columns.indices.reversed() where columns[i] != nil {
            if kept * newCapacity <= entryBudget { break }
            columns[i] = nil
            kept -= 1
            refused.insert(Int32(i))
        }
        for i in columns.indices where columns[i] != nil {
            columns[i]!.sizes.append(contentsOf: repeatElement(0, count: newCapacity - capacity))
            columns[i]!.present.append(contentsOf: repeatElement(0, count: newCapacity - capacity))
        }
        capacity = newCapacity
    }
}
