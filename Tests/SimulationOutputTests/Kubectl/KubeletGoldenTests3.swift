import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// Golden cases G7–G10 of /work/shared/reference/kubelet.md §11.
@Suite struct KubeletTerminationTests {
    static func ignoresTerm(_ behavior: ContainerBehavior) -> ContainerBehavior {
        var behavior = behavior
        behavior.terminationDelay = nil
        return behavior
    }

    @Test("G7 liveness: Unhealthy at 30/40/50, Killing at 50, restarts at 80, 160, 240; Running 1/1")
    func livenessKill() {
        var h = KubeletHarness { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)])
            behavior.unhealthyAfter = .constant(25)
            behavior.terminationDelay = nil
            return behavior
        }
        var container = app()
        container.livenessProbe = Probe(httpGet: HTTPGetAction(path: "/healthz", port: .int(8080)))
        h.create(PodSpec(containers: [container]))
        h.run(to: 50)
        #expect(h.recorder.times("Unhealthy") == [30, 40, 50])
        #expect(
            h.recorder.events.first { $0.reason == "Unhealthy" }?.message
                == "Liveness probe failed: HTTP probe failed with statuscode: 500")
        let killing = h.recorder.events.filter { $0.reason == "Killing" }
        #expect(killing.map(\.time.seconds) == [50])
        #expect(killing.first?.message == "Container app failed liveness probe, will be restarted")
        h.run(to: 79)
        #expect(PodPrinter.row(h.object, now: h.now)[1...3] == ["1/1", "Running", "0"])
        h.run(to: 80)
        #expect(PodPrinter.row(h.object, now: h.now)[1...3] == ["1/1", "Running", "1 (0s ago)"])
        let last = h.object.status.containerStatuses[0].lastTermination
        #expect(last?.exitCode == 137)
        #expect(last?.reason == "Error")
        h.run(to: 250)
        #expect(h.recorder.times("Started") == [0, 80, 160, 240])
        #expect(h.recorder.times("Killing") == [50, 130, 210])
        #expect(PodPrinter.row(h.object, now: h.now)[1...3] == ["1/1", "Running", "3 (10s ago)"])
        #expect(h.recorder.times("BackOff").isEmpty)
    }

    @Test("G8a delete: Terminating, Killing at 0, exit 0 at 3 ⇒ Succeeded and removed at 3")
    func deleteGraceful() {
        var h = KubeletHarness { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)])
            behavior.terminationDelay = .constant(3)
            return behavior
        }
        h.create(PodSpec(containers: [app()]))
        h.run(to: 100)
        h.cluster.deletePod(h.pod)
        h.run(to: 100)
        #expect(PodPrinter.status(h.object) == "Terminating")
        #expect(h.recorder.events.last?.reason == "Killing")
        #expect(h.recorder.events.last?.message == "Stopping container app")
        h.run(to: 102.9)
        #expect(!h.object.isRemoved)
        h.run(to: 103)
        #expect(h.object.isRemoved)
        #expect(h.object.status.phase == .succeeded)
        #expect(h.object.status.containerStatuses[0].state.termination?.reason == "Completed")
    }

    @Test("G8b delete, TERM ignored: SIGKILL at 30, exit 137, Failed, removed at 30")
    func deleteKill() {
        var h = KubeletHarness { _, _ in Self.ignoresTerm(ContainerBehavior(runs: [.init(duration: nil)])) }
        h.create(PodSpec(containers: [app()]))
        h.run(to: 10)
        h.cluster.deletePod(h.pod)
        h.run(to: 39.9)
        #expect(!h.object.isRemoved)
        #expect(PodPrinter.status(h.object) == "Terminating")
        h.run(to: 40)
        #expect(h.object.isRemoved)
        #expect(h.object.status.phase == .failed)
        #expect(h.object.status.containerStatuses[0].state.termination?.exitCode == 137)
    }

    @Test("G8c preStop sleep 40 with grace 30: TERM at 30, SIGKILL at 32")
    func deletePreStop() {
        var h = KubeletHarness { _, _ in Self.ignoresTerm(ContainerBehavior(runs: [.init(duration: nil)])) }
        var container = app()
        container.lifecycle = Lifecycle(preStop: LifecycleHandler(exec: ExecAction(command: ["sleep", "40"])))
        h.create(PodSpec(containers: [container]))
        h.run(to: 10)
        h.cluster.deletePod(h.pod)
        h.run(to: 41.9)
        #expect(!h.object.isRemoved)
        h.run(to: 42)
        #expect(h.object.isRemoved)
        #expect(h.object.status.containerStatuses[0].state.termination?.exitCode == 137)
    }

    @Test("G9 OOMKilled at 64Mi: starts 0, 3, 16, 39, 82, 165, 328, 631, 934; OOMKilled then CrashLoopBackOff")
    func oomKilled() {
        var h = KubeletHarness { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)])
            behavior.memoryGrowthPerSecond = 64 * 1024 * 1024 / 3.0
            return behavior
        }
        var container = app()
        container.resources = ResourceRequirements(limits: ["memory": "64Mi"], requests: ["memory": "64Mi"])
        h.create(PodSpec(containers: [container]))
        h.run(to: 6)
        #expect(PodPrinter.status(h.object) == "OOMKilled")
        #expect(h.object.status.containerStatuses[0].state.termination?.exitCode == 137)
        h.run(to: 16 - 0.01)
        #expect(PodPrinter.status(h.object) == "OOMKilled")
        h.run(to: 29)
        #expect(PodPrinter.status(h.object) == "CrashLoopBackOff")
        h.run(to: 1000)
        #expect(h.recorder.times("Started") == [0, 3, 16, 39, 82, 165, 328, 631, 934])
        #expect(h.recorder.times("Killing").isEmpty)
    }

    @Test("a memory limit of 0 is no limit: the container is never OOM-killed")
    func zeroMemoryLimit() {
        var h = KubeletHarness { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)])
            behavior.memoryGrowthPerSecond = 64 * 1024 * 1024 / 3.0
            return behavior
        }
        var container = app()
        container.resources = ResourceRequirements(limits: ["memory": "0"])
        h.create(PodSpec(containers: [container]))
        h.run(to: 600)
        #expect(PodPrinter.status(h.object) == "Running")
        #expect(h.recorder.times("Started") == [0])
    }

    @Test("G10 emptyDir over sizeLimit at 25 s: Evicted at the 30-s tick, Failed, reason Evicted")
    func emptyDirEviction() {
        var h = KubeletHarness { _, _ in
            var behavior = ContainerBehavior(runs: [.init(duration: nil)])
            behavior.volumeWrites = [.init(volume: "scratch", bytesPerSecond: 1024 * 1024 * 1024 / 25.0)]
            behavior.terminationDelay = .constant(1)
            return behavior
        }
        var container = app()
        container.volumeMounts = [VolumeMount(name: "scratch", mountPath: "/scratch")]
        h.create(
            PodSpec(
                containers: [container],
                volumes: [Volume(name: "scratch", emptyDir: EmptyDirVolumeSource(sizeLimit: "1Gi"))]))
        h.run(to: 29.9)
        #expect(h.object.status.phase == .running)
        h.run(to: 30)
        let evicted = h.recorder.events.first { $0.reason == "Evicted" }
        #expect(evicted?.time.seconds == 30)
        #expect(evicted?.type == .warning)
        #expect(evicted?.message == "Usage of EmptyDir volume \"scratch\" exceeds the limit \"1Gi\". ")
        #expect(h.object.status.phase == .failed)
        #expect(h.object.status.reason == "Evicted")
        #expect(PodPrinter.status(h.object) == "Evicted")
        h.run(to: 40)
        #expect(PodPrinter.status(h.object) == "Completed")  // container terminated after TERM (printer rule §3.4)
        #expect(h.recorder.times("Started") == [0])
        #expect(!h.object.isRemoved)
    }
}
