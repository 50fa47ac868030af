import ArgumentParser
import ClusterComponents
import Foundation
import KubeAPIServer
import KubeModel
import Scenarios
import SimulationCore
import SimulationOutput

#if canImport(Glibc)
import Glibc
#endif

/// `kubesim serve SCENARIO --at T`: the cluster at that instant, served read-only over the
/// Kubernetes API so that kubectl, k9s and client libraries can look at it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the simulated cluster at an instant over the Kubernetes API, read-only, for kubectl.",
        discussion: """
            Replays the scenario to --at (as `kubesim get` does), then serves the API
            server's objects over plain HTTP on 127.0.0.1 until Ctrl-C or SIGTERM. The
            first line on stdout is the server's URL. Writes are answered 405: the
            served cluster is a snapshot.

            Time: kubectl and other clients compute ages from their own wall clock, so
            every served timestamp is shifted to make the instant --at line up with
            the wall clock when the server starts: a pod created 3 minutes of
            simulated time before --at shows AGE 3m. With --play the timestamps keep
            that shift while the run goes on, and kubectl delete, scale, cordon,
            uncordon and drain (evictions honour PodDisruptionBudgets) are applied
            through the API server's verbs.

            Served: /metrics (kube-state-metrics, kube-scheduler and kubelet series at
            the instant, in the Prometheus text format), /version, discovery, list/get/watch of pods, nodes, namespaces,
            events, deployments, replicasets, daemonsets, statefulsets, jobs,
            priorityclasses, poddisruptionbudgets, configmaps, secrets and node
            leases, with labelSelector and fieldSelector, and kube-apiserver's Table
            columns (the same printers as `kubesim get`).

            Examples:
              kubesim serve scenarios/demo --at 12m --kubeconfig kc
              KUBECONFIG=kc kubectl get pods -o wide
              KUBECONFIG=kc kubectl describe pod crashy
              kubesim serve scenarios/crashloop --at 1m --play --speed 30 --port 8001
            """
    )

    @OptionGroup var replay: ReplayOptions

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Write a kubeconfig for the served cluster to this file (no credentials).")
    var kubeconfig: String?

    @Flag(help: "Run the simulation on from --at in virtual time while serving; watches stream the changes.")
    var play = false

    @Option(help: "With --play: virtual seconds per wall-clock second.")
    var speed: Double = 1

    @Option(help: "With --play: stop the simulation at this instant (a Go duration), and keep serving it.")
    var until: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard speed.isFinite, speed > 0, speed <= 1_000_000 else {
            throw ValidationError("--speed must be a positive number of virtual seconds per second, got \(speed)")
        }
        if (until != nil || speed != 1) && !play { throw ValidationError("--until and --speed need --play") }
    }

    func run() throws {
        let recorder = InvolvedObjectRecorder()
        // /metrics: the registry keeps the scheduler's and kubelets' counters and histograms;
        // RunStatistics computes the pod startups it observes, as for metrics.om.
        let metrics = MetricsRegistry()
        let statistics = RunStatistics()
        statistics.metricsRegistry = metrics
        let (runner, _, _) = try replay.replay { cluster in
            cluster.addSink(recorder)
            cluster.addSink(statistics)
            cluster.addSink(metrics)
        }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let shownAt = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let clock = ServedClock(instant: runner.cluster.now, shownAt: shownAt)
        let store = SnapshotStore(
            try ServedCluster(
                cluster: runner.cluster, events: recorder, clock: clock, resourceVersion: play ? "1" : nil,
                metrics: metrics),
            acceptsWrites: play)
        let server: APIHTTPServer
        do {
            server = try APIHTTPServer(store: store, port: port)
        } catch {
            StandardError.write("kubesim: cannot listen on 127.0.0.1:\(port): \(error)\n")
            throw ExitCode.failure
        }
        let url = "http://127.0.0.1:\(server.port)"
        if let kubeconfig {
            do {
                try Self.kubeconfig(server: url).write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            } catch {
                server.stop()
                server.shutdown()
                StandardError.write(
                    "kubesim: cannot write the kubeconfig \(kubeconfig): \(error.localizedDescription)\n")
                throw ExitCode.failure
            }
        }
        let mode = play ? "playing at \(speed)x from \(replay.at)" : "at \(replay.at), a read-only snapshot"
        print("Serving \(runner.input.scenario.name) on \(url) (\(mode); Ctrl-C stops)")
        if let kubeconfig {
            print("kubeconfig: \(kubeconfig)   e.g. KUBECONFIG=\(kubeconfig) kubectl get pods -o wide")
        }
        fflush(nil)
        let stopped = ManagedAtomicFlag()
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                stopped.set()
                server.stop()
            }
            source.resume()
            sources.append(source)
        }
        if play {
            try playOn(
                runner: runner, recorder: recorder, metrics: metrics, clock: clock, store: store, stopped: stopped)
        }
        try server.wait()
        server.shutdown()
        sources.forEach { $0.cancel() }
    }

    /// Runs the simulation on at `speed` times the wall clock, publishing a new snapshot each
    /// wall-clock second, until the process is stopped (or `--until`, after which the last
    /// snapshot stays served). Timestamps keep the first clock, so at speed 1 they stay aligned
    /// with the wall clock.
    func playOn(
        runner: ScenarioRunner, recorder: InvolvedObjectRecorder, metrics: MetricsRegistry, clock: ServedClock,
        store: SnapshotStore, stopped: ManagedAtomicFlag
    ) throws {
        let start = runner.cluster.now
        var end: SimulationTime?
        if let until {
            do {
                end = SimulationTime(nanoseconds: try GoDuration(parsing: until).nanoseconds)
            } catch {
                throw ValidationError("--until: \(error)")
            }
        }
        let began = Date()
        var version = 1
        var lastTick = began
        func publish() throws {
            version += 1
            store.publish(
                try ServedCluster(
                    cluster: runner.cluster, events: recorder, clock: clock, resourceVersion: String(version),
                    metrics: metrics))
        }
        while !stopped.value {
            usleep(100_000)
            // Writes (delete, scale, cordon) go through the API server's verbs at the current instant.
            let writes = store.takeWrites()
            if !writes.isEmpty {
                let before = APIRouter(cluster: store.current)
                let outcomes = writes.map {
                    ClusterWrites.perform($0.request, body: $0.body, on: runner.cluster, router: before)
                }
                if outcomes.contains(where: { if case .applied = $0 { true } else { false } }) { try publish() }
                let after = APIRouter(cluster: store.current)
                for (write, outcome) in zip(writes, outcomes) {
                    switch outcome {
                    case .refused(let response): write.promise.succeed(response)
                    case .applied(let respond): write.promise.succeed(respond(after))
                    }
                }
            }
            guard Date().timeIntervalSince(lastTick) >= 1 else { continue }
            lastTick = Date()
            var target = start + .seconds(Date().timeIntervalSince(began) * speed)
            if let end { target = min(target, end) }
            guard target > runner.cluster.now else { continue }
            runner.run(to: target)
            try publish()
        }
    }

    /// A kubeconfig for a plain-HTTP server without credentials.
    static func kubeconfig(server: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubesim
          cluster:
            server: \(server)
        users:
        - name: kubesim
          user: {}
        contexts:
        - name: kubesim
          context:
            cluster: kubesim
            user: kubesim
            namespace: default
        current-context: kubesim

        """
    }
}
