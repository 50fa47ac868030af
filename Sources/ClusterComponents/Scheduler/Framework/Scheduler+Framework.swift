import KubeModel

/// Running a profile's plugins at each extension point (k/k
/// `pkg/scheduler/framework/runtime/framework.go` RunPreFilterPlugins, RunFilterPlugins, …).
/// Every call goes through ``BuiltinPlugin/visit(_:)`` with a visitor specialised per plugin.
extension Scheduler {
    /// PreFilter of every plugin that has one.
    func runPreFilters(_ state: inout CycleState, profile: ProfileIndex) {
        for plugin in profiles[profile].preFilters {
            withUnsafeMutablePointer(to: &state) { pointer in
                var call = PreFilterCall(state: pointer, scheduler: self)
                plugin.visit(&call)
            }
        }
    }

    /// PreFilterExtensions.AddPod of every filter that has it (k/k
    /// `RunPreFilterExtensionAddPod`): `pod` joins the simulated `node` the next filters see.
    func runAddPod(_ state: inout CycleState, _ pod: PodID, to node: NodeInfo, profile: ProfileIndex) {
        for plugin in profiles[profile].preFilterExtensions {
            withUnsafeMutablePointer(to: &state) { pointer in
                withUnsafePointer(to: node) { node in
                    var call = AddPodCall(state: pointer, pod: pod, node: node, scheduler: self)
                    plugin.visit(&call)
                }
            }
        }
    }

    /// PreFilterExtensions.RemovePod of every filter that has it (k/k
    /// `RunPreFilterExtensionRemovePod`): `pod` leaves the simulated `node`.
    func runRemovePod(_ state: inout CycleState, _ pod: PodID, from node: NodeInfo, profile: ProfileIndex) {
        for plugin in profiles[profile].preFilterExtensions {
            withUnsafeMutablePointer(to: &state) { pointer in
                withUnsafePointer(to: node) { node in
                    var call = RemovePodCall(state: pointer, pod: pod, node: node, scheduler: self)
                    plugin.visit(&call)
                }
            }
        }
    }

    /// Runs the profile's filters on one node, stopping at the first rejection.
    @inline(__always)
    func runFilters(_ state: CycleState, profile: ProfileIndex, node: NodeInfo) -> FilterStatus {
        withUnsafePointer(to: state) { state in
            withUnsafePointer(to: node) { node in runFilters(state, profile: profile, node: node) }
        }
    }

    /// The same on a borrowed state and node: the scheduling cycle's per-node call copies
    /// neither.
    @inline(__always)
    func runFilters(
        _ state: UnsafePointer<CycleState>, profile: ProfileIndex, node: UnsafePointer<NodeInfo>
    ) -> FilterStatus {
        let filters = profiles[profile].filters
        var call = FilterCall(state: state, node: node, scheduler: self)
        for index in filters.indices {
            var status = filters[index].visit(&call)
            if !status.isSuccess {
                status.plugin = UInt8(truncatingIfNeeded: index)
                return status
            }
        }
        return .success
    }

    /// Whether every filter of the profile passes for this pod on a node whose hot record is not
    /// `slow`, NodeResourcesFit aside (``NodeResourcesFit/FastPath`` checks it from the hot
    /// scalars).
    func podTakesFastPath(_ state: CycleState, profile: ProfileIndex) -> Bool {
        var call = PlainNodesCall(state: state)
        for plugin in profiles[profile].filters where !plugin.visit(&call) { return false }
        return true
    }

    /// PostFilter plugins in order until one nominates a node.
    /// - Returns: the nominated node, or the messages of the plugins that did not.
    func runPostFilters(_ pod: PodID, _ state: CycleState, profile: ProfileIndex) -> (node: Int?, messages: [String]) {
        var messages: [String] = []
        var call = PostFilterCall(pod: pod, state: state, profile: profile, scheduler: self)
        for plugin in profiles[profile].postFilters {
            let result = plugin.visit(&call)
            if let node = result.node { return (node, []) }
            if let message = result.message { messages.append(message) }
        }
        return (nil, messages)
    }

    /// Runs one plugin's PreScore, Score and NormalizeScore over the feasible nodes.
    /// - Returns: what the pass left for the weighted sum (``ScorePass``).
    func scorePlugin(_ plugin: BuiltinPlugin, _ state: inout CycleState, count: Int) -> ScorePass {
        withUnsafeMutablePointer(to: &state) { pointer in
            var call = ScoreCall(state: pointer, count: count, scheduler: self)
            return plugin.visit(&call)
        }
    }

    /// Reserve of every plugin that has one, in order, until one rejects (k/k
    /// `framework/runtime/framework.go` RunReservePluginsReserve).
    /// - Returns: the rejection and its plugin's name, or nil.
    func runReserve(_ pod: PodID, node: Int, profile: ProfileIndex) -> (status: PluginStatus, plugin: String)? {
        var call = ReserveCall(pod: pod, node: node, scheduler: self)
        for plugin in profiles[profile].reservers {
            let status = plugin.visit(&call)
            if status.code != .success { return (status, plugin.name) }
        }
        return nil
    }

