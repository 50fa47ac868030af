import Foundation
import Testing

@testable import Scenarios

/// `docs/scenario-format.md` against the decoder: every key the decoder accepts is documented in
/// the section of its mapping, the page documents no key the decoder does not know, and the
/// page's complete example decodes without a warning.
///
/// A section is a heading that names one or more paths in backticks (`## \`spec.nodes[]\``);
/// its keys are the first cells of the table rows under it that start with a backticked name.
/// Headings without backticks end a section.
@Suite struct ScenarioFormatReferenceTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/scenario-format.md")

    /// The keys each section of the page lists, by section.
    static func documentedKeys(_ text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var sections: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("#") {
                sections = backticked(line)
                for section in sections where result[section] == nil { result[section] = [] }
            } else if line.hasPrefix("|"), !sections.isEmpty {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                guard cells.count > 1, let key = backticked(String(cells[1])).first,
                    cells[1].trimmingCharacters(in: .whitespaces).hasPrefix("`")
                else { continue }
                for section in sections { result[section, default: []].insert(key) }
            }
        }
        return result
    }

    /// The texts between backticks, in order.
    static func backticked(_ line: String) -> [String] {
        let parts = line.components(separatedBy: "`")
        return stride(from: 1, to: parts.count - 1, by: 2).map { parts[$0] }
    }

    @Test("the decoder's table names each section once")
    func sectionsAreUnique() {
        let sections = ScenarioReader.documentedKeys.map(\.section)
        #expect(Set(sections).count == sections.count)
    }

    @Test("every key the decoder accepts is in its section of docs/scenario-format.md, and no other")
    func pageMatchesDecoder() throws {
        let documented = Self.documentedKeys(try String(contentsOf: Self.page, encoding: .utf8))
        for (section, keys) in ScenarioReader.documentedKeys {
            guard let listed = documented[section] else {
                Issue.record(
                    "docs/scenario-format.md has no section `\(section)` (keys: \(keys.joined(separator: ", ")))")
                continue
            }
            let missing = Set(keys).subtracting(listed).sorted()
            let unknown = listed.subtracting(keys).sorted()
            #expect(missing.isEmpty, "section `\(section)` does not document \(missing)")
            #expect(unknown.isEmpty, "section `\(section)` documents keys the decoder does not know: \(unknown)")
        }
        let known = Set(ScenarioReader.documentedKeys.map(\.section))
        let extra = Set(documented.keys).subtracting(known).sorted()
        #expect(extra.isEmpty, "docs/scenario-format.md has sections the decoder does not know: \(extra)")
    }

    @Test("the page's complete example decodes without a problem")
    func exampleDecodes() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map {
            $0.components(separatedBy: "\n```")[0]
        }
        let example = try #require(blocks.first { $0.contains("kind: Scenario") })
        let result = ScenarioDecoder.decode(text: example, fileName: "everything.yaml", baseDirectory: "/nonexistent")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.scenario.name == "everything")
        #expect(result.scenario.actions.count == 16)
    }

    @Test("the section parser reads headings with paths and the first cells of their tables")
    func parser() {
        let keys = Self.documentedKeys(
            """
            ## `a`, `b`
            | key | type |
            | --- | --- |
            | `x` | y `z` |
            ## Prose
            | `ignored` | |
            ## `c`
            text `not a key`
            | `y` | |
            """)
        #expect(keys == ["a": ["x"], "b": ["x"], "c": ["y"]])
    }
}
