import Foundation

/// A validation error in the shape of k8s.io/apimachinery/pkg/util/validation/field `Error`.
///
/// Rendered like `field.Error.Error()`: `<path>: <type>[: <bad value>][: <detail>]`, where a
/// string bad value is quoted (`%q`) and numbers are not.
public struct FieldError: Hashable, Sendable, CustomStringConvertible, Error {
    /// The error types of field/errors.go, with their `String()` text.
    public enum ErrorType: String, Hashable, Sendable {
        /// A value was not found where expected.
        case notFound = "Not found"
        /// A required value was missing.
        case required = "Required value"
        /// A value was duplicated where it must be unique.
        case duplicate = "Duplicate value"
        /// A value is syntactically or semantically invalid.
        case invalid = "Invalid value"
        /// A value is not one of the supported ones.
        case notSupported = "Unsupported value"
        /// A value is forbidden in this context.
        case forbidden = "Forbidden"
        /// A value is too long.
        case tooLong = "Too long"
    }

    /// A bad value, printed as Go's `%q` (string) or `%v` (number).
    public enum BadValue: Hashable, Sendable {
        /// A string, printed quoted.
        case string(String)
        /// An integer, printed bare.
        case int(Int)
    }

    /// The field path, e.g. `spec.containers[1].name`.
    public var path: String
    /// The error type.
    public var type: ErrorType
    /// The offending value, if shown.
    public var badValue: BadValue?
    /// Extra explanation.
    public var detail: String

    /// Creates an error.
    public init(path: String, type: ErrorType, badValue: BadValue? = nil, detail: String = "") {
        self.path = path
        self.type = type
        self.badValue = badValue
        self.detail = detail
    }

    /// `Required value` (field.Required).
    public static func required(_ path: String, _ detail: String = "") -> FieldError {
        FieldError(path: path, type: .required, detail: detail)
    }

    /// `Invalid value: "x": detail` (field.Invalid).
    public static func invalid(_ path: String, _ value: BadValue, _ detail: String) -> FieldError {
        FieldError(path: path, type: .invalid, badValue: value, detail: detail)
    }

    /// `Duplicate value: "x"` (field.Duplicate).
    public static func duplicate(_ path: String, _ value: BadValue) -> FieldError {
        FieldError(path: path, type: .duplicate, badValue: value)
    }

    /// `Not found: "x"` (field.NotFound).
    public static func notFound(_ path: String, _ value: BadValue) -> FieldError {
        FieldError(path: path, type: .notFound, badValue: value)
    }

    /// `Forbidden: detail` (field.Forbidden).
    public static func forbidden(_ path: String, _ detail: String) -> FieldError {
        FieldError(path: path, type: .forbidden, detail: detail)
    }

    /// `Unsupported value: "x": supported values: "a", "b"` (field.NotSupported; values sorted
    /// as `sets.List` returns them).
    public static func notSupported(_ path: String, _ value: String, _ supported: [String]) -> FieldError {
        let list = supported.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(
            path: path, type: .notSupported, badValue: .string(value), detail: "supported values: " + list)
    }

    /// The error body without the path (field `Error.ErrorBody`).
    public var body: String {
        var text = type.rawValue
        if type != .required && type != .forbidden, let badValue {
            switch badValue {
            case .string(let value): text += ": " + GoString.quoted(value)
            case .int(let value): text += ": \(value)"
            }
        }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }

    /// `path: body`.
    public var description: String { path + ": " + body }
}
