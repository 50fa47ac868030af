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

    /// A batcher onto `thread`; `format` runs there, once per item, in order.
    init(thread: OutputThread, format: @escaping (Item) -> Void) {
        self.thread = thread
        self.format = format
    }

    /// Queues `item`; hands the batch over once it is full.
    /// - Complexity: amortised O(1).
    func add(_ item: Item) {
        if batch.isEmpty { batch.reserveCapacity(Self.batchSize) }
        batch.append(item)
        if batch.count >= Self.batchSize { send() }
    }

    /// Hands the queued items to the output thread.
    func send() {
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        let format = format
        thread.submit {
            for item in items { format(item) }
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
