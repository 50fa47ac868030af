import Foundation

/// The number of CPUs this process may use: what the batch system granted, not the machine's
/// cores (a one-CPU Slurm task still sees every core of the node).
public enum CPUAllowance {
    /// `SLURM_CPUS_PER_TASK` if set, else the cgroup v2 CPU quota (`cpu.max`: quota / period,
    /// rounded up), else the active cores.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - cgroupCPUMax: the cgroup v2 `cpu.max` file.
    /// - Returns: at least 1.
    public static func granted(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cgroupCPUMax: String = "/sys/fs/cgroup/cpu.max"
    ) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if let text = environment["SLURM_CPUS_PER_TASK"], let cpus = Int(text.trimmingCharacters(in: .whitespaces)),
            cpus >= 1
        {
            return cpus
        }
        if let quota = cgroupQuota(path: cgroupCPUMax) { return max(1, min(quota, cores)) }
        return max(1, cores)
    }

    /// CPUs from a `cpu.max` file (`"200000 100000"` → 2, `"max 100000"` → nil).
    static func cgroupQuota(path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard fields.count >= 2, let quota = Double(fields[0]), let period = Double(fields[1]), period > 0 else {
            return nil
        }
        return Int((quota / period).rounded(.up))
    }
}
