import KubeModel
import SimulationCore
import Stochastics

/// One scheduling attempt (k/k `pkg/scheduler/schedule_one.go`).
extension Scheduler {
    func scheduleOne(_ pod: PodID) {
        let object = cluster.api[pod]
        // skipPodSchedule: deleted, being deleted, or already assumed/bound.
        if object.isRemoved || object.nodeID != nil || object.isTerminating
            || (cache.pods[pod.value]?.countedOn ?? -1) >= 0
        {
            queue.remove(pod)
            return
        }
        attempts += 1
        let profileIndex = queue.infos[pod.value].profile
        let info = podInfo(pod, object: object)
        var state = CycleState(
            pod: pod, object: object, info: info, profile: profileIndex,
            addedAffinity: profiles[profileIndex].addedAffinity)
        let n = cache.nodeCount
        if n == 0 {
            // ErrNoNodesAvailable: an error, not a FitError; the pod goes to backoff.
            recordFailure(
                pod, profile: profileIndex, message: "no nodes available to schedule pods",
                reason: "SchedulerError", rejectors: .all, toBackoff: true, nominate: nil)
            return
        }
        runPreFilters(&state, profile: profileIndex)
        var explanation: SchedulingExplanation? =
            recordExplanations
            ? SchedulingExplanation(time: cluster.now, schedulerName: profiles[profileIndex].schedulerName, nodes: [])
            : nil

        // Nominated node first (evaluateNominatedNode): if it passes, it is used without scoring.
        if let nominated = object.status.nominatedNodeName, let node = cluster.api.nodeID(named: nominated),
            node.value < cache.nodes.count, !cache.nodes[node.value].isRemoved
        {
            let status = filterNode(&state, profile: profileIndex, node: node.value)
            if status.isSuccess {
                explanation?.nodes.append(verdict(node.value, status, profile: profileIndex))
                assume(pod, object: object, on: node.value, profile: profileIndex, explanation: &explanation)
                return
            }
        }

        findNodesThatFit(&state, profile: profileIndex, explanation: &explanation)
        if scratch.feasible.isEmpty {
            handleFitError(pod, state: state, profile: profileIndex, explanation: &explanation)
            return
        }
        let chosen: Int
        if scratch.feasible.count == 1 {
            chosen = Int(scratch.feasible[0])
        } else {
            chosen = prioritizeAndSelect(&state, profile: profileIndex, explanation: &explanation)
        }
        assume(pod, object: object, on: chosen, profile: profileIndex, explanation: &explanation)
    }

    // MARK: - Filter

    /// Runs the profile's filters on one node, stopping at the first rejection. Pods nominated
    /// to the node with priority ≥ the pod's are added first (addGeneralNominatedPods).
    /// `state` is inout only to be borrowed without a copy; the filters do not change it.
    @inline(__always)
    func filterNode(_ state: inout CycleState, profile: ProfileIndex, node: Int) -> FilterStatus {
        if !cache.nodes[node].nominatedPods.isEmpty {
            var copy = cache.nodes[node]
            var simulated = state
            for other in copy.nominatedPods where other != state.pod {
                guard let info = cache.pods[other.value], info.countedOn < 0, info.priority >= state.info.priority
                else { continue }
                copy.add(other, request: info.request, ports: info.ports)
                runAddPod(&simulated, other, to: copy, profile: profile)
            }
            return runFilters(simulated, profile: profile, node: copy)
        }
        return withUnsafePointer(to: &state) { state in
            cache.nodes.withUnsafeBufferPointer { nodes in
                runFilters(state, profile: profile, node: nodes.baseAddress! + node)
            }
        }
    }

