import Testing

@testable import KubeModel

@Suite struct DefaultingTests {
    func loadPod(_ yaml: String, extra: String = "") throws -> Pod {
        let result = ManifestLoader().load(text: extra + yaml, fileName: "p.yaml")
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let pods = result.objects.compactMap { if case .pod(let p) = $0.object { p } else { nil } }
        return try #require(pods.first)
    }

    @Test func staticDefaultsFromDefaultsGo() throws {
        let pod = try loadPod(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: a
                image: nginx
                ports: [{containerPort: 80}]
                livenessProbe: {httpGet: {port: 80}}
              - name: b
                image: nginx:1.27
            """)
        #expect(pod.metadata.namespace == "default")
        #expect(pod.spec.restartPolicy == .always)
        #expect(pod.spec.terminationGracePeriodSeconds == 30)
        #expect(pod.spec.schedulerName == "default-scheduler")
        #expect(pod.spec.containers.map(\.imagePullPolicy) == [.always, .ifNotPresent])
        #expect(pod.spec.containers[0].ports?.first?.protocol == .tcp)
        let probe = try #require(pod.spec.containers[0].livenessProbe)
        #expect(
            [
                probe.timeoutSeconds, probe.periodSeconds, probe.successThreshold, probe.failureThreshold,
                probe.initialDelaySeconds,
            ] == [1, 10, 1, 3, 0])
        #expect(pod.spec.priority == 0)
        #expect(pod.spec.preemptionPolicy == .preemptLowerPriority)
        #expect(pod.spec.tolerations == Pod.defaultTolerations)
        #expect(pod.status?.qosClass == .bestEffort)
    }

    @Test func existingTolerationSuppressesDefault() throws {
        let pod = try loadPod(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: a, image: x}]
              tolerations:
              - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
            """)
        #expect(pod.spec.tolerations?.count == 2)
        #expect(pod.spec.tolerations?.first?.tolerationSeconds == 10)
        #expect(pod.spec.tolerations?.last?.key == Taint.notReadyKey)
    }

