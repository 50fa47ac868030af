// The scenario benchmarks (scheduling throughput, envelope run, manifest loading).
import Benchmark
import KubeModel

let benchmarks: @Sendable () -> Void = {
    // MARK: Manifest loading

    /// `ManifestLoader().load(text:fileName:)` on 10,000 small pods (~2 MB of YAML, generated in
    /// memory): parse, decode, unknown-field check, validation and admission defaults.
    Benchmark(
        "load 10,000 pod manifests",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
            scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 5)
    ) { benchmark in
        let text = ManifestLoadingFixture.podManifests(count: 10_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let result = ManifestLoader().load(text: text, fileName: "pods.yaml")
            precondition(result.objects.count == 10_000 && !result.hasErrors, "fixture must load cleanly")
            blackHole(result)
        }
        benchmark.stopMeasurement()
    }
}

/// Generated manifests for the loading benchmark.
enum ManifestLoadingFixture {
    /// `count` small pods (name, one label, one container with requests) in one YAML stream,
    /// ~190 bytes each, as in a generated workload file.
    static func podManifests(count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 200)
        for index in 0..<count {
            text += """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod-\(index)
                  labels:
                    app: web-\(index % 50)
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    resources:
                      requests:
                        cpu: 100m
                        memory: 128Mi
                ---

                """
        }
        return text
    }
}
