// swift-tools-version: 6.1
// kubesim: a discrete-event simulator of Kubernetes clusters.
// Licence: GPL-3.0-or-later (the binary links GSL, which is GPL).

import PackageDescription

/// Release builds leave out the run-time exclusivity checks (`swift_beginAccess` on every access
/// to a class's stored property: about a tenth of an envelope run's instructions under callgrind).
/// Debug builds, and so `swift test`, keep them, so an overlapping access is still caught there.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "kubesim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kubesim", targets: ["kubesim"]),
        .library(name: "SimulationCore", targets: ["SimulationCore"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        .library(name: "KubeModel", targets: ["KubeModel"]),
        .library(name: "ClusterComponents", targets: ["ClusterComponents"]),
        .library(name: "SimulationOutput", targets: ["SimulationOutput"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "KubeAPIServer", targets: ["KubeAPIServer"]),
        .library(name: "KubeSimCLI", targets: ["KubeSimCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // MARK: - Engine layer (no Kubernetes knowledge)
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // A prefetch hint for the event queue (Swift has no intrinsic); header-only, inlined.
        .target(name: "CSimulationCore"),
        .target(name: "SimulationCore", dependencies: ["CSimulationCore"], swiftSettings: releaseSettings),
        .target(name: "Stochastics", dependencies: ["CGSL", "SimulationCore"], swiftSettings: releaseSettings),

        // MARK: - Kubernetes model (pure values)
        .target(
            name: "KubeModel", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: releaseSettings),

        // MARK: - Cluster components on the engine
        .target(
            name: "ClusterComponents",
            dependencies: [
                "SimulationCore", "Stochastics", "KubeModel",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            exclude: ["Scheduler/Policies/README.md"],
            swiftSettings: releaseSettings
        ),

        // MARK: - Outputs consuming the typed event stream
        .target(
            name: "SimulationOutput",
            dependencies: [
                "SimulationCore", "KubeModel", "ClusterComponents",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: releaseSettings
        ),

        // MARK: - Scenarios, workloads, runner
        .target(
            name: "Scenarios",
            dependencies: [
                "ClusterComponents", "KubeModel", "SimulationCore", "Stochastics",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: releaseSettings
        ),

        // MARK: - Experiments: sweeps, policy benchmarks, trace replay
        .target(
            name: "Experiments",
            dependencies: [
                "Scenarios", "ClusterComponents", "SimulationCore", "SimulationOutput", "Stochastics", "KubeModel",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // MARK: - Served API (kubectl and client libraries on a snapshot); nothing below depends on it
        .target(
            name: "KubeAPIServer",
            dependencies: [
                "ClusterComponents", "KubeModel", "SimulationCore", "SimulationOutput",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // MARK: - Command line
        .target(
            name: "KubeSimCLI",
            dependencies: [
                "ClusterComponents", "Experiments", "KubeAPIServer", "KubeModel", "Scenarios", "SimulationCore",
                "SimulationOutput", "Stochastics", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings
        ),
        .executableTarget(name: "kubesim", dependencies: ["KubeSimCLI"]),

        // MARK: - Tests
        .testTarget(
            name: "SimulationCoreTests",
            dependencies: ["SimulationCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(
            name: "KubeModelTests",
            dependencies: [
                "KubeModel", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "ClusterComponentsTests",
            dependencies: [
                "ClusterComponents", "KubeModel", "SimulationCore", "Stochastics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SimulationOutputTests",
            dependencies: [
                "SimulationOutput", "ClusterComponents", "KubeModel", "SimulationCore", "Stochastics",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .testTarget(
            name: "ScenariosTests",
            dependencies: [
                "Scenarios", "ClusterComponents", "KubeModel", "SimulationCore", "SimulationOutput", "Stochastics",
            ]
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: [
                "Experiments", "ClusterComponents", "KubeModel", "Scenarios", "SimulationCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "KubeSimCLITests", dependencies: ["KubeSimCLI"]),
        .testTarget(
            name: "KubeAPIServerTests",
            dependencies: ["KubeAPIServer", "ClusterComponents", "Scenarios", "SimulationCore"]
        ),
    ]
)
