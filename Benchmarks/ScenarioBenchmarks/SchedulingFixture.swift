import ClusterComponents
import KubeModel
import SimulationCore

/// The cluster of the scheduling benchmarks (the only measurement of scheduling throughput;
/// speed is never a timed unit test): `nodes` nodes
/// (32 CPU / 128 Gi / 110 pods, hostname and zone labels over three zones) and `pods` plain
/// owner-less pods (100m / 200Mi) created and waiting in the scheduling queue, default profile,
/// Kubernetes 1.35.
enum SchedulingFixture {
    /// A cluster with the nodes added and the pods created; nothing has run yet.
    /// - Parameter schedulerOnly: defers binding by an hour of virtual time, so a one-second run
    ///   contains only scheduling cycles (as scheduler_perf, which runs no kubelets).
    static func cluster(nodes: Int, pods: Int, schedulerOnly: Bool) -> Cluster {
        var configuration = ClusterConfiguration()
        configuration.kubernetesVersion = KubernetesVersion(minor: 35)
        if schedulerOnly { configuration.bindLatency = .seconds(3600) }
        let cluster = Cluster(configuration: configuration)
        for index in 0..<nodes {
            let name = "node-\(index)"
            cluster.addNode(
                Node(
                    metadata: ObjectMeta(
                        name: name,
                        labels: ["kubernetes.io/hostname": name, "topology.kubernetes.io/zone": "zone-\(index % 3)"]),
                    status: NodeStatus(capacity: ["cpu": "32", "memory": "128Gi", "pods": "110"])),
                pool: "bench")
        }
        let container = Container(
            name: "app", image: "registry.example/app:1.0",
            resources: ResourceRequirements(requests: ["cpu": "100m", "memory": "200Mi"]))
        for index in 0..<pods {
            cluster.createPod(
                Pod(
                    metadata: ObjectMeta(name: "p-\(index)", namespace: "default"),
                    spec: PodSpec(containers: [container])))
        }
        return cluster
    }
}
