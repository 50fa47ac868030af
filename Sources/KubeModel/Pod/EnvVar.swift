/// An environment variable (core/v1 `EnvVar`).
public struct EnvVar: Codable, Hashable, Sendable {
    /// Variable name.
    public var name: String
    /// Literal value.
    public var value: String?
    /// Source of the value.
    public var valueFrom: EnvVarSource?

    /// Creates a variable.
    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an env var's value comes from (core/v1 `EnvVarSource`).
public struct EnvVarSource: Codable, Hashable, Sendable {
    /// A key of a ConfigMap.
    public var configMapKeyRef: KeySelector?
    /// A key of a Secret.
    public var secretKeyRef: KeySelector?
    /// A field of the pod (tolerated).
    public var fieldRef: JSONValue?
    /// A resource of the container (tolerated).
    public var resourceFieldRef: JSONValue?

    /// Creates a source.
    public init(configMapKeyRef: KeySelector? = nil, secretKeyRef: KeySelector? = nil) {
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// Selects a key of a ConfigMap or Secret.
public struct KeySelector: Codable, Hashable, Sendable {
    /// Name of the object.
    public var name: String?
    /// The key.
    public var key: String
    /// Whether the object or key may be missing.
    public var optional: Bool?

    /// Creates a selector.
    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A whole ConfigMap or Secret as environment (core/v1 `EnvFromSource`).
public struct EnvFromSource: Codable, Hashable, Sendable {
    /// Prefix added to each key.
    public var prefix: String?
    /// The ConfigMap.
    public var configMapRef: ObjectNameReference?
    /// The Secret.
    public var secretRef: ObjectNameReference?

    /// Creates a source.
    public init(prefix: String? = nil, configMapRef: ObjectNameReference? = nil, secretRef: ObjectNameReference? = nil)
    {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// A reference to a ConfigMap or Secret by name.
public struct ObjectNameReference: Codable, Hashable, Sendable {
    /// The name.
    public var name: String?
    /// Whether it may be missing.
    public var optional: Bool?

    /// Creates a reference.
    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
