import Foundation
import Scenarios

/// A stable fingerprint of a scenario's files (FNV-1a 64 over paths and bytes), so results
/// stored for one version of a scenario are not reused after it is edited.
public enum ScenarioFingerprint {
    /// Fingerprints the inputs: every regular file under `paths` (folders recursively, in
    /// sorted order), then every file the Scenario document names.
    /// - Returns: 16 hex digits.
    public static func fingerprint(paths: [String], input: ScenarioInput) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<C: Sequence>(_ bytes: C) where C.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let children = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
                for child in children {
                    let full = (path as NSString).appendingPathComponent(child)
                    var childIsDirectory: ObjCBool = false
                    if manager.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue {
                        files.append(full)
                    }
                }
            } else {
                files.append(path)
            }
        }
        files += input.scenario.fileReferences.map(\.resolvedPath).sorted()
        for file in files {
            mix(((file as NSString).lastPathComponent).utf8)
            if let data = manager.contents(atPath: file) { mix(data) }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
