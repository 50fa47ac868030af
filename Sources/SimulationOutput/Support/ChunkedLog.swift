/// An append-only list kept in chunks of fixed capacity: appending never moves what is stored.
///
/// The trace keeps every closed slice of a run for the report (1.5 million in the full
/// envelope, 47 MB): one array that doubled moved it all at each doubling and held the old
/// and new buffers at once at its peak, on the simulation thread.
public struct ChunkedLog<Element>: Sequence {
    /// Elements per chunk.
    public static var chunkCapacity: Int { 1 << 16 }
    private var chunks: [[Element]] = []

    /// An empty log.
    public init() {}

    /// Number of elements: every chunk but the last is full.
    public var count: Int {
        chunks.isEmpty ? 0 : (chunks.count - 1) * Self.chunkCapacity + chunks[chunks.count - 1].count
    }

    /// Appends `element`, starting a chunk when the last is full.
    public mutating func append(_ element: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkCapacity {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkCapacity)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
    }

    /// The elements in the order they were appended.
    public func makeIterator() -> FlattenSequence<[[Element]]>.Iterator { chunks.joined().makeIterator() }
}

extension ChunkedLog: ExpressibleByArrayLiteral {
    /// A log of `elements` (tests, small reports).
    public init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }
}

extension ChunkedLog: Sendable where Element: Sendable {}
