import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kubesim serve` against the real kubectl (`/usr/bin/kubectl`): what kubectl prints from the
/// served API equals what `kubesim get` prints, and bad requests get the right Status codes.
/// Every server is started on a free loopback port and stopped by its pid.
@Suite(.serialized) struct ServeCLITests {
    static let kubectlPath = "/usr/bin/kubectl"
    static var hasKubectl: Bool { FileManager.default.isExecutableFile(atPath: kubectlPath) }

    /// A running `kubesim serve`.
    final class Server {
        let process: Process
        let url: String
        let port: Int
        let directory: URL
        var kubeconfig: String { directory.appendingPathComponent("kc").path }

        /// Starts `kubesim serve` with `arguments`, in `environment` (added to this process's) when given.
        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            directory = try CLITests.temporaryDirectory()
            let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            var executable = binDirectory.appendingPathComponent("kubesim")
            if !FileManager.default.fileExists(atPath: executable.path) {
                executable = binDirectory.deletingLastPathComponent().appendingPathComponent("kubesim")
            }
            process = Process()
            process.executableURL = executable
            process.arguments =
                ["serve"] + arguments + ["--port", "0", "--kubeconfig", directory.appendingPathComponent("kc").path]
            process.currentDirectoryURL = CLITests.root
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first stdout line names the URL; give the replay up to 120 s.
            var line = Data()
            let handle = out.fileHandleForReading
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                let byte = handle.readData(ofLength: 1)
                if byte.isEmpty || byte == Data([0x0A]) { break }
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
                kill(process.processIdentifier, SIGKILL)
                throw ServeError(message: "no URL on the first line: \(text)")
            }
            url = String(text[range])
            port = Int(url.split(separator: ":").last!)!
        }

        /// Stops the server by its pid and waits for it.
        func stop() {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        /// Runs kubectl against the server with its own cache directory, within 90 s.
        func kubectl(_ arguments: [String]) throws -> CLITests.Outcome {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServeCLITests.kubectlPath)
            process.arguments =
                ["--kubeconfig", kubeconfig, "--cache-dir", directory.appendingPathComponent("cache").path]
                + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = "UTC"
            environment["HOME"] = directory.path
            process.environment = environment
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let pid = process.processIdentifier
            let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            watchdog.cancel()
            return CLITests.Outcome(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }

        /// One raw HTTP/1.1 request on a fresh connection; returns the status code and body.
        func request(_ method: String, _ target: String, accept: String = "application/json") throws -> (Int, String) {
            let text =
                "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: \(accept)\r\nConnection: close\r\n"
                + (method == "GET" ? "" : "Content-Type: application/json\r\nContent-Length: 2\r\n") + "\r\n"
                + (method == "GET" ? "" : "{}")
            let response = try RawClient.exchange(port: port, send: text, readReply: true)
            let code = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
            let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            return (code, body)
        }
    }

    struct ServeError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `describe` text with dates, ages and column alignment normalised, and the one line in
    /// which the installed kubectl (1.32) differs from the scenarios' version's (1.34): a
    /// projected ConfigMap's optionality, `ConfigMapOptional: <nil>` before kubectl 1.33
    /// (kubernetes#129457), `Optional: false` since. `describeAtKubectlVersion` checks the
    /// 1.32 form itself.
    static func describeNormalised(_ text: String) -> String {
        normalised(
            text.replacingOccurrences(
                of: #"[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000"#, with: "<date>",
                options: .regularExpression
            )
            .replacingOccurrences(of: #"\b([0-9]+[smhdy])+\b"#, with: "<age>", options: .regularExpression)
        ).replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: "ConfigMapOptional: <nil>", with: "Optional: false")
    }

    @Test("kubectl describe renders env sources (secretKeyRef, envFrom) as kubesim describe does")
    func describeEnvironmentSources() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let scenario = "scenarios/seeds/user-msvc.yaml"
        let server = try Server([scenario, "--at", "1m"])
        defer { server.stop() }
        let names = try server.kubectl(["get", "pods", "-o", "name"]).stdout.split(separator: "\n")
            .map { String($0.dropFirst("pod/".count)) }
        let name = try #require(names.first)
        let served = try server.kubectl(["describe", "pod", name])
        let own = try CLITests.kubesim(["describe", "pod", name, scenario, "--at", "1m"])
        #expect(own.stdout.contains("<set to the key 'db-password' in secret 'user-msvc'>"), "\(own.stdout)")
        #expect(
            Self.describeNormalised(served.stdout) == Self.describeNormalised(own.stdout),
            "\(served.stdout)\n---\n\(own.stdout)")
    }

    @Test("at kubernetesVersion 1.32, kubesim describe prints the token volume as kubectl 1.32 does, exactly")
    func describeAtKubectlVersion() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        try """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata:
          name: pods03-on-1.32
        spec:
          kubernetesVersion: "1.32"
        """.write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: "scenarios/seeds/pods03.yaml"), to: directory.appendingPathComponent("pods03.yaml")
        )
        let server = try Server([directory.path, "--at", "1m"])
        defer { server.stop() }
        let served = try server.kubectl(["describe", "pod", "mc1"])
        let own = try CLITests.kubesim(["describe", "pod", "mc1", directory.path, "--at", "1m"])
        #expect(own.stdout.contains("    ConfigMapOptional:       <nil>\n"), "\(own.stdout)")
        // Only the dates and ages: alignment included.
        let dated = { (text: String) in
            Self.normalised(
                text.replacingOccurrences(
                    of: #"[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000"#, with: "<date>",
                    options: .regularExpression))
        }
        #expect(dated(served.stdout) == dated(own.stdout), "\(served.stdout)\n---\n\(own.stdout)")
    }

    @Test("kubectl describe prints annotations, tolerations, named ports and a native sidecar as kubesim describe does")
    func describeRulesMatchKubectl() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let directory = try CLITests.temporaryDirectory()
        let long = String(repeating: "x", count: 200)
        try """
        apiVersion: v1
        kind: Pod
        metadata:
          name: rules
          annotations:
            short: v
            multi: |
              a
              b
            example.com/long: \(long)
            kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Pod"}'
        spec:
          tolerations:
          - {key: zeta, operator: Exists, effect: NoSchedule}
          - {key: alpha, operator: Equal, value: "on", effect: NoSchedule}
          initContainers:
          - name: proxy
            image: nginx:1.27
            restartPolicy: Always
          containers:
          - name: app
            image: localhost:5000/app:1
            ports:
            - {name: http, containerPort: 8080}
        """.write(to: directory.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let server = try Server([directory.path, "--at", "1m"])
        defer { server.stop() }
        let served = try server.kubectl(["describe", "pod", "rules"])
        let own = try CLITests.kubesim(["describe", "pod", "rules", directory.path, "--at", "1m"])
        #expect(served.status == 0, "\(served.stderr)")
        #expect(own.stdout.contains("example.com/long:\n"), "\(own.stdout)")
        #expect(
            Self.describeNormalised(served.stdout) == Self.describeNormalised(own.stdout),
            "\(served.stdout)\n---\n\(own.stdout)")
    }

    /// Ages are computed by the server from the same instant for both sides, but normalise
    /// them all the same (a column of durations such as `5m12s`, `<unknown>`).
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"(?<=\s)([0-9]+[smhdy])+(?=\s|$)"#, with: "<age>", options: .regularExpression)
    }

    static func compare(_ scenario: String, at instant: String, kinds: [String] = []) throws {
        let server = try Server([scenario, "--at", instant])
        defer { server.stop() }
        let cases: [(kubectl: [String], kubesim: [String])] = [
            (["get", "pods", "-o", "wide"], ["get", "pods", scenario, "--at", instant, "-o", "wide"]),
            (["get", "pods"], ["get", "pods", scenario, "--at", instant]),
            (["get", "nodes"], ["get", "nodes", scenario, "--at", instant]),
            (["get", "events"], ["get", "events", scenario, "--at", instant]),
        ]
        let workloadCases = kinds.map { kind in
            (["get", kind, "-o", "wide"], ["get", kind, scenario, "--at", instant, "-o", "wide"])
        }
        for (kubectlArguments, kubesimArguments) in cases + workloadCases {
            let served = try server.kubectl(kubectlArguments)
            let own = try CLITests.kubesim(kubesimArguments)
            #expect(served.status == 0, "kubectl \(kubectlArguments): \(served.stderr)")
            #expect(
                normalised(served.stdout) == normalised(own.stdout),
                "kubectl \(kubectlArguments.joined(separator: " ")) differs from kubesim:\n\(served.stdout)\n---\n\(own.stdout)"
            )
        }
    }

    @Test(
        "kubectl get pods -o wide, nodes, events, deploy/rs/jobs -o wide on the demo at 12m print what kubesim get prints"
    )
    func demoMatchesKubesimGet() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        try Self.compare("scenarios/demo", at: "12m", kinds: ["deployments", "replicasets", "jobs"])
    }

    @Test("kubectl on a seed scenario prints what kubesim get prints")
    func seedMatchesKubesimGet() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        try Self.compare("scenarios/seeds/pods03.yaml", at: "1m")
    }

    @Test("kubectl describe pod shows the pod's containers and events")
    func describePod() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let server = try Server(["scenarios/demo", "--at", "12m"])
        defer { server.stop() }
        let pods = try server.kubectl(["get", "pods", "-o", "name"])
        let name = try #require(
            pods.stdout.split(separator: "\n").first.map { String($0.dropFirst("pod/".count)) }, "\(pods.stderr)")
        let described = try server.kubectl(["describe", "pod", name])
        #expect(described.status == 0, "\(described.stderr)")
        #expect(described.stdout.range(of: "Name:\\s+\(name)\n", options: .regularExpression) != nil)
        #expect(described.stdout.contains("Containers:"))
        #expect(described.stdout.contains("Container ID:"))
        #expect(described.stdout.contains("Events:"))
        #expect(described.stdout.contains("Scheduled"), "\(described.stdout)")
        #expect(described.stdout.contains("default-scheduler"))
    }

    @Test("kubectl describe pod prints what kubesim describe prints (dates, ages and alignment normalised)")
    func describeMatchesKubesim() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let server = try Server(["scenarios/demo", "--at", "12m"])
        defer { server.stop() }
        let names = try server.kubectl(["get", "pods", "-o", "name"]).stdout.split(separator: "\n")
            .map { String($0.dropFirst("pod/".count)) }
        var picked: [String] = []
        for prefix in ["crashy", "web-", "etl-"] {
            if let name = names.first(where: { $0.hasPrefix(prefix) }) { picked.append(name) }
        }
        #expect(picked.count == 3, "\(names)")
        let normalised = Self.describeNormalised
        for name in picked {
            let served = try server.kubectl(["describe", "pod", name])
            let own = try CLITests.kubesim(["describe", "pod", name, "scenarios/demo", "--at", "12m"])
            #expect(served.status == 0, "\(served.stderr)")
            #expect(
                normalised(served.stdout) == normalised(own.stdout),
                "describe pod \(name):\n\(served.stdout)\n---\n\(own.stdout)")
        }
    }

    @Test("kubectl get pods -w lists the snapshot and keeps watching until it is stopped")
    func watchPods() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let server = try Server(["scenarios/demo", "--at", "12m"])
        defer { server.stop() }
        let started = Date()
        let watched = try server.kubectl(["get", "pods", "-w", "--request-timeout=4s"])
        let own = try CLITests.kubesim(["get", "pods", "scenarios/demo", "--at", "12m"])
        #expect(Date().timeIntervalSince(started) >= 3, "the watch ended at once: \(watched.stderr)")
        #expect(watched.stdout == own.stdout, "\(watched.stdout)\n---\n\(own.stdout)")
        #expect(server.process.isRunning)
    }

    @Test("with --play, kubectl get pods -w sees the crash loop's restarts arrive")
    func playStreamsRestarts() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let server = try Server(["scenarios/crashloop", "--at", "1m", "--play", "--speed", "60", "--until", "10m"])
        defer { server.stop() }
        let watched = try server.kubectl(["get", "pods", "-w", "--request-timeout=6s"])
        let rows = watched.stdout.split(separator: "\n").filter { $0.hasPrefix("crash ") }
        #expect(rows.count >= 2, "\(watched.stdout)\(watched.stderr)")
        let restarts = rows.compactMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[3]) }
        #expect(restarts.count == rows.count)
        #expect((restarts.last ?? 0) > (restarts.first ?? 0), "\(watched.stdout)")
    }

    @Test("with --play, kubectl scale, cordon, uncordon and delete take effect; snapshots refuse them")
    func playWrites() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let server = try Server(["scenarios/demo", "--at", "12m", "--play", "--speed", "1"])
        defer { server.stop() }
        let scaled = try server.kubectl(["scale", "deployment", "web", "--replicas=2"])
        #expect(scaled.stdout.contains("deployment.apps/web scaled"), "\(scaled.stderr)")
        let cordoned = try server.kubectl(["cordon", "batch-0"])
        #expect(cordoned.stdout.contains("node/batch-0 cordoned"), "\(cordoned.stderr)")
        #expect(try server.kubectl(["get", "nodes", "batch-0"]).stdout.contains("Ready,SchedulingDisabled"))
        #expect(try server.kubectl(["uncordon", "batch-0"]).stdout.contains("node/batch-0 uncordoned"))
        let deleted = try server.kubectl(["delete", "pod", "crashy", "--wait=false"])
        #expect(deleted.stdout.contains("pod \"crashy\" deleted"), "\(deleted.stderr)")
        let deployment = try server.kubectl(["get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"])
        #expect(deployment.stdout == "2")
        let snapshot = try Server(["scenarios/demo", "--at", "1m"])
        defer { snapshot.stop() }
        let refused = try snapshot.kubectl(["scale", "deployment", "web", "--replicas=2"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("snapshot"), "\(refused.stderr)")
    }

    @Test("with --play, kubectl drain against a PDB-protected pod is refused, retried, then evicts")
    func playDrainHonoursBudgets() throws {
        guard Self.hasKubectl else {
            print("skipped: \(Self.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        // db (a StatefulSet of 2) has a PDB with minAvailable 1: with db-0 gone, db-1 may not go
        // until db-0 is back and Ready. db's readiness takes 20 s (10 s of wall time at speed 2),
        // so the drain meets the refusal however slowly kubectl starts on a loaded machine.
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = directory.appendingPathComponent("slow-ready.yaml")
        try """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: drain}
        spec:
          behaviors:
          - match: {labels: {app: db}}
            ready: {after: 20s}
        """.write(to: scenario, atomically: true, encoding: .utf8)
        let server = try Server([
            scenario.path, "scripts/check-python-client.yaml", "--at", "2m", "--play", "--speed", "2",
        ])
        defer { server.stop() }
        _ = try server.kubectl(["delete", "pod", "db-0", "--wait=false"])
        let node = try server.kubectl(["get", "pod", "db-1", "-o", "jsonpath={.spec.nodeName}"]).stdout
        let drained = try server.kubectl(["drain", node, "--ignore-daemonsets", "--timeout=60s"])
        let text = drained.stdout + drained.stderr
        #expect(text.contains("Cannot evict pod as it would violate the pod's disruption budget"), "\(text)")
        #expect(text.contains("pod/db-1 evicted"), "\(text)")
        #expect(text.contains("node/\(node) drained"), "\(text)")
    }

    @Test("unknown resource 404, malformed selector 400, write 405, access review allowed; survives a client that goes")
    func badRequests() throws {
        let server = try Server(["scenarios/demo", "--at", "1m"])
        defer { server.stop() }
        #expect(try server.request("GET", "/api/v1/widgets").0 == 404)
        #expect(try server.request("GET", "/api/v1/namespaces/default/pods/no-such-pod").0 == 404)
        let (badCode, badBody) = try server.request("GET", "/api/v1/pods?labelSelector=app%20in%20(a")
        #expect(badCode == 400)
        #expect(badBody.contains("\"kind\":\"Status\""))
        #expect(try server.request("GET", "/api/v1/pods?fieldSelector=spec.colour%3Dred").0 == 400)
        let (writeCode, writeBody) = try server.request("POST", "/api/v1/namespaces/default/pods")
        #expect(writeCode == 405)
        #expect(writeBody.contains("snapshot"))
        #expect(try server.request("DELETE", "/api/v1/nodes/x").0 == 405)
        let (reviewCode, review) = try server.request(
            "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        #expect(reviewCode == 201)
        #expect(review.contains("\"allowed\":true"))
        let (versionCode, version) = try server.request("GET", "/version")
        #expect(versionCode == 200)
        #expect(version.contains("\"gitVersion\":\"v1."))
        // Clients that go away mid-request and mid-watch.
        _ = try RawClient.exchange(port: server.port, send: "GET /api/v1/po", readReply: false)
        _ = try RawClient.exchange(
            port: server.port,
            send: "GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: x\r\n\r\n", readReply: false)
        for _ in 0..<20 {
            _ = try RawClient.exchange(port: server.port, send: "GET /api/v1/nodes HTTP/1.1\r\n", readReply: false)
        }
        let (listCode, list) = try server.request("GET", "/api/v1/pods?fieldSelector=status.phase%3DRunning")
        #expect(listCode == 200)
        #expect(list.contains("\"kind\":\"PodList\""))
        #expect(server.process.isRunning)
    }
}

/// A minimal blocking HTTP client on a POSIX socket, so tests can also misbehave (send half a
/// request and hang up).
enum RawClient {
    struct Failure: Error { var message: String }

    /// Connects to 127.0.0.1:`port`, sends `send`, and (if `readReply`) reads until the server
    /// closes or 10 s pass; then closes.
    static func exchange(port: Int, send: String, readReply: Bool) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(message: "connect to \(port)") }
        let bytes = Array(send.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard readReply else { return "" }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            reply += buffer[0..<count]
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
