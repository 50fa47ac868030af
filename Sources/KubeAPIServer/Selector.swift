import Foundation

/// A `labelSelector` or `fieldSelector` query parameter, parsed as apimachinery's
/// `labels.Parse` and `fields.ParseSelector` accept it.
public struct Selector: Sendable, Equatable {
    /// One requirement.
    public enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, [String])
        case notIn(String, [String])
        case exists(String)
        case doesNotExist(String)
    }

    /// A malformed selector (answered 400 BadRequest).
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// All must hold.
    public var requirements: [Requirement]

    /// Every key the selector names.
    public var keys: [String] {
        requirements.map {
            switch $0 {
            case .equals(let k, _), .notEquals(let k, _), .in(let k, _), .notIn(let k, _), .exists(let k),
                .doesNotExist(let k):
                k
            }
        }
    }

    /// Whether `value(key)` (nil when absent) satisfies every requirement.
    public func matches(_ value: (String) -> String?) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let expected): value(key) == expected
            case .notEquals(let key, let expected): value(key) != expected
            case .in(let key, let values): value(key).map(values.contains) ?? false
            case .notIn(let key, let values): !(value(key).map(values.contains) ?? false)
            case .exists(let key): value(key) != nil
            case .doesNotExist(let key): value(key) == nil
            }
        }
    }

    /// Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
    /// comma-separated.
    public init(labels text: String) throws(ParseError) {
        requirements = []
        for term in try Self.terms(text) {
            if term.hasPrefix("!") {
                let key = String(term.dropFirst()).trimmed
                try Self.checkKey(key, in: text)
                requirements.append(.doesNotExist(key))
            } else if let (key, op, rest) = Self.setOperation(term) {
                guard rest.hasPrefix("("), rest.hasSuffix(")") else {
                    throw ParseError(description: "unable to parse requirement: found '\(rest)', expected: '('")
                }
                let values = rest.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmed }
                for value in values { try Self.checkValue(value, in: text) }
                try Self.checkKey(key, in: text)
                requirements.append(op == "in" ? .in(key, values) : .notIn(key, values))
            } else if let (key, op, value) = Self.comparison(term) {
                try Self.checkKey(key, in: text)
                try Self.checkValue(value, in: text)
                requirements.append(op == "!=" ? .notEquals(key, value) : .equals(key, value))
            } else {
                try Self.checkKey(term, in: text)
                requirements.append(.exists(term))
            }
        }
    }

    /// Parses a field selector: `a=b`, `a==b`, `a!=b`, comma-separated (`\,` escapes a comma).
    public init(fields text: String) throws(ParseError) {
        requirements = []
        for term in try Self.terms(text) {
            guard let (key, op, value) = Self.comparison(term), !key.isEmpty else {
                throw ParseError(description: "invalid selector: '\(text)'; can't understand '\(term)'")
            }
            requirements.append(op == "!=" ? .notEquals(key, value) : .equals(key, value))
        }
    }

    // MARK: - Lexing

    /// Comma-separated terms, commas inside parentheses kept.
    static func terms(_ text: String) throws(ParseError) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "(":
                depth += 1
                current.append(character)
            case ")":
                depth -= 1
                guard depth >= 0 else { throw ParseError(description: "unexpected ')' in selector '\(text)'") }
                current.append(character)
            case "," where depth == 0:
                terms.append(current.trimmed)
                current = ""
            default: current.append(character)
            }
        }
        guard depth == 0 else { throw ParseError(description: "unclosed '(' in selector '\(text)'") }
        terms.append(current.trimmed)
        if terms == [""] { return [] }
        if terms.contains("") { throw ParseError(description: "empty requirement in selector '\(text)'") }
        return terms
    }

    static func comparison(_ term: String) -> (String, String, String)? {
        for op in ["==", "!=", "="] {
            if let range = term.firstRange(of: op) {
                return (String(term[..<range.lowerBound]).trimmed, op, String(term[range.upperBound...]).trimmed)
            }
        }
        return nil
    }

    static func setOperation(_ term: String) -> (String, String, String)? {
        for op in [" notin ", " in "] {
            if let range = term.firstRange(of: op) {
                return (
                    String(term[..<range.lowerBound]).trimmed, op.trimmed, String(term[range.upperBound...]).trimmed
                )
            }
        }
        return nil
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == "/")
    }

    static func checkKey(_ key: String, in text: String) throws(ParseError) {
        guard !key.isEmpty, key.allSatisfy(isNameCharacter), key.filter({ $0 == "/" }).count <= 1,
            key.count <= 316
        else {
            throw ParseError(description: "unable to parse requirement: invalid label key \"\(key)\"")
        }
    }

    static func checkValue(_ value: String, in text: String) throws(ParseError) {
        guard value.count <= 63, value.allSatisfy({ isNameCharacter($0) && $0 != "/" }) else {
            throw ParseError(description: "unable to parse requirement: invalid label value: \"\(value)\"")
        }
    }
}

extension String {
    /// Without the whitespace around it, which the selector lexer skips (apimachinery
    /// pkg/labels/selector.go `isWhitespace`: space, tab, CR, LF).
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
