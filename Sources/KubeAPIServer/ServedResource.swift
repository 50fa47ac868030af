/// One resource of the served API, as discovery lists it, with the columns of its Tables
/// (kube-apiserver's `pkg/printers/internalversion/printers.go` column definitions).
public struct ServedResource: Sendable {
    /// The plural (`pods`), the name in URLs.
    public var name: String
    /// `singularName`.
    public var singularName: String
    /// `kind`.
    public var kind: String
    /// The API group; empty for the core group.
    public var group: String
    /// The version (`v1`).
    public var version: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// `shortNames` (`po`).
    public var shortNames: [String]
    /// The Table columns; priority 1 is `-o wide` only.
    public var columns: [TableColumn]
    /// Field selector labels the resource supports besides `metadata.name` and
    /// `metadata.namespace`.
    public var fieldLabels: [String]

    /// Whether it has the `scale` subresource (Deployments, ReplicaSets, StatefulSets).
    public var hasScale: Bool { ["deployments", "replicasets", "statefulsets"].contains(name) && group == "apps" }

    /// `v1` or `apps/v1`.
    public var groupVersion: String { group.isEmpty ? version : group + "/" + version }

    /// The URL prefix of its group version: `/api/v1` or `/apis/apps/v1`.
    public var prefix: String { group.isEmpty ? "/api/" + version : "/apis/" + groupVersion }
}

/// One column of a `meta.k8s.io/v1` Table.
public struct TableColumn: Sendable {
    /// The name kubectl prints upper-cased (`Nominated Node`).
    public var name: String
    /// `string`, `integer`, `date`.
    public var type: String
    /// `name` for the NAME column, else empty.
    public var format: String
    /// 0, or 1 for `-o wide` only.
    public var priority: Int
    /// The field's documentation.
    public var description: String

    /// A column.
    public init(_ name: String, type: String = "string", format: String = "", priority: Int = 0, _ description: String)
    {
        self.name = name
        self.type = type
        self.format = format
        self.priority = priority
        self.description = description
    }

    static let name = TableColumn(
        "Name", format: "name",
        "Name must be unique within a namespace. Is required when creating resources, although some resources may "
            + "allow a client to request the generation of an appropriate name automatically.")
    static let age = TableColumn(
        "Age",
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
            + "guaranteed to be set in happens-before order across separate operations.")
}

