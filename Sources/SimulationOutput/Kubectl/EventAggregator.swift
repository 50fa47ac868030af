import ClusterComponents
import Foundation
import SimulationCore

/// A Kubernetes Event after client-go's EventCorrelator has folded identical repeats into one
/// object with a count (tools/record/events_cache.go `getEventKey`: source, involved object
/// incl. fieldPath, type, reason, message).
public struct AggregatedEvent: Sendable, Hashable {
    /// The first occurrence (its fields except time are shared by all repeats).
    public var event: KubeEvent
    /// `count`.
    public var count: Int
    /// `firstTimestamp` and `lastTimestamp`.
    public var firstSeen: SimulationTime
    public var lastSeen: SimulationTime

    /// Folds raw events (in record order) into aggregated ones, in order of first occurrence,
    /// dropping those whose last update is older than the API server's `--event-ttl` (1 h).
    ///
    /// As client-go's `EventCorrelate` does, every occurrence counts (`eventObserve` runs before
    /// the spam filter), but only a recorded occurrence writes the Event: the object exists once
    /// one occurrence got through, its `count` is the occurrences up to its last write,
    /// `firstTimestamp` the first occurrence and `lastTimestamp` the last write.
    /// - Complexity: O(n) expected.
    public static func aggregate(
        _ events: [KubeEvent], now: SimulationTime, ttl: SimulationDuration = .seconds(3600)
    )
        -> [AggregatedEvent]
    {
        var result: [AggregatedEvent] = []
        var observed: [Int] = []
        var index: [Key: Int] = [:]
        var pending: [Key: (first: SimulationTime, count: Int)] = [:]
        for event in events where event.time <= now {
            let key = Key(event)
            if let i = index[key] {
                observed[i] += 1
                if event.isRecorded {
                    result[i].count = observed[i]
                    result[i].lastSeen = event.time
                    // A combined event's message is patched to the latest one.
                    if event.isCombined { result[i].event = event }
                }
            } else {
                var seen = pending[key] ?? (event.time, 0)
                seen.count += 1
                guard event.isRecorded else {
                    pending[key] = seen
                    continue
                }
                pending[key] = nil
                index[key] = result.count
                observed.append(seen.count)
                result.append(
                    AggregatedEvent(event: event, count: seen.count, firstSeen: seen.first, lastSeen: event.time))
            }
        }
        return result.filter { now - $0.lastSeen <= ttl }
    }

    struct Key: Hashable {
        var component: String
        var host: String?
        var kind: String
        var namespace: String
        var name: String
        var fieldPath: String?
        var type: EventType
        var reason: String
        /// nil for combined events: their key is the group (`aggregateKey`), not the message.
        var message: String?
        init(_ e: KubeEvent) {
            component = e.component
            host = e.host
            kind = e.kind
            namespace = e.namespace
            name = e.name
            fieldPath = e.fieldPath
            type = e.type
            reason = e.reason
            // Combined events share one key per group (their `aggregateKey`); the field path
            // is not part of it either (EventAggregatorByReasonFunc).
            if e.isCombined { fieldPath = nil }
            message = e.isCombined ? nil : e.message
        }
    }
}

/// `kubectl get events` (printers.go `printEvent`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
public enum EventPrinter {
    /// The table for `events` (raw, in record order), as seen at `now`.
    public static func table(_ events: [KubeEvent], now: SimulationTime) -> String {
        var writer = TabWriter.forGet()
        writer.write("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n")
        for entry in listed(events, now: now) {
            writer.write(row(entry, now: now).prefix(5).joined(separator: "\t") + "\n")
        }
        return writer.render()
    }

    /// The Event objects that exist at `now`, in the order `get events` prints them: kubectl
    /// does not sort (hence the usual `--sort-by=.lastTimestamp`), it prints the list in the
    /// API server's key order, namespace then Event name (events about nodes are in
    /// `default`), and client-go names an Event
    /// `<object>.<hex of its first occurrence's UnixNano>` (record/events_cache.go
    /// `makeEvent`): by object name, then first occurrence (the hex numbers have the same
    /// length for any date since 2006); ties in record order.
    public static func listed(_ events: [KubeEvent], now: SimulationTime) -> [AggregatedEvent] {
        AggregatedEvent.aggregate(events, now: now).enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            // Events about cluster-scoped objects (nodes) live in `default`.
            let (xs, ys) = (
                x.event.namespace.isEmpty ? "default" : x.event.namespace,
                y.event.namespace.isEmpty ? "default" : y.event.namespace
            )
            if xs != ys { return xs < ys }
            if x.event.name != y.event.name { return x.event.name + "." < y.event.name + "." }
            if x.firstSeen != y.firstSeen { return x.firstSeen < y.firstSeen }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// One row as kube-apiserver's `printEvent` fills it (always wide): LAST SEEN, TYPE,
    /// REASON, OBJECT, then the wide SUBOBJECT and SOURCE, MESSAGE, then the wide FIRST SEEN
    /// and COUNT. The first five are the narrow columns, as `kubectl get events` shows them
    /// (MESSAGE moved to fifth place); `name` (the Event's name) is the caller's.
    public static func row(_ entry: AggregatedEvent, now: SimulationTime) -> [String] {
        let e = entry.event
        let source = [e.component, e.host ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        return [
            KubectlTime.since(entry.lastSeen, now: now), e.type.rawValue, e.reason, "\(e.kind.lowercased())/\(e.name)",
            e.message, e.fieldPath ?? "", source, KubectlTime.since(entry.firstSeen, now: now), "\(entry.count)",
        ]
    }

    /// The `Events:` section of `kubectl describe` (describe.go `DescribeEvents`), sorted by
    /// last timestamp; `Age` is `<last> (xN over <first>)` for repeats.
    ///
    /// kubectl sorts the list the API server returns (``listed(_:now:)`` order) with
    /// `sort.Sort(event.SortableEvents)`, comparing `lastTimestamp`, which the API carries in
    /// whole seconds; for the dozen or so events of a pod that sort is an insertion sort, so
    /// events of the same second keep the list's order.
    static func describeSection(_ events: [KubeEvent], now: SimulationTime) -> String {
        let aggregated = listed(events, now: now)
        guard !aggregated.isEmpty else { return "" }
        let second = { (time: SimulationTime) in time.nanoseconds / 1_000_000_000 }
        let sorted = aggregated.enumerated().sorted {
            second($0.element.lastSeen) != second($1.element.lastSeen)
                ? second($0.element.lastSeen) < second($1.element.lastSeen) : $0.offset < $1.offset
        }.map(\.element)
        var writer = TabWriter.forDescribe()
        writer.write("Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        writer.write("  ----\t------\t----\t----\t-------\n")
        for entry in sorted {
            let first = KubectlTime.since(entry.firstSeen, now: now)
            let age =
                entry.count > 1
                ? "\(KubectlTime.since(entry.lastSeen, now: now)) (x\(entry.count) over \(first))" : first
            let message = entry.event.message.trimmingCharacters(in: .whitespacesAndNewlines)
            writer.write(
                "  \(entry.event.type.rawValue)\t\(entry.event.reason)\t\(age)\t\(entry.event.component)\t\(message)\n")
        }
        return writer.render()
    }
}
