import ClusterComponents
import Foundation
import SimulationCore

/// Which outputs a run writes, and how often it samples.
public struct OutputOptions: Sendable, Hashable {
    /// Sampling interval of `metrics.csv` (default 10 s of simulated time).
    public var sampleInterval: SimulationDuration = .seconds(10)
    /// Write `events.jsonl`.
    public var events = true
    /// Write `timeline.jsonl`.
    public var timeline = true
    /// Write `metrics.csv` (and draw the time series in the report).
    public var metrics = true
    /// Write `metrics.om` (OpenMetrics, at the samples of `metrics.csv`; needs ``metrics``).
    public var openMetrics = true
    /// Write `trace.json` (and draw the Gantt chart in the report).
    public var trace = true
    /// Write `report.html`.
    public var report = true

    /// The defaults: everything on, 10 s sampling.
    public init() {}

    /// Summary only (sweeps): no files, no sampling, no trace.
    public static var summaryOnly: OutputOptions {
        var options = OutputOptions()
        options.events = false
        options.timeline = false
        options.metrics = false
        options.openMetrics = false
        options.trace = false
        options.report = false
        return options
    }
}

/// Everything a run writes, wired to a cluster's record stream.
///
/// ```swift
/// let outputs = try RunOutputs(directory: outDir, scenarioName: "crashloop")
/// outputs.attach(to: cluster)
/// cluster.run(until: .time(end))
/// let (summary, table) = try outputs.finish(cluster: cluster, wallSeconds: elapsed)
/// ```
/// With a directory, writes `events.jsonl`, `timeline.jsonl`, `metrics.csv`, `trace.json`, `metrics.om`
/// (streamed through `<name>.partial` files flushed every MiB, renamed at the end),
/// `summary.json` and `report.html` (written atomically). Without one, only the summary is
/// computed (sweeps), and the streams that are enabled are kept in memory.
public final class RunOutputs {
    /// The output directory, if any.
    public let directory: URL?
    /// The scenario's name.
    public let scenarioName: String
    /// What is written.
    public let options: OutputOptions
    /// Shared incremental state.
    public let ledger = ClusterLedger()
    /// The statistics.
    public let statistics: RunStatistics
    /// `events.jsonl`.
    public private(set) var events: EventsWriter?
    /// `timeline.jsonl`.
    public private(set) var timeline: TimelineWriter?
    /// `metrics.csv`.
    public private(set) var metrics: MetricsSampler?
    /// `trace.json`.
    public private(set) var trace: ChromeTraceWriter?
    /// `metrics.om`.
    public private(set) var openMetrics: OpenMetricsWriter?
    /// The Prometheus series of the run (with `metrics.om`).
    public private(set) var metricsRegistry: MetricsRegistry?
    /// Formats `events.jsonl` and writes every streamed file beside the simulation (with a
    /// directory); stopped by ``finish(cluster:wallSeconds:interrupted:)``.
    private var thread: OutputThread?

    /// A run abandoned before ``finish(cluster:wallSeconds:interrupted:)`` (an error while writing, a caller that stops early)
    /// still ends its output thread, which would otherwise wait for work forever.
    deinit { thread?.stop() }

    private var finished = false

