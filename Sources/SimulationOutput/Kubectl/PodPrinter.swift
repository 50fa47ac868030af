import ClusterComponents
import KubeModel
import SimulationCore

/// `kubectl get pods` rows, computed as printers.go `printPod` does
/// (k/k pkg/printers/internalversion/printers.go).
public enum PodPrinter {
    /// Column titles; `-o wide` adds IP, NODE, NOMINATED NODE, READINESS GATES.
    public static func header(wide: Bool) -> [String] {
        var columns = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        if wide { columns += ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"] }
        return columns
    }

    /// The STATUS column alone.
    public static func status(_ pod: PodObject) -> String { summary(of: pod).reason }

    /// The RESTARTS column alone (`5 (2m18s ago)`).
    public static func restarts(_ pod: PodObject, now: SimulationTime) -> String {
        let result = summary(of: pod)
        guard result.restarts != 0, let last = result.lastRestart else { return "\(result.restarts)" }
        return "\(result.restarts) (\(KubectlTime.since(last, now: now)) ago)"
    }

    /// One row's cells.
    public static func row(_ pod: PodObject, now: SimulationTime, wide: Bool = false) -> [String] {
        let result = summary(of: pod)
        var restartsText = "\(result.restarts)"
        if result.restarts != 0, let last = result.lastRestart {
            restartsText = "\(result.restarts) (\(KubectlTime.since(last, now: now)) ago)"
        }
        var cells = [
            pod.name, "\(result.ready)/\(result.total)", result.reason, restartsText,
            KubectlTime.since(pod.createdAt, now: now),
        ]
        if wide {
            var gates = "<none>"
            if let readinessGates = pod.pod.spec.readinessGates, !readinessGates.isEmpty {
                let trueCount = readinessGates.filter { pod.status.condition($0.conditionType)?.status == .true }.count
                gates = "\(trueCount)/\(readinessGates.count)"
            }
            cells += [
                pod.status.podIP ?? "<none>", pod.pod.spec.nodeName ?? "<none>",
                pod.status.nominatedNodeName ?? "<none>", gates,
            ]
        }
        return cells
    }

    /// The whole table, aligned like kubectl (`No resources found` handled by the caller).
    public static func table(_ pods: [PodObject], now: SimulationTime, wide: Bool = false) -> String {
        var writer = TabWriter.forGet()
        writer.write(header(wide: wide).joined(separator: "\t") + "\n")
        for pod in pods { writer.write(row(pod, now: now, wide: wide).joined(separator: "\t") + "\n") }
        return writer.render()
    }

    /// READY counts, STATUS reason, restarts and the last termination time.
    struct Summary {
        var ready = 0
        var total = 0
        var reason = ""
        var restarts = 0
        var lastRestart: SimulationTime?
    }

    /// What the READY, STATUS and RESTARTS columns are computed from: the pod's status and the
    /// three facts of its spec and metadata they read. The timeline takes one per status write
    /// on the simulation's thread (a reference to each of the status's arrays and strings) and
    /// computes the columns on the output thread.
    struct SummaryInput {
        var status: PodStatusRecord
        var initContainers: [Container]
        var containerCount: Int
        var deletionTimestamp: SimulationTime?

        /// The input of the pod at `pod`, read in place (a `PodObject` passed by value is
        /// copied whole).
        init(_ pod: UnsafePointer<PodObject>) {
            status = pod.pointee.status
            initContainers = pod.pointee.pod.spec.initContainers ?? []
            containerCount = pod.pointee.pod.spec.containers.count
            deletionTimestamp = pod.pointee.deletionTimestamp
        }
    }

    static func summary(of pod: PodObject) -> Summary { withUnsafePointer(to: pod) { summary(SummaryInput($0)) } }

    /// The columns (printers.go `printPod`).
    static func summary(_ pod: borrowing SummaryInput) -> Summary {
        var result = Summary()
        let inits = pod.initContainers
        result.total = pod.containerCount + inits.reduce(0) { $0 + ($1.isSidecar ? 1 : 0) }
        result.reason = pod.status.phase.rawValue
        if let reason = pod.status.reason, !reason.isEmpty { result.reason = reason }
        if pod.status.conditions.record(ofType: "PodScheduled")?.reason == "SchedulingGated" {
            result.reason = "SchedulingGated"
        }
        var restarts = 0
        var lastRestart: SimulationTime?
        var sidecarRestarts = 0
        var lastSidecarRestart: SimulationTime?
        var initializing = false
        func later(_ a: SimulationTime?, _ b: SimulationTime?) -> SimulationTime? {
            guard let b else { return a }
            guard let a else { return b }
            return max(a, b)
        }
        for (i, container) in pod.status.initContainerStatuses.enumerated() {
            let isSidecar = inits.first { $0.name == container.name }?.isSidecar ?? false
            restarts += container.restartCount
            lastRestart = later(lastRestart, container.lastTermination?.finishedAt)
            if isSidecar {
                sidecarRestarts += container.restartCount
                lastSidecarRestart = later(lastSidecarRestart, container.lastTermination?.finishedAt)
            }
            if let terminated = container.state.termination, terminated.exitCode == 0 { continue }
            if isSidecar && container.started {
                if container.ready { result.ready += 1 }
                continue
            }
            if let terminated = container.state.termination {
                result.reason =
                    terminated.reason.isEmpty ? "Init:ExitCode:\(terminated.exitCode)" : "Init:" + terminated.reason
            } else if let waiting = container.state.waitingReason, !waiting.isEmpty, waiting != "PodInitializing" {
                result.reason = "Init:" + waiting
            } else {
                result.reason = "Init:\(i)/\(inits.count)"
            }
            initializing = true
            break
        }
        if !initializing || pod.status.conditions.state(ofType: "Initialized")?.status == .true {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for container in pod.status.containerStatuses.reversed() {
                restarts += container.restartCount
                lastRestart = later(lastRestart, container.lastTermination?.finishedAt)
                if let waiting = container.state.waitingReason, !waiting.isEmpty {
                    result.reason = waiting
                } else if let terminated = container.state.termination {
                    result.reason = terminated.reason.isEmpty ? "ExitCode:\(terminated.exitCode)" : terminated.reason
                } else if container.ready && container.state.isRunning {
                    hasRunning = true
                    result.ready += 1
                }
            }
            if result.reason == "Completed" && hasRunning {
                result.reason =
                    pod.status.conditions.state(ofType: "Ready")?.status == .true ? "Running" : "NotReady"
            }
        }
        if pod.deletionTimestamp != nil && pod.status.reason == "NodeLost" {
            result.reason = "Unknown"
        } else if pod.deletionTimestamp != nil && !pod.status.phase.isTerminal {
            result.reason = "Terminating"
        }
        result.restarts = restarts
        result.lastRestart = lastRestart
        return result
    }
}
