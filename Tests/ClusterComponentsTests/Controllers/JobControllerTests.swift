import KubeModel
import SimulationCore
import Stochastics
import Testing

@testable import ClusterComponents

@Suite struct JobControllerTests {
    func job(
        _ name: String, backoffLimit: Int, completions: Int? = 1, parallelism: Int? = 1, deadline: Int? = nil
    ) -> Job {
        Job(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: JobSpec(
                completions: completions, parallelism: parallelism, backoffLimit: backoffLimit,
                activeDeadlineSeconds: deadline,
                template: ControllerFixture.template(app: name, restartPolicy: .never)))
    }

    /// Pods of the Job, in creation order.
    func pods(_ cluster: Cluster, of name: String) -> [PodObject] {
        cluster.api.pods.filter { $0.pod.metadata.labels?["job-name"] == name }
    }

    /// Runs until the Job at `index` has finished (failing the test if it has not by
    /// `seconds`) and returns it.
    func runUntilFinished(_ cluster: Cluster, job index: Int, seconds: Int) throws -> JobObject {
        let finished = ControllerFixture.run(cluster, untilSeconds: seconds) {
            $0.controllers.workloads.jobs[index].isFinished
        }
        try #require(finished)
        return cluster.controllers.workloads.jobs[index]
    }

    /// For each pod after the first: how long after the previous pod's container ended it was
    /// created (the Job controller's re-creation delay).
    func replacementGaps(_ pods: [PodObject]) throws -> [SimulationDuration] {
        try (1..<max(1, pods.count)).map { k in
            let ended = try #require(pods[k - 1].status.containerStatuses.first?.state.termination?.finishedAt)
            return pods[k].createdAt - ended
        }
    }

