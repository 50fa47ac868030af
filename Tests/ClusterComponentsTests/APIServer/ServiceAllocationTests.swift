import KubeModel
import Testing

@testable import ClusterComponents

/// Service cluster IPs and node ports against the Service registry's allocators
/// (pkg/registry/core/service/ipallocator/ipallocator.go, allocator/bitmap.go, KEP-3070 and
/// KEP-3668) and the `kubernetes` Service of pkg/controlplane/controller/kubernetesservice.
@Suite struct ServiceAllocationTests {
    func service(_ name: String, clusterIP: String? = nil, type: String? = nil, nodePort: Int? = nil) -> KubeObject {
        .service(
            Service(
                metadata: ObjectMeta(name: name, namespace: "default"),
                spec: ServiceSpec(
                    type: type, selector: ["app": name], ports: [ServicePort(port: 80, nodePort: nodePort)],
                    clusterIP: clusterIP)))
    }

    func stored(_ cluster: Cluster, _ name: String) throws -> Service {
        let object = try #require(cluster.api.object(kind: "Service", namespace: "default", name: name))
        guard case .service(let service) = object.object else { throw APIError(.notFound, name) }
        return service
    }

    @Test(
        "every cluster has the kubernetes Service at 10.96.0.1, https 443/TCP to 6443, labelled as the control plane does"
    )
    func defaultService() throws {
        let service = try stored(Cluster(configuration: ClusterConfiguration()), "kubernetes")
        #expect(service.spec.clusterIP == "10.96.0.1")
        #expect(service.spec.clusterIPs == ["10.96.0.1"])
        #expect(service.metadata.labels == ["component": "apiserver", "provider": "kubernetes"])
        #expect(service.spec.ports == [ServicePort(name: "https", protocol: .tcp, port: 443, targetPort: .int(6443))])
        #expect(service.spec.ipFamilyPolicy == "SingleStack" && service.spec.ipFamilies == ["IPv4"])
        #expect(service.spec.type == "ClusterIP" && service.spec.sessionAffinity == "None")
    }

    @Test("calculateRangeOffset: min(max(16, size/16), 256) for CIDRs, min(max(16, size/32), 128) for ports")
    func rangeOffsets() {
        // /12: 2^20 addresses / 16 = 65536, capped at 256; /24: 256/16 = 16; /22: 1024/16 = 64;
        // /28: 16 addresses, not more than the minimum: no split.
        #expect(ServiceAllocators.rangeOffset(size: 1 << 20, min: 16, max: 256, step: 16) == 256)
        #expect(ServiceAllocators.rangeOffset(size: 256, min: 16, max: 256, step: 16) == 16)
        #expect(ServiceAllocators.rangeOffset(size: 1024, min: 16, max: 256, step: 16) == 64)
        #expect(ServiceAllocators.rangeOffset(size: 16, min: 16, max: 256, step: 16) == 0)
        // 30000-32767: 2768 ports / 32 = 86.
        #expect(ServiceAllocators.rangeOffset(size: 2768, min: 16, max: 128, step: 32) == 86)
    }

    @Test("dynamic allocation fills the upper band first, then the lower, then reports the range full")
    func bands() {
        var allocator = RangeAllocator(size: 20, offset: 4, seed: 7)
        var upper: Set<UInt32> = []
        for _ in 0..<16 { if let index = allocator.allocateNext() { upper.insert(index) } }
        #expect(upper == Set(4..<20))
        var lower: Set<UInt32> = []
        for _ in 0..<4 { if let index = allocator.allocateNext() { lower.insert(index) } }
        #expect(lower == Set(0..<4))
        #expect(allocator.allocateNext() == nil)
        allocator.release(9)
        #expect(allocator.allocateNext() == 9)
    }

    @Test("a dynamic cluster IP comes from the upper band (10.96.1.1 up), the same for the same seed")
    func dynamicIPs() throws {
        func ips(seed: UInt64) throws -> [String] {
            var configuration = ClusterConfiguration()
            configuration.seed = seed
            let cluster = Cluster(configuration: configuration)
            for name in ["a", "b", "c"] { try cluster.apply(service(name)) }
            return try ["a", "b", "c"].map { try stored(cluster, $0).spec.clusterIP ?? "" }
        }
        let first = try ips(seed: 1)
        #expect(try ips(seed: 1) == first)
        #expect(try ips(seed: 2) != first)
        for ip in first {
            let address = try #require(IPv4Address(ip))
            // 10.96.0.1 + 256 = 10.96.1.1; the last host of 10.96.0.0/12 is 10.111.255.254.
            #expect(address >= IPv4Address("10.96.1.1")! && address <= IPv4Address("10.111.255.254")!, "\(ip)")
        }
        #expect(Set(first).count == 3)
    }

    @Test("an asked-for cluster IP is honoured; a taken or foreign one is refused in the API server's words")
    func explicitIPs() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        try cluster.apply(service("db", clusterIP: "10.96.0.10"))
        #expect(try stored(cluster, "db").spec.clusterIP == "10.96.0.10")
        #expect(
            throws: APIError(
                .invalid,
                "Service \"clash\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.1\"}: "
                    + "failed to allocate IP 10.96.0.1: provided IP is already allocated")
        ) {
            try cluster.apply(service("clash", clusterIP: "10.96.0.1"))
        }
        #expect(
            throws: APIError(
                .invalid,
                "Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.0.1\"}: "
                    + "failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. "
                    + "The range of valid IPs is 10.96.0.0/12")
        ) {
            try cluster.apply(service("far", clusterIP: "192.168.0.1"))
        }
        #expect(cluster.api.object(kind: "Service", namespace: "default", name: "clash") == nil)
        // Deleting db gives 10.96.0.10 back.
        try cluster.delete(kind: "Service", namespace: "default", name: "db")
        try cluster.apply(service("db2", clusterIP: "10.96.0.10"))
        #expect(try stored(cluster, "db2").spec.clusterIP == "10.96.0.10")
        // Headless: no address.
        try cluster.apply(service("headless", clusterIP: "None"))
        #expect(try stored(cluster, "headless").spec.clusterIPs == ["None"])
    }

    @Test("re-applying keeps the address; changing it is refused as immutable")
    func update() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        try cluster.apply(service("web"))
        let ip = try stored(cluster, "web").spec.clusterIP
        try cluster.apply(service("web"))
        #expect(try stored(cluster, "web").spec.clusterIP == ip)
        #expect(
            throws: APIError(
                .invalid,
                "Service \"web\" is invalid: spec.clusterIP: Invalid value: \"10.96.0.99\": field is immutable")
        ) { try cluster.apply(service("web", clusterIP: "10.96.0.99")) }
    }

    @Test("node ports: asked-for ones honoured and exclusive, others from 30086-32767 first")
    func nodePorts() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        try cluster.apply(service("np", type: "NodePort", nodePort: 30080))
        #expect(try stored(cluster, "np").spec.ports?.first?.nodePort == 30080)
        #expect(
            throws: APIError(
                .invalid,
                "Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"
            )
        ) { try cluster.apply(service("np2", type: "NodePort", nodePort: 30080)) }
        try cluster.apply(service("lb", type: "LoadBalancer"))
        let port = try #require(try stored(cluster, "lb").spec.ports?.first?.nodePort)
        #expect((30086...32767).contains(port))
        // The refused np2 kept no address: kubernetes, np and lb hold the three allocated.
        #expect(cluster.serviceAllocators.clusterIPs.allocated.count == 3)
    }
}
