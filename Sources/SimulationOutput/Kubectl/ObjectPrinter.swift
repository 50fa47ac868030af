import ClusterComponents
import Foundation
import KubeModel
import SimulationCore

/// `kubectl get` of every kind but pods, nodes and events, with kube-apiserver's column sets
/// (pkg/printers/internalversion/printers.go `printDeployment`, `printReplicaSet`,
/// `printDaemonSet`, `printStatefulSet`, `printJob`, `printNamespace`, `printConfigMap`,
/// `printSecret`, `printPriorityClass`, `printPodDisruptionBudget`); any other kind prints
/// NAME and AGE, as kubectl does for a resource without printer columns.
public enum ObjectPrinter {
    /// A resource as written on the command line (`deploy`, `statefulsets`, `pdb`, or a kind's
    /// lower-case plural) resolved to its kind, if it names one of the known kinds.
    public static func kind(forResource resource: String) -> String? { resourceKinds[resource.lowercased()] }

    /// Resource names, singulars and short names of the known kinds (kubectl's RESTMapper).
    static let resourceKinds: [String: String] = [
        "deployments": "Deployment", "deployment": "Deployment", "deploy": "Deployment",
        "replicasets": "ReplicaSet", "replicaset": "ReplicaSet", "rs": "ReplicaSet",
        "daemonsets": "DaemonSet", "daemonset": "DaemonSet", "ds": "DaemonSet",
        "statefulsets": "StatefulSet", "statefulset": "StatefulSet", "sts": "StatefulSet",
        "jobs": "Job", "job": "Job",
        "namespaces": "Namespace", "namespace": "Namespace", "ns": "Namespace",
        "configmaps": "ConfigMap", "configmap": "ConfigMap", "cm": "ConfigMap",
        "secrets": "Secret", "secret": "Secret",
        "priorityclasses": "PriorityClass", "priorityclass": "PriorityClass", "pc": "PriorityClass",
        "poddisruptionbudgets": "PodDisruptionBudget", "poddisruptionbudget": "PodDisruptionBudget",
        "pdb": "PodDisruptionBudget",
        "services": "Service", "service": "Service", "svc": "Service",
    ]

    /// One printed object: its namespace (`nil` when cluster-scoped), name and cells.
    public struct Row: Sendable {
        /// `metadata.namespace`.
        public var namespace: String?
        /// `metadata.name`.
        public var name: String
        /// The cells, in the order of the header's columns.
        public var cells: [String]
    }

    /// The table of the live objects of `kind` (or of the stored kind whose plural or name is
    /// `resource`), in key order; `nil` when none exists. `namespace` filters namespaced kinds.
    public static func table(
        resource: String, in cluster: ClusterView, namespace: String?, now: SimulationTime, wide: Bool = false
    ) -> String? {
        guard
            let (header, rows) = rows(resource: resource, in: cluster, namespace: namespace, now: now, wide: wide),
            !rows.isEmpty
        else { return nil }
        var writer = TabWriter.forGet()
        writer.write(header.joined(separator: "\t") + "\n")
        for row in rows { writer.write(row.cells.joined(separator: "\t") + "\n") }
        return writer.render()
    }

