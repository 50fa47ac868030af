import ClusterComponents
import KubeModel
import SimulationCore
import SimulationOutput
import Testing

/// `kubectl get service` (printers.go `printService`) and `describe service` (describe.go
/// `describeService`, `formatEndpointSlices`) with the EndpointSlice controller's endpoints.
@Suite struct ServicePrinterTests {
    typealias Endpoint = EndpointSliceView.Endpoint

    func endpoint(_ address: String, ready: Bool = true) -> Endpoint {
        Endpoint(address: address, ready: ready, nodeName: nil, podName: address)
    }

    @Test("formatEndpointSlices: the first three ready endpoints, then `+ N more...` counting the rest")
    func moreEndpoints() {
        let port = EndpointSliceView.Port(name: "http", port: 8080, protocol: .tcp)
        let five = EndpointSliceView(ports: [port], endpoints: (1...5).map { endpoint("10.0.0.\($0)") })
        #expect(
            ServiceDescriber.formatEndpointSlices([five], portName: "http")
                == "10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...")
        // Another port name: none of this slice's.
        #expect(ServiceDescriber.formatEndpointSlices([five], portName: "metrics") == "")
        #expect(ServiceDescriber.formatEndpointSlices([], portName: "http") == "<none>")
        // A not-ready fourth endpoint still sets `more` (kubectl checks the length first) but is
        // not counted: `+ 0 more...`.
        let quirk = EndpointSliceView(
            ports: [port],
            endpoints: [
                endpoint("a"), endpoint("b", ready: false), endpoint("c"), endpoint("d"), endpoint("e", ready: false),
            ])
        #expect(ServiceDescriber.formatEndpointSlices([quirk], portName: "http") == "a:8080,c:8080,d:8080 + 0 more...")
        // Headless without ports: addresses alone.
        let headless = EndpointSliceView(ports: [], endpoints: [endpoint("10.0.0.9")])
        #expect(ServiceDescriber.formatEndpointSlices([headless], portName: "") == "10.0.0.9")
    }

    @Test("the EndpointSlice controller's view: matching live pods with an IP, named ports resolved per pod")
    func endpointSlices() throws {
        var h = KubeletHarness { _, _ in .default }
        func pod(_ name: String, labels: [String: String], ports: [ContainerPort]) throws {
            var container = app()
            container.ports = ports
            var spec = PodSpec(containers: [container])
            spec.nodeName = "n1"
            var metadata = ObjectMeta(name: name, namespace: "default")
            metadata.labels = labels
            try h.cluster.createPod(admitting: Pod(metadata: metadata, spec: spec))
        }
        try pod("a", labels: ["app": "web"], ports: [ContainerPort(name: "http", containerPort: 8080)])
        try pod("b", labels: ["app": "web"], ports: [])
        try pod("c", labels: ["app": "db"], ports: [ContainerPort(name: "http", containerPort: 8080)])
        try pod("d", labels: ["app": "web", "x": "y"], ports: [ContainerPort(name: "http", containerPort: 8081)])
        h.run(to: 10)
        try h.cluster.delete(kind: "Pod", namespace: "default", name: "d")
        h.run(to: 11)
        var spec = ServiceSpec(
            selector: ["app": "web"],
            ports: [
                ServicePort(name: "http", port: 80, targetPort: .string("http")),
                ServicePort(name: "metrics", port: 9090),
            ])
        spec.clusterIP = "10.96.0.20"
        try h.cluster.apply(.service(Service(metadata: ObjectMeta(name: "web", namespace: "default"), spec: spec)))
        let object = try #require(h.cluster.api.object(kind: "Service", namespace: "default", name: "web"))
        guard case .service(let service) = object.object else {
            Issue.record("not a service")
            return
        }
        let ip = { (name: String) in
            h.cluster.api[h.cluster.api.podID(namespace: "default", name: name)!].status.podIP ?? ""
        }
        let slices = h.cluster.api.endpointSlices(of: service, namespace: "default")
        // a resolves `http` to 8080; b has no port of that name: a slice of its own; c does
        // not match; d is deleted (its container exits at once on SIGTERM, so it is gone).
        #expect(h.cluster.api.podID(namespace: "default", name: "d") == nil)
        #expect(slices.count == 2)
        #expect(slices.first?.endpoints.map(\.address) == [ip("a")])
        #expect(slices.first?.endpoints.map(\.ready) == [true])
        #expect(
            slices.first?.ports == [
                EndpointSliceView.Port(name: "http", port: 8080, protocol: .tcp),
                EndpointSliceView.Port(name: "metrics", port: 9090, protocol: .tcp),
            ])
        #expect(slices.last?.endpoints.map(\.address) == [ip("b")])
        #expect(slices.last?.ports == [EndpointSliceView.Port(name: "metrics", port: 9090, protocol: .tcp)])
        let text = ServiceDescriber.describe(service, namespace: "default", slices: slices, events: [], now: h.now)
        #expect(
            text == """
                Name:                     web
                Namespace:                default
                Labels:                   <none>
                Annotations:              <none>
                Selector:                 app=web
                Type:                     ClusterIP
                IP Family Policy:         SingleStack
                IP Families:              IPv4
                IP:                       10.96.0.20
                IPs:                      10.96.0.20
                Port:                     http  80/TCP
                TargetPort:               http/TCP
                Endpoints:                \(ip("a")):8080
                Port:                     metrics  9090/TCP
                TargetPort:               9090/TCP
                Endpoints:                \(ip("a")):9090,\(ip("b")):9090
                Session Affinity:         None
                Internal Traffic Policy:  Cluster
                Events:                   <none>

                """)
    }

    @Test(
        "printService: NodePort ports with their node port, a LoadBalancer <pending>, ExternalName's name, headless None"
    )
    func getColumns() throws {
        let cluster = Cluster(configuration: ClusterConfiguration())
        func apply(_ name: String, _ spec: ServiceSpec) throws {
            try cluster.apply(.service(Service(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)))
        }
        try apply(
            "np",
            ServiceSpec(type: "NodePort", ports: [ServicePort(port: 80, nodePort: 30080)], clusterIP: "10.96.0.30"))
        try apply(
            "lb",
            ServiceSpec(
                type: "LoadBalancer",
                ports: [
                    ServicePort(name: "a", port: 443, nodePort: 31000),
                    ServicePort(name: "b", protocol: .udp, port: 53, nodePort: 31001),
                ],
                clusterIP: "10.96.0.31"))
        var external = ServiceSpec(type: "ExternalName")
        external.externalName = "db.example.com"
        try apply("ext", external)
        try apply("headless", ServiceSpec(ports: [ServicePort(port: 5432)], clusterIP: "None"))
        let table = try #require(
            ObjectPrinter.table(
                resource: "svc", in: ClusterView(cluster), namespace: "default", now: .zero + .seconds(90)))
        #expect(
            table == """
                NAME         TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                      AGE
                ext          ExternalName   <none>       db.example.com   <none>                       90s
                headless     ClusterIP      None         <none>           5432/TCP                     90s
                kubernetes   ClusterIP      10.96.0.1    <none>           443/TCP                      90s
                lb           LoadBalancer   10.96.0.31   <pending>        443:31000/TCP,53:31001/UDP   90s
                np           NodePort       10.96.0.30   <none>           80:30080/TCP                 90s

                """)
    }
}