    /// Sequential scan from `nextStartNodeIndex` until K feasible nodes are found
    /// (findNodesThatPassFilters); every evaluated node is counted in `processed`.
    func findNodesThatFit(_ state: inout CycleState, profile: ProfileIndex, explanation: inout SchedulingExplanation?) {
        var feasible = scratch.feasible
        var failed = scratch.failed
        scratch.feasible = []
        scratch.failed = []
        failed.removeAll(keepingCapacity: true)
        let n = cache.tree.order.count
        let k =
            profiles[profile].scorers.isEmpty
            ? 1
            : Self.numFeasibleNodesToFind(
                percentage: profiles[profile].percentageOfNodesToScore ?? percentageOfNodesToScore, numAllNodes: n)
        // Plain nodes (hot record not `slow`) need only NodeResourcesFit's hot-scalar check when
        // every other filter passes there for this pod.
        let fastPath = podTakesFastPath(state, profile: profile) ? NodeResourcesFit.FastPath(state.info.request) : nil
        let checkFit = profiles[profile].filtersByResources
        let recording = explanation != nil
        let start = nextStartNodeIndex % n
        // At most k nodes are feasible: they are written in place, with no append per node.
        feasible.removeAll(keepingCapacity: true)
        feasible.append(contentsOf: repeatElement(0, count: k))
        // Over the buffers: through the arrays, each node's order and hot record paid a
        // bounds check (about 300 nodes a pod).
        let order = cache.tree.order
        let hotRecords = cache.hot
        let (found, processed) = feasible.withUnsafeMutableBufferPointer { out in
            order.withUnsafeBufferPointer { order in
                hotRecords.withUnsafeBufferPointer { hot -> (found: Int, processed: Int) in
                    var found = 0
                    var processed = 0
                    var i = start
                    while processed < n {
                        if let fastPath, !recording {
                            let plain = PlainNodeScan(order: order, hot: hot, fit: fastPath, checkFit: checkFit)
                            plain.run(from: &i, found: &found, processed: &processed, k: k, n: n, into: out)
                            if found >= k || processed == n { break }
                        }
                        let node = Int(order[i])
                        processed += 1
                        if let fastPath, !hot[node].slow, !checkFit || fastPath.fits(hot[node]) {
                            out[found] = Int32(node)
                            found += 1
                            if recording { explanation!.nodes.append(verdict(node, .success, profile: profile)) }
                        } else {
                            let status = filterNode(&state, profile: profile, node: node)
                            if status.isSuccess {
                                out[found] = Int32(node)
                                found += 1
                            } else {
                                failed.append((Int32(node), status))
                            }
                            if recording { explanation!.nodes.append(verdict(node, status, profile: profile)) }
                        }
                        if found >= k { break }
                        i += 1
                        if i == n { i = 0 }
                    }
                    return (found, processed)
                }
            }
        }
        feasible.removeLast(k - found)
        nextStartNodeIndex = (start + processed) % n
        scratch.feasible = feasible
        scratch.failed = failed
    }

    // MARK: - Score and select

