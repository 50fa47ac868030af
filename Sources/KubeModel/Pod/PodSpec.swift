/// The desired state of a pod (core/v1 `PodSpec`).
///
/// `restartPolicy` (Always), `terminationGracePeriodSeconds` (30), `dnsPolicy` (ClusterFirst)
/// and `schedulerName` (default-scheduler) are defaulted on decoding as in
/// pkg/apis/core/v1/defaults.go `SetDefaults_PodSpec`. Context-dependent defaults (priority,
/// default tolerations, QoS) are applied by ``Pod/applyingAdmissionDefaults(priorityClasses:)``.
///
/// Fields that pods seldom set and that are large inline (affinity, pod-level resources, a few
/// optional names) are boxed (``Indirect``): every stored pod's manifest keeps a `PodSpec`.
public struct PodSpec: Hashable, Sendable {
    /// Volumes the containers may mount.
    public var volumes: [Volume]?
    /// Init containers, run in order; those with `restartPolicy: Always` are sidecars.
    public var initContainers: [Container]?
    /// The regular containers (at least one).
    public var containers: [Container]
    /// Ephemeral debug containers (tolerated).
    public var ephemeralContainers: JSONValue?
    /// `Always` (default), `OnFailure` or `Never`.
    public var restartPolicy: RestartPolicy
    /// Seconds between SIGTERM and SIGKILL (default 30).
    public var terminationGracePeriodSeconds: Int
    /// Seconds the pod may be active before the kubelet fails it.
    @Indirect public var activeDeadlineSeconds: Int?
    /// DNS policy (default ClusterFirst; not simulated).
    public var dnsPolicy: String
    /// Node labels the node must have.
    public var nodeSelector: [String: String]?
    /// Service account name.
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`.
    @Indirect public var serviceAccount: String?
    /// Whether to mount the service account token.
    public var automountServiceAccountToken: Bool?
    /// The node the pod is bound to.
    public var nodeName: String?
    /// Use the host's network namespace.
    public var hostNetwork: Bool?
    /// Use the host's PID namespace.
    public var hostPID: Bool?
    /// Use the host's IPC namespace.
    public var hostIPC: Bool?
    /// Share a PID namespace between containers.
    public var shareProcessNamespace: Bool?
    /// Pod security context (tolerated).
    public var securityContext: JSONValue?
    /// Image pull secrets (tolerated).
    public var imagePullSecrets: JSONValue?
    /// Hostname.
    @Indirect public var hostname: String?
    /// Subdomain.
    @Indirect public var subdomain: String?
    /// Affinity and anti-affinity.
    @Indirect public var affinity: Affinity?
    /// Scheduler that handles the pod (default `default-scheduler`).
    public var schedulerName: String
    /// Tolerations.
    public var tolerations: [Toleration]?
    /// Host aliases (tolerated).
    public var hostAliases: JSONValue?
    /// Name of a PriorityClass.
    public var priorityClassName: String?
    /// Priority, resolved from `priorityClassName` at admission.
    public var priority: Int?
    /// DNS config (tolerated).
    public var dnsConfig: JSONValue?
    /// Extra readiness conditions.
    public var readinessGates: [PodReadinessGate]?
    /// RuntimeClass name.
    @Indirect public var runtimeClassName: String?
    /// Inject service environment variables.
    public var enableServiceLinks: Bool?
    /// `PreemptLowerPriority` or `Never`.
    public var preemptionPolicy: PreemptionPolicy?
    /// Pod overhead added to requests by RuntimeClass.
    public var overhead: ResourceList?
    /// Spread constraints.
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    /// Use the FQDN as hostname.
    public var setHostnameAsFQDN: Bool?
    /// OS (tolerated).
    public var os: JSONValue?
    /// Gates that keep the pod out of scheduling while present.
    public var schedulingGates: [PodSchedulingGate]?
    /// Dynamic resource claims (tolerated).
    public var resourceClaims: JSONValue?
    /// Pod-level resources (PodLevelResources).
    @Indirect public var resources: ResourceRequirements?

    /// Creates a spec with the API defaults.
    public init(
        containers: [Container], initContainers: [Container]? = nil, volumes: [Volume]? = nil,
        restartPolicy: RestartPolicy = .always, terminationGracePeriodSeconds: Int = 30,
        nodeSelector: [String: String]? = nil, nodeName: String? = nil, affinity: Affinity? = nil,
        schedulerName: String = "default-scheduler", tolerations: [Toleration]? = nil,
        priorityClassName: String? = nil, priority: Int? = nil, preemptionPolicy: PreemptionPolicy? = nil,
        overhead: ResourceList? = nil, topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        schedulingGates: [PodSchedulingGate]? = nil, readinessGates: [PodReadinessGate]? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.dnsPolicy = "ClusterFirst"
        self.nodeSelector = nodeSelector
        self.nodeName = nodeName
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.schedulingGates = schedulingGates
        self.readinessGates = readinessGates
    }

    /// Init containers then regular containers, in spec order.
    public var allContainers: [Container] { (initContainers ?? []) + containers }
}

extension PodSpec: Codable {
    /// Decodes and applies `SetDefaults_PodSpec`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        volumes = try c.decodeIfPresent([Volume].self, forKey: .volumes)
        initContainers = try c.decodeIfPresent([Container].self, forKey: .initContainers)
        containers = try c.decode(.containers, default: [])
        ephemeralContainers = try c.decodeIfPresent(JSONValue.self, forKey: .ephemeralContainers)
        restartPolicy = try c.decode(.restartPolicy, default: RestartPolicy.always)
        terminationGracePeriodSeconds = try c.decode(.terminationGracePeriodSeconds, default: 30)
        activeDeadlineSeconds = try c.decodeIfPresent(Int.self, forKey: .activeDeadlineSeconds)
        dnsPolicy = try c.decode(.dnsPolicy, default: "ClusterFirst")
        nodeSelector = try c.decodeIfPresent([String: String].self, forKey: .nodeSelector)
        serviceAccountName = try c.decodeIfPresent(String.self, forKey: .serviceAccountName)
        serviceAccount = try c.decodeIfPresent(String.self, forKey: .serviceAccount)
        automountServiceAccountToken = try c.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
        nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        hostNetwork = try c.decodeIfPresent(Bool.self, forKey: .hostNetwork)
        hostPID = try c.decodeIfPresent(Bool.self, forKey: .hostPID)
        hostIPC = try c.decodeIfPresent(Bool.self, forKey: .hostIPC)
        shareProcessNamespace = try c.decodeIfPresent(Bool.self, forKey: .shareProcessNamespace)
        securityContext = try c.decodeIfPresent(JSONValue.self, forKey: .securityContext)
        imagePullSecrets = try c.decodeIfPresent(JSONValue.self, forKey: .imagePullSecrets)
        hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        subdomain = try c.decodeIfPresent(String.self, forKey: .subdomain)
        affinity = try c.decodeIfPresent(Affinity.self, forKey: .affinity)
        schedulerName = try c.decode(.schedulerName, default: "default-scheduler")
        tolerations = try c.decodeIfPresent([Toleration].self, forKey: .tolerations)
        hostAliases = try c.decodeIfPresent(JSONValue.self, forKey: .hostAliases)
        priorityClassName = try c.decodeIfPresent(String.self, forKey: .priorityClassName)
        priority = try c.decodeIfPresent(Int.self, forKey: .priority)
        dnsConfig = try c.decodeIfPresent(JSONValue.self, forKey: .dnsConfig)
        readinessGates = try c.decodeIfPresent([PodReadinessGate].self, forKey: .readinessGates)
        runtimeClassName = try c.decodeIfPresent(String.self, forKey: .runtimeClassName)
        enableServiceLinks = try c.decodeIfPresent(Bool.self, forKey: .enableServiceLinks)
        preemptionPolicy = try c.decodeIfPresent(PreemptionPolicy.self, forKey: .preemptionPolicy)
        overhead = try c.decodeIfPresent(ResourceList.self, forKey: .overhead)
        topologySpreadConstraints = try c.decodeIfPresent(
            [TopologySpreadConstraint].self, forKey: .topologySpreadConstraints)
        setHostnameAsFQDN = try c.decodeIfPresent(Bool.self, forKey: .setHostnameAsFQDN)
        os = try c.decodeIfPresent(JSONValue.self, forKey: .os)
        schedulingGates = try c.decodeIfPresent([PodSchedulingGate].self, forKey: .schedulingGates)
        resourceClaims = try c.decodeIfPresent(JSONValue.self, forKey: .resourceClaims)
        resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources)
    }
}

/// A scheduling gate (core/v1 `PodSchedulingGate`).
public struct PodSchedulingGate: Codable, Hashable, Sendable {
    /// Gate name.
    public var name: String
    /// Creates a gate.
    public init(name: String) { self.name = name }
}

/// An extra readiness condition (core/v1 `PodReadinessGate`).
public struct PodReadinessGate: Codable, Hashable, Sendable {
    /// The pod condition type.
    public var conditionType: String
    /// Creates a gate.
    public init(conditionType: String) { self.conditionType = conditionType }
}
