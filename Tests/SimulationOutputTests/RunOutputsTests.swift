import ClusterComponents
import Foundation
import KubeModel
import SimulationCore
import Testing

@testable import SimulationOutput

/// Whole runs on a real `Cluster` (with whatever scheduler and kubelet it has): the files exist,
/// parse, and are the same bytes for the same seed.
@Suite struct RunOutputsTests {
    /// Two nodes, six pods arriving a second apart, two deleted at 20 s; runs to 120 s.
    func run(into directory: URL?, seed: UInt64 = 11) throws -> (RunOutputs, RunSummary, Cluster) {
        let t = TestCluster(seed: seed)
        let cluster = t.cluster
        let outputs = try RunOutputs(directory: directory, scenarioName: "two-nodes <demo>")
        outputs.attach(to: cluster)
        t.addNode("worker-0", pool: "worker", cpu: "2", memory: "4Gi")
        t.addNode("big-0", pool: "big", cpu: "8", memory: "32Gi")
        var created: [PodID] = []
        cluster.externalHandler = { index, cluster in
            if index < 6 {
                let pod = TestCluster.pod("web-\(index)", cpu: index % 2 == 0 ? "500m" : "1", memory: "256Mi")
                if let id = cluster.createPod(pod) { created.append(id) }
            } else {
                for id in created.prefix(2) { cluster.deletePod(id, gracePeriodSeconds: 30) }
            }
        }
        for index in 0..<6 { cluster.schedule(.external(index), at: .seconds(index)) }
        cluster.schedule(.external(6), at: .seconds(20))
        cluster.run(until: .time(.seconds(120)))
        let (summary, _) = try outputs.finish(cluster: cluster, wallSeconds: 0.25)
        return (outputs, summary, cluster)
    }

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-outputs-\(UUID().uuidString)")
    }

    @Test("a run writes every file; the JSON parses; no partial files are left")
    func filesWritten() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, summary, _) = try run(into: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            names == [
                "events.jsonl", "metrics.csv", "metrics.om", "report.html", "summary.json", "timeline.jsonl",
                "trace.json",
            ])
        #expect(summary.pods.created == 6)
        #expect(summary.pods.deleted == 2)
        for line in try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
        let trace = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("trace.json")))
        #expect((trace as? [Any])?.isEmpty == false)
        let decoded = try JSONDecoder().decode(
            RunSummary.self, from: Data(contentsOf: directory.appendingPathComponent("summary.json")))
        #expect(decoded == summary)
        let timeline = try String(contentsOf: directory.appendingPathComponent("timeline.jsonl"), encoding: .utf8)
        #expect(timeline.contains(#""name":"web-0","ready":"1/1","status":"Terminating""#))
    }

    @Test("report.html is self-contained, titled with the scenario, and has charts")
    func report() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try run(into: directory)
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<title>kubesim — two-nodes &lt;demo&gt;</title>"))
        #expect(html.contains("<h1>two-nodes &lt;demo&gt;</h1>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Busiest nodes"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test("same seed ⇒ same bytes (summary apart from its engine object)")
    func deterministic() throws {
        let first = temporaryDirectory(), second = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = try run(into: first)
        _ = try run(into: second)
        for name in ["events.jsonl", "timeline.jsonl", "metrics.csv", "trace.json"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
            #expect(!a.isEmpty)
        }
        func withoutEngine(_ directory: URL) throws -> Data {
            var summary = try JSONDecoder().decode(
                RunSummary.self, from: Data(contentsOf: directory.appendingPathComponent("summary.json")))
            summary.engine = EngineFigures()
            return try summary.jsonData()
        }
        #expect(try withoutEngine(first) == withoutEngine(second))
    }

    @Test("files written through the output thread hold the bytes an in-memory run keeps")
    func threadedFilesMatchMemory() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try run(into: directory)
        let (memory, _, _) = try run(into: nil)
        let texts = [
            "events.jsonl": memory.events?.output.text, "timeline.jsonl": memory.timeline?.output.text,
            "metrics.csv": memory.metrics?.output.text, "trace.json": memory.trace?.output.text,
        ]
        for (name, text) in texts {
            let inMemory = try #require(text)
            #expect(!inMemory.isEmpty)
            #expect(
                try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) == inMemory, "\(name)")
        }
    }

    @Test("flush mid-run (Ctrl-C) puts every event recorded so far into the partial file")
    func flushMidRun() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let t = TestCluster()
        let outputs = try RunOutputs(directory: directory, scenarioName: "flush")
        outputs.attach(to: t.cluster)
        // 60 pods, at most 18 events each: under the spam filter's burst of 25 per object.
        let pods = (0..<60).map { t.create("web-\($0)") }
        // More events than one batch handed to the output thread, plus a partial batch.
        let recorded = OutputBatcher<KubeEvent>.batchSize + 5
        for index in 0..<recorded {
            t.cluster.recordEvent(.normal, "Note", "note \(index)", pod: pods[index % 60], component: "test")
        }
        let events = try #require(outputs.events)
        #expect(events.count == recorded)
        outputs.flush()
        let partial = StreamingTextFile.partialURL(for: directory.appendingPathComponent("events.jsonl"))
        let lines = try String(contentsOf: partial, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == recorded)
        #expect(lines.last?.contains("note \(recorded - 1)\"") == true)
        // timeline.jsonl: one ADDED line per pod created (a partial batch of the output thread).
        let timeline = StreamingTextFile.partialURL(for: directory.appendingPathComponent("timeline.jsonl"))
        let timelineLines = try String(contentsOf: timeline, encoding: .utf8).split(separator: "\n")
        #expect(timelineLines.count == 60)
        #expect(timelineLines.last?.contains(#""event":"ADDED","namespace":"default","name":"web-59""#) == true)
        _ = try outputs.finish(cluster: t.cluster, wallSeconds: 0)
    }

    @Test("without a directory only the summary is computed")
    func summaryOnly() throws {
        let t = TestCluster()
        let outputs = try RunOutputs(directory: nil, scenarioName: "sweep", options: .summaryOnly)
        outputs.attach(to: t.cluster)
        let node = t.addNode("n1")
        let pod = t.create("a", cpu: "1")
        t.at(2)
        t.bind(pod, node)
        let (summary, table) = try outputs.finish(cluster: t.cluster, wallSeconds: 1)
        #expect(outputs.events == nil && outputs.trace == nil && outputs.metrics == nil)
        #expect(summary.latency.scheduling.max == 2)
        #expect(table.contains("Scenario sweep"))
        #expect(table.contains("scheduling"))
    }

    @Test("the streaming file is renamed from .partial on close")
    func partialRename() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("x.jsonl")
        let file = try StreamingTextFile(url: url)
        file.append("a\n")
        file.flush()
        #expect(FileManager.default.fileExists(atPath: StreamingTextFile.partialURL(for: url).path))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try file.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\n")
        #expect(!FileManager.default.fileExists(atPath: StreamingTextFile.partialURL(for: url).path))
    }
}
