import ClusterComponents
import KubeModel
import SimulationCore

/// `kubectl describe pod` (k/k staging/src/k8s.io/kubectl/pkg/describe/describe.go
/// `describePod`): the same sections, labels and alignment (one tabwriter with padding 2,
/// flushed before the Events table).
public enum PodDescriber {
    /// The description of `pod` at `now`.
    /// - Parameters:
    ///   - pod: the stored pod.
    ///   - events: raw events about it, in record order (aggregated here).
    ///   - now: the instant of the view.
    ///   - originUnixSeconds: wall-clock time of virtual zero (`ClusterConfiguration.startTimeUnixSeconds`).
    ///   - version: the cluster's version; kubectl of the same minor prints the view (see
    ///     docs/kubectl-versions.md for what differs).
    public static func describe(
        _ pod: PodObject, events: [KubeEvent], now: SimulationTime, originUnixSeconds: Int64,
        version: KubernetesVersion = .default
    ) -> String {
        var w = TabWriter.forDescribe()
        let spec = pod.pod.spec
        let status = pod.status
        func time(_ t: SimulationTime) -> String { KubectlTime.rfc1123Z(t, originUnixSeconds: originUnixSeconds) }
        w.write("Name:\t\(pod.name)\n")
        w.write("Namespace:\t\(pod.namespace)\n")
        w.write("Priority:\t\(spec.priority ?? 0)\n")
        if let name = spec.priorityClassName, !name.isEmpty { w.write("Priority Class Name:\t\(name)\n") }
        if let runtime = spec.runtimeClassName { w.write("Runtime Class Name:\t\(runtime)\n") }
        w.write("Service Account:\t\(spec.serviceAccountName ?? spec.serviceAccount ?? "default")\n")
        if let node = spec.nodeName, !node.isEmpty {
            w.write("Node:\t\(node)/\(status.hostIP ?? "")\n")
        } else {
            w.write("Node:\t<none>\n")
        }
        if let start = status.startTime { w.write("Start Time:\t\(time(start))\n") }
        writeMultiline(&w, "Labels", pod.pod.metadata.labels)
        writeAnnotations(&w, pod.pod.metadata.annotations)
        if let deletion = pod.deletionTimestamp, !status.phase.isTerminal {
            // translateTimestampUntil
            w.write("Status:\tTerminating (lasts \(KubectlTime.humanDuration(deletion - now)))\n")
            w.write(
                "Termination Grace Period:\t\(pod.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds)s\n")
        } else {
            w.write("Status:\t\(status.phase.rawValue)\n")
        }
        if let reason = status.reason, !reason.isEmpty { w.write("Reason:\t\(reason)\n") }
        if let message = status.message, !message.isEmpty { w.write("Message:\t\(message)\n") }
        w.write("IP:\t\(status.podIP ?? "")\n")
        if let ip = status.podIP {
            w.write("IPs:\n  IP:\t\(ip)\n")
        } else {
            w.write("IPs:\t<none>\n")
        }
        if let owner = pod.pod.metadata.ownerReferences?.first(where: { $0.controller ?? false }) {
            w.write("Controlled By:\t\(owner.kind)/\(owner.name)\n")
        }
        if let nominated = status.nominatedNodeName, !nominated.isEmpty {
            w.write("NominatedNodeName:\t\(nominated)\n")
        }
        if let inits = spec.initContainers, !inits.isEmpty {
            writeContainers(&w, "Init Containers", inits, status.initContainerStatuses, time, pod: pod)
        }
        writeContainers(&w, "Containers", spec.containers, status.containerStatuses, time, pod: pod)
        if let gates = spec.readinessGates, !gates.isEmpty {
            w.write("Readiness Gates:\n  Type\tStatus\n")
            for gate in gates {
                let value = status.condition(gate.conditionType)?.status.rawValue ?? "<none>"
                w.write("  \(gate.conditionType) \t\(value) \n")
            }
        }
        if !status.conditions.isEmpty {
            w.write("Conditions:\n  Type\tStatus\n")
            for condition in status.conditions { w.write("  \(condition.type) \t\(condition.status.rawValue) \n") }
        }
        writeVolumes(&w, spec.volumes ?? [], version: version)
        w.write("QoS Class:\t\(status.qosClass?.rawValue ?? pod.pod.computedQOSClass.rawValue)\n")
        writeMultiline(&w, "Node-Selectors", spec.nodeSelector)
        writeTolerations(&w, spec.tolerations ?? [])
        let eventSection = EventPrinter.describeSection(events, now: now)
        if eventSection.isEmpty {
            w.write("Events:\t<none>\n")
            return w.render()
        }
        return w.render() + eventSection
    }

