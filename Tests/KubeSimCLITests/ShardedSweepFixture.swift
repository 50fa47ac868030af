import Foundation

/// A small sweep for the sharding tests: a two-pool scenario in a temporary folder, 3 points
/// × 4 replications, and the unsharded run's report to compare against.
struct ShardedSweepFixture {
    static let scenario = """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: tiny}
        spec:
          seed: 7
          duration: 5m
          nodes:
          - name: worker
            count: 2
            capacity: {cpu: "2", memory: 8Gi, pods: "110"}
          - name: big
            count: 1
            capacity: {cpu: "8", memory: 32Gi, pods: "110"}
          workloads:
          - name: web
            template:
              inline:
                metadata: {generateName: web-, labels: {app: web}}
                spec:
                  containers:
                  - {name: app, image: nginx:1.27, resources: {requests: {cpu: 500m, memory: 512Mi}}}
            arrivals: {poisson: {rate: 12/m}}
            count: 40
            lifetime: {exponential: {mean: 3m}}
        """

    /// The folder holding `tiny.yaml`; the tests run kubesim from here.
    let directory: URL
    /// The plan's arguments after `kubesim sweep`.
    let plan = ["tiny.yaml", "--set", "spec.nodes[worker].count=1,2,3", "--replications", "4"]

    init() throws {
        directory = try CLITests.temporaryDirectory()
        try Self.scenario.write(to: directory.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func kubesim(_ arguments: [String], environment: [String: String] = [:]) throws -> CLITests.Outcome {
        try CLITests.kubesim(arguments, environment: environment, directory: directory)
    }

    /// The unsharded sweep's table and CSV (the reference every sharded run must reproduce).
    func unsharded() throws -> (table: String, csv: String) {
        let outcome = try kubesim(
            ["sweep"] + plan + ["--db", path("unsharded.sqlite"), "--csv", path("unsharded.csv"), "--quiet"])
        guard outcome.status == 0 else { throw FixtureError("unsharded sweep: \(outcome.stderr)") }
        return (outcome.stdout, try Self.deterministicCSV(path("unsharded.csv")))
    }

    /// A CSV without the wall-clock columns (`wall_seconds`, `scheduler_decision_us`).
    static func deterministicCSV(_ path: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        guard let header = lines.first else { return "" }
        let keep = header.indices.filter { !["wall_seconds", "scheduler_decision_us"].contains(String(header[$0])) }
        return lines.map { fields in keep.map { String(fields[$0]) }.joined(separator: ",") }.joined(separator: "\n")
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
