/// The ordering half of ``EventQueue``: packed event keys, popped least first.
///
/// A radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) over the time, with a 4-ary heap in front
/// for the current instant. Simulation time is an integer and never goes back, so a key later
/// than `base` (the time the queue last emptied down to) is filed in a bucket named by the
/// highest 8-bit digit in which its time differs from `base` and by its value there. Buckets are
/// then in time order, and only the least non-empty one is ever opened: its least key's time
/// becomes the new `base`, the keys at that time go to the heap, and the rest go to lower
/// buckets. Each key moves down at least one digit, so at most 8 times; in the hold model it
/// moves 2.1 times at 10⁵ and 10⁶ pending, 1.2 times at 10³ with the buckets forced on (4-bit
/// digits: 3.8, 4.4 and 2.3).
/// Every access is an append to, or a scan of, a bucket's block, which is what makes it faster
/// than a heap once the keys no longer fit in the cache: a heap's sift touches one random cache
/// line per level.
///
/// The heap holds every key at or before `base`, ordered by the whole key, so the order among
/// events at one instant is exactly `(priority, sequence)`: also for an event scheduled at the
/// current instant with a higher priority than the one just popped, and for a key before `base`
/// (a peek that finds the next event past a run's end moves `base` past the clock).
///
/// Below `heapOnlyLimit` keys the buckets are off (`base` is past every time) and this is the
/// plain 4-ary heap, which is faster while it fits in the first-level cache.
@usableFromInline
struct RadixHeap {
    /// One bucket: a chain of blocks in `pool` and the least key it holds.
    @usableFromInline
    struct Bucket {
        /// The least key in the bucket (`UInt128.max` when empty), so opening the bucket needs
        /// no pass to find the new `base`.
        @usableFromInline var minimum: UInt128 = .max
        /// The first and last block of the chain (pool index of the block's link word). An
        /// emptied bucket keeps its first block, so a sparse bucket (the usual case for the
        /// lower digits) neither takes nor returns a block per key.
        @usableFromInline var head: Int32 = 0
        @usableFromInline var tail: Int32 = 0
        /// The pool index after the last key; 0 when the bucket has no block. A multiple of
        /// `blockSize` means the tail block is full (or absent): the next append takes a block.
        @usableFromInline var end: Int32 = 0
        /// Keys in the bucket.
        @usableFromInline var count: Int32 = 0

        @inlinable init() {}

        /// An empty bucket that keeps `block`.
        @inlinable
        init(keeping block: Int32) {
            head = block
            tail = block
            end = block &+ 1
        }
    }

    /// Bits of the time per digit: 8 digit positions of 256 values.
    @usableFromInline static var digitBits: Int { 8 }
    @usableFromInline static var bucketCount: Int { 2048 }
    /// Pool entries per block: a link word, then 63 keys (1 KiB, so a scan streams).
    @usableFromInline static var blockSize: Int { 64 }

    /// Keys at or before `base`, a 4-ary min-heap in the first `heapCount` entries (the rest is
    /// spare room: a pop that empties the heap, the common case, touches no storage).
    @usableFromInline var heap: ContiguousArray<UInt128> = []
    @usableFromInline var heapCount = 0
    /// The root was handed out by a pop but not yet removed; the next push at or before `base`
    /// drops its key into the root and sifts once.
    @usableFromInline var rootVacant = false
    /// The high half of the key (the time with its sign bit flipped) of the bucket last opened:
    /// every bucket key is later, every heap key is not. `heapOnly` while the buckets are off.
    @usableFromInline var base = RadixHeap.heapOnly
    /// Keys the heap holds before the buckets are turned on. Up to a few thousand keys the heap
    /// is in the first-level cache and beats the buckets (hold model on this machine: 7.1 against
    /// 6.9 M operations per second at 4,000 pending, 5.9 against 6.5 at 16,000); the buckets
    /// stay on until the queue is empty.
    /// (A variable only so that tests can turn the buckets on at any size.)
    @usableFromInline var heapOnlyLimit = 4096
    @usableFromInline var buckets = ContiguousArray(repeating: Bucket(), count: RadixHeap.bucketCount)
    @usableFromInline var occupied = Occupancy()
    /// Blocks of `blockSize` entries; the first entry of a block links to the next block of its
    /// bucket's chain or of the free list (pool index, or 0 for none: block 0 is never linked).
    @usableFromInline var pool = ContiguousArray<UInt128>(repeating: 0, count: RadixHeap.blockSize)
    @usableFromInline var free = FreeBlocks()
    /// Keys in the buckets.
    @usableFromInline var bucketed = 0

