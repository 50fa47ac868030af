import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// The pod worker's typed indices and its own rules, on hand-built workers (no cluster): what
/// `computePodActions` starts, when a container is restarted, and the reason cache, each checked
/// against the rules of kuberuntime_manager.go worked out by hand.
@Suite struct PodWorkerTests {
    /// A worker with one init container `init` and app containers `a` and `b`.
    static func worker(restartPolicy: RestartPolicy) -> PodWorker {
        let behavior = ContainerBehavior(runs: [.init(duration: nil)])
        func runtime(_ name: String, isInit: Bool, index: Int) -> ContainerRuntime {
            ContainerRuntime(
                isInit: isInit, index: index, isSidecar: false, name: name, image: "busybox",
                imagePullPolicy: .ifNotPresent, imageKey: "docker.io/library/busybox:latest", restartPolicy: nil,
                sharedBehavior: HeapBox(wrappedValue: behavior))
        }
        return PodWorker(
            pod: PodID(7),
            containers: [
                runtime("init", isInit: true, index: 0), runtime("a", isInit: false, index: 0),
                runtime("b", isInit: false, index: 1),
            ],
            initCount: 1, restartPolicy: restartPolicy, hasReadinessGates: false, podIP: "10.244.0.2")
    }

    /// Runs container `c` from `start` to an exit with `code` at `end`.
    static func run(_ worker: inout PodWorker, _ c: Int, from start: Double, exit code: Int32, at end: Double) {
        let c = ContainerIndex(c)
        _ = worker.startInstance(c, at: SimulationTime.zero + .seconds(start), hasStartupProbe: false)
        worker.planExit(
            c, at: SimulationTime.zero + .seconds(end), code: code, reason: code == 0 ? "Completed" : "Error")
        worker.recordExit(c, at: SimulationTime.zero + .seconds(end))
    }

    static func starts(_ worker: PodWorker) -> [String] {
        worker.computeStarts().map { start in
            "\(worker[start.container].name)@\(start.reference.map { "\(Int($0.seconds))" } ?? "-")"
        }
    }

    @Test("the indices are 4-byte values, and they make every kubelet timer 8 bytes smaller")
    func layout() {
        #expect(MemoryLayout<WorkerIndex>.size == 4)
        #expect(MemoryLayout<ContainerIndex>.size == 4)
        // The largest case, livenessFailed: PodID (4) + ContainerIndex (4) + instance and
        // failures (8 + 8), then one tag byte. A bare Int container was 8 bytes and, after the
        // 4-byte PodID, aligned to 8: 4 + 4 (padding) + 8 + 8 + 8 + 1 = 33.
        #expect(MemoryLayout<KubeletEvent>.size == 25)
    }

    @Test("ranges of typed indices iterate like integer ranges")
    func ranges() {
        let worker = Self.worker(restartPolicy: .always)
        #expect(worker.initContainers.map(\.value) == [0])
        #expect(worker.appContainers.map(\.value) == [1, 2])
        #expect(worker.allContainers.count == 3)
        #expect(worker.appContainers.map { worker[$0].name } == ["a", "b"])
        #expect(ContainerIndex(2).distance(to: ContainerIndex(5)) == 3)
        #expect(WorkerIndex(1) < WorkerIndex(2))
    }

    @Test("PodWorkers past the table's first growths: every worker kept, in place, in order")
    func podWorkersGrow() {
        var workers = PodWorkers()
        for i in 0..<70 {
            var worker = Self.worker(restartPolicy: i % 2 == 0 ? .always : .never)
            worker.pod = PodID(100 + i)
            worker.podIP = "10.244.0.\(i)"
            #expect(workers.add(worker) == WorkerIndex(i))
            // A change made before the table grows (16, 32, 64 workers) survives the moves.
            if i % 5 == 0 { workers[WorkerIndex(i)].pendingSync = true }
        }
        #expect(workers.count == 70)
        for i in 0..<70 {
            let w = WorkerIndex(i)
            #expect(workers.index(of: PodID(100 + i)) == w)
            #expect(workers[w].pod == PodID(100 + i) && workers[w].podIP == "10.244.0.\(i)")
            #expect(workers[w].restartPolicy == (i % 2 == 0 ? .always : .never))
            #expect(workers[w].pendingSync == (i % 5 == 0))
            #expect(workers[w].containers.map(\.name) == ["init", "a", "b"])
        }
        #expect(workers.map(\.pod.value) == Array(100..<170))
    }

    @Test("PodWorkers: arrival order, lookup by pod, and a forgotten pod keeps its worker, untracked")
    func podWorkers() {
        var workers = PodWorkers()
        var first = Self.worker(restartPolicy: .always)
        first.pod = PodID(3)
        let second = Self.worker(restartPolicy: .never)
        #expect(workers.add(first) == WorkerIndex(0))
        #expect(workers.add(second) == WorkerIndex(1))
        #expect(workers.index(of: PodID(7)) == WorkerIndex(1))
        #expect(workers.index(of: PodID(3)) == WorkerIndex(0))
        #expect(workers.index(of: PodID(99)) == nil)
        workers[WorkerIndex(1)].pendingSync = true  // changed in place through the subscript
        #expect(workers[WorkerIndex(1)].pendingSync)
        #expect(workers.isTracked(WorkerIndex(0)) && workers.isTracked(WorkerIndex(1)))
        workers.forget(PodID(7))
        #expect(workers.index(of: PodID(7)) == nil)
        // A timer the forgotten worker set finds it untracked; the other worker's still acts.
        #expect(!workers.isTracked(WorkerIndex(1)))
        #expect(workers.isTracked(WorkerIndex(0)))
        workers.forget(PodID(99))  // never bound here: nothing changes
        #expect(workers.isTracked(WorkerIndex(0)))
        #expect(workers.count == 2)
        #expect(workers.indices.map(\.value) == [0, 1])
    }

