import ClusterComponents
import SimulationCore

/// Writes `trace.json` in the Chrome trace-event format (array form; opens in Perfetto and
/// `chrome://tracing`): a process per node (and process 0 for pods not yet bound), a thread
/// per pod, and a complete (`"ph":"X"`) slice for each stretch of ``PodSliceState``.
///
/// States are derived from status changes and pull events: a pod's slice closes when its
/// state or node changes, and open slices close at ``finish(at:)``. Timestamps are
/// microseconds of simulated time. The closing `]` is written last; the format allows it to be
/// missing, so an interrupted run still loads. Slices are decided as records arrive; with an
/// output thread (a run writing files) their bytes are built there.
public final class ChromeTraceWriter: ClusterRecordSink, BatchedLineWriter {
    /// Where the events go.
    public let output: StreamingTextFile
    /// Every closed slice, for the report's Gantt chart.
    public private(set) var slices = ChunkedLog<PodSlice>()
    private struct Open {
        var state: PodSliceState
        var node: Int32
        var start: Int64
    }
    /// What the writer keeps of one pod, in one array element: every pod update reads its open
    /// slice, its pulls and whether it is named, and four arrays indexed by pod (a miss each at
    /// 150,000 pods) cost more than the work.
    private struct PodTrack {
        var open: Open?
        var pullsInFlight: Int32 = 0
        /// The processes (nodes) in which the pod's thread is named already, -1 for none. A
        /// pod has slices in at most two, "unscheduled" and its node, so two are kept in place
        /// of a set of (process, thread) pairs; a third process goes to ``otherNamedThreads``.
        var namedIn: (Int32, Int32) = (-1, -1)
        /// `namespace/name`, the thread's name.
        var name = ""
    }
    private var tracks: [PodTrack] = []
    private var otherNamedThreads = Set<Int64>()
    private var namedProcesses = Set<Int32>()
    /// Whether no trace event is written yet (no `,` before the next); used where formatting runs.
    private var first = true
    /// Formats the entries on the output thread when set; `nil`: as records arrive.
    var batcher: OutputBatcher<Entry>?
    private var finished = false

    /// Creates a writer onto `output` and writes the array's opening bracket.
    public init(output: StreamingTextFile) {
        self.output = output
        output.append("[\n")
    }

    /// Image pulls shape a pod's slices whether or not their events reach the API.
    public var droppedEventReasons: [String]? { ["Pulling", "Pulled", "Failed"] }

    public func consume(_ record: ClusterRecord, in cluster: ClusterView) {
        switch record {
        // The stored pod is borrowed, not copied (ClusterView.withPod).
        case .podCreated(let id), .podUpdated(let id), .podRemoved(let id):
            cluster.withPod(id) { update(id, $0, at: cluster.now) }
        case .nodeUpdated(let id): nameProcess(Int32(id.value + 1), cluster.api[id].name)
        case .event(let event):
            // The first letter rules out most reasons (a crash loop's `BackOff` every 10 s)
            // before the string comparisons.
            guard let initial = event.reason.utf8.first, initial == UInt8(ascii: "P") || initial == UInt8(ascii: "F"),
                event.reason == "Pulling" || event.reason == "Pulled" || event.reason == "Failed",
                let id = event.involvedPod, !cluster.api[id].isRemoved
            else { return }
            grow(id)
            if event.reason == "Pulling" {
                tracks[id.value].pullsInFlight += 1
            } else if event.reason == "Pulled" && event.message.hasPrefix("Successfully pulled")
                || event.reason == "Failed" && event.message.hasPrefix("Failed to pull image")
            {
                tracks[id.value].pullsInFlight = max(0, tracks[id.value].pullsInFlight - 1)
            } else {
                return
            }
            cluster.withPod(id) { update(id, $0, at: cluster.now) }
        case .schedulingAttempt: break
        }
    }

    private func grow(_ id: PodID) {
        while tracks.count <= id.value { tracks.append(PodTrack()) }
    }

    /// The state a pod is in, or `nil` when it has no slice (removed, or finished).
    private func state(of object: UnsafePointer<PodObject>, pulls: Int32) -> PodSliceState? {
        if object.pointee.isRemoved || object.pointee.status.phase.isTerminal { return nil }
        if object.pointee.deletionTimestamp != nil { return .terminating }
        guard object.pointee.nodeID != nil else { return .pending }
        func backingOff(_ container: ContainerStatusRecord) -> Bool {
            switch container.state.waitingReason {
            case "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull": true
            default: false
            }
        }
        if object.pointee.status.initContainerStatuses.contains(where: backingOff)
            || object.pointee.status.containerStatuses.contains(where: backingOff)
        {
            return .backOff
        }
        if pulls > 0 { return .pulling }
        let containers = object.pointee.pod.spec.containers
        if !containers.isEmpty, object.pointee.status.containerStatuses.count == containers.count,
            object.pointee.status.containerStatuses.allSatisfy(\.state.isRunning)
        {
            return .running
        }
        return .pending
    }

