import ClusterComponents

extension ScenarioRunner {
    /// What a container of the scenario writes to its standard output: the `logs` of the first
    /// behaviour whose match accepts it (empty when none does or it declares none).
    public func logLines(of pod: PodObject, container: ContainerRef) -> [Behavior.LogLine] {
        behaviors.matching(pod, container: container)?.logs ?? []
    }
}