    @Test("computePodActions: the init container first, then both app containers, then restarts per policy")
    func computeStarts() {
        var worker = Self.worker(restartPolicy: .always)
        // Nothing has run: only the init container starts, with no previous exit.
        #expect(Self.starts(worker) == ["init@-"])
        // A failed init container is restarted under Always, with its FinishedAt as reference.
        Self.run(&worker, 0, from: 1, exit: 1, at: 4)
        #expect(Self.starts(worker) == ["init@4"])
        // Once it succeeded, both app containers start.
        Self.run(&worker, 0, from: 5, exit: 0, at: 6)
        #expect(Self.starts(worker) == ["a@-", "b@-"])
        #expect(worker[ContainerIndex(0)].restartCount == 1)
        #expect(worker[ContainerIndex(0)].previous?.exitCode == 1)
        // `a` runs; `b` exits 0 at 20: Always restarts it even after success.
        _ = worker.startInstance(ContainerIndex(1), at: .zero + .seconds(7), hasStartupProbe: false)
        Self.run(&worker, 2, from: 7, exit: 0, at: 20)
        #expect(Self.starts(worker) == ["b@20"])
        #expect(!worker.allRegularContainersDone)
        // A timer of b's instance 0 is stale once b exited; a's instance 0 runs.
        #expect(!worker.isRunning(ContainerIndex(2), instance: 0))
        #expect(worker.isRunning(ContainerIndex(1), instance: 0))
        #expect(!worker.isRunning(ContainerIndex(1), instance: 1))
    }

    @Test("restartPolicy OnFailure and Never: which exits restart, and when the pod is done")
    func restartPolicies() {
        var onFailure = Self.worker(restartPolicy: .onFailure)
        Self.run(&onFailure, 0, from: 0, exit: 0, at: 1)
        Self.run(&onFailure, 1, from: 1, exit: 0, at: 5)
        Self.run(&onFailure, 2, from: 1, exit: 2, at: 6)
        #expect(Self.starts(onFailure) == ["b@6"])  // a succeeded, b failed
        #expect(!onFailure.allRegularContainersDone)
        var never = Self.worker(restartPolicy: .never)
        Self.run(&never, 0, from: 0, exit: 0, at: 1)
        Self.run(&never, 1, from: 1, exit: 0, at: 5)
        #expect(!never.allRegularContainersDone)  // b never ran
        Self.run(&never, 2, from: 1, exit: 2, at: 6)
        #expect(Self.starts(never).isEmpty)
        #expect(never.allRegularContainersDone)
        #expect(never.shouldRestartAfterKill(ContainerIndex(1)) == false)
    }

    @Test("the reason cache: CrashLoopBackOff is rebuilt only when the back-off changes; a start clears it")
    func crashLoopBackOff() throws {
        var worker = Self.worker(restartPolicy: .always)
        Self.run(&worker, 0, from: 0, exit: 0, at: 1)
        Self.run(&worker, 1, from: 1, exit: 1, at: 3)
        let a = ContainerIndex(1)
        // The pod is described once, when the first message needs it (the kubelet's describePod).
        var described = 0
        let describePod = {
            described += 1
            return "p_default(uid-7)"
        }
        worker.statusDirty = false
        #expect(worker.description == nil)
        worker.cacheCrashLoopBackOff(a, backoff: .seconds(10), describePod: describePod)
        #expect(worker.statusDirty)
        #expect(described == 1)
        // kuberuntime_manager.go doBackOff: "back-off %s restarting failed container=%s pod=%s".
        #expect(worker[a].cachedMessage == "back-off 10s restarting failed container=a pod=p_default(uid-7)")
        let status = worker.containerStatus(a, defaultReason: "PodInitializing")
        #expect(status.state == .waiting(reason: "CrashLoopBackOff", message: worker[a].cachedMessage))
        let last = try #require(status.lastTermination)
        #expect(last.exitCode == 1)
        #expect(status.restartCount == 0)
        worker.statusDirty = false
        worker.cacheCrashLoopBackOff(a, backoff: .seconds(10), describePod: describePod)
        #expect(!worker.statusDirty)  // unchanged: nothing new to publish
        worker.cacheCrashLoopBackOff(a, backoff: .seconds(20), describePod: describePod)
        #expect(worker.statusDirty)
        #expect(described == 1)
        #expect(worker[a].cachedMessage == "back-off 20s restarting failed container=a pod=p_default(uid-7)")
        _ = worker.startInstance(a, at: .zero + .seconds(30), hasStartupProbe: false)
        #expect(worker[a].cachedReason == nil)
        #expect(worker.containerStatus(a, defaultReason: "PodInitializing").restartCount == 1)
    }

    @Test("a kubelet restart forgets both back-offs and the reason cache")
    func forgetInMemoryState() {
        var worker = Self.worker(restartPolicy: .always)
        let a = ContainerIndex(1)
        worker.setCrashBackoff(a, BackoffEntry(backoff: .seconds(40), lastUpdate: .zero))
        worker.setPullBackoff(a, BackoffEntry(backoff: .seconds(20), lastUpdate: .zero))
        worker.cacheStartError(a, reason: "ErrImagePull", message: "no")
        worker.statusDirty = false
        worker.forgetInMemoryState()
        #expect(worker[a].crashBackoff == nil)
        #expect(worker[a].pullBackoff == nil)
        #expect(worker[a].cachedReason == nil)
        #expect(worker.statusDirty)
    }
}
