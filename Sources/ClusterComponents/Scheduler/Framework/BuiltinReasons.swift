import KubeModel

/// The reason strings of the default filters, interned once (k/k plugin files cited at each).
struct BuiltinReasons {
    /// nodeunschedulable: ErrReasonUnschedulable.
    let unschedulable: UInt32
    /// nodename: ErrReason.
    let nodeName: UInt32
    /// tainttoleration (v1.35+ and late 1.34 patches, PR kubernetes/kubernetes#134740).
    let untoleratedTaints: UInt32
    /// nodeaffinity: ErrReasonPod.
    let nodeAffinity: UInt32
    /// nodeports: ErrReason.
    let nodePorts: UInt32
    /// podtopologyspread: ErrReasonConstraintsNotMatch.
    let spreadNotMatch: UInt32
    /// podtopologyspread: ErrReasonNodeLabelNotMatch.
    let spreadMissingLabel: UInt32
    /// interpodaffinity: ErrReasonAffinityRulesNotMatch.
    let affinityNotMatch: UInt32
    /// interpodaffinity: ErrReasonAntiAffinityRulesNotMatch.
    let antiAffinityNotMatch: UInt32
    /// interpodaffinity: ErrReasonExistingAntiAffinityRulesNotMatch.
    let existingAntiAffinityNotMatch: UInt32
    /// noderesources fit.go: "Too many pods".
    let tooManyPods: UInt32
    /// preemption: "No preemption victims found for incoming pod".
    let noVictims: UInt32
    /// preemption: "Preemption is not helpful for scheduling".
    let notHelpful: UInt32
    /// Whether the ≤1.34 per-taint wording is used.
    let perTaintWording: Bool
    /// GPUShare (kubesim; see ``GPUShare``): no device with room.
    let gpuInsufficient: UInt32
    /// GPUShare: the node's GPU model is not allowed.
    let gpuModel: UInt32

    init(table: inout ReasonTable, version: KubernetesVersion) {
        unschedulable = table.id("node(s) were unschedulable")
        nodeName = table.id("node(s) didn't match the requested node name")
        untoleratedTaints = table.id("node(s) had untolerated taint(s)")
        nodeAffinity = table.id("node(s) didn't match Pod's node affinity/selector")
        nodePorts = table.id("node(s) didn't have free ports for the requested pod ports")
        spreadNotMatch = table.id("node(s) didn't match pod topology spread constraints")
        spreadMissingLabel = table.id("node(s) didn't match pod topology spread constraints (missing required label)")
        affinityNotMatch = table.id("node(s) didn't match pod affinity rules")
        antiAffinityNotMatch = table.id("node(s) didn't match pod anti-affinity rules")
        existingAntiAffinityNotMatch = table.id("node(s) didn't satisfy existing pods anti-affinity rules")
        tooManyPods = table.id("Too many pods")
        noVictims = table.id("No preemption victims found for incoming pod")
        notHelpful = table.id("Preemption is not helpful for scheduling")
        perTaintWording = version < KubernetesVersion(minor: 35)
        gpuInsufficient = table.id("Insufficient " + GPUShareKeys.milli)
        gpuModel = table.id("node(s) didn't match the requested GPU model")
    }
}
