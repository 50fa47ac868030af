/// How one run ended and what it measured.
public struct RunOutcome: Sendable, Hashable {
    /// Why it ended.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Ran to its end (duration, quiescence or nothing left to do).
        case completed
        /// Could not be set up or failed; ``RunOutcome/message`` says why.
        case failed
        /// Stopped by the user: not stored, re-run on resume.
        case interrupted
    }

    /// The status.
    public var status: Status
    /// The metric values in ``MetricCatalog/all`` order (empty unless completed).
    public var metrics: [Double]
    /// The runner's ending (`durationElapsed`, `quiescent`, …) or the failure message.
    public var message: String

    /// Creates an outcome.
    public init(status: Status, metrics: [Double] = [], message: String = "") {
        self.status = status
        self.metrics = metrics
        self.message = message
    }

    /// The value of a metric by catalog index (NaN when absent).
    public func value(_ index: Int) -> Double { index < metrics.count ? metrics[index] : .nan }
}
