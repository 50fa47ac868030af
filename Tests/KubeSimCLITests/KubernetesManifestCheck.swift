import Foundation

/// Runs `scripts/check-indexed-job.py` on an emitted manifest: the Python client's models decode
/// every document (no cluster needed), and the pods' kubesim arguments come back.
struct KubernetesManifestCheck {
    struct Document {
        var kind: String
        var spec: [String: Any]
    }

    var documents: [Document]
    var shardArguments: [String]
    var mergeArguments: [String]
    var reportArguments: [String]

    /// The project's `.venv` Python (scripts/bootstrap --test-tools installs the `kubernetes` client there).
    static let python = CLITests.root.appendingPathComponent(".venv/bin/python3")

    /// Whether the checker can run here.
    static let available: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? CLITests.execute(python, ["-c", "import kubernetes, yaml"]).status) == 0
    }()

    static func run(_ manifest: String) throws -> KubernetesManifestCheck {
        let script = CLITests.root.appendingPathComponent("scripts/check-indexed-job.py").path
        let outcome = try CLITests.execute(python, [script, manifest])
        guard outcome.status == 0 else {
            throw ShardedSweepFixture.FixtureError("check-indexed-job: \(outcome.stderr)")
        }
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] ?? [:]
        let documents = (object["documents"] as? [[String: Any]] ?? []).map {
            Document(kind: $0["kind"] as? String ?? "", spec: $0["spec"] as? [String: Any] ?? [:])
        }
        return KubernetesManifestCheck(
            documents: documents, shardArguments: object["shard"] as? [String] ?? [],
            mergeArguments: object["merge"] as? [String] ?? [], reportArguments: object["report"] as? [String] ?? [])
    }
}