    private func update(_ id: PodID, _ object: UnsafePointer<PodObject>, at time: SimulationTime) {
        grow(id)
        if tracks[id.value].name.isEmpty {
            tracks[id.value].name = object.pointee.namespace + "/" + object.pointee.name
        }
        let now = time.nanoseconds
        let next = state(of: object, pulls: tracks[id.value].pullsInFlight)
        let node = object.pointee.nodeID.map { Int32($0.value) } ?? -1
        if let current = tracks[id.value].open, current.state == next, current.node == node { return }
        close(id.value, at: now)
        if let next { tracks[id.value].open = Open(state: next, node: node, start: now) }
    }

    private func close(_ pod: Int, at time: Int64) {
        guard let current = tracks[pod].open else { return }
        tracks[pod].open = nil
        let slice = PodSlice(pod: Int32(pod), node: current.node, state: current.state, start: current.start, end: time)
        guard slice.end > slice.start else { return }
        slices.append(slice)
        write(slice)
    }

    private func write(_ slice: PodSlice) {
        let pid = slice.node + 1
        if pid == 0 { nameProcess(0, "unscheduled") }
        let threadName = nameThread(pod: Int(slice.pod), process: pid) ? tracks[Int(slice.pod)].name : nil
        emit(.slice(slice, threadName: threadName))
    }

    /// Notes that `pod`'s thread in `process` is named; returns whether it was not before.
    private func nameThread(pod: Int, process: Int32) -> Bool {
        let (first, second) = tracks[pod].namedIn
        if first == process || second == process { return false }
        if first < 0 {
            tracks[pod].namedIn.0 = process
        } else if second < 0 {
            tracks[pod].namedIn.1 = process
        } else {
            return otherNamedThreads.insert(Int64(process) << 32 | Int64(pod + 1)).inserted
        }
        return true
    }

    private func nameProcess(_ pid: Int32, _ name: String) {
        guard namedProcesses.insert(pid).inserted else { return }
        emit(.processName(pid: pid, name: name))
    }

    /// One piece of the trace to write, decided as records arrive.
    enum Entry {
        /// A slice, after its thread's `thread_name` metadata when it is the thread's first.
        case slice(PodSlice, threadName: String?)
        /// A process's `process_name` and `process_sort_index` metadata.
        case processName(pid: Int32, name: String)
        /// The array's closing bracket.
        case end
    }

    /// Formats one entry into the output (on the output thread when there is one).
    func format(_ entry: Entry) {
        switch entry {
        case .slice(let slice, let threadName):
            let pid = slice.node + 1
            let tid = Int64(slice.pod) + 1
            if let threadName {
                append { out in
                    JSONText.appendASCII("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":", to: &out)
                    JSONText.appendInteger(pid, to: &out)
                    JSONText.appendASCII(",\"tid\":", to: &out)
                    JSONText.appendInteger(tid, to: &out)
                    JSONText.appendASCII(",\"args\":{\"name\":", to: &out)
                    JSONText.appendString(threadName, to: &out)
                    JSONText.appendASCII("}}", to: &out)
                }
            }
            append { out in
                JSONText.appendASCII("{\"name\":\"", to: &out)
                out.append(contentsOf: slice.state.name.utf8)
                JSONText.appendASCII("\",\"cat\":\"pod\",\"ph\":\"X\",\"ts\":", to: &out)
                Self.appendMicros(slice.start, to: &out)
                JSONText.appendASCII(",\"dur\":", to: &out)
                Self.appendMicros(slice.end - slice.start, to: &out)
                JSONText.appendASCII(",\"pid\":", to: &out)
                JSONText.appendInteger(pid, to: &out)
                JSONText.appendASCII(",\"tid\":", to: &out)
                JSONText.appendInteger(tid, to: &out)
                out.append(UInt8(ascii: "}"))
            }
        case .processName(let pid, let name):
            append(
                "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":\(pid),\"args\":{\"name\":" + JSONText.string(name)
                    + "}}")
            append("{\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":\(pid),\"args\":{\"sort_index\":\(pid)}}")
        case .end:
            output.append("\n]\n")
        }
    }

    private func append(_ event: String) {
        append { $0.append(contentsOf: event.utf8) }
    }

    /// Appends one trace event (after the `,\n` that separates it from the previous one).
    private func append(_ build: (inout [UInt8]) -> Void) {
        let separate = !first
        first = false
        output.append { out in
            if separate { JSONText.appendASCII(",\n", to: &out) }
            build(&out)
        }
    }

    /// Appends nanoseconds as microseconds with up to three decimals and no trailing zeros.
    static func appendMicros(_ nanoseconds: Int64, to out: inout [UInt8]) {
        let whole = nanoseconds / 1000
        var fraction = nanoseconds % 1000
        if whole == 0, nanoseconds < 0 { out.append(UInt8(ascii: "-")) }
        JSONText.appendInteger(whole, to: &out)
        guard fraction != 0 else { return }
        fraction = abs(fraction)
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        JSONText.appendDigits(UInt64(fraction), minimumWidth: digits, to: &out)
    }

    /// Closes every open slice at `time` and ends the JSON array.
    public func finish(at time: SimulationTime) {
        guard !finished else { return }
        finished = true
        for pod in tracks.indices { close(pod, at: time.nanoseconds) }
        emit(.end)
    }
}
