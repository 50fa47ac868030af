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
        guard now - started > .seconds(1), now - lastPrint > .milliseconds(250) else { return }
        lastPrint = now
        let wall = seconds(now - started)
        let rate = Double(cluster.eventsProcessed) / max(wall, 1e-9)
        var line = String(
            format: "\r  sim %@  %.2f M events/s", "\(SimulationDuration(nanoseconds: cluster.now.nanoseconds))",
            rate / 1e6)
        if let end, cluster.now.nanoseconds > 0 {
            let fraction = Double(cluster.now.nanoseconds) / Double(end.nanoseconds)
            line += String(format: "  %3.0f%%  ETA %.0fs", fraction * 100, wall / max(fraction, 1e-9) - wall)
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        printed = true
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
