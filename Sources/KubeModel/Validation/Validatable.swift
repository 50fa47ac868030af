/// An object the API server validates; paths in errors are relative to the object root.
public protocol Validatable {
    /// All validation errors, in field order.
    func validate() -> [FieldError]

    /// All validation errors under feature switches and the scheduler's plugin names.
    func validate(options: ValidationOptions) -> [FieldError]
}

extension Validatable {
    /// Objects whose validation has no switches ignore the options.
    public func validate(options: ValidationOptions) -> [FieldError] { validate() }
}
