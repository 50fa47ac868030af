import ClusterComponents
import KubeModel

/// The READY, STATUS and RESTARTS columns of `kubectl get pods` for one pod.
///
/// Follows k/k pkg/printers/internalversion/printers.go `printPod` (kubelet reference §3.4).
/// Internal to the timeline; the kubectl printers (`Kubectl/`) are the user-facing ones.
struct PodStatusColumns: Hashable, Sendable {
    /// Ready containers (regular containers and started sidecars).
    var ready: Int
    /// Regular containers plus sidecars.
    var total: Int
    /// The STATUS column.
    var status: String
    /// The RESTARTS count (without the "(2m ago)" suffix).
    var restarts: Int

    /// Computes the columns for a stored pod.
    init(_ object: PodObject) {
        let spec = object.pod.spec
        let status = object.status
        let initContainers = spec.initContainers ?? []
        let sidecarNames = Set(initContainers.filter(\.isSidecar).map(\.name))
        var reason = status.phase.rawValue
        if let statusReason = status.reason, !statusReason.isEmpty { reason = statusReason }
        if let scheduled = status.condition("PodScheduled"), scheduled.reason == "SchedulingGated" {
            reason = "SchedulingGated"
        }
        let total = spec.containers.count + sidecarNames.count
        var ready = 0
        var restarts = 0

        // Init containers, in order; the first one not done decides.
        var initializing = false
        for (index, container) in status.initContainerStatuses.enumerated() {
            restarts += container.restartCount
            let isSidecar = sidecarNames.contains(container.name)
            if let termination = container.state.termination, termination.exitCode == 0 { continue }
            if isSidecar, container.started {
                if container.ready { ready += 1 }
                continue
            }
            if let termination = container.state.termination {
                if !termination.reason.isEmpty {
                    reason = "Init:" + termination.reason
                } else {
                    reason = "Init:ExitCode:\(termination.exitCode)"
                }
            } else if let waiting = container.state.waitingReason, !waiting.isEmpty, waiting != "PodInitializing" {
                reason = "Init:" + waiting
            } else {
                reason = "Init:\(index)/\(initContainers.count)"
            }
            initializing = true
            break
        }

        if !initializing || status.condition("Initialized")?.status == .true {
            restarts = 0
            for container in status.initContainerStatuses where sidecarNames.contains(container.name) {
                restarts += container.restartCount
            }
            var hasRunning = false
            for container in status.containerStatuses.reversed() {
                restarts += container.restartCount
                switch container.state {
                case .waiting(let waitingReason, _):
                    if !waitingReason.isEmpty { reason = waitingReason }
                case .terminated(let termination):
                    reason = termination.reason.isEmpty ? "ExitCode:\(termination.exitCode)" : termination.reason
                case .running:
                    if container.ready {
                        hasRunning = true
                        ready += 1
                    }
                }
            }
            // A completed container next to a running one: the pod is still up.
            if reason == "Completed" && hasRunning {
                reason = status.condition("Ready")?.status == .true ? "Running" : "NotReady"
            }
        }

        if object.deletionTimestamp != nil {
            if status.reason == "NodeLost" {
                reason = "Unknown"
            } else if !object.isTerminal {
                reason = "Terminating"
            }
        }
        self.ready = ready
        self.total = total
        self.status = reason
        self.restarts = restarts
    }
}
