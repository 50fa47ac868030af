/// One object as the served API holds it: the JSON it returns, what selectors match on, and
/// its Table cells.
public struct ServedObject: Sendable {
    /// `metadata.namespace`; `nil` when cluster-scoped.
    public var namespace: String?
    /// `metadata.name`.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// Field selector values (`spec.nodeName`, `status.phase`, …) besides name and namespace.
    public var fields: [String: String]
    /// The full object.
    public var object: JSON
    /// The Table cells, one per column of the resource (wide ones included).
    public var cells: [String]

    /// The value a field selector compares for `label`, if the object has that field.
    func field(_ label: String) -> String? {
        switch label {
        case "metadata.name": name
        case "metadata.namespace": namespace ?? ""
        default: fields[label] ?? ""
        }
    }

    /// `metadata` alone, as a `PartialObjectMetadata` (Table rows with `includeObject=Metadata`).
    var partialMetadata: JSON {
        .object([
            ("kind", .string("PartialObjectMetadata")), ("apiVersion", .string("meta.k8s.io/v1")),
            ("metadata", object["metadata"] ?? .object([])),
        ])
    }
}
