// The scenario benchmarks: manifest loading, scheduling throughput and whole envelope runs.
// One file per group; the inputs they build are in the *Fixture files.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    manifestLoadingBenchmarks()
    schedulingBenchmarks()
    envelopeBenchmarks()
}
