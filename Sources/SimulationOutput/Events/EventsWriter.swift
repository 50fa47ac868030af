import ClusterComponents
import SimulationCore

/// Writes every Kubernetes Event of a run to `events.jsonl`, one JSON object per line.
///
/// Not aggregated (each `recordEvent` call is a line). Keys come in the order of the format
/// contract (docs: scenario-format.md "Outputs"): `t`, `time`, `type`, `reason`, `message`,
/// `involvedObject` {`kind`, `namespace`, `name`, `fieldPath`}, `source` {`component`, `host`}.
/// `fieldPath` and `host` are omitted when empty, as the API's `omitempty` JSON does.
public final class EventsWriter: ClusterRecordSink, BatchedLineWriter {
    /// Where the lines go.
    public let output: StreamingTextFile
    /// Wall-clock origin of the run (seconds since the Unix epoch) for the `time` field.
    private var startUnixSeconds: Int64?
    /// Events written so far.
    public private(set) var count = 0
    /// Formats and writes the lines on the output thread when set (a run writing files): the
    /// simulation only queues the events. `nil`: lines are formatted as events arrive.
    var batcher: OutputBatcher<KubeEvent>?
    /// The last whole second formatted, and its `YYYY-MM-DDTHH:MM:SS` bytes (events cluster in
    /// time, so most reuse it). Used on the thread that formats.
    private var cachedSecond: Int64 = .min
    private var cachedCivil: [UInt8] = []

    /// Creates a writer onto `output`.
    public init(output: StreamingTextFile) {
        self.output = output
    }

    /// Writes only the events that reach the API.
    public var droppedEventReasons: [String]? { [] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        // Only what reached the API server: events the source's spam filter dropped are not.
        guard case .event(let event) = record, event.isRecorded else { return }
        if startUnixSeconds == nil { startUnixSeconds = cluster.configuration.startTimeUnixSeconds }
        count += 1
        emit(event)
    }

    /// Formats one event into the output (on the output thread when there is one).
    func format(_ event: KubeEvent) {
        let start = startUnixSeconds ?? 0
        let nanoseconds = event.time.nanoseconds
        if nanoseconds >= 0 {
            let second = start + nanoseconds / 1_000_000_000
            if second != cachedSecond {
                cachedSecond = second
                cachedCivil.removeAll(keepingCapacity: true)
                JSONText.appendCivil(second, to: &cachedCivil)
            }
        }
        output.append { line in
            Self.appendLine(event, startUnixSeconds: start, civil: nanoseconds >= 0 ? cachedCivil : nil, to: &line)
        }
    }

    /// Appends the JSON line (with its newline) for `event`.
    /// - Parameter civil: the `YYYY-MM-DDTHH:MM:SS` bytes of the event's second, if the caller
    ///   has them.
    static func appendLine(
        _ event: KubeEvent, startUnixSeconds: Int64, civil: [UInt8]? = nil, to line: inout [UInt8]
    ) {
        JSONText.appendASCII("{\"t\":", to: &line)
        JSONText.appendSeconds(nanoseconds: event.time.nanoseconds, to: &line)
        JSONText.appendASCII(",\"time\":\"", to: &line)
        if let civil {
            line.append(contentsOf: civil)
            line.append(UInt8(ascii: "."))
            JSONText.appendDigits(UInt64(event.time.nanoseconds % 1_000_000_000 / 1000), minimumWidth: 6, to: &line)
            line.append(UInt8(ascii: "Z"))
        } else {
            line.append(
                contentsOf: UTCDateTime.rfc3339(
                    unixSeconds: startUnixSeconds, nanoseconds: event.time.nanoseconds, fractionDigits: 6
                ).utf8)
        }
        JSONText.appendASCII("\",\"type\":", to: &line)
        JSONText.appendString(event.type.rawValue, to: &line)
        JSONText.appendASCII(",\"reason\":", to: &line)
        JSONText.appendString(event.reason, to: &line)
        JSONText.appendASCII(",\"message\":", to: &line)
        JSONText.appendString(event.message, to: &line)
        JSONText.appendASCII(",\"involvedObject\":{\"kind\":", to: &line)
        JSONText.appendString(event.kind, to: &line)
        JSONText.appendASCII(",\"namespace\":", to: &line)
        JSONText.appendString(event.namespace, to: &line)
        JSONText.appendASCII(",\"name\":", to: &line)
        JSONText.appendString(event.name, to: &line)
        if let fieldPath = event.fieldPath, !fieldPath.isEmpty {
            JSONText.appendASCII(",\"fieldPath\":", to: &line)
            JSONText.appendString(fieldPath, to: &line)
        }
        JSONText.appendASCII("},\"source\":{\"component\":", to: &line)
        JSONText.appendString(event.component, to: &line)
        if let host = event.host, !host.isEmpty {
            JSONText.appendASCII(",\"host\":", to: &line)
            JSONText.appendString(host, to: &line)
        }
        JSONText.appendASCII("}}\n", to: &line)
    }
}
