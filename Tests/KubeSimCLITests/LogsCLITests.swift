import Foundation
import Testing

/// `kubesim logs` against kubectl's rules (kubectl/pkg/cmd/logs, podcmd `AllContainerNames`;
/// the API server's `LogLocation` and the kubelet's errors as kubectl prints them) on the
/// crash-loop scenario, whose container writes three lines in the 2 s of each run.
@Suite struct LogsCLITests {
    static let crashloop = "scenarios/crashloop"

    @Test("a crash-looping container: its last run's lines, up to its exit (the last words included)")
    func lastRun() throws {
        let outcome = try CLITests.kubesim(["logs", "crash", Self.crashloop, "--at", "5m"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "starting app\nconnecting to db:5432\nfatal: connection refused\n")
        #expect(outcome.stderr.isEmpty)
    }

    @Test("a running container: the lines written by now (1 s into the first run: two of three)")
    func running() throws {
        let outcome = try CLITests.kubesim(["logs", "crash", Self.crashloop, "--at", "1s"])
        #expect(outcome.stdout == "starting app\nconnecting to db:5432\n")
    }

    @Test("--previous: the run before; without one, the kubelet's error and exit 1")
    func previous() throws {
        let restarted = try CLITests.kubesim(["logs", "crash", Self.crashloop, "--at", "13s", "--previous"])
        #expect(restarted.status == 0)
        #expect(restarted.stdout == "starting app\nconnecting to db:5432\nfatal: connection refused\n")
        let first = try CLITests.kubesim(["logs", "crash", Self.crashloop, "--at", "1s", "--previous"])
        #expect(first.status == 1)
        #expect(
            first.stderr
                == "Error from server (BadRequest): previous terminated container \"app\" in pod \"crash\" not found\n")
    }

    @Test("no such pod or container: the API server's NotFound and BadRequest, exit 1")
    func missing() throws {
        let pod = try CLITests.kubesim(["logs", "nope", Self.crashloop, "--at", "5m"])
        #expect(pod.status == 1)
        #expect(pod.stderr == "Error from server (NotFound): pods \"nope\" not found\n")
        let container = try CLITests.kubesim(["logs", "crash", Self.crashloop, "--at", "5m", "-c", "db"])
        #expect(container.status == 1)
        #expect(container.stderr == "Error from server (BadRequest): container db is not valid for pod crash\n")
    }

    @Test("several containers and no -c: the first, announced; one that never started is waiting to start")
    func defaultedAndWaiting() throws {
        let waiting = try CLITests.kubesim(["logs", "mc1", "scenarios/seeds/pods03.yaml", "--at", "0s"])
        #expect(waiting.status == 1)
        #expect(
            waiting.stderr
                == "Defaulted container \"1st\" out of: 1st, 2nd\n"
                + "Error from server (BadRequest): container \"1st\" in pod \"mc1\" is waiting to start: ContainerCreating\n"
        )
        let running = try CLITests.kubesim(["logs", "mc1", "scenarios/seeds/pods03.yaml", "--at", "1m", "-c", "2nd"])
        #expect(running.status == 0)
        #expect(running.stdout.isEmpty && running.stderr.isEmpty)
    }

    @Test("a log line without its text is an error naming the field")
    func invalid() throws {
        let directory = try CLITests.temporaryDirectory()
        let file = directory.appendingPathComponent("scenario.yaml")
        try """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata:
          name: bad-logs
        spec:
          behaviors:
          - logs:
            - {after: 1s}
        """.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLITests.kubesim(["validate", file.path])
        #expect(outcome.status != 0)
        #expect(
            (outcome.stdout + outcome.stderr).contains("spec.behaviors[0].logs[0].line: Required value"),
            "\(outcome.stdout)")
    }
}
