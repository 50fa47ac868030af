import ClusterComponents
import Stochastics

/// `spec.behaviors[i]`: what matching containers do when they run. First match wins.
public struct Behavior: Sendable, Hashable {
    /// `runs[j]`: one container instance (`duration` in seconds, `nil` for `forever`; `exit`
    /// code, default 0); the last entry repeats. The kubelet's own run type, as written.
    public typealias Run = ContainerBehavior.Run

    /// `memory`: working set at start (bytes) and its growth (bytes per second).
    public struct Memory: Sendable, Hashable {
        /// `start`, bytes.
        public var start: Distribution
        /// `growth`, bytes per second.
        public var growth: Distribution
        /// `perRequest`: bytes per request per second the pod serves (``Traffic``).
        public var perRequest: Double = 0

        /// Creates a memory model.
        public init(start: Distribution = .constant(0), growth: Distribution = .constant(0)) {
            self.start = start
            self.growth = growth
        }
    }

    /// `writes[j]`: a stream of writes into a volume (an emptyDir fills up).
    public struct Write: Sendable, Hashable {
        /// `volume`: the pod volume's name.
        public var volume: String
        /// `rate`, bytes per second.
        public var rate: Distribution

        /// Creates a write stream.
        public init(volume: String, rate: Distribution) {
            self.volume = volume
            self.rate = rate
        }
    }

    /// `cpu`: cores used with no traffic (`base`) and per request per second (`perRequest`),
    /// as metrics-server reports them; capped at the container's CPU limit (throttling).
    public struct CPU: Sendable, Hashable {
        /// `base`, cores.
        public var base: Double = 0
        /// `perRequest`, cores per request per second.
        public var perRequest: Double = 0

        /// Creates a CPU model.
        public init(base: Double = 0, perRequest: Double = 0) {
            self.base = base
            self.perRequest = perRequest
        }
    }

    /// `logs[j]`: a line the container writes to its standard output this long after each of
    /// its starts (what `kubesim logs` prints; it changes nothing in the run).
    public struct LogLine: Sendable, Hashable {
        /// `after`, seconds since the container instance started.
        public var after: Double
        /// `line`, the text written.
        public var line: String

        /// Creates a line.
        public init(after: Double, line: String) {
            self.after = after
            self.line = line
        }
    }

    /// `ready`: readiness after start.
    public enum Readiness: Sendable, Hashable {
        /// Passes this many seconds after the container starts.
        case after(Distribution)
        /// Never passes (`after: never` or `forever`).
        case never
    }

    /// `match`: which containers this behaviour applies to.
    public var match: BehaviorMatch
    /// `runs`; empty means the default (run forever).
    public var runs: [Run]
    /// `ready.after`: when the readiness probe first passes; `nil` is ready at once.
    public var ready: Readiness?
    /// `memory`.
    public var memory: Memory?
    /// `writes`.
    public var writes: [Write]
    /// `cpu`.
    public var cpu: CPU?
    /// `liveness.failAfter`: the liveness probe starts failing this many seconds after start.
    public var livenessFailAfter: Distribution?
    /// `terminationDelay`: seconds from SIGTERM to exit (default uniform on [0, 1)).
    public var terminationDelay: Distribution?
    /// `ignoresSigterm`: the process is killed only at the end of the grace period.
    public var ignoresSigterm: Bool
    /// `logs`: what each instance writes, in order of `after`.
    public var logs: [LogLine] = []

    /// Creates a behaviour.
    public init(
        match: BehaviorMatch = BehaviorMatch(), runs: [Run] = [], ready: Readiness? = nil,
        memory: Memory? = nil, writes: [Write] = [], livenessFailAfter: Distribution? = nil,
        terminationDelay: Distribution? = nil, ignoresSigterm: Bool = false
    ) {
        self.match = match
        self.runs = runs
        self.ready = ready
        self.memory = memory
        self.writes = writes
        self.livenessFailAfter = livenessFailAfter
        self.terminationDelay = terminationDelay
        self.ignoresSigterm = ignoresSigterm
    }
}

/// `spec.behaviors[i].match`: every given criterion must hold. Globs use `*` and `?`.
public struct BehaviorMatch: Sendable, Hashable {
    /// `pod`: glob over the pod name.
    public var pod: String?
    /// `container`: the container name (glob).
    public var container: String?
    /// `namespace`: the namespace (glob).
    public var namespace: String?
    /// `labels`: pod labels that must all be present with these values.
    public var labels: [String: String]
    /// `image`: glob over the image reference.
    public var image: String?

    /// Creates a match (empty matches everything).
    public init(
        pod: String? = nil, container: String? = nil, namespace: String? = nil,
        labels: [String: String] = [:], image: String? = nil
    ) {
        self.pod = pod
        self.container = container
        self.namespace = namespace
        self.labels = labels
        self.image = image
    }

    /// Whether a container of a pod matches.
    /// - Complexity: O(pattern × text) per glob; call once per container start, not per event.
    public func matches(
        podName: String, namespace podNamespace: String, labels podLabels: [String: String],
        containerName: String, image containerImage: String
    ) -> Bool {
        if let pod, !Glob.matches(pod, podName) { return false }
        if let container, !Glob.matches(container, containerName) { return false }
        if let namespace, !Glob.matches(namespace, podNamespace) { return false }
        if let image, !Glob.matches(image, containerImage) { return false }
        for (key, value) in labels where podLabels[key] != value { return false }
        return true
    }

    /// Whether the pod-level criteria (name, namespace, labels) hold, ignoring container and image.
    public func matchesPod(
        name podName: String, namespace podNamespace: String, labels podLabels: [String: String]
    )
        -> Bool
    {
        if let pod, !Glob.matches(pod, podName) { return false }
        if let namespace, !Glob.matches(namespace, podNamespace) { return false }
        for (key, value) in labels where podLabels[key] != value { return false }
        return true
    }
}
