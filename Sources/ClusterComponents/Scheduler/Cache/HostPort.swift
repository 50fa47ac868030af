import KubeModel

/// A host port a pod uses on its node (k/k `pkg/scheduler/framework/types.go` `HostPortInfo`).
public struct HostPort: Hashable, Sendable {
    /// Host IP; `0.0.0.0` when unset.
    public var ip: String
    /// Protocol (`TCP` default).
    public var `protocol`: String
    /// Port number.
    public var port: Int

    /// Whether the two uses conflict: same protocol and port, and equal IPs or either IP is the
    /// wildcard `0.0.0.0` (`HostPortInfo.CheckConflict`).
    func conflicts(with other: HostPort) -> Bool {
        port == other.port && `protocol` == other.protocol
            && (ip == other.ip || ip == "0.0.0.0" || other.ip == "0.0.0.0")
    }

    /// The host ports of a pod's containers and sidecars (`GetContainerPorts`).
    static func ports(of spec: PodSpec) -> [HostPort] {
        // The containers, then the sidecars, walked in place: concatenating them copied every
        // container of every pod the scheduler saw.
        var result: [HostPort] = []
        func add(_ container: Container) {
            for port in container.ports ?? [] {
                guard let hostPort = port.hostPort, hostPort > 0 else { continue }
                let ip = (port.hostIP ?? "").isEmpty ? "0.0.0.0" : port.hostIP!
                result.append(
                    HostPort(
                        ip: ip, protocol: port.protocol.rawValue.isEmpty ? "TCP" : port.protocol.rawValue,
                        port: hostPort))
            }
        }
        for container in spec.containers { add(container) }
        for container in spec.initContainers ?? [] where container.isSidecar { add(container) }
        return result
    }
}
