import KubeModel
import SimulationCore

/// The Job controller (k/k pkg/controller/job/job_controller.go, backoff_utils.go), with the
/// TTL-after-finished controller (pkg/controller/ttlafterfinished).
///
/// Its pods' changes enqueue a sync; the sync counts finished pods, checks the deadline and
/// the back-off limit, and creates or deletes pods. Timed re-syncs (back-off, deadline, TTL)
/// are one timer per Job.
final class JobController: ClusterComponent {
    /// The component name on its Events.
    static let component = "job-controller"
    /// `DefaultJobPodFailureBackOff` (job_controller.go): the first re-creation delay after a failure.
    static let jobPodFailureBackOff = SimulationDuration.seconds(10)
    /// `MaxJobPodFailureBackOff` (job_controller.go): 10 minutes in the code. The Job concept
    /// page says "capped at six minutes"; the code wins here.
    static let jobPodFailureBackOffMax = SimulationDuration.minutes(10)

    /// The controller manager whose pod control, work queue and objects this controller uses.
    /// `unowned(unsafe)`: the manager creates this controller and outlives it.
    unowned(unsafe) let manager: ControllerManager

    init(manager: ControllerManager) {
        self.manager = manager
        cluster = manager.cluster
    }

    /// The manager's cluster, held as the manager holds it: `manager.cluster` retained and
    /// released the cluster on each access.
    unowned(unsafe) let cluster: Cluster

    /// The array a sync lists the Job's active pods in, kept between syncs: a sync runs on
    /// every change of one of its pods and walks all of them (200 at a time in the envelope's
    /// Jobs), and growing a new array each time was a quarter of the sync's cost.
    private var activeScratch: [PodID] = []

    // MARK: - Work queue

    /// Queues a sync of the Job at `index` (once until it runs).
    func enqueue(_ index: Int) {
        guard !manager.workloads.jobs[index].syncQueued, !manager.workloads.jobs[index].isDeleted else { return }
        manager.workloads.jobs[index].syncQueued = true
        schedule(.controller(.syncJob(index)), after: .zero)
    }

    // MARK: - API writes

    /// Creates or updates a Job (an update only changes parallelism, suspend and the deadline,
    /// the mutable fields).
    /// - Returns: its index in ``WorkloadStore/jobs``.
    @discardableResult
    func apply(_ manifest: Job) -> Int {
        var job = manifest
        let namespace = job.metadata.namespace ?? "default"
        job.metadata.namespace = namespace
        let name = job.metadata.name ?? ""
        if let index = manager.workloads.job(namespace: namespace, name: name) {
            manager.workloads.jobs[index].job.spec.parallelism = job.spec.parallelism
            manager.workloads.jobs[index].job.spec.suspend = job.spec.suspend
            manager.workloads.jobs[index].job.spec.activeDeadlineSeconds = job.spec.activeDeadlineSeconds
            manager.workloads.jobs[index].job.metadata.resourceVersion = cluster.api.nextResourceVersionText()
            enqueue(index)
            return index
        }
        job.metadata.uid = cluster.nextUID()
        job.metadata.resourceVersion = cluster.api.nextResourceVersionText()
        let index = manager.workloads.jobs.count
        manager.workloads.jobs.append(JobObject(index: index, job: job, createdAt: cluster.now))
        manager.workloads.jobsByName[namespace + "/" + name] = index
        enqueue(index)
        return index
    }

    /// Deletes the Job and its timer; the garbage collector deletes its pods.
    func delete(_ index: Int) {
        guard let job = manager.workloads.markDeleted(index, in: \.jobs, names: \.jobsByName) else { return }
        cancel(job.timer)
        manager.ownerDeleted(.job(index))
    }

    /// Changes the pod template (future pods only; the API forbids it, kubesim tolerates it).
    func patchTemplate(_ index: Int, _ template: PodTemplateSpec) {
        manager.workloads.jobs[index].job.spec.template = template
    }

    // MARK: - Sync

    /// The work-queue item or timer: `syncJob`.
    func sync(_ index: Int) {
        manager.workloads.jobs[index].syncQueued = false
        syncJob(index)
    }

