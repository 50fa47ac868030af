import Foundation
import Testing
import Yams

@testable import KubeModel

@Suite struct LoaderTests {
    let loader = ManifestLoader()

    @Test func multiDocumentAndListWithLocations() throws {
        let text = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: n1}
              status:
                capacity: {cpu: "4", memory: 16Gi, pods: "110"}
            - apiVersion: kubesim/v1alpha1
              kind: Scenario
              metadata: {name: s}
            ---
            """
        let result = loader.load(text: text, fileName: "m.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.objects.map(\.object.kind) == ["Namespace", "Node", "Scenario"])
        #expect(result.objects.map(\.location.line) == [1, 8, 13])
        #expect(result.objects.map(\.location.documentIndex) == [0, 1, 1])
        guard case .node(let node) = result.objects[1].object else { throw Expected.node }
        #expect(node.status.allocatable == node.status.capacity)  // allocatable defaults to capacity
        #expect(node.status.capacity["memory"]?.value == 17_179_869_184)
        guard case .unrecognized(let apiVersion, _, let raw) = result.objects[2].object else { throw Expected.node }
        #expect(apiVersion == "kubesim/v1alpha1")
        #expect(raw["metadata"]?["name"]?.string == "s")
    }

    enum Expected: Error { case node }

    @Test func unknownFieldsAreWarningsNamingThePath() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              creationTimestamp: null
            spec:
              containers:
              - name: nginx
                image: nginx
                imagePullPolice: Always
                resources: {}
              nodeSelectr: {disk: ssd}
            status: {}
            """
        let result = loader.load(text: text, fileName: "u.yaml")
        #expect(result.objects.count == 1)
        #expect(
            result.warnings.map(\.description) == [
                "u.yaml:10: warning: Pod \"web\": unknown field \"spec.containers[0].imagePullPolice\"",
                "u.yaml:12: warning: Pod \"web\": unknown field \"spec.nodeSelectr\"",
            ])
    }

    @Test func wrongTypesNameFieldAndLine() {
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              replicas: "three"
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers: [{name: c, image: "x:1"}]
            """
        let result = loader.load(text: text, fileName: "d.yaml")
        #expect(result.objects.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "d.yaml:5: Deployment \"d\": spec.replicas: Invalid value: \"three\": expected an integer"
            ])
    }

    @Test func reportsEveryBadDocumentInAFile() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ok}
            spec: {containers: [{name: c, image: x}]}
            ---
            kind: Pod
            metadata: {name: b}
            """
        let result = loader.load(text: text, fileName: "e.yaml")
        #expect(result.objects.count == 1)
        #expect(
            result.errors.map(\.description) == [
                "e.yaml:4: Pod \"a\": spec.containers[0].image: Required value",
                "e.yaml:11: error validating data: [apiVersion not set]",
            ])
    }

    @Test func malformedYAMLAndTabs() {
        let broken = loader.load(text: "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n", fileName: "b.yaml")
        #expect(broken.errors.count == 1)
        #expect(broken.errors.first?.file == "b.yaml")
        #expect(broken.errors.first?.line != nil)

        let tabs = loader.load(text: "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", fileName: "t.yaml")
        #expect(tabs.errors.count == 1)
        #expect(tabs.errors.first?.line == 4)
        #expect(tabs.errors.first?.message.contains("tab") == true)
    }

    @Test func emptyAndCommentOnlyFilesWarn() {
        for text in ["", "# nothing here\n", "---\n---\n"] {
            let result = loader.load(text: text, fileName: "empty.yaml")
            #expect(result.objects.isEmpty)
            #expect(
                result.diagnostics.map(\.message) == [
                    "no Kubernetes objects found (the file is empty or holds only comments)"
                ])
        }
    }

    @Test func binaryGarbageAndInvalidUTF8() {
        var bytes = Data("apiVersion: v1\nkind: Pod\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x00, 0xC3])
        let result = loader.load(data: bytes, fileName: "bin.yaml")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.contains("not valid UTF-8") == true)
        #expect(result.errors.first?.line == 3)

        let controls = loader.load(data: Data([0x01, 0x02, 0x41, 0x00, 0x10]), fileName: "ctl.yaml")
        #expect(controls.hasErrors)
    }

    @Test func oversizedInputIsRefusedWithoutReadingIt() throws {
        var options = ManifestLoader.Options()
        options.maximumFileSize = 1024
        let small = ManifestLoader(options: options)
        let text = String(repeating: "# padding line\n", count: 100)
        let result = small.load(text: text, fileName: "big.yaml")
        #expect(result.errors.map(\.message).first?.contains("larger than the limit of 1024 bytes") == true)

        // A sparse file larger than the default 64 MiB limit: checked by size before reading.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubemodel-big-\(UUID()).yaml").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 65 << 20)
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let big = loader.load(paths: [path])
        #expect(big.errors.count == 1)
        #expect(big.errors.first?.message.contains("larger than the limit") == true)
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var lines = [
            "apiVersion: v1", "kind: ConfigMap", "metadata: {name: lol}",
            "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
        ]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        lines.append("data: {x: *a9}")
        let clock = ContinuousClock()
        var result = ManifestLoader.Result()
        let elapsed = clock.measure { result = loader.load(text: lines.joined(separator: "\n"), fileName: "lol.yaml") }
        #expect(elapsed < .milliseconds(500))
        #expect(result.objects.isEmpty)
        #expect(result.errors.first?.message.contains("aliases") == true)
    }

    @Test func deepNestingIsRefused() {
        let depth = 500
        let text =
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n"
        let result = loader.load(text: text, fileName: "deep.yaml")
        #expect(result.objects.isEmpty)
        #expect(result.errors.first?.message.contains("nested more than 100 levels") == true)

        let tooDeepForLibYAML = "a: " + String(repeating: "[", count: 5000) + "\n"
        #expect(loader.load(text: tooDeepForLibYAML, fileName: "deeper.yaml").hasErrors)
    }

    @Test func absurdValuesAreErrors() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: x
                resources:
                  requests: {cpu: "-1", memory: 100Ei}
            """
        let result = loader.load(text: text, fileName: "abs.yaml")
        #expect(result.objects.isEmpty)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.contains("memory: Invalid value: \"100Ei\"") == true)
    }

    @Test func locatorMapsFieldPaths() throws {
        let root = try #require(
            try Yams.compose(yaml: "spec:\n  containers:\n  - name: a\n  - name: b\n    image: x\n"))
        let locator = YAMLLocator(root: root)
        #expect(locator.line(forFieldPath: "spec.containers[1].image") == 5)
        #expect(locator.line(forFieldPath: "spec.containers[1].missing") == 4)
        #expect(
            YAMLLocator.components(of: "spec.containers[1].resources.limits[cpu]") == [
                .key("spec"), .key("containers"), .index(1), .key("resources"), .key("limits"), .key("cpu"),
            ])
    }
}
