import SimulationCore
import Stochastics

/// The registry catalogue: image sizes and pull failures (the Scenario's `images`).
public struct ImageRegistry: Sendable {
    /// One catalogue entry; `pattern` is a glob over the image reference.
    public struct Entry: Sendable, Hashable {
        /// Glob over the image reference (`nginx:*`), or `default`.
        public var pattern: String
        /// Size in bytes.
        public var sizeBytes: Int64
        /// Failing pulls before one succeeds; `nil` never fails, `.max` always fails.
        public var failures: Int?
        /// The error text of failed pulls.
        public var error: String
        /// The registry round trip of each pull of a matching image, in seconds (drawn per
        /// pull from the pulling kubelet's stream); `nil` uses ``ImageRegistry/latencySeconds``.
        public var latency: Distribution?

        /// Creates an entry.
        public init(
            pattern: String, sizeBytes: Int64, failures: Int? = nil, error: String = "manifest unknown",
            latency: Distribution? = nil
        ) {
            self.pattern = pattern
            self.sizeBytes = sizeBytes
            self.failures = failures
            self.error = error
            self.latency = latency
        }
    }

    /// Entries in order; first match wins.
    public var entries: [Entry] = []
    /// Size of images no entry matches.
    public var defaultSizeBytes: Int64 = 100 * 1024 * 1024
    /// Registry round-trip latency added to every pull of an image whose entry has no
    /// `latency`, in seconds.
    public var latencySeconds: Double = 0

    /// Outage windows: pulls of matching images started before `until` fail.
    public struct Outage: Sendable, Hashable {
        /// End of the outage.
        public var until: SimulationTime
        /// Glob over image references.
        public var pattern: String
    }

    /// Registry outages in force (a scenario action); kept sorted by end time.
    public var outages: [Outage] = []

    /// An empty catalogue.
    public init() {}

    /// Makes pulls of images matching `pattern` fail until `until` (a scenario's registry
    /// outage). The kubelet reports them as `Failed to pull image … : … connect: connection refused`.
    public mutating func beginOutage(until: SimulationTime, pattern: String = "*") {
        outages.append(Outage(until: until, pattern: pattern))
        outages.sort { $0.until < $1.until }
    }

    /// The outage error for a pull of `image` starting at `now`, if any.
    public func outageError(for image: String, at now: SimulationTime) -> String? {
        guard outages.contains(where: { now < $0.until && Glob.matches($0.pattern, image) }) else { return nil }
        return "failed to do request: dial tcp: connect: connection refused"
    }

    /// The first entry matching `image`.
    public func entry(for image: String) -> Entry? { entries.first { Glob.matches($0.pattern, image) } }

    /// Size in bytes of `image`.
    public func size(of image: String) -> Int64 { entry(for: image)?.sizeBytes ?? defaultSizeBytes }
}

/// Shell-style glob matching with `*` and `?` (used for image and pod-name patterns).
public enum Glob {
    /// Whether `text` matches `pattern`.
    /// - Complexity: O(pattern × text).
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
