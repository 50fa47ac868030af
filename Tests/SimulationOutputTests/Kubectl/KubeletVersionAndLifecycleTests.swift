import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// Version knobs (reference §1.1, §1.6), timing modes, kubelet restart and node failure,
/// image pulls sharing bandwidth, image GC.
@Suite struct KubeletVersionAndLifecycleTests {
    func crashLoop(
        version: KubernetesVersion = .default, timing: TimingMode = .ideal, kubelet: KubeletConfiguration = .init()
    )
        -> KubeletHarness
    {
        var h = KubeletHarness(version: version, timing: timing, kubelet: kubelet) { _, _ in .exits(after: 2, code: 1) }
        h.create(PodSpec(containers: [app()]))
        return h
    }

    @Test("1.35 precise requeue: same starts, Error until expiry, CrashLoopBackOff only at 60-s checks")
    func preciseRequeue() {
        let h = crashLoop(version: KubernetesVersion(minor: 35))
        h.run(to: 30)
        #expect(PodPrinter.status(h.object) == "Error")  // exit 16, back-off 20 ⇒ next sync at 36
        h.run(to: 383)
        #expect(PodPrinter.status(h.object) == "Error")  // exit 324, back-off 300 ⇒ sync at 384
        h.run(to: 384)
        #expect(PodPrinter.status(h.object) == "CrashLoopBackOff")
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 2, 14, 36, 78, 160, 322, 624, 926])
    }

    @Test("maxContainerRestartPeriod 100 s (1.35): delays 0, 10, 20, 40, 80, 100, 100")
    func maxRestartPeriod() {
        var kubelet = KubeletConfiguration()
        kubelet.maxContainerRestartPeriodSeconds = 100
        let h = crashLoop(version: KubernetesVersion(minor: 35), kubelet: kubelet)
        h.run(to: 400)
        #expect(h.recorder.times("Started") == [0, 2, 14, 36, 78, 160, 262, 364])
    }

    @Test("ReduceDefaultCrashLoopBackOffDecay on 1.34: 1-s back-offs still wait for the 10-s requeue")
    func reducedDecay() {
        var kubelet = KubeletConfiguration()
        kubelet.reduceDefaultCrashLoopBackOffDecay = true
        let h = crashLoop(kubelet: kubelet)
        h.run(to: 51)
        #expect(h.recorder.times("Started") == [0, 2, 14, 26, 38, 50])
    }

    @Test("Model R: deterministic per seed, restarts slip by the requeue jitter and relist")
    func realistic() {
        let a = crashLoop(timing: .realistic)
        let b = crashLoop(timing: .realistic)
        a.run(to: 400)
        b.run(to: 400)
        let starts = a.recorder.times("Started")
        #expect(starts == b.recorder.times("Started"))
        #expect(starts.count >= 5)
        // Instance 1 exits at starts[1] + 2, noticed ≤ 1 s later; blocked; requeue U[10,15) + ticker.
        let slip = starts[2] - (starts[1] + 2)
        #expect(slip >= 10 && slip <= 17)
    }

    @Test("restart() drops the back-off: the next sync starts at once")
    func kubeletRestart() {
        let h = crashLoop()
        h.run(to: 100)  // instance 4 exited at 80, next start would be 160
        h.cluster.kubelets[0].restart()
        h.run(to: 101)
        #expect(h.recorder.times("Started").last == 100)
    }

    @Test("node failure freezes status and restarts; recovery resumes")
    func nodeFailure() {
        let h = crashLoop()
        h.run(to: 50)
        h.cluster.kubelets[0].nodeFailed()
        h.run(to: 199)
        #expect(PodPrinter.status(h.object) == "CrashLoopBackOff")
        #expect(PodPrinter.restarts(h.object, now: h.now) == "3 (2m41s ago)")
        #expect(h.recorder.times("Started").last == 36)
        h.cluster.kubelets[0].nodeRecovered()
        h.run(to: 200)
        #expect(h.recorder.times("Started").last == 199)
    }

    func twoPulls(serialized: Bool) -> KubeletHarness {
        var kubelet = KubeletConfiguration()
        kubelet.pullBandwidthBytesPerSecond = 100_000_000
        kubelet.serializeImagePulls = serialized
        kubelet.maxParallelImagePulls = serialized ? 1 : 2
        var h = KubeletHarness(kubelet: kubelet, preloaded: []) { _, _ in .default }
        h.cluster.registry.entries = [.init(pattern: "*", sizeBytes: 100_000_000)]
        h.create(PodSpec(containers: [app(image: "a:1")]), name: "a")
        h.create(PodSpec(containers: [app(image: "b:1")]), name: "b")
        h.run(to: 10)
        return h
    }

    @Test("serialized pulls queue: the second waits for the first")
    func serializedPulls() {
        let h = twoPulls(serialized: true)
        let pulled = h.recorder.events.filter { $0.reason == "Pulled" }
        #expect(pulled.map(\.time.seconds) == [1, 2])
        #expect(
            pulled.last?.message
                == "Successfully pulled image \"b:1\" in 1s (2s including waiting). Image size: 100000000 bytes.")
    }

    @Test("parallel pulls share the node's bandwidth")
    func parallelPulls() {
        let h = twoPulls(serialized: false)
        let pulled = h.recorder.events.filter { $0.reason == "Pulled" }
        #expect(pulled.map(\.time.seconds) == [2, 2])
        #expect(
            pulled.first?.message
                == "Successfully pulled image \"a:1\" in 2s (2s including waiting). Image size: 100000000 bytes.")
        #expect((h.cluster.api.nodes[0].node.status.images ?? []).count == 2)
    }

    @Test("image GC at the 5-min tick deletes unused images down to 80 %")
    func imageGC() {
        var kubelet = KubeletConfiguration()
        kubelet.imageFilesystemCapacityBytes = 1000
        kubelet.pullBandwidthBytesPerSecond = 1000
        var registry = ImageRegistry()
        registry.entries = [.init(pattern: "old:*", sizeBytes: 500), .init(pattern: "new:*", sizeBytes: 400)]
        var h = KubeletHarness(kubelet: kubelet, preloaded: ["old:1"], registry: registry) { _, _ in .default }
        h.create(PodSpec(containers: [app(image: "new:1")]))
        h.run(to: 299)
        let before = (h.cluster.api.nodes[0].node.status.images ?? []).compactMap { $0.names?.first }
        #expect(before == ["old:1", "new:1"])  // by size, largest first
        h.run(to: 300)
        let after = (h.cluster.api.nodes[0].node.status.images ?? []).compactMap { $0.names?.first }
        #expect(after == ["new:1"])
    }
}
