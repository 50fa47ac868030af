import SimulationCore
import Stochastics

/// The arrival processes a workload can use, as one enum so generators need no existentials.
public enum ArrivalStream: ArrivalProcess, Sendable {
    /// Fixed times.
    case fixed(FixedArrivals)
    /// Homogeneous Poisson.
    case poisson(PoissonArrivals)
    /// Daily cycle by thinning.
    case diurnal(DiurnalArrivals)
    /// Trace replay.
    case trace(TraceArrivals)

    /// The process for a spec; a trace spec needs its loaded trace.
    public init(_ spec: ArrivalSpec, trace: OpenBTrace?) {
        switch spec {
        case .at(let times): self = .fixed(FixedArrivals(times: times))
        case .poisson(let rate): self = .poisson(PoissonArrivals(rate: rate))
        case .diurnal(let diurnal): self = .diurnal(DiurnalArrivals(spec: diurnal))
        case .trace(let traceSpec):
            self = .trace(TraceArrivals(trace: trace ?? OpenBTrace(records: []), timeScale: traceSpec.timeScale))
        }
    }

    /// The next arrival of the wrapped process.
    public mutating func next(using source: inout RandomSource) -> SimulationTime? {
        switch self {
        case .fixed(var process):
            defer { self = .fixed(process) }
            return process.next(using: &source)
        case .poisson(var process):
            defer { self = .poisson(process) }
            return process.next(using: &source)
        case .diurnal(var process):
            defer { self = .diurnal(process) }
            return process.next(using: &source)
        case .trace(var process):
            self = .fixed(FixedArrivals(times: []))  // release the payload so the records are not copied
            defer { self = .trace(process) }
            return process.next(using: &source)
        }
    }

    /// For a trace replay, the record of the latest arrival.
    public var lastTraceRecord: OpenBTrace.Record? {
        if case .trace(let process) = self { return process.lastRecord }
        return nil
    }
}
