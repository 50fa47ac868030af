extension ScenarioReader {
    // MARK: - The keys of each mapping
    //
    // Each mapping of the Scenario document warns about keys not in its list (`mapping(_:_:known:)`).
    // The lists that live next to their decoding code (`specKeys`, `kubeletKeys`, `evictionSignals`,
    // `behaviorKeys`, `workloadKeys`, `arrivalKinds`, `actionKinds`, `distributionKinds`) are
    // gathered in ``documentedKeys`` with these.

    /// The document's top level.
    static let documentKeys = ["apiVersion", "kind", "metadata", "spec"]
    /// `metadata`.
    static let metadataKeys = ["name", "labels", "annotations"]
    /// `spec.scheduler`.
    static let schedulerKeys = ["tieBreak", "clientConnection"]
    /// `spec.outputs`.
    static let outputKeys = ["sampleInterval", "openMetrics"]
    /// `spec.nodes[i]`.
    static let nodePoolKeys = [
        "name", "count", "capacity", "labels", "taints", "images", "kubelet", "from", "autoscaling",
    ]
    /// `spec.nodes[i].kubelet.crashLoopBackOff`.
    static let crashLoopBackOffKeys = ["maxContainerRestartPeriod"]
    /// `spec.nodes[i].kubelet.featureGates`.
    static let featureGateKeys = ["ReduceDefaultCrashLoopBackOffDecay"]
    /// `spec.nodes[i].from`.
    static let nodeListKeys = ["file", "format"]
    /// `spec.images[i]`.
    static let imageKeys = ["name", "size", "pull"]
    /// `spec.images[i].pull`.
    static let pullKeys = ["failures", "error", "latency"]
    /// `spec.behaviors[i].match`.
    static let matchKeys = ["pod", "container", "namespace", "labels", "image"]
    /// `spec.behaviors[i].runs[j]`.
    static let runKeys = ["duration", "exit"]
    /// `spec.behaviors[i].ready`.
    static let readyKeys = ["after"]
    /// `spec.behaviors[i].memory`.
    static let memoryKeys = ["start", "growth", "perRequest"]
    /// `spec.behaviors[i].writes[j]`.
    static let writeKeys = ["volume", "rate"]
    /// `spec.behaviors[i].liveness`.
    static let livenessKeys = ["failAfter"]
    /// `spec.behaviors[].logs[]`.
    static let logKeys = ["after", "line"]
    /// `spec.workloads[i].template` and `spec.actions[i].apply`.
    static let fileOrInlineKeys = ["file", "inline"]
    /// `spec.workloads[i].arrivals.poisson`.
    static let poissonKeys = ["rate"]
    /// `spec.workloads[i].arrivals.trace`.
    static let traceKeys = ["file", "format", "timeScale"]
    /// `spec.workloads[i].arrivals.diurnal`.
    static let diurnalKeys = ["mean", "amplitude", "peakToTrough", "period", "peak"]
    /// `spec.actions[i]`: `at` and one operation.
    static let actionKeys = ["at"] + actionKinds
    /// `spec.actions[i].delete`.
    static let deleteKeys = ["kind", "namespace", "name"]
    /// `spec.actions[i].scale`.
    static let scaleKeys = ["kind", "namespace", "name", "replicas"]
    /// `spec.actions[i].patch`.
    static let patchKeys = ["kind", "namespace", "name", "image", "container", "template", "replicas"]
    /// `spec.actions[i].cordon`, `.uncordon` and `.drain`.
    static let nodeTargetKeys = ["node"]
    /// `spec.actions[i].node`.
    static let nodeActionKeys = ["name", "fail", "add", "remove"]
    /// `spec.actions[i].kubelet`.
    static let kubeletActionKeys = ["node", "restart"]
    /// `spec.actions[i].registry`.
    static let registryKeys = ["outage", "images"]
    /// `{exponential: …}`.
    static let exponentialKeys = ["mean"]
    /// `{lognormal: …}`.
    static let lognormalKeys = ["median", "sigma"]
    /// `{uniform: …}`.
    static let uniformKeys = ["min", "max"]
    /// `{gamma: …}` and `{weibull: …}`.
    static let shapeScaleKeys = ["shape", "scale"]
    /// `{empirical: …}`.
    static let empiricalKeys = ["file", "column"]

    /// Every mapping of the Scenario document with a fixed set of keys, named as the sections of
    /// `docs/scenario-format.md` name them (`[]` for a list's items; `distribution` for any
    /// field that takes a distribution), with the keys the decoder accepts there. Mappings whose
    /// keys are free (labels, resource lists, `requests`) are not listed. A test checks the
    /// format reference against this table, so a key added here must be documented there.
    static let documentedKeys: [(section: String, keys: [String])] = [
        ("document", documentKeys),
        ("metadata", metadataKeys),
        ("spec", specKeys),
        ("spec.scheduler", schedulerKeys),
        ("spec.scheduler.clientConnection", clientConnectionKeys),
        ("spec.controllerManager", controllerManagerKeys),
        ("spec.realisticTiming", realisticTimingKeys),
        ("spec.outputs", outputKeys),
        ("spec.nodes[]", nodePoolKeys),
        ("spec.nodes[].from", nodeListKeys),
        ("spec.nodes[].autoscaling", nodeGroupKeys),
        ("spec.clusterAutoscaler", clusterAutoscalerKeys),
        ("spec.nodes[].kubelet", kubeletKeys),
        ("spec.nodes[].kubelet.crashLoopBackOff", crashLoopBackOffKeys),
        ("spec.nodes[].kubelet.featureGates", featureGateKeys),
        ("spec.nodes[].kubelet.evictionHard", evictionSignals),
        ("spec.images[]", imageKeys),
        ("spec.images[].pull", pullKeys),
        ("spec.behaviors[]", behaviorKeys),
        ("spec.behaviors[].match", matchKeys),
        ("spec.behaviors[].runs[]", runKeys),
        ("spec.behaviors[].ready", readyKeys),
        ("spec.behaviors[].memory", memoryKeys),
        ("spec.behaviors[].cpu", cpuKeys),
        ("spec.behaviors[].writes[]", writeKeys),
        ("spec.behaviors[].liveness", livenessKeys),
        ("spec.behaviors[].logs[]", logKeys),
        ("spec.workloads[]", workloadKeys),
        ("spec.workloads[].template", fileOrInlineKeys),
        ("spec.workloads[].arrivals", arrivalKinds),
        ("spec.workloads[].arrivals.poisson", poissonKeys),
        ("spec.workloads[].arrivals.diurnal", diurnalKeys),
        ("spec.workloads[].arrivals.trace", traceKeys),
        ("spec.traffic[]", trafficKeys),
        ("spec.traffic[].rate", trafficRateKinds),
        ("spec.traffic[].rate.trace", trafficTraceKeys),
        ("spec.actions[]", actionKeys),
        ("spec.actions[].apply", fileOrInlineKeys),
        ("spec.actions[].delete", deleteKeys),
        ("spec.actions[].scale", scaleKeys),
        ("spec.actions[].patch", patchKeys),
        ("spec.actions[].cordon", nodeTargetKeys),
        ("spec.actions[].uncordon", nodeTargetKeys),
        ("spec.actions[].drain", nodeTargetKeys),
        ("spec.actions[].node", nodeActionKeys),
        ("spec.actions[].kubelet", kubeletActionKeys),
        ("spec.actions[].registry", registryKeys),
        ("distribution", distributionKinds),
        ("distribution.exponential", exponentialKeys),
        ("distribution.lognormal", lognormalKeys),
        ("distribution.uniform", uniformKeys),
        ("distribution.gamma", shapeScaleKeys),
        ("distribution.weibull", shapeScaleKeys),
        ("distribution.empirical", empiricalKeys),
    ]
}
