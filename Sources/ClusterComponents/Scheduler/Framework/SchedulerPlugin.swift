import KubeModel

/// A scheduler plugin (k/k `pkg/scheduler/framework/interface.go` `Plugin`): a value type, built
/// once per profile from the profile's configuration, that implements some extension points.
///
/// Every extension point is a requirement with a default that does nothing, so a plugin writes
/// only the points it has and declares them by conforming to the marker protocols
/// (``PreFilterPlugin``, ``FilterPlugin``, ``ScorePlugin``, …), as a Go plugin implements the
/// corresponding interfaces. The framework calls plugins through ``BuiltinPlugin`` (the
/// registry's switch over concrete types), never through an existential, so the calls on the hot
/// path are direct.
///
/// The `scheduler` argument is the framework handle (k/k `framework.Handle`): the cache, the
/// feasible-node list and the score buffer of the running attempt.
protocol SchedulerPlugin {
    /// The name used in profiles, explanations and messages.
    static var name: String { get }

    /// Other names the plugin answers to in a configuration (none by default).
    static var aliases: [String] { get }

    /// Whether a configuration may spell the name in any case (kubesim's own plugins, as
    /// `--policy` names are); kube-scheduler's plugins are matched exactly. False by default.
    static var ignoresNameCase: Bool { get }

    /// Whether the plugin is a placement policy: `--policy NAME` (its name lower-cased, or an
    /// alias) swaps the default profile's score plugins for it (``SchedulerPolicy``). False by
    /// default.
    static var isPlacementPolicy: Bool { get }

    /// The extension point each marker protocol stands for (set by the markers, not by hand).
    static var preFilterPoint: ExtensionPoints { get }
    static var preFilterExtensionsPoint: ExtensionPoints { get }
    static var filterPoint: ExtensionPoints { get }
    static var postFilterPoint: ExtensionPoints { get }
    static var scorePoint: ExtensionPoints { get }
    static var reservePoint: ExtensionPoints { get }
    static var permitPoint: ExtensionPoints { get }
    static var preBindPoint: ExtensionPoints { get }

    /// The plugin's `pluginConfig` args type (`NodeResourcesFitArgs`, …), which its args decode
    /// as when a configuration is loaded (``Scheduler/pluginArgsTypes``); ``NoArgs`` for a plugin
    /// without args.
    associatedtype Args: PluginArguments = NoArgs

    /// Builds the plugin for one profile from its configuration (args, version, resource slots).
    init(_ configuration: inout PluginConfiguration)

    /// PreFilter: computes what the filters need about the pod and keeps it in `state` under
    /// the plugin's own key (``CycleStateKey``).
    func preFilter(_ state: inout CycleState, _ scheduler: Scheduler)

    /// PreFilterExtensions.AddPod (k/k `framework.PreFilterExtensions`): `pod` is added to the
    /// simulated `node` the next filters see (a nominated pod, or a preemption victim kept);
    /// the plugin updates its data in `state`, a copy for that node.
    func addPod(_ state: inout CycleState, _ pod: PodID, to node: NodeInfo, _ scheduler: Scheduler)

    /// PreFilterExtensions.RemovePod: `pod` is removed from the simulated `node` (a preemption
    /// victim).
    func removePod(_ state: inout CycleState, _ pod: PodID, from node: NodeInfo, _ scheduler: Scheduler)

    /// Filter: the verdict for one node.
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus

    /// Whether removing an assigned pod can turn a rejection by this filter into a pass (the
    /// queueing hint that decides which cluster events requeue the pod).
    static var helpedByPodRemoval: Bool { get }

    /// Whether the pod can skip this filter on a node whose hot record is not `slow` (no taints,
    /// not unschedulable, no nominated pods, no ports in use…): the framework then does not
    /// call ``filter(_:_:_:)`` there (see ``SchedulingFastPath``).
    func passesOnPlainNodes(_ state: CycleState) -> Bool

    /// PostFilter: runs when no node passed the filters; may nominate a node (preemption).
    /// - Returns: the nominated node, or the plugin's message for the FailedScheduling event.
    func postFilter(
        _ pod: PodID, _ state: CycleState, profile: ProfileIndex, _ scheduler: Scheduler
    ) -> (
        node: Int?, message: String?
    )

