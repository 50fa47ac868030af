import Foundation
import KubeModel
import Scenarios
import SimulationCore

/// A scenario value a sweep may vary, addressed like a field path of the Scenario document.
///
/// Paths are parsed once and applied to the typed ``Scenario`` (never to YAML text), so an
/// override is checked like the document itself: `spec.nodes[worker].count=12`.
public enum ParameterPath: Sendable, Hashable, CustomStringConvertible {
    /// `spec.nodes[<pool>].count`: nodes in a pool (pool by name or index).
    case poolCount(pool: PoolSelector)
    /// `spec.nodes[<pool>].capacity.<resource>`: capacity of each node of a pool.
    case poolCapacity(pool: PoolSelector, resource: String)
    /// `spec.seed`: the master seed (replication seeds derive from it).
    case seed
    /// `spec.workloads[<i>].arrivals.poisson.rate`: arrival rate (`20/m`, `0.5/s`, `3`).
    case poissonRate(workload: Int)
    /// `spec.duration`: simulated run length (`30m`).
    case duration
    /// `scheduler.policy`: a placement policy name or a KubeSchedulerConfiguration file.
    case schedulerPolicy
    /// Any other field of the Scenario document or of an input manifest, written into the
    /// document and decoded again (see ``FieldOverride``).
    case field(FieldOverride)

    /// How a pool is named in a path.
    public enum PoolSelector: Sendable, Hashable, CustomStringConvertible {
        /// By `name`.
        case name(String)
        /// By position in `spec.nodes`.
        case index(Int)
        public var description: String {
            switch self {
            case .name(let name): name
            case .index(let index): String(index)
            }
        }
    }

    /// The forms accepted, for error messages and `--help`.
    public static let supportedForms = [
        "spec.nodes[<pool>].count", "spec.nodes[<pool>].capacity.cpu", "spec.nodes[<pool>].capacity.memory",
        "spec.nodes[<pool>].capacity.<resource>", "spec.seed", "spec.workloads[<i>].arrivals.poisson.rate",
        "spec.duration", "scheduler.policy", "any other spec.… field of the Scenario",
        "Kind/name:path into an input manifest (Deployment/web:spec.replicas)",
    ]

    /// Parses a path.
    /// - Throws: ``SweepError/unsupportedPath(_:)``.
    public init(parsing text: String) throws(SweepError) {
        let path = text.trimmingCharacters(in: .whitespaces)
        switch path {
        case "spec.seed": self = .seed
        case "spec.duration": self = .duration
        case "scheduler.policy", "spec.scheduler.policy": self = .schedulerPolicy
        default:
            if let (inside, rest) = Self.bracketed(path, prefix: "spec.nodes[") {
                let pool: PoolSelector = Int(inside).map { .index($0) } ?? .name(inside)
                if rest == ".count" {
                    self = .poolCount(pool: pool)
                    return
                }
                if rest.hasPrefix(".capacity."), rest.count > ".capacity.".count {
                    self = .poolCapacity(pool: pool, resource: String(rest.dropFirst(".capacity.".count)))
                    return
                }
            }
            if let (inside, rest) = Self.bracketed(path, prefix: "spec.workloads["), let index = Int(inside),
                index >= 0,
                rest == ".arrivals.poisson.rate"
            {
                self = .poissonRate(workload: index)
                return
            }
            self = .field(try FieldOverride(parsing: path))
        }
    }

    /// `prefix<inside>]<rest>` → (inside, rest).
    private static func bracketed(_ path: String, prefix: String) -> (String, String)? {
        guard path.hasPrefix(prefix), let close = path.firstIndex(of: "]") else { return nil }
        let inside = String(path[path.index(path.startIndex, offsetBy: prefix.count)..<close])
        guard !inside.isEmpty else { return nil }
        return (inside, String(path[path.index(after: close)...]))
    }

