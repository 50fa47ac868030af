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

    @Test("reschedule moves a pending event; the tracer sees every event")
    func rescheduleAndTrace() {
        var simulation = Simulation<Ping>()
        let id = simulation.schedule(.ping(1), at: .seconds(10))
        simulation.schedule(.ping(2), at: .seconds(5))
        #expect(simulation.reschedule(id, to: .seconds(1), event: .ping(1)) != nil)
        #expect(simulation.reschedule(id, to: .seconds(1), event: .ping(1)) == nil, "old id is gone")
        var traced: [Int64] = []
        simulation.tracer = { traced.append($0.time.nanoseconds / 1_000_000_000) }
        simulation.run { _, _ in }
        #expect(traced == [1, 5])
    }

    @Test("two runs of the same randomised model give identical event sequences")
    func determinism() {
        func trace() -> [Int64] {
            var simulation = Simulation<Ping>()
            var state: UInt64 = 42
            for n in 0..<100 { simulation.schedule(.ping(n), at: .zero) }
            var log: [Int64] = []
            simulation.run(until: .events(10_000)) { event, sim in
                guard case .ping(let n) = event else { return }
                state = state &* 6364136223846793005 &+ 1442695040888963407
                log.append(sim.now.nanoseconds &* 1000 &+ Int64(n))
                sim.schedule(.ping(n), after: .init(nanoseconds: Int64(state >> 40)))
            }
            return log
        }
        #expect(trace() == trace())
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
