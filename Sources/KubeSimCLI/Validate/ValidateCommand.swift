import ArgumentParser
import KubeModel
import Scenarios

/// `kubesim validate FILES…`: what kubesim understood, and every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests and a Scenario without running them.",
        discussion: """
            Prints each object understood (kind, namespace/name, file:line) and every problem,
            in the API server's words. Exit status: 0 valid, 1 invalid, 2 unreadable input.
            Examples:
              kubesim validate scenarios/demo
              kubesim validate pods03.yaml my-scenario.yaml
            """
    )

    @Argument(help: "YAML files or folders.")
    var paths: [String]

    func run() throws {
        let input = ScenarioInput.load(paths: paths)
        for item in input.objects {
            let meta = item.object.metadata
            let namespace = meta?.namespace.map { $0 + "/" } ?? ""
            let name = meta?.name ?? meta?.generateName ?? ""
            print("\(item.object.kind) \(namespace)\(name)  (\(item.location))")
        }
        if let location = input.scenario.location {
            print("Scenario \(input.scenario.name)  (\(location))")
        } else {
            print(
                "Scenario \(input.scenario.name)  (default: \(input.scenario.effectiveNodePools.map { "\($0.count)×\($0.name)" }.joined(separator: ", ")))"
            )
        }
        for diagnostic in input.diagnostics { print(diagnostic.description) }
        let errors = input.diagnostics.filter { $0.severity == .error }.count
        let warnings = input.diagnostics.count - errors
        print(
            "\(input.objects.count) object\(input.objects.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        if errors > 0 { throw InputReporting.failureCode(input.diagnostics) }
    }
}
