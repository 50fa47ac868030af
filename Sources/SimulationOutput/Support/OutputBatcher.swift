import Foundation

/// Lines a writer hands to the ``OutputThread`` to be formatted there, in batches: the
/// simulation's thread keeps only what needs the cluster's state at that instant (which line,
/// with which values), and the bytes are built on the second core.
///
/// An item is the plain values of one line (strings are shared, not copied); a batch of
/// ``batchSize`` items costs one lock round trip. Items are formatted in the order they were
/// added, and batches in the order they were sent, so the file's bytes are the same as when
/// formatted at once.
final class OutputBatcher<Item> {
    /// Items handed to the output thread at once.
    static var batchSize: Int { 1024 }

    private let thread: OutputThread
    /// Formats one item into the writer's output; runs on the output thread only.
    private let format: (Item) -> Void
    /// Items waiting to be handed over.
    private var batch: [Item] = []
    /// Emptied batches the output thread hands back, to be filled again: a batch written into
    /// fresh memory missed the cache for every item (a timeline item is four cache lines).
    private let spares = SpareBatches<Item>()

    /// A batcher onto `thread`; `format` runs there, once per item, in order.
    init(thread: OutputThread, format: @escaping (Item) -> Void) {
        self.thread = thread
        self.format = format
    }

    /// Queues `item` (moved in, not copied); hands the batch over once it is full.
    /// - Complexity: amortised O(1).
    func add(_ item: consuming Item) {
        if batch.isEmpty, batch.capacity < Self.batchSize {
            batch = spares.take() ?? []
            batch.reserveCapacity(Self.batchSize)
        }
        batch.append(item)
        if batch.count >= Self.batchSize { send() }
    }

    /// Hands the queued items to the output thread.
    func send() {
        guard !batch.isEmpty else { return }
        var items = batch
        batch = []
        let (format, spares) = (format, spares)
        thread.submit {
            for item in items { format(item) }
            items.removeAll(keepingCapacity: true)
            spares.giveBack(items)
        }
    }

    /// Formats every item added so far (waiting for the output thread), so that the output
    /// can be flushed or closed.
    func complete() {
        send()
        thread.drain()
    }

    /// Runs `job` on the output thread after every item added so far (a flush of the writer's
    /// output, which only that thread appends to).
    func afterFormatting(_ job: @escaping () -> Void) {
        send()
        thread.submit(job)
    }
}

/// Emptied batch arrays on their way back from the output thread to the simulation's thread.
final class SpareBatches<Item>: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`; at most ``OutputThread/capacity`` + 1 arrays are ever in flight.
    private var arrays: [[Item]] = []

    /// An emptied array with its capacity, if one came back.
    func take() -> [Item]? {
        lock.lock()
        defer { lock.unlock() }
        return arrays.popLast()
    }

    /// Hands back an emptied array.
    func giveBack(_ array: consuming [Item]) {
        lock.lock()
        arrays.append(array)
        lock.unlock()
    }
}

/// A writer that decides its lines on the simulation's thread and, with an ``OutputThread``,
/// formats them there through an ``OutputBatcher`` (`events.jsonl`, `timeline.jsonl`,
/// `trace.json`). A writer supplies its line type, its output and how to format one line; the
/// hand-over, the flush and the drain are written once, here.
protocol BatchedLineWriter: AnyObject {
    /// The plain values of one line, decided as records arrive.
    associatedtype Line
    /// Where the bytes go; only the formatting side appends to it.
    var output: StreamingTextFile { get }
    /// Carries the lines to the output thread when set; `nil`: lines are formatted at once.
    var batcher: OutputBatcher<Line>? { get set }
    /// Formats one line into ``output`` (on the output thread when there is one).
    func format(_ line: Line)
}

extension BatchedLineWriter {
    /// Formats the lines on `thread` from now on.
    func format(on thread: OutputThread) {
        batcher = OutputBatcher(thread: thread) { [unowned self] in self.format($0) }
    }

    /// Writes `line`: formatted now, or handed to the output thread.
    func emit(_ line: consuming Line) {
        if let batcher { batcher.add(line) } else { format(line) }
    }

    /// Writes every line decided so far into ``output`` (waiting for the output thread), so
    /// that the file can be closed.
    func complete() { batcher?.complete() }

    /// Flushes ``output`` after every line decided so far is written (on the output thread
    /// when there is one, as only it appends to the output).
    func flush() {
        if let batcher { batcher.afterFormatting { [output] in output.flush() } } else { output.flush() }
    }
}
