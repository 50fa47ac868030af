/// Generated manifests for the loading benchmarks.
enum ManifestLoadingFixture {
    /// `count` small pods (name, one label, one container with requests) in one YAML stream,
    /// ~210 bytes each, as in a generated workload file.
    static func podManifests(count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 220)
        for index in 0..<count {
            text += """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod-\(index)
                  labels:
                    app: web-\(index % 50)
                spec:
                  containers:
                  - name: app
                    image: nginx:1.27
                    resources:
                      requests:
                        cpu: 100m
                        memory: 128Mi
                ---

                """
        }
        return text
    }
}
