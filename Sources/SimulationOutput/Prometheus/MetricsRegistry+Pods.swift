import ClusterComponents
import KubeModel

/// kube-state-metrics' pod series (`internal/store/pod.go`): every pod the API server holds,
/// labelled `namespace`, `pod`, `uid` first (`wrapPodFunc`).
extension MetricsRegistry {
    func addPods(_ cluster: ClusterView, to snapshot: inout some MetricsCollector) {
        let nodes = cluster.api.nodes
        for id in livePods {
            let object = cluster.api.pods[id.value]
            if podLabels[id.value].isEmpty {
                podLabels[id.value] = ExpositionText.labels([
                    "namespace": object.namespace, "pod": object.name, "uid": object.uid,
                ])
            }
            let ready = object.status.condition("Ready")?.status
            let scheduled = object.status.condition("PodScheduled")?.status
            // The pod's keys: the same block while its labels' inputs stay the same.
            if !podKeys[id.value].matches(object, hasReady: ready != nil, hasScheduled: scheduled != nil) {
                podKeys[id.value] = PodSeriesKeys(object, first: nextKey)
            }
            var keys = SeriesKeyCursor(first: podKeys[id.value].first)
            defer { nextKey = max(nextKey, keys.next) }
            let pod = podLabels[id.value]
            let nodeName = object.nodeID.map { nodes[$0.value].name } ?? ""
            // Labels are rendered in the closures, only when the collector asks for them.
            snapshot.add(.podInfo, key: keys.take(), 1) {
                let controller = object.pod.metadata.ownerReferences?.first { $0.controller == true }
                return pod + ","
                    + ExpositionText.labels([
                        "host_ip": object.status.hostIP ?? "", "pod_ip": object.status.podIP ?? "", "node": nodeName,
                        "created_by_kind": controller?.kind ?? "", "created_by_name": controller?.name ?? "",
                        "priority_class": object.pod.spec.priorityClassName ?? "",
                        "host_network": (object.pod.spec.hostNetwork ?? false) ? "true" : "false",
                    ])
            }
            // createPodOwnerFamilyGenerator: one series per owner, or one with empty labels.
            let owners = object.pod.metadata.ownerReferences ?? []
            if owners.isEmpty {
                snapshot.add(.podOwner, key: keys.take(), 1) {
                    pod + ",owner_kind=\"\",owner_name=\"\",owner_is_controller=\"\""
                }
            }
            for index in owners.indices {
                snapshot.add(.podOwner, key: keys.take(), 1) {
                    pod + ","
                        + ExpositionText.labels([
                            "owner_kind": owners[index].kind, "owner_name": owners[index].name,
                            "owner_is_controller": owners[index].controller == true ? "true" : "false",
                        ])
                }
            }
            let phase = object.status.phase
            for candidate in Self.podPhases {
                snapshot.add(.podStatusPhase, key: keys.take(), phase == candidate ? 1 : 0) {
                    pod + ",phase=\"" + candidate.rawValue + "\""
                }
            }
            if let ready { Self.addConditions(.podStatusReady, pod, ready, keys: &keys, to: &snapshot) }
            if let scheduled { Self.addConditions(.podStatusScheduled, pod, scheduled, keys: &keys, to: &snapshot) }
            addContainers(object, pod: pod, node: nodeName, keys: &keys, to: &snapshot)
        }
    }

    /// kube-state-metrics' phases, in its order (one series each).
    static let podPhases: [PodPhase] = [.pending, .succeeded, .failed, .unknown, .running]
    /// A condition's statuses, in kube-state-metrics' order (one series each).
    static let conditionStatuses: [ConditionStatus] = [.true, .false, .unknown]

    /// `addConditionMetrics`: one series per status, `true`/`false`/`unknown`, 1 for the current one.
    static func addConditions(
        _ id: MetricID, _ prefix: String, _ status: ConditionStatus, keys: inout SeriesKeyCursor,
        to snapshot: inout some MetricsCollector
    ) {
        for candidate in conditionStatuses {
            snapshot.add(id, key: keys.take(), candidate == status ? 1 : 0) {
                prefix + ",condition=\"" + candidate.rawValue.lowercased() + "\""
            }
        }
    }