    /// Creates the outputs (and the directory); files open at once.
    public init(directory: URL?, scenarioName: String, options: OutputOptions = OutputOptions()) throws {
        self.directory = directory
        self.scenarioName = scenarioName
        self.options = options
        statistics = RunStatistics(ledger: ledger)
        if let directory {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        func file(_ name: String) throws -> StreamingTextFile {
            try StreamingTextFile(url: directory?.appendingPathComponent(name))
        }
        if options.events { events = EventsWriter(output: try file("events.jsonl")) }
        if options.timeline { timeline = TimelineWriter(output: try file("timeline.jsonl")) }
        if options.metrics {
            metrics = MetricsSampler(interval: options.sampleInterval, ledger: ledger, output: try file("metrics.csv"))
            if options.openMetrics {
                let registry = MetricsRegistry()
                metricsRegistry = registry
                statistics.metricsRegistry = registry
                openMetrics = OpenMetricsWriter(
                    output: try file("metrics.om"), registry: registry,
                    startUnixMilliseconds: 0)
                metrics?.openMetrics = openMetrics
            }
        }
        if options.trace { trace = ChromeTraceWriter(output: try file("trace.json")) }
        if directory != nil {
            let thread = OutputThread()
            self.thread = thread
            // events.jsonl, timeline.jsonl and trace.json are formatted and written on the
            // thread; metrics.csv and metrics.om are formatted here and their full buffers
            // written there.
            events?.format(on: thread)
            timeline?.format(on: thread)
            trace?.format(on: thread)
            metrics?.output.writer = thread
            openMetrics?.output.writer = thread
        }
    }

    /// Subscribes every output to the cluster's records (the ledger first) and starts sampling.
    public func attach(to cluster: Cluster) {
        cluster.addSink(ledger)
        cluster.addSink(statistics)
        if let events { cluster.addSink(events) }
        if let timeline { cluster.addSink(timeline) }
        if let trace { cluster.addSink(trace) }
        if let metricsRegistry { cluster.addSink(metricsRegistry) }
        // Timestamps count from the cluster's startTime (spec.startTime or `run --start-time`).
        openMetrics?.startUnixMilliseconds = cluster.configuration.startTimeUnixSeconds * 1000
        if let metrics { metrics.attach(to: cluster) }
    }

    /// Writes buffered lines to disk (e.g. on SIGINT); the files keep their `.partial` names.
    public func flush() {
        events?.flush()
        timeline?.flush()
        metrics?.output.flush()
        trace?.flush()
        thread?.drain()
    }

    /// What the CLI's progress line shows.
    public struct Progress: Sendable {
        /// Engine events handled.
        public var eventsProcessed: UInt64
        /// Simulated time.
        public var now: SimulationTime
        /// Live pods pending / running.
        public var pending: Int
        public var running: Int
    }

    /// The current progress figures. - Complexity: O(1).
    public func progress(of cluster: Cluster) -> Progress {
        Progress(
            eventsProcessed: cluster.eventsProcessed, now: cluster.now, pending: ledger.count(.pending),
            running: ledger.count(.running))
    }

    /// Ends the run: closes open trace slices, takes a last sample, computes the summary and
    /// writes `summary.json` and `report.html`.
    /// - Returns: the summary and its text table.
    @discardableResult
    /// - Parameter interrupted: the run was stopped before its end (Ctrl-C); the summary says so.
    public func finish(
        cluster: Cluster, wallSeconds: Double, interrupted: Bool = false
    ) throws -> (summary: RunSummary, table: String) {
        precondition(!finished, "finish called twice")
        finished = true
        metrics?.sample(ClusterView(cluster))
        trace?.finish(at: cluster.now)
        let engine = EngineFigures(eventsProcessed: cluster.eventsProcessed, wallSeconds: wallSeconds)
        var summary = statistics.summary(cluster: cluster, scenarioName: scenarioName, engine: engine)
        if interrupted { summary.interrupted = true }
        events?.complete()
        timeline?.complete()
        trace?.complete()
        // Every file is finished even when one fails (a full disk, say): the others keep what
        // the run computed, and the first error is thrown at the end.
        var firstError: (any Error)?
        func attempt(_ write: () throws -> Void) {
            do { try write() } catch { firstError = firstError ?? error }
        }
        for output in [events?.output, timeline?.output, metrics?.output, trace?.output] {
            attempt { try output?.close() }
        }
        // metrics.om is formatted while the output thread writes its full buffers.
        attempt { try openMetrics?.finish() }
        thread?.stop()
        if let directory {
            attempt {
                try summary.jsonData().write(to: directory.appendingPathComponent("summary.json"), options: .atomic)
            }
            if options.report {
                attempt {
                    try StreamingTextFile.writeAtomically(
                        report(summary: summary, cluster: cluster).render(),
                        to: directory.appendingPathComponent("report.html"))
                }
            }
        }
        if let firstError { throw firstError }
        return (summary, summary.textTable)
    }

    /// The HTML report of a finished run.
    public func report(summary: RunSummary, cluster: Cluster) -> HTMLReport {
        var report = HTMLReport(scenarioName: scenarioName, summary: summary)
        if let metrics {
            report.samples = metrics.samples
            report.samplePools = metrics.poolNames
            report.sampleAutoscalers = metrics.autoscalerNames
            report.sampleNodeGroups = metrics.nodeGroupNames
        }
        if let trace { report.slices = trace.slices }
        let pods = cluster.api.pods, nodes = cluster.api.nodes
        report.podName = { index in index < pods.count ? pods[index].namespace + "/" + pods[index].name : "pod-\(index)"
        }
        report.nodeName = { index in index < nodes.count ? nodes[index].name : "node-\(index)" }
        report.latencies = statistics.latencyRecorders
        return report
    }
}
