import Benchmark
import KubeModel

/// `ManifestLoader().load(text:fileName:)` on generated pods (~210 bytes of YAML each): parse,
/// decode, unknown-field check, validation and admission defaults. The 150,000 case is the
/// envelope's pod count (issue 9); the YAML is built before the measurement starts.
/// `manifests/s` is a custom metric: one iteration loads the whole stream, and ordo-one's
/// `.throughput` counts iterations per second.
func manifestLoadingBenchmarks() {
    for (label, count, iterations) in [("10,000", 10_000, 5), ("150,000", 150_000, 2)] {
        Benchmark(
            "load \(label) pod manifests",
            configuration: .init(
                metrics: [
                    .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, BenchmarkMetric.manifestsPerSecond,
                ],
                warmupIterations: count > 10_000 ? 0 : 1,
                scalingFactor: .one, maxDuration: .seconds(60), maxIterations: iterations)
        ) { benchmark in
            let text = ManifestLoadingFixture.podManifests(count: count)
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let started = clock.now
            let result = ManifestLoader().load(text: text, fileName: "pods.yaml")
            let elapsed = clock.now - started
            benchmark.stopMeasurement()
            precondition(result.objects.count == count && !result.hasErrors, "fixture must load cleanly")
            benchmark.measurement(.manifestsPerSecond, Int((Double(count) / elapsed.inSeconds).rounded()))
            blackHole(result)
        }
    }
}
