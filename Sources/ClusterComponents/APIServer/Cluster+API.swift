import KubeModel
import SimulationCore
import Stochastics

/// Writes to the API server. Each write updates the store, notifies the components that
/// watch that kind (as informers would), and emits a record.
extension Cluster {
    /// The alphabet of generated name suffixes: consonants and digits that cannot spell words
    /// (k8s.io/apimachinery/pkg/util/rand `alphanums`), as ASCII bytes.
    static let nameSuffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// `length` characters of ``nameSuffixAlphabet``, each the one at `pick(alphabet size)`,
    /// written straight into the string's storage.
    /// - Complexity: O(length), one allocation at most (none up to 15 characters).
    static func nameSuffix(length: Int, _ pick: (Int) -> Int) -> String {
        String(unsafeUninitializedCapacity: length) { text in
            for index in 0..<length { text[index] = nameSuffixAlphabet[pick(nameSuffixAlphabet.count)] }
            return length
        }
    }

    /// A random suffix of `length` characters from the name stream (`generateName`, pod-template
    /// hashes' pod suffixes).
    public func randomNameSuffix(length: Int = 5) -> String {
        Self.nameSuffix(length: length) { nameSource.integer(below: $0) }
    }

    /// A deterministic RFC 4122-shaped uid.
    func nextUID() -> String {
        api.nameCounter += 1
        return Self.uid(RandomStreams.splitMix64(streams.seed ^ api.nameCounter))
    }

    /// The uid of an object kept in ``APIStore/objects`` (Namespace, ConfigMap, PriorityClass,
    /// …), from a sequence of its own so that storing one never shifts pods' and workloads' uids.
    func storedObjectUID(_ resourceVersion: Int) -> String {
        Self.uid(
            RandomStreams.splitMix64(
                RandomStreams.splitMix64(streams.seed ^ 0x6f62_6a65_6374) ^ UInt64(resourceVersion)))
    }

