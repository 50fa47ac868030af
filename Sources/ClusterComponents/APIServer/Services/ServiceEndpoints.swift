import KubeModel

/// The EndpointSlices of a Service as the EndpointSlice controller (pkg/controller/endpointslice
/// `reconciler.reconcile`) keeps them, computed from the pods when asked rather than by a
/// controller on every pod change: Services are rare and only printers read their endpoints,
/// so a run without `describe svc` pays nothing.
///
/// One slice per set of resolved ports (a named target port resolves per pod, `FindPort` in
/// pkg/api/v1/pod/util.go, and a pod without it goes to a slice without that port). Pods are
/// taken in key order (namespace, then name): the controller's lister order is its cache's.
public struct EndpointSliceView: Hashable, Sendable {
    /// One port of a slice.
    public struct Port: Hashable, Sendable {
        /// The Service port's name (`""` when unnamed).
        public var name: String
        /// The pod's port.
        public var port: Int
        /// The protocol.
        public var `protocol`: PortProtocol

        /// Creates a port.
        public init(name: String, port: Int, protocol: PortProtocol) {
            self.name = name
            self.port = port
            self.protocol = `protocol`
        }
    }

    /// One endpoint (a pod).
    public struct Endpoint: Hashable, Sendable {
        /// The pod's IP.
        public var address: String
        /// `conditions.ready`: the pod is Ready and not terminating (or the Service publishes
        /// not-ready addresses).
        public var ready: Bool
        /// The pod's node.
        public var nodeName: String?
        /// The pod's name (`targetRef`); empty for the API server's own endpoint.
        public var podName: String

        /// Creates an endpoint.
        public init(address: String, ready: Bool, nodeName: String?, podName: String) {
            self.address = address
            self.ready = ready
            self.nodeName = nodeName
            self.podName = podName
        }
    }

    /// The ports.
    public var ports: [Port]
    /// The endpoints.
    public var endpoints: [Endpoint]

    /// Creates a slice.
    public init(ports: [Port], endpoints: [Endpoint]) {
        self.ports = ports
        self.endpoints = endpoints
    }
}

extension APIStore {
    /// The EndpointSlices of the Service `service` in `namespace`, now.
    ///
    /// A pod is an endpoint when the selector matches its labels and it has an IP and is not
    /// terminal (`ShouldPodBeInEndpoints` with terminating pods included); it is ready when
    /// Ready and not terminating (`podToEndpoint`). A Service without a selector has the slices
    /// someone else writes: for `default/kubernetes` the API server's endpoint reconciler's,
    /// ``Cluster/apiServerEndpoint``; none otherwise.
    /// - Complexity: O(pods) when the Service has a selector.
    public func endpointSlices(of service: Service, namespace: String) -> [EndpointSliceView] {
        guard let selector = service.spec.selector, !selector.isEmpty else {
            guard namespace == "default", service.metadata.name == "kubernetes" else { return [] }
            let port = service.spec.ports?.first
            return [
                EndpointSliceView(
                    ports: [
                        .init(
                            name: port?.name ?? "https", port: Cluster.apiServerEndpoint.port,
                            protocol: port?.protocol ?? .tcp)
                    ],
                    endpoints: [
                        .init(address: Cluster.apiServerEndpoint.address, ready: true, nodeName: nil, podName: "")
                    ])
            ]
        }
        var slices: [EndpointSliceView] = []
        let publishNotReady = service.spec.publishNotReadyAddresses ?? false
        let pods = pods.filter { pod in
            !pod.isRemoved && pod.namespace == namespace && !pod.isTerminal && pod.status.podIP != nil
                && selector.allSatisfy { pod.pod.metadata.labels?[$0.key] == $0.value }
        }
        .sorted { $0.name < $1.name }
        for pod in pods {
            var ports: [EndpointSliceView.Port] = []
            for servicePort in service.spec.ports ?? [] {
                let proto = servicePort.protocol ?? .tcp
                if let port = Self.findPort(servicePort, proto: proto, in: pod.pod.spec) {
                    ports.append(.init(name: servicePort.name ?? "", port: port, protocol: proto))
                }
            }
            let podReady = pod.status.condition("Ready")?.status == .true
            let endpoint = EndpointSliceView.Endpoint(
                address: pod.status.podIP ?? "", ready: publishNotReady || (podReady && !pod.isTerminating),
                nodeName: pod.pod.spec.nodeName, podName: pod.name)
            if let index = slices.firstIndex(where: { $0.ports == ports }) {
                slices[index].endpoints.append(endpoint)
            } else {
                slices.append(EndpointSliceView(ports: ports, endpoints: [endpoint]))
            }
        }
        return slices
    }

    /// `FindPort`: a numeric target port as is; a named one is the first container port of
    /// that name and protocol (regular containers, then restartable init containers).
    static func findPort(_ servicePort: ServicePort, proto: PortProtocol, in spec: PodSpec) -> Int? {
        switch servicePort.targetPort ?? .int(servicePort.port) {
        case .int(let number): return number
        case .string(let name):
            let sidecars = (spec.initContainers ?? []).filter { $0.restartPolicy == .always }
            for container in spec.containers + sidecars {
                for port in container.ports ?? [] where port.name == name && port.protocol == proto {
                    return port.containerPort
                }
            }
            return nil
        }
    }
}
