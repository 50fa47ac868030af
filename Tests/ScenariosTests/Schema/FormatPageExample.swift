/// The full example of shared/design/scenario-format.md, verbatim.
enum FormatPageExample {
    static let yaml = """
        apiVersion: kubesim/v1alpha1
        kind: Scenario
        metadata:
          name: crashloop
        spec:
          seed: 42                      # every random stream derives from this
          duration: 20m                 # simulated time to run; or `until: Quiescent`
          startTime: "2026-01-01T00:00:00Z"   # wall-clock origin for timestamps in outputs
          kubernetesVersion: "1.34"     # version-dependent behaviour (shared/reference); default "1.34"
          timing: ideal                 # realistic (default): calibrated latencies and client rate limits; ideal: none
          nodes:                        # node pools; or give Node manifests instead
          - name: worker                # nodes worker-0 … worker-(count-1)
            count: 3
            capacity: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
            labels: {topology.kubernetes.io/zone: zone-a}
            taints: []
            images: [nginx:1.27]        # already in the node's image cache at start
            kubelet:                    # KubeletConfiguration fields that matter here
              serializeImagePulls: true
              maxParallelImagePulls: 1
              pullBandwidth: 100Mi      # bytes per second, shared by concurrent pulls on the node
          images:                       # the registry catalogue; unlisted images use `default`
          - name: nginx:*               # glob over the image reference
            size: 187Mi
          - name: ghcr.io/acme/broken:1.0
            pull: {failures: forever, error: "manifest unknown"}   # or failures: 3
          - name: default
            size: 100Mi
          behaviors:                    # what containers do; first match wins
          - match: {pod: "crash-*", container: app}    # also: namespace, labels, image
            runs:                       # one entry per container instance, the last repeats
            - {duration: 2s, exit: 1}
            ready: {after: 5s}          # readiness probe passes this long after start
          - match: {image: "debian*"}
            runs: [{duration: forever}]
            writes: [{volume: html, rate: 29B/s}]      # fills an emptyDir
          - match: {labels: {app: leaky}}
            memory: {start: 50Mi, growth: 2Mi/s}       # OOMKilled when it reaches the limit
          workloads:                    # generators, for capacity planning
          - template: {file: web-pod.yaml}             # or inline pod/pod-template
            arrivals: {poisson: {rate: 20/m}}          # or {at: [0s, 5s]}, {trace: {file: …, format: openb}}
            count: 10000
            lifetime: {lognormal: {median: 30m, sigma: 1.0}}
          actions:                      # timed operations, in any order
          - {at: 0s, apply: {file: pods03.yaml}}
          - at: 30s
            apply:
              inline: {apiVersion: v1, kind: Pod, metadata: {name: late}, spec: {containers: [{name: app, image: nginx:1.27}]}}
          - {at: 5m, delete: {kind: Pod, name: mc1}}
          - {at: 8m, scale: {kind: Deployment, name: web, replicas: 20}}
          - {at: 10m, node: {name: worker-1, fail: true}}      # stops heartbeating
          - {at: 25m, node: {name: worker-1, fail: false}}
          - {at: 12m, kubelet: {node: worker-0, restart: true}} # drops in-memory back-off state
        """
}
