import ClusterComponents
import KubeModel
import SimulationCore
import Testing

/// Per-container restart policy and rules (KEP-5307, reference §1.4), observed through the
/// container statuses and events a real `Cluster` produces (no printer involved).
@Suite struct ContainerRestartRulesTests {
    final class Starts: ClusterRecordSink {
        var times: [Double] = []
        func consume(_ record: ClusterRecord, in cluster: ClusterView) {
            if case .event(let event) = record, event.reason == "Started" { times.append(event.time.seconds) }
        }
    }

    func run(exitCode: Int32) -> (Cluster, PodID, Starts) {
        var configuration = ClusterConfiguration()
        configuration.timing = .ideal  // exact restart seconds
        let cluster = Cluster(configuration: configuration)
        let starts = Starts()
        cluster.addSink(starts)
        cluster.behaviorProvider = { _, _ in
            ContainerBehavior(runs: [.init(duration: .constant(2), exitCode: exitCode)])
        }
        cluster.addNode(Node(metadata: ObjectMeta(name: "n1")), pool: "n", preloadedImages: ["app:1"])
        var container = Container(name: "app", image: "app:1")
        container.restartPolicy = .never
        container.restartPolicyRules = [
            ContainerRestartRule(
                action: "Restart", exitCodes: ContainerRestartRuleOnExitCodes(operator: "In", values: [42]))
        ]
        var spec = PodSpec(containers: [container], restartPolicy: .never)
        spec.nodeName = "n1"
        let pod = cluster.createPod(Pod(metadata: ObjectMeta(name: "rules"), spec: spec))!
        cluster.run(until: .time(.seconds(100)))
        return (cluster, pod, starts)
    }

    @Test("an exit code listed by a Restart rule restarts with the crash-loop back-off")
    func matchingRuleRestarts() {
        let (cluster, pod, starts) = run(exitCode: 42)
        #expect(starts.times == [0, 2, 14, 36, 78])
        #expect(cluster.api[pod].status.phase == .running)
    }

    @Test("other exit codes fall back to the container's restartPolicy Never")
    func otherCodesFail() {
        let (cluster, pod, starts) = run(exitCode: 1)
        #expect(starts.times == [0])
        #expect(cluster.api[pod].status.phase == .failed)
        #expect(cluster.api[pod].status.containerStatuses.first?.state.termination?.reason == "Error")
    }
}
