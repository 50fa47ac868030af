import Testing

@testable import ClusterComponents

/// ImageLocality's `normalizedImageName` (k/k pkg/scheduler/framework/plugins/imagelocality/
/// image_locality.go): `:latest` is appended unless the last `/`-separated component has a
/// `:` or the name has an `@`. ASCII names are read as bytes, others by `Character`.
@Suite("ImageLocality image names")
struct ImageLocalityNameTests {
    @Test(
        "normalized names",
        arguments: [
            ("nginx", "nginx:latest"),
            ("nginx:1.27", "nginx:1.27"),
            ("localhost:5000/app", "localhost:5000/app:latest"),
            ("localhost:5000/app:1", "localhost:5000/app:1"),
            ("app@sha256:abc", "app@sha256:abc"),
            ("reg/app@sha256", "reg/app@sha256"),
            // strings.Split keeps a trailing empty component, Swift's split drops it: the rule
            // as kubesim states it looks at the last non-empty one.
            ("a/b:1/", "a/b:1/"),
            ("/", "/:latest"),
            ("", ":latest"),
            ("café/thé", "café/thé:latest"),
            ("café:5000/thé:1", "café:5000/thé:1"),
        ])
    func normalized(name: String, expected: String) {
        #expect(ImageLocality.normalizedImageName(name) == expected)
    }
}