    @Test func priorityFromClasses() throws {
        let classes = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: high}
            value: 1000
            preemptionPolicy: Never
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: fallback}
            value: 7
            globalDefault: true
            ---

            """
        let named = try loadPod(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {priorityClassName: high, containers: [{name: a, image: x}]}\n",
            extra: classes)
        #expect(named.spec.priority == 1000)
        #expect(named.spec.preemptionPolicy == .never)
        let fallback = try loadPod(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: a, image: x}]}\n",
            extra: classes)
        #expect(fallback.spec.priority == 7)
        #expect(fallback.spec.priorityClassName == "fallback")
        let system = try loadPod(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec: {priorityClassName: system-node-critical, containers: [{name: a, image: x}]}\n"
        )
        #expect(system.spec.priority == 2_000_001_000)

        let missing = ManifestLoader().load(
            text:
                "apiVersion: v1\nkind: Pod\nmetadata: {name: d}\nspec: {priorityClassName: nope, containers: [{name: a, image: x}]}\n",
            fileName: "m.yaml")
        #expect(missing.objects.isEmpty)
        #expect(missing.errors.first?.message.contains("no PriorityClass with name nope was found") == true)
    }

    @Test(
        "QoS classes",
        arguments: [
            ("{limits: {cpu: 1, memory: 1Gi}}", "{limits: {cpu: 1, memory: 1Gi}}", PodQOSClass.guaranteed),
            (
                "{requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}", "{limits: {cpu: 2, memory: 1Gi}}",
                .guaranteed
            ),
            (
                "{requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}",
                "{limits: {cpu: 1, memory: 1Gi}}", .burstable
            ),
            ("{limits: {cpu: 1}}", "{limits: {cpu: 1, memory: 1Gi}}", .burstable),
            ("{}", "{}", .bestEffort),
            ("{requests: {nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}", "{}", .bestEffort),
            ("{requests: {cpu: 10m}}", "{}", .burstable),
        ])
    func qos(first: String, second: String, expected: PodQOSClass) throws {
        let pod = try loadPod(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: q}
            spec:
              containers:
              - {name: a, image: x, resources: \(first)}
              - {name: b, image: x, resources: \(second)}
            """)
        #expect(pod.status?.qosClass == expected)
    }

    @Test func requestsDefaultToLimits() throws {
        let pod = try loadPod(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec: {containers: [{name: a, image: x, resources: {limits: {cpu: 2, memory: 1Gi}}}]}\n"
        )
        #expect(pod.spec.containers[0].resources.requests["cpu"] == Quantity(2))
        #expect(pod.spec.containers[0].resources.requests["memory"] == Quantity(1 << 30))
    }

    @Test func workloadDefaults() throws {
        let result = ManifestLoader().load(
            text: """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec: {containers: [{name: c, image: "x:1"}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: "x:1"}]
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: queue}
                spec:
                  parallelism: 4
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: c, image: "x:1"}]
                """, fileName: "w.yaml")
        #expect(!result.hasErrors, "\(result.diagnostics)")
        guard case .deployment(let d) = result.objects[0].object, case .job(let j) = result.objects[1].object,
            case .job(let q) = result.objects[2].object
        else {
            Issue.record("kinds")
            return
        }
        #expect(d.spec.replicas == 1)
        #expect(d.spec.strategy.type == "RollingUpdate")
        #expect(d.spec.strategy.rollingUpdate == RollingUpdateDeployment(maxUnavailable: "25%", maxSurge: "25%"))
        #expect(d.spec.revisionHistoryLimit == 10)
        #expect(d.spec.progressDeadlineSeconds == 600)
        #expect(d.spec.template.spec.terminationGracePeriodSeconds == 30)
        #expect(d.metadata.namespace == "default")
        #expect(j.spec.completions == 1 && j.spec.parallelism == 1 && j.spec.backoffLimit == 6)
        #expect(q.spec.completions == nil && q.spec.parallelism == 4)
    }

    @Test func schedulerConfigurationIsTyped() throws {
        // The args types come from the scheduler's registry in the product; here, by hand.
        var options = ManifestLoader.Options()
        options.schedulerPluginArgs = PluginArgsTypes([
            "NodeResourcesFit": NodeResourcesFitArgs.self, "InterPodAffinity": InterPodAffinityArgs.self,
        ])
        let result = ManifestLoader(options: options).load(
            text: """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                percentageOfNodesToScore: 50
                profiles:
                - schedulerName: default-scheduler
                  plugins:
                    score:
                      enabled: [{name: NodeResourcesFit, weight: 2}]
                      disabled: [{name: ImageLocality}]
                  pluginConfig:
                  - name: NodeResourcesFit
                    args:
                      scoringStrategy:
                        type: RequestedToCapacityRatio
                        resources: [{name: cpu, weight: 1}, {name: nvidia.com/gpu, weight: 3}]
                        requestedToCapacityRatio:
                          shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]
                  - name: InterPodAffinity
                    args: {hardPodAffinityWeight: 5}
                  - name: VolumeBinding
                    args: {bindTimeoutSeconds: 600}
                """, fileName: "s.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        guard case .schedulerConfiguration(let config) = result.objects.first?.object else {
            Issue.record("kind")
            return
        }
        #expect(config.podInitialBackoffSeconds == 1 && config.podMaxBackoffSeconds == 10)
        #expect(config.percentageOfNodesToScore == 50)
        let profile = config.profiles[0]
        #expect(profile.plugins?.score?.enabled == [Plugin(name: "NodeResourcesFit", weight: 2)])
        let fit = try #require(profile.args(for: "NodeResourcesFit", as: NodeResourcesFitArgs.self))
        #expect(fit.scoringStrategy?.type == "RequestedToCapacityRatio")
        #expect(
            fit.scoringStrategy?.requestedToCapacityRatio?.shape?.last
                == UtilizationShapePoint(utilization: 100, score: 10))
        #expect(
            profile.args(for: "InterPodAffinity") == PluginArgs(InterPodAffinityArgs(hardPodAffinityWeight: 5)))
        #expect(
            profile.args(for: "VolumeBinding")
                == PluginArgs(JSONValue.mapping([.init(key: "bindTimeoutSeconds", value: .scalar("600"))])))
    }
}
