import KubeModel
import Testing

@testable import ClusterComponents

@Suite struct PodTemplateHashTests {
    @Test("SafeEncodeString maps each byte to alphanums[byte % 27]")
    func safeEncode() {
        // '1' = 49 → 22 → "5", '2' = 50 → 23 → "6", '3' = 51 → 24 → "7", '0' = 48 → 21 → "4".
        #expect(PodTemplateHash.safeEncode("1230") == "5674")
    }

    @Test("the hash is stable and changes with the template")
    func stability() {
        let a = ControllerFixture.template(app: "web")
        var b = a
        b.spec.containers[0].image = "nginx:1.28"
        #expect(PodTemplateHash.compute(a) == PodTemplateHash.compute(a))
        #expect(PodTemplateHash.compute(a) != PodTemplateHash.compute(b))
        let hash = PodTemplateHash.compute(a)
        #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }
}
