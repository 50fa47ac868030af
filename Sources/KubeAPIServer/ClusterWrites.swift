import ClusterComponents
import Foundation

/// The writes a playing cluster accepts, through the API server's verbs (`Cluster+Apply`):
/// `kubectl delete`, `kubectl scale` (the scale subresource, or `spec.replicas` in a patch),
/// `kubectl cordon`/`uncordon` (a patch of the node's `spec.unschedulable`) and `kubectl drain`'s
/// evictions (429 while a PodDisruptionBudget refuses). Anything else is answered 405.
public enum ClusterWrites {
    /// What a write did: refused with a response, or applied, with the response to build from
    /// the snapshot taken after it.
    public enum Outcome {
        case refused(APIResponse)
        case applied(@Sendable (APIRouter) -> APIResponse)
    }

    /// Performs `request` (with its `body`) on `cluster`; `router` serves the snapshot before it.
    public static func perform(
        _ request: APIRequest, body: [UInt8], on cluster: Cluster, router: APIRouter
    )
        -> Outcome
    {
        guard let target = Target(request.path) else {
            return .refused(router.notFound())
        }
        let patch = (try? JSONDecoder().decode(JSON.self, from: Data(body))) ?? .object([])
        do {
            switch (request.method, target.subresource) {
            case ("DELETE", nil):
                try cluster.delete(kind: target.resource.kind, namespace: target.namespace, name: target.name)
                let details: JSON = .object([
                    ("name", .string(target.name)), ("kind", .string(target.resource.name)),
                ])
                let response = router.json(
                    200,
                    .object([
                        ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                        ("status", .string("Success")), ("details", details),
                    ]))
                return .applied { _ in response }
            case ("POST", "eviction"):
                if let budget = try cluster.evict(namespace: target.namespace ?? "default", name: target.name) {
                    return .refused(
                        router.status(
                            429, reason: "TooManyRequests",
                            message: "Cannot evict pod as it would violate the pod's disruption budget.",
                            details: .object([
                                (
                                    "causes",
                                    .array([
                                        .object([
                                            ("reason", .string("DisruptionBudget")),
                                            (
                                                "message",
                                                .string("The disruption budget \(budget) does not allow this eviction")
                                            ),
                                        ])
                                    ])
                                )
                            ])))
                }
                let response = router.json(
                    201,
                    .object([
                        ("kind", .string("Status")), ("apiVersion", .string("v1")), ("metadata", .object([])),
                        ("status", .string("Success")), ("code", .int(201)),
                    ]))
                return .applied { _ in response }
            case ("PATCH", "scale"), ("PUT", "scale"),
                ("PATCH", nil) where target.resource.kind != "Node":
                guard case .int(let replicas)? = patch["spec"]?["replicas"] else {
                    return .refused(
                        router.status(
                            405, reason: "MethodNotAllowed",
                            message:
                                "a playing kubesim cluster takes only spec.replicas in a patch of \(target.resource.name)"
                        ))
                }
                try cluster.scale(
                    kind: target.resource.kind, namespace: target.namespace, name: target.name, replicas: Int(replicas))
                return .applied { after in
                    after.respond(
                        to: APIRequest(method: "GET", target: request.path, accept: "application/json"))
                }
            case ("PATCH", nil):
                guard let node = cluster.api.nodeID(named: target.name) else {
                    return .refused(
                        router.status(404, reason: "NotFound", message: "nodes \"\(target.name)\" not found"))
                }
                if case .bool(true)? = patch["spec"]?["unschedulable"] {
                    cluster.cordon(node)
                } else {
                    cluster.uncordon(node)
                }
                return .applied { after in
                    after.respond(to: APIRequest(method: "GET", target: request.path, accept: "application/json"))
                }
            default:
                return .refused(
                    router.status(
                        405, reason: "MethodNotAllowed",
                        message:
                            "a playing kubesim cluster accepts delete, scale, cordon and uncordon; not \(request.method) "
                            + request.path))
            }
        } catch {
            return .refused(router.status(error.code, reason: error.reason.rawValue, message: error.message))
        }
    }

    /// An object URL: `/api/v1/namespaces/NS/RESOURCE/NAME[/SUBRESOURCE]`.
    struct Target {
        var resource: ServedResource
        var namespace: String?
        var name: String
        var subresource: String?

        init?(_ path: String) {
            let segments = path.split(separator: "/").map(String.init)
            var group = ""
            var rest: [String]
            if segments.count >= 4, segments[0] == "api", segments[1] == "v1" {
                rest = Array(segments.dropFirst(2))
            } else if segments.count >= 5, segments[0] == "apis", segments[2] == "v1" {
                group = segments[1]
                rest = Array(segments.dropFirst(3))
            } else {
                return nil
            }
            if rest.count >= 4, rest[0] == "namespaces" {
                namespace = rest[1]
                rest.removeFirst(2)
            }
            guard rest.count == 2 || rest.count == 3,
                let resource = ServedResource.resources(group: group, version: "v1").first(where: {
                    $0.name == rest[0]
                })
            else { return nil }
            self.resource = resource
            name = rest[1]
            subresource = rest.count == 3 ? rest[2] : nil
        }
    }
}
