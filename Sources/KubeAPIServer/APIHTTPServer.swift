import NIOCore
import NIOHTTP1
import NIOPosix

/// The served API on swift-nio: HTTP/1.1 on a loopback address, one event loop, every request
/// answered by an ``APIRouter`` over an immutable snapshot.
public final class APIHTTPServer: Sendable {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    /// The port bound (useful with port 0).
    public let port: Int

    /// Binds `host:port` (`port` 0 picks a free one) and starts serving one snapshot.
    /// - Throws: when the address cannot be bound.
    public convenience init(router: APIRouter, host: String = "127.0.0.1", port: Int) throws {
        try self.init(store: SnapshotStore(router.cluster), host: host, port: port)
    }

    /// Binds `host:port` (`port` 0 picks a free one) and starts serving the snapshots of `store`.
    /// - Throws: when the address cannot be bound.
    public init(store: SnapshotStore, host: String = "127.0.0.1", port: Int) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(APIHTTPHandler(store: store))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        self.group = group
        self.port = channel.localAddress?.port ?? port
    }

    /// Blocks until ``stop()`` is called.
    public func wait() throws { try channel.closeFuture.wait() }

    /// Stops listening and closes every connection.
    public func stop() {
        channel.close(promise: nil)
    }

    /// Releases the event loop (after ``wait()`` returned).
    public func shutdown() { try? group.syncShutdownGracefully() }
}

/// One connection: reads a request, writes the router's answer (a watch is written chunked and
/// left open until the client closes the connection).
final class APIHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let store: SnapshotStore
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var isWatching = false

    init(store: SnapshotStore) { self.store = store }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            // Only writes in play mode read their body (a patch); keep at most 1 MiB.
            if body.count < 1 << 20, let bytes = buffer.readBytes(length: buffer.readableBytes) { body += bytes }
        case .end:
            guard let head, !isWatching else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let request = APIRequest(
            method: head.method.rawValue, target: head.uri, accept: head.headers["Accept"].joined(separator: ","))
        let isEviction = request.method == "POST" && request.path.hasSuffix("/eviction")
        if store.acceptsWrites, ["DELETE", "PATCH", "PUT"].contains(request.method) || isEviction {
            let promise = context.eventLoop.makePromise(of: APIResponse.self)
            store.enqueue(SnapshotStore.PendingWrite(request: request, body: body, promise: promise))
            promise.futureResult.assumeIsolated().whenSuccess { response in
                self.write(response, for: head, request: request, cluster: nil, context: context)
            }
            return
        }
        let cluster = store.current
        let response = APIRouter(cluster: cluster).respond(to: request)
        write(response, for: head, request: request, cluster: cluster, context: context)
    }

    func write(
        _ response: APIResponse, for head: HTTPRequestHead, request: APIRequest, cluster: ServedCluster?,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        let status = HTTPResponseStatus(statusCode: response.status)
        var buffer = context.channel.allocator.buffer(capacity: response.body.utf8.count)
        buffer.writeString(response.body)
        if response.isWatch {
            isWatching = true
            headers.add(name: "Transfer-Encoding", value: "chunked")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            if buffer.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil) }
            context.flush()
            if let cluster { store.addWatch(channel: context.channel, request: request, from: cluster) }
            return
        }
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil)
        if head.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil) }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that went away mid-request or mid-watch: drop the connection, keep serving.
        context.close(promise: nil)
    }
}
