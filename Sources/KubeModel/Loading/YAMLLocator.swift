import Yams

/// Maps a field path (a `DecodingError` coding path, or a validation path such as
/// `spec.containers[1].name`) to the YAML node it names and its line.
///
/// When the exact node does not exist (e.g. a required field is missing) the line of the
/// deepest existing ancestor is returned, which is where the field belongs.
public struct YAMLLocator {
    /// One step of a path.
    public enum PathComponent: Hashable, Sendable {
        /// A mapping key.
        case key(String)
        /// A sequence index.
        case index(Int)
    }

    /// The document (or `List` item) root.
    public let root: Yams.Node

    /// Creates a locator over a root node.
    public init(root: Yams.Node) { self.root = root }

    /// Parses `spec.containers[1].name` into components. Keys containing dots cannot be
    /// expressed this way (nor can they in the API server's paths); brackets with a non-integer
    /// (`metadata.labels[app]`) are taken as keys.
    public static func components(of fieldPath: String) -> [PathComponent] {
        var result: [PathComponent] = []
        var current = ""
        var index = fieldPath.startIndex
        func flush() {
            if !current.isEmpty { result.append(.key(current)) }
            current = ""
        }
        while index < fieldPath.endIndex {
            let character = fieldPath[index]
            if character == "." {
                flush()
            } else if character == "[", let close = fieldPath[index...].firstIndex(of: "]") {
                flush()
                let inner = String(fieldPath[fieldPath.index(after: index)..<close])
                result.append(Int(inner).map(PathComponent.index) ?? .key(inner))
                index = close
            } else {
                current.append(character)
            }
            index = fieldPath.index(after: index)
        }
        flush()
        return result
    }

    /// Converts a coding path (as in `DecodingError.Context.codingPath`).
    public static func components(of codingPath: [any CodingKey]) -> [PathComponent] {
        codingPath.map { key in
            if let int = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(int) {
                return .index(int)
            }
            return .key(key.stringValue)
        }
    }

    /// Renders components as `spec.containers[1].name`.
    public static func fieldPath(_ components: [PathComponent]) -> String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The node at `components` and whether it was found exactly (else the deepest ancestor).
    public func node(at components: [PathComponent]) -> (node: Yams.Node, exact: Bool) {
        var node = root
        for component in components {
            let next: Yams.Node?
            switch component {
            case .key(let key): next = node.mapping?.first { $0.key.string == key }?.value
            case .index(let index):
                let items = node.sequence.map(Array.init) ?? []
                next = index >= 0 && index < items.count ? items[index] : nil
            }
            guard let next else { return (node, false) }
            node = next
        }
        return (node, true)
    }

    /// The 1-based line of the node at `components` (or of its deepest existing ancestor).
    public func line(at components: [PathComponent]) -> Int? {
        node(at: components).node.mark?.line
    }

    /// The 1-based line for a validation field path such as `spec.containers[1].name`.
    public func line(forFieldPath fieldPath: String) -> Int? {
        line(at: Self.components(of: fieldPath))
    }

    /// The 1-based line for a decoding error's coding path.
    public func line(for codingPath: [any CodingKey]) -> Int? {
        line(at: Self.components(of: codingPath))
    }

    /// The line of the *key* naming a mapping entry (better for unknown fields than the value's).
    public func keyLine(at components: [PathComponent]) -> Int? {
        guard case .key(let last)? = components.last else { return line(at: components) }
        let parent = node(at: Array(components.dropLast()))
        guard parent.exact, let key = parent.node.mapping?.first(where: { $0.key.string == last })?.key else {
            return parent.node.mark?.line
        }
        return key.mark?.line
    }
}
