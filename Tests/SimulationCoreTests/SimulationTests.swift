import Testing

@testable import SimulationCore

@Suite struct SimulationTests {
    enum Ping: Equatable { case ping(Int), stop }

    @Test("the clock follows events and handlers can schedule more")
    func clockAdvances() {
        var simulation = Simulation<Ping>()
        simulation.schedule(.ping(0), at: .zero)
        var seen: [(Int64, Int)] = []
        simulation.run { event, sim in
            guard case .ping(let n) = event else { return }
            seen.append((sim.now.nanoseconds, n))
            if n < 3 { sim.schedule(.ping(n + 1), after: .seconds(2)) }
        }
        #expect(seen.map(\.0) == [0, 2_000_000_000, 4_000_000_000, 6_000_000_000])
        #expect(simulation.eventsProcessed == 4)
    }

    @Test("run until a time stops before later events and sets the clock to the limit")
    func runUntilTime() {
        var simulation = Simulation<Ping>()
        for t in [1, 2, 10] { simulation.schedule(.ping(t), at: .seconds(t)) }
        var handled: [Int] = []
        let reason = simulation.run(until: .time(.seconds(5))) { event, _ in
            if case .ping(let n) = event { handled.append(n) }
        }
        #expect(handled == [1, 2])
        #expect(reason == .reachedTime)
        #expect(simulation.now == .seconds(5))
        #expect(simulation.pendingCount == 1)
    }

    @Test("a handler can stop the run")
    func handlerStops() {
        struct Stopper: EventHandler {
            var count = 0
            var shouldStop: Bool { count == 2 }
            mutating func handle(_ event: Ping, in simulation: inout Simulation<Ping>) { count += 1 }
        }
        var simulation = Simulation<Ping>()
        for t in 1...5 { simulation.schedule(.ping(t), at: .seconds(t)) }
        var stopper = Stopper()
        #expect(simulation.run(handler: &stopper) == .handlerRequested)
        #expect(stopper.count == 2)
    }

    @Test("a cancelled event is not delivered and cannot be cancelled twice; the tracer sees every event")
    func cancelAndTrace() {
        var simulation = Simulation<Ping>()
        let id = simulation.schedule(.ping(1), at: .seconds(10))
        simulation.schedule(.ping(2), at: .seconds(5))
        let first = simulation.cancel(id)
        let second = simulation.cancel(id)
        #expect(first)
        #expect(!second, "old id is gone")
        simulation.schedule(.ping(1), at: .seconds(1))
        var traced: [Int64] = []
        simulation.tracer = { traced.append($0.time.nanoseconds / 1_000_000_000) }
        simulation.run { _, _ in }
        #expect(traced == [1, 5])
    }

    @Test("a randomised model delivers events in (time, insertion) order, as a naive reference does")
    func determinism() {
        // Delays of 0…7 ns make many equal times, so FIFO tie-breaking is exercised. Runs in two
        // processes give the same bytes is checked through the CLI (CLITests.runDemoTwice).
        func nextDelay(_ state: inout UInt64) -> Int64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int64(state >> 61)
        }
        var simulation = Simulation<Ping>()
        var state: UInt64 = 42
        for n in 0..<100 { simulation.schedule(.ping(n), at: .zero) }
        var log: [Int64] = []
        simulation.run(until: .events(10_000)) { event, sim in
            guard case .ping(let n) = event else { return }
            log.append(sim.now.nanoseconds &* 1000 &+ Int64(n))
            sim.schedule(.ping(n), after: .init(nanoseconds: nextDelay(&state)))
        }
        // The reference: a plain list searched for the smallest (time, sequence) each step.
        var pending: [(time: Int64, sequence: Int, n: Int)] = (0..<100).map { (0, $0, $0) }
        var sequence = 100
        var reference: [Int64] = []
        state = 42
        while reference.count < 10_000 {
            let index = pending.indices.min {
                (pending[$0].time, pending[$0].sequence) < (pending[$1].time, pending[$1].sequence)
            }!
            let next = pending.remove(at: index)
            reference.append(next.time &* 1000 &+ Int64(next.n))
            pending.append((next.time + nextDelay(&state), sequence, next.n))
            sequence += 1
        }
        #expect(log == reference)
    }

    @Test("time and duration arithmetic and formatting")
    func timeArithmetic() {
        let t = SimulationTime.seconds(90) + .milliseconds(500)
        #expect(t.nanoseconds == 90_500_000_000)
        #expect((t - SimulationDuration.seconds(30)).nanoseconds == 60_500_000_000)
        #expect((SimulationTime.seconds(10) - SimulationTime.seconds(4)) == .seconds(6))
        #expect(SimulationDuration.seconds(1.5).description == "1.5s")
        #expect(SimulationDuration.seconds(1e30).nanoseconds == .max, "saturates instead of trapping")
        #expect((SimulationTime.distantFuture + .seconds(1)) == .distantFuture)
    }
}
