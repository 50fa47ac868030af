import KubeModel
import SimulationCore
import Stochastics

/// Turns a ``Workload`` into pods, one arrival at a time.
///
/// A class because it has identity and owns non-copyable random streams: the runner keeps one
/// per workload and asks it for ``nextArrivalTime()`` (a peek) and ``nextArrival()`` (a pop).
///
/// The runner asks for the first arrival, schedules it, and asks for the next only when that
/// one fires, so a workload of 150,000 pods costs one pending event, not 150,000. Arrivals
/// stop at `count` pods or at `until`, whichever comes first.
///
/// Randomness comes from four named streams of the run's ``RandomStreams``
/// (`workload/<name>/arrivals`, `…/lifetime`, `…/requests`, `…/names`), so changing a lifetime
/// distribution never moves an arrival time (common random numbers across comparisons).
///
/// Pod names: the template's `metadata.name` plus `-<index>` (`web-0`, `web-1`, …); with
/// `generateName`, that prefix plus five random characters from the API server's alphabet
/// (k8s.io/apiserver/pkg/storage/names `SimpleNameGenerator`, `utilrand.String(5)`), unique
/// within the workload; with neither, the workload's name plus `-<index>`.
public final class WorkloadGenerator {
    /// The workload.
    public let workload: Workload
    /// The pod every arrival copies.
    public let prototype: Pod
    private var arrivals: ArrivalStream
    private var arrivalSource: RandomSource
    private var lifetimeSource: RandomSource
    private var requestSource: RandomSource
    private var nameSource: RandomSource
    private let until: SimulationTime?
    /// The five-character suffixes given so far, as base-27 numbers (4 bytes each, not a string).
    private var usedSuffixes: Set<UInt32> = []
    /// How many arrivals have been produced.
    public private(set) var produced = 0
    /// The arrival drawn by ``nextArrivalTime()`` and not yet taken.
    private var pending: WorkloadArrival?
    /// Why the generator produces nothing (its template or trace could not be loaded), if so.
    public private(set) var problem: WorkloadError?

    /// Creates a generator from a resolved prototype pod (and, for trace arrivals, the trace).
    public init(workload: Workload, prototype: Pod, trace: OpenBTrace? = nil, streams: RandomStreams) {
        self.workload = workload
        self.prototype = prototype
        self.arrivals = ArrivalStream(workload.arrivals, trace: trace)
        let prefix = "workload/\(workload.name)/"
        self.arrivalSource = streams.stream(named: prefix + "arrivals")
        self.lifetimeSource = streams.stream(named: prefix + "lifetime")
        self.requestSource = streams.stream(named: prefix + "requests")
        self.nameSource = streams.stream(named: prefix + "names")
        self.until = workload.until.map { SimulationTime(nanoseconds: $0.nanoseconds) }
    }

    /// Creates a generator, loading the template file and the trace relative to `baseDirectory`.
    /// - Throws: ``WorkloadError`` when a file is missing or invalid.
    public static func make(
        workload: Workload, baseDirectory: String, streams: RandomStreams
    )
        throws(WorkloadError) -> WorkloadGenerator
    {
        let (prototype, trace) = try resolve(workload, baseDirectory: baseDirectory)
        return WorkloadGenerator(workload: workload, prototype: prototype, trace: trace, streams: streams)
    }

    /// Creates a generator for one of `scenario`'s workloads, loading files relative to the
    /// scenario's directory. If they cannot be loaded (the reference checks report that before
    /// a run), the generator produces nothing and ``problem`` says why.
    public convenience init(workload: Workload, scenario: Scenario, streams: RandomStreams) {
        do {
            let (prototype, trace) = try Self.resolve(workload, baseDirectory: scenario.baseDirectory)
            self.init(workload: workload, prototype: prototype, trace: trace, streams: streams)
        } catch {
            self.init(
                workload: Workload(name: workload.name, template: workload.template, arrivals: .at([]), count: 0),
                prototype: Pod(metadata: ObjectMeta(), spec: PodSpec(containers: [])), streams: streams)
            self.problem = error
        }
    }

    /// The prototype pod and, for trace arrivals, the trace.
    static func resolve(_ workload: Workload, baseDirectory: String) throws(WorkloadError) -> (Pod, OpenBTrace?) {
        let prototype = try workload.template.prototypePod(baseDirectory: baseDirectory)
        var trace: OpenBTrace?
        if case .trace(let spec) = workload.arrivals {
            do {
                trace = try OpenBTrace(contentsOf: ScenarioReader.resolve(spec.file, against: baseDirectory))
            } catch {
                throw .trace(error)
            }
        }
        return (prototype, trace)
    }

    /// The time of the next arrival without taking it, or `nil` when the workload is exhausted.
    /// - Complexity: O(1) expected; draws the arrival once (a later ``nextArrival()`` returns it).
    public func nextArrivalTime() -> SimulationTime? {
        if pending == nil { pending = draw() }
        return pending?.time
    }

    /// Takes the next arrival (the one ``nextArrivalTime()`` announced, if any).
    public func nextArrival() -> WorkloadArrival? {
        if let arrival = pending {
            pending = nil
            return arrival
        }
        return draw()
    }

