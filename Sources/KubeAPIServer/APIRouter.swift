import SimulationOutput

/// A request as the router sees it.
public struct APIRequest: Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path without the query (`/api/v1/namespaces/default/pods`).
    public var path: String
    /// Query parameters, percent-decoded.
    public var query: [String: String]
    /// The `Accept` header.
    public var accept: String

    /// A request from its parts; `target` is the request target with its query.
    public init(method: String, target: String, accept: String) {
        self.method = method
        self.accept = accept
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map(String.init) ?? "/"
        query = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.percentDecoded(String(kv[0]))
                query[key] = kv.count > 1 ? Self.percentDecoded(String(kv[1])) : ""
            }
        }
    }

    /// `%2C` → `,`, `+` → space.
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The router's answer.
public struct APIResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// `Content-Type`.
    public var contentType: String = "application/json"
    /// Extra headers.
    public var headers: [(String, String)] = []
    /// The body (for a watch: the initial lines).
    public var body: String
    /// A watch: the body is sent chunked and the connection is kept open until the client goes.
    public var isWatch = false
}

/// Answers the requests of kubectl, k9s and client libraries from a ``ServedCluster``:
/// version, discovery, list, get and watch (a snapshot never changes, so a watch sends its
/// initial events and then stays open), Tables, selectors, and `Status` errors.
public struct APIRouter: Sendable {
    /// The snapshot served.
    public let cluster: ServedCluster

    /// A router over `cluster`.
    public init(cluster: ServedCluster) { self.cluster = cluster }

