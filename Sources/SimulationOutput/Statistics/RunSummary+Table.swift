import Foundation

extension RunSummary {
    /// A compact plain-text table of the summary for stdout.
    public var textTable: String {
        func pad(_ text: String, _ width: Int, right: Bool = true) -> String {
            let gap = String(repeating: " ", count: max(0, width - text.count))
            return right ? gap + text : text + gap
        }
        func seconds(_ value: Double) -> String { JSONText.decimal(value, decimals: 3) }
        var lines: [String] = []
        lines.append("Scenario \(scenario) · seed \(seed) · \(SVGChart.duration(simulatedSeconds)) simulated")
        let p = pods
        lines.append("Pods      created \(p.created) · scheduled \(p.scheduled) · started \(p.started)")
        lines.append(
            "  outcome succeeded \(p.succeeded) · failed \(p.failed) · deleted \(p.deleted) · evicted \(p.evicted) · "
                + "preempted \(p.preempted) · running \(p.runningAtEnd) · pending \(p.pendingAtEnd) "
                + "(never scheduled \(p.neverScheduled))")
        lines.append(
            pad("Latency (s)", 24, right: false)
                + ["count", "mean", "p50", "p90", "p99", "p99.9", "max"].map { pad($0, 10) }.joined())
        for (name, d) in [
            ("  scheduling", latency.scheduling), ("  startup SLO", latency.podStartupSLO),
            ("  startup (all)", latency.podStartup), ("  image pull", latency.imagePull),
            ("  pull incl. waiting", latency.imagePullIncludingWaiting),
        ] {
            lines.append(
                pad(name, 24, right: false) + pad("\(d.count)", 10) + pad(seconds(d.mean), 10)
                    + [d.p50, d.p90, d.p99, d.p999, d.max].map { pad(d.text($0, seconds), 10) }.joined())
        }
        let waiting = [
            ("scheduling", latency.scheduling), ("startup SLO", latency.podStartupSLO),
            ("startup (all)", latency.podStartup),
        ].filter { $0.1.censored > 0 }
        if !waiting.isEmpty {
            lines.append(
                "  still waiting at the end: " + waiting.map { "\($0.0) \($0.1.censored)" }.joined(separator: " · ")
                    + " (> t: the percentile lies among them, each waited ≥ t)")
        }
        lines.append(
            "Restarts  total \(restarts.total) · pods restarted \(restarts.podsRestarted) · "
                + "ever CrashLoopBackOff \(restarts.podsInCrashLoopBackOff) · per pod max \(Int(restarts.perPod.max ?? 0))"
        )
        lines.append(
            "Unschedulable  pods \(unschedulable.pods) · pod-time \(SVGChart.duration(unschedulable.totalPodSeconds))")
        let evictionText =
            evictions.byReason.isEmpty
            ? "none"
            : evictions.byReason.keys.sorted().map { "\($0) \(evictions.byReason[$0] ?? 0)" }.joined(separator: " · ")
        lines.append("Evictions \(evictionText)")
        lines.append(
            pad("Utilisation", 24, right: false)
                + [pad("resource", 12), pad("allocatable", 14), pad("mean", 9), pad("peak", 9)].joined())
        var scopes = [("cluster", utilization.cluster)]
        for pool in utilization.pools.keys.sorted() { scopes.append(("  " + pool, utilization.pools[pool] ?? [:])) }
        for (scope, table) in scopes {
            for resource in table.keys.sorted() {
                guard let usage = table[resource] else { continue }
                lines.append(
                    pad(scope, 24, right: false) + pad(resource, 12)
                        + pad(HTMLReport.amount(usage.allocatableMean, resource), 14)
                        + pad(HTMLReport.percent(usage.meanFraction), 9)
                        + pad(HTMLReport.percent(usage.peakFraction), 9))
            }
        }
        let f = fragmentation
        lines.append(
            "Fragmentation  typical pod \(HTMLReport.amount(f.typicalPodCPU, "cpu")) cpu / "
                + "\(HTMLReport.amount(f.typicalPodMemory, "memory")) · \(f.nodesThatCannotFitTypicalPod)/\(f.nodes) nodes full · "
                + "stranded cpu \(HTMLReport.percent(f.strandedCPUFraction)), memory \(HTMLReport.percent(f.strandedMemoryFraction))"
        )
        if interrupted == true {
            lines.append(
                "Interrupted at \(JSONText.decimal(simulatedSeconds, decimals: 3)) s simulated: figures cover that span only"
            )
        }
        lines.append(contentsOf: autoscalingLines)
        lines.append(
            "Events    \(events.total) (\(events.warnings) warnings)"
                + (events.spamFiltered > 0 ? " · \(events.spamFiltered) dropped by the spam filter" : ""))
        if let api { lines.append("API       \(api.rejectedWrites) writes refused (listed on stderr)") }
        lines.append(
            "Engine    \(engine.eventsProcessed) events in \(JSONText.decimal(engine.wallSeconds, decimals: 3)) s "
                + "(\(Int(engine.eventsPerSecond)) events/s) · \(JSONText.decimal(engine.cpuSeconds, decimals: 3)) s CPU "
                + "· peak memory \(HTMLReport.amount(Double(engine.peakMemoryBytes), "memory"))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `summary.json`: sorted keys, two-space indentation, numbers as Swift prints them
    /// (shortest round-trip form of values already rounded to a millionth).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension DistributionSummary {
    /// A percentile for a table: `format(value)`, or `> 20m` when it is censored.
    public func text(_ value: Double?, _ format: (Double) -> String) -> String {
        if let value { return format(value) }
        return "> " + SVGChart.duration(atLeast ?? 0)
    }
}
