import Foundation

/// A thread that runs a run's output work — formatting lines and writing files — in the order it
/// was submitted, beside the simulation's thread: the second core of a 2-core machine.
///
/// The simulation hands over batches (a thousand records, a MiB of bytes), not single records,
/// so the lock is taken once per batch. The queue is bounded (``capacity`` batches): when the
/// writer falls behind, ``submit(_:)`` waits, so memory stays bounded whatever the disk does.
/// Work submitted by one thread runs in submission order, so every file's bytes keep their order.
/// ``drain()`` waits until everything submitted has run (before a file is closed and renamed,
/// and on interruption), ``stop()`` ends the thread once the queue is empty.
final class OutputThread: @unchecked Sendable {
    /// Batches that may wait before ``submit(_:)`` blocks.
    static let capacity = 8

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [() -> Void] = []
    private var busy = false
    private var stopping = false

    /// Starts the thread.
    init() {
        let thread = Thread { [self] in loop() }
        thread.name = "kubesim-output"
        thread.start()
    }

    /// Queues `job` to run on the output thread after everything queued before it; waits while
    /// ``capacity`` jobs are already queued.
    /// - Complexity: O(``capacity``) (the queue is a short array).
    func submit(_ job: @escaping () -> Void) {
        condition.lock()
        precondition(!stopping, "submit after stop")
        while jobs.count >= Self.capacity { condition.wait() }
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every job submitted so far has run (their effects are then visible to the
    /// caller: the lock orders them).
    func drain() {
        condition.lock()
        while !jobs.isEmpty || busy { condition.wait() }
        condition.unlock()
    }

    /// Runs what is queued, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !jobs.isEmpty || busy { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while true {
            while jobs.isEmpty, !stopping { condition.wait() }
            if jobs.isEmpty { break }
            let job = jobs.removeFirst()
            busy = true
            condition.broadcast()
            condition.unlock()
            job()
            condition.lock()
            busy = false
            condition.broadcast()
        }
        condition.unlock()
    }
}
