import Experiments
import Foundation

/// One stderr line per finished run of a sweep (`[12/40] nodes[worker]=4 r3: completed, 1.2 s`).
final class SweepProgress: Sendable {
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func report(task: RunTask, outcome: RunOutcome, done: Int, total: Int) {
        guard enabled else { return }
        var line = "[\(done)/\(total)] \(task.point.label) r\(task.replication): \(outcome.status.rawValue)"
        if outcome.status == .failed { line += " (\(outcome.message))" }
        if let wall = MetricCatalog.index(of: "wall.seconds"), outcome.status == .completed {
            line += String(format: ", %.2f s", outcome.value(wall))
        }
        StandardError.write(line + "\n")
    }

    func finish() {}
}
