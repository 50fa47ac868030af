import Benchmark
import ClusterComponents
import Foundation
import Scenarios

/// Whole envelope runs (issue 9): `ScenarioInput.load(paths:)` then `ScenarioRunner.run()` to
/// the scenario's end, as `kubesim run` does but with no output sinks attached. The measurement
/// covers loading, building the cluster and the run (wallClock, cpuTotal, peak resident memory);
/// `events/s` is engine events over the wall time of the run phase alone (as `kubesim run`'s
/// summary counts it), and each run prints its load/run split to stderr.
func envelopeBenchmarks() {
    let metrics: [BenchmarkMetric] = [
        .wallClock, .cpuTotal, .peakMemoryResident, BenchmarkMetric.engineEvents, BenchmarkMetric.eventsPerSecond,
    ]

    // Generated on each iteration before the measurement (under a second), or
    // `$KUBESIM_ENVELOPE_SMALL_DIR`.
    Benchmark(
        "envelope scenario, 500 nodes, 2 h",
        configuration: .init(
            metrics: metrics, warmupIterations: 0, scalingFactor: .one, maxDuration: .seconds(60), maxIterations: 3)
    ) { benchmark in
        let directory: (path: String, temporary: Bool)
        do {
            directory = try EnvelopeFixture.smallDirectory(nodes: 500, hours: 2)
        } catch {
            benchmark.error("could not generate the envelope: \(error)")
            return
        }
        defer { if directory.temporary { try? FileManager.default.removeItem(atPath: directory.path) } }
        runEnvelope(benchmark, directory: directory.path)
    }

    // The full scenario: `$KUBESIM_ENVELOPE_DIR`, default `scenarios/envelope`.
    Benchmark(
        "envelope scenario, full",
        configuration: .init(
            metrics: metrics, warmupIterations: 0, scalingFactor: .one, maxDuration: .seconds(1_800), maxIterations: 1)
    ) { benchmark in
        let directory = EnvelopeFixture.fullDirectory
        guard FileManager.default.fileExists(atPath: directory) else {
            benchmark.error("no envelope scenario at \(directory) (set KUBESIM_ENVELOPE_DIR)")
            return
        }
        runEnvelope(benchmark, directory: directory)
    }
}

/// Loads and runs one scenario directory inside the measurement and records its engine figures.
func runEnvelope(_ benchmark: Benchmark, directory: String) {
    let clock = ContinuousClock()
    benchmark.startMeasurement()
    let started = clock.now
    let input = ScenarioInput.load(paths: [directory])
    guard !input.hasErrors else {
        benchmark.stopMeasurement()
        let first = input.diagnostics.first { $0.severity == .error }.map { "\($0.message)" } ?? ""
        benchmark.error("\(directory) does not load: \(first)")
        return
    }
    let runner = ScenarioRunner(input: input)
    let loaded = clock.now
    let ending = runner.run()
    let finished = clock.now
    benchmark.stopMeasurement()
    let events = runner.cluster.eventsProcessed
    let runSeconds = (finished - loaded).inSeconds
    if ending != .durationElapsed { benchmark.error("the run ended with \(ending), not at the scenario's end") }
    benchmark.measurement(.engineEvents, Int(events))
    benchmark.measurement(.eventsPerSecond, Int((Double(events) / runSeconds).rounded()))
    let line =
        "\(directory): \(runner.cluster.api.nodes.count) nodes, \(runner.cluster.api.pods.count) pods created, "
        + "\(events) events; load \(String(format: "%.2f", (loaded - started).inSeconds)) s, "
        + "run \(String(format: "%.2f", runSeconds)) s, \(Int(Double(events) / runSeconds)) events/s\n"
    FileHandle.standardError.write(Data(line.utf8))
    blackHole(runner)
}
