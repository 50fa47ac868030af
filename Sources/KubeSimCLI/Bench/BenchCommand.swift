import ArgumentParser
import Foundation

/// `kubesim bench …`: the speed figures users and we quote.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure kubesim's speed.",
        subcommands: [BenchEngineCommand.self, BenchPoliciesCommand.self, BenchFGDCommand.self]
    )
}

/// `kubesim bench engine`: the hold model on the real engine.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Run the hold model (pop the earliest event, push one at now + Exp(1)) on the engine.",
        discussion: """
            Examples:
              kubesim bench engine --pending 100000 --operations 10000000
              kubesim bench engine --pending 1000000 --operations 5000000 --format json
            Build in release mode (swift build -c release) before quoting figures.
            """
    )

    @Option(help: "Events kept pending in the queue.")
    var pending: Int = 100_000

    @Option(help: "Hold operations to time.")
    var operations: Int = 10_000_000

    @Option(help: "Seed of the increment stream.")
    var seed: UInt64 = 1

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard pending >= 1, pending <= 100_000_000 else { throw ValidationError("--pending must be in 1…100000000") }
        guard operations >= 0, operations <= 10_000_000_000 else {
            throw ValidationError("--operations must be in 0…10000000000")
        }
    }

    func run() throws {
        let result = HoldModel(pending: pending, operations: operations, seed: seed).run()
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        case .text:
            print(
                "hold model: pending \(result.pending), operations \(result.operations), "
                    + String(format: "%.3f s, %.2f M ops/s", result.seconds, result.opsPerSecond / 1e6))
        }
    }
}

/// Output formats shared by commands that print machine-readable results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