    /// PreScore: return `.skip` to leave the plugin out of this attempt's scores.
    func preScore(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> StatusCode

    /// Score: the raw score of the feasible node `scheduler.scratch.feasible[j]`.
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64

    /// NormalizeScore: maps the raw scores of the feasible nodes (scan order) to 0…100.
    func normalizeScore(_ scores: inout ArraySlice<Int64>)

    /// PreScore, Score and NormalizeScore over `scheduler.scratch.feasible[0..<count]`, into
    /// `scheduler.scratch.scores[0..<count]`. The default runs the three points above; a plugin that
    /// scores from incrementally kept aggregates or memos overrides it with the same results.
    /// - Returns: what the pass left for the weighted sum (``ScorePass``).
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass

    /// Reserve: the pod is about to be assumed on `node` (before the cache counts it). A
    /// rejection ends the attempt: every Reserve plugin's Unreserve runs and the pod fails.
    func reserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus

    /// Unreserve: the reserved pod is given up (Reserve or Permit rejected it, or its binding
    /// failed); undoes what Reserve did. Runs for every Reserve plugin, rejecting or not.
    func unreserve(_ pod: PodID, node: Int, _ scheduler: Scheduler)

    /// Permit: whether the pod may go on to binding (`.success`) or is refused (the reasons
    /// make the FailedScheduling message). kube-scheduler's Wait is not modelled.
    func permit(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus

    /// PreBind: API writes the binding depends on (after the cache counted the pod).
    func preBind(_ pod: PodID, node: Int, _ scheduler: Scheduler)
}

/// Marker: the plugin implements PreFilter.
protocol PreFilterPlugin: SchedulerPlugin {}
/// Marker: the plugin implements PreFilterExtensions (AddPod/RemovePod).
protocol PreFilterExtensionsPlugin: SchedulerPlugin {}
/// Marker: the plugin implements Filter.
protocol FilterPlugin: SchedulerPlugin {}
/// Marker: the plugin implements PostFilter.
protocol PostFilterPlugin: SchedulerPlugin {}
/// Marker: the plugin implements PreScore/Score/NormalizeScore.
protocol ScorePlugin: SchedulerPlugin {}
/// Marker: the plugin implements Reserve/Unreserve.
protocol ReservePlugin: SchedulerPlugin {}
/// Marker: the plugin implements Permit.
protocol PermitPlugin: SchedulerPlugin {}
/// Marker: the plugin implements PreBind.
protocol PreBindPlugin: SchedulerPlugin {}

// Each marker sets its extension point through a requirement of its own, whose witness is
// chosen when the plugin's conformance is compiled: no runtime conformance lookup (a dynamic
// `is FilterPlugin` check scans the binary's conformance records on first use).
extension SchedulerPlugin {
    static var preFilterPoint: ExtensionPoints { [] }
    static var preFilterExtensionsPoint: ExtensionPoints { [] }
    static var filterPoint: ExtensionPoints { [] }
    static var postFilterPoint: ExtensionPoints { [] }
    static var scorePoint: ExtensionPoints { [] }
    static var reservePoint: ExtensionPoints { [] }
    static var permitPoint: ExtensionPoints { [] }
    static var preBindPoint: ExtensionPoints { [] }
}
extension PreFilterPlugin { static var preFilterPoint: ExtensionPoints { .preFilter } }
extension PreFilterExtensionsPlugin {
    static var preFilterExtensionsPoint: ExtensionPoints { .preFilterExtensions }
}
extension FilterPlugin { static var filterPoint: ExtensionPoints { .filter } }
extension PostFilterPlugin { static var postFilterPoint: ExtensionPoints { .postFilter } }
extension ScorePlugin { static var scorePoint: ExtensionPoints { .score } }
extension ReservePlugin { static var reservePoint: ExtensionPoints { .reserve } }
extension PermitPlugin { static var permitPoint: ExtensionPoints { .permit } }
extension PreBindPlugin { static var preBindPoint: ExtensionPoints { .preBind } }

extension SchedulerPlugin {
    static var aliases: [String] { [] }
    static var ignoresNameCase: Bool { false }
    static var isPlacementPolicy: Bool { false }
    func preFilter(_ state: inout CycleState, _ scheduler: Scheduler) {}
    func addPod(_ state: inout CycleState, _ pod: PodID, to node: NodeInfo, _ scheduler: Scheduler) {}
    func removePod(_ state: inout CycleState, _ pod: PodID, from node: NodeInfo, _ scheduler: Scheduler) {}
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus { .success }
    static var helpedByPodRemoval: Bool { false }
    func passesOnPlainNodes(_ state: CycleState) -> Bool { false }
    func postFilter(
        _ pod: PodID, _ state: CycleState, profile: ProfileIndex, _ scheduler: Scheduler
    ) -> (
        node: Int?, message: String?
    ) { (nil, nil) }
    func preScore(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> StatusCode { .success }
    func score(_ state: CycleState, node: Int, _ scheduler: Scheduler) -> Int64 { 0 }
    func normalizeScore(_ scores: inout ArraySlice<Int64>) {}

    @inline(__always)
    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        if preScore(&state, count: count, scheduler) == .skip { return .skipped }
        var scores = scheduler.takeScores()
        for j in 0..<count { scores[j] = score(state, node: Int(scheduler.scratch.feasible[j]), scheduler) }
        var slice = scores[0..<count]
        normalizeScore(&slice)
        scores.replaceSubrange(0..<count, with: slice)
        scheduler.scratch.scores = scores
        return .scored
    }

    func reserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus { .success }
    func unreserve(_ pod: PodID, node: Int, _ scheduler: Scheduler) {}
    func permit(_ pod: PodID, node: Int, _ scheduler: Scheduler) -> PluginStatus { .success }
    func preBind(_ pod: PodID, node: Int, _ scheduler: Scheduler) {}

    /// The extension points the plugin declares (read when a profile is built, not per pod).
    static var extensionPoints: ExtensionPoints {
        [
            preFilterPoint, preFilterExtensionsPoint, filterPoint, postFilterPoint, scorePoint, reservePoint,
            permitPoint, preBindPoint,
        ]
    }
}

/// The extension points of a plugin (k/k `config.Plugins` fields).
struct ExtensionPoints: OptionSet {
    let rawValue: UInt16
    static let preFilter = ExtensionPoints(rawValue: 1 << 0)
    static let filter = ExtensionPoints(rawValue: 1 << 1)
    static let score = ExtensionPoints(rawValue: 1 << 2)
    static let reserve = ExtensionPoints(rawValue: 1 << 3)
    static let permit = ExtensionPoints(rawValue: 1 << 4)
    static let preBind = ExtensionPoints(rawValue: 1 << 5)
    static let postFilter = ExtensionPoints(rawValue: 1 << 6)
    static let preFilterExtensions = ExtensionPoints(rawValue: 1 << 7)
}

/// What a plugin is built from: its profile's configuration, the Kubernetes version being
/// simulated, the scheduler's resource slots (NodeResourcesFit interns scored resources) and
/// the plugin state every profile shares (k/k `framework.Handle`'s shared informers).
struct PluginConfiguration {
    /// The profile as configured.
    let profile: KubeSchedulerProfile
    /// The simulated Kubernetes version.
    let version: KubernetesVersion
    /// The scheduler's resource slots.
    var resources: ResourceIndex
    /// The framework's shared plugin state (the scheduler's; a fresh one outside a scheduler).
    let shared: SharedPluginState

    init(
        profile: KubeSchedulerProfile, version: KubernetesVersion, resources: ResourceIndex,
        shared: SharedPluginState = SharedPluginState()
    ) {
        self.profile = profile
        self.version = version
        self.resources = resources
        self.shared = shared
    }

    /// The profile's `pluginConfig` args for `plugin`, of its ``SchedulerPlugin/Args`` type.
    func args<Plugin: SchedulerPlugin>(of plugin: Plugin.Type) -> Plugin.Args? {
        guard let args = profile.args(for: Plugin.name) else { return nil }
        guard let typed = args.as(Plugin.Args.self) else {
            preconditionFailure(
                "\(Plugin.name) args were decoded without the plugin's args type; "
                    + "load configurations with ManifestLoader.Options.scheduling")
        }
        return typed
    }
}

/// The args type of a plugin that takes none.
struct NoArgs: PluginArguments {}
