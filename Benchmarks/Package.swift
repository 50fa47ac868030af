// swift-tools-version: 6.1
// kubesim's speed measurements (ordo-one/benchmark). A nested package, so the root build and
// `swift test` never compile the benchmark harness. Run: `cd Benchmarks && swift package benchmark`.
import PackageDescription

let package = Package(
    name: "kubesim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "kubesim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "SimulationCore", package: "kubesim"),
                .product(name: "Stochastics", package: "kubesim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ScenarioBenchmarks",
            dependencies: [
                .product(name: "SimulationCore", package: "kubesim"),
                .product(name: "KubeModel", package: "kubesim"),
                .product(name: "ClusterComponents", package: "kubesim"),
                .product(name: "Scenarios", package: "kubesim"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "ScenarioBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
