import ClusterComponents
import Foundation
import KubeModel
import Testing

@testable import Scenarios

/// Every bundled scenario loads without errors and runs with a fixed seed; runs are
/// reproducible. (Goldens of single behaviours live with their components.)
@Suite struct BundledScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Scenario folders and loose manifests under `scenarios/` (benchmark suites excluded: they
    /// have their own tests; so is gpu-trace, which needs the openb trace: GPUTraceReplayTests;
    /// and the calibration scenarios, one file each, run by CalibrationTests).
    static var inputs: [String] {
        let scenarios = root.appendingPathComponent("scenarios")
        let fileManager = FileManager.default
        var result: [String] = []
        for entry in ((try? fileManager.contentsOfDirectory(atPath: scenarios.path)) ?? []).sorted()
        where !["benchmarks", "calibration", "envelope", "gpu-trace"].contains(entry) {
            let path = scenarios.appendingPathComponent(entry).path
            var isDirectory: ObjCBool = false
            fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
            if entry == "seeds" {
                for file in ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).sorted()
                where file.hasSuffix(".yaml") {
                    result.append(scenarios.appendingPathComponent(entry).appendingPathComponent(file).path)
                }
            } else if isDirectory.boolValue || entry.hasSuffix(".yaml") {
                result.append(path)
            }
        }
        return result
    }

    @Test("the bundled scenarios exist")
    func present() {
        #expect(Self.inputs.contains { $0.hasSuffix("scenarios/demo") })
        #expect(Self.inputs.count >= 3)
    }

    @Test("every bundled scenario loads without errors", arguments: inputs)
    func loads(path: String) {
        let input = ScenarioInput.load(paths: [path])
        let errors = input.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
    }

    @Test("every bundled scenario runs, and two runs with the same seed agree", arguments: inputs)
    func runs(path: String) throws {
        func fingerprint() -> [String] {
            let input = ScenarioInput.load(paths: [path])
            let runner = ScenarioRunner(input: input)
            runner.quiescenceCap = .seconds(6 * 3600)
            _ = runner.run()
            return runner.cluster.api.pods.map {
                "\($0.namespace)/\($0.name) \($0.status.phase.rawValue) node=\($0.nodeID.map { String($0.index) } ?? "-") removed=\($0.isRemoved)"
            } + ["now=\(runner.cluster.now.nanoseconds) events=\(runner.cluster.eventsProcessed)"]
        }
        let first = fingerprint()
        #expect(first.count > 1, "the scenario created pods")
        #expect(first == fingerprint())
    }
}
