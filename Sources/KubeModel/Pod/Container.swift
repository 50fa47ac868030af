/// A container in a pod (k8s.io/api/core/v1 `Container`).
///
/// `imagePullPolicy`, `terminationMessagePath` and `terminationMessagePolicy` are defaulted on
/// decoding as the API server does (pkg/apis/core/v1/defaults.go `SetDefaults_Container`).
public struct Container: Hashable, Sendable {
    /// Name, a DNS-1123 label unique in the pod.
    public var name: String
    /// Image reference (required for regular containers).
    public var image: String?
    /// Entrypoint override.
    public var command: [String]?
    /// Arguments.
    public var args: [String]?
    /// Working directory.
    public var workingDir: String?
    /// Exposed ports.
    public var ports: [ContainerPort]?
    /// Environment from ConfigMaps/Secrets.
    public var envFrom: [EnvFromSource]?
    /// Environment variables.
    public var env: [EnvVar]?
    /// Requests and limits.
    public var resources: ResourceRequirements
    /// Volume mounts.
    public var volumeMounts: [VolumeMount]?
    /// Block device mappings (tolerated).
    public var volumeDevices: JSONValue?
    /// Liveness probe.
    @Indirect public var livenessProbe: Probe?
    /// Readiness probe.
    @Indirect public var readinessProbe: Probe?
    /// Startup probe.
    @Indirect public var startupProbe: Probe?
    /// postStart/preStop hooks.
    @Indirect public var lifecycle: Lifecycle?
    /// Path of the termination message file (default `/dev/termination-log`).
    public var terminationMessagePath: String
    /// `File` (default) or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String
    /// Pull policy, defaulted from the image tag.
    public var imagePullPolicy: PullPolicy
    /// Security context (tolerated, not interpreted).
    public var securityContext: JSONValue?
    /// Allocate stdin.
    public var stdin: Bool?
    /// Close stdin after first attach.
    public var stdinOnce: Bool?
    /// Allocate a TTY.
    public var tty: Bool?
    /// Per-container restart policy; `Always` on an init container makes it a native sidecar.
    public var restartPolicy: ContainerRestartPolicy?
    /// Rules refining `restartPolicy` by exit code (ContainerRestartRules).
    public var restartPolicyRules: [ContainerRestartRule]?
    /// In-place resize policy (tolerated).
    public var resizePolicy: JSONValue?

    /// Creates a container; `imagePullPolicy` defaults from `image` as the API server does.
    public init(
        name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, ports: [ContainerPort]? = nil, envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil, resources: ResourceRequirements = .init(), volumeMounts: [VolumeMount]? = nil,
        livenessProbe: Probe? = nil, readinessProbe: Probe? = nil, startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil, imagePullPolicy: PullPolicy? = nil,
        restartPolicy: ContainerRestartPolicy? = nil, restartPolicyRules: [ContainerRestartRule]? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = "/dev/termination-log"
        self.terminationMessagePolicy = "File"
        self.imagePullPolicy = imagePullPolicy ?? Self.defaultPullPolicy(image: image ?? "")
        self.restartPolicy = restartPolicy
        self.restartPolicyRules = restartPolicyRules
    }

    /// Whether this is a native sidecar (an init container with `restartPolicy: Always`).
    public var isSidecar: Bool { restartPolicy == .always }

    /// The default pull policy for an image reference (pkg/apis/core/v1/defaults.go
    /// `SetDefaults_Container`): tag `latest`, or no tag and no digest, ⇒ `Always`; otherwise
    /// `IfNotPresent`.
    public static func defaultPullPolicy(image: String) -> PullPolicy {
        let reference = ImageReference(image)
        if reference.digest != nil && reference.tag == nil { return .ifNotPresent }
        if reference.tag == nil || reference.tag == "latest" { return .always }
        return .ifNotPresent
    }
}

extension Container: Codable {
    /// Decodes and applies `SetDefaults_Container`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(.name, default: "")
        image = try c.decodeIfPresent(String.self, forKey: .image)
        command = try c.decodeIfPresent([String].self, forKey: .command)
        args = try c.decodeIfPresent([String].self, forKey: .args)
        workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir)
        ports = try c.decodeIfPresent([ContainerPort].self, forKey: .ports)
        envFrom = try c.decodeIfPresent([EnvFromSource].self, forKey: .envFrom)
        env = try c.decodeIfPresent([EnvVar].self, forKey: .env)
        resources = try c.decode(.resources, default: ResourceRequirements())
        volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: .volumeMounts)
        volumeDevices = try c.decodeIfPresent(JSONValue.self, forKey: .volumeDevices)
        livenessProbe = try c.decodeIfPresent(Probe.self, forKey: .livenessProbe)
        readinessProbe = try c.decodeIfPresent(Probe.self, forKey: .readinessProbe)
        startupProbe = try c.decodeIfPresent(Probe.self, forKey: .startupProbe)
        lifecycle = try c.decodeIfPresent(Lifecycle.self, forKey: .lifecycle)
        terminationMessagePath = try c.decode(.terminationMessagePath, default: "/dev/termination-log")
        terminationMessagePolicy = try c.decode(.terminationMessagePolicy, default: "File")
        imagePullPolicy =
            try c.decodeIfPresent(PullPolicy.self, forKey: .imagePullPolicy)
            ?? Self.defaultPullPolicy(image: image ?? "")
        securityContext = try c.decodeIfPresent(JSONValue.self, forKey: .securityContext)
        stdin = try c.decodeIfPresent(Bool.self, forKey: .stdin)
        stdinOnce = try c.decodeIfPresent(Bool.self, forKey: .stdinOnce)
        tty = try c.decodeIfPresent(Bool.self, forKey: .tty)
        restartPolicy = try c.decodeIfPresent(ContainerRestartPolicy.self, forKey: .restartPolicy)
        restartPolicyRules = try c.decodeIfPresent([ContainerRestartRule].self, forKey: .restartPolicyRules)
        resizePolicy = try c.decodeIfPresent(JSONValue.self, forKey: .resizePolicy)
    }
}

/// A rule of `restartPolicyRules` (ContainerRestartRules feature).
public struct ContainerRestartRule: Codable, Hashable, Sendable {
    /// The action; only `Restart` is defined.
    public var action: String
    /// The exit codes the rule applies to.
    public var exitCodes: ContainerRestartRuleOnExitCodes?

    /// Creates a rule.
    public init(action: String, exitCodes: ContainerRestartRuleOnExitCodes? = nil) {
        self.action = action
        self.exitCodes = exitCodes
    }
}

/// The exit-code condition of a ``ContainerRestartRule``.
public struct ContainerRestartRuleOnExitCodes: Codable, Hashable, Sendable {
    /// `In` or `NotIn`.
    public var `operator`: String
    /// The exit codes.
    public var values: [Int]?

    /// Creates a condition.
    public init(operator: String, values: [Int]? = nil) {
        self.operator = `operator`
        self.values = values
    }

    /// Whether `exitCode` satisfies the condition (`In`: listed; `NotIn`: not listed).
    public func matches(exitCode: Int) -> Bool {
        let listed = values?.contains(exitCode) ?? false
        return `operator` == "NotIn" ? !listed : listed
    }
}
