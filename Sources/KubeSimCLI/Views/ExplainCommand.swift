import ArgumentParser
import ClusterComponents

/// `kubesim explain pod NAME SCENARIO --at T`: each plugin's filter verdict and score per
/// node in the pod's last scheduling attempt up to that instant.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Show why the scheduler placed (or could not place) a pod: per-node filter verdicts and plugin scores.",
        discussion: """
            Examples:
              kubesim explain pod web-5c94768bf7-2zl8k scenarios/demo --at 1m
              kubesim explain pod packed-6f979987f7-48q9s scenarios/scheduler-compare --at 30s
            """
    )

    @Argument(help: "The kind: pod.")
    var kind: String

    @Argument(help: "The pod's name.")
    var name: String

    @OptionGroup var replay: ReplayOptions

    @Option(name: .shortAndLong, help: "Namespace of the pod.")
    var namespace: String = "default"

    func validate() throws {
        guard ["pod", "pods", "po"].contains(kind) else {
            throw ValidationError("explain supports pods only, got \"\(kind)\"")
        }
    }

    func run() throws {
        let (runner, _, now) = try replay.replay(configure: { $0.scheduler.recordExplanations = true })
        let cluster = runner.cluster
        guard let pod = cluster.api.pods.last(where: { $0.name == name && $0.namespace == namespace }) else {
            // kubectl prints the API server's NotFound on stderr and exits 1.
            StandardError.write("Error from server (NotFound): pods \"\(name)\" not found\n")
            throw ExitCode.failure
        }
        guard let explanation = cluster.scheduler.explanation(for: pod.id) else {
            return print(
                "pod \(namespace)/\(name): no scheduling attempt up to \(now) (bound by spec.nodeName, or not yet tried)"
            )
        }
        print("Pod \(namespace)/\(name): last attempt at \(explanation.time) by \(explanation.schedulerName)")
        if let chosen = explanation.chosenNode { print("Chosen node: \(chosen)") }
        if let message = explanation.message { print("Result: \(message)") }
        let plugins =
            explanation.nodes.first(where: { !$0.scores.isEmpty })?.scores.map { "\($0.plugin)×\($0.weight)" } ?? []
        var rows: [[String]] = [["NODE", "FILTER", "REASON"] + plugins + ["TOTAL"]]
        for verdict in explanation.nodes {
            let scores = plugins.indices.map { index in
                index < verdict.scores.count ? String(verdict.scores[index].score) : ""
            }
            rows.append(
                [
                    verdict.node, verdict.feasible ? "pass" : "fail: \(verdict.plugin ?? "")",
                    verdict.reasons.joined(separator: "; "),
                ] + scores + [verdict.total.map(String.init) ?? ""])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(
                row.enumerated().map {
                    $0.element.padding(toLength: widths[$0.offset] + 2, withPad: " ", startingAt: 0)
                }.joined()
                    .trimmingTrailingSpaces())
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
