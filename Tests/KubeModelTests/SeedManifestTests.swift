import Foundation
import Testing

@testable import KubeModel

@Suite struct SeedManifestTests {
    static let seedsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/seeds").path

    static var seedFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: seedsDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func seedsExist() {
        #expect(Self.seedFiles.count >= 7)
    }

    @Test("every seed loads without diagnostics", arguments: seedFiles)
    func loads(file: String) {
        let result = ManifestLoader().load(paths: [(Self.seedsDirectory as NSString).appendingPathComponent(file)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(!result.objects.isEmpty)
    }

    @Test func pods03HasTheSharedEmptyDir() throws {
        let result = ManifestLoader().load(paths: [
            (Self.seedsDirectory as NSString).appendingPathComponent("pods03.yaml")
        ])
        guard case .pod(let pod)? = result.objects.first?.object else {
            Issue.record("not a pod")
            return
        }
        #expect(pod.metadata.name == "mc1")
        #expect(pod.spec.containers.map(\.name) == ["1st", "2nd"])
        #expect(pod.spec.volumes?.first?.emptyDir != nil)
        #expect(pod.spec.containers[1].args?.first?.hasPrefix("while true; do date >> /html/index.html;") == true)
        #expect(pod.spec.containers.map(\.imagePullPolicy) == [.always, .always])
    }

    @Test func loadingTheDirectoryLoadsEveryFile() {
        let result = ManifestLoader().load(paths: [Self.seedsDirectory])
        #expect(!result.hasErrors)
        #expect(result.objects.count == Self.seedFiles.count + 2)  // user-msvc.yaml adds a ConfigMap and a Secret
    }
}
