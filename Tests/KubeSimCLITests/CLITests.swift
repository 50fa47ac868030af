import Foundation
import Testing

/// End-to-end tests of the `kubesim` executable, run as a user would run it.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the `kubesim` binary that `swift build` put next to the test bundle.
    static func kubesim(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> Outcome {
        try execute(executable, arguments, environment: environment, directory: directory)
    }

    /// Runs a program to its end (stdin closed), with extra environment variables.
    static func execute(
        _ program: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.currentDirectoryURL = directory ?? root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The `kubesim` binary that `swift build` put next to the test bundle.
    static var executable: URL {
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let executable = binDirectory.appendingPathComponent("kubesim")
        if FileManager.default.fileExists(atPath: executable.path) { return executable }
        return binDirectory.deletingLastPathComponent().appendingPathComponent("kubesim")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("validate lists the demo's objects and exits 0")
    func validateDemo() throws {
        let outcome = try Self.kubesim(["validate", "scenarios/demo"])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("Deployment default/web"))
        #expect(outcome.stdout.contains("Job default/etl"))
        #expect(outcome.stdout.contains("Scenario demo"))
    }

    @Test("validate reports an invalid manifest with file, line and field, and exits 1")
    func validateInvalid() throws {
        let directory = try Self.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml")
        try """
        apiVersion: v1
        kind: Pod
        metadata:
          name: bad
        spec:
          restartPolicy: Sometimes
          containers:
          - name: app
            image: nginx:1.27
        """.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try Self.kubesim(["validate", file.path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("bad.yaml:6"))
        #expect(outcome.stdout.contains("spec.restartPolicy: Unsupported value: \"Sometimes\""))
    }

    @Test("a missing file exits 2; run refuses invalid input without running")
    func unreadable() throws {
        let missing = try Self.kubesim(["validate", "no/such/file.yaml"])
        #expect(missing.status == 2)
        let run = try Self.kubesim(["run", "no/such/file.yaml", "--quiet"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing was run"))
    }

    @Test("run writes every output, and a second run with the same seed writes the same bytes")
    func runDemoTwice() throws {
        let first = try Self.temporaryDirectory()
        let second = try Self.temporaryDirectory()
        let a = try Self.kubesim(["run", "scenarios/demo", "--out", first.path, "--quiet"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try Self.kubesim(["run", "scenarios/demo", "--out", second.path, "--quiet"])
        #expect(b.status == 0, "\(b.stderr)")
        for name in ["events.jsonl", "timeline.jsonl", "metrics.csv", "trace.json", "report.html", "summary.json"] {
            let left = try Data(contentsOf: first.appendingPathComponent(name))
            let right = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(!left.isEmpty, "\(name) is empty")
            // The engine figures (wall time, events/s, memory) differ between runs by nature; they
            // are the `engine` object of summary.json and the report's Engine section.
            if name == "summary.json" {
                let strip = { (data: Data) throws -> Data in
                    var object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
                    #expect(object["engine"] != nil)
                    object["engine"] = nil
                    return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                }
                #expect(try strip(left) == strip(right))
            } else if name == "report.html" {
                let strip = { (data: Data) -> String in
                    let text = String(decoding: data, as: UTF8.self)
                    return String(text.prefix { _ in true }.components(separatedBy: "<h2>Engine</h2>")[0])
                }
                #expect(strip(left) == strip(right))
                #expect(strip(left).count > 1000)
            } else {
                #expect(left == right, "\(name) differs between identical runs")
            }
        }
        #expect(a.stdout.contains("demo"))
    }

    @Test("run without --out prints the summary that summary.json holds with it")
    func runWithoutOut() throws {
        // Without --out no stream is formatted or kept (OutputOptions.summaryOnly): the summary
        // must not depend on the outputs that are left out.
        let directory = try Self.temporaryDirectory()
        let written = try Self.kubesim(["run", "scenarios/crashloop", "--out", directory.path, "--quiet"])
        #expect(written.status == 0, "\(written.stderr)")
        let printed = try Self.kubesim(["run", "scenarios/crashloop", "--quiet", "--format", "json"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let strip = { (data: Data) throws -> Data in
            var object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["engine"] != nil)
            object["engine"] = nil
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }
        let file = try Data(contentsOf: directory.appendingPathComponent("summary.json"))
        #expect(try strip(file) == strip(Data(printed.stdout.utf8)))
        #expect(printed.stdout.contains("\"restarts\""))
    }

    @Test("bench engine prints the hold model's figures as JSON")
    func benchEngine() throws {
        let outcome = try Self.kubesim([
            "bench", "engine", "--pending", "1000", "--operations", "20000", "--format", "json",
        ])
        #expect(outcome.status == 0)
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["pending"] as? Int == 1000)
        #expect(object["operations"] as? Int == 20000)
        #expect((object["opsPerSecond"] as? Double ?? 0) > 0)
        #expect(object["seconds"] != nil)
    }

    @Test("bad flags are refused with a message")
    func badFlags() throws {
        let outcome = try Self.kubesim(["bench", "engine", "--pending", "0"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--pending"))
    }
}
