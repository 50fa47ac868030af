import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-node Slurm started by a test without systemd: munged on its own socket, slurmctld and
/// slurmd on 127.0.0.1 with a generated slurm.conf, everything under a temporary folder, and
/// every daemon stopped by the pid in its pid file.
final class LocalSlurm {
    static let binaries = [
        "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/scontrol",
        "/usr/bin/sinfo", "/usr/bin/setpriv",
    ]

    /// Whether Slurm and MUNGE are installed (scripts/bootstrap --test-tools) and we are root.
    static let available: Bool =
        getuid() == 0 && binaries.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        && FileManager.default.fileExists(atPath: "/etc/munge/munge.key")

    let directory: URL
    var configuration: String { directory.appendingPathComponent("slurm.conf").path }
    private var pidFiles: [String] = []

    init() throws {
        directory = try CLITests.temporaryDirectory().appendingPathComponent("slurm")
        let manager = FileManager.default
        for folder in ["state", "spool", "munge"] {
            try manager.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let munge = directory.appendingPathComponent("munge").path
        guard chown(munge, Self.userID("munge"), Self.groupID("munge")) == 0 else {
            throw ShardedSweepFixture.FixtureError("cannot give \(munge) to the munge user")
        }
        do {
            pidFiles.append("\(munge)/munged.pid")
            try Self.startDaemon(
                [
                    "/usr/bin/setpriv", "--reuid=munge", "--regid=munge", "--clear-groups", "/usr/sbin/munged",
                    "--socket=\(munge)/munge.socket", "--pid-file=\(munge)/munged.pid",
                    "--seed-file=\(munge)/munged.seed", "--log-file=\(munge)/munged.log",
                ])
            try writeConfiguration(mungeSocket: "\(munge)/munge.socket")
            pidFiles += [directory.appendingPathComponent("slurmctld.pid").path]
            try Self.startDaemon(["/usr/sbin/slurmctld", "-f", configuration])
            pidFiles += [directory.appendingPathComponent("slurmd.pid").path]
            try Self.startDaemon(["/usr/sbin/slurmd", "-f", configuration])
            try waitUntil(seconds: 15, "the node to be idle") {
                try self.run("/usr/bin/sinfo", ["-h", "-o", "%T"]).stdout.contains("idle")
            }
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// Runs a Slurm client command against this cluster.
    func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CLITests.Outcome {
        try CLITests.execute(
            URL(fileURLWithPath: program), arguments,
            environment: environment.merging(["SLURM_CONF": configuration]) { $1 })
    }

    /// `JobState=` of a job or array task.
    func state(_ job: String) throws -> String {
        let line = try run("/usr/bin/scontrol", ["-o", "show", "job", job]).stdout
        guard let range = line.range(of: #"JobState=[A-Z_]+"#, options: .regularExpression) else { return "" }
        return String(line[range].dropFirst("JobState=".count))
    }

    /// Stops every daemon started, by pid (SIGTERM, then SIGKILL after 5 s).
    func stop() {
        let pids = pidFiles.compactMap { file in
            (try? String(contentsOfFile: file, encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        pidFiles = []
        for pid in pids.reversed() { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, pids.contains(where: Self.isRunning) { usleep(50_000) }
        for pid in pids where Self.isRunning(pid) { kill(pid, SIGKILL) }
    }

    /// Alive and not a zombie (a daemon reparented to an init that does not reap).
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return !status.contains("State:\tZ")
    }

    private func writeConfiguration(mungeSocket: String) throws {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host =
            String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: ".").first.map(String.init) ?? "localhost"
        let port = 20_000 + Int(getpid() % 4_000) * 2
        let path = directory.path
        try """
        ClusterName=kubesim-test
        SlurmctldHost=\(host)(127.0.0.1)
        SlurmctldPort=\(port)
        SlurmdPort=\(port + 1)
        SlurmUser=root
        SlurmdUser=root
        AuthType=auth/munge
        CredType=cred/munge
        AuthInfo=socket=\(mungeSocket),cred_expire=5
        StateSaveLocation=\(path)/state
        SlurmdSpoolDir=\(path)/spool
        SlurmctldPidFile=\(path)/slurmctld.pid
        SlurmdPidFile=\(path)/slurmd.pid
        SlurmctldLogFile=\(path)/slurmctld.log
        SlurmdLogFile=\(path)/slurmd.log
        ProctrackType=proctrack/linuxproc
        TaskPlugin=task/none
        JobAcctGatherType=jobacct_gather/none
        AccountingStorageType=accounting_storage/none
        SelectType=select/cons_tres
        SelectTypeParameters=CR_CPU
        SchedulerParameters=sched_interval=1
        ReturnToService=2
        MpiDefault=none
        NodeName=\(host) NodeAddr=127.0.0.1 CPUs=\(ProcessInfo.processInfo.activeProcessorCount) RealMemory=1000 State=UNKNOWN
        PartitionName=test Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

        """.write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    /// Runs a daemon's start command with posix_spawn and waits for it (the daemon forks and its
    /// first process exits). Foundation's `Process` can miss the exit of a process that
    /// daemonizes this fast and wait forever; waitpid cannot. Output goes to /dev/null: the
    /// daemons log to their own files.
    private static func startDaemon(_ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(
                &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal state: no inherited blocked or ignored signals, so SIGTERM stops the daemon.
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard spawned == 0 else {
            throw ShardedSweepFixture.FixtureError(
                "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else {
            throw ShardedSweepFixture.FixtureError("\(arguments.joined(separator: " ")) exited with status \(status)")
        }
    }

    private static func userID(_ name: String) -> uid_t { getpwnam(name)?.pointee.pw_uid ?? 0 }
    private static func groupID(_ name: String) -> gid_t { getgrnam(name)?.pointee.gr_gid ?? 0 }
}

/// Polls `condition` every 0.2 s.
func waitUntil(seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        usleep(200_000)
    }
    throw ShardedSweepFixture.FixtureError("timed out after \(seconds) s waiting for \(what)")
}
