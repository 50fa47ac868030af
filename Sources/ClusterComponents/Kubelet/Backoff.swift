import SimulationCore

/// One entry of client-go's `flowcontrol.Backoff` (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go):
/// the current back-off and when `Next` last ran. The kubelet keeps one per pod UID and
/// container (crash loops) and one per pod UID and image (pulls); both live only in memory.
struct BackoffEntry: Sendable, Hashable {
    /// Current back-off.
    var backoff: SimulationDuration
    /// Wall time of the last `Next`.
    var lastUpdate: SimulationTime
}

/// The parameters of a back-off object: initial, cap, and the expiry rule.
struct BackoffPolicy: Sendable, Hashable {
    /// First back-off after a fresh entry.
    var initial: SimulationDuration
    /// Cap.
    var maximum: SimulationDuration
    /// An entry expires when `eventTime − lastUpdate` exceeds this (client-go default 2·max;
    /// kubelet 1.32+ crash loops: a flat 600 s, kubelet.go `crashLoopBackOff.HasExpiredFunc`).
    var expiry: SimulationDuration

    /// `Backoff.Next(id, eventTime)`: fresh entry at `initial` when absent or expired, else doubled
    /// and capped; `lastUpdate` is `now` (client-go backoff.go `Next`).
    func next(_ entry: BackoffEntry?, eventTime: SimulationTime, now: SimulationTime) -> BackoffEntry {
        guard let entry, !(eventTime - entry.lastUpdate > expiry) else {
            return BackoffEntry(backoff: initial, lastUpdate: now)
        }
        let doubled = entry.backoff * 2
        return BackoffEntry(backoff: doubled < maximum ? doubled : maximum, lastUpdate: now)
    }

    /// `IsInBackOffSince(id, eventTime)`: not expired and `now − eventTime < backoff` (strict).
    func isInBackOffSince(_ entry: BackoffEntry?, eventTime: SimulationTime, now: SimulationTime) -> Bool {
        guard let entry, !(eventTime - entry.lastUpdate > expiry) else { return false }
        return now - eventTime < entry.backoff
    }

    /// `IsInBackOffSinceUpdate(id, eventTime)` (image pulls): `eventTime − lastUpdate < backoff`.
    func isInBackOffSinceUpdate(_ entry: BackoffEntry?, now: SimulationTime) -> Bool {
        guard let entry, !(now - entry.lastUpdate > expiry) else { return false }
        return now - entry.lastUpdate < entry.backoff
    }

    /// The container-restart back-off for a version and configuration (kubelet.go
    /// `newCrashLoopBackOff`): 10 s/300 s; ReduceDefaultCrashLoopBackOffDecay ⇒ 1 s/60 s; then,
    /// with KubeletCrashLoopBackOffMax (beta, on in 1.35; honoured from 1.32 when configured),
    /// max := `maxContainerRestartPeriod` (defaulted to 300 s on 1.35+) and initial := min(initial, max).
    static func crashLoop(version: KubernetesVersion, configuration: KubeletConfiguration) -> BackoffPolicy {
        var initial = SimulationDuration.seconds(10)  // kubelet.go initialCrashLoopBackOff
        var maximum = SimulationDuration.seconds(300)  // MaxCrashLoopBackOff
        if configuration.reduceDefaultCrashLoopBackOffDecay {
            initial = .seconds(1)  // reducedInitialCrashLoopBackOff
            maximum = .seconds(60)  // reducedMaxCrashLoopBackOff
        }
        let gateOn =
            version >= KubernetesVersion(minor: 35)
            || (version >= KubernetesVersion(minor: 32) && configuration.maxContainerRestartPeriodSeconds != nil)
        if gateOn {
            maximum = .seconds(configuration.maxContainerRestartPeriodSeconds ?? 300)
            if maximum < initial { initial = maximum }
        }
        // ≤1.31: client-go default expiry 2·max; 1.32+: flat 600 s (KEP-4603).
        let expiry: SimulationDuration =
            version >= KubernetesVersion(minor: 32) ? .seconds(600) : maximum * 2
        return BackoffPolicy(initial: initial, maximum: maximum, expiry: expiry)
    }

    /// The image-pull back-off (kubelet.go `imageBackOffPeriod` 10 s, `MaxImageBackOff` 300 s,
    /// default expiry 2·max).
    static let imagePull = BackoffPolicy(initial: .seconds(10), maximum: .seconds(300), expiry: .seconds(600))
}
