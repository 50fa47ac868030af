import ClusterComponents
import Foundation
import SimulationCore

#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr for runs longer than a second: simulated time reached, events per
/// second and an ETA. Silent when stderr is not a terminal or with `--quiet`.
final class ProgressReporter {
    let enabled: Bool
    let end: SimulationDuration?
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    var lastPrint: ContinuousClock.Instant
    var printed = false

    init(enabled: Bool, end: SimulationDuration?) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        self.end = end
        started = clock.now
        lastPrint = started
    }

    func report(_ cluster: Cluster) {
        guard enabled else { return }
        let now = clock.now
        guard now - lastPrint > .milliseconds(250) else { return }
        lastPrint = now
        let wall = seconds(now - started)
        let rate = Double(cluster.eventsProcessed) / max(wall, 1e-9)
        var line = "\r  simulated \(Self.duration(Double(cluster.now.nanoseconds) / 1e9))"
        if let end { line += " of \(Self.duration(Double(end.nanoseconds) / 1e9))" }
        line += String(format: "  %.2f M events/s", rate / 1e6)
        if let end, cluster.now.nanoseconds > 0 {
            let fraction = Double(cluster.now.nanoseconds) / Double(end.nanoseconds)
            line += String(format: "  %3.0f%%  ETA ", fraction * 100) + Self.duration(wall / max(fraction, 1e-9) - wall)
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        printed = true
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `1h02m03s`, `4m05s`, `7s`: a duration as people read it.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        if h > 0 { return String(format: "%dh%02dm%02ds", h, m, s) }
        if m > 0 { return String(format: "%dm%02ds", m, s) }
        return "\(s)s"
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
