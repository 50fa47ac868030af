import Foundation
import Stochastics
import Testing

@testable import Scenarios

/// The one CSV reader: headerless files, and `empirical` distributions read through it.
@Suite struct CSVTableTests {
    @Test("a headerless table has every line with text as a row, by 1-based line")
    func headerless() throws {
        let table = try CSVTable(bytes: Array("\n1, 2\r\n\n 3 ,4\n".utf8), hasHeader: false)
        #expect(table.header.isEmpty && table.headerLine == 0)
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.texts(table.rows[1]) == ["3", "4"])
        #expect(table.text(table.rows[0], 1) == "2" && table.text(table.rows[0], 5) == "")
        let headed = try CSVTable(bytes: Array("a,b\n1,2\n".utf8))
        #expect(headed.header == ["a", "b"] && headed.headerLine == 1 && headed.rows.map(\.line) == [2])
    }

    /// A scenario whose workload lifetime is `empirical` over `values.csv`.
    static func lifetime(csv: String, column: String?) throws -> (Distribution?, [String]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try csv.write(to: url.appendingPathComponent("values.csv"), atomically: true, encoding: .utf8)
        let columnKey = column.map { ", column: \($0)" } ?? ""
        let scenario = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: csv}
            spec:
              duration: 1m
              nodes: [{name: pool, count: 1}]
              workloads:
              - name: w
                template: {inline: {metadata: {name: w}, spec: {containers: [{name: main, image: app:1}]}}}
                arrivals: {at: [0s]}
                lifetime: {empirical: {file: values.csv\(columnKey)}}
            """
        try scenario.write(to: url.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        let input = ScenarioInput.load(paths: [url.appendingPathComponent("scenario.yaml").path])
        let errors = input.diagnostics.filter { $0.severity == .error }.map(\.message)
        return (input.scenario.workloads.first?.lifetime, errors)
    }

    @Test("empirical: a headerless column, a header named by column, and a header found by a failed parse")
    func empirical() throws {
        #expect(try Self.lifetime(csv: "30\n60s\n\n2m\n", column: nil).0 == .empirical([30, 60, 120]))
        #expect(try Self.lifetime(csv: "id,seconds\na,5\nb,\nc,7\n", column: "seconds").0 == .empirical([5, 7]))
        #expect(try Self.lifetime(csv: "id,seconds\na,5\n", column: "1").0 == .empirical([5]))
        #expect(try Self.lifetime(csv: "9,5\n8,6\n", column: "1").0 == .empirical([5, 6]))
        let (_, errors) = try Self.lifetime(csv: "seconds\n5\nlong\n", column: nil)
        #expect(errors.contains { $0.contains("row 2: \"long\"") }, "\(errors)")
        let (_, missing) = try Self.lifetime(csv: "a,b\n1,2\n", column: "c")
        #expect(missing.contains { $0.contains("no such column in values.csv (columns: a, b)") }, "\(missing)")
    }
}
