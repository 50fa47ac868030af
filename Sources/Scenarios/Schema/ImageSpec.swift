import Stochastics

/// `spec.images[i]`: one entry of the registry catalogue. `name` is a glob over the image
/// reference; the entry named `default` applies to images no other entry matches.
public struct ImageSpec: Sendable, Hashable {
    /// Glob over the image reference (`nginx:*`), or `default`.
    public var name: String
    /// Compressed size in bytes, if given.
    public var size: Double?
    /// Pull failures, error text and latency, if given.
    public var pull: PullSpec?

    /// Creates an entry.
    public init(name: String, size: Double? = nil, pull: PullSpec? = nil) {
        self.name = name
        self.size = size
        self.pull = pull
    }

    /// Whether this is the catch-all `default` entry.
    public var isDefault: Bool { name == "default" }
}

/// `spec.images[i].pull`: how pulls of the image behave.
public struct PullSpec: Sendable, Hashable {
    /// How many pulls fail before one succeeds.
    public enum Failures: Sendable, Hashable {
        /// The first `n` pulls fail.
        case count(Int)
        /// Every pull fails (`failures: forever`).
        case forever
    }

    /// `failures`: `N` or `forever`; `nil` never fails.
    public var failures: Failures?
    /// `error`: the registry's error text (default `manifest unknown`).
    public var error: String
    /// `latency`: registry round trip added to every pull, in seconds.
    public var latency: Distribution?

    /// Creates pull settings.
    public init(failures: Failures? = nil, error: String = "manifest unknown", latency: Distribution? = nil) {
        self.failures = failures
        self.error = error
        self.latency = latency
    }
}
