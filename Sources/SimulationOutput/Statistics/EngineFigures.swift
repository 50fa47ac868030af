#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the engine did: the only part of a summary that differs between identical runs.
public struct EngineFigures: Codable, Sendable, Hashable {
    /// Engine events handled.
    public var eventsProcessed: UInt64 = 0
    /// Events per second of wall time.
    public var eventsPerSecond: Double = 0
    /// Wall time of the run in seconds (as measured by the caller).
    public var wallSeconds: Double = 0
    /// Peak resident set size of the process in bytes (`getrusage` `ru_maxrss`).
    public var peakMemoryBytes: Int64 = 0
    /// CPU time (user + system) of the whole process so far, loading included: on a machine
    /// shared with other work, the figure that wall time is not.
    public var cpuSeconds: Double = 0

    /// Empty figures.
    public init() {}

    /// Figures for a run of `eventsProcessed` events in `wallSeconds`, reading the peak RSS now.
    public init(eventsProcessed: UInt64, wallSeconds: Double) {
        self.eventsProcessed = eventsProcessed
        self.wallSeconds = (wallSeconds * 1000).rounded() / 1000
        self.eventsPerSecond = wallSeconds > 0 ? (Double(eventsProcessed) / wallSeconds).rounded() : 0
        self.peakMemoryBytes = Self.peakResidentSetBytes()
        self.cpuSeconds = (Self.processCPUSeconds() * 1000).rounded() / 1000
    }

    /// `ru_maxrss` of this process: kilobytes on Linux, bytes on Darwin.
    public static func peakResidentSetBytes() -> Int64 {
        guard let usage = resourceUsage() else { return 0 }
        #if canImport(Darwin)
        return Int64(usage.ru_maxrss)
        #else
        return Int64(usage.ru_maxrss) * 1024
        #endif
    }

    /// User plus system CPU time of this process.
    public static func processCPUSeconds() -> Double {
        guard let usage = resourceUsage() else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `getrusage(RUSAGE_SELF)`.
    private static func resourceUsage() -> rusage? {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        return getrusage(who, &usage) == 0 ? usage : nil
    }
}
