/// The 1-based line of every field of a decoded Scenario, by field path
/// (`spec.actions[3].delete.name`), for diagnostics raised after decoding.
public struct ScenarioSourceMap: Sendable, Hashable {
    private var lines: [String: Int] = [:]

    /// An empty map.
    public init() {}

    /// Records the line of `path`.
    public mutating func record(_ path: String, line: Int?) {
        if let line, lines[path] == nil { lines[path] = line }
    }

    /// The line of `path`, or of its nearest recorded ancestor.
    /// - Complexity: O(depth of the path) lookups.
    public func line(for path: String) -> Int? {
        var current = Substring(path)
        while !current.isEmpty {
            if let line = lines[String(current)] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            current = current[..<cut]
        }
        return lines[""]
    }
}
