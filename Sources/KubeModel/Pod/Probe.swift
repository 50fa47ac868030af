/// A health check (core/v1 `Probe`); numbers default as `SetDefaults_Probe` in
/// pkg/apis/core/v1/defaults.go: timeout 1 s, period 10 s, success 1, failure 3.
public struct Probe: Hashable, Sendable {
    /// Run a command; exit 0 is success.
    public var exec: ExecAction?
    /// HTTP GET; 200 ≤ status < 400 is success.
    public var httpGet: HTTPGetAction?
    /// TCP connect.
    public var tcpSocket: TCPSocketAction?
    /// gRPC health check.
    public var grpc: GRPCAction?
    /// Seconds after start before the first probe (default 0).
    public var initialDelaySeconds: Int
    /// Seconds before a probe times out (default 1).
    public var timeoutSeconds: Int
    /// Seconds between probes (default 10).
    public var periodSeconds: Int
    /// Consecutive successes to be considered successful (default 1).
    public var successThreshold: Int
    /// Consecutive failures to be considered failed (default 3).
    public var failureThreshold: Int
    /// Grace period override when the probe kills the container.
    public var terminationGracePeriodSeconds: Int?

    /// Creates a probe with the API defaults.
    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int = 0, timeoutSeconds: Int = 1, periodSeconds: Int = 10,
        successThreshold: Int = 1, failureThreshold: Int = 3, terminationGracePeriodSeconds: Int? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

extension Probe: Codable {
    /// Decodes and applies `SetDefaults_Probe`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        exec = try c.decodeIfPresent(ExecAction.self, forKey: .exec)
        httpGet = try c.decodeIfPresent(HTTPGetAction.self, forKey: .httpGet)
        tcpSocket = try c.decodeIfPresent(TCPSocketAction.self, forKey: .tcpSocket)
        grpc = try c.decodeIfPresent(GRPCAction.self, forKey: .grpc)
        initialDelaySeconds = try c.decode(.initialDelaySeconds, default: 0)
        timeoutSeconds = try c.decode(.timeoutSeconds, default: 1)
        periodSeconds = try c.decode(.periodSeconds, default: 10)
        successThreshold = try c.decode(.successThreshold, default: 1)
        failureThreshold = try c.decode(.failureThreshold, default: 3)
        terminationGracePeriodSeconds = try c.decodeIfPresent(Int.self, forKey: .terminationGracePeriodSeconds)
    }
}

/// Run a command in the container.
public struct ExecAction: Codable, Hashable, Sendable {
    /// The command line.
    public var command: [String]?
    /// Creates an action.
    public init(command: [String]? = nil) { self.command = command }
}

/// An HTTP GET request (`scheme` defaults to HTTP).
public struct HTTPGetAction: Codable, Hashable, Sendable {
    /// Path.
    public var path: String?
    /// Port number or name.
    public var port: IntOrString
    /// Host (defaults to the pod IP).
    public var host: String?
    /// HTTP or HTTPS.
    public var scheme: String?
    /// Extra headers (tolerated).
    public var httpHeaders: JSONValue?
    /// Creates an action.
    public init(path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
    }
}

/// A TCP connect.
public struct TCPSocketAction: Codable, Hashable, Sendable {
    /// Port number or name.
    public var port: IntOrString
    /// Host.
    public var host: String?
    /// Creates an action.
    public init(port: IntOrString, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// A gRPC health check.
public struct GRPCAction: Codable, Hashable, Sendable {
    /// Port number.
    public var port: Int
    /// Service name.
    public var service: String?
    /// Creates an action.
    public init(port: Int, service: String? = nil) {
        self.port = port
        self.service = service
    }
}

/// Sleep for a number of seconds (lifecycle hook).
public struct SleepAction: Codable, Hashable, Sendable {
    /// Seconds to sleep.
    public var seconds: Int
    /// Creates an action.
    public init(seconds: Int) { self.seconds = seconds }
}

/// Container lifecycle hooks (core/v1 `Lifecycle`).
public struct Lifecycle: Codable, Hashable, Sendable {
    /// Runs right after the container is created.
    public var postStart: LifecycleHandler?
    /// Runs before the container is stopped.
    public var preStop: LifecycleHandler?
    /// Signal to stop the container (ContainerStopSignals).
    public var stopSignal: String?
    /// Creates hooks.
    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil) {
        self.postStart = postStart
        self.preStop = preStop
    }
}

/// A lifecycle hook action.
public struct LifecycleHandler: Codable, Hashable, Sendable {
    /// Run a command.
    public var exec: ExecAction?
    /// HTTP GET.
    public var httpGet: HTTPGetAction?
    /// TCP connect (deprecated).
    public var tcpSocket: TCPSocketAction?
    /// Sleep.
    public var sleep: SleepAction?
    /// Creates a handler.
    public init(exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, sleep: SleepAction? = nil) {
        self.exec = exec
        self.httpGet = httpGet
        self.sleep = sleep
    }
}
