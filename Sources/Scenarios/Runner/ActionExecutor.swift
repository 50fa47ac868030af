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
            let pod = PodID(index - Self.lifetimeBase)
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
            // Templates are loaded on their own, so priority admission runs in the API server,
            // against every PriorityClass the inputs and earlier actions applied.
            var manifest = arrival.pod
            manifest.spec.priority = nil
            do {
                let pod = try cluster.createPod(admitting: manifest)
                if let lifetime = arrival.lifetime {
                    cluster.schedule(.external(Self.lifetimeBase + pod.value), after: lifetime)
                }
            } catch {
                runner.report(.warning, "workload \(generator.workload.name): \(error.message); pod not created")
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

    /// Applies one object through the API server; a refusal is reported with the object's
    /// location and counted, and the run goes on.
    func apply(_ object: KubeObject, location: SourceLocation?) {
        do {
            try cluster.apply(object)
        } catch {
            let name = object.metadata?.name ?? ""
            runner.report(.error, "\(object.kind) \"\(name)\" not created: \(error.message)", location: location)
        }
    }

    /// Reports a refused write of a timed action.
    func refused(_ verb: String, _ error: APIError, _ action: ScenarioAction) {
        runner.report(.error, "spec.actions[\(action.index)].\(verb): \(error.message)")
    }

    // MARK: - Timed actions

    func perform(_ action: ScenarioAction) {
        switch action.operation {
        case .apply(let source):
            switch source {
            case .inline(let objects): for object in objects { apply(object, location: nil) }
            case .file(let path):
                // Decoded and validated as at load time; admission runs in the API server.
                var options = ManifestLoader.Options.scheduling
                options.applyAdmissionDefaults = false
                // Relative to the scenario file's folder, as validate resolves it.
                let resolved = ScenarioReader.resolve(path, against: scenario.baseDirectory)
                let loaded = ManifestLoader(options: options).load(paths: [resolved])
                for diagnostic in loaded.diagnostics { runner.runtimeDiagnostics.append(diagnostic) }
                for item in loaded.objects { apply(item.object, location: item.location) }
            }
        case .delete(let reference):
            do {
                try cluster.delete(kind: reference.kind, namespace: reference.namespace, name: reference.name)
            } catch { refused("delete", error, action) }
        case .scale(let reference, let replicas):
            do {
                try cluster.scale(
                    kind: reference.kind, namespace: reference.namespace, name: reference.name, replicas: replicas)
            } catch { refused("scale", error, action) }
        case .patch(let patch):
            do {
                if patch.image != nil || patch.template != nil {
                    try cluster.patchTemplate(
                        kind: patch.target.kind, namespace: patch.target.namespace, name: patch.target.name
                    ) { (template: inout PodTemplateSpec) throws(APIError) in try Self.apply(patch, to: &template) }
                }
                if let replicas = patch.replicas {
                    try cluster.scale(
                        kind: patch.target.kind, namespace: patch.target.namespace, name: patch.target.name,
                        replicas: replicas)
                }
            } catch { refused("patch", error, action) }
        case .cordon(let node): withNode(node) { cluster.cordon($0) }
        case .uncordon(let node): withNode(node) { cluster.uncordon($0) }
        case .drain(let node): withNode(node) { cluster.drain($0) }
        case .node(.fail(let node, let failed)):
            withNode(node) { failed ? cluster.failNode($0) : cluster.recoverNode($0) }
        case .node(.remove(let node)): withNode(node) { cluster.removeNode($0) }
        case .node(.add(let poolName, let name)):
            guard let pool = runner.input.nodePools.first(where: { $0.name == poolName }) else {
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

    /// A patch's template change: `template` merged as a strategic merge patch, then `image`
    /// set on the named container (which must exist) or, without a name, on every container.
    static func apply(_ patch: PatchAction, to template: inout PodTemplateSpec) throws(APIError) {
        if let fragment = patch.template {
            do {
                template = try StrategicMergePatch.apply(fragment, to: template)
            } catch {
                throw APIError(.invalid, error.message)
            }
        }
        guard let image = patch.image else { return }
        guard let name = patch.container else {
            for index in template.spec.containers.indices { template.spec.containers[index].image = image }
            return
        }
        guard let index = template.spec.containers.firstIndex(where: { $0.name == name }) else {
            let names = template.spec.containers.map(\.name).joined(separator: ", ")
            throw APIError(.invalid, "container: no container named \"\(name)\" in the template (containers: \(names))")
        }
        template.spec.containers[index].image = image
    }

    func withNode(_ name: String, _ body: (NodeID) -> Void) {
        guard let node = cluster.api.nodeID(named: name), !cluster.api[node].isRemoved else {
            return runner.report(.warning, "no node \"\(name)\"")
        }
        body(node)
    }

    // MARK: - Lifetimes of generated pods

    /// A lifetime's end is the event `.external(lifetimeBase + pod)`: the pod id travels in the
    /// event, so a generator keeps no per-arrival state (memory stays constant in the arrivals;
    /// only the API server's store grows, which ``WorkloadSizeEstimate`` bounds).
    static let lifetimeBase = 1 << 40
}
