import ClusterComponents
import KubeModel
import Testing

/// The LimitRanger admission plugin's defaulting against k/k
/// plugin/pkg/admission/limitranger/admission.go (`mergeContainerResources`,
/// `mergePodResourceRequirements`) and pkg/apis/core/v1/defaults.go `SetDefaults_LimitRangeItem`.
@Suite struct LimitRangerTests {
    func admitted(limits: String, _ spec: PodSpec, namespace: String = "default") throws -> Pod {
        let cluster = Cluster(configuration: ClusterConfiguration())
        let loaded = ManifestLoader().load(
            text: """
                apiVersion: v1
                kind: LimitRange
                metadata:
                  name: limits
                  namespace: default
                spec:
                  limits:
                \(limits)
                """, fileName: "limits.yaml")
        #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
        for object in loaded.objects { try cluster.apply(object.object) }
        let id = try cluster.createPod(
            admitting: Pod(metadata: ObjectMeta(name: "web", namespace: namespace), spec: spec))
        return cluster.api[id].pod
    }

    @Test("GKE's default request: cpu 100m on every container that sets none, and the annotation naming them")
    func defaultRequest() throws {
        var own = Container(name: "own", image: "x")
        own.resources.requests["cpu"] = "250m" as Quantity
        var spec = PodSpec(containers: [Container(name: "1st", image: "x"), own, Container(name: "2nd", image: "x")])
        spec.initContainers = [Container(name: "setup", image: "x")]
        let pod = try admitted(limits: "  - type: Container\n    defaultRequest:\n      cpu: 100m", spec)
        #expect(
            pod.spec.containers.map { $0.resources.requests["cpu"] } == [
                "100m" as Quantity, "250m" as Quantity, "100m" as Quantity,
            ])
        #expect(pod.spec.initContainers?[0].resources.requests["cpu"] == "100m" as Quantity)
        #expect(pod.spec.containers[0].resources.limits.isEmpty)
        #expect(
            pod.metadata.annotations?["kubernetes.io/limit-ranger"]
                == "LimitRanger plugin set: cpu request for container 1st; cpu request for container 2nd; "
                + "cpu request for init container setup")
        #expect(pod.status?.qosClass == .burstable)
    }

    @Test("a default limit alone is also the default request (SetDefaults_LimitRangeItem); requests then limits noted")
    func defaultLimit() throws {
        let pod = try admitted(
            limits: "  - type: Container\n    default:\n      cpu: 500m\n      memory: 256Mi",
            PodSpec(containers: [Container(name: "app", image: "x")]))
        let resources = pod.spec.containers[0].resources
        #expect(resources.limits == ["cpu": "500m" as Quantity, "memory": "256Mi" as Quantity])
        #expect(resources.requests == resources.limits)
        #expect(
            pod.metadata.annotations?["kubernetes.io/limit-ranger"]
                == "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app")
        #expect(pod.status?.qosClass == .guaranteed)
    }

    @Test("max alone is the default limit and request; Pod items and other namespaces change nothing")
    func maxAndScope() throws {
        let pod = try admitted(
            limits: "  - type: Container\n    max:\n      memory: 1Gi",
            PodSpec(containers: [Container(name: "app", image: "x")]))
        #expect(pod.spec.containers[0].resources.limits["memory"] == "1Gi" as Quantity)
        #expect(pod.spec.containers[0].resources.requests["memory"] == "1Gi" as Quantity)
        let podItem = try admitted(
            limits: "  - type: Pod\n    max:\n      memory: 1Gi",
            PodSpec(containers: [Container(name: "app", image: "x")]))
        #expect(podItem.spec.containers[0].resources.limits.isEmpty)
        #expect(podItem.metadata.annotations?["kubernetes.io/limit-ranger"] == nil)
        let elsewhere = try admitted(
            limits: "  - type: Container\n    defaultRequest:\n      cpu: 100m",
            PodSpec(containers: [Container(name: "app", image: "x")]), namespace: "kube-system")
        #expect(elsewhere.spec.containers[0].resources.requests.isEmpty)
    }
}

extension LimitRangerTests {
    @Test("a deleted LimitRange defaults nothing; a deleted ServiceAccount is looked up in vain")
    func deleted() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        let loaded = ManifestLoader().load(
            text: """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: limits, namespace: default}
                spec:
                  limits:
                  - {type: Container, defaultRequest: {cpu: 100m}}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: robot, namespace: default}
                """, fileName: "objects.yaml")
        for object in loaded.objects { try cluster.apply(object.object) }
        var spec = PodSpec(containers: [Container(name: "app", image: "x")])
        spec.serviceAccountName = "robot"
        let before = try cluster.createPod(
            admitting: Pod(metadata: ObjectMeta(name: "a", namespace: "default"), spec: spec))
        #expect(cluster.api[before].pod.spec.containers[0].resources.requests["cpu"] == "100m" as Quantity)
        try cluster.delete(kind: "LimitRange", namespace: "default", name: "limits")
        try cluster.delete(kind: "ServiceAccount", namespace: "default", name: "robot")
        #expect(throws: APIError.self) {
            try cluster.createPod(admitting: Pod(metadata: ObjectMeta(name: "b", namespace: "default"), spec: spec))
        }
        spec.serviceAccountName = nil
        let after = try cluster.createPod(
            admitting: Pod(metadata: ObjectMeta(name: "c", namespace: "default"), spec: spec))
        #expect(cluster.api[after].pod.spec.containers[0].resources.requests.isEmpty)
    }
}
