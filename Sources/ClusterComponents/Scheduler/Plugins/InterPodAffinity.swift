import KubeModel

/// A pod (anti-)affinity term resolved for matching (k/k `framework.AffinityTerm`).
struct AffinityTermMatcher {
    var selector: LabelSelector?
    /// nil: all namespaces.
    var namespaces: [String]?
    var topologyKey: String
    var weight: Int64

    /// Resolves `term` for a pod in `namespace` (namespaceSelector is approximated: an empty one
    /// selects all namespaces, a non-empty one is treated as all namespaces too, since kubesim
    /// has no Namespace labels to evaluate it against).
    init(_ term: PodAffinityTerm, namespace: String, weight: Int64 = 1, podLabels: [String: String]) {
        var selector = term.labelSelector
        if var s = selector {
            for key in term.matchLabelKeys ?? [] {
                if let value = podLabels[key] {
                    var m = s.matchLabels ?? [:]
                    m[key] = value
                    s.matchLabels = m
                }
            }
            selector = s
        }
        self.selector = selector
        if term.namespaceSelector != nil {
            namespaces = nil
        } else if let list = term.namespaces, !list.isEmpty {
            namespaces = list
        } else {
            namespaces = [namespace]
        }
        topologyKey = term.topologyKey
        self.weight = weight
    }

    /// Whether a pod with these labels in this namespace matches.
    func matches(namespace: String, labels: [String: String]) -> Bool {
        if let namespaces, !namespaces.contains(namespace) { return false }
        guard let selector else { return false }
        return selector.matches(labels)
    }
}

/// The resolved terms of one pod.
struct PodAffinityTerms {
    var requiredAffinity: [AffinityTermMatcher] = []
    var requiredAntiAffinity: [AffinityTermMatcher] = []
    var preferredAffinity: [AffinityTermMatcher] = []
    var preferredAntiAffinity: [AffinityTermMatcher] = []

    init(_ spec: PodSpec, namespace: String, labels: [String: String]) {
        let a = spec.affinity
        requiredAffinity = (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTermMatcher($0, namespace: namespace, podLabels: labels)
        }
        requiredAntiAffinity = (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTermMatcher($0, namespace: namespace, podLabels: labels)
        }
        preferredAffinity = (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTermMatcher($0.podAffinityTerm, namespace: namespace, weight: Int64($0.weight), podLabels: labels)
        }
        preferredAntiAffinity = (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTermMatcher($0.podAffinityTerm, namespace: namespace, weight: Int64($0.weight), podLabels: labels)
        }
    }

    var isEmpty: Bool {
        requiredAffinity.isEmpty && requiredAntiAffinity.isEmpty && preferredAffinity.isEmpty
            && preferredAntiAffinity.isEmpty
    }
}

/// Topology pair key.
struct TopologyPair: Hashable {
    var key: String
    var value: String
}

/// InterPodAffinity PreFilter state (k/k `plugins/interpodaffinity/filtering.go` `preFilterState`).
struct InterPodAffinityFilterState {
    var terms: PodAffinityTerms
    var existingAntiAffinityCounts: [TopologyPair: Int] = [:]
    var affinityCounts: [TopologyPair: Int] = [:]
    var antiAffinityCounts: [TopologyPair: Int] = [:]
    /// The pod matches all its own required affinity terms (first pod of a group may go anywhere
    /// the keys exist).
    var matchesOwnAffinity = false
}

/// InterPodAffinity (k/k `plugins/interpodaffinity/{filtering,scoring}.go`).
struct InterPodAffinity: PreFilterPlugin, FilterPlugin, ScorePlugin {
    static let name = "InterPodAffinity"
    typealias Args = InterPodAffinityArgs
    static var helpedByPodRemoval: Bool { true }
    /// The PreFilter state's key.
    static let preFilterStateKey = CycleStateKey<InterPodAffinityFilterState>(Self.self)
    /// `InterPodAffinityArgs.hardPodAffinityWeight` (default 1).
    let hardPodAffinityWeight: Int64
    /// `InterPodAffinityArgs.ignorePreferredTermsOfExistingPods`.
    let ignorePreferredTermsOfExistingPods: Bool

    init(_ configuration: inout PluginConfiguration) {
        let args = configuration.args(of: Self.self)
        hardPodAffinityWeight = Int64(args?.hardPodAffinityWeight ?? 1)
        ignorePreferredTermsOfExistingPods = args?.ignorePreferredTermsOfExistingPods ?? false
    }

    /// PreFilter (filtering.go PreFilter): the counts of matching pods per topology pair, when
    /// the pod has required terms or some counted pod has affinity terms.
    func preFilter(_ state: inout CycleState, _ scheduler: Scheduler) {
        let terms = PodAffinityTerms(state.spec, namespace: state.namespace, labels: state.labels)
        if !terms.requiredAffinity.isEmpty || !terms.requiredAntiAffinity.isEmpty
            || !scheduler.cache.affinityPods.isEmpty
        {
            state.write(Self.preFilterStateKey, scheduler.affinityFilterState(state, terms))
        }
    }

    /// A pod without PreFilter state passes everywhere.
    func passesOnPlainNodes(_ state: CycleState) -> Bool { state.read(Self.preFilterStateKey) == nil }

    func scoreFeasible(_ state: inout CycleState, count: Int, _ scheduler: Scheduler) -> ScorePass {
        scheduler.interPodAffinityScore(
            state, hardWeight: hardPodAffinityWeight, ignorePreferred: ignorePreferredTermsOfExistingPods, count: count)
    }

    /// Filter: required affinity (UnschedulableAndUnresolvable), own anti-affinity and existing
    /// pods' anti-affinity (Unschedulable), in that order.
    func filter(_ state: CycleState, _ node: NodeInfo, _ scheduler: Scheduler) -> FilterStatus {
        guard let s = state.read(Self.preFilterStateKey) else { return .success }
        let reasons = scheduler.builtin
        // satisfyPodAffinity
        if !s.terms.requiredAffinity.isEmpty {
            var podsExist = true
            for term in s.terms.requiredAffinity {
                guard let value = node.labels[term.topologyKey] else {
                    return FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.affinityNotMatch)
                }
                if (s.affinityCounts[TopologyPair(key: term.topologyKey, value: value)] ?? 0) <= 0 { podsExist = false }
            }
            if !podsExist && !(s.affinityCounts.isEmpty && s.matchesOwnAffinity) {
                return FilterStatus(code: .unschedulableAndUnresolvable, reason: reasons.affinityNotMatch)
            }
        }
        // satisfyPodAntiAffinity
        if !s.antiAffinityCounts.isEmpty {
            for term in s.terms.requiredAntiAffinity {
                if let value = node.labels[term.topologyKey],
                    (s.antiAffinityCounts[TopologyPair(key: term.topologyKey, value: value)] ?? 0) > 0
                {
                    return FilterStatus(code: .unschedulable, reason: reasons.antiAffinityNotMatch)
                }
            }
        }
        // satisfyExistingPodsAntiAffinity
        if !s.existingAntiAffinityCounts.isEmpty {
            for (pair, count) in s.existingAntiAffinityCounts where count > 0 && node.labels[pair.key] == pair.value {
                return FilterStatus(code: .unschedulable, reason: reasons.existingAntiAffinityNotMatch)
            }
        }
        return .success
    }
}
