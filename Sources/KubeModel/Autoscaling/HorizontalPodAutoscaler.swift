/// A horizontal pod autoscaler (`autoscaling/v2` `HorizontalPodAutoscaler`), read unchanged.
public struct HorizontalPodAutoscaler: Codable, Hashable, Sendable {
    /// `autoscaling/v2`.
    public var apiVersion: String?
    /// `HorizontalPodAutoscaler`.
    public var kind: String?
    /// Metadata.
    public var metadata: ObjectMeta
    /// Desired state.
    public var spec: HorizontalPodAutoscalerSpec
    /// Observed state (tolerated, ignored).
    public var status: JSONValue?

    /// Creates an autoscaler.
    public init(metadata: ObjectMeta, spec: HorizontalPodAutoscalerSpec) {
        self.apiVersion = "autoscaling/v2"
        self.kind = "HorizontalPodAutoscaler"
        self.metadata = metadata
        self.spec = spec
    }
}

/// `HorizontalPodAutoscalerSpec`.
public struct HorizontalPodAutoscalerSpec: Codable, Hashable, Sendable {
    /// The scaled workload (a Deployment, ReplicaSet or StatefulSet: a kind with a `scale`
    /// subresource).
    public var scaleTargetRef: CrossVersionObjectReference
    /// Lower bound (defaults to 1, `SetDefaults_HorizontalPodAutoscaler`).
    public var minReplicas: Int?
    /// Upper bound.
    public var maxReplicas: Int
    /// What to scale on (defaults to CPU at 80% utilization).
    public var metrics: [MetricSpec]?
    /// Scale-up and scale-down rules; `nil` keeps the controller's flag-driven behaviour.
    public var behavior: HorizontalPodAutoscalerBehavior?

    /// Creates a spec.
    public init(
        scaleTargetRef: CrossVersionObjectReference, minReplicas: Int? = nil, maxReplicas: Int,
        metrics: [MetricSpec]? = nil, behavior: HorizontalPodAutoscalerBehavior? = nil
    ) {
        self.scaleTargetRef = scaleTargetRef
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }
}

/// `CrossVersionObjectReference`: kind, name and apiVersion of the scaled object.
public struct CrossVersionObjectReference: Codable, Hashable, Sendable {
    /// Kind (`Deployment`, …).
    public var kind: String
    /// Name, in the autoscaler's namespace.
    public var name: String
    /// API version (`apps/v1`).
    public var apiVersion: String?

    /// Creates a reference.
    public init(kind: String, name: String, apiVersion: String? = nil) {
        self.kind = kind
        self.name = name
        self.apiVersion = apiVersion
    }
}

/// `MetricSpec`: only `type: Resource` is simulated; other types are validated and reported as
/// unsupported by the controller (`FailedGetResourceMetric`-style events).
public struct MetricSpec: Codable, Hashable, Sendable {
    /// `Resource`, `ContainerResource`, `Pods`, `Object` or `External`.
    public var type: String
    /// The resource metric (`type: Resource`).
    public var resource: ResourceMetricSource?
    /// `type: ContainerResource` (decoded, not simulated).
    public var containerResource: JSONValue?
    /// `type: Pods` (decoded, not simulated).
    public var pods: JSONValue?
    /// `type: Object` (decoded, not simulated).
    public var object: JSONValue?
    /// `type: External` (decoded, not simulated).
    public var external: JSONValue?

    /// Creates a resource metric.
    public init(resource: ResourceMetricSource) {
        self.type = "Resource"
        self.resource = resource
    }
}

/// `ResourceMetricSource`: a resource of the pods (`cpu`, `memory`) and its target.
public struct ResourceMetricSource: Codable, Hashable, Sendable {
    /// `cpu` or `memory`.
    public var name: String
    /// The target value.
    public var target: MetricTarget

    /// Creates a source.
    public init(name: String, target: MetricTarget) {
        self.name = name
        self.target = target
    }
}

/// `MetricTarget`: `Utilization` (percent of requests), `AverageValue` or `Value`.
public struct MetricTarget: Codable, Hashable, Sendable {
    /// `Utilization`, `AverageValue` or `Value`.
    public var type: String
    /// Percent of the pods' requests (`type: Utilization`).
    public var averageUtilization: Int?
    /// Per-pod average (`type: AverageValue`).
    public var averageValue: Quantity?
    /// Total (`type: Value`).
    public var value: Quantity?

    /// Creates a utilization target.
    public init(averageUtilization: Int) {
        self.type = "Utilization"
        self.averageUtilization = averageUtilization
    }
}

/// `HorizontalPodAutoscalerBehavior`: rules for each direction.
public struct HorizontalPodAutoscalerBehavior: Codable, Hashable, Sendable {
    /// Rules for scaling up.
    public var scaleUp: HPAScalingRules?
    /// Rules for scaling down.
    public var scaleDown: HPAScalingRules?

    /// Creates a behaviour.
    public init(scaleUp: HPAScalingRules? = nil, scaleDown: HPAScalingRules? = nil) {
        self.scaleUp = scaleUp
        self.scaleDown = scaleDown
    }
}

/// `HPAScalingRules`: a stabilization window and rate policies.
public struct HPAScalingRules: Codable, Hashable, Sendable {
    /// Seconds of past recommendations considered (0…3600).
    public var stabilizationWindowSeconds: Int?
    /// `Max` (default), `Min` or `Disabled`.
    public var selectPolicy: String?
    /// Rate limits.
    public var policies: [HPAScalingPolicy]?

    /// Creates rules.
    public init(
        stabilizationWindowSeconds: Int? = nil, selectPolicy: String? = nil, policies: [HPAScalingPolicy]? = nil
    ) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds
        self.selectPolicy = selectPolicy
        self.policies = policies
    }
}

/// `HPAScalingPolicy`: at most `value` pods (`type: Pods`) or percent (`type: Percent`) per
/// `periodSeconds`.
public struct HPAScalingPolicy: Codable, Hashable, Sendable {
    /// `Pods` or `Percent`.
    public var type: String
    /// Amount (> 0).
    public var value: Int
    /// Window in seconds (1…1800).
    public var periodSeconds: Int

    /// Creates a policy.
    public init(type: String, value: Int, periodSeconds: Int) {
        self.type = type
        self.value = value
        self.periodSeconds = periodSeconds
    }
}