    /// PreScore, Score, NormalizeScore, weights, then a uniform choice among the maxima
    /// (selectHost reservoir sampling with the seeded `scheduler/ties` stream).
    func prioritizeAndSelect(
        _ state: inout CycleState, profile: ProfileIndex, explanation: inout SchedulingExplanation?
    ) -> Int {
        let count = scratch.feasible.count
        var totals = scratch.totals
        scratch.totals = []
        totals.removeAll(keepingCapacity: true)
        totals.append(contentsOf: repeatElement(0, count: count))
        if scratch.scores.count < count { scratch.scores = [Int64](repeating: 0, count: count) }
        let p = profiles[profile]
        var perPlugin: [[Int64]] = []
        // The weighted scores common to every node, left out of `totals` (see ScorePass.uniform)
        // and added back where an explanation shows the totals.
        var uniformTotal: Int64 = 0
        for index in p.scorers.indices {
            let pass = scorePlugin(p.scorers[index].plugin, &state, count: count)
            let weight = p.scorers[index].weight
            if explanation != nil {
                switch pass {
                case .skipped: perPlugin.append([Int64](repeating: 0, count: count))
                case .scored: perPlugin.append(Array(scratch.scores[0..<count]))
                case .uniform(let score): perPlugin.append([Int64](repeating: score, count: count))
                }
            }
            switch pass {
            case .skipped: continue
            case .uniform(let score):
                uniformTotal += score * weight
                continue
            case .scored: break
            }
            scratch.scores.withUnsafeBufferPointer { s in
                totals.withUnsafeMutableBufferPointer { totals in
                    for j in 0..<count { totals[j] += s[j] * weight }
                }
            }
        }
        // selectHost: a uniform choice among the maxima (upstream: reservoir sampling, one draw
        // per tie; here one draw per attempt — the same distribution, fewer random numbers).
        let (bestScore, tied) = totals.withUnsafeBufferPointer { totals in
            var bestScore = totals[0]
            var tied = 0
            for j in 0..<count {
                let s = totals[j]
                if s > bestScore {
                    bestScore = s
                    tied = 1
                } else if s == bestScore {
                    tied += 1
                }
            }
            return (bestScore, tied)
        }
        var best = 0
        if tied > 1 && cluster.configuration.tieBreak == .nodeOrder {
            // The node first in the per-seed order (the FGD artifact's fork: smallest name).
            var bestKey = UInt64.max
            var bestNode = Int32.max
            for j in 0..<count where totals[j] == bestScore {
                let node = scratch.feasible[j]
                let key = Int(node) < nodeOrderKeys.count ? nodeOrderKeys[Int(node)] : UInt64.max
                if key < bestKey || (key == bestKey && node < bestNode) {
                    bestKey = key
                    bestNode = node
                    best = j
                }
            }
        } else {
            var pick = tied > 1 ? ties.integer(below: tied) : 0
            for j in 0..<count where totals[j] == bestScore {
                if pick == 0 {
                    best = j
                    break
                }
                pick -= 1
            }
        }
        if explanation != nil {
            var row: [Int32: Int] = [:]
            for (v, verdict) in explanation!.nodes.enumerated() {
                if let id = cluster.api.nodeID(named: verdict.node) { row[Int32(id.value)] = v }
            }
            for j in 0..<count {
                if let v = row[scratch.feasible[j]] {
                    explanation!.nodes[v].scores = p.scorers.enumerated().map {
                        (plugin: $0.element.name, score: perPlugin[$0.offset][j], weight: $0.element.weight)
                    }
                    explanation!.nodes[v].total = totals[j] + uniformTotal
                }
            }
        }
        scratch.totals = totals
        return Int(scratch.feasible[best])
    }

    // MARK: - Assume and bind

    /// The end of the scheduling cycle and the binding cycle (schedule_one.go
    /// `schedulingCycle`, `bindingCycle`): Reserve, assume (the cache counts the pod), Permit,
    /// PreBind, then the binding. A Reserve or Permit rejection runs every Unreserve, forgets
    /// the assumed pod (`Cache.ForgetPod`) and fails the attempt. Reserve runs before the cache
    /// counts the pod (upstream: after) because FGD's Reserve picks the device the cache takes.
    func assume(
        _ pod: PodID, object: PodObject, on node: Int, profile: ProfileIndex, explanation: inout SchedulingExplanation?
    ) {
        if let rejection = runReserve(pod, node: node, profile: profile) {
            runUnreserve(pod, node: node, profile: profile)
            failReserved(pod, rejection.status, profile: profile, explanation: &explanation)
            return
        }
        countPod(pod, object: object, on: node)
        if let rejection = runPermit(pod, node: node, profile: profile) {
            runUnreserve(pod, node: node, profile: profile)
            uncountPod(pod)
            failReserved(pod, rejection.status, profile: profile, explanation: &explanation)
            return
        }
        runPreBind(pod, node: node, profile: profile)
        queue.remove(pod)
        clearNomination(pod)
        scheduledCount += 1
        if var e = explanation {
            e.chosenNode = cache.nodes[node].name
            explanations[pod] = e
        }
        cluster.emit(.schedulingAttempt(pod, scheduled: true))
        let latency = cluster.configuration.bindLatency
        if timing.isRealistic {
            let visible = timing.bindingVisible(pod, at: cluster.now, extra: latency)
            schedule(.scheduler(.bindComplete(pod, NodeID(node))), at: visible)
        } else if latency > .zero {
            timing.noteBindingStart(pod, at: cluster.now)
            schedule(.scheduler(.bindComplete(pod, NodeID(node))), after: latency)
        } else {
            finishBinding(pod, NodeID(node))
        }
    }

