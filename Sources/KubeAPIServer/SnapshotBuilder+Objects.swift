import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput

extension SnapshotBuilder {
    // MARK: - Stored kinds

    /// Namespaces (the four built-in ones too), ConfigMaps, Secrets, PriorityClasses and
    /// PodDisruptionBudgets; cells from `ObjectPrinter`.
    mutating func addStoredObjects() throws {
        let kinds: [(resource: String, kind: String, group: String)] = [
            ("namespaces", "Namespace", ""), ("configmaps", "ConfigMap", ""), ("secrets", "Secret", ""),
            ("services", "Service", ""),
            ("priorityclasses", "PriorityClass", "scheduling.k8s.io"),
            ("poddisruptionbudgets", "PodDisruptionBudget", "policy"),
        ]
        for (resource, kind, group) in kinds {
            let printed =
                ObjectPrinter.rows(resource: resource, in: view, namespace: nil, now: now, wide: true)?.rows ?? []
            var rows: [(namespace: String?, name: String, cells: [String], json: JSON, labels: [String: String])] = []
            for row in printed {
                guard let stored = view.api.object(kind: kind, namespace: row.namespace, name: row.name) else {
                    continue
                }
                let meta = try metadata(
                    stored.object.metadata, name: stored.name, namespace: stored.namespace, uid: stored.uid,
                    resourceVersion: String(stored.resourceVersion), created: stored.createdAt)
                let apiVersion = group.isEmpty ? "v1" : group + "/v1"
                let json: JSON
                switch stored.object {
                case .namespace(let namespace):
                    json = try object(
                        namespace, kind: kind, apiVersion: apiVersion, metadata: meta,
                        status: .object([("phase", .string("Active"))]))
                case .configMap(let map): json = try object(map, kind: kind, apiVersion: apiVersion, metadata: meta)
                case .secret(let secret): json = try object(secret, kind: kind, apiVersion: apiVersion, metadata: meta)
                case .priorityClass(let priorityClass):
                    json = try object(priorityClass, kind: kind, apiVersion: apiVersion, metadata: meta)
                case .service(let service):
                    json = try object(
                        service, kind: kind, apiVersion: apiVersion, metadata: meta,
                        status: .object([("loadBalancer", .object([]))]))
                case .podDisruptionBudget(let budget):
                    json = try object(
                        budget, kind: kind, apiVersion: apiVersion, metadata: meta, status: budgetStatus(budget))
                default: continue
                }
                rows.append((row.namespace, row.name, row.cells, json, stored.object.metadata?.labels ?? [:]))
            }
            if resource == "namespaces" {
                for builtin in ["default", "kube-node-lease", "kube-public", "kube-system"]
                where !rows.contains(where: { $0.name == builtin }) {
                    let meta = try metadata(
                        ObjectMeta(labels: ["kubernetes.io/metadata.name": builtin]), name: builtin, namespace: nil,
                        uid: "", created: .zero)
                    let json: JSON = .object([
                        ("kind", .string("Namespace")), ("apiVersion", .string("v1")), ("metadata", meta),
                        ("spec", .object([("finalizers", .array([.string("kubernetes")]))])),
                        ("status", .object([("phase", .string("Active"))])),
                    ])
                    rows.append(
                        (
                            nil, builtin, [builtin, "Active", KubectlTime.since(.zero, now: now)], json,
                            ["kubernetes.io/metadata.name": builtin]
                        ))
                }
                rows.sort { $0.name < $1.name }
            }
            for row in rows {
                var fields: [String: String] = [:]
                if resource == "namespaces" { fields["status.phase"] = "Active" }
                if case .string(let type)? = row.json["type"] { fields["type"] = type }
                append(
                    ServedObject(
                        namespace: row.namespace, name: row.name, labels: row.labels, fields: fields, object: row.json,
                        cells: row.cells),
                    to: resource, group: group)
            }
        }
    }

