import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// Golden cases G4–G6 of /work/shared/reference/kubelet.md §11.
@Suite struct KubeletPullAndInitTests {
    @Test("G4 ImagePullBackOff: attempts at 0, 11, 32, 73, 154, 315, 616, 917; STATUS per sync")
    func imagePullBackOff() {
        var h = KubeletHarness(preloaded: []) { _, _ in .default }
        h.cluster.registry.latencySeconds = 1
        h.cluster.registry.entries = [.init(pattern: "broken:*", sizeBytes: 1000, failures: .max, error: "not found")]
        h.create(PodSpec(containers: [app(image: "broken:1")]))
        let cases: [(Double, String)] = [
            (0.5, "ContainerCreating"), (10.9, "ContainerCreating"), (11, "ErrImagePull"), (22, "ErrImagePull"),
            (31.9, "ErrImagePull"), (32, "ImagePullBackOff"), (43, "ErrImagePull"), (53, "ImagePullBackOff"),
            (63, "ImagePullBackOff"),
        ]
        for (t, status) in cases {
            h.run(to: t)
            #expect(PodPrinter.status(h.object) == status, "t=\(t)")
            #expect(h.object.status.phase == .pending)
            #expect(PodPrinter.restarts(h.object, now: h.now) == "0")
        }
        h.run(to: 1000)
        #expect(h.recorder.times("Pulling") == [0, 11, 32, 73, 154, 315, 616, 917])
        #expect(h.recorder.times("BackOff", prefix: "Back-off pulling image \"broken:1\"").first == 22)
        let failed = h.recorder.events.filter { $0.reason == "Failed" && $0.time.seconds == 1 }.map(\.message)
        #expect(failed == ["Failed to pull image \"broken:1\": not found", "Error: ErrImagePull"])
        #expect(h.recorder.events.contains { $0.message == "Error: ImagePullBackOff" && $0.time.seconds == 22 })
    }

    @Test("G5 init container crash loop: starts 0, 1, 12, 33, 74, 155, 316, 617, 918; Pending")
    func initCrashLoop() {
        var h = KubeletHarness { _, ref in ref.isInit ? .exits(after: 1, code: 1) : .default }
        h.create(PodSpec(containers: [app()], initContainers: [app("init", image: "busybox:1.36")]))
        h.run(to: 0.5)
        #expect(PodPrinter.status(h.object) == "Init:0/1")
        h.run(to: 1.5)
        #expect(PodPrinter.status(h.object) == "Init:0/1")  // restarted at 1 (free restart)
        h.run(to: 2)
        #expect(PodPrinter.status(h.object) == "Init:Error")
        h.run(to: 11.9)
        #expect(PodPrinter.status(h.object) == "Init:Error")
        h.run(to: 12.5)
        #expect(PodPrinter.status(h.object) == "Init:0/1")
        h.run(to: 13)
        #expect(PodPrinter.status(h.object) == "Init:Error")
        h.run(to: 23)
        #expect(PodPrinter.status(h.object) == "Init:CrashLoopBackOff")
        #expect(PodPrinter.restarts(h.object, now: h.now) == "2 (10s ago)")
        #expect(h.object.status.phase == .pending)
        #expect(h.object.status.containerStatuses.first?.state.waitingReason == "PodInitializing")
        let initialized = h.object.status.condition("Initialized")
        #expect(initialized?.status == .false)
        #expect(initialized?.message == "containers with incomplete status: [init]")
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 1, 12, 33, 74, 155, 316, 617, 918])
    }

    @Test("G5 with restartPolicy Never: Failed at 1 with Init:Error")
    func initFailsNever() {
        var h = KubeletHarness { _, ref in ref.isInit ? .exits(after: 1, code: 1) : .default }
        h.create(
            PodSpec(containers: [app()], initContainers: [app("init", image: "busybox:1.36")], restartPolicy: .never))
        h.run(to: 1)
        #expect(h.object.status.phase == .failed)
        #expect(PodPrinter.status(h.object) == "Init:Error")
        h.run(to: 100)
        #expect(h.recorder.times("Started") == [0])
    }

    @Test("G6 sidecar: setup, proxy and app start at 0/2/2; app exits at 12 ⇒ proxy TERM ⇒ Succeeded")
    func sidecarOrdering() {
        var h = KubeletHarness { _, ref in
            switch ref.name {
            case "setup": return .exits(after: 2, code: 0)
            case "app": return .exits(after: 10, code: 0)
            default:
                var proxy = ContainerBehavior(runs: [.init(duration: nil)])
                proxy.terminationDelay = .constant(0.5)
                proxy.terminationExitCode = 143
                return proxy
            }
        }
        var proxy = app("proxy", image: "busybox:1.36")
        proxy.restartPolicy = .always
        h.create(
            PodSpec(
                containers: [app()], initContainers: [app("setup", image: "busybox:1.36"), proxy],
                restartPolicy: .never))
        h.run(to: 1)
        #expect(PodPrinter.row(h.object, now: h.now)[1...2] == ["0/2", "Init:0/2"])
        h.run(to: 2)
        #expect(PodPrinter.row(h.object, now: h.now)[1...2] == ["2/2", "Running"])
        #expect(h.object.status.condition("Initialized")?.status == .true)
        let starts = h.recorder.events.filter { $0.reason == "Started" }.map { ($0.time.seconds, $0.fieldPath ?? "") }
        #expect(starts.map(\.0) == [0, 2, 2])
        #expect(
            starts.map(\.1) == ["spec.initContainers{setup}", "spec.initContainers{proxy}", "spec.containers{app}"])
        h.run(to: 12)
        #expect(
            h.recorder.events.contains {
                $0.reason == "Killing" && $0.message == "Stopping container proxy" && $0.time.seconds == 12
            })
        h.run(to: 13)
        #expect(h.object.status.phase == .succeeded)
        #expect(PodPrinter.row(h.object, now: h.now)[2...3] == ["Completed", "0"])
    }

    @Test("G6 variant: a startupProbe on the sidecar delays the app to its first probe at 12")
    func sidecarStartupProbe() {
        var h = KubeletHarness { _, ref in
            ref.name == "setup" ? .exits(after: 2, code: 0) : ContainerBehavior(runs: [.init(duration: nil)])
        }
        var proxy = app("proxy", image: "busybox:1.36")
        proxy.restartPolicy = .always
        proxy.startupProbe = Probe(tcpSocket: TCPSocketAction(port: .int(15000)), periodSeconds: 10)
        h.create(PodSpec(containers: [app()], initContainers: [app("setup", image: "busybox:1.36"), proxy]))
        h.run(to: 11)
        #expect(PodPrinter.status(h.object) == "Init:1/2")
        h.run(to: 20)
        #expect(h.recorder.times("Started") == [0, 2, 12])
    }
}
