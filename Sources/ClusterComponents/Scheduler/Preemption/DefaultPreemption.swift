import KubeModel

/// DefaultPreemption (k/k `plugins/defaultpreemption/default_preemption.go`): the PostFilter
/// that looks for a node where evicting lower-priority pods lets the pod fit
/// (``Scheduler/preempt(_:state:profile:using:)``).
struct DefaultPreemption: PostFilterPlugin {
    static let name = "DefaultPreemption"
    typealias Args = DefaultPreemptionArgs
    /// `DefaultPreemptionArgs.minCandidateNodesPercentage` (default 10).
    let minCandidateNodesPercentage: Int
    /// `DefaultPreemptionArgs.minCandidateNodesAbsolute` (default 100).
    let minCandidateNodesAbsolute: Int

    init(_ configuration: inout PluginConfiguration) {
        let args = configuration.args(of: Self.self)
        minCandidateNodesPercentage = args?.minCandidateNodesPercentage ?? 10
        minCandidateNodesAbsolute = args?.minCandidateNodesAbsolute ?? 100
    }

    /// Nominates a node, or says why not (prefixed `preemption: `, as the framework reports it).
    func postFilter(
        _ pod: PodID, _ state: CycleState, profile: ProfileIndex, _ scheduler: Scheduler
    ) -> (
        node: Int?, message: String?
    ) {
        let result = scheduler.preempt(pod, state: state, profile: profile, using: self)
        return (result.node, result.message.map { "preemption: " + $0 })
    }
}
