import ArgumentParser
import ClusterComponents
import Foundation
import KubeModel
import Scenarios
import SimulationCore

/// The scenario and instant shared by `get`, `describe` and `explain`.
struct ReplayOptions: ParsableArguments {
    @Argument(help: "Scenario files or folders.")
    var paths: [String] = []

    @Option(help: "The instant to look at: a Go duration since the start (90s, 5m, 1h2m) or seconds.")
    var at: String = "0s"

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    /// Splits a command's optional NAME from the scenario paths: a "name" that is a file or
    /// folder on disk, or the only positional argument, is the first path, so
    /// `kubesim get pods scenario.yaml` and `describe pod NAME PATH` both keep their meaning.
    func taking(name: String?) -> (name: String?, replay: ReplayOptions) {
        guard let name else { return (nil, self) }
        if paths.isEmpty || FileManager.default.fileExists(atPath: name) {
            var replay = self
            replay.paths.insert(name, at: 0)
            return (nil, replay)
        }
        return (name, self)
    }

    /// The instant, validated.
    func instant() throws -> SimulationTime {
        let text = at.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds < 1e9 {
            return .zero + .seconds(seconds)
        }
        do {
            let duration = try GoDuration(parsing: text)
            guard duration.nanoseconds >= 0 else { throw ValidationError("--at must not be negative: \(at)") }
            return SimulationTime(nanoseconds: duration.nanoseconds)
        } catch let error as GoDuration.ParseError {
            throw ValidationError("--at: \(error.description)")
        }
    }

    /// A scenario with `spec.duration` ends there: an instant after it is refused (exit 1), not
    /// simulated past the end.
    func checkWithinRun(_ instant: SimulationTime, of scenario: Scenario) throws {
        guard let duration = scenario.runLength.duration, instant > .zero + duration else { return }
        var source = ""
        if let file = scenario.location?.file {
            source = " (\(file):\(scenario.sourceMap.line(for: "spec.duration") ?? scenario.location?.line ?? 1))"
        }
        StandardError.write(
            "kubesim: --at \(at) is after the end of scenario \"\(scenario.name)\": spec.duration is \(duration)\(source); "
                + "nothing was run\n")
        throw ExitCode.failure
    }

    /// Loads the inputs and runs the scenario to the instant, collecting events.
    func replay(
        configure: (Cluster) -> Void = { _ in }
    ) throws -> (runner: ScenarioRunner, events: EventLog, now: SimulationTime) {
        guard !paths.isEmpty else { throw ValidationError("Missing expected argument '<paths> ...'") }
        let instant = try instant()
        let input = try InputReporting.loadOrExit(paths, quiet: true)
        try checkWithinRun(instant, of: input.scenario)
        let runner = ScenarioRunner(input: input, seed: seed)
        let log = EventLog()
        runner.cluster.addSink(log)
        configure(runner.cluster)
        runner.run(to: instant)
        return (runner, log, instant)
    }
}

/// Keeps every Kubernetes Event of a run (for `describe` and `get events`).
final class EventLog: ClusterRecordSink {
    var events: [KubeEvent] = []
    func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        if case .event(let event) = record { events.append(event) }
    }
}
