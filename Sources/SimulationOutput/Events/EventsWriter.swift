import ClusterComponents
import SimulationCore

/// Writes every Kubernetes Event of a run to `events.jsonl`, one JSON object per line.
///
/// Not aggregated (each `recordEvent` call is a line). Keys come in the order of the format
/// contract (docs: scenario-format.md "Outputs"): `t`, `time`, `type`, `reason`, `message`,
/// `involvedObject` {`kind`, `namespace`, `name`, `fieldPath`}, `source` {`component`, `host`}.
/// `fieldPath` and `host` are omitted when empty, as the API's `omitempty` JSON does.
public final class EventsWriter: ClusterRecordSink {
    /// Where the lines go.
    public let output: StreamingTextFile
    /// Wall-clock origin of the run (seconds since the Unix epoch) for the `time` field.
    private var startUnixSeconds: Int64?
    /// Events written so far.
    public private(set) var count = 0
    private var line = ""
    /// The last whole second formatted, and its text (events cluster in time, so most reuse it).
    private var cachedSecond: Int64 = .min
    private var cachedCivil = ""

    /// Creates a writer onto `output`.
    public init(output: StreamingTextFile) {
        self.output = output
    }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        // Only what reached the API server: events the source's spam filter dropped are not.
        guard case .event(let event) = record, event.isRecorded else { return }
        let start = startUnixSeconds ?? cluster.configuration.startTimeUnixSeconds
        startUnixSeconds = start
        line.removeAll(keepingCapacity: true)
        let second = start + event.time.nanoseconds / 1_000_000_000
        if second != cachedSecond, event.time.nanoseconds >= 0 {
            cachedSecond = second
            cachedCivil = UTCDateTime(unixSeconds: second).rfc3339
        }
        Self.appendLine(
            event, startUnixSeconds: start, civil: event.time.nanoseconds >= 0 ? cachedCivil : nil, to: &line)
        output.append(line)
        count += 1
    }

    /// Appends the JSON line (with its newline) for `event`.
    /// - Parameter civil: the `YYYY-MM-DDTHH:MM:SS` text of the event's second, if the caller has it.
    static func appendLine(_ event: KubeEvent, startUnixSeconds: Int64, civil: String? = nil, to line: inout String) {
        line.append("{\"t\":")
        line.append(JSONText.seconds(event.time))
        line.append(",\"time\":\"")
        if let civil {
            line.append(civil)
            line.append(".")
            line.append(UTCDateTime.pad(event.time.nanoseconds % 1_000_000_000 / 1000, 6))
            line.append("Z")
        } else {
            line.append(
                UTCDateTime.rfc3339(
                    unixSeconds: startUnixSeconds, nanoseconds: event.time.nanoseconds, fractionDigits: 6))
        }
        line.append("\",\"type\":")
        JSONText.appendString(event.type.rawValue, to: &line)
        line.append(",\"reason\":")
        JSONText.appendString(event.reason, to: &line)
        line.append(",\"message\":")
        JSONText.appendString(event.message, to: &line)
        line.append(",\"involvedObject\":{\"kind\":")
        JSONText.appendString(event.kind, to: &line)
        line.append(",\"namespace\":")
        JSONText.appendString(event.namespace, to: &line)
        line.append(",\"name\":")
        JSONText.appendString(event.name, to: &line)
        if let fieldPath = event.fieldPath, !fieldPath.isEmpty {
            line.append(",\"fieldPath\":")
            JSONText.appendString(fieldPath, to: &line)
        }
        line.append("},\"source\":{\"component\":")
        JSONText.appendString(event.component, to: &line)
        if let host = event.host, !host.isEmpty {
            line.append(",\"host\":")
            JSONText.appendString(host, to: &line)
        }
        line.append("}}\n")
    }
}