    /// `describeContainerEnvFrom` and `describeContainerEnvVars` (describe.go): sources as
    /// kubectl names them (`<set to the key 'k' in secret 's'>  Optional: false`,
    /// `name (v1:metadata.name)`), multi-line values continued on their own lines.
    static func writeEnvironment(_ w: inout TabWriter, _ container: Container, pod: PodObject) {
        if let sources = container.envFrom, !sources.isEmpty {
            w.write("    Environment Variables from:\n")
            for source in sources {
                let (name, from, optional) =
                    if let map = source.configMapRef {
                        (map.name ?? "", "ConfigMap", map.optional ?? false)
                    } else if let secret = source.secretRef {
                        (secret.name ?? "", "Secret", secret.optional ?? false)
                    } else {
                        ("", "", false)
                    }
                let prefix = source.prefix.flatMap { $0.isEmpty ? nil : " with prefix '\($0)'" } ?? ""
                w.write("      \(name)\t\(from)\(prefix)\tOptional: \(optional)\n")
            }
        }
        let env = container.env ?? []
        guard !env.isEmpty else {
            w.write("    Environment:\t<none>\n")
            return
        }
        w.write("    Environment:\n")
        for variable in env {
            guard let source = variable.valueFrom else {
                for (index, line) in (variable.value ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    .enumerated()
                {
                    w.write(index == 0 ? "      \(variable.name):\t\(line)\n" : "      \t\(line)\n")
                }
                continue
            }
            if let field = source.fieldRef {
                let path = field["fieldPath"]?.scalarText ?? ""
                let version = field["apiVersion"]?.scalarText ?? "v1"
                w.write("      \(variable.name):\t\(fieldValue(path, of: pod)) (\(version):\(path))\n")
            } else if let resourceField = source.resourceFieldRef {
                let resource = resourceField["resource"]?.scalarText ?? ""
                var value = resourceValue(resource, of: container)
                if value == "0", resource == "limits.cpu" || resource == "limits.memory" { value = "node allocatable" }
                w.write("      \(variable.name):\t\(value) (\(resource))\n")
            } else if let secret = source.secretKeyRef {
                w.write(
                    "      \(variable.name):\t<set to the key '\(secret.key)' in secret '\(secret.name ?? "")'>"
                        + "\tOptional: \(secret.optional ?? false)\n")
            } else if let map = source.configMapKeyRef {
                w.write(
                    "      \(variable.name):\t<set to the key '\(map.key)' of config map '\(map.name ?? "")'>"
                        + "\tOptional: \(map.optional ?? false)\n")
            }
        }
    }

    /// `fieldpath.ExtractFieldPathAsString` for the paths the downward API allows.
    static func fieldValue(_ path: String, of pod: PodObject) -> String {
        let meta = pod.pod.metadata
        switch path {
        case "metadata.name": return pod.name
        case "metadata.namespace": return pod.namespace
        case "metadata.uid": return pod.uid
        case "spec.nodeName": return pod.pod.spec.nodeName ?? ""
        case "spec.serviceAccountName": return pod.pod.spec.serviceAccountName ?? "default"
        case "status.podIP": return pod.status.podIP ?? ""
        case "status.hostIP": return pod.status.hostIP ?? ""
        default:
            for (prefix, map) in [("metadata.labels['", meta.labels), ("metadata.annotations['", meta.annotations)]
            where path.hasPrefix(prefix) && path.hasSuffix("']") {
                return map?[String(path.dropFirst(prefix.count).dropLast(2))] ?? ""
            }
            return ""
        }
    }

    /// `resourcehelper.ExtractContainerResourceValue` with the default divisor of 1: CPU rounded
    /// up to whole cores, other resources as integers.
    static func resourceValue(_ resource: String, of container: Container) -> String {
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "" }
        let list = parts[0] == "limits" ? container.resources.limits : container.resources.requests
        guard let quantity = list[parts[1]] else { return "0" }
        let milli = quantity.milliValue
        // ceil(value / divisor) with divisor 1 (one core, one byte).
        return String((milli + 999) / 1000)
    }

    /// `printLabelsMultiline`: sorted `key=value`, `<none>` when empty.
    static func writeMultiline(_ w: inout TabWriter, _ title: String, _ values: [String: String]?) {
        w.write("\(title):\t")
        guard let values, !values.isEmpty else {
            w.write("<none>\n")
            return
        }
        for (i, key) in values.keys.sorted().enumerated() {
            if i > 0 { w.write("\t") }
            w.write("\(key)=\(values[key]!)\n")
        }
    }

