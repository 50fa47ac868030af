import Testing

@testable import KubeModel

@Suite struct ValidationTests {
    func errors(_ yaml: String, options: ManifestLoader.Options = .init()) -> [String] {
        ManifestLoader(options: options).load(text: yaml, fileName: "pods03.yaml").errors.map(\.description)
    }

    @Test func containerNamesRequiredAndUnique() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: mc1
            spec:
              initContainers:
              - name: web
                image: busybox
              containers:
              - name: web
                image: nginx
              - image: debian
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:10: Pod \"mc1\": spec.containers[0].name: Duplicate value: \"web\"",
                "pods03.yaml:12: Pod \"mc1\": spec.containers[1].name: Required value",
            ])
    }

    @Test func restartPolicyAndName() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: Web_1
            spec:
              restartPolicy: Sometimes
              containers: [{name: c, image: x}]
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:4: Pod \"Web_1\": metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "pods03.yaml:6: Pod \"Web_1\": spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
            ])
    }

    @Test func resourcesPortsVolumesProbes() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: r}
            spec:
              volumes:
              - name: data
                emptyDir: {}
              - name: data
                emptyDir: {}
              containers:
              - name: c
                image: x
                ports: [{containerPort: 70000}]
                resources:
                  requests: {cpu: 2, memory: -1Mi}
                  limits: {cpu: 1}
                volumeMounts:
                - {name: cache, mountPath: /cache}
                livenessProbe: {exec: {command: [true]}, successThreshold: 2, periodSeconds: -1}
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:8: Pod \"r\": spec.volumes[1].name: Duplicate value: \"data\"",
                "pods03.yaml:13: Pod \"r\": spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "pods03.yaml:15: Pod \"r\": spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "pods03.yaml:15: Pod \"r\": spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0",
                "pods03.yaml:18: Pod \"r\": spec.containers[0].volumeMounts[0].name: Not found: \"cache\"",
                "pods03.yaml:19: Pod \"r\": spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                "pods03.yaml:19: Pod \"r\": spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
            ])
    }

    @Test func perContainerRestartPolicy() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: s}
            spec:
              initContainers:
              - {name: sidecar, image: x, restartPolicy: Always}
              - {name: init, image: x, restartPolicy: Never}
              containers:
              - {name: main, image: x, restartPolicy: Always}
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:7: Pod \"s\": spec.initContainers[1].restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "pods03.yaml:9: Pod \"s\": spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
            ])
        var options = ManifestLoader.Options()
        options.validation.containerRestartRules = true
        let rules = yaml.replacingOccurrences(
            of: "{name: main, image: x, restartPolicy: Always}",
            with:
                "{name: main, image: x, restartPolicy: Never, restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [42]}}]}"
        )
        #expect(errors(rules, options: options) == [])
    }

    @Test func tolerationsAndTaints() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: t}
            spec:
              containers: [{name: c, image: x}]
              tolerations:
              - {key: a, operator: Sometimes}
              - {operator: Equal, value: v}
              - {key: b, operator: Exists, effect: NoSchedule, tolerationSeconds: 5}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n}
            spec:
              taints: [{key: k, effect: Never}]
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:7: Pod \"t\": spec.tolerations[0].operator: Unsupported value: \"Sometimes\": supported values: \"Equal\", \"Exists\"",
                "pods03.yaml:8: Pod \"t\": spec.tolerations[1].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "pods03.yaml:9: Pod \"t\": spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
                "pods03.yaml:15: Node \"n\": spec.taints[0].effect: Unsupported value: \"Never\": supported values: \"NoExecute\", \"NoSchedule\", \"PreferNoSchedule\"",
            ])
    }

    @Test func selectorMustMatchTemplate() {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata:
                  labels: {app: b}
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: x}]
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: j}
            spec:
              template:
                spec:
                  containers: [{name: c, image: x}]
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:8: Deployment \"d\": spec.template.metadata.labels: Invalid value: \"map[string]string{\\\"app\\\":\\\"b\\\"}\": `selector` does not match template `labels`",
                "pods03.yaml:10: Deployment \"d\": spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "pods03.yaml:19: Job \"j\": spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"Never\", \"OnFailure\"",
            ])
    }

    @Test func extendedResourcesMustNotBeOvercommitted() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: g}
            spec:
              containers:
              - name: c
                image: x
                resources:
                  requests: {nvidia.com/gpu: 2}
                  limits: {nvidia.com/gpu: 1}
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:9: Pod \"g\": spec.containers[0].resources.requests[nvidia.com/gpu]: Invalid value: \"2\": must be equal to nvidia.com/gpu limit of 1"
            ])
    }

    @Test(
        "resource names as the API server's validateResourceName and validateContainerResourceName",
        arguments: [
            ("cpu", [], []),
            ("hugepages-2Mi", [], []),
            ("pods", [], ["must be a standard resource for containers"]),
            ("nvidia.com/gpu", [], []),
            ("kubernetes.io/foo", [], []),
            ("requests.cpu", [], ["must be a standard resource for containers"]),
            (
                "cpus", ["must be a standard resource type or fully qualified"],
                ["must be a standard resource type or fully qualified", "must be a standard resource for containers"]
            ),
            ("example.com/Gpu_1", [], []),
            (
                "example.com/",
                ["name part must be non-empty", "name part " + ResourceNameValidation.qualifiedNameMessage],
                [
                    "name part must be non-empty", "name part " + ResourceNameValidation.qualifiedNameMessage,
                    "doesn't follow extended resource name standard",
                ]
            ),
        ] as [(String, [String], [String])])
    func resourceNames(name: String, general: [String], container: [String]) {
        #expect(ResourceNameValidation.resourceNameProblems(name) == general)
        #expect(ResourceNameValidation.containerResourceNameProblems(name) == container)
    }

    @Test func podOverheadNamesAreCheckedLikeContainers() {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: o}
            spec:
              overhead: {memroy: 10Mi}
              containers: [{name: c, image: x}]
            """
        #expect(
            errors(yaml) == [
                "pods03.yaml:5: Pod \"o\": spec.overhead[memroy]: Invalid value: \"memroy\": must be a standard resource type or fully qualified",
                "pods03.yaml:5: Pod \"o\": spec.overhead[memroy]: Invalid value: \"memroy\": must be a standard resource for containers",
            ])
    }
}
