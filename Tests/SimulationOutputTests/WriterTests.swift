import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Testing

@testable import SimulationOutput

@Suite struct WriterTests {
    @Test("events.jsonl: one object per line, keys in contract order, RFC 3339 micro time")
    func eventLine() throws {
        let event = KubeEvent(
            time: SimulationTime(nanoseconds: 12_500_000_000), type: .warning, reason: "BackOff",
            message: "Back-off restarting failed container app in pod \"web\"", kind: "Pod", namespace: "default",
            name: "web", fieldPath: "spec.containers{app}", component: "kubelet", host: "worker-0")
        var bytes: [UInt8] = []
        EventsWriter.appendLine(event, startUnixSeconds: 1_767_225_600, to: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        // 1767225600 = 2026-01-01T00:00:00Z; +12.5 s.
        #expect(
            line
                == #"{"t":12.5,"time":"2026-01-01T00:00:12.500000Z","type":"Warning","reason":"BackOff","message":"Back-off restarting failed container app in pod \"web\"","involvedObject":{"kind":"Pod","namespace":"default","name":"web","fieldPath":"spec.containers{app}"},"source":{"component":"kubelet","host":"worker-0"}}"#
                + "\n")
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["t"] as? Double == 12.5)
    }

    @Test("events.jsonl from a cluster: scheduler event without fieldPath or host")
    func eventsFromCluster() throws {
        let t = TestCluster()
        let writer = EventsWriter(output: try StreamingTextFile(url: nil))
        t.cluster.addSink(writer)
        let pod = t.create("web")
        t.at(0.000000001)
        t.cluster.recordEvent(
            .normal, "Scheduled", "Successfully assigned default/web to n1", pod: pod,
            component: "default-scheduler")
        #expect(
            writer.output.text
                == #"{"t":0.000000001,"time":"2026-01-01T00:00:00.000000Z","type":"Normal","reason":"Scheduled","message":"Successfully assigned default/web to n1","involvedObject":{"kind":"Pod","namespace":"default","name":"web"},"source":{"component":"default-scheduler"}}"#
                + "\n")
    }

    @Test(
        "RFC 3339 dates",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (1_767_225_599, "2025-12-31T23:59:59Z"), (4_107_542_400, "2100-03-01T00:00:00Z"),
        ])
    func rfc3339(seconds: Int64, text: String) {
        #expect(UTCDateTime.rfc3339(unixSeconds: seconds, fractionDigits: 0) == text)
    }

    @Test("timeline: Pending → ContainerCreating → Running → Terminating, one line per visible change")
    func timeline() throws {
        let t = TestCluster()
        let writer = TimelineWriter(output: try StreamingTextFile(url: nil))
        t.cluster.addSink(writer)
        let node = t.addNode("n1")
        let pod = t.create("web", containers: 2)
        t.at(1)
        t.bind(pod, node)
        t.creating(pod)
        t.at(2)
        t.running(pod)
        t.running(pod)  // no visible change: no line
        t.at(3)
        t.cluster.deletePod(pod, gracePeriodSeconds: 30)
        let lines = writer.output.text.split(separator: "\n").map(String.init)
        let expected = [
            #"{"t":0,"kind":"Node","event":"ADDED","name":"n1","pool":"worker","status":"Ready","taints":0}"#,
            #"{"t":0,"kind":"Pod","event":"ADDED","namespace":"default","name":"web","ready":"0/2","status":"Pending","restarts":0,"node":"","phase":"Pending"}"#,
            #"{"t":1,"kind":"Pod","event":"MODIFIED","namespace":"default","name":"web","ready":"0/2","status":"Pending","restarts":0,"node":"n1","phase":"Pending"}"#,
            #"{"t":1,"kind":"Pod","event":"MODIFIED","namespace":"default","name":"web","ready":"0/2","status":"ContainerCreating","restarts":0,"node":"n1","phase":"Pending"}"#,
            #"{"t":2,"kind":"Pod","event":"MODIFIED","namespace":"default","name":"web","ready":"2/2","status":"Running","restarts":0,"node":"n1","phase":"Running"}"#,
            #"{"t":3,"kind":"Pod","event":"MODIFIED","namespace":"default","name":"web","ready":"2/2","status":"Terminating","restarts":0,"node":"n1","phase":"Running"}"#,
        ]
        // What follows the deletion request is the kubelet's doing; the test drives no kubelet.
        #expect(Array(lines.prefix(expected.count)) == expected)
    }

    @Test(
        "timeline STATUS column follows printPod",
        arguments: [
            // (init states, container states, expected STATUS, READY)
            ("waiting:PodInitializing", "waiting:PodInitializing", "Init:0/1", "0/1"),
            ("waiting:CrashLoopBackOff", "waiting:PodInitializing", "Init:CrashLoopBackOff", "0/1"),
            ("terminated:1:Error", "waiting:PodInitializing", "Init:Error", "0/1"),
            ("terminated:0:Completed", "waiting:CrashLoopBackOff", "CrashLoopBackOff", "0/1"),
            ("terminated:0:Completed", "terminated:137:OOMKilled", "OOMKilled", "0/1"),
            ("terminated:0:Completed", "running", "Running", "1/1"),
        ])
    func statusColumn(initState: String, containerState: String, status: String, ready: String) {
        func state(_ text: String) -> ContainerStateRecord {
            let parts = text.split(separator: ":").map(String.init)
            switch parts[0] {
            case "waiting": return .waiting(reason: parts[1], message: nil)
            case "running": return .running(startedAt: .zero)
            default:
                return .terminated(
                    ContainerTermination(
                        exitCode: Int32(parts[1])!, reason: parts[2], startedAt: .zero,
                        finishedAt: .zero))
            }
        }
        var pod = TestCluster.pod("p")
        pod.spec.initContainers = [Container(name: "init", image: "busybox:1")]
        var object = PodObject(id: PodID(0), pod: pod, createdAt: .zero)
        object.status.phase = containerState == "running" ? .running : .pending
        let initialized = initState.hasPrefix("terminated:0")
        object.status.setCondition("Initialized", initialized ? .true : .false, at: .zero)
        object.status.initContainerStatuses = [
            ContainerStatusRecord(name: "init", image: "busybox:1", state: state(initState))
        ]
        let running = containerState == "running"
        object.status.containerStatuses = [
            ContainerStatusRecord(
                name: "app", image: "nginx:1.27", state: state(containerState), ready: running, started: running)
        ]
        let columns = PodPrinter.summary(of: object)
        #expect(columns.reason == status)
        #expect("\(columns.ready)/\(columns.total)" == ready)
    }

    @Test(
        "number formatting is exact and has no trailing zeros",
        arguments: [
            (Int64(0), "0"), (1_500_000_000, "1.5"), (1, "0.000000001"), (-2_000_000_000, "-2"),
            (60_123_000_000, "60.123"),
        ])
    func seconds(nanoseconds: Int64, text: String) {
        #expect(JSONText.seconds(nanoseconds: nanoseconds) == text)
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func escaping() {
        #expect(JSONText.string("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(JSONText.string("plain ✓") == "\"plain ✓\"")
    }

    @Test("metrics.csv: counts and requests per pool at each sample")
    func metrics() throws {
        let t = TestCluster()
        let ledger = ClusterLedger()
        t.cluster.addSink(ledger)
        let sampler = MetricsSampler(interval: .seconds(10), ledger: ledger, output: try StreamingTextFile(url: nil))
        t.cluster.addSink(sampler)
        let n1 = t.addNode("n1", pool: "small", cpu: "2", memory: "4Gi")
        t.addNode("n2", pool: "big", cpu: "8", memory: "32Gi")
        let a = t.create("a", cpu: "500m", memory: "1Gi")
        t.create("b", cpu: "1")
        sampler.sample(ClusterView(t.cluster))
        t.at(10)
        t.bind(a, n1)
        t.running(a)
        sampler.sample(ClusterView(t.cluster))
        let lines = sampler.output.text.split(separator: "\n").map(String.init)
        #expect(
            lines[0]
                == "t,pending,running,succeeded,failed,requested_cpu,allocatable_cpu,requested_memory,allocatable_memory,"
                + "requested_pods,allocatable_pods,big/requested_cpu,big/allocatable_cpu,big/requested_memory,"
                + "big/allocatable_memory,big/requested_pods,big/allocatable_pods,small/requested_cpu,small/allocatable_cpu,"
                + "small/requested_memory,small/allocatable_memory,small/requested_pods,small/allocatable_pods")
        #expect(lines[1] == "0,2,0,0,0,0,10,0,38654705664,0,220,0,8,0,34359738368,0,110,0,2,0,4294967296,0,110")
        #expect(
            lines[2]
                == "10,1,1,0,0,0.5,10,1073741824,38654705664,1,220,0,8,0,34359738368,0,110,0.5,2,1073741824,4294967296,1,110"
        )
    }

    @Test("trace.json: slices per state on the node's process, valid JSON")
    func trace() throws {
        let t = TestCluster()
        let writer = ChromeTraceWriter(output: try StreamingTextFile(url: nil))
        t.cluster.addSink(writer)
        let node = t.addNode("n1")
        let pod = t.create("web")
        t.at(1)
        t.bind(pod, node)
        t.creating(pod)
        t.at(1.5)
        t.event(pod, "Pulling", "Pulling image \"nginx:1.27\"")
        t.at(3)
        t.event(
            pod, "Pulled",
            "Successfully pulled image \"nginx:1.27\" in 1.5s (1.5s including waiting). Image size: 1 bytes.")
        t.running(pod)
        t.at(10)
        t.cluster.updatePodStatus(pod) {
            $0.containerStatuses[0].state = .waiting(reason: "CrashLoopBackOff", message: nil)
        }
        t.at(12)
        writer.finish(at: t.cluster.now)
        let slices = writer.slices.map { "\($0.state.name)@\($0.node):\($0.start / 1_000_000)-\($0.end / 1_000_000)" }
        #expect(
            slices == [
                "Pending@-1:0-1000", "Pending@0:1000-1500", "Pulling@0:1500-3000", "Running@0:3000-10000",
                "BackOff@0:10000-12000",
            ])
        let json = try JSONSerialization.jsonObject(with: Data(writer.output.text.utf8)) as? [[String: Any]]
        let complete = json?.filter { $0["ph"] as? String == "X" } ?? []
        #expect(complete.count == 5)
        #expect(complete[2]["ts"] as? Int == 1_500_000)
        #expect(complete[2]["dur"] as? Int == 1_500_000)
        #expect(complete[2]["pid"] as? Int == 1)
    }
}
