import SimulationCore
import Testing

/// The one FNV implementation: FNV-1a from another basis, and the word-wise digest the event
/// aggregator uses. Expected values computed by hand-written Python (64-bit wrap-around
/// arithmetic, the FNV prime 0x100000001b3, little-endian 8-byte words).
@Suite struct FNV1aTests {
    @Test("FNV-1a over 32 bits (Go fnv.New32a, pod-template-hash) matches the published test vectors")
    func published32() {
        // Same FNV reference page, 32-bit FNV-1a column: "" is the offset basis itself.
        func hash(_ text: String) -> UInt32 {
            var hash = FNV1a32()
            hash.mix(text.utf8)
            return hash.value
        }
        #expect(hash("") == 0x811c_9dc5)
        #expect(hash("a") == 0xe40c_292c)
        #expect(hash("foobar") == 0xbf9c_f968)
    }

    @Test("FNV-1a from the offset basis matches the published test vectors")
    func published() {
        // http://www.isthe.com/chongo/tech/comp/fnv/ test vectors: "" , "a", "foobar".
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("a hash from another basis is a second, independent FNV-1a of the same bytes")
    func otherBasis() {
        var hash = FNV1a(basis: 0x8422_2325_cbf2_9ce4)
        hash.mix("foobar".utf8)
        #expect(hash.value == 0x1af2_1521_be51_9bf9)
        #expect(hash.hex == "1af21521be519bf9")
    }

    @Test("the word digest: basis xor length, eight bytes per multiply, the tail byte by byte")
    func wordDigest() {
        #expect(FNV1a.wordDigest("") == 0xcbf2_9ce4_8422_2325)  // basis ^ 0, no bytes
        #expect(FNV1a.wordDigest("abc") == 0x0043_1519_1341_65f2)  // tail only
        #expect(FNV1a.wordDigest("Created pod: web-1") == 0x09b9_48dd_5dd3_78d5)  // two words + tail
    }
}
