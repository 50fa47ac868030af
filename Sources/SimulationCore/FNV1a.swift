/// FNV-1a (Fowler–Noll–Vo) over a word of 32 or 64 bits: a stable, seedless hash of bytes, for
/// fingerprints and names that must be the same on every run and machine (Swift's `Hasher` is
/// seeded per process). The offset bases and primes are Go's (go/src/hash/fnv/fnv.go `offset32`,
/// `prime32`, `offset64`, `prime64`), so ``FNV1a32`` is `fnv.New32a` (what Kubernetes hashes a
/// pod template with) and ``FNV1a`` is `fnv.New64a`.
///
/// - Complexity: O(1) per byte.
public struct FNVHash<Word: FNVWord>: Sendable {
    /// The hash of the bytes mixed so far.
    public private(set) var value: Word = Word.fnvOffsetBasis

    /// A hash of nothing yet.
    public init() {}

    /// A hash that starts from `basis` instead of the FNV offset basis: a second, independent
    /// hash of the same bytes, or a hash continued after mixing in something that is not bytes.
    public init(basis: Word) { value = basis }

    /// Mixes bytes into the hash: for each byte, xor then multiply by the FNV prime (FNV-1a).
    public mutating func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= Word(byte)
            value = value &* Word.fnvPrime
        }
    }
}

/// FNV-1a, 64-bit (Go `fnv.New64a`).
public typealias FNV1a = FNVHash<UInt64>

/// FNV-1a, 32-bit (Go `fnv.New32a`).
public typealias FNV1a32 = FNVHash<UInt32>

/// An unsigned word FNV hashes over, with its offset basis and prime.
public protocol FNVWord: FixedWidthInteger & UnsignedInteger & Sendable {
    /// The FNV offset basis of this width.
    static var fnvOffsetBasis: Self { get }
    /// The FNV prime of this width.
    static var fnvPrime: Self { get }
}

extension UInt32: FNVWord {
    /// 2166136261 (go/src/hash/fnv/fnv.go `offset32`).
    public static var fnvOffsetBasis: UInt32 { 2_166_136_261 }
    /// 16777619 (`prime32`).
    public static var fnvPrime: UInt32 { 16_777_619 }
}

extension UInt64: FNVWord {
    /// 14695981039346656037 (go/src/hash/fnv/fnv.go `offset64`).
    public static var fnvOffsetBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }
    /// 1099511628211 (`prime64`).
    public static var fnvPrime: UInt64 { 0x0000_0100_0000_01B3 }
}

extension FNVHash where Word == UInt64 {
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
            let prime = UInt64.fnvPrime
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
