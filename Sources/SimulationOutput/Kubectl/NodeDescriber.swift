import ClusterComponents
import KubeModel
import SimulationCore

/// `kubectl describe node` (k/k staging/src/k8s.io/kubectl/pkg/describe/describe.go
/// `describeNode`): capacity, allocatable (what the kubelet reports after its reservations),
/// the pods that run there and the resources they request against allocatable.
public enum NodeDescriber {
    /// The description of `node` at `now`.
    /// - Parameters:
    ///   - node: the stored node.
    ///   - pods: every stored pod (those bound to the node and not finished are listed).
    ///   - events: raw events about the node, in record order.
    ///   - now: the instant of the view.
    ///   - originUnixSeconds: wall-clock time of virtual zero.
    public static func describe(
        _ node: NodeObject, pods: [PodObject], events: [KubeEvent], now: SimulationTime, originUnixSeconds: Int64
    ) -> String {
        var w = TabWriter.forDescribe()
        let labels = node.node.metadata.labels ?? [:]
        func time(_ t: SimulationTime) -> String { KubectlTime.rfc1123Z(t, originUnixSeconds: originUnixSeconds) }
        w.write("Name:\t\(node.name)\n")
        let roles = NodePrinter.row(node, now: now, version: "")[2]
        w.write("Roles:\t\(roles)\n")
        PodDescriber.writeMultiline(&w, "Labels", labels)
        PodDescriber.writeMultiline(&w, "Annotations", node.node.metadata.annotations)
        w.write("CreationTimestamp:\t\(time(node.createdAt))\n")
        let taints = node.node.spec.taints ?? []
        if taints.isEmpty {
            w.write("Taints:\t<none>\n")
        } else {
            for (index, taint) in taints.enumerated() {
                w.write(index == 0 ? "Taints:\t" : "\t")
                w.write("\(taint.key)\(taint.value.map { "=" + $0 } ?? ""):\(taint.effect.rawValue)\n")
            }
        }
        w.write("Unschedulable:\t\(node.node.spec.unschedulable ?? false)\n")
        w.write("Conditions:\n  Type\tStatus\tReason\tMessage\n  ----\t------\t------\t-------\n")
        let ready: (String, String, String) =
            switch node.ready {
            case .true: ("True", "KubeletReady", "kubelet is posting ready status")
            case .false: ("False", "KubeletNotReady", "container runtime is down")
            case .unknown: ("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.")
            }
        w.write("  Ready\t\(ready.0)\t\(ready.1)\t\(ready.2)\n")
        w.write("Addresses:\n  InternalIP:\t\(node.id.internalIP)\n  Hostname:\t\(node.name)\n")
        writeResources(&w, "Capacity", node.node.status.capacity)
        writeResources(&w, "Allocatable", node.node.status.allocatable)
        let running = pods.filter {
            $0.nodeID == node.id && !$0.isRemoved && !$0.isTerminal
        }.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        writePods(&w, running, allocatable: node.node.status.allocatable, now: now)
        let message = "(Total limits may be over 100 percent, i.e., overcommitted.)"
        w.write("Allocated resources:\n  \(message)\n  Resource\tRequests\tLimits\n  --------\t--------\t------\n")
        var requests = ResourceList()
        var limits = ResourceList()
        for pod in running {
            let (podRequests, podLimits) = requestsAndLimits(pod.pod.spec)
            add(podRequests, to: &requests)
            add(podLimits, to: &limits)
        }
        var names = ["cpu", "memory", "ephemeral-storage"]
        names += Set(requests.names + limits.names).subtracting(names).sorted()
        for name in names {
            let allocatable = node.node.status.allocatable[name]
            w.write(
                "  \(name)\t\(amount(requests[name], of: allocatable))\t\(amount(limits[name], of: allocatable))\n")
        }
        let eventSection = EventPrinter.describeSection(events, now: now)
        if eventSection.isEmpty {
            w.write("Events:\t<none>\n")
            return w.render()
        }
        return w.render() + eventSection
    }

    static func writeResources(_ w: inout TabWriter, _ title: String, _ list: ResourceList) {
        w.write("\(title):\n")
        for (name, quantity) in list.entries { w.write("  \(name):\t\(quantity.canonical)\n") }
    }

    /// `describeNodeResource`: each non-terminated pod's requests and limits with their share of
    /// allocatable.
    static func writePods(_ w: inout TabWriter, _ pods: [PodObject], allocatable: ResourceList, now: SimulationTime) {
        w.write("Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write("  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write("  ---------\t----\t------------\t----------\t---------------\t-------------\t---\n")
        for pod in pods {
            let (requests, limits) = requestsAndLimits(pod.pod.spec)
            w.write(
                "  \(pod.namespace)\t\(pod.name)\t\(amount(requests["cpu"], of: allocatable["cpu"]))\t"
                    + "\(amount(limits["cpu"], of: allocatable["cpu"]))\t"
                    + "\(amount(requests["memory"], of: allocatable["memory"]))\t"
                    + "\(amount(limits["memory"], of: allocatable["memory"]))\t"
                    + "\(KubectlTime.since(pod.createdAt, now: now))\n")
        }
    }

    /// `100m (2%)`: a quantity and its whole-percent share of `total` (0 when there is none).
    static func amount(_ value: Quantity?, of total: Quantity?) -> String {
        let value = value ?? Quantity(0)
        guard let total, total.milliValue > 0 else { return "\(value.canonical) (0%)" }
        let percent = Int64(Double(value.milliValue) / Double(total.milliValue) * 100)
        return "\(value.canonical) (\(percent)%)"
    }

    /// `resourcehelper.PodRequestsAndLimits`: the sum over containers, at least each init
    /// container's, plus the pod overhead.
    static func requestsAndLimits(_ spec: PodSpec) -> (ResourceList, ResourceList) {
        var requests = ResourceList()
        var limits = ResourceList()
        for container in spec.containers {
            add(container.resources.requests, to: &requests)
            add(container.resources.limits, to: &limits)
        }
        for container in spec.initContainers ?? [] {
            for (name, quantity) in container.resources.requests.entries
            where quantity.milliValue > (requests[name]?.milliValue ?? 0) {
                requests[name] = quantity
            }
            for (name, quantity) in container.resources.limits.entries
            where quantity.milliValue > (limits[name]?.milliValue ?? 0) {
                limits[name] = quantity
            }
        }
        if let overhead = spec.overhead {
            add(overhead, to: &requests)
            if !limits.names.isEmpty { add(overhead, to: &limits) }
        }
        return (requests, limits)
    }

    static func add(_ list: ResourceList, to total: inout ResourceList) {
        for (name, quantity) in list.entries {
            let sum = (total[name]?.milliValue ?? 0) + quantity.milliValue
            total[name] = Quantity(milliValue: sum, format: quantity.format)
        }
    }
}
