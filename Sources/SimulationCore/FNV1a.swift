/// FNV-1a, 64-bit (Fowler–Noll–Vo): a stable, seedless hash of bytes, for fingerprints and
/// names that must be the same on every run and machine (Swift's `Hasher` is seeded per process).
///
/// - Complexity: O(1) per byte.
public struct FNV1a: Sendable {
    /// The hash of the bytes mixed so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    public init() {}

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
}