    func budgetStatus(_ budget: PodDisruptionBudget) -> JSON {
        // The disruption controller's counts: healthy pods among those the selector matches.
        let selector = budget.spec.selector
        let namespace = budget.metadata.namespace ?? "default"
        let pods = view.api.pods.filter {
            !$0.isRemoved && !$0.isTerminal && $0.namespace == namespace
                && (selector?.matches($0.pod.metadata.labels ?? [:]) ?? false)
        }
        let healthy = pods.filter { $0.status.condition("Ready")?.status == .true }.count
        var desired = 0
        if let minAvailable = budget.spec.minAvailable {
            desired = Self.scaled(minAvailable, of: pods.count, roundUp: true)
        } else if let maxUnavailable = budget.spec.maxUnavailable {
            desired = max(0, pods.count - Self.scaled(maxUnavailable, of: pods.count, roundUp: true))
        }
        return .object([
            ("observedGeneration", .int(1)), ("disruptionsAllowed", .int(Int64(max(0, healthy - desired)))),
            ("currentHealthy", .int(Int64(healthy))), ("desiredHealthy", .int(Int64(desired))),
            ("expectedPods", .int(Int64(pods.count))),
        ])
    }

    static func scaled(_ value: IntOrString, of total: Int, roundUp: Bool) -> Int {
        switch value {
        case .int(let number): return number
        case .string(let text):
            let percent = Int(text.dropLast()) ?? 0
            let product = percent * total
            return roundUp ? (product + 99) / 100 : product / 100
        }
    }

    // MARK: - Workloads