    /// The column titles and the rows of the live objects of `resource`'s kind, in key order
    /// (namespace, then name); `nil` when the resource names no known or stored kind. The
    /// served API's Tables use these cells, so `kubesim get` and `kubectl get` print one text.
    /// `wide` adds the `-o wide` columns of the workload kinds (CONTAINERS, IMAGES and, but for
    /// StatefulSets, SELECTOR).
    public static func rows(
        resource: String, in cluster: ClusterView, namespace: String?, now: SimulationTime, wide: Bool = false
    ) -> (header: [String], rows: [Row])? {
        let kind = kind(forResource: resource)
        var writer = HeaderWriter()
        var rows: [(key: String, cells: [String])] = []
        var wideCells: [String: [String]] = [:]
        func workload(_ key: String, _ template: PodTemplateSpec, _ selector: LabelSelector?, withSelector: Bool = true)
        {
            guard wide else { return }
            let containers = template.spec.containers
            var cells = [
                containers.map(\.name).joined(separator: ","), containers.map { $0.image ?? "" }.joined(separator: ","),
            ]
            if withSelector { cells.append(format(selector)) }
            wideCells[key] = cells
        }
        func age(_ time: SimulationTime) -> String { KubectlTime.since(time, now: now) }
        func inNamespace(_ value: String) -> Bool { namespace == nil || namespace == value }
        let workloads = cluster.workloads
        switch kind {
        case "Deployment":
            writer.write("NAME\tREADY\tUP-TO-DATE\tAVAILABLE\tAGE\n")
            for d in workloads.deployments where !d.isDeleted && inNamespace(d.namespace) {
                workload(d.namespace + "/" + d.name, d.deployment.spec.template, d.deployment.spec.selector)
                let s = d.status
                rows.append(
                    (
                        d.namespace + "/" + d.name,
                        [
                            d.name, "\(s.readyReplicas)/\(d.deployment.spec.replicas)", "\(s.updatedReplicas)",
                            "\(s.availableReplicas)", age(d.createdAt),
                        ]
                    ))
            }
        case "ReplicaSet":
            writer.write("NAME\tDESIRED\tCURRENT\tREADY\tAGE\n")
            for r in workloads.replicaSets where !r.isDeleted && inNamespace(r.namespace) {
                workload(r.namespace + "/" + r.name, r.replicaSet.spec.template, r.replicaSet.spec.selector)
                rows.append(
                    (
                        r.namespace + "/" + r.name,
                        [
                            r.name, "\(r.replicas)", "\(r.status.replicas)", "\(r.status.readyReplicas)",
                            age(r.createdAt),
                        ]
                    ))
            }
        case "DaemonSet":
            writer.write("NAME\tDESIRED\tCURRENT\tREADY\tUP-TO-DATE\tAVAILABLE\tNODE SELECTOR\tAGE\n")
            for d in workloads.daemonSets where !d.isDeleted && inNamespace(d.namespace) {
                workload(d.namespace + "/" + d.name, d.daemonSet.spec.template, d.daemonSet.spec.selector)
                let s = d.status
                let selector = (d.daemonSet.spec.template.spec.nodeSelector ?? [:]).sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                rows.append(
                    (
                        d.namespace + "/" + d.name,
                        [
                            d.name, "\(s.desiredNumberScheduled)", "\(s.currentNumberScheduled)", "\(s.numberReady)",
                            "\(s.updatedNumberScheduled)", "\(s.numberAvailable)",
                            selector.isEmpty ? "<none>" : selector,
                            age(d.createdAt),
                        ]
                    ))
            }
        case "StatefulSet":
            writer.write("NAME\tREADY\tAGE\n")
            for s in workloads.statefulSets where !s.isDeleted && inNamespace(s.namespace) {
                workload(
                    s.namespace + "/" + s.name, s.statefulSet.spec.template, s.statefulSet.spec.selector,
                    withSelector: false)
                rows.append(
                    (
                        s.namespace + "/" + s.name,
                        [s.name, "\(s.status.readyReplicas)/\(s.statefulSet.spec.replicas)", age(s.createdAt)]
                    ))
            }
        case "Job":
            writer.write("NAME\tCOMPLETIONS\tAGE\n")
            for j in workloads.jobs where !j.isDeleted && inNamespace(j.namespace) {
                workload(
                    j.namespace + "/" + j.name, j.job.spec.template,
                    j.job.spec.selector ?? LabelSelector(matchLabels: ["batch.kubernetes.io/controller-uid": j.uid]))
                let completions = j.job.spec.completions.map(String.init) ?? "1"
                rows.append((j.namespace + "/" + j.name, [j.name, "\(j.succeeded)/\(completions)", age(j.createdAt)]))
            }
        default:
            let storedKind = kind ?? storedKind(named: resource, in: cluster)
            guard let storedKind else { return nil }
            let objects = cluster.api.objects.filter {
                $0.kind == storedKind && $0.deletedAt == nil && ($0.namespace == nil || inNamespace($0.namespace!))
            }
            writer.write(header(of: storedKind))
            for object in objects {
                let key = (object.namespace ?? "") + "/" + object.name
                rows.append((key, cells(of: object, age: age(object.createdAt))))
                if wide, case .service(let service) = object.object {
                    wideCells[key] = [formatLabels(service.spec.selector)]
                }
            }
        }
        let sorted = rows.sorted(by: { $0.key < $1.key }).map { row in
            let slash = row.key.firstIndex(of: "/")!
            let namespace = String(row.key[..<slash])
            return Row(
                namespace: namespace.isEmpty ? nil : namespace, name: row.cells[0],
                cells: row.cells + (wideCells[row.key] ?? []))
        }
        var header = writer.columns
        if wide, kind == "Service" { header.append("SELECTOR") }
        if wide, let kind, ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"].contains(kind) {
            header += kind == "StatefulSet" ? ["CONTAINERS", "IMAGES"] : ["CONTAINERS", "IMAGES", "SELECTOR"]
        }
        return (header, sorted)
    }

    /// `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, `<none>` when empty.
    public static func format(_ selector: LabelSelector?) -> String {
        guard let selector, !selector.isEmpty else { return "<none>" }
        var parts = (selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in selector.matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case "In": parts.append("\(requirement.key) in (\(values))")
            case "NotIn": parts.append("\(requirement.key) notin (\(values))")
            case "Exists": parts.append(requirement.key)
            case "DoesNotExist": parts.append("!" + requirement.key)
            default: parts.append("\(requirement.key) \(requirement.operator) (\(values))")
            }
        }
        return parts.joined(separator: ",")
    }

    /// Collects the header line written by each kind's branch as column titles.
    struct HeaderWriter {
        var columns: [String] = []
        mutating func write(_ line: String) {
            columns = line.trimmingCharacters(in: CharacterSet(charactersIn: "\n")).split(
                separator: "\t", omittingEmptySubsequences: false
            )
            .map(String.init)
        }
    }

    /// A stored kind whose name or lower-case plural is `resource` (`widgets` for `Widget`).
    public static func storedKind(named resource: String, in cluster: ClusterView) -> String? {
        let lower = resource.lowercased()
        return cluster.api.objects.first {
            $0.kind.lowercased() == lower || APIResource.plural(of: $0.kind) == lower
        }?.kind
    }

    static func header(of kind: String) -> String {
        switch kind {
        case "Namespace": "NAME\tSTATUS\tAGE\n"
        case "ConfigMap": "NAME\tDATA\tAGE\n"
        case "Secret": "NAME\tTYPE\tDATA\tAGE\n"
        case "PriorityClass": "NAME\tVALUE\tGLOBAL-DEFAULT\tAGE\tPREEMPTIONPOLICY\n"
        case "PodDisruptionBudget": "NAME\tMIN AVAILABLE\tMAX UNAVAILABLE\tAGE\n"
        case "Service": "NAME\tTYPE\tCLUSTER-IP\tEXTERNAL-IP\tPORT(S)\tAGE\n"
        default: "NAME\tAGE\n"
        }
    }

    static func text(_ value: IntOrString) -> String {
        switch value {
        case .int(let number): String(number)
        case .string(let string): string
        }
    }

    static func cells(of object: StoredObject, age: String) -> [String] {
        switch object.object {
        case .namespace: return [object.name, "Active", age]
        case .configMap(let map):
            return [object.name, "\((map.data ?? [:]).count + (map.binaryData ?? [:]).count)", age]
        case .secret(let secret): return [object.name, secret.type, "\(secret.keys.count)", age]
        case .priorityClass(let priorityClass):
            return [
                object.name, "\(priorityClass.value)", (priorityClass.globalDefault ?? false) ? "true" : "false", age,
                priorityClass.preemptionPolicy?.rawValue ?? "PreemptLowerPriority",
            ]
        case .podDisruptionBudget(let budget):
            return [
                object.name, budget.spec.minAvailable.map(text) ?? "N/A", budget.spec.maxUnavailable.map(text) ?? "N/A",
                age,
            ]
        case .service(let service): return serviceCells(service, name: object.name, age: age)
        default: return [object.name, age]
        }
    }
}
