/// Admission-time defaults that need the whole object set.
enum AdmissionDefaults {
    static func apply(to result: inout ManifestLoader.Result) {}
}
