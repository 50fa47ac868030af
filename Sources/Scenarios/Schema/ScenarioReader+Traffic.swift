import SimulationCore
import Yams

extension ScenarioReader {
    /// `spec.traffic[i]`.
    static let trafficKeys = ["name", "namespace", "selector", "rate", "from", "until"]
    /// `spec.traffic[i].rate` when it is a mapping.
    static let trafficRateKinds = ["diurnal", "trace"]
    /// `spec.traffic[i].rate.trace`.
    static let trafficTraceKeys = ["file", "column", "timeColumn"]
    /// `spec.behaviors[i].cpu`.
    static let cpuKeys = ["base", "perRequest"]

    mutating func traffic(_ node: Yams.Node, _ path: FieldPath) -> [Traffic] {
        guard let items = sequence(node, path) else { return [] }
        var result: [Traffic] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.trafficKeys) else { continue }
            let name = requiredString(map, "name", itemPath)
            if let name, !names.insert(name).inserted {
                error(.duplicate(itemPath.key("name").text, .string(name)), at: itemPath.key("name"))
            }
            var selector: [String: String]?
            if let node = map["selector"] {
                selector = stringMap(node, itemPath.key("selector"))
                if selector?.isEmpty == true {
                    invalid(itemPath.key("selector"), node: node, "must name at least one label")
                    selector = nil
                }
            } else {
                required(itemPath.key("selector"))
            }
            var rate: Traffic.Rate?
            if let node = map["rate"] {
                rate = trafficRate(node, itemPath.key("rate"))
            } else {
                required(itemPath.key("rate"))
            }
            var from = SimulationDuration.zero
            if let node = map["from"], let value = duration(node, itemPath.key("from")) { from = value }
            var until: SimulationDuration?
            if let node = map["until"], let value = duration(node, itemPath.key("until")) {
                if value <= from {
                    invalid(itemPath.key("until"), node: node, "must be later than from")
                } else {
                    until = value
                }
            }
            let namespace = optionalString(map, "namespace", itemPath)
            if let name, let selector, let rate {
                result.append(
                    Traffic(name: name, namespace: namespace, selector: selector, rate: rate, from: from, until: until))
            }
        }
        return result
    }

    /// `rate: 120` (per second; `120/s`, `7200/m` …) or `rate: {diurnal: {…}}`.
    mutating func trafficRate(_ node: Yams.Node, _ path: FieldPath) -> Traffic.Rate? {
        if case .scalar = node {
            guard let value = value(node, path, unit: .perSecond) else { return nil }
            guard value >= 0 else {
                invalid(path, node: node, "must be non-negative")
                return nil
            }
            return .constant(value)
        }
        guard let map = mapping(node, path, known: Self.trafficRateKinds) else { return nil }
        if let body = map["trace"] { return rateTrace(body, path.key("trace")).map(Traffic.Rate.trace) }
        guard let body = map["diurnal"] else {
            invalid(path, node: node, "expected a rate per second, {diurnal: …} or {trace: …}")
            return nil
        }
        return diurnal(body, path.key("diurnal")).map(Traffic.Rate.diurnal)
    }

    /// `{trace: {file, column, timeColumn}}`: a CSV with a header; `timeColumn` (default `t`)
    /// holds seconds since the start (or durations: `90s`, `1h`), strictly increasing; `column`
    /// the rate per second (`120`, `7200/m`). A missing file is reported by the reference checks.
    mutating func rateTrace(_ node: Yams.Node, _ path: FieldPath) -> RateSeries? {
        guard let map = mapping(node, path, known: Self.trafficTraceKeys) else { return nil }
        let file = requiredString(map, "file", path)
        let column = requiredString(map, "column", path)
        let timeColumn = map["timeColumn"].flatMap { string($0, path.key("timeColumn")) } ?? "t"
        guard let file, let column else { return nil }
        referFile(file, path.key("file"), purpose: .trace)
        let table: CSVTable
        do {
            table = try CSVTable(contentsOf: Self.resolve(file, against: baseDirectory))
        } catch .unreadable {
            return nil
        } catch {
            invalid(path.key("file"), file, "file holds no header row")
            return nil
        }
        let columns = table.header.joined(separator: ", ")
        guard let rateIndex = table.column(column) else {
            invalid(path.key("column"), column, "no such column in \(file) (columns: \(columns))")
            return nil
        }
        guard let timeIndex = table.column(timeColumn) else {
            invalid(path.key("timeColumn"), timeColumn, "no such column in \(file) (columns: \(columns))")
            return nil
        }
        var times: [Double] = []
        var rates: [Double] = []
        for row in table.rows {
            let place = "\(file):\(row.line)"
            guard case .success(let time) = ValueUnit.seconds.parse(table.text(row, timeIndex)), time >= 0 else {
                invalid(path.key("file"), file, "\(place): \(timeColumn) must be seconds since the start, ≥ 0")
                return nil
            }
            guard case .success(let rate) = ValueUnit.perSecond.parse(table.text(row, rateIndex)), rate >= 0 else {
                invalid(path.key("file"), file, "\(place): \(column) must be a non-negative rate per second")
                return nil
            }
            if let last = times.last, time <= last {
                invalid(path.key("file"), file, "\(place): \(timeColumn) must increase from row to row")
                return nil
            }
            times.append(time)
            rates.append(rate)
        }
        guard !times.isEmpty else {
            invalid(path.key("file"), file, "file holds no rows")
            return nil
        }
        return RateSeries(times: times, rates: rates)
    }
}