    private func addContainers(
        _ object: PodObject, pod: String, node: String, keys: inout SeriesKeyCursor,
        to snapshot: inout some MetricsCollector
    ) {
        // By index: a copy of each status and spec container per sample would cost more than
        // the series.
        let statuses = object.status.containerStatuses
        for index in statuses.indices {
            let labels = { pod + ",container=\"" + ExpositionText.escapeLabelValue(statuses[index].name) + "\"" }
            snapshot.add(.containerRestarts, key: keys.take(), Double(statuses[index].restartCount), labels: labels)
            switch statuses[index].state {
            case .waiting(let reason, _):
                snapshot.add(.containerWaitingReason, key: keys.take(), 1) {
                    labels() + ",reason=\"" + ExpositionText.escapeLabelValue(reason) + "\""
                }
            case .terminated(let termination):
                snapshot.add(.containerTerminatedReason, key: keys.take(), 1) {
                    labels() + ",reason=\"" + ExpositionText.escapeLabelValue(termination.reason) + "\""
                }
            case .running: break
            }
            snapshot.add(.containerReady, key: keys.take(), statuses[index].ready ? 1 : 0, labels: labels)
            snapshot.add(
                .containerRunning, key: keys.take(), statuses[index].state.isRunning ? 1 : 0, labels: labels)
        }
        let containers = object.pod.spec.containers
        for index in containers.indices {
            let labels = {
                pod + ",container=\"" + ExpositionText.escapeLabelValue(containers[index].name) + "\",node=\""
                    + ExpositionText.escapeLabelValue(node) + "\""
            }
            for (name, quantity) in containers[index].resources.requests {
                if let sample = Self.resourceValue(name, quantity, node: false) {
                    snapshot.add(.containerRequests, key: keys.take(), sample.value) {
                        labels() + ",resource=\"" + Self.sanitizeLabelName(name) + "\",unit=\"" + sample.unit + "\""
                    }
                }
            }
            for (name, quantity) in containers[index].resources.limits {
                if let sample = Self.resourceValue(name, quantity, node: false) {
                    snapshot.add(.containerLimits, key: keys.take(), sample.value) {
                        labels() + ",resource=\"" + Self.sanitizeLabelName(name) + "\",unit=\"" + sample.unit + "\""
                    }
                }
            }
        }
    }

    /// A resource as kube-state-metrics writes it: the name with every character outside
    /// `[a-zA-Z0-9_]` replaced by `_` (`SanitizeLabelName`), its unit (`core` for CPU, `byte`
    /// for memory, storage, hugepages and attachable volumes, `integer` for pods — nodes only —
    /// and extended resources) and its value (CPU in cores, the rest in whole units rounded up,
    /// as `Quantity.Value()`); `nil` for a resource kube-state-metrics does not export.
    static func resourceSample(
        _ name: String, _ quantity: Quantity, node: Bool
    ) -> (resource: String, unit: String, value: Double)? {
        resourceValue(name, quantity, node: node).map { (sanitizeLabelName(name), $0.unit, $0.value) }
    }

    /// ``resourceSample(_:_:node:)`` without the label name, which costs a string.
    static func resourceValue(_ name: String, _ quantity: Quantity, node: Bool) -> (unit: String, value: Double)? {
        let unit: String
        var value = Double(quantity.value)
        switch name {
        case "cpu":
            unit = "core"
            value = Double(quantity.milliValue) / 1000
        case "memory", "storage", "ephemeral-storage": unit = "byte"
        case "pods":
            guard node else { return nil }
            unit = "integer"
        default:
            if name.hasPrefix("hugepages-") || name.hasPrefix("attachable-volumes-") {
                unit = "byte"
            } else if Self.isExtendedResource(name) {
                unit = "integer"
            } else {
                return nil
            }
        }
        return (unit, value)
    }

    /// `v1helper.IsExtendedResourceName`: a domain-qualified name outside `kubernetes.io/`
    /// and not starting with `requests.`.
    static func isExtendedResource(_ name: String) -> Bool {
        guard let slash = name.firstIndex(of: "/") else { return false }
        let domain = name[..<slash]
        if domain == "kubernetes.io" || domain.hasSuffix(".kubernetes.io") { return false }
        return !name.hasPrefix("requests.")
    }

    /// kube-state-metrics' `SanitizeLabelName`: `[^a-zA-Z0-9_]` → `_`.
    static func sanitizeLabelName(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
                        ? scalar : "_"
                }))
    }
}
