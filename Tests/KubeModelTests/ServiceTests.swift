import Testing

@testable import KubeModel

/// Services decoded, defaulted (pkg/apis/core/v1/defaults.go `SetDefaults_Service`) and
/// validated (pkg/apis/core/validation `ValidateService`) with the lines of the offending fields.
@Suite struct ServiceTests {
    func load(_ yaml: String) -> ManifestLoader.Result { ManifestLoader().load(text: yaml, fileName: "svc.yaml") }

    @Test("defaults: ClusterIP, session affinity None, TCP, target port = port, internal traffic policy Cluster")
    func defaults() throws {
        let result = load(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
              - {name: dns, port: 53, protocol: UDP, targetPort: dns}
            """)
        // Two ports need names: the first has none.
        #expect(result.errors.map(\.description) == ["svc.yaml:8: Service \"web\": spec.ports[0].name: Required value"])
        let ok = load(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - port: 80
            """)
        #expect(!ok.hasErrors, "\(ok.diagnostics)")
        guard case .service(let service)? = ok.objects.first?.object else {
            Issue.record("not a Service")
            return
        }
        #expect(service.metadata.namespace == "default")
        #expect(service.spec.sessionAffinity == "None")
        #expect(service.spec.ports == [ServicePort(protocol: .tcp, port: 80, targetPort: .int(80))])
        #expect(service.spec.internalTrafficPolicy == "Cluster")
        #expect(service.spec.externalTrafficPolicy == "Cluster")
    }

    @Test("ValidateService: DNS-1035 names, types, port ranges, node ports on ClusterIP, cluster IPs, ExternalName")
    func validation() {
        let result = load(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: 1web
            spec:
              type: ClusterIP
              clusterIP: 10.96.0.300
              ports:
              - name: a
                port: 70000
                nodePort: 30001
              - name: a
                port: 80
                protocol: ICMP
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: ext
            spec:
              type: ExternalName
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: none
            spec:
              type: Magic
            """)
        let dns1035 =
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        #expect(
            result.errors.map(\.description) == [
                "svc.yaml:4: Service \"1web\": metadata.name: Invalid value: \"1web\": \(dns1035)",
                "svc.yaml:10: Service \"1web\": spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "svc.yaml:11: Service \"1web\": spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
                "svc.yaml:12: Service \"1web\": spec.ports[1].name: Duplicate value: \"a\"",
                "svc.yaml:14: Service \"1web\": spec.ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "svc.yaml:6: Service \"1web\": spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "svc.yaml:21: Service \"ext\": spec.externalName: Required value",
                "svc.yaml:28: Service \"none\": spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
                "svc.yaml:28: Service \"none\": spec.ports: Required value",
            ])
    }

    @Test("IPv4 addresses parse as Go's netip does: four decimal bytes, no leading zeros")
    func addresses() {
        #expect(IPv4Address("10.96.0.1")?.value == 0x0A60_0001)
        #expect(IPv4Address("10.96.0.1")?.description == "10.96.0.1")
        for bad in ["10.96.0", "10.96.0.256", "10.96.00.1", "a.b.c.d", "10.96.0.1.2", ""] {
            #expect(IPv4Address(bad) == nil, "\(bad)")
        }
    }
}