    /// Unreserve of every Reserve plugin in the reverse order of Reserve (k/k
    /// RunReservePluginsUnreserve: "in the reverse order in which the Reserve operation was
    /// executed").
    func runUnreserve(_ pod: PodID, node: Int, profile: ProfileIndex) {
        var call = UnreserveCall(pod: pod, node: node, scheduler: self)
        for plugin in profiles[profile].reservers.reversed() { plugin.visit(&call) }
    }

    /// Permit of every plugin that has one; the first rejection wins (k/k RunPermitPlugins).
    /// - Returns: the rejection and its plugin's name, or nil.
    func runPermit(_ pod: PodID, node: Int, profile: ProfileIndex) -> (status: PluginStatus, plugin: String)? {
        var call = PermitCall(pod: pod, node: node, scheduler: self)
        for plugin in profiles[profile].permits {
            let status = plugin.visit(&call)
            if status.code != .success { return (status, plugin.name) }
        }
        return nil
    }

    /// PreBind of every plugin that has one (after the cache counted the pod).
    func runPreBind(_ pod: PodID, node: Int, profile: ProfileIndex) {
        var call = PreBindCall(pod: pod, node: node, scheduler: self)
        for plugin in profiles[profile].preBinders { plugin.visit(&call) }
    }

    /// Moves the score buffer out of `self` (no exclusivity checks in the loops); the caller
    /// stores it back.
    @inline(__always)
    func takeScores() -> [Int64] {
        let scores = scratch.scores
        scratch.scores = []
        return scores
    }

    /// Runs a Score plugin's per-node loop over the attempt's first `count` feasible nodes and
    /// their slots in the score buffer, borrowed as raw buffers: the loop then does no
    /// uniqueness or bounds checks per node (both buffers hold at least `count` entries).
    @inline(__always)
    func withFeasibleScores<Result>(
        count: Int,
        _ body: (_ feasible: UnsafeBufferPointer<Int32>, _ scores: UnsafeMutableBufferPointer<Int64>) -> Result
    ) -> Result {
        var scores = takeScores()
        let feasible = scratch.feasible
        let result = feasible.withUnsafeBufferPointer { feasible in
            scores.withUnsafeMutableBufferPointer { scores in
                body(
                    UnsafeBufferPointer(rebasing: feasible[0..<count]),
                    UnsafeMutableBufferPointer(rebasing: scores[0..<count]))
            }
        }
        scratch.scores = scores
        return result
    }
}

private struct PreFilterCall: PluginVisitor {
    let state: UnsafeMutablePointer<CycleState>
    unowned(unsafe) let scheduler: Scheduler
    @inline(__always)
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) { plugin.preFilter(&state.pointee, scheduler) }
}

private struct AddPodCall: PluginVisitor {
    let state: UnsafeMutablePointer<CycleState>
    let pod: PodID
    let node: UnsafePointer<NodeInfo>
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) {
        plugin.addPod(&state.pointee, pod, to: node.pointee, scheduler)
    }
}

private struct RemovePodCall: PluginVisitor {
    let state: UnsafeMutablePointer<CycleState>
    let pod: PodID
    let node: UnsafePointer<NodeInfo>
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) {
        plugin.removePod(&state.pointee, pod, from: node.pointee, scheduler)
    }
}

/// The pod's state and the node are borrowed through pointers, so the call copies nothing.
private struct FilterCall: PluginVisitor {
    let state: UnsafePointer<CycleState>
    let node: UnsafePointer<NodeInfo>
    unowned(unsafe) let scheduler: Scheduler
    @inline(__always)
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> FilterStatus {
        plugin.filter(state.pointee, node.pointee, scheduler)
    }
}

private struct PlainNodesCall: PluginVisitor {
    let state: CycleState
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> Bool {
        Plugin.self == NodeResourcesFit.self || plugin.passesOnPlainNodes(state)
    }
}

private struct PostFilterCall: PluginVisitor {
    let pod: PodID
    let state: CycleState
    let profile: ProfileIndex
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> (node: Int?, message: String?) {
        plugin.postFilter(pod, state, profile: profile, scheduler)
    }
}

private struct ScoreCall: PluginVisitor {
    let state: UnsafeMutablePointer<CycleState>
    let count: Int
    unowned(unsafe) let scheduler: Scheduler
    @inline(__always)
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> ScorePass {
        plugin.scoreFeasible(&state.pointee, count: count, scheduler)
    }
}

private struct ReserveCall: PluginVisitor {
    let pod: PodID
    let node: Int
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> PluginStatus { plugin.reserve(pod, node: node, scheduler) }
}

private struct UnreserveCall: PluginVisitor {
    let pod: PodID
    let node: Int
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) { plugin.unreserve(pod, node: node, scheduler) }
}

private struct PermitCall: PluginVisitor {
    let pod: PodID
    let node: Int
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) -> PluginStatus { plugin.permit(pod, node: node, scheduler) }
}

private struct PreBindCall: PluginVisitor {
    let pod: PodID
    let node: Int
    unowned(unsafe) let scheduler: Scheduler
    func visit<Plugin: SchedulerPlugin>(_ plugin: Plugin) { plugin.preBind(pod, node: node, scheduler) }
}
