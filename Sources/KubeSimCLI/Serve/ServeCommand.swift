import ArgumentParser
import ClusterComponents
import Foundation
import KubeAPIServer

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
            Replays the scenario to --at (as `kubesim get` does), then serves the API server's
            objects over plain HTTP on 127.0.0.1 until Ctrl-C or SIGTERM. The first line on stdout
            is the server's URL. The snapshot is read-only: writes are answered 405.

            Time: kubectl and other clients compute ages from their own wall clock, so every served
            timestamp is shifted to make the instant --at line up with the wall clock when the
            server starts: a pod created 3 minutes of simulated time before --at shows AGE 3m.

            Served: /version, discovery, list/get/watch of pods, nodes, namespaces, events,
            deployments, replicasets, daemonsets, statefulsets, jobs, priorityclasses,
            poddisruptionbudgets, configmaps, secrets and node leases, with labelSelector and
            fieldSelector and kube-apiserver's Table columns (the same printers as `kubesim get`).

            Examples:
              kubesim serve scenarios/demo --at 12m --kubeconfig kc
              KUBECONFIG=kc kubectl get pods -o wide
              KUBECONFIG=kc kubectl describe pod <name>
              kubesim serve scenarios/crashloop --at 5m --port 8001
            """
    )

    @OptionGroup var replay: ReplayOptions

    @Option(help: "The port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "Write a kubeconfig for the served cluster to this file (no credentials).")
    var kubeconfig: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    func run() throws {
        let recorder = InvolvedObjectRecorder()
        let (runner, _, _) = try replay.replay { cluster in cluster.addSink(recorder) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let shownAt = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let snapshot = try ServedCluster(cluster: runner.cluster, events: recorder, shownAt: shownAt)
        let server: APIHTTPServer
        do {
            server = try APIHTTPServer(router: APIRouter(cluster: snapshot), port: port)
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
        print("Serving \(runner.input.scenario.name) at \(replay.at) on \(url) (read-only snapshot; Ctrl-C stops)")
        if let kubeconfig {
            print("kubeconfig: \(kubeconfig)   e.g. KUBECONFIG=\(kubeconfig) kubectl get pods -o wide")
        }
        fflush(nil)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { server.stop() }
            source.resume()
            sources.append(source)
        }
        try server.wait()
        server.shutdown()
        sources.forEach { $0.cancel() }
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
