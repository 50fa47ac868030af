/// `kubesim sweep --find`: the smallest integer value of one parameter for which a metric meets
/// a target in at least a given fraction of replications, by ``Bisection``.
///
/// Each probe runs the replications of one point (with the same seeds at every probe: common
/// random numbers) through ``SweepExecution``, so probes land in the results database too and a
/// re-run search is free. Monotonicity in the searched parameter is assumed (see ``Bisection``).
public struct CapacitySearch: Sendable {
    /// What one probe found.
    public struct ProbeResult: Sendable, Hashable {
        /// The value tried.
        public var value: Int
        /// Completed replications.
        public var replications: Int
        /// Replications meeting the target.
        public var met: Int
        /// Fraction met (of completed replications; 0 when none completed).
        public var fraction: Double { replications > 0 ? Double(met) / Double(replications) : 0 }
        /// Whether the fraction reaches the required confidence.
        public var satisfied: Bool
        /// The metric's mean and interval at this value.
        public var estimate: MeanEstimate
    }

    /// The searched parameter and interval.
    public var interval: SearchInterval
    /// Fixed overrides applied at every probe (single-valued `--set`s).
    public var fixed: [(path: ParameterPath, value: String)]
    /// The target.
    public var target: MetricTarget
    /// Required fraction of replications meeting the target (e.g. 0.95).
    public var confidence: Double

    /// Creates a search.
    public init(
        interval: SearchInterval, fixed: [(path: ParameterPath, value: String)], target: MetricTarget,
        confidence: Double
    ) {
        self.interval = interval
        self.fixed = fixed
        self.target = target
        self.confidence = confidence
    }

    /// The point for a value of the searched parameter.
    public func point(_ value: Int) -> ParameterPoint {
        ParameterPoint(settings: fixed + [(interval.path, String(value))])
    }

    /// Judges one probe from its per-replication values.
    public func judge(value: Int, values: [Int: Double]) -> ProbeResult {
        let ordered = values.keys.sorted().map { values[$0]! }
        let met = ordered.filter(target.isMet).count
        let fraction = ordered.isEmpty ? 0 : Double(met) / Double(ordered.count)
        return ProbeResult(
            value: value, replications: ordered.count, met: met,
            satisfied: !ordered.isEmpty && fraction >= confidence - 1e-12,
            estimate: MeanEstimate(ordered))
    }

    /// Runs the search.
    /// - Parameters:
    ///   - evaluate: runs (or fetches) the replications of a point and returns replication → metric value.
    ///   - report: called after each probe.
    /// - Returns: the bisection outcome and every probe's details.
    public func run<E: Error>(
        evaluate: (ParameterPoint) throws(E) -> [Int: Double], report: (ProbeResult) -> Void = { _ in }
    ) throws(E) -> (outcome: Bisection.Outcome, probes: [ProbeResult]) {
        var details: [ProbeResult] = []
        let outcome = try Bisection.smallest(low: interval.low, high: interval.high) { (value: Int) throws(E) -> Bool in
            let result = judge(value: value, values: try evaluate(point(value)))
            details.append(result)
            report(result)
            return result.satisfied
        }
        return (outcome, details)
    }
}
