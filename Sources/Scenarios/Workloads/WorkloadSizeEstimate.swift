import Foundation
import KubeModel
import SimulationCore

/// How many pods a scenario's workload generators would create, estimated before a run, so a
/// run that cannot fit in memory is refused by `kubesim validate` instead of dying halfway.
///
/// Generators stream their arrivals (one pending arrival per workload, lifetimes carried by the
/// engine event), but every pod created stays in the API server's store for the outputs (a
/// deleted pod is flagged, not removed), so memory grows with the pods *created*. The estimate
/// is the expected number: `count`, or the expected arrivals of the process over the run
/// (`rate × horizon`, the horizon being the workload's `until`, the scenario's `duration` or
/// the runner's quiescence cap of 7 days), whichever is smaller.
public struct WorkloadSizeEstimate: Sendable, Hashable {
    /// The most pods one run may create (10 million; the 5,000-node envelope creates 150,000 in
    /// 1.1 GiB, about 7.5 KiB a pod).
    public static let maximumPods = 10_000_000
    /// Bytes per created pod used for the size shown in messages (the envelope's measured peak
    /// memory over its pods).
    public static let bytesPerPod = 7_680.0
    /// The longest run without `spec.duration` (``ScenarioRunner/quiescenceCap``'s default).
    static let horizonCap = SimulationDuration.seconds(7 * 86_400)

    /// The expected number of pods.
    public var pods: Double
    /// How it was computed (`count 100`, `poisson 1e+09/s over 20m0s`).
    public var basis: String

    /// The estimate for one workload of `scenario`.
    /// - Complexity: O(1) (O(n) for `at` lists).
    public init(_ workload: Workload, in scenario: Scenario) {
        var horizon = scenario.runLength.duration ?? Self.horizonCap
        if let until = workload.until { horizon = min(horizon, until) }
        let seconds = Double(horizon.nanoseconds) / 1e9
        var expected: Double?
        var basis = ""
        switch workload.arrivals {
        case .at(let times):
            expected = Double(times.count)
            basis = "\(times.count) arrival times"
        case .poisson(let rate):
            expected = rate * seconds
            basis = "poisson \(Self.format(rate))/s over \(horizon)"
        case .diurnal(let spec):
            expected = spec.meanRate * seconds
            basis = "diurnal mean \(Self.format(spec.meanRate))/s over \(horizon)"
        case .trace:
            expected = nil  // bounded by the trace file, which is read with a size limit
        }
        if let count = workload.count, expected.map({ Double(count) <= $0 }) ?? true {
            pods = Double(count)
            self.basis = "count \(count)"
        } else {
            pods = expected ?? 0
            self.basis = basis
        }
    }

    /// `pods` for messages: exact below a million, else `1.2e+11`.
    public var podsText: String { Self.format(pods.rounded()) }

    /// Roughly how much memory the pods take, for messages (`about 700 GiB`).
    public var memoryText: String {
        let bytes = pods * Self.bytesPerPod
        let gib = bytes / Double(1 << 30)
        return gib >= 1
            ? "about \(Self.format(gib.rounded())) GiB" : "about \(Int((bytes / Double(1 << 20)).rounded())) MiB"
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e6 { return String(Int(value)) }
        return String(format: "%.3g", value)
    }

    /// Errors for workloads (each, and all together) that would create more than
    /// ``maximumPods`` pods, at the workload's line of the scenario.
    public static func check(_ scenario: Scenario) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var total = 0.0
        func report(_ path: String, _ estimate: WorkloadSizeEstimate, what: String) {
            let file = scenario.location?.file ?? scenario.name
            let location = SourceLocation(
                file: file, line: scenario.sourceMap.line(for: path) ?? scenario.location?.line,
                documentIndex: scenario.location?.documentIndex ?? 0)
            let error = FieldError.invalid(
                path, .string("\(estimate.podsText) pods"),
                "\(what) would create about \(estimate.podsText) pods (\(estimate.basis)), \(estimate.memoryText) of "
                    + "API-server state; a run holds at most \(maximumPods) pods: lower count, the rate or until")
            diagnostics.append(
                Diagnostic(
                    severity: .error, location: location, object: "\(Scenario.kind) \"\(scenario.name)\"",
                    message: error.description))
        }
        for (index, workload) in scenario.workloads.enumerated() {
            let estimate = WorkloadSizeEstimate(workload, in: scenario)
            total += estimate.pods
            if estimate.pods > Double(maximumPods) {
                report("spec.workloads[\(index)]", estimate, what: "the workload")
            }
        }
        if diagnostics.isEmpty, total > Double(maximumPods) {
            let estimate = WorkloadSizeEstimate(pods: total, basis: "\(scenario.workloads.count) workloads together")
            report("spec.workloads", estimate, what: "the workloads")
        }
        return diagnostics
    }

    /// Errors for replica counts (Deployment, ReplicaSet, StatefulSet `spec.replicas`, Job
    /// `spec.parallelism` and `spec.completions`, `scale` and `patch` actions) above
    /// ``maximumPods``: one object alone would outgrow memory.
    public static func checkReplicas(_ scenario: Scenario, objects: [LoadedObject]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func refuse(_ location: SourceLocation, _ object: String, _ path: String, _ replicas: Int) {
            let estimate = WorkloadSizeEstimate(pods: Double(replicas), basis: "")
            let error = FieldError.invalid(
                path, .int(replicas),
                "would create \(replicas) pods, \(estimate.memoryText) of API-server state; a run holds at most "
                    + "\(maximumPods) pods")
            diagnostics.append(
                Diagnostic(severity: .error, location: location, object: object, message: error.description))
        }
        for item in objects {
            var counts: [(String, Int)] = []
            switch item.object {
            case .deployment(let o): counts = [("spec.replicas", o.spec.replicas)]
            case .replicaSet(let o): counts = [("spec.replicas", o.spec.replicas)]
            case .statefulSet(let o): counts = [("spec.replicas", o.spec.replicas)]
            case .job(let o):
                counts = [("spec.parallelism", o.spec.parallelism), ("spec.completions", o.spec.completions ?? 0)]
            default: break
            }
            for (path, count) in counts where count > maximumPods {
                refuse(item.location, item.object.displayName, path, count)
            }
        }
        let file = scenario.location?.file ?? scenario.name
        for action in scenario.actions {
            var replicas: Int?
            var path = "spec.actions[\(action.index)]"
            switch action.operation {
            case .scale(_, let count):
                replicas = count
                path += ".scale.replicas"
            case .patch(let patch):
                replicas = patch.replicas
                path += ".patch.replicas"
            default: break
            }
            guard let replicas, replicas > maximumPods else { continue }
            let location = SourceLocation(
                file: file, line: scenario.sourceMap.line(for: path) ?? scenario.location?.line,
                documentIndex: scenario.location?.documentIndex ?? 0)
            refuse(location, "\(Scenario.kind) \"\(scenario.name)\"", path, replicas)
        }
        return diagnostics
    }

    init(pods: Double, basis: String) {
        self.pods = pods
        self.basis = basis
    }
}