    /// The next arrival, or `nil` when the workload is exhausted (same as ``nextArrival()``).
    public func next() -> WorkloadArrival? { nextArrival() }

    /// Draws the next arrival.
    /// - Complexity: O(1) expected plus the copy of the prototype pod.
    private func draw() -> WorkloadArrival? {
        if let count = workload.count, produced >= count { return nil }
        guard let time = arrivals.next(using: &arrivalSource) else { return nil }
        if let until, time >= until { return nil }
        let index = produced
        produced += 1
        var pod = prototype
        pod.metadata.name = podName(index: index)
        pod.metadata.generateName = nil
        if !workload.requests.isEmpty { applyRequestOverrides(to: &pod) }
        var lifetime: SimulationDuration?
        if let record = arrivals.lastTraceRecord { shape(&pod, from: record, lifetime: &lifetime) }
        if let distribution = workload.lifetime {
            lifetime = advance(0, bySeconds: distribution.sample(using: &lifetimeSource))
                .map(SimulationDuration.init(nanoseconds:))
        }
        return WorkloadArrival(time: time, index: index, pod: pod, lifetime: lifetime)
    }

    // MARK: - Pods

    /// The alphabet of `utilrand.String` (k8s.io/apimachinery/pkg/util/rand): no vowels or
    /// look-alike characters, so generated names spell no words.
    private static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")
    private static let suffixCount = 14_348_907

    private func podName(index: Int) -> String {
        if let name = prototype.metadata.name, !name.isEmpty { return "\(name)-\(index)" }
        guard let prefix = prototype.metadata.generateName, !prefix.isEmpty else { return "\(workload.name)-\(index)" }
        // 27^5 = 14,348,907 suffixes: more pods than that (beyond WorkloadSizeEstimate's bound)
        // would make the search below endless, so they fall back to the index.
        guard usedSuffixes.count < Self.suffixCount else { return "\(prefix)\(index)" }
        while true {
            var name = prefix
            var suffix: UInt32 = 0
            for _ in 0..<5 {
                let digit = nameSource.integer(below: Self.nameAlphabet.count)
                suffix = suffix * UInt32(Self.nameAlphabet.count) + UInt32(digit)
                name.append(Self.nameAlphabet[digit])
            }
            if usedSuffixes.insert(suffix).inserted { return name }
        }
    }

    private func applyRequestOverrides(to pod: inout Pod) {
        for override in workload.requests {
            let value = override.distribution.sample(using: &requestSource)
            let quantity = Self.quantity(value, resource: override.resource)
            for index in pod.spec.containers.indices {
                pod.spec.containers[index].resources.requests[override.resource] = quantity
            }
        }
    }

    /// A quantity for `value` in the resource's base unit, rounded up to a thousandth.
    static func quantity(_ value: Double, resource: String) -> Quantity {
        let milli = (value * 1000).rounded(.up)
        let clamped = milli.isFinite ? Swift.min(Swift.max(milli, 0), Double(Int64.max / 2)) : 0
        let format: Quantity.Format = resource == ResourceName.cpu ? .decimalSI : .binarySI
        return Quantity(milliValue: Int64(clamped), format: format)
    }

    /// Applies an openb record the way the trace's own converter does
    /// (hkust-adsl/kubernetes-scheduler-simulator `pod_csv_to_yaml.py`): the first container
    /// requests and limits `cpu_milli`m and `memory_mib`Mi; GPUs go into the annotations
    /// `alibabacloud.com/gpu-milli`, `alibabacloud.com/gpu-count` and
    /// `alibabacloud.com/gpu-card-model`. The lifetime is `deletion_time − creation_time`.
    private func shape(_ pod: inout Pod, from record: OpenBTrace.Record, lifetime: inout SimulationDuration?) {
        if !pod.spec.containers.isEmpty {
            let cpu = Quantity(milliValue: record.cpuMilli, format: .decimalSI)
            let memory = Quantity(milliValue: record.memoryMiB * 1_048_576 * 1000, format: .binarySI)
            pod.spec.containers[0].resources.requests[ResourceName.cpu] = cpu
            pod.spec.containers[0].resources.requests[ResourceName.memory] = memory
            pod.spec.containers[0].resources.limits[ResourceName.cpu] = cpu
            pod.spec.containers[0].resources.limits[ResourceName.memory] = memory
        }
        var annotations = pod.metadata.annotations ?? [:]
        annotations["kubesim.io/trace-name"] = record.name
        if record.numGPU > 0 {
            annotations["alibabacloud.com/gpu-count"] = String(record.numGPU)
            annotations["alibabacloud.com/gpu-milli"] = String(record.gpuMilli)
            if !record.gpuSpec.isEmpty { annotations["alibabacloud.com/gpu-card-model"] = record.gpuSpec }
        }
        pod.metadata.annotations = annotations
        if let deletion = record.deletionTime, deletion > record.creationTime {
            let seconds = Double(deletion - record.creationTime) * traceTimeScale
            lifetime = advance(0, bySeconds: seconds).map(SimulationDuration.init(nanoseconds:))
        }
    }

    private var traceTimeScale: Double {
        if case .trace(let spec) = workload.arrivals { return spec.timeScale }
        return 1
    }
}
