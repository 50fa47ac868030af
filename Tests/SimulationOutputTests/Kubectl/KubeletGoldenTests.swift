import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// Golden cases G1–G3 of /work/shared/reference/kubelet.md §11 (Model Z, ≤1.34 requeue).
@Suite struct KubeletGoldenTests {
    @Test("G1 happy path: ContainerCreating, then Running 1/1 with the start events")
    func happyPath() throws {
        var h = KubeletHarness { _, _ in .default }
        h.create(PodSpec(containers: [app()]))
        h.run(to: 0)
        #expect(PodPrinter.row(h.object, now: h.now) == ["web", "1/1", "Running", "0", "0s"])
        #expect(h.object.status.phase == .running)
        let reasons = h.recorder.events.map(\.reason)
        #expect(reasons == ["Pulled", "Created", "Started"])
        #expect(h.recorder.events[0].message == "Container image \"app:1\" already present on machine")
        #expect(h.recorder.events[1].message == "Created container: app")
        #expect(h.recorder.events[2].message == "Started container app")
        let types = h.object.status.conditions.map(\.type)
        #expect(types == ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
        #expect(h.object.status.conditions.allSatisfy { $0.status == .true })
    }

    @Test("G1 variant: a 4.2 s pull keeps ContainerCreating and reports Go durations")
    func pullVariant() throws {
        var kubelet = KubeletConfiguration()
        kubelet.pullBandwidthBytesPerSecond = 100_000_000
        var h = KubeletHarness(kubelet: kubelet, preloaded: []) { _, _ in .default }
        h.cluster.registry.entries = [.init(pattern: "nginx:*", sizeBytes: 420_000_000)]
        h.create(PodSpec(containers: [app(image: "nginx:1.25")]))
        h.run(to: 4.1)
        #expect(PodPrinter.status(h.object) == "ContainerCreating")
        #expect(h.object.status.condition("Ready")?.status == .false)
        h.run(to: 4.2)
        #expect(PodPrinter.status(h.object) == "Running")
        let pulled = try #require(h.recorder.events.first { $0.reason == "Pulled" })
        #expect(
            pulled.message
                == "Successfully pulled image \"nginx:1.25\" in 4.2s (4.2s including waiting). Image size: 420000000 bytes."
        )
        #expect(h.recorder.times("Pulling") == [0])
        let images = h.cluster.api.nodes[0].node.status.images ?? []
        #expect(images.first?.names == ["nginx:1.25"])
    }

    @Test("G2 crash loop: starts 0, 2, 14, 36, 78, 160, 322, 624, 926")
    func crashLoopStarts() {
        var h = KubeletHarness { _, _ in .exits(after: 2, code: 1) }
        h.create(PodSpec(containers: [app()]))
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 2, 14, 36, 78, 160, 322, 624, 926])
        var expectedBackOff: [Double] = [4, 16, 26, 38, 48, 58, 68]
        expectedBackOff += stride(from: 80.0, through: 150, by: 10)
        expectedBackOff += stride(from: 162.0, through: 312, by: 10)
        expectedBackOff += stride(from: 324.0, through: 614, by: 10)
        expectedBackOff += stride(from: 626.0, through: 916, by: 10)
        expectedBackOff += [928, 938, 948, 958, 968, 978, 988, 998]
        #expect(h.recorder.times("BackOff") == expectedBackOff)
        let backOff = h.recorder.events.first { $0.reason == "BackOff" }
        #expect(backOff?.message == "Back-off restarting failed container app in pod web_default(\(h.object.uid))")
        #expect(backOff?.type == .warning)
    }

    @Test("G2 STATUS/RESTARTS at the reference's instants and whole minutes")
    func crashLoopColumns() {
        var h = KubeletHarness { _, _ in .exits(after: 2, code: 1) }
        h.create(PodSpec(containers: [app()]))
        let cases: [(Double, String, String)] = [
            (1, "Running", "0"), (3, "Running", "1 (1s ago)"), (4, "Error", "1 (2s ago)"),
            (13.5, "Error", "1 (11s ago)"), (14, "Running", "2 (10s ago)"), (16, "Error", "2 (12s ago)"),
            (25.9, "Error", "2 (21s ago)"), (26, "CrashLoopBackOff", "2 (10s ago)"),
            (35, "CrashLoopBackOff", "2 (19s ago)"),
            (36, "Running", "3 (20s ago)"), (38, "Error", "3 (22s ago)"), (48, "CrashLoopBackOff", "3 (10s ago)"),
            (60, "CrashLoopBackOff", "3 (22s ago)"), (120, "CrashLoopBackOff", "4 (40s ago)"),
            (180, "CrashLoopBackOff", "5 (18s ago)"), (240, "CrashLoopBackOff", "5 (78s ago)"),
            (300, "CrashLoopBackOff", "5 (2m18s ago)"), (360, "CrashLoopBackOff", "6 (36s ago)"),
            (420, "CrashLoopBackOff", "6 (96s ago)"), (480, "CrashLoopBackOff", "6 (2m36s ago)"),
            (540, "CrashLoopBackOff", "6 (3m36s ago)"), (600, "CrashLoopBackOff", "6 (4m36s ago)"),
            (660, "CrashLoopBackOff", "7 (34s ago)"), (720, "CrashLoopBackOff", "7 (94s ago)"),
            (780, "CrashLoopBackOff", "7 (2m34s ago)"), (840, "CrashLoopBackOff", "7 (3m34s ago)"),
            (900, "CrashLoopBackOff", "7 (4m34s ago)"), (926, "Running", "8 (5m ago)"),
        ]
        for (t, status, restarts) in cases {
            h.run(to: t)
            #expect(PodPrinter.status(h.object) == status, "t=\(t)")
            #expect(PodPrinter.restarts(h.object, now: h.now) == restarts, "t=\(t)")
            #expect(h.object.status.phase == .running, "t=\(t)")
        }
        let waiting = h.object.status.containerStatuses[0]
        #expect(waiting.restartCount == 8)
    }

    @Test("G3a Always + exit 0: Completed then CrashLoopBackOff, starts 0, 5, 20, 45, 90, 175, 340, 645, 950")
    func alwaysExitZero() {
        var h = KubeletHarness { _, _ in .exits(after: 5, code: 0) }
        h.create(PodSpec(containers: [app()]))
        h.run(to: 10)
        #expect(PodPrinter.status(h.object) == "Completed")
        h.run(to: 20 - 0.001)
        #expect(PodPrinter.status(h.object) == "Completed")  // the first back-off (10 s) ends at the requeue
        h.run(to: 34.9)
        #expect(PodPrinter.status(h.object) == "Completed")
        h.run(to: 35)
        #expect(PodPrinter.status(h.object) == "CrashLoopBackOff")
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 5, 20, 45, 90, 175, 340, 645, 950])
    }

    @Test("G3b OnFailure + exit 0: Succeeded, Completed, 0/1, Ready=False PodCompleted")
    func onFailureExitZero() {
        var h = KubeletHarness { _, _ in .exits(after: 5, code: 0) }
        h.create(PodSpec(containers: [app()], restartPolicy: .onFailure))
        h.run(to: 100)
        #expect(h.object.status.phase == .succeeded)
        #expect(PodPrinter.row(h.object, now: h.now) == ["web", "0/1", "Completed", "0", "100s"])
        #expect(h.object.status.condition("Ready")?.reason == "PodCompleted")
        #expect(h.recorder.times("Started") == [0])
    }

    @Test("G3c OnFailure + exit 1: the crash-loop schedule with Error")
    func onFailureExitOne() {
        var h = KubeletHarness { _, _ in .exits(after: 5, code: 1) }
        h.create(PodSpec(containers: [app()], restartPolicy: .onFailure))
        h.run(to: 11)
        #expect(PodPrinter.status(h.object) == "Error")
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 5, 20, 45, 90, 175, 340, 645, 950])
        #expect(h.object.status.phase == .running)
    }

    @Test("G3d Never + exit 1: Failed, Error, no BackOff")
    func neverExitOne() {
        var h = KubeletHarness { _, _ in .exits(after: 5, code: 1) }
        h.create(PodSpec(containers: [app()], restartPolicy: .never))
        h.run(to: 100)
        #expect(h.object.status.phase == .failed)
        #expect(PodPrinter.status(h.object) == "Error")
        #expect(PodPrinter.restarts(h.object, now: h.now) == "0")
        #expect(h.object.status.condition("Ready")?.reason == "PodFailed")
        #expect(h.recorder.times("BackOff").isEmpty)
    }
}