    @Test("failing pods are re-created after 10, 20, 40 s and the Job fails after backoffLimit 3")
    func backoffLimitExceeded() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        // Every container exits 1 after 2 s (restartPolicy Never: the pod fails).
        cluster.behaviorProvider = { _, _ in ContainerBehavior(runs: [.init(duration: .constant(2), exitCode: 1)]) }
        let log = ControllerFixture.events(cluster)
        let index = cluster.controllers.jobs.apply(job("pi", backoffLimit: 3))
        let job = try runUntilFinished(cluster, job: index, seconds: 600)
        let pods = pods(cluster, of: "pi")
        // backoffLimit 3 ⇒ the 4th failure (failed = 4 > 3) ends the Job: 4 pods in all.
        #expect(pods.count == 4)
        #expect(job.failed == 4 && job.succeeded == 0 && job.active == 0)
        #expect(pods.allSatisfy { $0.status.phase == .failed })
        // Each replacement is created 10 · 2^(k−1) s after the k-th failure (job_controller.go back-off).
        #expect(try replacementGaps(pods) == [.seconds(10), .seconds(20), .seconds(40)])
        let failed = try #require(job.condition("Failed"))
        #expect(failed.status == .true && failed.reason == "BackoffLimitExceeded")
        let warning = try #require(log.with(reason: "BackoffLimitExceeded").first)
        #expect(warning.type == .warning && warning.message == "Job has reached the specified backoff limit")
        #expect(warning.component == "job-controller" && warning.kind == "Job" && warning.name == "pi")
        let lastFailure = try #require(pods.last?.status.containerStatuses.first?.state.termination?.finishedAt)
        #expect(warning.time == lastFailure)
        #expect(log.with(reason: "SuccessfulCreate").map(\.message) == pods.map { "Created pod: \($0.name)" })
    }

    @Test("completions 3, parallelism 2: pods that exit 0 complete the Job")
    func completes() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        cluster.behaviorProvider = { _, _ in ContainerBehavior(runs: [.init(duration: .constant(10), exitCode: 0)]) }
        let log = ControllerFixture.events(cluster)
        let index = cluster.controllers.jobs.apply(job("batch", backoffLimit: 6, completions: 3, parallelism: 2))
        var maxActive = 0
        cluster.addSink(
            InvariantSink { cluster in
                maxActive = max(maxActive, ControllerFixture.activePods(cluster).count)
            })
        let job = try runUntilFinished(cluster, job: index, seconds: 300)
        #expect(job.condition("Complete")?.status == .true)
        #expect(job.succeeded == 3 && job.failed == 0)
        #expect(pods(cluster, of: "batch").count == 3)
        #expect(maxActive == 2)
        #expect(log.with(reason: "Completed").first?.message == "Job completed")
    }

    @Test("pods that fail and succeed in turn: each is counted once, in order, and then no longer walked")
    func countsEachFinishedPodOnce() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        // The Job's 1st, 3rd, 5th … pod exits 1 after 5 s, the others exit 0 (restartPolicy Never).
        cluster.behaviorProvider = { object, _ in
            let ordinal =
                cluster.api.pods.filter { $0.pod.metadata.labels?["job-name"] == "mixed" }
                .firstIndex { $0.id == object.id } ?? 0
            return ContainerBehavior(runs: [.init(duration: .constant(5), exitCode: ordinal % 2 == 0 ? 1 : 0)])
        }
        let index = cluster.controllers.jobs.apply(job("mixed", backoffLimit: 6, completions: 4, parallelism: 1))
        var walkedAtMost = 0
        cluster.addSink(
            InvariantSink { _ in
                walkedAtMost = max(walkedAtMost, cluster.controllers.workloads.jobs[index].trackedPods.count)
            })
        let job = try runUntilFinished(cluster, job: index, seconds: 3600)
        let pods = pods(cluster, of: "mixed")
        // Four successes need eight pods, one at a time: failures 1, 3, 5, 7 and successes 2, 4, 6, 8.
        #expect(pods.count == 8)
        #expect(job.succeeded == 4 && job.failed == 4)
        #expect(
            pods.map(\.status.phase) == [
                .failed, .succeeded, .failed, .succeeded, .failed, .succeeded, .failed, .succeeded,
            ])
        // Each success resets failuresAfterLastSuccess, so every failure backs off the first step:
        // the replacement comes 10 s after a failure, and at once after a success.
        #expect(
            try replacementGaps(pods) == [.seconds(10), .zero, .seconds(10), .zero, .seconds(10), .zero, .seconds(10)])
        // Counted pods leave the tracked list: with parallelism 1 the sync never walks more than
        // the running pod and one just finished, and nothing once the Job is complete.
        #expect(walkedAtMost <= 2)
        #expect(job.trackedPods.isEmpty)
        #expect(job.pods.count == 8)
    }

    @Test("activeDeadlineSeconds 30 fails a Job whose pod runs forever at t = 30 s")
    func deadline() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        let log = ControllerFixture.events(cluster)
        let index = cluster.controllers.jobs.apply(job("long", backoffLimit: 6, deadline: 30))
        ControllerFixture.run(cluster, toSecond: 60)
        let job = cluster.controllers.workloads.jobs[index]
        let failed = try #require(job.condition("Failed"))
        #expect(failed.reason == "DeadlineExceeded")
        #expect(failed.lastTransitionTime == .seconds(30))
        let event = try #require(log.with(reason: "DeadlineExceeded").first)
        #expect(event.message == "Job was active longer than specified deadline" && event.time == .seconds(30))
        #expect(pods(cluster, of: "long").allSatisfy { $0.isTerminating || $0.isRemoved })
    }

    @Test("ttlSecondsAfterFinished 60 deletes the Job and its pods 60 s after it completes")
    func ttlAfterFinished() throws {
        let cluster = ControllerFixture.cluster()
        ControllerFixture.node(cluster, "n1")
        cluster.behaviorProvider = { _, _ in ContainerBehavior(runs: [.init(duration: .constant(10), exitCode: 0)]) }
        var manifest = job("short", backoffLimit: 6)
        manifest.spec.ttlSecondsAfterFinished = 60
        let index = cluster.controllers.jobs.apply(manifest)
        _ = try runUntilFinished(cluster, job: index, seconds: 120)
        let completedAt = try #require(
            cluster.controllers.workloads.jobs[index].condition("Complete")?.lastTransitionTime)
        cluster.run(until: .time(completedAt + .seconds(59)))
        #expect(!cluster.controllers.workloads.jobs[index].isDeleted)
        cluster.run(until: .time(completedAt + .seconds(60)))
        #expect(cluster.controllers.workloads.jobs[index].isDeleted)
        #expect(cluster.controllers.workloads.job(namespace: "default", name: "short") == nil)
    }
}
