import Foundation
import Scenarios

/// A small scenario written to a temporary folder: two pools, one Poisson workload.
enum TestScenario {
    static let yaml = """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata: {name: tiny}
        spec:
          seed: 7
          duration: 5m
          nodes:
          - name: worker
            count: 2
            capacity: {cpu: "2", memory: 8Gi, pods: "110"}
          - name: big
            count: 1
            capacity: {cpu: "8", memory: 32Gi, pods: "110"}
          workloads:
          - name: web
            template:
              inline:
                metadata: {generateName: web-, labels: {app: web}}
                spec:
                  containers:
                  - {name: app, image: nginx:1.27, resources: {requests: {cpu: 500m, memory: 512Mi}}}
            arrivals: {poisson: {rate: 6/m}}
            count: 20
            lifetime: {exponential: {mean: 2m}}
        """

    /// Writes the scenario and returns its path.
    static func write(_ text: String = yaml) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kubesim-sweeps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("tiny.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func input() throws -> (path: String, input: ScenarioInput) {
        let path = try write()
        return (path, ScenarioInput.load(paths: [path]))
    }
}
