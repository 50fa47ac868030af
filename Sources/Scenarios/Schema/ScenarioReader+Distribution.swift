import Foundation
import KubeModel
import Stochastics
import Yams

extension ScenarioReader {
    /// The distribution kinds of the format page, for messages.
    static let distributionKinds = ["constant", "empirical", "exponential", "gamma", "lognormal", "uniform", "weibull"]

    /// Decodes a distribution: a constant scalar (`2s`, `100Mi`, `2Mi/s`) or one of
    /// `{exponential: {mean}}`, `{lognormal: {median, sigma}}`, `{uniform: {min, max}}`,
    /// `{gamma: {shape, scale}}`, `{weibull: {shape, scale}}`, `{empirical: {file, column}}`,
    /// with values in `unit` (seconds, bytes, per second).
    mutating func distribution(_ node: Yams.Node, _ path: FieldPath, unit: ValueUnit) -> Distribution? {
        if case .scalar = node {
            return value(node, path, unit: unit).map(Distribution.constant)
        }
        guard let map = mapping(node, path, known: Self.distributionKinds) else { return nil }
        guard map.entries.count == 1, let (kind, body) = map.entries.first, Self.distributionKinds.contains(kind) else {
            invalid(
                path, node: node,
                "expected a constant or exactly one of " + Self.distributionKinds.joined(separator: ", "))
            return nil
        }
        let bodyPath = path.key(kind)
        let result: Distribution?
        switch kind {
        case "constant":
            result = value(body, bodyPath, unit: unit).map(Distribution.constant)
        case "exponential":
            guard let params = mapping(body, bodyPath, known: Self.exponentialKeys) else { return nil }
            result = parameter(params, "mean", bodyPath, unit: unit).map { Distribution.exponential(mean: $0) }
        case "lognormal":
            guard let params = mapping(body, bodyPath, known: Self.lognormalKeys) else { return nil }
            let median = parameter(params, "median", bodyPath, unit: unit)
            let sigma = parameter(params, "sigma", bodyPath, unit: .number)
            guard let median, let sigma else { return nil }
            if median <= 0 {
                invalid(bodyPath.key("median"), node: params["median"]!, "must be positive")
                return nil
            }
            result = .lognormal(median: median, sigma: sigma)
        case "uniform":
            guard let params = mapping(body, bodyPath, known: Self.uniformKeys) else { return nil }
            let low = parameter(params, "min", bodyPath, unit: unit)
            let high = parameter(params, "max", bodyPath, unit: unit)
            guard let low, let high else { return nil }
            if low > high {
                invalid(bodyPath.key("max"), node: params["max"]!, "must be greater than or equal to min")
                return nil
            }
            result = .uniform(min: low, max: high)
        case "gamma", "weibull":
            guard let params = mapping(body, bodyPath, known: Self.shapeScaleKeys) else { return nil }
            let shape = parameter(params, "shape", bodyPath, unit: .number)
            let scale = parameter(params, "scale", bodyPath, unit: unit)
            guard let shape, let scale else { return nil }
            for (name, value) in [("shape", shape), ("scale", scale)] where value <= 0 {
                invalid(bodyPath.key(name), node: params[name]!, "must be positive")
                return nil
            }
            result = kind == "gamma" ? .gamma(shape: shape, scale: scale) : .weibull(scale: scale, shape: shape)
        case "empirical":
            guard let params = mapping(body, bodyPath, known: Self.empiricalKeys) else { return nil }
            let file = requiredString(params, "file", bodyPath)
            let column = params["column"].flatMap { string($0, bodyPath.key("column")) }
            guard let file else { return nil }
            referFile(file, bodyPath.key("file"), purpose: .empirical)
            result = empirical(file: file, column: column, path: bodyPath, unit: unit)
        default:
            return nil
        }
        if let result {
            for problem in result.parameterProblems where !(kind == "empirical" && result == .empirical([])) {
                invalid(path, node: node, problem)
            }
        }
        return result
    }

    /// A required distribution parameter in `unit`.
    private mutating func parameter(_ map: MappingView, _ key: String, _ path: FieldPath, unit: ValueUnit) -> Double? {
        guard let node = map[key] else {
            required(path.key(key))
            return nil
        }
        return value(node, path.key(key), unit: unit)
    }

    /// Reads `column` (a header name or a 0-based index; default the first) of a CSV file.
    /// A missing file gives an empty distribution; the reference checks report it.
    private mutating func empirical(file: String, column: String?, path: FieldPath, unit: ValueUnit) -> Distribution? {
        let resolved = Self.resolve(file, against: baseDirectory)
        let table: CSVTable
        do {
            table = try CSVTable(contentsOf: resolved, hasHeader: false)
        } catch .unreadable {
            return .empirical([])  // a missing file is reported by the reference checks
        } catch {
            invalid(path.key("file"), file, "file holds no values")
            return nil
        }
        // A first row that names `column`, or whose cell does not parse as a value, is a header.
        var rows = table.rows[...]
        let header = table.texts(rows[rows.startIndex])
        var columnIndex = 0
        if let column {
            if let index = header.firstIndex(of: column) {
                columnIndex = index
                rows = rows.dropFirst()
            } else if let index = Int(column), index >= 0 {
                columnIndex = index
                if case .failure = unit.parse(header.indices.contains(index) ? header[index] : "") {
                    rows = rows.dropFirst()
                }
            } else {
                invalid(
                    path.key("column"), column, "no such column in \(file) (columns: \(header.joined(separator: ", ")))"
                )
                return nil
            }
        } else if case .failure = unit.parse(header.first ?? "") {
            rows = rows.dropFirst()
        }
        var values: [Double] = []
        values.reserveCapacity(rows.count)
        for (offset, row) in rows.enumerated() {
            guard columnIndex < row.cells.count else { continue }
            let cell = table.text(row, columnIndex)
            if cell.isEmpty { continue }
            switch unit.parse(cell) {
            case .success(let value): values.append(value)
            case .failure(let problem):
                invalid(path.key("file"), file, "row \(offset + 1): \(GoString.quoted(cell)) \(problem.message)")
                return nil
            }
        }
        if values.isEmpty {
            invalid(path.key("file"), file, "column holds no values")
            return nil
        }
        return .empirical(values)
    }
}
