import Scenarios

/// Why an openb trace file cannot be used: which file, which line (1-based, the header is line 1), which
/// column and what. The same error the scenario readers report for these files.
public typealias GPUTraceError = OpenBParseError
