import ArgumentParser

/// The `kubesim` command: a thin front over the Scenarios and SimulationOutput layers.
public struct KubeSimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A discrete-event simulator of Kubernetes clusters.",
        version: KubeSimVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, GetCommand.self, DescribeCommand.self, ExplainCommand.self,
            SweepCommand.self, BenchCommand.self, ServeCommand.self,
        ]
    )
    public init() {}
}
