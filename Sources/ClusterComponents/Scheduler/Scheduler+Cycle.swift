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
        let info = cache.info(for: pod, object: object)
        var state = CycleState(
            pod: pod, object: object, info: info, addedAffinity: profiles[profileIndex].addedAffinity)
        let n = cache.nodeCount
        if n == 0 {
            // ErrNoNodesAvailable: an error, not a FitError; the pod goes to backoff.
            recordFailure(
                pod, profile: profileIndex, message: "no nodes available to schedule pods",
                reason: "SchedulerError", rejectors: .all, toBackoff: true, nominate: nil)
            return
        }
        preFilter(&state, profile: profileIndex)
        var explanation: SchedulingExplanation? =
            recordExplanations
            ? SchedulingExplanation(time: cluster.now, schedulerName: profiles[profileIndex].schedulerName, nodes: [])
            : nil

        // Nominated node first (evaluateNominatedNode): if it passes, it is used without scoring.
        if let nominated = object.status.nominatedNodeName, let node = cluster.api.nodeID(named: nominated),
            node.value < cache.nodes.count, !cache.nodes[node.value].isRemoved
        {
            let status = filterNode(state, profile: profileIndex, node: node.value)
            if status.isSuccess {
                explanation?.nodes.append(verdict(node.value, status, profile: profileIndex))
                assume(pod, object: object, on: node.value, profile: profileIndex, explanation: &explanation)
                return
            }
        }

        findNodesThatFit(state, profile: profileIndex, explanation: &explanation)
        if feasible.isEmpty {
            handleFitError(pod, state: state, profile: profileIndex, explanation: &explanation)
            return
        }
        let chosen: Int
        if feasible.count == 1 {
            chosen = Int(feasible[0])
        } else {
            chosen = prioritizeAndSelect(state, profile: profileIndex, explanation: &explanation)
        }
        assume(pod, object: object, on: chosen, profile: profileIndex, explanation: &explanation)
    }

    // MARK: - PreFilter

    func preFilter(_ state: inout CycleState, profile: Int) {
        let p = profiles[profile]
        if p.filters.contains(.podTopologySpread) {
            let constraints = PodTopologySpread.constraints(
                spec: state.spec, labels: state.labels, ownerKey: state.info.ownerKey, args: p.spreadArgs)
            if !constraints.hard.isEmpty { state.spreadFilter = spreadFilterState(state, constraints.hard) }
        }
        if p.filters.contains(.interPodAffinity) {
            let terms = PodAffinityTerms(state.spec, namespace: state.namespace, labels: state.labels)
            if !terms.requiredAffinity.isEmpty || !terms.requiredAntiAffinity.isEmpty || !cache.affinityPods.isEmpty {
                state.affinityFilter = affinityFilterState(state, terms)
            }
        }
    }

    // MARK: - Filter

    /// Runs the profile's filters on one node, stopping at the first rejection. Pods nominated
    /// to the node with priority ≥ the pod's are added first (addGeneralNominatedPods).
    @inline(__always)
    func filterNode(_ state: CycleState, profile: Int, node: Int) -> FilterStatus {
        if !cache.nodes[node].nominatedPods.isEmpty {
            var copy = cache.nodes[node]
            for other in copy.nominatedPods where other != state.pod {
                guard let info = cache.pods[other.value], info.countedOn < 0, info.priority >= state.info.priority
                else { continue }
                copy.add(other, request: info.request, ports: info.ports)
                _ = copy.gpu.allocate(info.request.gpu)  // GPUShare: hold the nominated pod's devices
            }
            return runFilters(state, profile: profile, node: copy)
        }
        return runFilters(state, profile: profile, node: cache.nodes[node])
    }

    @inline(__always)
    func runFilters(_ state: CycleState, profile: Int, node: NodeInfo) -> FilterStatus {
        let filters = profiles[profile].filters
        for (index, filter) in filters.enumerated() {
            var status: FilterStatus
            switch filter {
            case .nodeUnschedulable: status = NodeUnschedulable.filter(state, node, builtin)
            case .nodeName: status = NodeName.filter(state, node, builtin)
            case .taintToleration: status = TaintToleration.filter(state, node, builtin, &reasons)
            case .nodeAffinity: status = NodeAffinityPlugin.filter(state, node, builtin)
            case .nodePorts: status = NodePorts.filter(state, node, builtin)
            case .nodeResourcesFit: status = profiles[profile].fit.filter(state, node, names: cache.resources.names)
            case .podTopologySpread: status = PodTopologySpread.filter(state, node, builtin)
            case .interPodAffinity: status = InterPodAffinity.filter(state, node, builtin)
            case .gpuShare: status = GPUShare.filter(state, node, builtin)
            case .custom(let i):
                let result = profiles[profile].customFilters[i].filter(podContext(state), node: node)
                status = FilterStatus(code: result.code)
                if result.code != .success {
                    status.reason = reasons.id(result.reasons.first ?? profiles[profile].filterNames[index])
                }
            }
            if !status.isSuccess {
                status.plugin = UInt8(truncatingIfNeeded: index)
                return status
            }
        }
        return .success
    }

    /// Whether every filter but NodeResourcesFit trivially passes for this pod on a node whose
    /// hot record is not `slow` (no taints, not unschedulable, no nominated pods).
    func podTakesFastPath(_ state: CycleState, profile: Int) -> Bool {
        if let name = state.spec.nodeName, !name.isEmpty { return false }
        if !state.nodeSelector.isEmpty || !state.requiredAffinity.isEmpty || state.hasPorts { return false }
        if state.spreadFilter != nil || state.affinityFilter != nil { return false }
        if state.info.request.gpu.isRequested { return false }
        let r = state.info.request.requested
        if r.count > ResourceIndex.firstScalar, r[ResourceIndex.firstScalar...].contains(where: { $0 != 0 }) {
            return false
        }
        return !profiles[profile].hasCustomFilters
    }

    /// Sequential scan from `nextStartNodeIndex` until K feasible nodes are found
    /// (findNodesThatPassFilters); every evaluated node is counted in `processed`.
    func findNodesThatFit(_ state: CycleState, profile: Int, explanation: inout SchedulingExplanation?) {
        var feasible = self.feasible
        var failed = self.failed
        self.feasible = []
        self.failed = []
        feasible.removeAll(keepingCapacity: true)
        failed.removeAll(keepingCapacity: true)
        let order = cache.tree.order
        let hot = cache.hot
        let n = order.count
        var k = Self.numFeasibleNodesToFind(
            percentage: profiles[profile].percentageOfNodesToScore ?? percentageOfNodesToScore, numAllNodes: n)
        if profiles[profile].scorers.isEmpty { k = 1 }
        let fast = podTakesFastPath(state, profile: profile)
        let checkFit = profiles[profile].filters.contains(.nodeResourcesFit)
        let request = state.info.request
        let cpu = request.value(ResourceIndex.cpu)
        let memory = request.value(ResourceIndex.memory)
        let ephemeral = request.value(ResourceIndex.ephemeralStorage)
        let recording = explanation != nil
        let start = nextStartNodeIndex % n
        var processed = 0
        var i = start
        for _ in 0..<n {
            let node = Int(order[i])
            processed += 1
            if fast && !hot[node].slow && (!checkFit || hot[node].fits(cpu: cpu, memory: memory, ephemeral: ephemeral))
            {
                feasible.append(Int32(node))
                if recording { explanation!.nodes.append(verdict(node, .success, profile: profile)) }
            } else {
                let status = filterNode(state, profile: profile, node: node)
                if status.isSuccess {
                    feasible.append(Int32(node))
                } else {
                    failed.append((Int32(node), status))
                }
                if recording { explanation!.nodes.append(verdict(node, status, profile: profile)) }
            }
            if feasible.count >= k { break }
            i += 1
            if i == n { i = 0 }
        }
        nextStartNodeIndex = (start + processed) % n
        self.feasible = feasible
        self.failed = failed
    }

    // MARK: - Score and select

    /// PreScore, Score, NormalizeScore, weights, then a uniform choice among the maxima
    /// (selectHost reservoir sampling with the seeded `scheduler/ties` stream).
    func prioritizeAndSelect(_ state: CycleState, profile: Int, explanation: inout SchedulingExplanation?) -> Int {
        let count = feasible.count
        var totals = self.totals
        self.totals = []
        totals.removeAll(keepingCapacity: true)
        totals.append(contentsOf: repeatElement(0, count: count))
        if scores.count < count { scores = [Int64](repeating: 0, count: count) }
        let p = profiles[profile]
        var perPlugin: [[Int64]] = []
        for scorer in p.scorers {
            let skipped = scorePlugin(scorer.plugin, state, profile: profile, count: count)
            if explanation != nil {
                perPlugin.append(skipped ? [Int64](repeating: 0, count: count) : Array(scores[0..<count]))
            }
            if skipped { continue }
            let weight = scorer.weight
            scores.withUnsafeBufferPointer { s in
                for j in 0..<count { totals[j] += s[j] * weight }
            }
        }
        // selectHost: a uniform choice among the maxima (upstream: reservoir sampling, one draw
        // per tie; here one draw per attempt — the same distribution, fewer random numbers).
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
        var best = 0
        if tied > 1 && cluster.configuration.tieBreak == .nodeOrder {
            // The node first in the per-seed order (the FGD artifact's fork: smallest name).
            var bestKey = UInt64.max
            var bestNode = Int32.max
            for j in 0..<count where totals[j] == bestScore {
                let node = feasible[j]
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
                if let v = row[feasible[j]] {
                    explanation!.nodes[v].scores = p.scorers.enumerated().map {
                        (plugin: $0.element.name, score: perPlugin[$0.offset][j], weight: $0.element.weight)
                    }
                    explanation!.nodes[v].total = totals[j]
                }
            }
        }
        self.totals = totals
        return Int(feasible[best])
    }

    /// Fills `scores[0..<count]` with one plugin's normalized scores.
    /// - Returns: true when PreScore skipped the plugin.
    func scorePlugin(_ plugin: ScoreRef, _ state: CycleState, profile: Int, count: Int) -> Bool {
        switch plugin {
        case .taintToleration:
            let tolerations = TaintToleration.preferTolerations(state.tolerations)
            let hot = cache.hot
            var scores = takeScores()
            var anyTaint = false
            for j in 0..<count {
                let node = Int(feasible[j])
                if hot[node].hasPreferTaints {
                    scores[j] = TaintToleration.score(tolerations, cache.nodes[node])
                    anyTaint = true
                } else {
                    scores[j] = 0
                }
            }
            if anyTaint {
                var slice = scores[0..<count]
                DefaultNormalizeScore.apply(&slice, reverse: true)
                scores.replaceSubrange(0..<count, with: slice)
            } else {
                for j in 0..<count { scores[j] = 100 }
            }
            self.scores = scores
        case .nodeAffinity:
            let terms = NodeAffinityPlugin.preferredTerms(state.spec, added: profiles[profile].addedAffinity)
            if terms.isEmpty { return true }
            for j in 0..<count { scores[j] = NodeAffinityPlugin.score(terms, cache.nodes[Int(feasible[j])]) }
            var slice = scores[0..<count]
            DefaultNormalizeScore.apply(&slice, reverse: false)
            scores.replaceSubrange(0..<count, with: slice)
        case .nodeResourcesFit:
            let fit = profiles[profile].fit
            var scores = takeScores()
            if fit.scoresHotOnly {
                let request = state.info.request
                memoizedHotScores(into: &scores, count: count, memo: \.fitMemo, profile: profile, request: request) {
                    fit.score(request, hot: $0)
                }
            } else {
                for j in 0..<count { scores[j] = fit.score(state, cache.nodes[Int(feasible[j])]) }
            }
            self.scores = scores
        case .balancedAllocation:
            let balanced = profiles[profile].balanced
            if balanced.skips(state) { return true }
            var scores = takeScores()
            if balanced.scoresHotOnly {
                let request = state.info.request
                memoizedHotScores(into: &scores, count: count, memo: \.balancedMemo, profile: profile, request: request)
                {
                    balanced.score(request, hot: $0)
                }
            } else {
                for j in 0..<count { scores[j] = balanced.score(state, cache.nodes[Int(feasible[j])]) }
            }
            self.scores = scores
        case .imageLocality:
            let containers = (state.spec.initContainers ?? []) + state.spec.containers
            var ids: [Int32] = []
            for c in containers {
                if let id = cache.imageIDs[ImageLocality.normalizedImageName(c.image ?? "")] { ids.append(id) }
            }
            // No image of the pod is on any node: every score is 0, the same as skipping.
            if ids.isEmpty { return true }
            let total = cache.nodeCount
            for j in 0..<count {
                scores[j] = ImageLocality.score(
                    images: ids, containers: containers.count, node: cache.nodes[Int(feasible[j])],
                    imageNodeCount: cache.imageNodeCount, totalNodes: total)
            }
        case .podTopologySpread:
            return !spreadScore(state, profile: profile, count: count)
        case .interPodAffinity:
            return !interPodAffinityScore(state, profile: profile, count: count)
        case .gpuBestFit: gpuBestFitScores(state, count: count)
        case .fgd: fgdScores(state, count: count)
        case .policy(let i):
            let context = podContext(state)
            let nodes = (0..<count).map { cache.nodes[Int(feasible[$0])] }
            if profiles[profile].policies[i].preScore(context, feasible: nodes, random: &policyRandom) == .skip {
                return true
            }
            var raw = [Int64](repeating: 0, count: count)
            let policy = profiles[profile].policies[i]
            for j in 0..<count { raw[j] = policy.score(context, node: nodes[j]) }
            policy.normalizeScore(&raw)
            for j in 0..<count { scores[j] = raw[j] }
        case .custom(let i):
            let context = podContext(state)
            let nodes = (0..<count).map { cache.nodes[Int(feasible[$0])] }
            if profiles[profile].customScorers[i].preScore(context, feasible: nodes, random: &policyRandom) == .skip {
                return true
            }
            let plugin = profiles[profile].customScorers[i]
            var raw = nodes.map { plugin.score(context, node: $0) }
            plugin.normalizeScore(&raw)
            for j in 0..<count { scores[j] = raw[j] }
        }
        return false
    }

    /// Moves the score buffer out of `self` (no exclusivity checks in the loops); the caller
    /// stores it back.
    @inline(__always)
    func takeScores() -> [Int64] {
        let scores = self.scores
        self.scores = []
        return scores
    }

    /// Scores the feasible nodes from their hot scalars, reusing a node's previous score while
    /// neither the node (its version) nor the pod's request (the memo key) changed; the results
    /// are identical to scoring every node.
    @inline(__always)
    func memoizedHotScores(
        into scores: inout [Int64], count: Int, memo path: ReferenceWritableKeyPath<Scheduler, [ScoreMemo]>,
        profile: Int, request: PodRequest, score: (NodeHot) -> Int64
    ) {
        let hot = cache.hot
        let key = MemoKey(request)
        let p = Int32(profile)
        var memo = takeMemo(path)
        for j in 0..<count {
            let node = Int(feasible[j])
            let h = hot[node]
            if memo[node].matches(h.version, p, key) {
                scores[j] = memo[node].score
            } else {
                let s = score(h)
                memo[node] = ScoreMemo(version: h.version, profile: p, key: key, score: s)
                scores[j] = s
            }
        }
        self[keyPath: path] = memo
    }

    /// Moves a memo out of `self`, sized to the node table.
    @inline(__always)
    func takeMemo(_ path: ReferenceWritableKeyPath<Scheduler, [ScoreMemo]>) -> [ScoreMemo] {
        var memo = self[keyPath: path]
        self[keyPath: path] = []
        if memo.count < cache.hot.count {
            memo.append(contentsOf: repeatElement(ScoreMemo(), count: cache.hot.count - memo.count))
        }
        return memo
    }

    func podContext(_ state: CycleState) -> PodContext {
        PodContext(
            id: state.pod, pod: cluster.api[state.pod].pod, request: state.info.request, priority: state.info.priority)
    }

    // MARK: - Assume and bind

    func assume(_ pod: PodID, object: PodObject, on node: Int, profile: Int, explanation: inout SchedulingExplanation?)
    {
        chooseGPUDevice(pod, on: node, profile: profile)
        cache.addPod(pod, object: object, to: node, at: cluster.now)
        recordGPUDevices(pod)
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
            let visible = timing.bindingVisible(at: cluster.now, extra: latency)
            cluster.schedule(.scheduler(.bindComplete(pod, NodeID(node))), at: visible)
        } else if latency > .zero {
            cluster.schedule(.scheduler(.bindComplete(pod, NodeID(node))), after: latency)
        } else {
            finishBinding(pod, NodeID(node))
        }
    }

    /// The binding cycle's end: the DefaultBinder's API call, then the `Scheduled` event.
    func finishBinding(_ pod: PodID, _ node: NodeID) {
        let object = cluster.api[pod]
        guard !object.isRemoved, object.nodeID == nil else { return }
        let profile = pod.value < queue.infos.count ? queue.infos[pod.value].profile : 0
        cluster.bind(pod, to: node)
        cluster.recordEvent(
            .normal, "Scheduled",
            "Successfully assigned \(object.namespace)/\(object.name) to \(cluster.api[node].name)",
            pod: pod, component: profiles[profile].schedulerName)
    }

    func verdict(_ node: Int, _ status: FilterStatus, profile: Int) -> SchedulingExplanation.NodeVerdict {
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
