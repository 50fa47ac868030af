import ArgumentParser
import ClusterComponents
import Foundation
import Scenarios
import SimulationCore
import SimulationOutput

/// `kubesim run FILES… [--out DIR]`: replay a scenario in virtual time.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its timelines and statistics.",
        discussion: """
            Every YAML document in the files and folders is read: Kubernetes manifests, unchanged,
            and at most one `kind: Scenario`. Without a Scenario the objects run on the default
            cluster (three 4-CPU/16Gi nodes) until nothing has changed for 10 minutes.
            Examples:
              kubesim run scenarios/demo --out out/demo
              kubesim run scenarios/seeds/pods03.yaml
              kubesim run scenarios/demo --seed 7 --quiet
              kubesim run scenarios/demo --out out/demo --start-time 2026-03-01T09:00:00Z
              kubesim run scenarios/gpu-trace --traces ../shared/traces/alibaba-gpu-v2023
            """
    )

    @Argument(help: "YAML files or folders.")
    var paths: [String]

    @Option(
        name: .shortAndLong,
        help:
            "Directory for events.jsonl, timeline.jsonl, summary.json, metrics.csv, metrics.om, trace.json, report.html."
    )
    var out: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Write metrics.om, the run's kube-state-metrics, scheduler and kubelet series in OpenMetrics text.",
            discussion: "Default: the scenario's spec.outputs.openMetrics (true unless it says false)."))
    var metricsOm: Bool?

    @Option(
        help: ArgumentHelp(
            "The wall-clock time (RFC 3339) that the run starts at, instead of the scenario's spec.startTime.",
            valueName: "time"))
    var startTime: String?

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Flag(help: "No progress and no warnings on stderr.")
    var quiet = false

    @Option(help: "Summary format on stdout: text or json.")
    var format: OutputFormat = .text

    @Option(
        help:
            "Trace directory that ${KUBESIM_TRACES} stands for in scenario file paths (e.g. ../shared/traces/alibaba-gpu-v2023)."
    )
    var traces: String?

    func validate() throws {
        if let out, let problem = OutputDirectory.check(out) { throw ValidationError(problem) }
        if let startTime, case .failure(let problem) = ScenarioUnits.rfc3339(startTime) {
            throw ValidationError("--start-time \(startTime): \(problem.message)")
        }
    }

    func run() throws {
        if let traces { setenv("KUBESIM_TRACES", traces, 1) }
        var input = try InputReporting.loadOrExit(paths, quiet: quiet)
        if let startTime, case .success(let seconds) = ScenarioUnits.rfc3339(startTime) {
            input.scenario.startTimeUnixSeconds = seconds
        }
        let runner = ScenarioRunner(input: input, seed: seed)
        // Without --out nothing is written, so nothing is formatted or kept for a file: the
        // summary alone (the streams were kept in memory and dropped, 2 GB in the envelope).
        var options = out == nil ? OutputOptions.summaryOnly : OutputOptions()
        options.sampleInterval = input.scenario.outputs.sampleInterval
        if out != nil { options.openMetrics = metricsOm ?? input.scenario.outputs.openMetrics }
        let outputs: RunOutputs
        do {
            outputs = try RunOutputs(
                directory: out.map { URL(fileURLWithPath: $0) }, scenarioName: input.scenario.name, options: options)
        } catch {
            StandardError.write("kubesim: cannot write the outputs: \(FileErrorText.describe(error))\n")
            throw ExitCode.failure
        }
        outputs.attach(to: runner.cluster)
        let interruption = Interruption.install()
        let progress = ProgressReporter(enabled: !quiet, end: input.scenario.runLength.duration)
        let clock = ContinuousClock()
        let started = clock.now
        let ending = runner.run(progress: { progress.report($0) }, shouldStop: { interruption.requested })
        let elapsed = clock.now - started
        progress.finish()
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let (summary, table) = try outputs.finish(
            cluster: runner.cluster, wallSeconds: wall, interrupted: ending == .interrupted)
        // The process ends with this command and every file is closed: the cluster is left to
        // the exit rather than torn down object by object (the full envelope's 1 GiB of pods,
        // workers and caches took 1.2% of its samples in releases after the run).
        _ = Unmanaged.passRetained(runner)
        if !quiet { InputReporting.printDiagnostics(runner.runtimeDiagnostics) }
        switch format {
        case .text:
            print(table, terminator: table.hasSuffix("\n") ? "" : "\n")
            if let out { print("outputs: \(out)/") }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
        if ending == .interrupted {
            StandardError.write("kubesim: interrupted at \(runner.cluster.now); outputs so far were written\n")
            throw ExitCode(130)
        }
    }
}
