// The scenario benchmarks (scheduling throughput, envelope run, manifest loading) land with the runner.
import Benchmark

let benchmarks: @Sendable () -> Void = {}
