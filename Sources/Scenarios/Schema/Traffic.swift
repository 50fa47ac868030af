import ClusterComponents
import KubeModel
import SimulationCore

/// `spec.traffic[i]`: requests sent to the Ready pods a selector matches, spread evenly over
/// them (a Service's endpoints), which behaviours' `cpu`/`memory.perRequest` turn into usage.
public struct Traffic: Sendable, Hashable {
    /// `rate`: requests per second, constant or diurnal (the cycle `arrivals.diurnal` uses).
    public enum Rate: Sendable, Hashable {
        /// `rate: 120` or `rate: 120/s`.
        case constant(Double)
        /// `rate: {diurnal: {mean, amplitude | peakToTrough, period, peak}}`.
        case diurnal(DiurnalSpec)

        /// Requests per second at `time`.
        public func value(at time: SimulationTime) -> Double {
            switch self {
            case .constant(let rate): rate
            case .diurnal(let spec):
                // DiurnalArrivals' λ(t) = mean × (1 + amplitude × cos(2π (t − peak) / period)).
                DiurnalArrivals(spec: spec).rate(at: time)
            }
        }
    }

    /// `name`.
    public var name: String
    /// `namespace` (default: every namespace).
    public var namespace: String?
    /// `selector`: pod labels that must all match (a Service's selector).
    public var selector: [String: String]
    /// `rate`.
    public var rate: Rate
    /// `from` (default 0).
    public var from: SimulationDuration
    /// `until` (default: the end of the run).
    public var until: SimulationDuration?

    /// Creates an entry.
    public init(
        name: String, namespace: String? = nil, selector: [String: String], rate: Rate,
        from: SimulationDuration = .zero, until: SimulationDuration? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.selector = selector
        self.rate = rate
        self.from = from
        self.until = until
    }

    /// The cluster's traffic source for this entry.
    public var source: TrafficSource {
        let rate = self.rate
        return TrafficSource(
            name: name, namespace: namespace, selector: LabelSelector(matchLabels: selector),
            from: .zero + from, until: until.map { .zero + $0 }, rate: { rate.value(at: $0) })
    }
}
