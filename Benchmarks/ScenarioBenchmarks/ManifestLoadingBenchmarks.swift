import Benchmark
import KubeModel

/// `ManifestLoader().load(text:fileName:)` on generated pods (~210 bytes of YAML each): parse,
/// decode, unknown-field check, validation and admission defaults. The 150,000 case is the
/// envelope's pod count (issue 9); the YAML is built before the measurement starts.
func manifestLoadingBenchmarks() {
    for (label, count, iterations) in [("10,000", 10_000, 5), ("150,000", 150_000, 2)] {
        Benchmark(
            "load \(label) pod manifests",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
                warmupIterations: count > 10_000 ? 0 : 1,
                scalingFactor: .one, maxDuration: .seconds(60), maxIterations: iterations)
        ) { benchmark in
            let text = ManifestLoadingFixture.podManifests(count: count)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let result = ManifestLoader().load(text: text, fileName: "pods.yaml")
                precondition(result.objects.count == count && !result.hasErrors, "fixture must load cleanly")
                blackHole(result)
            }
            benchmark.stopMeasurement()
        }
    }
}
