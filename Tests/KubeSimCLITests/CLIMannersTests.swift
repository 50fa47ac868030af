import Foundation
import Testing

/// The command line's manners: version, exit codes and messages in plain words, output paths
/// checked before work starts, interruption recorded in the outputs.
@Suite struct CLIMannersTests {
    @Test("--version prints the version")
    func version() throws {
        let outcome = try CLITests.kubesim(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.split(separator: ".").count == 3, "\(outcome.stdout)")
    }

    @Test("describe and explain of a missing pod exit 1 with kubectl's NotFound on stderr")
    func notFound() throws {
        for command in ["describe", "explain"] {
            let outcome = try CLITests.kubesim([command, "pod", "nosuch", "scenarios/crashloop", "--at", "1m"])
            #expect(outcome.status == 1, "\(command)")
            #expect(outcome.stderr.contains("Error from server (NotFound): pods \"nosuch\" not found"))
            #expect(outcome.stdout.isEmpty)
        }
    }

    @Test("an --out that cannot be created is refused before the run, in plain words")
    func outputPathChecked() throws {
        let directory = try CLITests.temporaryDirectory()
        let file = directory.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLITests.kubesim(["run", "scenarios/crashloop", "--out", file.path + "/out"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("cannot be created (\(file.path) is not a directory)"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        #expect(outcome.stdout.isEmpty, "nothing ran")
    }

    @Test("a full disk under one output: exit 1 naming the file, the other outputs still complete")
    func fullDiskKeepsTheOtherOutputs() throws {
        try #require(FileManager.default.isWritableFile(atPath: "/dev/full"), "needs Linux's /dev/full")
        let out = try CLITests.temporaryDirectory().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // events.jsonl is written through its .partial name: a link to /dev/full fails every write (ENOSPC).
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("events.jsonl.partial").path, withDestinationPath: "/dev/full")
        let outcome = try CLITests.kubesim(["run", "scenarios/crashloop", "--out", out.path, "--quiet"])
        #expect(outcome.status == 1)
        #expect(
            outcome.stderr.contains("cannot write \(out.path)/events.jsonl: ")
                && outcome.stderr.contains("what was written so far is in \(out.path)/events.jsonl.partial"),
            "\(outcome.stderr)")
        for name in ["timeline.jsonl", "metrics.csv", "trace.json", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("events.jsonl").path))
    }

    @Test("a relative --out whose parents do not exist yet is created (the README's first command)")
    func relativeNestedOutput() throws {
        let directory = try CLITests.temporaryDirectory()
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = [
            "run", CLITests.root.appendingPathComponent("scenarios/crashloop").path, "--out", "out/demo", "--quiet",
        ]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/demo/summary.json").path))
    }

    @Test("--replications -2 says what is wrong")
    func negativeReplications() throws {
        let outcome = try CLITests.kubesim([
            "sweep", "scenarios/crashloop", "--set", "spec.seed=1", "--replications", "-2",
        ])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--replications must be in 1…100000 (got -2)"), "\(outcome.stderr)")
    }

    @Test("progress never writes carriage returns when stderr is not a terminal")
    func noCarriageReturnsInLogs() throws {
        let outcome = try CLITests.kubesim(["run", "scenarios/demo"])
        #expect(outcome.status == 0)
        #expect(!outcome.stderr.contains("\r"))
    }

    @Test("an interrupted run exits 130 and its summary.json says it was interrupted")
    func interruption() throws {
        let directory = try APIServerCLITests.scenario(
            """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: long}
            spec:
              duration: 240h
              timing: ideal
              nodes:
              - {name: worker, count: 50, capacity: {cpu: "64", memory: 256Gi, pods: "110"}}
              workloads:
              - template:
                  inline:
                    apiVersion: v1
                    kind: Pod
                    metadata: {generateName: task-}
                    spec:
                      containers:
                      - {name: app, image: busybox:1.36, resources: {requests: {cpu: 10m}}}
                arrivals: {poisson: {rate: 50/s}}
                count: 2000000
                lifetime: {exponential: {mean: 20s}}
            """)
        let out = directory.appendingPathComponent("out")
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable = binDirectory.appendingPathComponent("kubesim")
        if !FileManager.default.fileExists(atPath: executable.path) {
            executable = binDirectory.deletingLastPathComponent().appendingPathComponent("kubesim")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", directory.path, "--out", out.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        #expect(process.isRunning, "the run should still be going after 2 s")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let summary = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as? [String: Any])
        #expect(summary["interrupted"] as? Bool == true)
        #expect((summary["simulatedSeconds"] as? Double ?? .infinity) < 240 * 3600)
    }
}
