import ArgumentParser
import Foundation
import Testing

@testable import KubeSimCLI

// Every `$ kubesim …` example that README.md and docs/*.md show with its output is run here, and
// its output compared with the document's text, so the documents cannot drift from the program.
//
// - An example is a fenced ```text block whose first line starts with `$ kubesim`. Each line that
//   starts with `$ ` is a command (a line ending in `\` continues on the next one); the lines up to
//   the next command are its output: stdout and stderr together, as a terminal shows them.
// - Commands run in `/bin/sh` (so pipes such as `| tail -2` work as written) with the built
//   `kubesim` first on `PATH`, `LC_ALL=C`, in a fresh directory per block that links every
//   top-level entry of the repository (so `scenarios/…` and `docs/…` resolve, and files an example
//   writes, such as `--db sweep.db`, stay out of the repository and are shared by the commands of
//   one block only).
// - Elisions, the only normalisation (besides trailing whitespace, which Markdown does not keep):
//   a line that is only `…` (indented or not) stands for any number of lines, none included;
//   `…` inside a line stands for any text within that line. Engine figures (wall time, events per
//   second, CPU, memory) and anything else that varies by nature must be elided in the document.
// - An example that cannot run here (it needs data that is not bundled, or takes minutes) has the
//   comment `<!-- not run by the examples test: REASON -->` on the line before its fence.
//
// When a document and the program disagree, the failure shows both texts: if the program is right,
// paste its output into the document, eliding only what varies by nature.

/// One ```text block of a document that starts with `$ kubesim`.
struct DocumentedExample: Sendable, CustomTestStringConvertible {
    /// One command of the block and the output the document shows for it.
    struct Step: Sendable {
        var command: String
        var expected: [String]
    }

    /// The document, relative to the repository root.
    var file: String
    /// The line of the opening fence (1-based).
    var line: Int
    var steps: [Step]
    /// Why the test does not run it, from the `<!-- not run by the examples test: … -->` comment.
    var notRunReason: String?

    var testDescription: String { "\(file):\(line): \(steps.first?.command ?? "")" }

    static let notRunMarker = "<!-- not run by the examples test:"

    /// The examples of one document's text.
    static func parse(_ text: String, file: String) -> [DocumentedExample] {
        let lines = text.components(separatedBy: "\n")
        var examples: [DocumentedExample] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```") else {
                index += 1
                continue
            }
            let fence = index
            let info = lines[fence].dropFirst(3).trimmingCharacters(in: .whitespaces)
            var body: [String] = []
            index += 1
            while index < lines.count, !lines[index].hasPrefix("```") {
                body.append(lines[index])
                index += 1
            }
            index += 1  // the closing fence
            guard info == "text", body.first?.hasPrefix("$ kubesim") == true else { continue }
            var reason: String?
            if fence > 0, lines[fence - 1].hasPrefix(notRunMarker) {
                reason = String(lines[fence - 1].dropFirst(notRunMarker.count))
                    .replacingOccurrences(of: "-->", with: "").trimmingCharacters(in: .whitespaces)
            }
            examples.append(
                DocumentedExample(file: file, line: fence + 1, steps: steps(of: body), notRunReason: reason))
        }
        return examples
    }

    /// Splits a block into commands (joining `\` continuations) and their outputs.
    static func steps(of body: [String]) -> [Step] {
        var steps: [Step] = []
        var index = 0
        while index < body.count {
            let line = body[index]
            index += 1
            guard line.hasPrefix("$ ") else {
                steps[steps.count - 1].expected.append(line)
                continue
            }
            var command = String(line.dropFirst(2))
            while command.hasSuffix("\\"), index < body.count {
                var head = command.dropLast()
                while head.last == " " { head = head.dropLast() }
                command = head + " " + body[index].trimmingCharacters(in: .whitespaces)
                index += 1
            }
            steps.append(Step(command: command, expected: []))
        }
        return steps
    }

    /// The documents that hold examples: README.md and docs/*.md.
    static func documents() -> [String] {
        let docs =
            (try? FileManager.default.contentsOfDirectory(atPath: CLITests.root.appendingPathComponent("docs").path))
            ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// Every example of every document.
    static func all() -> [DocumentedExample] {
        documents().flatMap { file -> [DocumentedExample] in
            let url = CLITests.root.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
            return parse(text, file: file)
        }
    }
}

/// Matching of a program's output against a document's text with `…` elisions.
enum ElidedText {
    static let ellipsis = "…"

