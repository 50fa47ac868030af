import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Stochastics

/// Carries out what the inputs ask for: objects applied at time zero, the Scenario's timed
/// actions, and workload arrivals. Actions and arrivals are engine events
/// (``ClusterEvent/external(_:)``) whose index says which: `0..<actions.count` are actions,
/// the rest are workload generators' next arrivals.
final class ActionExecutor {
    unowned let runner: ScenarioRunner
    var cluster: Cluster { runner.cluster }
    var scenario: Scenario { runner.input.scenario }
    var generators: [WorkloadGenerator] = []

    init(runner: ScenarioRunner) { self.runner = runner }

    func scheduleAll() {
        for (index, action) in scenario.actions.enumerated() {
            cluster.schedule(.external(index), at: .zero + action.at)
        }
        let actionCount = scenario.actions.count
        for (index, workload) in scenario.workloads.enumerated() {
            let generator = WorkloadGenerator(workload: workload, scenario: scenario, streams: cluster.streams)
            generators.append(generator)
            if let first = generator.nextArrivalTime() {
                cluster.schedule(.external(actionCount + index), at: first)
            }
        }
        cluster.externalHandler = { [unowned self] index, _ in self.fire(index) }
    }

    func fire(_ index: Int) {
        if index >= Self.lifetimeBase {
            let (pod, _) = lifetimes[index - Self.lifetimeBase]
            if !cluster.api[pod].isRemoved { cluster.deletePod(pod) }
            return
        }
        if index < scenario.actions.count {
            perform(scenario.actions[index])
            return
        }
        let generatorIndex = index - scenario.actions.count
        let generator = generators[generatorIndex]
        if let arrival = generator.nextArrival() {
            // Templates are loaded on their own, so priority admission runs here, against every
            // PriorityClass the inputs and earlier actions applied.
            var manifest = arrival.pod
            manifest.spec.priority = nil
            do {
                try manifest.applyAdmissionDefaults(priorityClasses: cluster.controllers.priorityClasses)
            } catch {
                runner.report(
                    .warning, "workload \(generator.workload.name): \(error.path): \(error.message); pod not created")
                scheduleNext(index: index, generator: generator)
                return
            }
            if let pod = cluster.createPod(manifest), let lifetime = arrival.lifetime {
                lifetimes.append((pod, lifetime))
                cluster.schedule(.external(Self.lifetimeBase + lifetimes.count - 1), after: lifetime)
            }
        }
        scheduleNext(index: index, generator: generator)
    }

    func scheduleNext(index: Int, generator: WorkloadGenerator) {
        if let next = generator.nextArrivalTime() {
            cluster.schedule(.external(index), at: next)
        }
    }

    // MARK: - Applying objects

    func apply(_ object: KubeObject, location: SourceLocation?) {
        switch object {
        case .pod(let pod):
            if cluster.createPod(pod) == nil {
                runner.report(
                    .warning, "Pod \"\(pod.metadata.name ?? "")\" already exists; not created again", location: location
                )
            }
        case .deployment(let deployment): cluster.controllers.apply(deployment: deployment)
        case .replicaSet(let replicaSet): cluster.controllers.apply(replicaSet: replicaSet)
        case .job(let job): cluster.controllers.apply(job: job)
        case .priorityClass(let priorityClass):
            cluster.controllers.priorityClasses.append(priorityClass)
        case .node, .namespace, .configMap, .secret, .podDisruptionBudget, .schedulerConfiguration,
            .unrecognized:
            break  // nodes are added up front; the rest only inform defaulting and validation
        }
    }

    // MARK: - Timed actions

    func perform(_ action: ScenarioAction) {
        switch action.operation {
        case .apply(let source):
            switch source {
            case .inline(let objects): for object in objects { apply(object, location: nil) }
            case .file(let path):
                let loaded = ManifestLoader().load(paths: [path])
                for diagnostic in loaded.diagnostics { runner.runtimeDiagnostics.append(diagnostic) }
                for item in loaded.objects { apply(item.object, location: item.location) }
            }
        case .delete(let reference):
            if reference.kind == "Pod" {
                guard let pod = cluster.api.podID(namespace: reference.namespace ?? "default", name: reference.name)
                else {
                    return runner.report(.warning, "delete: \(reference) not found")
                }
                cluster.deletePod(pod)
            } else if !cluster.controllers.delete(
                kind: reference.kind, namespace: reference.namespace ?? "default", name: reference.name)
            {
                runner.report(.warning, "delete: \(reference) not found")
            }
        case .scale(let reference, let replicas):
            if !cluster.controllers.scale(
                kind: reference.kind, namespace: reference.namespace ?? "default", name: reference.name,
                replicas: replicas)
            {
                runner.report(.warning, "scale: \(reference) not found")
            }
        case .patch(let patch):
            let found = cluster.controllers.patchTemplate(
                kind: patch.target.kind, namespace: patch.target.namespace ?? "default", name: patch.target.name
            ) { template in
                if let image = patch.image {
                    let index =
                        patch.container.flatMap { name in template.spec.containers.firstIndex { $0.name == name } } ?? 0
                    if template.spec.containers.indices.contains(index) {
                        template.spec.containers[index].image = image
                    }
                }
            }
            if !found { runner.report(.warning, "patch: \(patch.target) not found") }
            if let replicas = patch.replicas {
                _ = cluster.controllers.scale(
                    kind: patch.target.kind, namespace: patch.target.namespace ?? "default", name: patch.target.name,
                    replicas: replicas)
            }
        case .cordon(let node): withNode(node) { cluster.cordon($0) }
        case .uncordon(let node): withNode(node) { cluster.uncordon($0) }
        case .drain(let node): withNode(node) { cluster.drain($0) }
        case .node(.fail(let node, let failed)):
            withNode(node) { failed ? cluster.failNode($0) : cluster.recoverNode($0) }
        case .node(.remove(let node)): withNode(node) { cluster.removeNode($0) }
        case .node(.add(let poolName, let name)):
            guard let pool = scenario.effectiveNodePools.first(where: { $0.name == poolName }) else {
                return runner.report(.warning, "node add: no pool \"\(poolName)\"")
            }
            let existing = cluster.api.nodes.filter { $0.pool == poolName }.count
            let nodeName = name ?? "\(poolName)-\(existing)"
            cluster.addNode(
                ScenarioRunner.node(named: nodeName, pool: pool), pool: pool.name,
                kubeletConfiguration: ScenarioRunner.kubeletConfiguration(pool.kubelet), preloadedImages: pool.images)
        case .kubeletRestart(let node): withNode(node) { cluster.kubelets[$0.value].restart() }
        case .registryOutage(let duration, let images):
            cluster.registry.beginOutage(until: cluster.now + duration, pattern: images ?? "*")
        }
    }

    func withNode(_ name: String, _ body: (NodeID) -> Void) {
        guard let node = cluster.api.nodeID(named: name) else {
            return runner.report(.warning, "no node \"\(name)\"")
        }
        body(node)
    }

    // MARK: - Lifetimes of generated pods

    static let lifetimeBase = 1 << 40
    var lifetimes: [(PodID, SimulationDuration)] = []
}
