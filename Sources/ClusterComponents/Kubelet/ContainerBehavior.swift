import Stochastics

/// Identifies one container of a pod: init containers first, then app containers.
public struct ContainerRef: Hashable, Sendable {
    /// Whether it is an init container (regular or sidecar).
    public var isInit: Bool
    /// Index within its list.
    public var index: Int
    /// Name.
    public var name: String
    /// Image.
    public var image: String

    /// Creates a reference.
    public init(isInit: Bool, index: Int, name: String, image: String) {
        self.isInit = isInit
        self.index = index
        self.name = name
        self.image = image
    }
}

/// What a container does when it runs (the Scenario's `behaviors`).
public struct ContainerBehavior: Sendable, Hashable {
    /// One container instance's run: how long, and its exit code.
    public struct Run: Sendable, Hashable {
        /// Run time in seconds; `nil` runs until stopped.
        public var duration: Distribution?
        /// Exit code when it ends on its own.
        public var exitCode: Int32

        /// Creates a run.
        public init(duration: Distribution?, exitCode: Int32 = 0) {
            self.duration = duration
            self.exitCode = exitCode
        }
    }

    /// One entry per container instance; the last repeats.
    public var runs: [Run]
    /// Readiness passes this long (seconds) after start; `nil` means ready at once.
    public var readyAfter: Distribution?
    /// Seconds the process takes to exit after SIGTERM; `nil` ignores SIGTERM (killed at the end of the grace period).
    public var terminationDelay: Distribution? = .constant(0)
    /// Memory at start in bytes and growth in bytes per second (OOMKilled at the limit).
    public var memoryStart: Double = 0
    public var memoryGrowthPerSecond: Double = 0
    /// Writes into emptyDir volumes: (volume name, bytes per second).
    public var volumeWrites: [VolumeWrite] = []
    /// Liveness: the container becomes unhealthy this long (seconds) after start; `nil` stays healthy.
    public var unhealthyAfter: Distribution?
    /// Exit code when the process exits on SIGTERM (0 for a graceful handler, 143 for the default action).
    public var terminationExitCode: Int32 = 0
    /// Seconds after start before a startup probe would pass; `nil` passes at the first probe.
    public var startupAfter: Distribution?
    /// CPU use in cores with no traffic (the Scenario's `cpu.base`), as the metrics pipeline reads it.
    public var cpuBase: Double = 0
    /// Extra CPU in cores per request per second the pod serves (`cpu.perRequest`).
    public var cpuPerRequest: Double = 0
    /// Extra memory in bytes per request per second the pod serves (`memory.perRequest`); the
    /// metrics pipeline adds it to ``memoryStart`` and growth. It is not part of the OOM model.
    public var memoryPerRequest: Double = 0

    /// A write stream into a volume.
    public struct VolumeWrite: Sendable, Hashable {
        /// Volume name in the pod.
        public var volume: String
        /// Bytes per second.
        public var bytesPerSecond: Double
        /// Creates a write stream.
        public init(volume: String, bytesPerSecond: Double) {
            self.volume = volume
            self.bytesPerSecond = bytesPerSecond
        }
    }

    /// Creates a behaviour.
    public init(runs: [Run], readyAfter: Distribution? = nil) {
        self.runs = runs
        self.readyAfter = readyAfter
    }

    /// Runs forever, ready at once, exits 0 within 1 s of SIGTERM (the scenario format's default).
    public static let `default`: ContainerBehavior = {
        var behavior = ContainerBehavior(runs: [Run(duration: nil)])
        behavior.terminationDelay = .uniform(min: 0, max: 1)
        return behavior
    }()
}