    /// Whether `actual` is what `expected` shows. Trailing whitespace of each line and trailing
    /// empty lines are ignored on both sides.
    static func matches(_ expected: [String], _ actual: [String]) -> Bool {
        let expected = normalised(expected)
        let actual = normalised(actual)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (actual.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == expected.count {
                result = j == actual.count
            } else if expected[i].trimmingCharacters(in: .whitespaces) == ellipsis {
                result = match(i + 1, j) || (j < actual.count && match(i, j + 1))
            } else {
                result = j < actual.count && line(expected[i], matches: actual[j]) && match(i + 1, j + 1)
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }

    /// Whether one line matches, `…` standing for any text within the line.
    static func line(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.components(separatedBy: ellipsis)
        guard parts.count > 1 else { return pattern == text }
        let first = parts[0]
        let last = parts[parts.count - 1]
        guard text.count >= first.count + last.count, text.hasPrefix(first), text.hasSuffix(last) else {
            return false
        }
        var rest = text.dropFirst(first.count).dropLast(last.count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    static func normalised(_ lines: [String]) -> [String] {
        var result = lines.map { line in
            var line = Substring(line)
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            return String(line)
        }
        while result.last == "" { result.removeLast() }
        return result
    }
}

@Suite(.serialized) struct DocumentedExamplesTests {
    /// Runs a command line in `/bin/sh` in `directory`, the built `kubesim` first on `PATH`;
    /// returns the exit status, and stdout and stderr as one text, in the order written.
    static func shell(_ command: String, in directory: URL) throws -> (status: Int32, output: String) {
        // A command left running in the background (a server) would hold the pipe open and hang
        // the test: such a block needs the not-run marker.
        if command.range(of: #"&\s*$"#, options: .regularExpression) != nil {
            return (127, "refused to run \"\(command)\": it runs in the background; mark its block as not run")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        let binDirectory = CLITests.executable.deletingLastPathComponent().path
        environment["PATH"] = binDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["LC_ALL"] = "C"
        environment["KUBESIM_TRACES"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A fresh directory linking every top-level entry of the repository.
    static func workingDirectory() throws -> URL {
        let directory = try CLITests.temporaryDirectory()
        let entries = try FileManager.default.contentsOfDirectory(atPath: CLITests.root.path)
        for entry in entries where !entry.hasPrefix(".") {
            try FileManager.default.createSymbolicLink(
                at: directory.appendingPathComponent(entry),
                withDestinationURL: CLITests.root.appendingPathComponent(entry))
        }
        return directory
    }

    @Test("the documents' examples are found", arguments: ["README.md", "docs/experiments.md"])
    func examplesAreFound(file: String) {
        #expect(DocumentedExample.all().contains { $0.file == file })
    }

    @Test("every example shows the output its commands print", arguments: DocumentedExample.all())
    func example(_ example: DocumentedExample) throws {
        if let reason = example.notRunReason {
            #expect(!reason.isEmpty, "\(example.file):\(example.line): say why the example is not run")
            return
        }
        let directory = try Self.workingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for step in example.steps {
            let output = try Self.shell(step.command, in: directory).output
            let actual = output.components(separatedBy: "\n")
            #expect(
                ElidedText.matches(step.expected, actual),
                """
                \(example.file):\(example.line): $ \(step.command)
                --- the document shows:
                \(step.expected.joined(separator: "\n"))
                --- the command printed:
                \(output)
                """)
        }
    }

    /// The `kubesim …` lines that follow `Examples:` in a command's discussion, `\` continuations joined.
    static func helpExamples(_ configuration: CommandConfiguration) -> [String] {
        let lines = configuration.discussion.components(separatedBy: "\n").drop { !$0.hasPrefix("Examples:") }
        var examples: [String] = []
        var continues = false
        for line in lines.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if continues {
                examples[examples.count - 1] += " " + line
            } else if line.hasPrefix("kubesim ") {
                examples.append(line)
            } else if !examples.isEmpty {
                break  // the prose after the examples
            }
            continues = examples.last?.hasSuffix("\\") == true
            if continues { examples[examples.count - 1].removeLast() }
        }
        return examples
    }

    @Test(
        "the examples in the help of get, describe, explain and sweep run (sweeps with one replication, up to &&)",
        arguments: [
            GetCommand.configuration, DescribeCommand.configuration, ExplainCommand.configuration,
            SweepCommand.configuration,
        ].map { Self.helpExamples($0) }.joined())
    func helpExample(_ command: String) throws {
        let directory = try Self.workingDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Up to `&&`: what follows is another program (`bash sweep.sbatch.sh` needs Slurm).
        let kubesimPart = command.components(separatedBy: " && ")[0]
        let quick = kubesimPart.replacing(/--replications \d+/, with: "--replications 1")
        let outcome = try Self.shell(quick + (quick.hasPrefix("kubesim sweep") ? " --quiet" : ""), in: directory)
        #expect(outcome.status == 0, "$ \(quick)\n\(outcome.output)")
    }

    @Test("help examples are found, continuations joined")
    func helpExamplesAreFound() {
        let sweep = Self.helpExamples(SweepCommand.configuration)
        #expect(sweep.count >= 3)
        #expect(sweep.allSatisfy { !$0.contains("\\") && $0.hasPrefix("kubesim sweep scenarios/") })
        #expect(Self.helpExamples(GetCommand.configuration).count == 7)
    }

    @Test("a line of … stands for any lines; … in a line for any text within it")
    func elisions() {
        #expect(ElidedText.matches(["a", "…", "d"], ["a", "b", "c", "d"]))
        #expect(ElidedText.matches(["a", "…", "d"], ["a", "d"]))
        #expect(!ElidedText.matches(["a", "…", "d"], ["a", "b", "c"]))
        #expect(ElidedText.matches(["  …", "x"], ["1", "2", "x"]))
        #expect(ElidedText.matches(["wall … s, … events/s"], ["wall 1.2 s, 345 events/s"]))
        #expect(!ElidedText.matches(["wall … s"], ["wall 1.2 ms, more"]))
        #expect(ElidedText.matches(["a…"], ["a"]))
        #expect(!ElidedText.matches(["ab…ba"], ["aba"]))
        #expect(ElidedText.matches(["x  ", ""], ["x"]))
        #expect(!ElidedText.matches(["x"], ["x", "y"]))
    }

    @Test("a block splits into commands, continuations joined, outputs kept")
    func parsing() {
        let text = """
            prose
            <!-- not run by the examples test: needs the traces -->
            ```text
            $ kubesim a \\
                  --b
            out 1
            $ kubesim c | tail -1
            out 2
            ```
            ```text
            not an example
            ```
            """
        let examples = DocumentedExample.parse(text, file: "x.md")
        #expect(examples.count == 1)
        #expect(examples.first?.line == 3)
        #expect(examples.first?.notRunReason == "needs the traces")
        #expect(examples.first?.steps.map(\.command) == ["kubesim a --b", "kubesim c | tail -1"])
        #expect(examples.first?.steps.map(\.expected) == [["out 1"], ["out 2"]])
    }
}
