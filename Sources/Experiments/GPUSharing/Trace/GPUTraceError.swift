import Scenarios

/// Why an openb trace file cannot be used: which file, which line (1-based, the header is line 1),
/// and what. The same error the scenario workload generator reports for these files.
public typealias GPUTraceError = OpenBTrace.ParseError
