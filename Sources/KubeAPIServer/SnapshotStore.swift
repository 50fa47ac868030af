import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The snapshot being served. In play mode the simulation runs on and ``publish(_:)`` replaces
/// the snapshot; every open watch is then sent what changed in what it selects (ADDED,
/// MODIFIED, DELETED), one JSON line per event.
public final class SnapshotStore: Sendable {
    struct Watcher: Sendable {
        let channel: any Channel
        let request: APIRequest
        var last: [String: Seen]
    }

    struct Seen: Sendable {
        var fingerprint: String
        var object: ServedObject
    }

    /// A write waiting for the play loop.
    public struct PendingWrite: Sendable {
        /// The request.
        public var request: APIRequest
        /// Its body.
        public var body: [UInt8]
        /// Completed with the answer.
        public var promise: EventLoopPromise<APIResponse>
    }

    struct State: Sendable {
        var current: ServedCluster
        var watchers: [Int: Watcher] = [:]
        var nextID = 0
        var writes: [PendingWrite] = []
    }

    let state: NIOLockedValueBox<State>
    /// Whether writes are queued for the play loop (else they are answered 405 at once).
    public let acceptsWrites: Bool

    /// A store serving `cluster`; `acceptsWrites` in play mode.
    public init(_ cluster: ServedCluster, acceptsWrites: Bool = false) {
        state = NIOLockedValueBox(State(current: cluster))
        self.acceptsWrites = acceptsWrites
    }

    /// Queues a write for the play loop.
    func enqueue(_ write: PendingWrite) { state.withLockedValue { $0.writes.append(write) } }

    /// The writes queued since the last call, in arrival order.
    public func takeWrites() -> [PendingWrite] {
        state.withLockedValue { state in
            defer { state.writes = [] }
            return state.writes
        }
    }

    /// The snapshot served now.
    public var current: ServedCluster { state.withLockedValue { $0.current } }

    /// The number of open watches.
    public var watchCount: Int { state.withLockedValue { $0.watchers.count } }

    /// Keeps `channel` told about changes to what `request` selects, relative to `cluster`
    /// (the snapshot its answer came from), until the connection closes.
    func addWatch(channel: any Channel, request: APIRequest, from cluster: ServedCluster) {
        guard let (_, objects) = APIRouter(cluster: cluster).selected(by: request) else { return }
        let watcher = Watcher(channel: channel, request: request, last: Self.index(objects))
        let id = state.withLockedValue { state in
            state.nextID += 1
            state.watchers[state.nextID] = watcher
            return state.nextID
        }
        channel.closeFuture.whenComplete { [state] _ in
            state.withLockedValue { _ = $0.watchers.removeValue(forKey: id) }
        }
    }

    /// Serves `cluster` from now on and sends every open watch its changes.
    /// - Complexity: O(watches × selected objects).
    public func publish(_ cluster: ServedCluster) {
        let watchers = state.withLockedValue { state in
            state.current = cluster
            return state.watchers
        }
        let router = APIRouter(cluster: cluster)
        for (id, watcher) in watchers.sorted(by: { $0.key < $1.key }) {
            guard let (resource, objects) = router.selected(by: watcher.request) else { continue }
            let now = Self.index(objects)
            var lines = ""
            func line(_ type: String, _ object: ServedObject) {
                let payload =
                    router.isTable(watcher.request)
                    ? router.tableJSON(resource, [object], request: watcher.request, headers: false) : object.object
                lines += JSON.object([("type", .string(type)), ("object", payload)]).serialized() + "\n"
            }
            for object in objects {
                let key = (object.namespace ?? "") + "/" + object.name
                if let seen = watcher.last[key] {
                    if seen.fingerprint != now[key]!.fingerprint { line("MODIFIED", object) }
                } else {
                    line("ADDED", object)
                }
            }
            for (key, seen) in watcher.last.sorted(by: { $0.key < $1.key }) where now[key] == nil {
                line("DELETED", seen.object)
            }
            state.withLockedValue { $0.watchers[id]?.last = now }
            guard !lines.isEmpty else { continue }
            var buffer = watcher.channel.allocator.buffer(capacity: lines.utf8.count)
            buffer.writeString(lines)
            watcher.channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
        }
    }

    /// Objects by `namespace/name` with a fingerprint of their content (the list-wide
    /// resourceVersion left out, so only real changes count).
    static func index(_ objects: [ServedObject]) -> [String: Seen] {
        var result: [String: Seen] = [:]
        for object in objects {
            var content = object.object
            if let metadata = content["metadata"] {
                content = content.setting("metadata", to: metadata.setting("resourceVersion", to: .null))
            }
            result[(object.namespace ?? "") + "/" + object.name] = Seen(
                fingerprint: content.serialized(), object: object)
        }
        return result
    }
}
