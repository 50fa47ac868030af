import KubeModel
import SimulationCore

/// The state of one container as the API shows it (`v1.ContainerState`): exactly one of
/// waiting, running or terminated. Times are virtual; printers turn them into kubectl text.
public enum ContainerStateRecord: Hashable, Sendable {
    /// Not running; `reason` is what kubectl prints (`ContainerCreating`, `CrashLoopBackOff`, …).
    case waiting(reason: String, message: String?)
    /// Running since `startedAt`.
    case running(startedAt: SimulationTime)
    /// Exited. Boxed (`indirect`): the termination is 48 bytes, and every pod's status keeps a
    /// record per container (most of them waiting or running) for the whole run.
    indirect case terminated(ContainerTermination)

    /// The waiting reason, if waiting.
    public var waitingReason: String? {
        if case .waiting(let reason, _) = self { return reason }
        return nil
    }

    /// Whether the container is running.
    public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }

    /// The termination, if terminated.
    public var termination: ContainerTermination? {
        if case .terminated(let termination) = self { return termination }
        return nil
    }
}

/// How a container instance ended (`v1.ContainerStateTerminated`).
public struct ContainerTermination: Hashable, Sendable {
    /// Exit code (137 after SIGKILL, 143 after an unhandled SIGTERM).
    public var exitCode: Int32
    /// `Completed`, `Error`, `OOMKilled`, `StartError`, `ContainerStatusUnknown`.
    public var reason: String
    /// Optional message.
    public var message: String?
    /// When the instance started.
    public var startedAt: SimulationTime
    /// When it exited.
    public var finishedAt: SimulationTime

    /// Creates a termination record.
    public init(
        exitCode: Int32, reason: String, message: String? = nil, startedAt: SimulationTime, finishedAt: SimulationTime
    ) {
        self.exitCode = exitCode
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One entry of `status.containerStatuses` / `initContainerStatuses`.
public struct ContainerStatusRecord: Hashable, Sendable {
    /// Container name.
    public var name: String
    /// Image reference.
    public var image: String
    /// Current state.
    public var state: ContainerStateRecord
    /// The previous instance's termination, if any (boxed: only restarted containers have one).
    @Indirect public var lastTermination: ContainerTermination?
    /// Readiness (probe passed, or no probe and running).
    public var ready: Bool
    /// Started (startup probe passed, or none and running).
    public var started: Bool
    /// Restarts of this container.
    public var restartCount: Int

    /// Creates a status, waiting with `reason` by default.
    public init(
        name: String, image: String, state: ContainerStateRecord, lastTermination: ContainerTermination? = nil,
        ready: Bool = false, started: Bool = false, restartCount: Int = 0
    ) {
        self.name = name
        self.image = image
        self.state = state
        self.lastTermination = lastTermination
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
    }
}

/// One pod condition (`v1.PodCondition`).
public struct PodConditionRecord: Hashable, Sendable {
    /// `PodScheduled`, `PodReadyToStartContainers`, `Initialized`, `ContainersReady`, `Ready`,
    /// `DisruptionTarget`.
    public var type: String
    /// True, False or Unknown.
    public var status: ConditionStatus
    /// Machine-readable reason.
    public var reason: String?
    /// Human-readable message (boxed: most conditions have none, and every pod keeps four or
    /// five conditions for the whole run).
    @Indirect public var message: String?
    /// When `status` last changed.
    public var lastTransitionTime: SimulationTime

    /// Creates a condition.
    public init(
        type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil,
        lastTransitionTime: SimulationTime
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}

/// A condition's status.
public enum ConditionStatus: String, Hashable, Sendable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}