    /// `printAnnotationsMultiline`: sorted `key: value` without
    /// `kubectl.kubernetes.io/last-applied-configuration` (`skipAnnotations`); a value longer
    /// than `maxAnnotationLen` (140) with its key, or of several lines, goes under the key, each
    /// line cut to 138 characters followed by `...`.
    static func writeAnnotations(_ w: inout TabWriter, _ annotations: [String: String]?) {
        w.write("Annotations:\t")
        let keys = (annotations ?? [:]).keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }
            .sorted()
        guard let annotations, !keys.isEmpty else {
            w.write("<none>\n")
            return
        }
        let maxLength = 140
        for (i, key) in keys.enumerated() {
            if i > 0 { w.write("\t") }
            var value = annotations[key]!
            if value.hasSuffix("\n") { value.removeLast() }
            // Go's len counts bytes.
            if value.utf8.count + key.utf8.count + 2 > maxLength || value.contains("\n") {
                w.write("\(key):\n")
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    w.write("\t  \(shorten(String(line), maxLength - 2))\n")
                }
            } else {
                w.write("\(key): \(value)\n")
            }
        }
    }

    /// `shorten`: the first `maxLength` bytes and `...`.
    static func shorten(_ text: String, _ maxLength: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxLength else { return text }
        return String(decoding: bytes[..<maxLength], as: UTF8.self) + "..."
    }

    /// `printPodTolerationsMultiline`: sorted by key (`sort.Slice`, which for the few
    /// tolerations a pod has is an insertion sort, so equal keys keep their order).
    static func writeTolerations(_ w: inout TabWriter, _ tolerations: [Toleration]) {
        w.write("Tolerations:\t")
        guard !tolerations.isEmpty else {
            w.write("<none>\n")
            return
        }
        let sorted = tolerations.enumerated().sorted { a, b in
            ((a.element.key ?? ""), a.offset) < ((b.element.key ?? ""), b.offset)
        }.map(\.element)
        for (i, toleration) in sorted.enumerated() {
            if i > 0 { w.write("\t") }
            var text = toleration.key ?? ""
            if let value = toleration.value, !value.isEmpty { text += "=\(value)" }
            if let effect = toleration.effect?.rawValue, !effect.isEmpty { text += ":\(effect)" }
            if toleration.operator == .exists && (toleration.value ?? "").isEmpty {
                text +=
                    (toleration.key ?? "").isEmpty && (toleration.effect?.rawValue ?? "").isEmpty
                    ? "op=Exists" : " op=Exists"
            }
            if let seconds = toleration.tolerationSeconds { text += " for \(seconds)s" }
            w.write(text + "\n")
        }
    }

    static func writeContainers(
        _ w: inout TabWriter, _ label: String, _ containers: [Container], _ statuses: [ContainerStatusRecord],
        _ time: (SimulationTime) -> String, pod: PodObject
    ) {
        w.write("\(label):\n")
        for container in containers {
            let status = statuses.first { $0.name == container.name }
            w.write("  \(container.name):\n")
            if let status {
                w.write("    Container ID:\t\(containerID(status, podUID: pod.uid))\n")
            }
            w.write("    Image:\t\(container.image ?? "")\n")
            if let status { w.write("    Image ID:\t\(imageID(status))\n") }
            let ports = (container.ports ?? []).map { "\($0.containerPort)/\($0.protocol)" }
            let hostPorts = (container.ports ?? []).map { "\($0.hostPort ?? 0)/\($0.protocol)" }
            if ports.count > 1 {
                w.write("    Ports:\t\(ports.joined(separator: ", "))\n")
                w.write("    Host Ports:\t\(hostPorts.joined(separator: ", "))\n")
            } else {
                w.write("    Port:\t\(ports.first ?? "<none>")\n")
                w.write("    Host Port:\t\(hostPorts.first ?? "<none>")\n")
            }
            if let command = container.command, !command.isEmpty {
                w.write("    Command:\n")
                for part in command {
                    for line in part.split(separator: "\n", omittingEmptySubsequences: false) {
                        w.write("      \(line)\n")
                    }
                }
            }
            if let args = container.args, !args.isEmpty {
                w.write("    Args:\n")
                for part in args {
                    for line in part.split(separator: "\n", omittingEmptySubsequences: false) {
                        w.write("      \(line)\n")
                    }
                }
            }
            if let status {
                writeState(&w, "State", status.state, time)
                if let last = status.lastTermination { writeState(&w, "Last State", .terminated(last), time) }
                w.write("    Ready:\t\(status.ready ? "True" : "False")\n")
                w.write("    Restart Count:\t\(status.restartCount)\n")
            }
            writeResources(&w, "Limits", container.resources.limits)
            writeResources(&w, "Requests", container.resources.requests)
            if let probe = container.livenessProbe { w.write("    Liveness:\t\(describe(probe))\n") }
            if let probe = container.readinessProbe { w.write("    Readiness:\t\(describe(probe))\n") }
            if let probe = container.startupProbe { w.write("    Startup:\t\(describe(probe))\n") }
            writeEnvironment(&w, container, pod: pod)
            let mounts = (container.volumeMounts ?? []).sorted { $0.mountPath < $1.mountPath }
            if mounts.isEmpty {
                w.write("    Mounts:\t<none>\n")
            } else {
                w.write("    Mounts:\n")
                for mount in mounts {
                    let mode = mount.readOnly ?? false ? "ro" : "rw"
                    let sub = mount.subPath.map { ",path=\"\($0)\"" } ?? ""
                    w.write("      \(mount.mountPath) from \(mount.name) (\(mode)\(sub))\n")
                }
            }
        }
    }

    /// `describeStatus`.
    static func writeState(
        _ w: inout TabWriter, _ name: String, _ state: ContainerStateRecord, _ time: (SimulationTime) -> String
    ) {
        switch state {
        case .running(let startedAt):
            w.write("    \(name):\tRunning\n")
            w.write("      Started:\t\(time(startedAt))\n")
        case .waiting(let reason, _):
            w.write("    \(name):\tWaiting\n")
            if !reason.isEmpty { w.write("      Reason:\t\(reason)\n") }
        case .terminated(let t):
            w.write("    \(name):\tTerminated\n")
            if !t.reason.isEmpty { w.write("      Reason:\t\(t.reason)\n") }
            if let message = t.message, !message.isEmpty { w.write("      Message:\t\(message)\n") }
            w.write("      Exit Code:\t\(t.exitCode)\n")
            w.write("      Started:\t\(time(t.startedAt))\n")
            w.write("      Finished:\t\(time(t.finishedAt))\n")
        }
    }

    /// `describeResources`: names sorted.
    static func writeResources(_ w: inout TabWriter, _ title: String, _ list: ResourceList) {
        guard !list.isEmpty else { return }
        w.write("    \(title):\n")
        for name in list.names.sorted() { w.write("      \(name):\t\(list[name]!.description)\n") }
    }

    /// `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
    static func describe(_ probe: Probe) -> String {
        let attributes =
            "delay=\(probe.initialDelaySeconds)s timeout=\(probe.timeoutSeconds)s period=\(probe.periodSeconds)s #success=\(probe.successThreshold) #failure=\(probe.failureThreshold)"
        if let exec = probe.exec { return "exec [\((exec.command ?? []).joined(separator: " "))] \(attributes)" }
        if let http = probe.httpGet {
            let scheme = (http.scheme ?? "HTTP").lowercased()
            return "http-get \(scheme)://\(http.host ?? ""):\(http.port)\(http.path ?? "") \(attributes)"
        }
        if let tcp = probe.tcpSocket { return "tcp-socket \(tcp.host ?? ""):\(tcp.port) \(attributes)" }
        if let grpc = probe.grpc { return "grpc <pod>:\(grpc.port) \(grpc.service ?? "") \(attributes)" }
        return "unknown \(attributes)"
    }

    /// `describeVolumes`.
    static func writeVolumes(_ w: inout TabWriter, _ volumes: [Volume], version: KubernetesVersion) {
        guard !volumes.isEmpty else {
            w.write("Volumes:\t<none>\n")
            return
        }
        w.write("Volumes:\n")
        for volume in volumes {
            w.write("  \(volume.name):\n")
            if let emptyDir = volume.emptyDir {
                let limit = emptyDir.sizeLimit.flatMap { $0 > .zero ? $0.description : nil } ?? "<unset>"
                w.write("    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
                w.write("    Medium:\t\(emptyDir.medium ?? "")\n")
                w.write("    SizeLimit:\t\(limit)\n")
            } else if let configMap = volume.configMap {
                w.write("    Type:\tConfigMap (a volume populated by a ConfigMap)\n")
                w.write("    Name:\t\(configMap.name ?? "")\n")
                w.write("    Optional:\t\(configMap.optional ?? false)\n")
            } else if let secret = volume.secret {
                w.write("    Type:\tSecret (a volume populated by a Secret)\n")
                w.write("    SecretName:\t\(secret.secretName ?? "")\n")
                w.write("    Optional:\t\(secret.optional ?? false)\n")
            } else if let hostPath = volume.hostPath {
                w.write("    Type:\tHostPath (bare host directory volume)\n")
                w.write("    Path:\t\(hostPath.path)\n")
                w.write("    HostPathType:\t\(hostPath.type ?? "")\n")
            } else if let claim = volume.persistentVolumeClaim {
                w.write(
                    "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n")
                w.write("    ClaimName:\t\(claim.claimName)\n")
                w.write("    ReadOnly:\t\(claim.readOnly ?? false)\n")
            } else if let projected = volume.projected {
                writeProjected(&w, projected, version: version)
            } else {
                w.write("    Type:\t<unknown>\n")
            }
        }
    }

    /// `printProjectedVolumeSource`. kubectl 1.33 (kubernetes#129457) prints a Secret's or
    /// ConfigMap's optionality as `Optional: false`; before, as the pointer's `%v`
    /// (`ConfigMapOptional: <nil>` when unset).
    static func writeProjected(_ w: inout TabWriter, _ projected: ProjectedVolumeSource, version: KubernetesVersion) {
        w.write("    Type:\tProjected (a volume that contains injected data from multiple sources)\n")
        let boolOptional = version >= KubernetesVersion(minor: 33)
        for source in projected.sources ?? [] {
            if let secret = source.secret {
                w.write("    SecretName:\t\(secret.name ?? "")\n")
                if boolOptional {
                    w.write("    Optional:\t\(secret.optional ?? false)\n")
                } else {
                    w.write("    SecretOptionalName:\t\(secret.optional.map { "\($0)" } ?? "<nil>")\n")
                }
            } else if source.downwardAPI != nil {
                w.write("    DownwardAPI:\ttrue\n")
            } else if let map = source.configMap {
                w.write("    ConfigMapName:\t\(map.name ?? "")\n")
                if boolOptional {
                    w.write("    Optional:\t\(map.optional ?? false)\n")
                } else {
                    w.write("    ConfigMapOptional:\t\(map.optional.map { "\($0)" } ?? "<nil>")\n")
                }
            } else if let token = source.serviceAccountToken {
                w.write("    TokenExpirationSeconds:\t\(token.expirationSeconds ?? 3600)\n")
            }
        }
    }

    /// A stable pseudo container id, one per container instance (containerd's are random):
    /// FNV-1a of the pod's uid, the container's name and its restart count, as 64 hex digits;
    /// empty before the container first ran.
    public static func containerID(_ status: ContainerStatusRecord, podUID: String) -> String {
        if case .waiting = status.state, status.lastTermination == nil { return "" }
        return "containerd://" + hex64("\(podUID)/\(status.name)/\(status.restartCount)")
    }

    /// The image id as containerd reports it: the normalized repository and a digest
    /// (`docker.io/library/nginx@sha256:…`); a stable pseudo digest of the repository and tag
    /// (`latest` when none), so `nginx` and `nginx:latest` share it; the reference's own
    /// digest when it has one. Empty before the image was pulled.
    public static func imageID(_ status: ContainerStatusRecord) -> String {
        if case .waiting = status.state, status.lastTermination == nil { return "" }
        let reference = ImageReference(status.image)
        let repository = normalizedRepository(reference.repository)
        if let digest = reference.digest { return "\(repository)@\(digest)" }
        return "\(repository)@sha256:" + hex64(repository + ":" + (reference.tag ?? "latest"))
    }

    /// distribution/reference `ParseNormalizedNamed` (normalize.go `splitDockerDomain`): a
    /// first component without `.` or `:` that is not `localhost` is a Docker Hub path
    /// (`docker.io/`), and a Docker Hub name of one component is an official image
    /// (`library/`).
    public static func normalizedRepository(_ name: String) -> String {
        var domain = "docker.io"
        var remainder = name
        if let slash = name.firstIndex(of: "/") {
            let first = name[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                domain = String(first)
                remainder = String(name[name.index(after: slash)...])
            }
        }
        if domain == "index.docker.io" { domain = "docker.io" }
        if domain == "docker.io", !remainder.contains("/") { remainder = "library/" + remainder }
        return domain + "/" + remainder
    }

    /// 64 hex digits: four rounds of FNV-1a over the text, each continued from the last with
    /// the round number mixed in.
    static func hex64(_ text: String) -> String {
        var hash = FNV1a()
        var result = ""
        for round in 0..<4 {
            hash.mix(text.utf8)
            hash = FNV1a(basis: hash.value ^ UInt64(round))
            result += hash.hex
        }
        return result
    }
}
