import ArgumentParser
import Experiments
import Foundation

/// The `kubesim` command: a thin front over the Scenarios and SimulationOutput layers.
public struct KubeSimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A discrete-event simulator of Kubernetes clusters.",
        version: KubeSimVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, GetCommand.self, DescribeCommand.self, LogsCommand.self,
            ExplainCommand.self,
            SweepCommand.self, MergeCommand.self, BenchCommand.self, ServeCommand.self,
        ]
    )
    public init() {}

    /// Parses and runs like ArgumentParser's `main()`, except that a usage error exits 2, not
    /// 64: batch systems act on 0 (done), 1 (retryable) and 2 (bad input, do not retry).
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