    /// `syncJob`: count newly finished pods, check `activeDeadlineSeconds` and `backoffLimit`,
    /// detect completion, otherwise `manageJob` (create pods up to the wanted parallelism once
    /// the pod-failure back-off has passed, or delete the surplus).
    func syncJob(_ index: Int) {
        guard !manager.workloads.jobs[index].isDeleted else { return }
        let now = cluster.now
        // In place: a computed property read on the array element copied the whole Job.
        if manager.workloads.reading(job: index, { $0.isFinished }) {
            collectFinishedJob(index)
            return
        }
        if let at = manager.workloads.jobs[index].timerAt, at <= now {
            manager.workloads.jobs[index].timer = nil
            manager.workloads.jobs[index].timerAt = nil
        }
        if manager.workloads.jobs[index].startTime == nil, manager.workloads.jobs[index].job.spec.suspend != true {
            manager.workloads.jobs[index].startTime = now
        }
        // Count pods that reached a terminal phase (the finalizer-tracked `uncountedTerminatedPods`):
        // a counted pod leaves `trackedPods`, as its job-tracking finalizer would be removed, and a
        // pod removed before it terminated can never be counted. The walk keeps the pods' order,
        // on which `failuresAfterLastSuccess` depends.
        let countsRestarts = manager.workloads.jobs[index].job.spec.template.spec.restartPolicy == .onFailure
        var tracked = manager.workloads.jobs[index].trackedPods
        manager.workloads.jobs[index].trackedPods = []
        var active = activeScratch
        activeScratch = []
        active.removeAll(keepingCapacity: true)
        defer { activeScratch = active }
        // The pods' facts and the tracked list are read and rewritten through their buffers:
        // subscripting `cluster.api.podFacts` and `tracked` retained, released and checked them
        // for every one of the Job's pods (200 at a time in the envelope), on every sync.
        let (kept, restarts) = cluster.api.podFacts.withUnsafeBufferPointer { facts in
            tracked.withUnsafeMutableBufferPointer { tracked -> (Int, Int) in
                var kept = 0
                var restarts = 0
                for position in tracked.indices {
                    let pod = tracked[position]
                    let facts = facts[pod.value]
                    if facts.isTerminal {
                        if cluster.api.pods[pod.value].status.phase == .succeeded {
                            manager.workloads.jobs[index].succeeded += 1
                            // backoff_utils.go newBackoffRecord: a success resets failuresAfterLastSuccess.
                            manager.workloads.jobs[index].failuresAfterLastSuccess = 0
                        } else {
                            manager.workloads.jobs[index].failed += 1
                            manager.workloads.jobs[index].failuresAfterLastSuccess += 1
                            manager.workloads.jobs[index].lastFailureTime = now
                        }
                        continue
                    }
                    if facts.isRemoved { continue }
                    tracked[kept] = pod
                    kept += 1
                    guard facts.isActive else { continue }
                    active.append(pod)
                    // Restarts matter only to an OnFailure Job's back-off limit
                    // (pastBackoffLimitOnFailure, which counts pods in phase Running or Pending).
                    if countsRestarts && !facts.isPhaseUnknown {
                        restarts += cluster.api.pods[pod.value].status.initContainerStatuses.reduce(0) {
                            $0 + $1.restartCount
                        }
                        restarts += cluster.api.pods[pod.value].status.containerStatuses.reduce(0) {
                            $0 + $1.restartCount
                        }
                    }
                }
                return (kept, restarts)
            }
        }
        tracked.removeSubrange(kept...)
        manager.workloads.jobs[index].trackedPods = tracked
        // The numbers, not a copy of the Job or its spec (which holds the pod template): see
        // ``WorkloadStore/reading(job:_:)``.
        let job = manager.workloads.reading(job: index) {
            (
                deadline: $0.job.spec.activeDeadlineSeconds, startTime: $0.startTime, failed: $0.failed,
                succeeded: $0.succeeded, backoffLimit: $0.job.spec.backoffLimit, completions: $0.job.spec.completions
            )
        }
        manager.workloads.jobs[index].active = active.count

        // activeDeadlineSeconds (pastActiveDeadline).
        if let deadline = job.deadline, let start = job.startTime {
            let end = start + .seconds(deadline)
            if now >= end {
                finishJob(
                    index, condition: "Failed", reason: "DeadlineExceeded",
                    message: "Job was active longer than specified deadline", active: active)
                return
            }
            scheduleJobTimer(index, at: end)
        }
        // backoffLimit: failed pods beyond the limit, or (OnFailure) container restarts reaching it
        // (`pastBackoffLimitOnFailure`, which treats a limit of 0 as "any restart").
        let onFailureExceeded: Bool = {
            guard countsRestarts else { return false }
            return job.backoffLimit == 0 ? restarts > 0 : restarts >= job.backoffLimit
        }()
        if job.failed > job.backoffLimit || onFailureExceeded {
            finishJob(
                index, condition: "Failed", reason: "BackoffLimitExceeded",
                message: "Job has reached the specified backoff limit", active: active)
            return
        }
        // Completion.
        let complete: Bool
        if let completions = job.completions {
            complete = job.succeeded >= completions
        } else {
            complete = job.succeeded > 0 && active.isEmpty
        }
        if complete {
            finishJob(
                index, condition: "Complete", reason: "CompletionsReached",
                message: "Reached expected number of succeeded pods", active: active)
            return
        }
        manageJob(index, active: active)
    }

