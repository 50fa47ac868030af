import Foundation
import Scenarios

/// The workloads of a policy benchmark: every `*.yaml` file directly in a folder is one
/// self-contained scenario (its Scenario document and any manifests it needs), run in name
/// order. `scenarios/benchmarks` is the CI-sized suite; `scenarios/benchmarks/large` holds the
/// 5,000-node envelope.
public struct BenchmarkSuite: Sendable {
    /// One workload.
    public struct Workload: Sendable {
        /// The file's base name (`01-web-bursty`).
        public var name: String
        /// The file.
        public var path: String
        /// Its inputs, loaded once and shared by every run.
        public var input: ScenarioInput
    }

    /// The workloads, in file-name order.
    public var workloads: [Workload]

    /// Loads a suite folder (or a single scenario file).
    /// - Parameter only: keep only workloads whose name contains one of these (empty: all).
    /// - Throws: ``SweepError/suite(_:)`` for a missing folder, no workloads, or input errors.
    public init(directory: String, only: [String] = []) throws(SweepError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .suite("\(directory): no such file or directory")
        }
        var files: [String]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        } else {
            files = [directory]
        }
        var workloads: [Workload] = []
        for file in files {
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            if !only.isEmpty, !only.contains(where: { name.contains($0) }) { continue }
            let input = ScenarioInput.load(paths: [file])
            if let error = input.diagnostics.first(where: { $0.severity == .error }) {
                throw .suite("\(error)")
            }
            workloads.append(Workload(name: name, path: file, input: input))
        }
        guard !workloads.isEmpty else { throw .suite("\(directory): no workload files (*.yaml) found") }
        self.workloads = workloads
    }
}
