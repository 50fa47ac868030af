/// Small inline-SVG chart builders for the HTML report: no scripts, no external resources.
enum SVGChart {
    /// One named series of values.
    struct Series {
        var name: String
        var color: String
        var values: [Double]
        /// Drawn dashed and on top of the others (lines only), so it stays visible where it coincides
        /// with another series.
        var dashed = false
    }

    /// One Gantt row: a label and its bars (start, end in seconds; colour; tooltip).
    struct GanttRow {
        var label: String
        var bars: [(start: Double, end: Double, color: String, title: String)]
    }

    static let width = 860.0
    static let left = 64.0, right = 16.0, top = 12.0, bottom = 28.0

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String { JSONText.decimal(value, decimals: 1) }

    /// "850ms", "12.5s", "3m20s", "2h05m".
    static func duration(_ seconds: Double) -> String {
        if seconds == 0 { return "0" }
        if seconds < 1 { return JSONText.decimal(seconds * 1000, decimals: 1) + "ms" }
        if seconds < 60 { return JSONText.decimal(seconds, decimals: 2) + "s" }
        let total = Int(seconds.rounded())
        if total < 3600 { return "\(total / 60)m" + (total % 60 == 0 ? "" : "\(total % 60)s") }
        let minutes = (total % 3600) / 60
        return "\(total / 3600)h" + (minutes < 10 ? "0" : "") + "\(minutes)m"
    }

    /// A step for a time axis (seconds) giving about `count` ticks over `span`: 1-2-5 below a second,
    /// then the steps a clock reader expects (5 s, 15 s, 30 s, 1 m, 5 m, 15 m, 30 m, 1 h, then 1-2-5
    /// hours) rather than 1-2-5 seconds, which put ticks at 3m20s and 8m20s.
    static func niceTimeStep(_ span: Double, count: Int) -> Double {
        let raw = span / Double(count)
        guard raw > 1 else { return niceStep(span, count: count) }
        for step in [2.0, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600] where step >= raw { return step }
        return niceStep(span / 3600, count: count) * 3600
    }

    /// Longest Gantt label that fits the 200-unit label column at the tick font.
    static let ganttLabelLimit = 34

    /// `text`, or its start and end around an ellipsis if it is longer than `limit` characters (pod
    /// names keep their distinguishing suffix).
    static func abbreviated(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let tail = (limit - 1) / 2
        return String(text.prefix(limit - 1 - tail)) + "…" + String(text.suffix(tail))
    }

    /// A 1-2-5 step giving about `count` ticks over `span`.
    static func niceStep(_ span: Double, count: Int) -> Double {
        guard span > 0 else { return 1 }
        let raw = span / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
        return magnitude * 10
    }

    private static func frame(height: Double, body: String, label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(escape(label))\">"
            + body + "</svg>"
    }

    /// Time axis and horizontal grid.
    private static func axes(
        height: Double, tMax: Double, yMax: Double, yLabel: (Double) -> String
    ) -> String {
        let plotW = width - left - right, plotH = height - top - bottom
        var svg = ""
        let yStep = niceStep(yMax, count: 4)
        var y = 0.0
        while y <= yMax + 1e-9 {
            let py = top + plotH - plotH * (yMax > 0 ? y / yMax : 0)
            svg +=
                "<line class=\"grid\" x1=\"\(number(left))\" x2=\"\(number(left + plotW))\" y1=\"\(number(py))\" y2=\"\(number(py))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(number(left - 6))\" y=\"\(number(py + 4))\" text-anchor=\"end\">\(escape(yLabel(y)))</text>"
            y += yStep
        }
        let xStep = niceTimeStep(tMax, count: 6)
        var x = 0.0
        while x <= tMax + 1e-9 {
            let px = left + plotW * (tMax > 0 ? x / tMax : 0)
            svg +=
                "<text class=\"tick\" x=\"\(number(px))\" y=\"\(number(height - 8))\" text-anchor=\"middle\">\(escape(duration(x)))</text>"
            x += xStep
        }
        svg +=
            "<line class=\"axis\" x1=\"\(number(left))\" x2=\"\(number(left))\" y1=\"\(number(top))\" y2=\"\(number(top + plotH))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(number(left))\" x2=\"\(number(left + plotW))\" y1=\"\(number(top + plotH))\" y2=\"\(number(top + plotH))\"/>"
        return svg
    }

