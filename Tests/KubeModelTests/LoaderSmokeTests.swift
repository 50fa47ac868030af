import Testing
@testable import KubeModel

@Suite struct LoaderSmokeTests {
    @Test func decodesPodAndReportsProblems() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: nginx
                image: nginx
                imagePullPolice: Always
                resources:
                  requests: {cpu: 100m, memory: 1.5Gi}
            ---
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
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: q}
            spec:
              containers:
              - name: c
                image: x
                resources: {limits: {cpu: lots}}
            """
        let result = ManifestLoader().load(text: text, fileName: "t.yaml")
        for d in result.diagnostics { print(d) }
        #expect(result.objects.count == 1)
    }
}
