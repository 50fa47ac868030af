import KubeModel
import Testing

/// `ImageReference` splits `[registry/]repository[:tag][@digest]`: ASCII references on their
/// bytes, others by `Character`; both must split alike (the kubelet's `applyDefaultImageTag`
/// and the pull policy default read the parts).
@Suite("Image references")
struct ImageReferenceTests {
    @Test(
        "repository, tag and digest",
        arguments: [
            ("nginx", "nginx", nil, nil),
            ("nginx:1.27", "nginx", "1.27", nil),
            ("localhost:5000/app", "localhost:5000/app", nil, nil),
            ("localhost:5000/team/app:2.0", "localhost:5000/team/app", "2.0", nil),
            ("app@sha256:abc", "app", nil, "sha256:abc"),
            ("reg.io:443/app:1.2@sha256:abc", "reg.io:443/app", "1.2", "sha256:abc"),
            ("", "", nil, nil),
            ("a/b:", "a/b", "", nil),
            // Non-ASCII: split by Character, the same places.
            ("régistry.example/café:1.0", "régistry.example/café", "1.0", nil),
            ("régistry:5000/app@sha256:é", "régistry:5000/app", nil, "sha256:é"),
        ] as [(String, String, String?, String?)])
    func split(text: String, repository: String, tag: String?, digest: String?) {
        let reference = ImageReference(text)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
    }

    @Test("the default tag is appended only without tag and digest")
    func defaultTag() {
        #expect(ImageReference("localhost:5000/app").withDefaultTag == "localhost:5000/app:latest")
        #expect(ImageReference("app@sha256:abc").withDefaultTag == "app@sha256:abc")
        #expect(ImageReference("café:1").withDefaultTag == "café:1")
        #expect(ImageReference("café").withDefaultTag == "café:latest")
    }
}
