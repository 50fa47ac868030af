import KubeModel
import Stochastics

/// The Service REST storage's allocators (pkg/registry/core/service/storage/alloc.go): cluster
/// IPs from the service CIDR and node ports from the node port range, with the API server's
/// error texts.
struct ServiceAllocators: Sendable {
    /// kube-apiserver's `--service-cluster-ip-range` as kubeadm and kind set it.
    static let serviceCIDR = (base: IPv4Address(0x0A60_0000), prefixLength: 12)
    /// `--service-node-port-range`'s default.
    static let nodePortRange = 30000...32767
    /// `10.96.0.0/12`.
    static var serviceCIDRText: String { "\(serviceCIDR.base)/\(serviceCIDR.prefixLength)" }

    /// Index 0 is the network address + 1 (the `kubernetes` Service's 10.96.0.1); the
    /// broadcast address is not allocatable (ipallocator.go `NewIPAllocator`).
    var clusterIPs: RangeAllocator
    /// Index 0 is port 30000.
    var nodePorts: RangeAllocator

    init(streams: RandomStreams) {
        let hosts = UInt32(1) << (32 - Self.serviceCIDR.prefixLength) - 2
        clusterIPs = RangeAllocator(
            size: hosts, offset: Self.rangeOffset(size: UInt64(hosts) + 2, min: 16, max: 256, step: 16),
            seed: streams.seed(named: "apiserver/service-cluster-ip"))
        let ports = UInt32(Self.nodePortRange.count)
        nodePorts = RangeAllocator(
            size: ports, offset: Self.rangeOffset(size: UInt64(ports), min: 16, max: 128, step: 32),
            seed: streams.seed(named: "apiserver/service-node-port"))
    }

    /// `calculateRangeOffset`: `min(max(min, size/step), max)`, 0 for a range of `min` or fewer
    /// (ipallocator for the CIDR's size, 256 for a /12; portallocator, KEP-3668, 86 for the
    /// default 2768 ports).
    static func rangeOffset(size: UInt64, min: UInt64, max: UInt64, step: UInt64) -> UInt32 {
        guard size > min else { return 0 }
        return UInt32(Swift.min(Swift.max(min, size / step), max))
    }

    /// The address of index `index`.
    static func address(_ index: UInt32) -> IPv4Address { IPv4Address(serviceCIDR.base.value + 1 + index) }

    /// The index of `address`, `nil` outside the allocatable range.
    func index(of address: IPv4Address) -> UInt32? {
        let first = Self.serviceCIDR.base.value + 1
        guard address.value >= first, address.value - first < clusterIPs.size else { return nil }
        return address.value - first
    }

    /// Allocates the Service's cluster IP (the one asked for, or the next free one) and node
    /// ports: `spec.clusterIP` and `spec.clusterIPs`, the IP families of a single-stack IPv4
    /// cluster (alloc.go `initIPFamilyFields`). Nothing is kept when one allocation fails.
    /// - Throws: the API server's `Invalid` error.
    mutating func allocate(_ service: inout Service) throws(APIError) {
        let name = service.metadata.name ?? ""
        var spec = service.spec
        let type = spec.type ?? "ClusterIP"
        var takenIP: UInt32?
        if type != "ExternalName" {
            if spec.ipFamilyPolicy == nil { spec.ipFamilyPolicy = "SingleStack" }
            if spec.ipFamilies == nil { spec.ipFamilies = ["IPv4"] }
            if spec.clusterIP == "None" {
                spec.clusterIPs = ["None"]
            } else if let asked = spec.clusterIP, !asked.isEmpty {
                // Validation let only IPv4 addresses through.
                let address = IPv4Address(asked)!
                guard let index = index(of: address) else {
                    throw Self.invalid(
                        name, "spec.clusterIPs", asked,
                        "failed to allocate IP \(asked): the provided IP (\(asked)) is not in the valid range. "
                            + "The range of valid IPs is \(Self.serviceCIDRText)")
                }
                guard clusterIPs.allocate(index) else {
                    throw Self.invalid(
                        name, "spec.clusterIPs", asked,
                        "failed to allocate IP \(asked): provided IP is already allocated")
                }
                takenIP = index
                spec.clusterIPs = [asked]
            } else {
                guard let index = clusterIPs.allocateNext() else {
                    throw APIError(
                        .invalid, "Internal error occurred: failed to allocate a serviceIP: range is full")
                }
                takenIP = index
                let address = Self.address(index).description
                spec.clusterIP = address
                spec.clusterIPs = [address]
            }
        }
        if type == "NodePort" || (type == "LoadBalancer" && spec.allocateLoadBalancerNodePorts != false) {
            var taken: [UInt32] = []
            func undo() {
                for index in taken { nodePorts.release(index) }
                if let takenIP { clusterIPs.release(takenIP) }
            }
            var ports = spec.ports ?? []
            for i in ports.indices {
                if let asked = ports[i].nodePort {
                    guard Self.nodePortRange.contains(asked) else {
                        undo()
                        throw Self.invalid(
                            name, "spec.ports[\(i)].nodePort", asked,
                            "provided port is not in the valid range. The range of valid ports is 30000-32767")
                    }
                    guard nodePorts.allocate(UInt32(asked - Self.nodePortRange.lowerBound)) else {
                        undo()
                        throw Self.invalid(
                            name, "spec.ports[\(i)].nodePort", asked, "provided port is already allocated")
                    }
                    taken.append(UInt32(asked - Self.nodePortRange.lowerBound))
                } else {
                    guard let index = nodePorts.allocateNext() else {
                        undo()
                        throw APIError(
                            .invalid, "Internal error occurred: failed to allocate a nodePort: range is full")
                    }
                    taken.append(index)
                    ports[i].nodePort = Self.nodePortRange.lowerBound + Int(index)
                }
            }
            spec.ports = ports
        }
        service.spec = spec
    }

    /// Gives a deleted Service's cluster IP and node ports back.
    mutating func release(_ service: Service) {
        if let ip = service.spec.clusterIP.flatMap(IPv4Address.init), let index = index(of: ip) {
            clusterIPs.release(index)
        }
        for port in service.spec.ports ?? [] {
            if let nodePort = port.nodePort, Self.nodePortRange.contains(nodePort) {
                nodePorts.release(UInt32(nodePort - Self.nodePortRange.lowerBound))
            }
        }
    }

    /// `Service "name" is invalid: path: Invalid value: []string{"ip"}: detail` (the
    /// allocator's field error, wrapped by `errors.NewInvalid`).
    static func invalid(_ name: String, _ path: String, _ value: String, _ detail: String) -> APIError {
        APIError(.invalid, "Service \"\(name)\" is invalid: \(path): Invalid value: []string{\"\(value)\"}: \(detail)")
    }

    static func invalid(_ name: String, _ path: String, _ value: Int, _ detail: String) -> APIError {
        APIError(.invalid, "Service \"\(name)\" is invalid: \(path): Invalid value: \(value): \(detail)")
    }
}
