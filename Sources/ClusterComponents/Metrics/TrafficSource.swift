import KubeModel
import SimulationCore

/// A stream of requests sent to the Ready pods a selector matches (the Scenario's
/// `spec.traffic[i]`), spread evenly over them, as a Service's endpoints share it.
public struct TrafficSource: Sendable {
    /// `name`, for outputs and messages.
    public var name: String
    /// Namespace of the pods (`nil`: every namespace).
    public var namespace: String?
    /// The pods it reaches.
    public var selector: LabelSelector
    /// Requests per second at a point in time.
    public var rate: @Sendable (SimulationTime) -> Double
    /// Start of the stream (inclusive).
    public var from: SimulationTime
    /// End of the stream (exclusive); `nil` runs to the end.
    public var until: SimulationTime?

    /// Creates a source.
    public init(
        name: String, namespace: String?, selector: LabelSelector, from: SimulationTime = .zero,
        until: SimulationTime? = nil, rate: @escaping @Sendable (SimulationTime) -> Double
    ) {
        self.name = name
        self.namespace = namespace
        self.selector = selector
        self.rate = rate
        self.from = from
        self.until = until
    }

    /// The rate at `time`, zero outside `[from, until)`.
    public func rate(at time: SimulationTime) -> Double {
        guard time >= from, until.map({ time < $0 }) ?? true else { return 0 }
        return rate(time)
    }

    /// Whether the source sends to `pod` (namespace and labels; readiness is checked by the caller).
    func reaches(_ pod: PodObject) -> Bool {
        if let namespace, pod.namespace != namespace { return false }
        return selector.matches(pod.pod.metadata.labels ?? [:])
    }
}