    public var description: String {
        switch self {
        case .poolCount(let pool): "spec.nodes[\(pool)].count"
        case .poolCapacity(let pool, let resource): "spec.nodes[\(pool)].capacity.\(resource)"
        case .seed: "spec.seed"
        case .poissonRate(let workload): "spec.workloads[\(workload)].arrivals.poisson.rate"
        case .duration: "spec.duration"
        case .schedulerPolicy: "scheduler.policy"
        case .field(let override): override.description
        }
    }

    /// Whether the values are integers (a `--find` path must be).
    public var isInteger: Bool {
        switch self {
        case .poolCount, .seed: true
        default: false
        }
    }

    // MARK: - Applying

    /// Sets the value in a run configuration.
    /// - Throws: ``SweepError/invalidValue(path:value:reason:)`` or ``SweepError/unknownTarget(path:reason:)``.
    public func apply(_ value: String, to configuration: inout RunConfiguration) throws(SweepError) {
        let value = value.trimmingCharacters(in: .whitespaces)
        func invalid(_ reason: String) -> SweepError { .invalidValue(path: description, value: value, reason: reason) }
        switch self {
        case .poolCount(let pool):
            guard let count = Int(value), count >= 0 else { throw invalid("must be a non-negative integer") }
            let index = try poolIndex(pool, in: &configuration.input.scenario)
            configuration.input.scenario.nodePools![index].count = count
        case .poolCapacity(let pool, let resource):
            // `validateResourceName`, as for the pool's own capacity.
            if let problem = ResourceNameValidation.resourceNameProblems(resource).first {
                throw .unknownTarget(path: description, reason: "\"\(resource)\" \(problem)")
            }
            guard let quantity = try? Quantity(parsing: value), !quantity.isNegative else {
                throw invalid("must be a non-negative Kubernetes quantity such as 8, 500m or 32Gi")
            }
            let index = try poolIndex(pool, in: &configuration.input.scenario)
            configuration.input.scenario.nodePools![index].capacity[resource] = quantity
        case .seed:
            guard let seed = UInt64(value) else { throw invalid("must be a non-negative integer") }
            configuration.input.scenario.seed = seed
        case .poissonRate(let workload):
            let workloads = configuration.input.scenario.workloads
            guard workload < workloads.count else {
                throw .unknownTarget(
                    path: description,
                    reason: "the scenario has \(workloads.count) workload\(workloads.count == 1 ? "" : "s")")
            }
            guard case .poisson = workloads[workload].arrivals else {
                throw .unknownTarget(path: description, reason: "workload \(workload) does not have Poisson arrivals")
            }
            guard case .success(let rate) = ScenarioUnits.rate(value) else {
                throw invalid("must be a positive rate such as 20/m, 0.5/s or 3 (per second)")
            }
            configuration.input.scenario.workloads[workload].arrivals = .poisson(rate: rate)
        case .duration:
            guard case .success(let duration) = ScenarioUnits.duration(value), duration > .zero else {
                throw invalid("must be a positive duration such as 30m or 2h")
            }
            configuration.input.scenario.runLength.duration = duration
        case .schedulerPolicy:
            do {
                configuration.policy = try PolicyChoice(parsing: value, baseDirectory: ".")
            } catch {
                throw invalid(error.description)
            }
        case .field(let override):
            try FieldOverride.apply([(override, value)], to: &configuration)
        }
    }

    /// The pool's index, materialising the default pools first when the scenario has none.
    private func poolIndex(_ pool: PoolSelector, in scenario: inout Scenario) throws(SweepError) -> Int {
        if scenario.nodePools == nil { scenario.nodePools = scenario.effectiveNodePools }
        let pools = scenario.nodePools!
        let names = pools.map(\.name).joined(separator: ", ")
        switch pool {
        case .index(let index):
            guard index >= 0, index < pools.count else {
                throw .unknownTarget(path: description, reason: "no pool at index \(index) (pools: \(names))")
            }
            return index
        case .name(let name):
            guard let index = pools.firstIndex(where: { $0.name == name }) else {
                throw .unknownTarget(
                    path: description,
                    reason: pools.isEmpty
                        ? "the scenario has no node pools" : "no pool named \"\(name)\" (pools: \(names))")
            }
            return index
        }
    }
}
