/// Bisection for the smallest integer that satisfies a monotone predicate.
///
/// **Assumption:** the predicate is monotone on [low, high]: once it holds it holds for every
/// larger value (more nodes never make startup slower). Under that assumption the answer is
/// exact and takes at most ⌈log₂(high − low)⌉ + 2 probes. Without it, the answer is *a* value
/// where the predicate holds and the one below fails, not necessarily the smallest.
public enum Bisection {
    /// One evaluation of the predicate.
    public struct Probe: Sendable, Hashable {
        /// The value tried.
        public var value: Int
        /// Whether the predicate held.
        public var satisfied: Bool
        /// Creates a probe.
        public init(value: Int, satisfied: Bool) {
            self.value = value
            self.satisfied = satisfied
        }
    }

    /// The search's outcome.
    public struct Outcome: Sendable, Hashable {
        /// The smallest satisfying value, or nil when even `high` fails.
        public var answer: Int?
        /// Every probe, in the order made.
        public var probes: [Probe]
    }

    /// Finds the smallest value in `low...high` for which `satisfies` holds.
    /// - Parameters:
    ///   - low: smallest candidate.
    ///   - high: largest candidate (probed first: if it fails, there is no answer).
    ///   - satisfies: the predicate (expensive: each call may run many simulations).
    /// - Complexity: O(log(high − low)) calls of `satisfies`.
    public static func smallest<E: Error>(
        low: Int, high: Int, satisfies: (Int) throws(E) -> Bool
    ) throws(E) -> Outcome {
        precondition(low <= high, "empty interval")
        var probes: [Probe] = []
        func probe(_ value: Int) throws(E) -> Bool {
            let result = try satisfies(value)
            probes.append(Probe(value: value, satisfied: result))
            return result
        }
        guard try probe(high) else { return Outcome(answer: nil, probes: probes) }
        if low == high { return Outcome(answer: high, probes: probes) }
        if try probe(low) { return Outcome(answer: low, probes: probes) }
        var failing = low
        var passing = high
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            if try probe(middle) { passing = middle } else { failing = middle }
        }
        return Outcome(answer: passing, probes: probes)
    }
}