    /// `manageJob`: the wanted number of active pods is `parallelism`, bounded by the
    /// completions still missing; new pods wait for the pod-failure back-off
    /// (10 s · 2^(failures−1), at most 10 min, from the last failure).
    func manageJob(_ index: Int, active: [PodID]) {
        // The numbers, not a copy of the Job or its spec (which holds the pod template, read in
        // place below only for a pod created): see ``WorkloadStore/reading(job:_:)``.
        let job = manager.workloads.reading(job: index) {
            (
                suspend: $0.job.spec.suspend, completions: $0.job.spec.completions,
                parallelism: $0.job.spec.parallelism,
                succeeded: $0.succeeded, failuresAfterLastSuccess: $0.failuresAfterLastSuccess,
                lastFailureTime: $0.lastFailureTime
            )
        }
        var wanted: Int
        if job.suspend == true {
            wanted = 0
        } else if let completions = job.completions {
            wanted = min(job.parallelism, max(0, completions - job.succeeded))
        } else {
            wanted = job.succeeded > 0 ? 0 : job.parallelism
        }
        wanted = max(0, wanted)
        let (name, uid, namespace) = manager.workloads.reading(job: index) { ($0.name, $0.uid, $0.namespace) }
        if active.count > wanted {
            for pod in active.suffix(active.count - wanted).reversed() {
                manager.deleteOwnedPod(pod, ownerKind: "Job", ownerName: name, component: Self.component)
            }
            return
        }
        guard active.count < wanted else { return }
        if job.failuresAfterLastSuccess > 0, let last = job.lastFailureTime {
            let exponent = min(job.failuresAfterLastSuccess - 1, 30)
            var delay = Self.jobPodFailureBackOff * (Int64(1) << Int64(exponent))
            if delay > Self.jobPodFailureBackOffMax || exponent >= 30 { delay = Self.jobPodFailureBackOffMax }
            let readyAt = last + delay
            if readyAt > cluster.now {
                scheduleJobTimer(index, at: readyAt)
                return
            }
        }
        let owner = OwnerReference(
            apiVersion: "batch/v1", kind: "Job", name: name, uid: uid, controller: true, blockOwnerDeletion: true)
        // pkg/apis/batch/types.go: the controller-uid and job-name labels, both spellings.
        let labels = [
            "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid,
            "job-name": name,
        ]
        let created = manager.createPods(
            wanted - active.count, from: { manager.workloads.reading(job: index) { $0.job.spec.template } },
            extraLabels: labels, namespace: namespace, owner: owner, state: .job(index), component: Self.component)
        // The pods that exist: a refused creation or an empty API client bucket (realistic
        // timing) stops the batch short, and the next sync creates the rest.
        manager.workloads.jobs[index].active = active.count + created
    }

    /// Keeps the earliest pending timed sync of a Job.
    func scheduleJobTimer(_ index: Int, at time: SimulationTime) {
        if let existing = manager.workloads.jobs[index].timerAt, existing <= time, existing > cluster.now { return }
        cancel(manager.workloads.jobs[index].timer)
        manager.workloads.jobs[index].timer = schedule(.controller(.syncJob(index)), at: time)
        manager.workloads.jobs[index].timerAt = time
    }

    /// Sets the terminal condition, records the Event and deletes the active pods.
    func finishJob(_ index: Int, condition: String, reason: String, message: String, active: [PodID]) {
        let now = cluster.now
        let job = manager.workloads.jobs[index]
        cancel(job.timer)
        manager.workloads.jobs[index].timer = nil
        manager.workloads.jobs[index].timerAt = nil
        // 1.31+ first sets the interim FailureTarget/SuccessCriteriaMet condition (JobManagedBy /
        // JobSuccessPolicy); both are set at the same instant here.
        if cluster.configuration.kubernetesVersion >= KubernetesVersion(minor: 31) {
            let interim = condition == "Failed" ? "FailureTarget" : "SuccessCriteriaMet"
            manager.workloads.jobs[index].conditions.append(
                JobConditionRecord(
                    type: interim, status: .true, reason: reason, message: message, lastTransitionTime: now))
        }
        manager.workloads.jobs[index].conditions.append(
            JobConditionRecord(
                type: condition, status: .true, reason: reason, message: message, lastTransitionTime: now))
        if condition == "Complete" {
            manager.workloads.jobs[index].completionTime = now
            cluster.recordEvent(
                .normal, "Completed", "Job completed", kind: "Job", namespace: job.namespace, name: job.name,
                component: Self.component)
        } else {
            cluster.recordEvent(
                .warning, reason, message, kind: "Job", namespace: job.namespace, name: job.name,
                component: Self.component)
        }
        for pod in active {
            manager.deleteOwnedPod(pod, ownerKind: "Job", ownerName: job.name, component: Self.component)
        }
        manager.workloads.jobs[index].active = 0
        if let ttl = job.job.spec.ttlSecondsAfterFinished {
            scheduleJobTimer(index, at: now + .seconds(max(0, ttl)))
        }
    }

    /// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job
    /// with `ttlSecondsAfterFinished` is deleted, with its pods, that long after it finished.
    func collectFinishedJob(_ index: Int) {
        let job = manager.workloads.jobs[index]
        guard let ttl = job.job.spec.ttlSecondsAfterFinished,
            let finishedAt = job.conditions.last(where: { $0.type == "Complete" || $0.type == "Failed" })?
                .lastTransitionTime
        else { return }
        if cluster.now >= finishedAt + .seconds(max(0, ttl)) {
            delete(index)
        }
    }
}