    /// The free list of pool blocks.
    @usableFromInline
    struct FreeBlocks {
        /// The first free block (pool index), or 0.
        @usableFromInline var first = 0
        @usableFromInline var count = 0
        @inlinable init() {}
    }

    /// One bit per non-empty bucket, and one bit per non-zero word of those, so the least
    /// non-empty bucket is two trailing-zero counts away.
    @usableFromInline
    struct Occupancy {
        @usableFromInline var bits = InlineArray<32, UInt64>(repeating: 0)
        @usableFromInline var words: UInt64 = 0
        @inlinable init() {}

        @inlinable
        mutating func insert(_ index: Int) {
            let word = index &>> 6
            bits[word] |= 1 &<< UInt64(index & 63)
            words |= 1 &<< UInt64(word)
        }

        /// The least bucket index; there must be one.
        @inlinable
        var first: Int {
            let word = words.trailingZeroBitCount
            return word &<< 6 | bits[word].trailingZeroBitCount
        }

        /// Removes and returns the least bucket index; there must be one.
        @inlinable @inline(__always)
        mutating func removeFirst() -> Int {
            let word = words.trailingZeroBitCount
            let bit = bits[word].trailingZeroBitCount
            bits[word] &= bits[word] &- 1
            if bits[word] == 0 { words &= words &- 1 }
            return word &<< 6 | bit
        }
    }

    @inlinable init() {}

    /// Room for `capacity` keys.
    @usableFromInline
    init(capacity: Int) {
        // Block 0 (already in `pool`) is a placeholder so that a link of 0 can mean "none".
        pool.reserveCapacity((capacity / (Self.blockSize - 1) + 2) * Self.blockSize)
    }

    /// Keys held, including a vacant root.
    @inlinable
    var physicalCount: Int { heapCount + bucketed }

