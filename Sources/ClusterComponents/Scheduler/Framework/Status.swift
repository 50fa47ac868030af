import KubeModel

/// A plugin's verdict code (k/k `pkg/scheduler/framework/interface.go` `Code`).
public enum StatusCode: UInt8, Sendable {
    /// Passed.
    case success
    /// Rejected; preemption might help (the node is a preemption candidate).
    case unschedulable
    /// Rejected; preemption cannot help.
    case unschedulableAndUnresolvable
    /// Internal error.
    case error
    /// The plugin does not apply to this pod (PreScore/PreFilter Skip).
    case skip
}

/// A filter verdict for one node, kept compact for the hot path: a plugin slot, a code, one
/// interned reason and, for NodeResourcesFit, the set of insufficient resource slots.
struct FilterStatus {
    /// Code.
    var code: StatusCode
    /// Index of the rejecting filter in the profile's filter list.
    var plugin: UInt8 = 0
    /// Interned reason (``ReasonTable``), when `insufficient` and `tooManyPods` are empty.
    var reason: UInt32 = 0
    /// Bit i set: "Insufficient <resource slot i>".
    var insufficient: UInt64 = 0
    /// "Too many pods".
    var tooManyPods = false

    static let success = FilterStatus(code: .success)

    @inline(__always) var isSuccess: Bool { code == .success }
}

/// A status returned by a user plugin.
public struct PluginStatus: Sendable {
    /// Code.
    public var code: StatusCode
    /// Reasons, as they should appear in the FailedScheduling histogram.
    public var reasons: [String]
    /// Success.
    public static let success = PluginStatus(code: .success, reasons: [])
    /// Creates a status.
    public init(code: StatusCode, reasons: [String] = []) {
        self.code = code
        self.reasons = reasons
    }
}

/// Interned reason strings, so node verdicts store integers and the message is rendered once.
struct ReasonTable {
    private(set) var strings: [String] = []
    private var ids: [String: UInt32] = [:]

    mutating func id(_ text: String) -> UInt32 {
        if let id = ids[text] { return id }
        let id = UInt32(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    /// Interned per-taint rejections by taint, so that a node rejected again costs one lookup
    /// instead of formatting and hashing the text.
    private var taintIDs: [Taint: UInt32] = [:]

    /// The id of TaintToleration's per-taint reason (up to v1.34, taint_toleration.go
    /// `Filter`: "node(s) had untolerated taint {key: value}"), interned on first use.
    mutating func untoleratedTaint(_ taint: Taint) -> UInt32 {
        if let id = taintIDs[taint] { return id }
        let id = self.id("node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}")
        taintIDs[taint] = id
        return id
    }
}