    /// A Reserve or Permit rejection (schedule_one.go `schedulingCycle`): a rejection is a
    /// FitError over the one chosen node (`NumAllNodes: 1`, "0/1 nodes are available: …") and
    /// leaves the pod unschedulable; any other code is an error and sends it to backoff.
    func failReserved(
        _ pod: PodID, _ status: PluginStatus, profile: ProfileIndex, explanation: inout SchedulingExplanation?
    ) {
        let rejected = status.code == .unschedulable || status.code == .unschedulableAndUnresolvable
        let message =
            rejected
            ? Self.fitErrorMessage(numAllNodes: 1, reasons: status.reasons) : status.reasons.joined(separator: ", ")
        clearNomination(pod)
        if var e = explanation {
            e.message = message
            explanations[pod] = e
        }
        recordFailure(
            pod, profile: profile, message: message, reason: rejected ? "Unschedulable" : "SchedulerError",
            rejectors: .all, toBackoff: !rejected, nominate: nil)
    }

    /// The binding cycle's end: the DefaultBinder's API call, then the `Scheduled` event. A
    /// binding that fails (the pod was deleted or bound meanwhile) runs every Unreserve
    /// (schedule_one.go `handleBindingCycleError`); the cache already dropped the pod.
    func finishBinding(_ pod: PodID, _ node: NodeID) {
        let profile = pod.value < queue.infos.count ? queue.infos[pod.value].profile : .first
        // The facts, not a copy of the object: a copy alive across `bind` shares the manifest's
        // box, and bind's write of `nodeName` then copied the whole manifest.
        let facts = cluster.api.podFacts[pod.value]
        guard !facts.isRemoved, !facts.isBound else {
            runUnreserve(pod, node: node.value, profile: profile)
            return
        }
        cluster.bind(pod, to: node, bindingStartedAt: timing.bindingStart(pod) ?? cluster.now)
        let (namespace, name) = cluster.withPod(pod) { ($0.pointee.namespace, $0.pointee.name) }
        let nodeName = cluster.api.nodes.withUnsafeBufferPointer { $0[node.value].name }
        cluster.recordEvent(
            .normal, "Scheduled", "Successfully assigned \(namespace)/\(name) to \(nodeName)",
            pod: pod, component: profiles[profile].schedulerName)
    }

    func verdict(_ node: Int, _ status: FilterStatus, profile: ProfileIndex) -> SchedulingExplanation.NodeVerdict {
        SchedulingExplanation.NodeVerdict(
            node: cache.nodes[node].name, feasible: status.isSuccess,
            plugin: status.isSuccess ? nil : profiles[profile].filterNames[Int(status.plugin)],
            reasons: status.isSuccess ? [] : reasonStrings(status), scores: [], total: nil)
    }

    /// The reason strings of a status, in the order the plugin reports them.
    func reasonStrings(_ status: FilterStatus) -> [String] {
        var result: [String] = []
        if status.tooManyPods { result.append("Too many pods") }
        if status.insufficient != 0 {
            for slot in 0..<64 where status.insufficient & (1 << UInt64(slot)) != 0 {
                result.append("Insufficient " + cache.resources.names[slot])
            }
        }
        if result.isEmpty { result.append(reasons.strings[Int(status.reason)]) }
        return result
    }
}
