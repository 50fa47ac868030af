/// An object the API server validates; paths in errors are relative to the object root.
public protocol Validatable {
    /// All validation errors, in field order.
    func validate() -> [FieldError]
}
