/// A workload the store keeps by index and by `namespace/name`.
protocol StoredWorkload {
    /// Whether it was deleted (its index stays; its name is free).
    var isDeleted: Bool { get set }
    /// `metadata.namespace`.
    var namespace: String { get }
    /// `metadata.name`.
    var name: String { get }
}

extension DeploymentObject: StoredWorkload {}
extension ReplicaSetObject: StoredWorkload {}
extension DaemonSetObject: StoredWorkload {}
extension StatefulSetObject: StoredWorkload {}
extension JobObject: StoredWorkload {}
extension HorizontalPodAutoscalerObject: StoredWorkload {}

extension WorkloadStore {
    /// The API server's DELETE of a workload: marks it deleted and frees its name for a new
    /// object (the old one keeps its index, so references to it stay valid).
    /// - Returns: the object as it was, nil when it was already deleted.
    /// - Complexity: O(1).
    mutating func markDeleted<Object: StoredWorkload>(
        _ index: Int, in objects: WritableKeyPath<WorkloadStore, [Object]>,
        names: WritableKeyPath<WorkloadStore, [String: Int]>
    ) -> Object? {
        guard !self[keyPath: objects][index].isDeleted else { return nil }
        let object = self[keyPath: objects][index]
        self[keyPath: objects][index].isDeleted = true
        self[keyPath: names][object.namespace + "/" + object.name] = nil
        return object
    }
}
