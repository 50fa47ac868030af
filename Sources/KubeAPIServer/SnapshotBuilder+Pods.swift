import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput

extension SnapshotBuilder {
    // MARK: - Pods

    mutating func addPods() throws {
        let pods = view.api.pods.filter { !$0.isRemoved }.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        for pod in pods {
            let status = pod.status
            var fields = [
                "status.phase": status.phase.rawValue, "spec.nodeName": pod.pod.spec.nodeName ?? "",
                "status.podIP": status.podIP ?? "", "status.nominatedNodeName": status.nominatedNodeName ?? "",
                "spec.schedulerName": pod.pod.spec.schedulerName,
                "spec.serviceAccountName": pod.pod.spec.serviceAccountName ?? "default",
            ]
            fields["spec.restartPolicy"] = pod.pod.spec.restartPolicy.rawValue
            let meta = try metadata(
                pod.pod.metadata, name: pod.name, namespace: pod.namespace, uid: pod.uid, created: pod.createdAt,
                deletion: pod.deletionTimestamp, deletionGrace: pod.deletionGracePeriodSeconds)
            var spec = pod.pod.spec
            if spec.serviceAccountName == nil {
                // The ServiceAccount admission plugin's default.
                spec.serviceAccountName = spec.serviceAccount ?? "default"
                spec.serviceAccount = spec.serviceAccountName
            }
            // The spec is kept as encoded text: decoding it back costs more than the rest.
            let json: JSON = .object([
                ("kind", .string("Pod")), ("apiVersion", .string("v1")), ("metadata", meta),
                ("spec", try .encoded(spec)), ("status", podStatus(pod)),
            ])
            append(
                ServedObject(
                    namespace: pod.namespace, name: pod.name, labels: pod.pod.metadata.labels ?? [:], fields: fields,
                    object: json, cells: PodPrinter.row(pod, now: now, wide: true)),
                to: "pods")
        }
    }

    func podStatus(_ pod: PodObject) -> JSON {
        let status = pod.status
        let conditions: [JSON] = status.conditions.map { condition in
            .members([
                ("type", .string(condition.type)), ("status", .string(condition.status.rawValue)),
                ("lastProbeTime", .null), ("lastTransitionTime", time(condition.lastTransitionTime)),
                ("reason", condition.reason.map(JSON.string)), ("message", condition.message.map(JSON.string)),
            ])
        }
        let qos = status.qosClass?.rawValue ?? pod.pod.computedQOSClass.rawValue
        return .members([
            ("phase", .string(status.phase.rawValue)),
            ("conditions", conditions.isEmpty ? nil : .array(conditions)),
            ("message", status.message.map(JSON.string)),
            ("reason", status.reason.map(JSON.string)),
            ("nominatedNodeName", status.nominatedNodeName.map(JSON.string)),
            ("hostIP", status.hostIP.map(JSON.string)),
            ("hostIPs", status.hostIP.map { .array([.object([("ip", .string($0))])]) }),
            ("podIP", status.podIP.map(JSON.string)),
            ("podIPs", status.podIP.map { .array([.object([("ip", .string($0))])]) }),
            ("startTime", status.startTime.map { time($0) }),
            (
                "initContainerStatuses",
                status.initContainerStatuses.isEmpty
                    ? nil : .array(status.initContainerStatuses.map { containerStatus($0, podUID: pod.uid) })
            ),
            (
                "containerStatuses",
                status.containerStatuses.isEmpty
                    ? nil : .array(status.containerStatuses.map { containerStatus($0, podUID: pod.uid) })
            ),
            ("qosClass", .string(qos)),
        ])
    }

    func containerStatus(_ status: ContainerStatusRecord, podUID: String) -> JSON {
        let containerID = PodDescriber.containerID(status, podUID: podUID)
        func state(_ state: ContainerStateRecord) -> JSON {
            switch state {
            case .waiting(let reason, let message):
                return .object([
                    ("waiting", .members([("reason", .string(reason)), ("message", message.map(JSON.string))]))
                ])
            case .running(let startedAt):
                return .object([("running", .object([("startedAt", time(startedAt))]))])
            case .terminated(let t):
                return .object([("terminated", terminated(t, containerID: containerID))])
            }
        }
        return .members([
            ("name", .string(status.name)),
            ("state", state(status.state)),
            (
                "lastState",
                status.lastTermination.map { .object([("terminated", terminated($0, containerID: ""))]) }
                    ?? .object([])
            ),
            ("ready", .bool(status.ready)),
            ("restartCount", .int(Int64(status.restartCount))),
            ("image", .string(status.image)),
            ("imageID", .string(PodDescriber.imageID(status))),
            ("containerID", containerID.isEmpty ? nil : .string(containerID)),
            ("started", .bool(status.started)),
        ])
    }

