import Foundation
import KubeModel
import Scenarios
import Testing

/// The scenarios shipped in `scenarios/` decode and pass the reference checks without problems.
@Suite struct DemoScenarioSchemaTests {
    static let demo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/demo").path

    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: DemoScenarioSchemaTests.demo), "scenarios/demo is absent"))
    func demoScenarioIsClean() throws {
        let loaded = ManifestLoader().load(paths: [Self.demo])
        let document = try #require(loaded.objects.first { $0.object.kind == Scenario.kind })
        let decoded = try #require(ScenarioDecoder.decode(document))
        #expect(decoded.diagnostics.map(\.description) == [])
        let objects = loaded.objects.filter { $0.object.kind != Scenario.kind }
        #expect(decoded.scenario.checkReferences(objects: objects).map(\.description) == [])
        #expect(
            decoded.scenario.poolNodeNames == [
                "general-0", "general-1", "general-2", "general-3", "batch-0", "batch-1",
            ])
        #expect(decoded.scenario.effectiveNodePools.map(\.kubelet.pullBandwidth) == [52_428_800, 104_857_600])
    }
}
