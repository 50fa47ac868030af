import Stochastics
import Testing

@testable import ClusterComponents

/// ``SharedBehaviors`` boxes each distinct behaviour once per kubelet, and a released worker
/// (``PodWorker/releaseAfterCleanup()``) keeps nothing of its containers.
@Suite struct SharedBehaviorsTests {
    @Test("equal behaviours share one box, different ones do not; past the capacity a box is unshared")
    func sharing() {
        var shared = SharedBehaviors()
        let batch = ContainerBehavior(runs: [.init(duration: .constant(600), exitCode: 0)])
        let flaky = ContainerBehavior(runs: [.init(duration: .constant(180), exitCode: 1)])
        let first = shared.box(batch)
        let second = shared.box(ContainerBehavior(runs: [.init(duration: .constant(600), exitCode: 0)]))
        let other = shared.box(flaky)
        #expect(first.sharesStorage(with: second))
        #expect(!first.sharesStorage(with: other))
        #expect(first.wrappedValue == batch && other.wrappedValue == flaky)
        // Two kept so far; fill the table with 14 more distinct behaviours, then one beyond it.
        for seconds in 1...14 { _ = shared.box(ContainerBehavior(runs: [.init(duration: .constant(Double(seconds)))])) }
        let beyond = ContainerBehavior(runs: [.init(duration: .constant(99))])
        let a = shared.box(beyond), b = shared.box(beyond)
        #expect(SharedBehaviors.capacity == 16)
        #expect(!a.sharesStorage(with: b))
        #expect(a.wrappedValue == beyond && b.wrappedValue == beyond)
        // The kept ones are still found.
        #expect(shared.box(flaky).sharesStorage(with: other))
    }

    @Test("a cleaned-up worker releases its containers and queues but keeps its pod")
    func release() {
        var worker = PodWorkerTests.worker(restartPolicy: .always)
        #expect(worker.containers.count == 3 && worker.initCount == 1)
        worker.phase = .terminated
        worker.releaseAfterCleanup()
        #expect(worker.containers.isEmpty && worker.initCount == 0)
        #expect(worker.initContainers.isEmpty && worker.appContainers.isEmpty)
        #expect(worker.pendingStatus == nil && worker.description == nil)
        #expect(worker.pod == PodID(7))
    }
}
