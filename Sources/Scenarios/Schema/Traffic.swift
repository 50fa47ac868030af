import ClusterComponents
import KubeModel
import SimulationCore

/// `spec.traffic[i]`: requests sent to the Ready pods a selector matches, spread evenly over
/// them (a Service's endpoints), which behaviours' `cpu`/`memory.perRequest` turn into usage.
public struct Traffic: Sendable, Hashable {
    /// `rate`: requests per second, constant, diurnal (the cycle `arrivals.diurnal` uses) or
    /// read from a trace.
    public enum Rate: Sendable, Hashable {
        /// `rate: 120` or `rate: 120/s`.
        case constant(Double)
        /// `rate: {diurnal: {mean, amplitude | peakToTrough, period, peak}}`.
        case diurnal(DiurnalSpec)
        /// `rate: {trace: {file, column, timeColumn}}`: a recorded rate, step by step.
        case trace(RateSeries)

        /// Requests per second at `time`.
        public func value(at time: SimulationTime) -> Double {
            switch self {
            case .constant(let rate): rate
            case .diurnal(let spec):
                // DiurnalArrivals' λ(t) = mean × (1 + amplitude × cos(2π (t − peak) / period)).
                DiurnalArrivals(spec: spec).rate(at: time)
            case .trace(let series): series.rate(at: time)
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

/// A recorded request rate: each row's rate holds from its time until the next row's (a step
/// function, as a metrics export sampled at an interval is read); 0 before the first row, the
/// last row's rate after it.
public struct RateSeries: Sendable, Hashable {
    /// Seconds since the run's start, strictly increasing.
    public var times: [Double]
    /// Requests per second from the same row's time.
    public var rates: [Double]

    /// A series; `times` strictly increasing, as many as `rates`.
    public init(times: [Double], rates: [Double]) {
        precondition(times.count == rates.count, "one rate per time")
        self.times = times
        self.rates = rates
    }

    /// The rate in force at `time`.
    /// - Complexity: O(log n), a binary search over the rows' times.
    public func rate(at time: SimulationTime) -> Double {
        let t = time.seconds
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : rates[low - 1]
    }
}
