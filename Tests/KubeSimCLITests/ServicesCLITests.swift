import Foundation
import Testing

/// `kubesim get`/`describe` of Services, several kinds at once, `-o json|yaml`, `describe`
/// without a name, and the same views from the real kubectl against `kubesim serve`.
@Suite struct ServicesCLITests {
    static let manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 4
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - {name: http, containerPort: 8080}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels: {tier: front}
        spec:
          selector: {app: web}
          clusterIP: 10.96.0.80
          ports:
          - {name: http, port: 80, targetPort: http}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web-np
        spec:
          type: NodePort
          selector: {app: web}
          ports:
          - {port: 80, targetPort: 8080, nodePort: 30080}
        """

    static func directory() throws -> String {
        let directory = try CLITests.temporaryDirectory()
        try manifests.write(to: directory.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        return directory.path
    }

    /// `kubesim ARGS` must succeed; its stdout.
    static func run(_ arguments: [String]) throws -> String {
        let outcome = try CLITests.kubesim(arguments)
        #expect(outcome.status == 0, "kubesim \(arguments): \(outcome.stderr)")
        return outcome.stdout
    }

    @Test("get svc and describe svc: kubectl's columns and fields, endpoints of the Ready pods")
    func getAndDescribe() throws {
        let path = try Self.directory()
        let table = try Self.run(["get", "svc", path, "--at", "1m"])
        let lines = table.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first == "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE")
        #expect(lines.contains("kubernetes ClusterIP 10.96.0.1 <none> 443/TCP 60s"))
        #expect(lines.contains("web ClusterIP 10.96.0.80 <none> 80/TCP 60s"))
        #expect(lines.contains { $0.hasPrefix("web-np NodePort 10.") && $0.hasSuffix(" <none> 80:30080/TCP 60s") })
        let described = try Self.run(["describe", "svc", "web", path, "--at", "1m"])
        // Four Ready replicas on the named port http = 8080: three shown, `+ 1 more...`.
        #expect(
            described.range(
                of:
                    #"\nEndpoints: +10\.244\.[0-9.]+:8080,10\.244\.[0-9.]+:8080,10\.244\.[0-9.]+:8080 \+ 1 more\.\.\.\n"#,
                options: .regularExpression) != nil, "\(described)")
        #expect(
            described.hasPrefix(
                "Name:                     web\nNamespace:                default\nLabels:                   tier=front\n"
            ))
        #expect(described.contains("\nTargetPort:               http/TCP\n"))
        #expect(
            described.hasSuffix(
                "Session Affinity:         None\nInternal Traffic Policy:  Cluster\nEvents:                   <none>\n")
        )
        // Before the pods run: no endpoints yet (slices exist only for pods with an IP).
        let early = try Self.run(["describe", "svc", "web", path, "--at", "0s"])
        #expect(early.contains("\nEndpoints:                <none>\n"), "\(early)")
        let missing = try CLITests.kubesim(["describe", "svc", "nope", path, "--at", "1m"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error from server (NotFound): services \"nope\" not found\n")
    }

    @Test("get po,svc,deploy: one table per kind, names as kind/name, a blank line between")
    func severalKinds() throws {
        let path = try Self.directory()
        let text = try Self.run(["get", "po,svc,deploy", path, "--at", "1m"])
        let tables = text.components(separatedBy: "\n\n")
        #expect(tables.count == 3, "\(text)")
        #expect(tables[0].split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("pod/web-") })
        #expect(
            tables[1].split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) } == [
                "service/kubernetes", "service/web", "service/web-np",
            ])
        #expect(
            tables[2].hasPrefix(
                "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   4/4     4            4           60s\n"
            ))
        // The names column widens by the prefix: NAME's cell is the longest name + 3 blanks.
        let podLines = tables[0].split(separator: "\n")
        let width = podLines.dropFirst().map { $0.prefix { $0 != " " }.count }.max()! + 3
        #expect(podLines.allSatisfy { $0.count > width && $0[$0.index($0.startIndex, offsetBy: width - 1)] == " " })
        // Kinds without objects print nothing; none at all: kubectl's message on stderr, exit 0.
        let jobs = try CLITests.kubesim(["get", "jobs,ds", path, "--at", "1m"])
        #expect(jobs.status == 0 && jobs.stdout.isEmpty)
        #expect(jobs.stderr == "No resources found in default namespace.\n")
        let all = try Self.run(["get", "all", path, "--at", "1m"])
        #expect(all.components(separatedBy: "\n\n").count == 4, "\(all)")  // pods, services, deployments, replicasets
        #expect(all.contains("\nreplicaset.apps/web-"))
    }

    @Test("-o json and -o yaml: the stored object with kubectl's sorted keys, a List for several, same bytes every run")
    func structuredOutput() throws {
        let path = try Self.directory()
        let json = try Self.run(["get", "svc", "kubernetes", path, "--at", "1m", "-o", "json"])
        #expect(json.hasPrefix("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Service\",\n    \"metadata\": {\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let spec = try #require(object["spec"] as? [String: Any])
        #expect(spec["clusterIP"] as? String == "10.96.0.1")
        #expect(spec["ipFamilyPolicy"] as? String == "SingleStack")
        let metadata = try #require(object["metadata"] as? [String: Any])
        // Created with the cluster, at the scenario's start (2026-01-01T00:00:00Z by default).
        #expect(metadata["creationTimestamp"] as? String == "2026-01-01T00:00:00Z")
        #expect((metadata["uid"] as? String)?.count == 36)
        let list = try Self.run(["get", "svc", path, "--at", "1m", "-o", "yaml"])
        #expect(list.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n"))
        #expect(list.hasSuffix("kind: List\nmetadata:\n  resourceVersion: \"\"\n"))
        #expect(list.components(separatedBy: "\n- apiVersion: v1\n  kind: Service\n").count == 4)
        #expect(list.contains("\n    - name: http\n      port: 80\n      protocol: TCP\n      targetPort: http\n"))
        #expect(try Self.run(["get", "svc", path, "--at", "1m", "-o", "yaml"]) == list)
        let pods = try Self.run(["get", "pods", path, "--at", "1m", "-o", "json"])
        let podList = try #require(try JSONSerialization.jsonObject(with: Data(pods.utf8)) as? [String: Any])
        #expect(podList["kind"] as? String == "List")
        #expect((podList["items"] as? [Any])?.count == 4)
    }

    @Test("describe pods without a name: every pod, separated by a blank line; a name prefix describes its matches")
    func describeAll() throws {
        let path = try Self.directory()
        let names = try Self.run(["get", "pods", path, "--at", "1m"]).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != " " }) }
        #expect(names.count == 4)
        let each = try names.map { try Self.run(["describe", "pod", $0, path, "--at", "1m"]) }
        #expect(try Self.run(["describe", "pods", path, "--at", "1m"]) == each.joined(separator: "\n\n"))
        // `kubectl describe pod web`: no pod is called web; those whose names start with it,
        // each followed by a newline (DescribeMatchingResources).
        #expect(try Self.run(["describe", "pod", "web", path, "--at", "1m"]) == each.map { $0 + "\n" }.joined())
        // The old form still reads its arguments as before.
        #expect(try Self.run(["describe", "pod", names[0], path, "--at", "1m"]) == each[0])
    }

    @Test(
        "kubectl get svc -o wide, describe svc and get endpointslices against kubesim serve print what kubesim prints")
    func servedMatchesKubectl() throws {
        guard ServeCLITests.hasKubectl else {
            print("skipped: \(ServeCLITests.kubectlPath) is absent (scripts/bootstrap --test-tools installs kubectl)")
            return
        }
        let path = try Self.directory()
        let server = try ServeCLITests.Server([path, "--at", "1m"])
        defer { server.stop() }
        let cases: [([String], [String])] = [
            (["get", "svc", "-o", "wide"], ["get", "svc", path, "--at", "1m", "-o", "wide"]),
            (["get", "po,svc,deploy"], ["get", "po,svc,deploy", path, "--at", "1m"]),
            (["describe", "svc", "web"], ["describe", "svc", "web", path, "--at", "1m"]),
            (["describe", "svc", "kubernetes"], ["describe", "svc", "kubernetes", path, "--at", "1m"]),
            (["describe", "svc", "web-np"], ["describe", "svc", "web-np", path, "--at", "1m"]),
            (["get", "svc", "web", "-o", "yaml"], ["get", "svc", "web", path, "--at", "1m", "-o", "yaml"]),
        ]
        for (kubectl, kubesim) in cases {
            let served = try server.kubectl(kubectl)
            let own = try CLITests.kubesim(kubesim)
            #expect(served.status == 0, "kubectl \(kubectl): \(served.stderr)")
            var expected = own.stdout
            if kubectl.contains("yaml") {
                // The served snapshot's clock starts at the wall clock, kubesim's at the
                // scenario's start: the timestamps alone differ.
                let stamp = #"creationTimestamp: "[0-9T:Z-]+""#
                expected = expected.replacingOccurrences(of: stamp, with: "<t>", options: .regularExpression)
                let servedText = served.stdout.replacingOccurrences(of: stamp, with: "<t>", options: .regularExpression)
                #expect(
                    servedText == expected,
                    "kubectl \(kubectl.joined(separator: " ")):\n\(served.stdout)\n---\n\(own.stdout)")
                continue
            }
            #expect(
                served.stdout == expected,
                "kubectl \(kubectl.joined(separator: " ")):\n\(served.stdout)\n---\n\(own.stdout)")
        }
        let slices = try server.kubectl(["get", "endpointslices", "-l", "kubernetes.io/service-name=web"])
        #expect(slices.stdout.contains("IPv4          8080    "), "\(slices.stdout)")
        #expect(slices.stdout.contains(" + 1 more..."), "\(slices.stdout)")
    }
}
