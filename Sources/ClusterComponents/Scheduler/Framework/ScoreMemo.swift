/// A per-node memo of a resource score, valid while the node's accounting (``NodeHot/version``),
/// the profile and the pod's request are unchanged. Workloads of identical replicas change one
/// node per placement, so all other nodes reuse their last score; results are bit-identical.
struct ScoreMemo {
    var version: UInt32 = 0
    var profile: Int32 = -1
    var cpu: Int64 = 0
    var memory: Int64 = 0
    var ephemeral: Int64 = 0
    var nonZeroCPU: Int64 = 0
    var nonZeroMemory: Int64 = 0
    var score: Int64 = 0

    @inline(__always)
    func matches(_ version: UInt32, _ profile: Int32, _ key: MemoKey) -> Bool {
        self.version == version && self.profile == profile && cpu == key.cpu && memory == key.memory
            && ephemeral == key.ephemeral && nonZeroCPU == key.nonZeroCPU && nonZeroMemory == key.nonZeroMemory
    }

    @inline(__always)
    init(version: UInt32, profile: Int32, key: MemoKey, score: Int64) {
        self.version = version
        self.profile = profile
        cpu = key.cpu
        memory = key.memory
        ephemeral = key.ephemeral
        nonZeroCPU = key.nonZeroCPU
        nonZeroMemory = key.nonZeroMemory
        self.score = score
    }

    init() {}
}

/// The request fields a hot-path resource score depends on.
struct MemoKey {
    var cpu: Int64
    var memory: Int64
    var ephemeral: Int64
    var nonZeroCPU: Int64
    var nonZeroMemory: Int64

    init(_ request: PodRequest) {
        cpu = request.value(ResourceIndex.cpu)
        memory = request.value(ResourceIndex.memory)
        ephemeral = request.value(ResourceIndex.ephemeralStorage)
        nonZeroCPU = request.nonZeroCPU
        nonZeroMemory = request.nonZeroMemory
    }
}

extension Scheduler {
    /// Scores the feasible nodes from their hot scalars, reusing a node's previous score while
    /// neither the node (its version) nor the pod's request (the memo key) changed; the results
    /// are identical to scoring every node.
    @inline(__always)
    func memoizedHotScores(
        count: Int, memo path: ReferenceWritableKeyPath<Scheduler, [ScoreMemo]>, profile: ProfileIndex,
        request: PodRequest, score: (NodeHot) -> Int64
    ) {
        let hot = cache.hot
        let key = MemoKey(request)
        let p = profile.rawValue
        var memo = takeMemo(path)
        withFeasibleScores(count: count) { feasible, scores in
            hot.withUnsafeBufferPointer { hot in
                memo.withUnsafeMutableBufferPointer { memo in
                    for j in feasible.indices {
                        let node = Int(feasible[j])
                        let version = hot[node].version
                        if memo[node].matches(version, p, key) {
                            scores[j] = memo[node].score
                        } else {
                            let s = score(hot[node])
                            memo[node] = ScoreMemo(version: version, profile: p, key: key, score: s)
                            scores[j] = s
                        }
                    }
                }
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
}