extension ServedResource {
    /// Every resource served, in discovery order.
    public static let all: [ServedResource] = [
        ServedResource(
            name: "pods", singularName: "pod", kind: "Pod", group: "", version: "v1", namespaced: true,
            shortNames: ["po"],
            columns: [
                .name, TableColumn("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                TableColumn("Status", "The aggregate status of the containers in this pod."),
                TableColumn(
                    "Restarts",
                    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
                ),
                .age,
                TableColumn(
                    "IP", priority: 1,
                    "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."
                ),
                TableColumn("Node", priority: 1, "NodeName is a request to schedule this pod onto a specific node."),
                TableColumn(
                    "Nominated Node", priority: 1,
                    "nominatedNodeName is set only when this pod preempts other pods on the node."),
                TableColumn(
                    "Readiness Gates", priority: 1,
                    "If specified, all readiness gates will be evaluated for pod readiness."),
            ],
            fieldLabels: [
                "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
            ]),
        ServedResource(
            name: "nodes", singularName: "node", kind: "Node", group: "", version: "v1", namespaced: false,
            shortNames: ["no"],
            columns: [
                .name, TableColumn("Status", "The status of the node"),
                TableColumn("Roles", "The roles of the node"), .age,
                TableColumn("Version", "Kubelet Version reported by the node."),
                TableColumn(
                    "Internal-IP", priority: 1,
                    "List of addresses reachable to the node. Queried from cloud provider, if available."),
                TableColumn(
                    "External-IP", priority: 1,
                    "List of addresses reachable to the node. Queried from cloud provider, if available."),
                TableColumn(
                    "OS-Image", priority: 1,
                    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                TableColumn(
                    "Kernel-Version", priority: 1,
                    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                TableColumn(
                    "Container-Runtime", priority: 1,
                    "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."
                ),
            ],
            fieldLabels: ["spec.unschedulable"]),
        ServedResource(
            name: "namespaces", singularName: "namespace", kind: "Namespace", group: "", version: "v1",
            namespaced: false, shortNames: ["ns"],
            columns: [.name, TableColumn("Status", "The status of the namespace"), .age],
            fieldLabels: ["status.phase"]),
        ServedResource(
            name: "events", singularName: "event", kind: "Event", group: "", version: "v1", namespaced: true,
            shortNames: ["ev"],
            columns: [
                TableColumn("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
                TableColumn("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
                TableColumn(
                    "Reason",
                    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."
                ),
                TableColumn("Object", "The object that this event is about."),
                TableColumn("Subobject", priority: 1, "The subobject (fieldPath) that this event is about."),
                TableColumn(
                    "Source", priority: 1,
                    "The component reporting this event. Should be a short machine understandable string."),
                TableColumn("Message", "A human-readable description of the status of this operation."),
                TableColumn("First Seen", priority: 1, "The time at which the event was first recorded."),
                TableColumn("Count", priority: 1, "The number of times this event has occurred."),
                TableColumn("Name", priority: 1, "Name of the event."),
            ],
            fieldLabels: [
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                "reportingComponent", "source", "type",
            ]),
        ServedResource(
            name: "configmaps", singularName: "configmap", kind: "ConfigMap", group: "", version: "v1",
            namespaced: true, shortNames: ["cm"],
            columns: [.name, TableColumn("Data", type: "string", "Data contains the configuration data."), .age],
            fieldLabels: []),
        ServedResource(
            name: "services", singularName: "service", kind: "Service", group: "", version: "v1", namespaced: true,
            shortNames: ["svc"],
            columns: [
                .name, TableColumn("Type", "type determines how the Service is exposed."),
                TableColumn("Cluster-IP", "clusterIP is the IP address of the service."),
                TableColumn(
                    "External-IP",
                    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."
                ),
                TableColumn("Port(s)", "The list of ports that are exposed by this service."), .age,
                TableColumn(
                    "Selector", priority: 1,
                    "Route service traffic to pods with label keys and values matching this selector."),
            ],
            fieldLabels: []),
        ServedResource(
            name: "secrets", singularName: "secret", kind: "Secret", group: "", version: "v1", namespaced: true,
            shortNames: [],
            columns: [
                .name, TableColumn("Type", "Used to facilitate programmatic handling of secret data."),
                TableColumn("Data", "Data contains the secret data."), .age,
            ],
            fieldLabels: ["type"]),
        ServedResource(
            name: "deployments", singularName: "deployment", kind: "Deployment", group: "apps", version: "v1",
            namespaced: true, shortNames: ["deploy"],
            columns: [
                .name, TableColumn("Ready", "Number of the pod with ready state"),
                TableColumn(
                    "Up-to-date",
                    "Total number of non-terminated pods targeted by this deployment that have the desired template spec."
                ),
                TableColumn(
                    "Available",
                    "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                .age,
                TableColumn("Containers", priority: 1, "Names of each container in the template."),
                TableColumn("Images", priority: 1, "Images referenced by each container in the template."),
                TableColumn("Selector", priority: 1, "Label selector for pods."),
            ],
            fieldLabels: []),
        ServedResource(
            name: "replicasets", singularName: "replicaset", kind: "ReplicaSet", group: "apps", version: "v1",
            namespaced: true, shortNames: ["rs"],
            columns: [
                .name, TableColumn("Desired", "Replicas is the number of desired replicas."),
                TableColumn("Current", "Replicas is the most recently observed number of replicas."),
                TableColumn("Ready", "The number of ready replicas for this replica set."), .age,
                TableColumn("Containers", priority: 1, "Names of each container in the template."),
                TableColumn("Images", priority: 1, "Images referenced by each container in the template."),
                TableColumn(
                    "Selector", priority: 1,
                    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."
                ),
            ],
            fieldLabels: []),
        ServedResource(
            name: "daemonsets", singularName: "daemonset", kind: "DaemonSet", group: "apps", version: "v1",
            namespaced: true, shortNames: ["ds"],
            columns: [
                .name,
                TableColumn(
                    "Desired",
                    "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."
                ),
                TableColumn(
                    "Current",
                    "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."
                ),
                TableColumn(
                    "Ready",
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."
                ),
                TableColumn("Up-to-date", "The total number of nodes that are running updated daemon pod"),
                TableColumn(
                    "Available",
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"
                ),
                TableColumn(
                    "Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
                .age,
                TableColumn("Containers", priority: 1, "Names of each container in the template."),
                TableColumn("Images", priority: 1, "Images referenced by each container in the template."),
                TableColumn("Selector", priority: 1, "Label selector for pods."),
            ],
            fieldLabels: []),
        ServedResource(
            name: "statefulsets", singularName: "statefulset", kind: "StatefulSet", group: "apps", version: "v1",
            namespaced: true, shortNames: ["sts"],
            columns: [
                .name, TableColumn("Ready", "Number of the pod with ready state"), .age,
                TableColumn("Containers", priority: 1, "Names of each container in the template."),
                TableColumn("Images", priority: 1, "Images referenced by each container in the template."),
            ],
            fieldLabels: []),
        ServedResource(
            name: "jobs", singularName: "job", kind: "Job", group: "batch", version: "v1", namespaced: true,
            shortNames: [],
            columns: [
                .name, TableColumn("Completions", "The completion status of the job."), .age,
                TableColumn("Containers", priority: 1, "Names of each container in the template."),
                TableColumn("Images", priority: 1, "Images referenced by each container in the template."),
                TableColumn(
                    "Selector", priority: 1,
                    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."
                ),
            ],
            fieldLabels: ["status.successful"]),
        ServedResource(
            name: "poddisruptionbudgets", singularName: "poddisruptionbudget", kind: "PodDisruptionBudget",
            group: "policy", version: "v1", namespaced: true, shortNames: ["pdb"],
            columns: [
                .name,
                TableColumn(
                    "Min Available",
                    "The minimum number of pods that must be available simultaneously. This can be either an integer or a string specifying a percentage, e.g. \"28%\"."
                ),
                TableColumn(
                    "Max Unavailable",
                    "The maximum number of pods that may be unavailable simultaneously. This can be either an integer or a string specifying a percentage, e.g. \"28%\"."
                ),
                .age,
            ],
            fieldLabels: []),
        ServedResource(
            name: "priorityclasses", singularName: "priorityclass", kind: "PriorityClass", group: "scheduling.k8s.io",
            version: "v1", namespaced: false, shortNames: ["pc"],
            columns: [
                .name,
                TableColumn(
                    "Value",
                    "The value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."
                ),
                TableColumn(
                    "Global-Default",
                    "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."
                ),
                .age,
                TableColumn(
                    "PreemptionPolicy", "PreemptionPolicy is the Policy for preempting pods with lower priority."),
            ],
            fieldLabels: []),
        ServedResource(
            name: "events", singularName: "event", kind: "Event", group: "events.k8s.io", version: "v1",
            namespaced: true, shortNames: ["ev"],
            columns: [.name, .age], fieldLabels: []),
        ServedResource(
            name: "endpointslices", singularName: "endpointslice", kind: "EndpointSlice", group: "discovery.k8s.io",
            version: "v1", namespaced: true, shortNames: [],
            columns: [
                .name,
                TableColumn("AddressType", "addressType specifies the type of address carried by this EndpointSlice."),
                TableColumn(
                    "Ports", "ports specifies the list of network ports exposed by each endpoint in this slice."),
                TableColumn("Endpoints", "endpoints is a list of unique endpoints in this slice."), .age,
            ],
            fieldLabels: []),
        ServedResource(
            name: "leases", singularName: "lease", kind: "Lease", group: "coordination.k8s.io", version: "v1",
            namespaced: true, shortNames: [],
            columns: [
                .name, TableColumn("Holder", "The holder of the lease."), .age,
            ],
            fieldLabels: []),
    ]

    /// The groups besides the core one, in discovery order: name and version.
    public static let groups: [String] = [
        "apps", "batch", "policy", "scheduling.k8s.io", "events.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
    ]

    /// Resources of a group version (`""` and `v1` for the core group).
    public static func resources(group: String, version: String) -> [ServedResource] {
        all.filter { $0.group == group && $0.version == version }
    }
}
