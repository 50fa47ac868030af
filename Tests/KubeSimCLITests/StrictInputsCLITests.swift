import Foundation
import Testing

/// Inputs that a real API server or kube-scheduler refuses are errors with file, line and field,
/// in `kubesim validate` (exit 1) and before any run (`kubesim run` refuses, exit 1): never a
/// crash, a hang or a silent default (issue 21).
@Suite struct StrictInputsCLITests {
    /// Writes files (name → text) into a fresh directory and returns it.
    static func directory(_ files: [String: String]) throws -> URL {
        let directory = try CLITests.temporaryDirectory()
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// `validate` and `run` on `paths` both refuse with exit 1; returns validate's stdout and
    /// run's stderr.
    static func refused(_ paths: [String]) throws -> (validate: String, run: String) {
        let validate = try CLITests.kubesim(["validate"] + paths)
        #expect(validate.status == 1, "\(validate.stdout)\(validate.stderr)")
        let run = try CLITests.kubesim(["run"] + paths + ["--quiet"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("nothing was run"), "\(run.stderr)")
        return (validate.stdout, run.stderr)
    }

    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27}]
        """

    // MARK: - 1. Resource names

    @Test("a misspelt resource in a node pool's capacity is an error, not the default node")
    func poolCapacityNames() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: typo}
            spec:
              duration: 1m
              nodes:
              - name: worker
                count: 2
                capacity: {cpus: "8", memroy: 32Gi, nvidia.com/gpu: "1"}
            """
        ])
        let (validate, run) = try Self.refused([directory.path])
        #expect(
            validate.contains(
                "scenario.yaml:9: Scenario \"typo\": spec.nodes[0].capacity.cpus: Invalid value: \"cpus\": must be a standard resource type or fully qualified"
            ), "\(validate)")
        #expect(validate.contains("spec.nodes[0].capacity.memroy: Invalid value: \"memroy\""), "\(validate)")
        #expect(!validate.contains("nvidia.com/gpu"), "\(validate)")
        #expect(run.contains("capacity.cpus"))
    }

    @Test("container requests and limits and Node capacity are checked as the API server does")
    func manifestResourceNames() throws {
        let directory = try Self.directory([
            "objects.yaml": """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                resources:
                  requests: {cpus: 100m, hugepages-2Mi: 2Mi, example.com/foo: "1"}
                  limits: {memroy: 1Gi, hugepages-2Mi: 2Mi, example.com/foo: "1"}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            status:
              capacity: {cpu: "4", memroy: 8Gi, pods: "110"}
            """
        ])
        let (validate, _) = try Self.refused([directory.path])
        let prefix =
            "objects.yaml:9: Pod \"web\": spec.containers[0].resources.requests[cpus]: Invalid value: \"cpus\": "
        #expect(validate.contains(prefix + "must be a standard resource type or fully qualified"), "\(validate)")
        #expect(validate.contains(prefix + "must be a standard resource for containers"), "\(validate)")
        #expect(
            validate.contains("objects.yaml:10: Pod \"web\": spec.containers[0].resources.limits[memroy]"),
            "\(validate)")
        #expect(
            validate.contains(
                "objects.yaml:16: Node \"n1\": status.capacity[memroy]: Invalid value: \"memroy\": must be a standard resource type or fully qualified"
            ), "\(validate)")
        #expect(!validate.contains("hugepages") && !validate.contains("example.com"), "\(validate)")
    }

    // MARK: - 2. Unknown kubesim kinds

    @Test("an unknown kind of kubesim/v1alpha1 is an error; other groups' unknown kinds stay warnings")
    func unknownKubesimKind() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Senario
            metadata: {name: typo}
            spec: {duration: 1m}
            """
        ])
        let (validate, run) = try Self.refused([directory.path])
        #expect(
            validate.contains(
                "scenario.yaml:2: Senario: kind: Unsupported value: \"Senario\": supported values: \"Scenario\""),
            "\(validate)")
        #expect(run.contains("Senario"))

        let other = try Self.directory([
            "widget.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
        ])
        let outcome = try CLITests.kubesim(["validate", other.path])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("warning: Widget: kind \"Widget\" is not simulated"), "\(outcome.stdout)")
    }

    // MARK: - 3. Scheduler plugins

    @Test("unknown scheduler plugin names are errors that list the known ones")
    func unknownPlugins() throws {
        let directory = try Self.directory([
            "scheduler.yaml": """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
              plugins:
                score:
                  enabled: [{name: NodeResourcesFits}, {name: bestfit}, {name: VolumeBinding}]
                  disabled: [{name: "*"}, {name: Imagelocality}]
              pluginConfig:
              - name: NodeResourceFit
                args: {}
            """,
            "pod.yaml": Self.pod,
        ])
        let (validate, _) = try Self.refused([directory.path])
        #expect(
            validate.contains(
                "scheduler.yaml:7: KubeSchedulerConfiguration: profiles[0].plugins.score.enabled[0].name: Unsupported value: \"NodeResourcesFits\": supported values: "
            ), "\(validate)")
        #expect(validate.contains("\"NodeResourcesFit\", \"NodeUnschedulable\""), "\(validate)")
        #expect(validate.contains("profiles[0].plugins.score.disabled[1].name: Unsupported value: \"Imagelocality\""))
        #expect(validate.contains("profiles[0].pluginConfig[0].name: Unsupported value: \"NodeResourceFit\""))
        #expect(!validate.contains("\"bestfit\"") && !validate.contains("enabled[2]"), "\(validate)")
        #expect(validate.contains("3 errors"), "\(validate)")
    }

    @Test("an unknown policy for bench and sweep is refused with the known names")
    func unknownPolicy() throws {
        let outcome = try CLITests.kubesim([
            "sweep", "scenarios/benchmarks/01-web-bursty.yaml", "--set", "scheduler.policy=bestfitt", "--quiet",
        ])
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stderr.contains("unknown policy \"bestfitt\""), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("firstfit"), "\(outcome.stderr)")
    }

    // MARK: - 4. Duplicates

    @Test("two objects of the same kind, namespace and name are an error naming both places")
    func duplicates() throws {
        let directory = try Self.directory([
            "a.yaml": Self.pod,
            "b.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web}
            ---
            \(Self.pod.replacingOccurrences(of: "{name: web}", with: "{name: web, namespace: default}"))
            """,
        ])
        let (validate, run) = try Self.refused([directory.path])
        let a = directory.appendingPathComponent("a.yaml").path
        let b = directory.appendingPathComponent("b.yaml").path
        #expect(
            validate.contains(
                "\(b):5: Pod \"default/web\": duplicate object: also defined at \(a):1; the API server refuses the second (AlreadyExists)"
            ), "\(validate)")
        #expect(validate.contains("1 error,"), "the ConfigMap of the same name is another object: \(validate)")
        #expect(run.contains("duplicate object"))
    }

    @Test("a Node manifest named like a pool's node is a duplicate naming the pool")
    func nodeManifestCollidesWithPool() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: nodes}
            spec:
              duration: 1m
              nodes:
              - {name: worker, count: 2}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: worker-1}
            status:
              capacity: {cpu: "4", memory: 8Gi, pods: "110"}
            """
        ])
        let (validate, _) = try Self.refused([directory.path])
        let file = directory.appendingPathComponent("scenario.yaml").path
        #expect(
            validate.contains(
                "\(file):9: Node \"worker-1\": duplicate object: node pool \"worker\" (\(file):7) also creates it"),
            "\(validate)")
    }

    // MARK: - 5. Templates in input folders

    @Test("a workload template in an input folder is not also created as a pod")
    func templateInFolder() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: folder}
            spec:
              duration: 1m
              workloads:
              - template: {file: web-pod.yaml}
                arrivals: {at: [10s]}
            """,
            "web-pod.yaml": Self.pod,
        ])
        let validate = try CLITests.kubesim(["validate", directory.path])
        #expect(validate.status == 0, "\(validate.stdout)")
        #expect(validate.stdout.contains("0 objects, 0 errors"), "\(validate.stdout)")
        let pods = try APIServerCLITests.get("pods", directory, at: "30s")
        #expect(APIServerCLITests.names(pods) == ["web-0"], "\(pods)")
        // Named on the command line, the file is an input as well.
        let both = try CLITests.kubesim([
            "validate", directory.path, directory.appendingPathComponent("web-pod.yaml").path,
        ])
        #expect(both.stdout.contains("Pod default/web"), "\(both.stdout)")
    }

    // MARK: - 6. --at beyond the end

    @Test("get, describe and explain refuse an instant after the scenario's duration")
    func atBeyondTheEnd() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: short}
            spec:
              duration: 2m
            """,
            "pod.yaml": Self.pod,
        ])
        for arguments in [["get", "pods"], ["describe", "pod", "web"], ["explain", "pod", "web"]] {
            let outcome = try CLITests.kubesim(arguments + [directory.path, "--at", "5m"])
            #expect(outcome.status == 1, "\(arguments): \(outcome.stdout)\(outcome.stderr)")
            #expect(
                outcome.stderr.contains("--at 5m is after the end of scenario \"short\": spec.duration is 120s")
                    && outcome.stderr.contains("scenario.yaml:5"), "\(outcome.stderr)")
        }
        let within = try CLITests.kubesim(["get", "pods", directory.path, "--at", "2m"])
        #expect(within.status == 0, "\(within.stderr)")
    }

    // MARK: - 7. Workload sizes

    @Test("a workload that would create more pods than memory holds is refused with an estimate")
    func hugeWorkload() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: huge}
            spec:
              duration: 20m
              workloads:
              - template: {inline: {metadata: {generateName: p-}, spec: {containers: [{name: a, image: nginx}]}}}
                arrivals: {poisson: {rate: 1000000000/s}}
                count: 100000000000
              - template: {inline: {metadata: {name: q}, spec: {containers: [{name: a, image: nginx}]}}}
                arrivals: {poisson: {rate: 100000/s}}
            """
        ])
        let (validate, run) = try Self.refused([directory.path])
        #expect(
            validate.contains(
                "scenario.yaml:7: Scenario \"huge\": spec.workloads[0]: Invalid value: \"1e+11 pods\": the workload would create about 1e+11 pods (count 100000000000)"
            ), "\(validate)")
        #expect(validate.contains("GiB of API-server state; a run holds at most 10000000 pods"), "\(validate)")
        #expect(
            validate.contains(
                "spec.workloads[1]: Invalid value: \"1.2e+08 pods\": the workload would create about 1.2e+08 pods (poisson 100000/s over 1200s)"
            ), "\(validate)")
        #expect(!run.contains("Fatal error"))
    }

    @Test("replica counts over the bound are refused too (objects and scale actions)")
    func hugeReplicas() throws {
        let directory = try Self.directory([
            "objects.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: huge}
            spec:
              replicas: 50000000
              selector: {matchLabels: {app: h}}
              template:
                metadata: {labels: {app: h}}
                spec: {containers: [{name: a, image: nginx}]}
            ---
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: rep}
            spec:
              duration: 1m
              actions:
              - {at: 10s, scale: {kind: Deployment, name: huge, replicas: 20000000}}
            """
        ])
        let (validate, _) = try Self.refused([directory.path])
        #expect(
            validate.contains(
                "objects.yaml:1: Deployment \"huge\": spec.replicas: Invalid value: 50000000: would create 50000000 pods"
            ),
            "\(validate)")
        #expect(
            validate.contains(
                "objects.yaml:17: Scenario \"rep\": spec.actions[0].scale.replicas: Invalid value: 20000000"),
            "\(validate)")
    }

    // MARK: - 8. Sweep points

    @Test("a sweep point that run would refuse fails before the first run, naming the point")
    func sweepPoints() throws {
        let directory = try Self.directory([
            "scenario.yaml": """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: sweep}
            spec:
              duration: 1m
              nodes:
              - {name: worker, count: 3}
              actions:
              - {at: 30s, cordon: {node: worker-2}}
            """
        ])
        let database = directory.appendingPathComponent("runs.sqlite").path
        let grid = try CLITests.kubesim([
            "sweep", directory.path, "--set", "spec.nodes[worker].count=3,1", "--db", database, "--quiet",
        ])
        #expect(grid.status == 1, "\(grid.stdout)\(grid.stderr)")
        #expect(
            grid.stderr.contains("point nodes[worker]=1: 1 error in the scenario; nothing was run"), "\(grid.stderr)")
        #expect(
            grid.stderr.contains(
                "scenario.yaml:9: Scenario \"sweep\": spec.actions[0].cordon.node: Not found: \"worker-2\""),
            "\(grid.stderr)")
        #expect(grid.stdout.isEmpty, "no run was made: \(grid.stdout)")
        let find = try CLITests.kubesim([
            "sweep", directory.path, "--find", "spec.nodes[worker].count=1..8", "--target", "<=5s", "--quiet",
        ])
        #expect(find.status == 1, "\(find.stdout)\(find.stderr)")
        #expect(find.stderr.contains("point nodes[worker]=1"), "\(find.stderr)")
        #expect(!find.stdout.contains("probe"), "\(find.stdout)")
    }
}
