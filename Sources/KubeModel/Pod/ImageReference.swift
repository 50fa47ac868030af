/// A parsed container image reference: `[registry/]repository[:tag][@digest]`.
public struct ImageReference: Hashable, Sendable {
    /// The reference without tag and digest, e.g. `docker.io/library/nginx` stays as written: `nginx`.
    public var repository: String
    /// The tag, if any (`1.27`).
    public var tag: String?
    /// The digest, if any (`sha256:…`).
    public var digest: String?

    /// Splits `text`. A `:` after the last `/` starts the tag, so `localhost:5000/app` has no tag.
    public init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
    }

    /// The reference with `:latest` appended when it has neither tag nor digest
    /// (kubelet `applyDefaultImageTag`).
    public var withDefaultTag: String {
        var text = repository
        if let tag { text += ":" + tag } else if digest == nil { text += ":latest" }
        if let digest { text += "@" + digest }
        return text
    }
}
