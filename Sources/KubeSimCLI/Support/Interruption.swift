import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns Ctrl-C (SIGINT) and SIGTERM into a flag the run loop checks between chunks, so a
/// run stops cleanly and writes what it computed instead of dying mid-file.
final class Interruption: @unchecked Sendable {
    private static let shared = Interruption()
    private var sources: [DispatchSourceSignal] = []
    private let flag = ManagedAtomicFlag()

    var requested: Bool { flag.value }

    static func install() -> Interruption {
        let interruption = shared
        guard interruption.sources.isEmpty else { return interruption }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { interruption.flag.set() }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }
}

/// A flag set from a signal-handling queue and read by the run loop.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    var value: Bool { lock.withLock { raised } }
    func set() { lock.withLock { raised = true } }
}
