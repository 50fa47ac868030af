import Foundation
import Testing

@testable import KubeSimCLI

/// `kubesim` runs with transparent huge pages (glibc's `glibc.malloc.hugetlb=1`) by executing
/// itself once more with the tunable set; `KUBESIM_HUGE_PAGES=0` turns it off, and the second
/// start puts the environment back for the processes it starts.
@Suite(.serialized) struct HugePagesCLITests {
    static var transparentHugePagesAvailable: Bool {
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return false }
        return !mode.contains("[never]")
    }

    /// The mappings of the process at `pid` that malloc asked huge pages for
    /// (`madvise(MADV_HUGEPAGE)`: `hg` among their VmFlags in Linux's /proc/pid/smaps).
    static func hugePageMappings(_ pid: Int32) throws -> Int {
        let smaps = try String(contentsOfFile: "/proc/\(pid)/smaps", encoding: .utf8)
        return smaps.split(separator: "\n").filter {
            $0.hasPrefix("VmFlags:") && $0.split(separator: " ").contains("hg")
        }
        .count
    }

    /// The environment the process at `pid` was executed with (/proc/pid/environ; glibc cuts
    /// `GLIBC_TUNABLES` there after its first tunable as it reads it).
    static func executedEnvironment(_ pid: Int32) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        var environment: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return environment
    }

    @Test("the served process, the same pid re-executed, has its heap madvised for huge pages")
    func reexecutedWithHugePages() throws {
        try #require(Self.transparentHugePagesAvailable, "needs Linux transparent huge pages (not `never`)")
        for environment in [[:], ["GLIBC_TUNABLES": "glibc.malloc.tcache_count=7"]] {
            let server = try ServeCLITests.Server(["scenarios/crashloop", "--at", "1m"], environment: environment)
            defer { server.stop() }
            let pid = server.process.processIdentifier
            #expect(try Self.hugePageMappings(pid) > 0, "\(environment)")
            #expect(
                try Self.executedEnvironment(pid)["KUBESIM_SAVED_GLIBC_TUNABLES"]
                    == (environment["GLIBC_TUNABLES"] ?? ""), "\(environment)")
            let (status, _) = try server.request("GET", "/api/v1/pods")
            #expect(status == 200)
        }
    }

    @Test("KUBESIM_HUGE_PAGES=0 and a hugetlb tunable already set leave the process as started")
    func leftAlone() throws {
        for environment in [["KUBESIM_HUGE_PAGES": "0"], ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"]] {
            let server = try ServeCLITests.Server(["scenarios/crashloop", "--at", "1m"], environment: environment)
            defer { server.stop() }
            let pid = server.process.processIdentifier
            #expect(try Self.hugePageMappings(pid) == 0, "\(environment)")
            #expect(try Self.executedEnvironment(pid)["KUBESIM_SAVED_GLIBC_TUNABLES"] == nil, "\(environment)")
        }
    }

    /// Each start's step, from the environment alone: the test changes no process state
    /// (`setenv` here raced the other suites' reads of the environment).
    @Test("each start's step: re-execute with the tunable added, restore in the second start, else nothing")
    func steps() {
        let always = { "[always] madvise never" as String? }
        typealias Step = HugePages.Step
        #expect(
            HugePages.step(environment: [:], transparentHugePages: always)
                == Step.reexecute(tunables: "glibc.malloc.hugetlb=1", saved: ""))
        #expect(
            HugePages.step(environment: ["GLIBC_TUNABLES": "glibc.malloc.tcache_count=7"], transparentHugePages: always)
                == Step.reexecute(
                    tunables: "glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=1", saved: "glibc.malloc.tcache_count=7"
                ))
        // The second start: GLIBC_TUNABLES back as it was (unset when it was empty).
        #expect(
            HugePages.step(
                environment: ["KUBESIM_SAVED_GLIBC_TUNABLES": "", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"],
                transparentHugePages: always) == Step.restore(tunables: nil))
        #expect(
            HugePages.step(
                environment: ["KUBESIM_SAVED_GLIBC_TUNABLES": "glibc.malloc.tcache_count=7"],
                transparentHugePages: always) == Step.restore(tunables: "glibc.malloc.tcache_count=7"))
        // Left alone: turned off, the tunable already set, huge pages `never` or absent.
        #expect(HugePages.step(environment: ["KUBESIM_HUGE_PAGES": "0"], transparentHugePages: always) == Step.none)
        #expect(
            HugePages.step(environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"], transparentHugePages: always)
                == Step.none)
        #expect(HugePages.step(environment: [:], transparentHugePages: { "always madvise [never]" }) == Step.none)
        #expect(HugePages.step(environment: [:], transparentHugePages: { nil }) == Step.none)
    }
}
