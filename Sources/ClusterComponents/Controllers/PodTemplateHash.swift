import Foundation
import KubeModel
import SimulationCore

/// The `pod-template-hash` a Deployment stamps on its ReplicaSets and pods.
///
/// Upstream (k/k pkg/controller/controller_utils.go `ComputeHash`) writes the template with
/// `hashutil.DeepHashObject` (a go-spew dump) into an FNV-32a hasher, mixes in
/// `collisionCount`, and renders `fmt.Sprint(hash)` through `rand.SafeEncodeString`. Here the
/// template is written as canonical JSON (sorted keys) instead of a spew dump, so the hash is
/// deterministic and changes exactly when the template does, but it is **not byte-identical**
/// to the value a real cluster would compute for the same template.
public enum PodTemplateHash {
    /// The alphabet of `rand.SafeEncodeString` (k8s.io/apimachinery/pkg/util/rand `alphanums`):
    /// no vowels, no `0`/`1`/`3`, so a hash never spells a word.
    static let alphanums = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    /// The hash of `template` (plus `collisionCount`, as upstream) as the label value.
    /// - Complexity: O(size of the encoded template).
    public static func compute(_ template: PodTemplateSpec, collisionCount: Int? = nil) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(template)) ?? Data()
        var hash = FNV1a32()
        hash.mix(bytes)
        if let collisionCount {
            // ComputeHash writes the collision count's little-endian bytes after the object.
            var value = UInt32(truncatingIfNeeded: collisionCount)
            hash.mix(withUnsafeBytes(of: &value) { Array($0) })
        }
        return safeEncode(String(hash.value))
    }

    /// `rand.SafeEncodeString`: each byte of `text` becomes `alphanums[byte % 27]`.
    public static func safeEncode(_ text: String) -> String {
        String(decoding: text.utf8.map { alphanums[Int($0) % alphanums.count] }, as: UTF8.self)
    }
}
