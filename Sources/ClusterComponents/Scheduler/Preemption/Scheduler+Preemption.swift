import KubeModel
import SimulationCore

/// DefaultPreemption (k/k `plugins/defaultpreemption/default_preemption.go`,
/// `framework/preemption/preemption.go`): Evaluator.Preempt → findCandidates →
/// DryRunPreemption → SelectCandidate → prepareCandidate.
///
/// Deviations: PodDisruptionBudgets are not modelled (0 violations everywhere), and the dry run
/// re-evaluates node-local filters only (PodTopologySpread/InterPodAffinity keep the state
/// computed before the victims were removed).
extension Scheduler {
    struct PreemptionCandidate {
        var node: Int
        /// Victims, most important first.
        var victims: [PodID]
    }

    /// - Returns: the nominated node, or the PostFilter message (without the `preemption: ` prefix).
    func preempt(
        _ pod: PodID, state: CycleState, profile: ProfileIndex, using plugin: DefaultPreemption
    ) -> (
        node: Int?, message: String?
    ) {
        let object = cluster.api[pod]
        let n = cache.nodeCount
        // PodEligibleToPreemptOthers.
        if object.pod.spec.preemptionPolicy?.rawValue == "Never" {
            return (nil, "not eligible due to preemptionPolicy=Never.")
        }
        var statusByNode: [Int32: FilterStatus] = [:]
        for entry in scratch.failed { statusByNode[entry.node] = entry.status }
        if let name = object.status.nominatedNodeName, let node = cluster.api.nodeID(named: name),
            node.value < cache.nodes.count
        {
            let nominatedStatus = statusByNode[Int32(node.value)]
            if nominatedStatus?.code != .unschedulableAndUnresolvable {
                for other in cache.nodes[node.value].pods {
                    let o = cluster.api[other]
                    if o.isTerminating && (cache.pods[other.value]?.priority ?? 0) < state.info.priority {
                        return (nil, "not eligible due to a terminating pod on the nominated node.")
                    }
                }
            }
        }
        // nodesWherePreemptionMightHelp: only Unschedulable (not …AndUnresolvable) nodes.
        var potential: [Int] = []
        for index in cache.tree.order where statusByNode[index]?.code == .unschedulable { potential.append(Int(index)) }
        let notHelpful = "Preemption is not helpful for scheduling"
        if potential.isEmpty {
            return (nil, Self.fitErrorMessage(numAllNodes: n, reasons: [], absent: (n, notHelpful)))
        }
        // calculateNumCandidates + random offset (GetOffsetAndNumCandidates).
        var numCandidates = potential.count * plugin.minCandidateNodesPercentage / 100
        if numCandidates < plugin.minCandidateNodesAbsolute { numCandidates = plugin.minCandidateNodesAbsolute }
        if numCandidates > potential.count { numCandidates = potential.count }
        let offset = preemptionRandom.integer(below: potential.count)
        var candidates: [PreemptionCandidate] = []
        var dryRunReasons: [String] = []
        for i in 0..<potential.count {
            let node = potential[(offset + i) % potential.count]
            switch selectVictimsOnNode(state, profile: profile, node: node) {
            case .success(let victims): candidates.append(PreemptionCandidate(node: node, victims: victims))
            case .failure(let status): dryRunReasons.append(contentsOf: reasonStrings(status))
            }
            if candidates.count >= numCandidates { break }
        }
        guard !candidates.isEmpty else {
            return (
                nil,
                Self.fitErrorMessage(
                    numAllNodes: n, reasons: dryRunReasons, absent: (n - dryRunReasons.count, notHelpful))
            )
        }
        let chosen = pickOneNodeForPreemption(candidates)
        prepareCandidate(chosen, preemptor: pod, profile: profile)
        return (chosen.node, nil)
    }

    enum VictimSelection {
        case success([PodID])
        case failure(FilterStatus)
    }