    /// The high half of a key: the time with its sign bit flipped.
    @inlinable
    static func radix(_ key: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: key >> 64) }

    /// Adds a key.
    @inlinable
    mutating func insert(_ key: UInt128) {
        if Self.radix(key) > base {
            if free.count == 0 { addBlocks(1) }
            bucketed &+= 1
            let index = Self.bucket(of: Self.radix(key), base: base)
            buckets.withUnsafeMutableBufferPointer { buckets in
                pool.withUnsafeMutableBufferPointer { pool in
                    Self.append(key, to: index, buckets: buckets, pool: pool, free: &free, occupied: &occupied)
                }
            }
        } else if rootVacant {
            rootVacant = false
            let count = heapCount
            heap.withUnsafeMutableBufferPointer { Self.siftDown($0, count: count, from: 0, placing: key) }
        } else {
            Self.push(key, onto: &heap, count: &heapCount)
        }
    }

    /// Makes the heap's root the least key, if any key is held; returns whether one is.
    @inlinable
    mutating func settle() -> Bool {
        if rootVacant {
            rootVacant = false
            removeFirst()
        }
        if heapCount == 0 {
            guard bucketed > 0 else {
                base = Self.heapOnly
                return false
            }
            openLeastBucket()
        } else if heapCount > heapOnlyLimit && base == Self.heapOnly {
            spill()
        }
        return true
    }

    /// `base` while the buckets are off: every key goes to the heap.
    @usableFromInline static var heapOnly: UInt64 { .max }

    /// Turns the buckets on: the least key's time becomes `base`, later keys go to buckets.
    /// - Complexity: O(n), once per busy period.
    @usableFromInline
    mutating func spill() {
        let keys = heap[..<heapCount]
        heapCount = 0
        base = Self.radix(heap[0])
        for key in keys { insert(key) }
    }

    /// The least key; only after ``settle()`` returned `true`.
    @inlinable
    var first: UInt128 { heap.withUnsafeBufferPointer { $0[0] } }

    /// The key that will most likely be first once a handed-out root is removed, to prefetch
    /// its payload: when the root is alone in the heap, the least key of the least bucket
    /// (unless a later insert precedes it).
    /// (`mutating` only so that the queue is not copied to read it.)
    @inlinable
    var likelyNext: UInt128? {
        @inline(__always)
        mutating get {
            guard heapCount == 1, occupied.words != 0 else { return nil }
            let index = occupied.first
            return buckets.withUnsafeBufferPointer { $0[index].minimum }
        }
    }

    /// Adds a key to the heap.
    @inlinable @inline(__always)
    static func push(_ key: UInt128, onto heap: inout ContiguousArray<UInt128>, count: inout Int) {
        if count == heap.count { heap.append(key) }
        let index = count
        count &+= 1
        heap.withUnsafeMutableBufferPointer { Self.siftUp($0, from: index, placing: key) }
    }

    /// Hands out the root: it is removed by the next ``settle()``, or overwritten by the next
    /// insert at or before `base` (a pop followed by a push sifts once).
    @inlinable
    mutating func vacateFirst() { rootVacant = true }

    /// Removes the root.
    @inlinable
    mutating func removeFirst() {
        heapCount &-= 1
        guard heapCount > 0 else { return }
        let count = heapCount
        heap.withUnsafeMutableBufferPointer { Self.siftDown($0, count: count, from: 0, placing: $0[count]) }
    }

    /// Removes every key (keeping the storage).
    @usableFromInline
    mutating func removeAll() {
        heapCount = 0
        rootVacant = false
        base = Self.heapOnly
        resetBuckets()
    }

    /// Keeps only the keys `isLive` accepts.
    /// - Complexity: O(n).
    @usableFromInline
    mutating func removeAll(where isStale: (UInt128) -> Bool) {
        if rootVacant {
            rootVacant = false
            removeFirst()
        }
        heap.removeSubrange(heapCount...)
        heap.removeAll(where: isStale)
        heapCount = heap.count
        if heapCount > 1 {
            heap.withUnsafeMutableBufferPointer { buffer in
                for index in stride(from: (buffer.count - 2) >> 2, through: 0, by: -1) {
                    Self.siftDown(buffer, count: buffer.count, from: index, placing: buffer[index])
                }
            }
        }
        var live: [UInt128] = []
        live.reserveCapacity(bucketed)
        for bucket in buckets where bucket.count != 0 {
            var block = Int(bucket.head)
            while true {
                let stop = block == Int(bucket.tail) ? Int(bucket.end) : block + Self.blockSize
                for position in block + 1..<stop where !isStale(pool[position]) { live.append(pool[position]) }
                if block == Int(bucket.tail) { break }
                block = Int(truncatingIfNeeded: pool[block])
            }
        }
        resetBuckets()
        for key in live { insert(key) }
    }

    // MARK: - Buckets

    /// The bucket of a key later than `base`: the highest digit in which its radix differs
    /// from `base`'s (`position`), and its value there (larger than `base`'s).
    @inlinable
    static func bucket(of radix: UInt64, base: UInt64) -> Int {
        let position = (63 &- (radix ^ base).leadingZeroBitCount) / digitBits
        let digit = Int(truncatingIfNeeded: (radix &>> UInt64(position &* digitBits)) & (1 << UInt64(digitBits) - 1))
        return position &<< digitBits | digit
    }

    /// Appends a key to a bucket; a free block must be in hand.
    @inlinable @inline(__always)
    static func append(
        _ key: UInt128, to index: Int, buckets: UnsafeMutableBufferPointer<Bucket>,
        pool: UnsafeMutableBufferPointer<UInt128>, free: inout FreeBlocks, occupied: inout Occupancy
    ) {
        var end = Int(truncatingIfNeeded: buckets[index].end)
        if end & (Self.blockSize &- 1) == 0 {
            let block = free.first
            free.first = Int(truncatingIfNeeded: pool[block])
            free.count &-= 1
            if end == 0 {
                buckets[index].head = Int32(truncatingIfNeeded: block)
            } else {
                pool[Int(buckets[index].tail)] = UInt128(block)
            }
            buckets[index].tail = Int32(truncatingIfNeeded: block)
            end = block &+ 1
        }
        if buckets[index].count == 0 { occupied.insert(index) }
        pool[end] = key
        buckets[index].end = Int32(truncatingIfNeeded: end &+ 1)
        buckets[index].count &+= 1
        if key < buckets[index].minimum { buckets[index].minimum = key }
    }

    /// Grows the pool so that at least `needed` blocks are free.
    @usableFromInline
    mutating func addBlocks(_ needed: Int) {
        while free.count < needed {
            let block = pool.count
            pool.append(UInt128(free.first))
            pool.append(contentsOf: repeatElement(0, count: Self.blockSize - 1))
            free.first = block
            free.count += 1
        }
    }

    /// Opens the least non-empty bucket while the heap is empty: its least key's time becomes
    /// `base`, the keys at that time go to the heap and the others to lower buckets.
    @usableFromInline
    mutating func openLeastBucket() {
        let index = occupied.removeFirst()
        // Each key moved may start a block in its new bucket, but never more than one block per
        // bucket beyond those the opened bucket returns as it goes.
        let needed = min(Int(buckets[index].count), Self.bucketCount) &+ 1
        if free.count < needed { addBlocks(needed) }
        let newBase = Self.radix(buckets[index].minimum)
        base = newBase
        var opened = Bucket(keeping: buckets[index].head)
        swap(&opened, &buckets[index])
        if opened.count == 1 {
            // A lone key (the usual case in the lower digits) is the minimum: no scan.
            bucketed &-= 1
            Self.push(opened.minimum, onto: &heap, count: &heapCount)
            return
        }
        var toHeap = 0
        buckets.withUnsafeMutableBufferPointer { buckets in
            pool.withUnsafeMutableBufferPointer { pool in
                let head = Int(opened.head)
                var block = head
                let tail = Int(opened.tail)
                while true {
                    let stop = block == tail ? Int(opened.end) : block &+ Self.blockSize
                    var position = block &+ 1
                    while position < stop {
                        let key = pool[position]
                        let radix = Self.radix(key)
                        if radix == newBase {
                            toHeap &+= 1
                            Self.push(key, onto: &heap, count: &heapCount)
                        } else {
                            Self.append(
                                key, to: Self.bucket(of: radix, base: newBase), buckets: buckets, pool: pool,
                                free: &free, occupied: &occupied)
                        }
                        position &+= 1
                    }
                    let next = Int(truncatingIfNeeded: pool[block])
                    if block != head {
                        pool[block] = UInt128(free.first)
                        free.first = block
                        free.count &+= 1
                    }
                    if block == tail { break }
                    block = next
                }
            }
        }
        bucketed &-= toHeap
    }

    /// Returns every block to the free list and empties every bucket.
    @usableFromInline
    mutating func resetBuckets() {
        for index in buckets.indices { buckets[index] = Bucket() }
        occupied = Occupancy()
        free = FreeBlocks()
        for block in stride(from: pool.count - Self.blockSize, to: 0, by: -Self.blockSize) {
            pool[block] = UInt128(free.first)
            free.first = block
            free.count += 1
        }
        bucketed = 0
    }

    // MARK: - Heap mechanics

    @inlinable
    static func siftUp(_ buffer: UnsafeMutableBufferPointer<UInt128>, from index: Int, placing moving: UInt128) {
        var hole = index
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard moving < buffer[parent] else { break }
            buffer[hole] = buffer[parent]
            hole = parent
        }
        buffer[hole] = moving
    }

    /// Places `moving` into the hole at `start` and sifts the hole down.
    @inlinable
    static func siftDown(
        _ buffer: UnsafeMutableBufferPointer<UInt128>, count: Int, from start: Int, placing moving: UInt128
    ) {
        var hole = start
        while true {
            let first = 4 &* hole &+ 1
            if first >= count { break }
            var best = first
            if first &+ 3 < count {
                // Full family: a fixed tournament the compiler can schedule without a loop.
                let left = buffer[first] < buffer[first &+ 1] ? first : first &+ 1
                let right = buffer[first &+ 2] < buffer[first &+ 3] ? first &+ 2 : first &+ 3
                best = buffer[left] < buffer[right] ? left : right
            } else {
                var child = first &+ 1
                while child < count {
                    if buffer[child] < buffer[best] { best = child }
                    child &+= 1
                }
            }
            guard buffer[best] < moving else { break }
            buffer[hole] = buffer[best]
            hole = best
        }
        buffer[hole] = moving
    }
}