    /// Stacked areas over time (`times` in seconds).
    static func stackedArea(times: [Double], series: [Series], height: Double = 240, label: String) -> String {
        guard times.count > 1 else { return "<p class=\"muted\">Not enough samples for a chart.</p>" }
        let tMax = max(times.last ?? 0, 1e-9)
        var totals = [Double](repeating: 0, count: times.count)
        for s in series { for i in times.indices { totals[i] += s.values[i] } }
        let yMax = max(totals.max() ?? 1, 1)
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ t: Double) -> Double { left + plotW * t / tMax }
        func py(_ v: Double) -> Double { top + plotH - plotH * v / yMax }
        var svg = axes(height: height, tMax: tMax, yMax: yMax) { number($0) }
        var base = [Double](repeating: 0, count: times.count)
        for s in series {
            var upper = base
            for i in times.indices { upper[i] += s.values[i] }
            // Steps: a sample's value holds until the next sample.
            var points: [String] = []
            for i in times.indices {
                let next = i + 1 < times.count ? times[i + 1] : times[i]
                points.append("\(number(px(times[i]))),\(number(py(upper[i])))")
                points.append("\(number(px(next))),\(number(py(upper[i])))")
            }
            for i in times.indices.reversed() {
                let next = i + 1 < times.count ? times[i + 1] : times[i]
                points.append("\(number(px(next))),\(number(py(base[i])))")
                points.append("\(number(px(times[i]))),\(number(py(base[i])))")
            }
            svg +=
                "<polygon fill=\"\(s.color)\" fill-opacity=\"0.85\" points=\"\(points.joined(separator: " "))\"><title>\(escape(s.name))</title></polygon>"
            base = upper
        }
        return frame(height: height, body: svg, label: label) + legend(series.map { ($0.name, $0.color) })
    }

    /// Lines of fractions (0…1) over time, shown as percentages.
    static func fractionLines(times: [Double], series: [Series], height: Double = 220, label: String) -> String {
        guard times.count > 1 else { return "<p class=\"muted\">Not enough samples for a chart.</p>" }
        let tMax = max(times.last ?? 0, 1e-9)
        let yMax = max(1.0, series.flatMap(\.values).max() ?? 1)
        let plotW = width - left - right, plotH = height - top - bottom
        var svg = axes(height: height, tMax: tMax, yMax: yMax) { "\(Int(($0 * 100).rounded()))%" }
        for s in series.filter({ !$0.dashed }) + series.filter(\.dashed) {
            var points: [String] = []
            for i in times.indices {
                points.append(
                    "\(number(left + plotW * times[i] / tMax)),\(number(top + plotH - plotH * s.values[i] / yMax))")
            }
            let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
            svg +=
                "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\"\(dash) points=\"\(points.joined(separator: " "))\"><title>\(escape(s.name))</title></polyline>"
        }
        return frame(height: height, body: svg, label: label) + legend(series.map { ($0.name, $0.color, $0.dashed) })
    }

    /// Vertical bars with labels under them.
    static func bars(
        _ bins: [(label: String, count: UInt64)], color: String, height: Double = 200, label: String
    ) -> String {
        guard !bins.isEmpty else { return "<p class=\"muted\">No samples.</p>" }
        let plotW = width - left - right, plotH = height - top - bottom
        let yMax = Double(max(bins.map(\.count).max() ?? 1, 1))
        var svg = ""
        let yStep = niceStep(yMax, count: 4)
        var y = 0.0
        while y <= yMax + 1e-9 {
            let py = top + plotH - plotH * y / yMax
            svg +=
                "<line class=\"grid\" x1=\"\(number(left))\" x2=\"\(number(left + plotW))\" y1=\"\(number(py))\" y2=\"\(number(py))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(number(left - 6))\" y=\"\(number(py + 4))\" text-anchor=\"end\">\(number(y))</text>"
            y += yStep
        }
        // At least 12 slots, so one or two bins do not become slabs.
        let slot = plotW / Double(max(bins.count, 12))
        let labelEvery = max(1, bins.count / 10)
        for (i, bin) in bins.enumerated() {
            // A non-empty bin is at least 2 units tall: a tail of a few pods next to hundreds at zero
            // (the p99 a reader looks for) would otherwise be invisible. The tooltip has the count.
            let h = bin.count == 0 ? 0 : max(plotH * Double(bin.count) / yMax, 2)
            let x = left + slot * Double(i)
            svg +=
                "<rect fill=\"\(color)\" x=\"\(number(x + 1))\" y=\"\(number(top + plotH - h))\" width=\"\(number(max(slot - 2, 1)))\" height=\"\(number(h))\"><title>\(escape(bin.label)): \(bin.count)</title></rect>"
            if i % labelEvery == 0 {
                svg +=
                    "<text class=\"tick\" x=\"\(number(x + slot / 2))\" y=\"\(number(height - 8))\" text-anchor=\"middle\">\(escape(bin.label))</text>"
            }
        }
        svg +=
            "<line class=\"axis\" x1=\"\(number(left))\" x2=\"\(number(left + plotW))\" y1=\"\(number(top + plotH))\" y2=\"\(number(top + plotH))\"/>"
        return frame(height: height, body: svg, label: label)
    }

    /// A Gantt chart: one row per label, bars over time.
    static func gantt(rows: [GanttRow], tMax: Double, label: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"muted\">No pods ran on nodes.</p>" }
        let rowH = 12.0
        let ganttLeft = 200.0
        let height = top + bottom + rowH * Double(rows.count)
        let plotW = width - ganttLeft - right
        let span = max(tMax, 1e-9)
        var svg = ""
        for (r, row) in rows.enumerated() {
            let y = top + rowH * Double(r)
            // Long names are shortened in the middle (the full name is the tooltip), not cut off at
            // the chart's left edge.
            let shown = abbreviated(row.label, limit: ganttLabelLimit)
            let tooltip = shown == row.label ? "" : "<title>\(escape(row.label))</title>"
            svg +=
                "<text class=\"tick\" x=\"\(number(ganttLeft - 6))\" y=\"\(number(y + rowH - 3))\" text-anchor=\"end\">\(tooltip)\(escape(shown))</text>"
            for bar in row.bars {
                let x = ganttLeft + plotW * bar.start / span
                let w = max(plotW * (bar.end - bar.start) / span, 0.5)
                svg +=
                    "<rect fill=\"\(bar.color)\" x=\"\(number(x))\" y=\"\(number(y + 1))\" width=\"\(number(w))\" height=\"\(number(rowH - 2))\"><title>\(escape(bar.title))</title></rect>"
            }
        }
        let xStep = niceTimeStep(span, count: 6)
        var x = 0.0
        while x <= span + 1e-9 {
            let px = ganttLeft + plotW * x / span
            svg +=
                "<text class=\"tick\" x=\"\(number(px))\" y=\"\(number(height - 8))\" text-anchor=\"middle\">\(escape(duration(x)))</text>"
            x += xStep
        }
        return
            "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(escape(label))\">"
            + svg + "</svg>"
    }

    /// A legend: a swatch per item (striped for a dashed line) and its name.
    static func legend(_ items: [(name: String, color: String, dashed: Bool)]) -> String {
        "<div class=\"legend\">"
            + items.map { item in
                let style =
                    item.dashed
                    ? "background:repeating-linear-gradient(90deg,\(item.color) 0 6px,transparent 6px 9px);width:21px;height:3px;vertical-align:3px"
                    : "background:\(item.color)"
                return "<span><i style=\"\(style)\"></i>\(escape(item.name))</span>"
            }.joined()
            + "</div>"
    }

    /// A legend of solid swatches.
    static func legend(_ items: [(String, String)]) -> String {
        legend(items.map { (name: $0.0, color: $0.1, dashed: false) })
    }
}
