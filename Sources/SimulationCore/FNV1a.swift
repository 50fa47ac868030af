/// FNV-1a, 64-bit (Fowler–Noll–Vo): a stable, seedless hash of bytes, for fingerprints and
/// names that must be the same on every run and machine (Swift's `Hasher` is seeded per process).
///
/// - Complexity: O(1) per byte.
public struct FNV1a: Sendable {
    /// The hash of the bytes mixed so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    public init() {}

    /// A hash that starts from `basis` instead of the FNV offset basis: a second, independent
    /// hash of the same bytes, or a hash continued after mixing in something that is not bytes.
    public init(basis: UInt64) { value = basis }

    /// Mixes bytes into the hash.
    public mutating func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    /// The hash as 16 lower-case hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of one text's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var hash = FNV1a()
        hash.mix(text.utf8)
        return hash.value
    }

    /// A faster FNV-style digest for equality tests only (not FNV-1a): the offset basis xor the
    /// length, then eight bytes per multiply by the FNV prime with an xor-shift of 29, the
    /// remaining bytes one at a time.
    /// - Complexity: O(length / 8).
    public static func wordDigest(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            let prime: UInt64 = 0x0000_0100_0000_01B3
            var hash = FNV1a().value ^ UInt64(bytes.count)
            guard let base = bytes.baseAddress else { return hash }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= bytes.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
                hash ^= hash >> 29
                offset += 8
            }
            while offset < bytes.count {
                hash = (hash ^ UInt64(bytes[offset])) &* prime
                offset += 1
            }
            return hash
        }
    }
}
