import ArgumentParser
import Foundation
import KubeModel
import Scenarios

/// Prints diagnostics the way compilers do (`file:line: message`), errors and warnings to stderr.
enum InputReporting {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            StandardError.write(diagnostic.description + "\n")
        }
    }

    /// Exit status for inputs with errors: 2 when a file could not be read at all, else 1.
    static func failureCode(_ diagnostics: [Diagnostic]) -> ExitCode {
        let unreadable = diagnostics.contains {
            $0.severity == .error
                && ($0.message.contains("no such file") || $0.message.contains("cannot read")
                    || $0.message.contains("not valid UTF-8") || $0.message.contains("too large"))
        }
        return ExitCode(unreadable ? 2 : 1)
    }

    /// Loads inputs and stops with a clear message and the right exit code when they are wrong.
    static func loadOrExit(_ paths: [String], quiet: Bool = false) throws -> ScenarioInput {
        let input = ScenarioInput.load(paths: paths)
        if input.hasErrors {
            printDiagnostics(input.diagnostics)
            let count = input.diagnostics.filter { $0.severity == .error }.count
            StandardError.write("kubesim: \(count) error\(count == 1 ? "" : "s") in the inputs; nothing was run\n")
            throw failureCode(input.diagnostics)
        }
        if !quiet { printDiagnostics(input.diagnostics) }
        return input
    }
}

/// Unbuffered writes to stderr.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal (progress lines redraw with a carriage return only then).
    static let isTerminal = isatty(STDERR_FILENO) == 1

    /// A progress line redrawn in place on a terminal; nothing when stderr is a file or pipe,
    /// where carriage returns would pile up in logs.
    static func progress(_ text: String) {
        if isTerminal { write("\r" + text + "\u{1B}[K") }
    }

    /// Ends a progress line drawn by ``progress(_:)``.
    static func endProgress() {
        if isTerminal { write("\r\u{1B}[K") }
    }
}