    /// The response to `request`.
    public func respond(to request: APIRequest) -> APIResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        if request.method == "POST", segments.last == "selfsubjectaccessreviews",
            segments.starts(with: ["apis", "authorization.k8s.io"])
        {
            return accessReview()
        }
        if request.method == "POST", segments.last == "selfsubjectrulesreviews" {
            return json(
                201,
                .object([
                    ("kind", .string("SelfSubjectRulesReview")), ("apiVersion", .string("authorization.k8s.io/v1")),
                    ("metadata", .object([])), ("spec", .object([])),
                    (
                        "status",
                        .object([
                            (
                                "resourceRules",
                                .array([
                                    .object([
                                        ("verbs", .array([.string("get"), .string("list"), .string("watch")])),
                                        ("apiGroups", .array([.string("*")])), ("resources", .array([.string("*")])),
                                    ])
                                ])
                            ),
                            ("nonResourceRules", .array([])), ("incomplete", .bool(false)),
                        ])
                    ),
                ]))
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return status(
                405, reason: "MethodNotAllowed",
                message:
                    "the served cluster is a read-only snapshot of a simulation (kubesim serve): \(request.method) "
                    + "is not allowed")
        }
        switch segments.first {
        case nil: return rootPaths()
        case "version": return version()
        case "healthz", "livez", "readyz": return APIResponse(status: 200, contentType: "text/plain", body: "ok")
        case "metrics" where segments.count == 1:
            guard let text = cluster.metricsText else { return notFound() }
            return APIResponse(status: 200, contentType: PrometheusText.contentType, body: text)
        case "api":
            if segments.count == 1 {
                return wantsAggregated(request) ? aggregatedDiscovery(core: true) : coreVersions()
            }
            guard segments[1] == "v1" else { return notFound() }
            if segments.count == 2 { return resourceList(group: "", version: "v1", request: request) }
            return resource(group: "", version: "v1", Array(segments.dropFirst(2)), request: request)
        case "apis":
            if segments.count == 1 { return groupList(request: request) }
            let group = segments[1]
            guard ServedResource.groups.contains(group) else { return notFound() }
            if segments.count == 2 { return json(200, groupJSON(group, kind: true)) }
            guard segments[2] == "v1" else { return notFound() }
            if segments.count == 3 { return resourceList(group: group, version: "v1", request: request) }
            return resource(group: group, version: "v1", Array(segments.dropFirst(3)), request: request)
        default: return notFound()
        }
    }

    // MARK: - Resources

    func resource(group: String, version: String, _ rest: [String], request: APIRequest) -> APIResponse {
        var namespace: String?
        var rest = rest
        let resources = ServedResource.resources(group: group, version: version)
        if rest.count >= 3, rest[0] == "namespaces" {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard let resource = resources.first(where: { $0.name == rest[0] }) else { return notFound() }
        if rest.count == 3, rest[2] == "scale", resource.hasScale,
            let object = cluster.objects(of: resource).first(where: { $0.name == rest[1] && $0.namespace == namespace })
        {
            return json(200, scale(of: object))
        }
        guard rest.count <= 2 else { return notFound() }
        if !resource.namespaced && namespace != nil { return notFound() }
        var objects = cluster.objects(of: resource)
        if let namespace { objects = objects.filter { $0.namespace == namespace } }
        if rest.count == 2 {
            let name = rest[1]
            guard let object = objects.first(where: { $0.name == name }) else {
                return status(
                    404, reason: "NotFound",
                    message: "\(resource.name)\(group.isEmpty ? "" : "." + group) \"\(name)\" not found",
                    details: .members([
                        ("name", JSON.string(name)), ("group", group.isEmpty ? nil : JSON.string(group)),
                        ("kind", JSON.string(resource.name)),
                    ]))
            }
            if isTable(request) { return table(resource, [object], request: request) }
            return json(200, object.object)
        }
        do {
            if let text = request.query["labelSelector"], !text.isEmpty {
                let selector = try Selector(labels: text)
                objects = objects.filter { object in selector.matches { object.labels[$0] } }
            }
            if let text = request.query["fieldSelector"], !text.isEmpty {
                let selector = try Selector(fields: text)
                let supported = ["metadata.name", "metadata.namespace"] + resource.fieldLabels
                if let unsupported = selector.keys.first(where: { !supported.contains($0) }) {
                    return status(
                        400, reason: "BadRequest",
                        message: "field label not supported: \(unsupported)")
                }
                objects = objects.filter { object in selector.matches { object.field($0) } }
            }
        } catch {
            return status(400, reason: "BadRequest", message: error.description)
        }
        if let watch = request.query["watch"], watch == "true" || watch == "1" {
            return self.watch(resource, objects, request: request)
        }
        if isTable(request) { return table(resource, objects, request: request) }
        return json(
            200,
            .object([
                ("kind", .string(resource.kind + "List")), ("apiVersion", .string(resource.groupVersion)),
                ("metadata", .object([("resourceVersion", .string(cluster.resourceVersion))])),
                ("items", .array(objects.map(\.object))),
            ]))
    }

    /// The resource and the objects a collection request (a watch) selects now; `nil` for any
    /// other request.
    func selected(by request: APIRequest) -> (ServedResource, [ServedObject])? {
        let segments = request.path.split(separator: "/").map(String.init)
        var group = ""
        var rest: [String]
        if segments.count >= 3, segments[0] == "api", segments[1] == "v1" {
            rest = Array(segments.dropFirst(2))
        } else if segments.count >= 4, segments[0] == "apis", segments[2] == "v1" {
            group = segments[1]
            rest = Array(segments.dropFirst(3))
        } else {
            return nil
        }
        var namespace: String?
        if rest.count >= 3, rest[0] == "namespaces" {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard rest.count == 1,
            let resource = ServedResource.resources(group: group, version: "v1").first(where: { $0.name == rest[0] })
        else { return nil }
        var objects = cluster.objects(of: resource)
        if let namespace { objects = objects.filter { $0.namespace == namespace } }
        if let text = request.query["labelSelector"], !text.isEmpty, let selector = try? Selector(labels: text) {
            objects = objects.filter { object in selector.matches { object.labels[$0] } }
        }
        if let text = request.query["fieldSelector"], !text.isEmpty, let selector = try? Selector(fields: text) {
            objects = objects.filter { object in selector.matches { object.field($0) } }
        }
        return (resource, objects)
    }

    /// The `autoscaling/v1` Scale of a Deployment, ReplicaSet or StatefulSet.
    func scale(of object: ServedObject) -> JSON {
        let metadata = object.object["metadata"] ?? .object([])
        return .object([
            ("kind", .string("Scale")), ("apiVersion", .string("autoscaling/v1")),
            (
                "metadata",
                .members([
                    ("name", metadata["name"]), ("namespace", metadata["namespace"]), ("uid", metadata["uid"]),
                    ("resourceVersion", metadata["resourceVersion"]),
                    ("creationTimestamp", metadata["creationTimestamp"]),
                ])
            ),
            ("spec", .object([("replicas", object.object["spec"]?["replicas"] ?? .int(1))])),
            ("status", .object([("replicas", object.object["status"]?["replicas"] ?? .int(0))])),
        ])
    }

    func isTable(_ request: APIRequest) -> Bool { request.accept.contains("as=Table") }

    /// A `meta.k8s.io/v1` Table.
    func table(
        _ resource: ServedResource, _ objects: [ServedObject], request: APIRequest, headers: Bool = true
    )
        -> APIResponse
    {
        json(200, tableJSON(resource, objects, request: request, headers: headers))
    }

    func tableJSON(
        _ resource: ServedResource, _ objects: [ServedObject], request: APIRequest, headers: Bool = true
    )
        -> JSON
    {
        let include = request.query["includeObject"] ?? "Metadata"
        let columns: [JSON] = resource.columns.map {
            .object([
                ("name", .string($0.name)), ("type", .string($0.type)), ("format", .string($0.format)),
                ("description", .string($0.description)), ("priority", .int(Int64($0.priority))),
            ])
        }
        let rows: [JSON] = objects.map { object in
            .members([
                ("cells", .array(object.cells.map(JSON.string))),
                (
                    "object",
                    include == "None" ? nil : include == "Object" ? object.object : object.partialMetadata
                ),
            ])
        }
        return .object([
            ("kind", .string("Table")), ("apiVersion", .string("meta.k8s.io/v1")),
            ("metadata", .object([("resourceVersion", .string(cluster.resourceVersion))])),
            ("columnDefinitions", headers ? .array(columns) : .null), ("rows", .array(rows)),
        ])
    }

    /// A watch of a snapshot: from resourceVersion 0 or none, an ADDED event per object (and,
    /// when asked for a streaming list, the initial-events-end BOOKMARK); from a list's
    /// resourceVersion nothing, as nothing changes. The connection then stays open.
    func watch(_ resource: ServedResource, _ objects: [ServedObject], request: APIRequest) -> APIResponse {
        let from = request.query["resourceVersion"] ?? ""
        let streaming = request.query["sendInitialEvents"] == "true"
        var lines = ""
        if from.isEmpty || from == "0" || streaming {
            for (i, object) in objects.enumerated() {
                let payload =
                    isTable(request)
                    ? tableJSON(resource, [object], request: request, headers: i == 0) : object.object
                lines += JSON.object([("type", .string("ADDED")), ("object", payload)]).serialized() + "\n"
            }
        }
        if streaming || request.query["allowWatchBookmarks"] == "true" {
            var annotations: [(String, JSON)] = []
            if streaming { annotations.append(("k8s.io/initial-events-end", .string("true"))) }
            let bookmark: JSON = .object([
                ("kind", .string(resource.kind)), ("apiVersion", .string(resource.groupVersion)),
                (
                    "metadata",
                    .object([
                        ("resourceVersion", .string(cluster.resourceVersion)), ("annotations", .object(annotations)),
                    ])
                ),
            ])
            lines += JSON.object([("type", .string("BOOKMARK")), ("object", bookmark)]).serialized() + "\n"
        }
        return APIResponse(status: 200, contentType: "application/json", body: lines, isWatch: true)
    }

    // MARK: - Discovery

    func version() -> APIResponse {
        var response = json(
            200,
            .object([
                ("major", .string("1")), ("minor", .string(String(cluster.minorVersion))),
                ("gitVersion", .string(cluster.gitVersion)), ("gitCommit", .string("kubesim")),
                ("gitTreeState", .string("clean")), ("buildDate", .string("2026-01-01T00:00:00Z")),
                ("goVersion", .string("go1.24.0")), ("compiler", .string("gc")), ("platform", .string("linux/amd64")),
            ]))
        // Google's kubectl dispatcher caches /version for 2 h unless told not to.
        response.headers.append(("Cache-Control", "no-store"))
        return response
    }

    func rootPaths() -> APIResponse {
        var paths = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version"]
        if cluster.metricsText != nil { paths.append("/metrics") }
        for group in ServedResource.groups { paths += ["/apis/" + group, "/apis/" + group + "/v1"] }
        return json(200, .object([("paths", .array(paths.sorted().map(JSON.string)))]))
    }

    func coreVersions() -> APIResponse {
        json(
            200,
            .object([
                ("kind", .string("APIVersions")), ("versions", .array([.string("v1")])),
                (
                    "serverAddressByClientCIDRs",
                    .array([
                        .object([("clientCIDR", .string("0.0.0.0/0")), ("serverAddress", .string("127.0.0.1"))])
                    ])
                ),
            ]))
    }

    func groupJSON(_ group: String, kind: Bool) -> JSON {
        let version: JSON = .object([("groupVersion", .string(group + "/v1")), ("version", .string("v1"))])
        var members: [(String, JSON)] = []
        if kind { members += [("kind", .string("APIGroup")), ("apiVersion", .string("v1"))] }
        members += [("name", .string(group)), ("versions", .array([version])), ("preferredVersion", version)]
        return .object(members)
    }

    func groupList(request: APIRequest) -> APIResponse {
        if wantsAggregated(request) { return aggregatedDiscovery(core: false) }
        return json(
            200,
            .object([
                ("kind", .string("APIGroupList")), ("apiVersion", .string("v1")),
                ("groups", .array(ServedResource.groups.map { groupJSON($0, kind: false) })),
            ]))
    }

    func resourceJSON(_ resource: ServedResource) -> JSON {
        .members([
            ("name", .string(resource.name)), ("singularName", .string(resource.singularName)),
            ("namespaced", .bool(resource.namespaced)), ("kind", .string(resource.kind)),
            ("verbs", .array(["get", "list", "watch"].map(JSON.string))),
            ("shortNames", resource.shortNames.isEmpty ? nil : .array(resource.shortNames.map(JSON.string))),
            ("categories", resource.name == "events" || resource.name == "leases" ? nil : .array([.string("all")])),
        ])
    }

    func scaleResourceJSON(_ resource: ServedResource) -> JSON {
        .object([
            ("name", .string(resource.name + "/scale")), ("singularName", .string("")),
            ("namespaced", .bool(true)), ("group", .string("autoscaling")), ("version", .string("v1")),
            ("kind", .string("Scale")), ("verbs", .array(["get", "patch", "update"].map(JSON.string))),
        ])
    }

    /// The subresources aggregated discovery lists: `scale` and `pods/eviction`.
    func subresources(of resource: ServedResource) -> JSON? {
        func entry(_ name: String, _ group: String, _ kind: String, _ verbs: [String]) -> JSON {
            .object([
                ("subresource", .string(name)),
                (
                    "responseKind",
                    .object([("group", .string(group)), ("version", .string("v1")), ("kind", .string(kind))])
                ),
                ("verbs", .array(verbs.map(JSON.string))),
            ])
        }
        if resource.hasScale { return .array([entry("scale", "autoscaling", "Scale", ["get", "patch", "update"])]) }
        if resource.name == "pods" && resource.group.isEmpty {
            return .array([entry("eviction", "policy", "Eviction", ["create"])])
        }
        return nil
    }

    /// `pods/eviction`: kubectl drain evicts (and so honours disruption budgets) only when
    /// discovery lists it.
    var evictionResourceJSON: JSON {
        .object([
            ("name", .string("pods/eviction")), ("singularName", .string("")), ("namespaced", .bool(true)),
            ("group", .string("policy")), ("version", .string("v1")), ("kind", .string("Eviction")),
            ("verbs", .array([.string("create")])),
        ])
    }

    func resourceList(group: String, version: String, request: APIRequest) -> APIResponse {
        json(
            200,
            .object([
                ("kind", .string("APIResourceList")), ("apiVersion", .string("v1")),
                ("groupVersion", .string(group.isEmpty ? version : group + "/" + version)),
                (
                    "resources",
                    .array(
                        ServedResource.resources(group: group, version: version).flatMap { resource in
                            [resourceJSON(resource)] + (resource.hasScale ? [scaleResourceJSON(resource)] : [])
                                + (resource.name == "pods" && group.isEmpty ? [evictionResourceJSON] : [])
                        })
                ),
            ]))
    }

    // MARK: - Aggregated discovery (apidiscovery.k8s.io/v2, only when asked for)

    func wantsAggregated(_ request: APIRequest) -> Bool {
        request.accept.contains("g=apidiscovery.k8s.io") && request.accept.contains("v=v2;")
            || request.accept.hasSuffix("v=v2") && request.accept.contains("apidiscovery")
    }

    func aggregatedDiscovery(core: Bool) -> APIResponse {
        let groups = core ? [""] : ServedResource.groups
        let items: [JSON] = groups.map { group in
            let resources: [JSON] = ServedResource.resources(group: group, version: "v1").map { resource in
                .members([
                    ("resource", .string(resource.name)),
                    (
                        "responseKind",
                        .object([
                            ("group", .string(group)), ("version", .string("v1")), ("kind", .string(resource.kind)),
                        ])
                    ),
                    ("scope", .string(resource.namespaced ? "Namespaced" : "Cluster")),
                    (
                        "subresources",
                        subresources(of: resource)
                    ),
                    ("singularResource", .string(resource.singularName)),
                    ("verbs", .array(["get", "list", "watch"].map(JSON.string))),
                    ("shortNames", resource.shortNames.isEmpty ? nil : .array(resource.shortNames.map(JSON.string))),
                    (
                        "categories",
                        resource.name == "events" || resource.name == "leases" ? nil : .array([.string("all")])
                    ),
                ])
            }
            return .object([
                ("metadata", .object(group.isEmpty ? [] : [("name", .string(group))])),
                (
                    "versions",
                    .array([
                        .object([
                            ("version", .string("v1")), ("resources", .array(resources)),
                            ("freshness", .string("Current")),
                        ])
                    ])
                ),
            ])
        }
        var response = json(
            200,
            .object([
                ("kind", .string("APIGroupDiscoveryList")), ("apiVersion", .string("apidiscovery.k8s.io/v2")),
                ("metadata", .object([])), ("items", .array(items)),
            ]))
        response.contentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
        return response
    }

    // MARK: - Answers

    func accessReview() -> APIResponse {
        json(
            201,
            .object([
                ("kind", .string("SelfSubjectAccessReview")), ("apiVersion", .string("authorization.k8s.io/v1")),
                ("metadata", .object([])), ("spec", .object([])),
                ("status", .object([("allowed", .bool(true)), ("reason", .string("kubesim serves a snapshot"))])),
            ]))
    }

    func json(_ code: Int, _ value: JSON) -> APIResponse {
        APIResponse(status: code, body: value.serialized())
    }

    func notFound() -> APIResponse {
        status(404, reason: "NotFound", message: "the server could not find the requested resource")
    }

    /// A `Status` failure as kube-apiserver writes it.
    func status(_ code: Int, reason: String, message: String, details: JSON? = nil) -> APIResponse {
        json(
            code,
            .members([
                ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                ("status", .string("Failure")), ("message", .string(message)), ("reason", .string(reason)),
                ("details", details ?? .object([])), ("code", .int(Int64(code))),
            ]))
    }
}