    /// An RFC 4122-shaped (version 4) uid from a 64-bit draw: `a`'s high 32 bits, its bits
    /// 16–31, version 4 and its low 12 bits, the variant (8–b) and 12 bits of a second draw,
    /// that draw's low 48 bits, in lowercase hex.
    ///
    /// Written digit by digit into the 36 bytes of the result: formatting and padding each
    /// group as a string of its own cost 14,000 instructions a pod.
    /// - Complexity: O(1), one allocation.
    static func uid(_ a: UInt64) -> String {
        let b = RandomStreams.splitMix64(a)
        return String(unsafeUninitializedCapacity: 36) { text in
            var end = 0
            // The low `digits` hex digits of `value`, zero-padded.
            func hex(_ value: UInt64, _ digits: Int) {
                for shift in stride(from: 4 * (digits - 1), through: 0, by: -4) {
                    let digit = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xf)
                    text[end] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") - 10 + digit
                    end += 1
                }
            }
            func dash() {
                text[end] = UInt8(ascii: "-")
                end += 1
            }
            hex(a >> 32, 8)
            dash()
            hex((a >> 16) & 0xffff, 4)
            dash()
            hex(0x4000 | (a & 0xfff), 4)
            dash()
            hex(0x8000 | ((b >> 62) << 12) | ((b >> 48) & 0xfff), 4)
            dash()
            hex(b & 0xffff_ffff_ffff, 12)
            return end
        }
    }

    // MARK: - Pods

    /// Creates a pod (already defaulted and validated), as `kubectl apply` would.
    /// - Returns: its id, or `nil` if a live pod of that name exists (AlreadyExists).
    @discardableResult
    public func createPod(_ manifest: Pod) -> PodID? { createPod(manifest, owner: .none) }

    /// Creates a pod whose controller is `owner` (the controllers' `PodControl`): the owner
    /// travels with the write, so the controller's informer files the pod under it at once.
    /// - Complexity: O(1) amortized; the manifest is moved into the store, not copied.
    func createPod(_ pod: consuming Pod, owner: PodControllerState.Owner) -> PodID? {
        let namespace = pod.metadata.namespace ?? "default"
        pod.metadata.namespace = namespace
        if pod.metadata.name?.isEmpty ?? true, let prefix = pod.metadata.generateName {
            pod.metadata.name = prefix + randomNameSuffix()
        }
        // ``APIStore/podID(namespace:name:)``'s key, built once for the check and the entry.
        let key = namespace + "/" + (pod.metadata.name ?? "")
        guard api.podsByName[key] == nil else { return nil }
        pod.metadata.uid = nextUID()
        let id = PodID(api.pods.count)
        let nodeName = pod.spec.nodeName
        // Moved into the store, then read there: PodFacts of a local object copied it.
        api.pods.append(PodObject(id: id, pod: consume pod, createdAt: now))
        api.podFacts.append(withPod(id) { PodFacts($0) })
        api.podsByName[key] = id
        emit(.podCreated(id))
        if let nodeName, let node = api.nodeID(named: nodeName) {
            // spec.nodeName bypasses the scheduler, as with a static assignment.
            bind(id, to: node)
        } else {
            scheduler.podAdded(id)
        }
        controllers.podCreated(id, owner: owner)
        return id
    }

    /// Requests deletion with a grace period, as `kubectl delete` does: sets
    /// `deletionTimestamp`; the kubelet terminates the containers and then removes the object.
    /// Unbound pods are removed at once.
    public func deletePod(_ id: PodID, gracePeriodSeconds: Int? = nil, reason: DeletionReason = .user) {
        let i = id.value
        guard !api.pods[i].isRemoved else { return }
        if api.pods[i].deletionTimestamp != nil {
            return  // already terminating; a shorter grace is not modelled
        }
        let grace = gracePeriodSeconds ?? withPod(id) { $0.pointee.pod.spec.terminationGracePeriodSeconds }
        let deletion = now + .seconds(grace)
        api.pods.withUnsafeMutableBufferPointer { pods in
            pods[i].deletionGracePeriodSeconds = grace
            pods[i].deletionTimestamp = deletion
        }
        refreshFacts(id)
        guard let node = api.pods[i].nodeID else {
            removePod(id)
            return
        }
        emit(.podUpdated(id))
        scheduler.podTerminating(id)
        kubelets[node.value].podDeletionRequested(id, gracePeriodSeconds: grace, reason: reason)
        controllers.podChanged(id)
    }

    /// Removes the pod object from the API (after the kubelet finalized it, or at once when it
    /// was never bound).
    public func removePod(_ id: PodID) {
        guard !api.pods[id.value].isRemoved else { return }
        api.pods.withUnsafeMutableBufferPointer { $0[id.value].isRemoved = true }
        refreshFacts(id)
        let key = withPod(id) { $0.pointee.namespace + "/" + $0.pointee.name }
        if api.podsByName[key] == id { api.podsByName[key] = nil }
        scheduler.podRemoved(id)
        emit(.podRemoved(id))
        controllers.podChanged(id)
    }

    /// Recomputes the facts of pod `id` from the stored object and tells the controllers what
    /// changed: after every write to a stored pod. Writes change the stored object in place
    /// (`api.pods`' buffer): a copy modified and written back shares the manifest's box, so any
    /// write to the manifest through it copies the whole `Pod`.
    private func refreshFacts(_ id: PodID) {
        let old = api.podFacts[id.value]
        api.podFacts[id.value] = withPod(id) { PodFacts($0) }
        controllers.podFactsChanged(id, from: old)
    }

    /// Binds a pod to a node (the `pods/binding` subresource) and hands it to that node's kubelet.
    /// `bindingStartedAt` is when the binder began (now when not given).
    public func bind(_ id: PodID, to node: NodeID, bindingStartedAt: SimulationTime? = nil) {
        let i = id.value
        guard !api.pods[i].isRemoved, api.pods[i].nodeID == nil else { return }
        let now = now
        let nodeName = api[node].name
        // In place (see refreshFacts): `nodeName` is a write to the manifest.
        api.pods.withUnsafeMutableBufferPointer { pods in
            pods[i].nodeID = node
            pods[i].boundAt = now
            pods[i].bindingStartedAt = bindingStartedAt ?? now
            pods[i].pod.spec.nodeName = nodeName
            pods[i].status.setCondition("PodScheduled", .true, at: now)
        }
        refreshFacts(id)
        emit(.podUpdated(id))
        scheduler.podBound(id, to: node)
        kubelets[node.value].podBound(id)
    }

    /// Writes a pod's status in place (the kubelet status manager's PATCH): `patch` changes the
    /// stored status field by field and says what it changed, so nothing is copied to be
    /// compared afterwards. ``updatePodStatus(_:_:)`` copied the stored status, rebuilt it and
    /// compared the two whole, then freed the old one: 6% of the envelope's main thread at
    /// 5,000 nodes, on every status write. `patch` must not read the cluster (the stored pods
    /// are lent to it).
    public func patchPodStatus(_ id: PodID, _ patch: (inout PodStatusRecord) -> PodStatusChanges) {
        let i = id.value
        let (wasTerminal, changes, isTerminal) = api.pods.withUnsafeMutableBufferPointer { pods in
            let wasTerminal = pods[i].status.phase.isTerminal
            let changes = patch(&pods[i].status)
            return (wasTerminal, changes, pods[i].status.phase.isTerminal)
        }
        guard changes.any else { return }
        statusChanged(id, becameTerminal: !wasTerminal && isTerminal, conditionsChanged: changes.conditions)
    }

    /// Replaces a pod's status (kubelet and scheduler status updates) and emits a record when
    /// anything changed.
    ///
    /// The stored object is read through the array's buffer: `api.pods[i].status` copied the
    /// whole ``PodObject`` (a retain and a release of each of its fields) for each read, three
    /// times per status write.
    public func updatePodStatus(_ id: PodID, _ change: (inout PodStatusRecord) -> Void) {
        let i = id.value
        var status = api.pods.withUnsafeBufferPointer { $0[i].status }
        change(&status)
        // The stored status is moved out to be compared and the new one swapped in, so nothing
        // is copied: comparing the stored one in place copied it first, and keeping a copy of
        // the old one for the comparisons below and assigning the new one cost another copy and
        // destroy of the whole status per write.
        var old = PodStatusRecord()
        api.pods.withUnsafeMutableBufferPointer { swap(&$0[i].status, &old) }
        guard old != status else {
            api.pods.withUnsafeMutableBufferPointer { swap(&$0[i].status, &old) }
            return
        }
        api.pods.withUnsafeMutableBufferPointer { swap(&$0[i].status, &status) }
        let (becameTerminal, conditionsChanged) = api.pods.withUnsafeBufferPointer {
            (!old.phase.isTerminal && $0[i].status.phase.isTerminal, $0[i].status.conditions != old.conditions)
        }
        statusChanged(id, becameTerminal: becameTerminal, conditionsChanged: conditionsChanged)
    }

    /// After a status write that changed something: the facts, the record, and the components
    /// watching pods.
    private func statusChanged(_ id: PodID, becameTerminal: Bool, conditionsChanged: Bool) {
        refreshFacts(id)
        emit(.podUpdated(id))
        if becameTerminal {
            scheduler.podTerminated(id)
            controllers.podChanged(id)
        } else if conditionsChanged {
            controllers.podChanged(id)
        }
    }

    // MARK: - Nodes

    /// Adds a node (defaulted: allocatable = capacity) and starts its kubelet.
    /// - Parameters:
    ///   - node: the manifest.
    ///   - pool: its pool's name, for statistics.
    ///   - kubeletConfiguration: the node's kubelet settings.
    ///   - preloadedImages: images already in its cache.
    @discardableResult
    public func addNode(
        _ node: Node, pool: String, kubeletConfiguration: KubeletConfiguration = .init(), preloadedImages: [String] = []
    ) -> NodeID {
        let id = NodeID(api.nodes.count)
        api.nodes.append(NodeObject(id: id, node: node, pool: pool, createdAt: now))
        api.nodesByName[node.metadata.name ?? ""] = id
        addKubelet(
            Kubelet(cluster: self, node: id, configuration: kubeletConfiguration, preloadedImages: preloadedImages))
        emit(.nodeUpdated(id))
        scheduler.nodeAdded(id)
        controllers.nodeChanged(id)
        return id
    }

    /// Updates a node object (taints, unschedulable, conditions) and tells the watchers.
    public func updateNode(_ id: NodeID, _ change: (inout NodeObject) -> Void) {
        change(&api.nodes[id.value])
        emit(.nodeUpdated(id))
        scheduler.nodeUpdated(id)
        controllers.nodeChanged(id)
    }
}

/// Why a pod is being deleted (changes the kubelet's messages and the statistics).
public enum DeletionReason: Sendable, Hashable {
    /// `kubectl delete`, a scale-down, a rollout.
    case user
    /// Preempted by the scheduler.
    case preemption
    /// Taint-based eviction by the node lifecycle controller.
    case taintEviction
    /// `kubectl drain`/the eviction API.
    case eviction
}
