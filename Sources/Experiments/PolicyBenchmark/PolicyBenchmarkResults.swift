import SimulationOutput

/// The outcomes of a policy benchmark and the comparison table and CSV made from them.
public struct PolicyBenchmarkResults: Sendable {
    /// Workload names, in suite order.
    public var workloads: [String]
    /// Policy names, in the order given.
    public var policies: [String]
    /// Every run planned.
    public var cells: [PolicyBenchmark.Cell]
    /// The outcome of each run that finished.
    public var outcomes: [PolicyBenchmark.Cell: RunOutcome]

    /// The columns of the comparison table, by metric name.
    public static let tableMetrics = [
        "placement", "scheduling.p50", "scheduling.p99", "util.cpu", "frag.cpu", "nodes.used", "pods.preempted",
        "scheduler.decision_us",
    ]

    /// Completed values of one metric for a (workload, policy), by replication.
    public func values(_ metric: Int, workload: Int, policy: Int) -> [Int: Double] {
        var values: [Int: Double] = [:]
        for cell in cells where cell.workload == workload && cell.policy == policy {
            if let outcome = outcomes[cell], outcome.status == .completed {
                values[cell.replication] = outcome.value(metric)
            }
        }
        return values
    }

    /// The comparison table: a row per (workload, policy), mean ± 95 % half-width per metric.
    public func table(confidence: Double = 0.95) -> String {
        let metrics = Self.tableMetrics.compactMap(MetricCatalog.index(of:))
        let headers = [
            "placement", "pending p50", "pending p99", "cpu util", "cpu frag", "nodes used", "preemptions",
            "decision/attempt",
        ]
        var table = TextTable(header: ["workload", "policy", "runs"] + headers)
        for w in workloads.indices {
            for p in policies.indices {
                let runs = values(metrics[0], workload: w, policy: p).count
                var row = [workloads[w], policies[p], "\(runs)"]
                for metric in metrics {
                    let byReplication = values(metric, workload: w, policy: p)
                    let estimate = MeanEstimate(
                        byReplication.keys.sorted().map { byReplication[$0]! }, confidence: confidence)
                    row.append(MetricFormat.estimate(estimate, unit: MetricCatalog.all[metric].unit))
                }
                table.rows.append(row)
            }
        }
        let level = Int((confidence * 100).rounded())
        return "mean ± \(level)% half-width over replications (common random numbers across policies)\n"
            + table.render()
    }

    /// One CSV row per finished run: workload, policy, replication, seed, status, every metric.
    public func csv() -> String {
        var lines = [
            (["workload", "policy", "replication", "seed", "status"] + MetricCatalog.all.map(\.column)).joined(
                separator: ",")
        ]
        for cell in cells {
            guard let outcome = outcomes[cell] else { continue }
            var fields = [
                CSVField.quoted(workloads[cell.workload]), CSVField.quoted(policies[cell.policy]),
                String(cell.replication),
                String(cell.seed), outcome.status.rawValue,
            ]
            fields += MetricCatalog.all.indices.map { SweepCSV.number(outcome.value($0)) }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
