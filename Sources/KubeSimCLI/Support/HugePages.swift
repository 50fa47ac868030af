import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Transparent huge pages for the simulation's heap, through glibc's `glibc.malloc.hugetlb=1`
/// tunable (malloc then grows its heap and maps its large chunks 2 MiB-aligned and asks the
/// kernel for huge pages there, `madvise(MADV_HUGEPAGE)`).
///
/// Why: a large run reads state its events last touched seconds of virtual time earlier. The
/// full envelope's 1 GiB of heap in 4 KiB pages is 250,000 pages, against a TLB that maps
/// 8 MiB, so each such read walks the page tables before its cache miss (in two dimensions
/// under a hypervisor), and the few page walks the core runs at once limit how many misses
/// overlap. In 2 MiB pages the heap is about 500 TLB entries. `farm-bench`, full envelope, four
/// pairs, with against without: wall 0.930 (0.895–0.999), user time 0.892, peak +26 MiB.
///
/// glibc reads its tunables only when a process starts, so the process executes itself once
/// more (same pid, arguments and file descriptors) with the tunable added to `GLIBC_TUNABLES`,
/// which the second start then puts back as it was, so that processes it starts do not
/// inherit it. Nothing is done when `KUBESIM_HUGE_PAGES=0` (as under valgrind, which would not
/// follow the exec), when the environment already sets `glibc.malloc.hugetlb`, when the kernel's
/// transparent huge pages are `never`, or off Linux; if the exec fails the run goes on without.
public enum HugePages {
    /// The variable that turns this off (`0`).
    static let switchVariable = "KUBESIM_HUGE_PAGES"
    /// Set in the second start: `GLIBC_TUNABLES` as it was before the first added the tunable.
    static let savedTunablesVariable = "KUBESIM_SAVED_GLIBC_TUNABLES"
    static let tunable = "glibc.malloc.hugetlb=1"

    /// What a start of the process does about huge pages.
    enum Step: Equatable {
        /// Nothing: turned off, the tunable already set, or no transparent huge pages.
        case none
        /// The second start: put `GLIBC_TUNABLES` back to `tunables` (unset when nil) and drop
        /// the saved copy.
        case restore(tunables: String?)
        /// Execute again with `GLIBC_TUNABLES` set to `tunables`, the original saved as `saved`.
        case reexecute(tunables: String, saved: String)
    }

    /// The step for a start in `environment`; `transparentHugePages` reads the kernel's mode
    /// (`/sys/kernel/mm/transparent_hugepage/enabled`, nil when absent), only when it matters.
    static func step(environment: [String: String], transparentHugePages: () -> String?) -> Step {
        if let saved = environment[savedTunablesVariable] { return .restore(tunables: saved.isEmpty ? nil : saved) }
        let tunables = environment["GLIBC_TUNABLES"] ?? ""
        guard environment[switchVariable] != "0", !tunables.contains("glibc.malloc.hugetlb"),
            let mode = transparentHugePages(), !mode.contains("[never]")
        else { return .none }
        return .reexecute(tunables: tunables.isEmpty ? tunable : tunables + ":" + tunable, saved: tunables)
    }

    /// Executes the process again with huge pages if it does not run with them yet; in the
    /// second start, restores the environment. Call first thing in `main`.
    public static func enable() {
        #if os(Linux)
        let step = step(environment: ProcessInfo.processInfo.environment) {
            try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        }
        switch step {
        case .none: return
        case .restore(let tunables): restoreTunables(tunables)
        case .reexecute(let tunables, let saved):
            setenv(savedTunablesVariable, saved, 1)
            setenv("GLIBC_TUNABLES", tunables, 1)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // The exec failed (no /proc): run on as we are.
            restoreTunables(saved.isEmpty ? nil : saved)
        }
        #endif
    }

    /// Puts `GLIBC_TUNABLES` back to `tunables` (unset when nil) and drops the saved copy.
    private static func restoreTunables(_ tunables: String?) {
        if let tunables { setenv("GLIBC_TUNABLES", tunables, 1) } else { unsetenv("GLIBC_TUNABLES") }
        unsetenv(savedTunablesVariable)
    }
}
