import KubeModel

/// Services in the API server: the registry's allocation on create
/// (pkg/registry/core/service/storage), the `kubernetes` Service the control plane keeps in
/// `default` (pkg/controlplane/controller/kubernetesservice), and the API server's endpoint.
extension Cluster {
    /// The API server's advertise address and secure port, which the `kubernetes` Service's
    /// endpoints name. kubesim simulates no control-plane node: the address is the first of the
    /// node network (nodes start at 10.0.0.2), the port kubeadm's and kind's 6443.
    public static let apiServerEndpoint = (address: "10.0.0.1", port: 6443)

    /// Creates the `kubernetes` Service at the service CIDR's first address
    /// (`controlplane.ServiceIP`, index 1 of the range) with the labels and port
    /// `CreateOrUpdateMasterServiceIfNeeded` gives it: `https` 443/TCP to the API server's 6443.
    func createDefaultService() {
        var metadata = ObjectMeta()
        metadata.name = "kubernetes"
        metadata.namespace = "default"
        metadata.labels = ["component": "apiserver", "provider": "kubernetes"]
        var spec = ServiceSpec(
            type: "ClusterIP",
            ports: [
                ServicePort(name: "https", protocol: .tcp, port: 443, targetPort: .int(Self.apiServerEndpoint.port))
            ],
            clusterIP: ServiceAllocators.address(0).description)
        spec.sessionAffinity = "None"
        var service = Service(metadata: metadata, spec: spec).withDefaults()
        try! serviceAllocators.allocate(&service)
        store(.service(service), namespace: "default")
    }

    /// Creates a Service (allocating its cluster IP and node ports) or updates one, keeping the
    /// addresses it was given: `spec.clusterIP` is immutable (`ValidateServiceUpdate`).
    /// - Throws: ``APIError`` `Invalid` when an address or port cannot be allocated or changes.
    func applyService(_ manifest: Service, namespace: String) throws(APIError) {
        var service = manifest.withDefaults()
        service.metadata.namespace = namespace
        let name = service.metadata.name ?? ""
        if case .service(let old)? = api.object(kind: "Service", namespace: namespace, name: name)?.object {
            if let asked = service.spec.clusterIP, !asked.isEmpty, asked != old.spec.clusterIP {
                throw APIError(
                    .invalid,
                    "Service \"\(name)\" is invalid: spec.clusterIP: Invalid value: \"\(asked)\": field is immutable")
            }
            service.spec.clusterIP = old.spec.clusterIP
            service.spec.clusterIPs = old.spec.clusterIPs
            service.spec.ipFamilies = service.spec.ipFamilies ?? old.spec.ipFamilies
            service.spec.ipFamilyPolicy = service.spec.ipFamilyPolicy ?? old.spec.ipFamilyPolicy
            let oldPorts = old.spec.ports ?? []
            if var ports = service.spec.ports {
                for i in ports.indices where ports[i].nodePort == nil {
                    ports[i].nodePort =
                        oldPorts.first { $0.port == ports[i].port && $0.protocol == ports[i].protocol }?
                        .nodePort
                }
                service.spec.ports = ports
            }
            store(.service(service), namespace: namespace)
            return
        }
        try serviceAllocators.allocate(&service)
        store(.service(service), namespace: namespace)
    }
}
