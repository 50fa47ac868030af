import ClusterComponents

extension RunSummary {
    /// `autoscaling` in `summary.json`: each HorizontalPodAutoscaler's bounds and the replica
    /// counts it saw at its syncs.
    public struct Autoscaling: Codable, Sendable, Hashable {
        /// One autoscaler.
        public struct HorizontalPodAutoscaler: Codable, Sendable, Hashable {
            /// `namespace/name`.
            public var name: String
            /// `Kind/name` of the scale target.
            public var target: String
            /// `spec.minReplicas` and `spec.maxReplicas`.
            public var minReplicas: Int
            public var maxReplicas: Int
            /// Scale writes done.
            public var rescales: Int
            /// Syncs run (one per 15 s).
            public var syncs: Int
            /// Least, mean and most `currentReplicas` over the syncs (0 when none ran).
            public var replicasMin: Int
            public var replicasMean: Double
            public var replicasMax: Int
            /// `status.desiredReplicas` at the end.
            public var desiredReplicasAtEnd: Int
        }

        /// The autoscalers, in creation order (deleted ones included).
        public var horizontalPodAutoscalers: [HorizontalPodAutoscaler]?
        /// The Cluster Autoscaler's figures, when the run has node groups.
        public var clusterAutoscaler: ClusterAutoscalerFigures?

        /// The section for a cluster, `nil` when it has neither autoscaler.
        public init?(_ cluster: ClusterView) {
            let objects = cluster.workloads.horizontalPodAutoscalers
            clusterAutoscaler = cluster.clusterAutoscaler.map { ClusterAutoscalerFigures($0, cluster: cluster) }
            guard !objects.isEmpty || clusterAutoscaler != nil else { return nil }
            horizontalPodAutoscalers =
                objects.isEmpty
                ? nil
                : objects.map { object in
                    let syncs = object.observedSyncs
                    return HorizontalPodAutoscaler(
                        name: object.namespace + "/" + object.name,
                        target: object.autoscaler.spec.scaleTargetRef.kind + "/"
                            + object.autoscaler.spec.scaleTargetRef.name,
                        minReplicas: object.minReplicas, maxReplicas: object.maxReplicas, rescales: object.rescales,
                        syncs: syncs, replicasMin: syncs > 0 ? object.observedMin : 0,
                        replicasMean: syncs > 0
                            ? (Double(object.observedReplicaSum) / Double(syncs) * 1000).rounded() / 1000 : 0,
                        replicasMax: object.observedMax, desiredReplicasAtEnd: object.desiredReplicas)
                }
        }
    }

    /// The text table's autoscaler lines (none without autoscalers).
    var autoscalingLines: [String] {
        guard let autoscaling else { return [] }
        var lines = (autoscaling.horizontalPodAutoscalers ?? []).map { hpa in
            "HPA       \(hpa.name) → \(hpa.target): replicas \(hpa.replicasMin)–\(hpa.replicasMax) "
                + "(mean \(JSONText.decimal(hpa.replicasMean, decimals: 2))), \(hpa.rescales) rescales"
        }
        if let ca = autoscaling.clusterAutoscaler {
            let wait = ca.scaleUpWait
            lines.append(
                "Nodes     \(ca.scaleUps) scale-ups · \(ca.scaleDowns) nodes removed · "
                    + "\(JSONText.decimal(ca.nodeHours, decimals: 2)) node-hours · cost \(JSONText.decimal(ca.cost, decimals: 2)) · "
                    + "scale-up wait p50 \(wait.p50.map { JSONText.decimal($0, decimals: 1) + " s" } ?? "≥ censored") "
                    + "p99 \(wait.p99.map { JSONText.decimal($0, decimals: 1) + " s" } ?? "≥ censored")")
            for pool in ca.nodeGroups {
                lines.append(
                    "  \(pool.name)  nodes \(pool.nodesMin)–\(pool.nodesMax) (\(pool.nodesAtEnd) at end) · "
                        + "\(JSONText.decimal(pool.nodeHours, decimals: 2)) node-hours · cost \(JSONText.decimal(pool.cost, decimals: 2))"
                )
            }
        }
        return lines
    }
}