    func terminated(_ t: ContainerTermination, containerID: String) -> JSON {
        .members([
            ("exitCode", .int(Int64(t.exitCode))),
            ("reason", t.reason.isEmpty ? nil : .string(t.reason)),
            ("message", t.message.map(JSON.string)),
            ("startedAt", time(t.startedAt)),
            ("finishedAt", time(t.finishedAt)),
            ("containerID", containerID.isEmpty ? nil : .string(containerID)),
        ])
    }

    // MARK: - Nodes

    mutating func addNodes() throws {
        for node in view.api.nodes.filter({ !$0.isRemoved }).sorted(by: { $0.name < $1.name }) {
            let uid = node.node.metadata.uid ?? Self.uid(for: "node/" + node.name)
            let meta = try metadata(
                node.node.metadata, name: node.name, namespace: nil, uid: uid, created: node.createdAt)
            let json = try object(node.node, kind: "Node", apiVersion: "v1", metadata: meta, status: nodeStatus(node))
            append(
                ServedObject(
                    namespace: nil, name: node.name, labels: node.node.metadata.labels ?? [:],
                    fields: ["spec.unschedulable": (node.node.spec.unschedulable ?? false) ? "true" : "false"],
                    object: json,
                    cells: NodePrinter.row(node, now: now, version: gitVersion) + NodePrinter.wideCells(node)),
                to: "nodes")
        }
    }

    func nodeStatus(_ node: NodeObject) -> JSON {
        let created = time(node.createdAt)
        let heartbeat = node.isHeartbeating ? time(now) : created
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSON {
            .object([
                ("type", .string(type)), ("status", .string(status)), ("lastHeartbeatTime", heartbeat),
                ("lastTransitionTime", created), ("reason", .string(reason)), ("message", .string(message)),
            ])
        }
        let unknown = node.ready == .unknown
        func pressure(_ type: String, _ fine: String, _ message: String) -> JSON {
            unknown
                ? condition(type, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
                : condition(type, "False", fine, message)
        }
        let ready: JSON =
            switch node.ready {
            case .true: condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")
            case .false: condition("Ready", "False", "KubeletNotReady", "container runtime is down")
            case .unknown: condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
            }
        let id = String(Self.uid(for: "machine/" + node.name).filter { $0 != "-" })
        let encoded = (try? JSON(encoding: node.node.status)) ?? .object([])
        return .members([
            ("capacity", encoded["capacity"] ?? .object([])),
            ("allocatable", encoded["allocatable"] ?? .object([])),
            (
                "conditions",
                .array([
                    pressure("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    pressure("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    pressure("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    ready,
                ])
            ),
            (
                "addresses",
                .array([
                    .object([("type", .string("InternalIP")), ("address", .string(node.id.internalIP))]),
                    .object([("type", .string("Hostname")), ("address", .string(node.name))]),
                ])
            ),
            ("daemonEndpoints", .object([("kubeletEndpoint", .object([("Port", .int(10250))]))])),
            (
                "nodeInfo",
                .object([
                    ("machineID", .string(id)), ("systemUUID", .string(Self.uid(for: "system/" + node.name))),
                    ("bootID", .string(Self.uid(for: "boot/" + node.name))),
                    ("kernelVersion", .string(NodePrinter.kernelVersion)), ("osImage", .string(NodePrinter.osImage)),
                    ("containerRuntimeVersion", .string(NodePrinter.containerRuntimeVersion)),
                    ("kubeletVersion", .string(gitVersion)), ("kubeProxyVersion", .string(gitVersion)),
                    ("operatingSystem", .string("linux")), ("architecture", .string("amd64")),
                ])
            ),
            ("images", encoded["images"]),
        ])
    }

    // MARK: - Leases (node heartbeats)

    mutating func addLeases() {
        for node in view.api.nodes.filter({ !$0.isRemoved }).sorted(by: { $0.name < $1.name }) {
            let renew = node.isHeartbeating ? now : node.createdAt
            let meta: JSON = .object([
                ("name", .string(node.name)), ("namespace", .string("kube-node-lease")),
                ("uid", .string(Self.uid(for: "lease/" + node.name))), ("resourceVersion", .string(resourceVersion)),
                ("creationTimestamp", time(node.createdAt)),
            ])
            let json: JSON = .object([
                ("kind", .string("Lease")), ("apiVersion", .string("coordination.k8s.io/v1")), ("metadata", meta),
                (
                    "spec",
                    .object([
                        ("holderIdentity", .string(node.name)), ("leaseDurationSeconds", .int(40)),
                        ("renewTime", .string(clock.microTimestamp(renew))),
                    ])
                ),
            ])
            append(
                ServedObject(
                    namespace: "kube-node-lease", name: node.name, labels: [:], fields: [:], object: json,
                    cells: [node.name, node.name, KubectlTime.since(node.createdAt, now: now)]),
                to: "leases", group: "coordination.k8s.io")
        }
    }
}
