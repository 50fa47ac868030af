import Benchmark
import SimulationCore
import Stochastics

/// The hold model (pop the earliest event, push one at now + Exp(1)) at three queue sizes:
/// the engine's speed in the form the DES literature quotes it. `kubesim bench engine` runs
/// the same model from the CLI; `Benchmarks/compare-engine.sh` compares it with C++.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 5)

    for pending in [1_000, 100_000, 1_000_000] {
        Benchmark("hold model, \(pending) pending (1M ops per iteration)") { benchmark in
            var simulation = Simulation<UInt32>(capacity: pending + 1)
            var source = RandomSource(seed: 1)
            for index in 0..<pending {
                simulation.schedule(
                    UInt32(truncatingIfNeeded: index),
                    at: SimulationTime(nanoseconds: Int64(source.exponential(mean: 1) * 1e9)))
            }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                guard let next = simulation.nextEvent() else { break }
                simulation.schedule(
                    next.event, after: SimulationDuration(nanoseconds: Int64(source.exponential(mean: 1) * 1e9)))
            }
            benchmark.stopMeasurement()
            blackHole(simulation.now)
        }
    }

    Benchmark("cancel and reschedule, 100k pending timers") { benchmark in
        var queue = EventQueue<UInt32>(capacity: 100_001)
        var ids: [EventID] = []
        ids.reserveCapacity(100_000)
        for index in 0..<100_000 { ids.append(queue.schedule(UInt32(index), at: .seconds(index))) }
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            let slot = iteration % ids.count
            queue.cancel(ids[slot])
            ids[slot] = queue.schedule(UInt32(slot), at: .seconds(100_000 + iteration))
        }
        benchmark.stopMeasurement()
        blackHole(queue.count)
    }
}