    mutating func addWorkloads() throws {
        let workloads = view.workloads
        func cells(_ resource: String) -> [String: [String]] {
            var result: [String: [String]] = [:]
            for row in ObjectPrinter.rows(resource: resource, in: view, namespace: nil, now: now, wide: true)?.rows
                ?? []
            {
                result[(row.namespace ?? "") + "/" + row.name] = row.cells
            }
            return result
        }
        let deploymentCells = cells("deployments")
        for d in workloads.deployments where !d.isDeleted {
            let s = d.status
            let status: JSON = .object([
                ("observedGeneration", .int(Int64(d.deployment.metadata.generation ?? 1))),
                ("replicas", .int(Int64(s.replicas))), ("updatedReplicas", .int(Int64(s.updatedReplicas))),
                ("readyReplicas", .int(Int64(s.readyReplicas))),
                ("availableReplicas", .int(Int64(s.availableReplicas))),
                ("unavailableReplicas", .int(Int64(s.unavailableReplicas))),
                (
                    "conditions",
                    .array(
                        s.conditions.map {
                            .object([
                                ("type", .string($0.type)), ("status", .string($0.status.rawValue)),
                                ("lastUpdateTime", time($0.lastTransitionTime)),
                                ("lastTransitionTime", time($0.lastTransitionTime)), ("reason", .string($0.reason)),
                                ("message", .string($0.message)),
                            ])
                        })
                ),
            ])
            try addWorkload(
                d.deployment, meta: d.deployment.metadata, name: d.name, namespace: d.namespace, uid: d.uid,
                created: d.createdAt, kind: "Deployment", resource: "deployments", status: status,
                cells: deploymentCells[d.namespace + "/" + d.name])
        }
        let replicaSetCells = cells("replicasets")
        for r in workloads.replicaSets where !r.isDeleted {
            let status: JSON = .object([
                ("replicas", .int(Int64(r.status.replicas))), ("fullyLabeledReplicas", .int(Int64(r.status.replicas))),
                ("readyReplicas", .int(Int64(r.status.readyReplicas))),
                ("availableReplicas", .int(Int64(r.status.availableReplicas))),
                ("observedGeneration", .int(Int64(r.replicaSet.metadata.generation ?? 1))),
            ])
            try addWorkload(
                r.replicaSet, meta: r.replicaSet.metadata, name: r.name, namespace: r.namespace, uid: r.uid,
                created: r.createdAt, kind: "ReplicaSet", resource: "replicasets", status: status,
                cells: replicaSetCells[r.namespace + "/" + r.name])
        }
        let daemonSetCells = cells("daemonsets")
        for d in workloads.daemonSets where !d.isDeleted {
            let s = d.status
            let status: JSON = .object([
                ("currentNumberScheduled", .int(Int64(s.currentNumberScheduled))),
                ("numberMisscheduled", .int(Int64(s.numberMisscheduled))),
                ("desiredNumberScheduled", .int(Int64(s.desiredNumberScheduled))),
                ("numberReady", .int(Int64(s.numberReady))), ("observedGeneration", .int(Int64(d.generation))),
                ("updatedNumberScheduled", .int(Int64(s.updatedNumberScheduled))),
                ("numberAvailable", .int(Int64(s.numberAvailable))),
            ])
            try addWorkload(
                d.daemonSet, meta: d.daemonSet.metadata, name: d.name, namespace: d.namespace, uid: d.uid,
                created: d.createdAt, kind: "DaemonSet", resource: "daemonsets", status: status,
                cells: daemonSetCells[d.namespace + "/" + d.name])
        }
        let statefulSetCells = cells("statefulsets")
        for s in workloads.statefulSets where !s.isDeleted {
            let status: JSON = .object([
                ("observedGeneration", .int(Int64(s.statefulSet.metadata.generation ?? 1))),
                ("replicas", .int(Int64(s.status.replicas))), ("readyReplicas", .int(Int64(s.status.readyReplicas))),
                ("currentReplicas", .int(Int64(s.status.currentReplicas))),
                ("updatedReplicas", .int(Int64(s.status.updatedReplicas))),
                ("availableReplicas", .int(Int64(s.status.availableReplicas))),
            ])
            try addWorkload(
                s.statefulSet, meta: s.statefulSet.metadata, name: s.name, namespace: s.namespace, uid: s.uid,
                created: s.createdAt, kind: "StatefulSet", resource: "statefulsets", status: status,
                cells: statefulSetCells[s.namespace + "/" + s.name])
        }
        let jobCells = cells("jobs")
        for j in workloads.jobs where !j.isDeleted {
            let status: JSON = .members([
                (
                    "conditions",
                    j.conditions.isEmpty
                        ? nil
                        : .array(
                            j.conditions.map {
                                .members([
                                    ("type", .string($0.type)), ("status", .string($0.status.rawValue)),
                                    ("lastProbeTime", time($0.lastTransitionTime)),
                                    ("lastTransitionTime", time($0.lastTransitionTime)),
                                    ("reason", $0.reason.map(JSON.string)),
                                    ("message", $0.message.map(JSON.string)),
                                ])
                            })
                ),
                ("startTime", j.startTime.map { time($0) }), ("completionTime", j.completionTime.map { time($0) }),
                ("active", j.active > 0 ? .int(Int64(j.active)) : nil),
                ("succeeded", j.succeeded > 0 ? .int(Int64(j.succeeded)) : nil),
                ("failed", j.failed > 0 ? .int(Int64(j.failed)) : nil),
            ])
            try addWorkload(
                j.job, meta: j.job.metadata, name: j.name, namespace: j.namespace, uid: j.uid, created: j.createdAt,
                kind: "Job", resource: "jobs", status: status, cells: jobCells[j.namespace + "/" + j.name],
                fields: ["status.successful": String(j.succeeded)])
        }
        for (key, list) in objects where ["apps/v1/", "batch/v1/"].contains(where: key.hasPrefix) {
            objects[key] = list.sorted { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
        }
    }

    mutating func addWorkload<T: Encodable>(
        _ value: T, meta: ObjectMeta, name: String, namespace: String, uid: String, created: SimulationTime,
        kind: String, resource: String, status: JSON, cells: [String]?, fields: [String: String] = [:]
    ) throws {
        let group = kind == "Job" ? "batch" : "apps"
        let json = try object(
            value, kind: kind, apiVersion: group + "/v1",
            metadata: try metadata(meta, name: name, namespace: namespace, uid: uid, created: created), status: status)
        append(
            ServedObject(
                namespace: namespace, name: name, labels: meta.labels ?? [:], fields: fields, object: json,
                cells: cells ?? [name, KubectlTime.since(created, now: now)]),
            to: resource, group: group)
    }
}