    /// SelectVictimsOnNode: remove every strictly lower-priority pod, check the preemptor fits,
    /// then reprieve pods in importance order while it still fits.
    func selectVictimsOnNode(_ state: CycleState, profile: ProfileIndex, node: Int) -> VictimSelection {
        var info = cache.nodes[node]
        var simulated = state
        var potential: [PodID] = []
        for other in info.pods {
            guard let o = cache.pods[other.value], o.priority < state.info.priority else { continue }
            potential.append(other)
        }
        if potential.isEmpty {
            return .failure(FilterStatus(code: .unschedulableAndUnresolvable, reason: builtin.noVictims))
        }
        for other in potential {
            let o = cache.pods[other.value]!
            info.remove(other, request: o.request, ports: o.ports)
            runRemovePod(&simulated, other, from: info, profile: profile)
        }
        let status = runFiltersWithNominated(simulated, profile: profile, node: info)
        if !status.isSuccess { return .failure(status) }
        // MoreImportantPod: higher priority first, then earlier start.
        potential.sort { a, b in
            let pa = cache.pods[a.value]!.priority
            let pb = cache.pods[b.value]!.priority
            if pa != pb { return pa > pb }
            let sa = startTime(a)
            let sb = startTime(b)
            return sa != sb ? sa < sb : a < b
        }
        var victims: [PodID] = []
        for other in potential {
            let o = cache.pods[other.value]!
            info.add(other, request: o.request, ports: o.ports)
            runAddPod(&simulated, other, to: info, profile: profile)
            if !runFiltersWithNominated(simulated, profile: profile, node: info).isSuccess {
                info.remove(other, request: o.request, ports: o.ports)
                runRemovePod(&simulated, other, from: info, profile: profile)
                victims.append(other)
            }
        }
        return .success(victims)
    }

    func runFiltersWithNominated(_ state: CycleState, profile: ProfileIndex, node: NodeInfo) -> FilterStatus {
        var copy = node
        var simulated = state
        for other in node.nominatedPods where other != state.pod {
            guard let info = cache.pods[other.value], info.countedOn < 0, info.priority >= state.info.priority
            else { continue }
            copy.add(other, request: info.request, ports: info.ports)
            runAddPod(&simulated, other, to: copy, profile: profile)
        }
        return runFilters(simulated, profile: profile, node: copy)
    }

    /// `GetPodStartTime`: status.startTime, else when the scheduler counted it.
    func startTime(_ pod: PodID) -> SimulationTime {
        cluster.api[pod].status.startTime ?? cache.pods[pod.value]?.countedAt ?? .zero
    }

    /// pickOneNodeForPreemption: fewest PDB violations (always 0 here), lowest highest-victim
    /// priority, smallest sum of priorities (shifted by 2^31), fewest victims, latest earliest-start
    /// among the highest-priority victims, then the first.
    func pickOneNodeForPreemption(_ candidates: [PreemptionCandidate]) -> PreemptionCandidate {
        func priority(_ pod: PodID) -> Int64 { Int64(cache.pods[pod.value]?.priority ?? 0) }
        var remaining = candidates
        func keepMin(_ key: (PreemptionCandidate) -> Int64) {
            guard let best = remaining.map(key).min() else { return }
            remaining = remaining.filter { key($0) == best }
        }
        keepMin { $0.victims.first.map(priority) ?? Int64.min }
        keepMin { $0.victims.reduce(Int64(0)) { $0 + priority($1) + (1 << 31) } }
        keepMin { Int64($0.victims.count) }
        // Latest start time of the highest-priority victims: maximise → minimise the negation.
        keepMin { c in
            guard let top = c.victims.first.map(priority) else { return 0 }
            let earliest = c.victims.filter { priority($0) == top }.map { startTime($0).nanoseconds }.min() ?? 0
            return -earliest
        }
        return remaining[0]
    }

    /// prepareCandidate: mark and delete the victims gracefully, clear lower-priority
    /// nominations on the node.
    func prepareCandidate(_ candidate: PreemptionCandidate, preemptor: PodID, profile: ProfileIndex) {
        let preemptorObject = cluster.api[preemptor]
        let nodeName = cache.nodes[candidate.node].name
        let schedulerName = profiles[profile].schedulerName
        let now = cluster.now
        for victim in candidate.victims {
            cluster.updatePodStatus(victim) { status in
                status.setCondition(
                    "DisruptionTarget", .true, reason: "PreemptionByScheduler",
                    message: "\(schedulerName): preempting to accommodate a higher priority pod", at: now)
            }
            cluster.recordEvent(
                .normal, "Preempted", "Preempted by pod \(preemptorObject.uid) on node \(nodeName)", pod: victim,
                component: schedulerName)
            cluster.deletePod(victim, reason: .preemption)
        }
        let preemptorPriority = priority(of: preemptor)
        for other in cache.nodes[candidate.node].nominatedPods where other != preemptor {
            guard priority(of: other) < preemptorPriority else { continue }
            clearNomination(other)
            cluster.updatePodStatus(other) { $0.nominatedNodeName = nil }
        }
    }
}
