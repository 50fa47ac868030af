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
        public var horizontalPodAutoscalers: [HorizontalPodAutoscaler]

        /// The section for a cluster, `nil` when it has no autoscaler.
        public init?(_ cluster: ClusterView) {
            let objects = cluster.workloads.horizontalPodAutoscalers
            guard !objects.isEmpty else { return nil }
            horizontalPodAutoscalers = objects.map { object in
                let syncs = object.observedSyncs
                return HorizontalPodAutoscaler(
                    name: object.namespace + "/" + object.name,
                    target: object.autoscaler.spec.scaleTargetRef.kind + "/" + object.autoscaler.spec.scaleTargetRef.name,
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
        return autoscaling.horizontalPodAutoscalers.map { hpa in
            "HPA       \(hpa.name) → \(hpa.target): replicas \(hpa.replicasMin)–\(hpa.replicasMax) "
                + "(mean \(JSONText.decimal(hpa.replicasMean, decimals: 2))), \(hpa.rescales) rescales"
        }
    }
}
