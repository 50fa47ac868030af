import Foundation

/// How a metric's values are printed in tables: seconds with three significant digits,
/// fractions as percentages, counts with one decimal; ∞ for never reached, — for undefined.
public enum MetricFormat {
    /// One value in `unit` (`s`, `%`, `µs` or none).
    public static func value(_ value: Double, unit: String) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        switch unit {
        case "%": return String(format: "%.1f%%", value * 100)
        case "s": return seconds(value)
        case "µs": return String(format: "%.1fµs", value)
        default:
            return abs(value) >= 1000 || value == value.rounded()
                ? String(format: "%.0f", value) : String(format: "%.2f", value)
        }
    }

    static func seconds(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0s" }
        if magnitude < 1 { return String(format: "%.0fms", value * 1000) }
        if magnitude < 100 { return String(format: "%.2fs", value) }
        return String(format: "%.0fs", value)
    }

    /// `mean ± half-width` (just the mean when the half-width is undefined).
    public static func estimate(_ estimate: MeanEstimate, unit: String) -> String {
        let mean = value(estimate.mean, unit: unit)
        guard estimate.halfWidth.isFinite, estimate.mean.isFinite else { return mean }
        return mean + " ± " + value(estimate.halfWidth, unit: unit)
    }

    /// `+Δ ± h` with a `*` when the interval excludes zero.
    static func difference(_ difference: PairedDifference, unit: String) -> String {
        let estimate = difference.estimate
        guard estimate.mean.isFinite else { return value(estimate.mean, unit: unit) }
        var text = (estimate.mean > 0 ? "+" : "") + value(estimate.mean, unit: unit)
        if estimate.halfWidth.isFinite { text += " ± " + value(estimate.halfWidth, unit: unit) }
        return text + (difference.isSignificant ? " *" : "")
    }
}

/// A plain text table with aligned columns (first column left-aligned, others right-aligned).
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
