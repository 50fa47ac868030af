import KubeModel

extension ScenarioReferenceChecker {
    /// HorizontalPodAutoscalers in the inputs whose `scaleTargetRef` names no Deployment,
    /// ReplicaSet or StatefulSet of the inputs or of an `apply` action (error, at the
    /// autoscaler's own file and line).
    static func checkAutoscalers(_ scenario: Scenario, objects: [LoadedObject], applied: [KubeObject]) -> [Diagnostic] {
        let scalable: Set<String> = ["Deployment", "ReplicaSet", "StatefulSet"]
        var targets = Set<String>()
        for object in objects.map(\.object) + applied where scalable.contains(object.kind) {
            targets.insert(
                object.kind + "/" + (object.metadata?.namespace ?? "default") + "/" + (object.metadata?.name ?? ""))
        }
        var result: [Diagnostic] = []
        for item in objects {
            guard case .horizontalPodAutoscaler(let autoscaler) = item.object else { continue }
            let target = autoscaler.spec.scaleTargetRef
            let namespace = autoscaler.metadata.namespace ?? "default"
            let message: String
            if !scalable.contains(target.kind) {
                message =
                    "spec.scaleTargetRef.kind: Unsupported value: \"\(target.kind)\": "
                    + "supported values: \"Deployment\", \"ReplicaSet\", \"StatefulSet\""
            } else if !targets.contains(target.kind + "/" + namespace + "/" + target.name) {
                message =
                    "spec.scaleTargetRef.name: Not found: \"\(target.name)\": no \(target.kind) \"\(target.name)\" "
                    + "in namespace \"\(namespace)\" in the inputs or apply actions"
            } else {
                continue
            }
            result.append(
                Diagnostic(
                    severity: .error, location: item.location, object: item.object.displayName, message: message))
        }
        return result
    }

    /// Traffic entries whose selector matches no pod or pod template of the inputs or of an
    /// `apply` action or workload (warning: the requests would reach nothing).
    static func checkTraffic(
        _ scenario: Scenario, candidates: [(namespace: String, labels: [String: String])]
    )
        -> [Diagnostic]
    {
        var result: [Diagnostic] = []
        for (index, traffic) in scenario.traffic.enumerated() {
            let reaches = candidates.contains { candidate in
                (traffic.namespace.map { $0 == candidate.namespace } ?? true)
                    && traffic.selector.allSatisfy { candidate.labels[$0.key] == $0.value }
            }
            guard !reaches else { continue }
            let path = "spec.traffic[\(index)].selector"
            let location = SourceLocation(
                file: scenario.location?.file ?? scenario.name,
                line: scenario.sourceMap.line(for: path) ?? scenario.location?.line,
                documentIndex: scenario.location?.documentIndex ?? 0)
            result.append(
                Diagnostic(
                    severity: .warning, location: location, object: "\(Scenario.kind) \"\(scenario.name)\"",
                    message: "\(path): Not found: no pod or pod template in the inputs matches the selector of "
                        + "traffic \"\(traffic.name)\""))
        }
        return result
    }
}
