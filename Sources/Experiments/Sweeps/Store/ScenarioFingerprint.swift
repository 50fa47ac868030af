import Foundation
import Scenarios
import SimulationCore

/// A stable fingerprint of a scenario's files (FNV-1a 64 over paths and bytes), so results
/// stored for one version of a scenario are not reused after it is edited.
public enum ScenarioFingerprint {
    /// Fingerprints the inputs: every regular file under `paths` (folders recursively, in
    /// sorted order), then every file the Scenario document names.
    /// - Returns: 16 hex digits.
    public static func fingerprint(paths: [String], input: ScenarioInput) -> String {
        var hash = FNV1a()
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
            hash.mix(((file as NSString).lastPathComponent).utf8)
            if let data = manager.contents(atPath: file) { hash.mix(data) }
        }
        return hash.hex
    }

    /// Fingerprints files by name and contents, in the order given (trace files that are not a
    /// scenario's: the node and pod lists of `bench fgd`).
    /// - Returns: 16 hex digits.
    public static func fingerprint(files: [String]) -> String {
        var hash = FNV1a()
        for file in files {
            hash.mix(((file as NSString).lastPathComponent).utf8)
            if let data = FileManager.default.contents(atPath: file) { hash.mix(data) }
        }
        return hash.hex
    }

    /// A fingerprint of a policy given on the command line: its name and, for a file (a
    /// KubeSchedulerConfiguration), its contents' hash.
    public static func policyDescription(_ name: String) -> String {
        guard let data = FileManager.default.contents(atPath: name) else { return name }
        var hash = FNV1a()
        hash.mix(data)
        return "\((name as NSString).lastPathComponent)#\(String(hash.value, radix: 16))"
    }
}
