import Foundation
import SimulationOutput

/// The CSV export of a sweep: one row per run, with a column per swept path (named by its
/// path), `replication`, `seed`, `status`, then every metric column. Infinite values are
/// written `inf`, undefined ones are left empty; pandas reads both.
public enum SweepCSV {
    /// Renders the runs of `plan` that the results hold (completed runs).
    public static func render(plan: SweepPlan, tasks: [RunTask], results: SweepResults) -> String {
        var paths: [String] = []
        for point in plan.points {
            for setting in point.settings where !paths.contains(setting.path.description) {
                paths.append(setting.path.description)
            }
        }
        var lines = [
            (paths + ["replication", "seed", "status"] + MetricCatalog.all.map(\.column)).map(CSVField.quoted).joined(
                separator: ",")
        ]
        for task in tasks {
            guard let values = results.values[task.pointIndex][task.replication] else { continue }
            var cells = paths.map { path in task.point.settings.first { $0.path.description == path }?.value ?? "" }
            cells += [String(task.replication), String(task.seed), "completed"]
            cells += values.map(number)
            lines.append(cells.map(CSVField.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}
