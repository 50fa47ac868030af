import Foundation
import SimulationOutput

/// What legitimately differs between the seed articles' `kubectl describe pod` (2019–2021
/// clusters: GKE 1.14/1.15 with Docker, k3d 1.20 with containerd) and kubesim's (the scenario's
/// 1.34), each rule named with its cause. Applied to both texts; whatever it does not name must
/// be equal. docs/kubectl-versions.md lists the same rules.
///
/// 1. Layout: the articles' web text lost its indentation and alignment, so every run of
///    blanks becomes one space and lines are trimmed.
/// 2. Names, addresses, dates, hashes, ages: node names, IPv4 addresses, RFC 1123 dates,
///    64-hex-digit container ids and digests, and durations (`2m54s`) become placeholders.
/// 3. The container runtime (Docker before 1.24): `docker://` ids are `containerd://`, and
///    `docker-pullable://nginx@…` image ids are containerd's normalized `docker.io/library/nginx@…`.
/// 4. The service account token volume (the BoundServiceAccountTokenVolume gate, on from 1.21):
///    the article's `default-token-xxxxx` Secret volume and kubesim's projected
///    `kube-api-access-xxxxx` are both `<token>`, and the volume's description block is
///    `<token volume>`.
/// 5. Lines one kubectl/kubelet version prints and the other does not: `Service Account:`
///    (kubectl 1.22+ when set, always set by the admission plugin), `PriorityClassName: <none>`
///    (kubectl before 1.17), `IPs:` and its `IP:` lines (kubectl 1.16+), `SizeLimit:` of an
///    emptyDir (kubectl 1.21+), the `PodReadyToStartContainers` condition (kubelet 1.29+), and
///    the `kubectl.kubernetes.io/last-applied-configuration` annotation (hidden since kubectl
///    1.16, `skipAnnotations`); annotations printed `key=value` before kubectl 1.16 are
///    `key: value`.
/// 6. Events: messages and sources are the kubelet's words of its version (`pulling image
///    "nginx"` from `kubelet, <node>` then; `Pulling image "nginx"` from `kubelet` now), so an
///    event row is compared by its type and reason, in order.
enum SeedArticleNormaliser {
    /// - Parameters:
    ///   - nodes: the article's and kubesim's node names.
    ///   - dropLines: prefixes of lines the article's older kubectl did not print (rule 5,
    ///     per article, applied to kubesim's text: the caller names the version).
    ///   - dropText: text the article's older kubectl did not print within a line.
    static func normalise(
        _ text: String, nodes: [String], dropLines: [String] = [], dropText: [String] = []
    ) -> [String] {
        var lines: [String] = []
        var inEvents = false
        var skippingTokenVolume = false
        var inAnnotations = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = raw.replacingOccurrences(of: #"[ \t]+"#, with: " ", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !dropLines.contains(where: { line.hasPrefix($0) }) else { continue }
            for text in dropText { line = line.replacingOccurrences(of: text, with: "") }
            // Rule 6.
            if line.hasPrefix("Events:") {
                inEvents = true
                lines.append(line)
                continue
            }
            if inEvents {
                if line.hasPrefix("Type Reason") || line.hasPrefix("----") { continue }
                let fields = line.split(separator: " ")
                if fields.count >= 2 { lines.append("event \(fields[0]) \(fields[1])") }
                continue
            }
            // Rule 5: annotations, from `Annotations:` to `Status:`.
            if line.hasPrefix("Annotations:") {
                inAnnotations = true
                line = String(line.dropFirst("Annotations:".count)).trimmingCharacters(in: .whitespaces)
                lines.append("Annotations:")
            }
            if inAnnotations {
                if line.hasPrefix("Status:") {
                    inAnnotations = false
                    if lines.last == "Annotations:" { lines[lines.count - 1] = "Annotations: <none>" }
                } else {
                    if line.hasPrefix("kubectl.kubernetes.io/last-applied-configuration") || line.hasPrefix("{")
                        || line.isEmpty || line == "<none>"
                    {
                        continue
                    }
                    // `key=value` (kubectl before 1.16) is `key: value`.
                    if let equals = line.firstIndex(of: "="), !line[..<equals].contains(" "),
                        !line[..<equals].contains(":")
                    {
                        line.replaceSubrange(equals...equals, with: ": ")
                    }
                    lines.append(line)
                    continue
                }
            }
            // Rule 4: the token volume's block ends at the next volume or QoS Class.
            if skippingTokenVolume {
                if line.hasPrefix("QoS Class:") || (line.hasSuffix(":") && !line.contains(" ")) {
                    skippingTokenVolume = false
                } else {
                    continue
                }
            }
            line = line.replacingOccurrences(
                of: #"\b(default-token|kube-api-access)-[a-z0-9]{5}\b"#, with: "<token>", options: .regularExpression)
            if line == "<token>:" {
                lines.append("<token volume>")
                skippingTokenVolume = true
                continue
            }
            // Rule 5.
            if line.hasPrefix("Service Account:") || line.hasPrefix("PriorityClassName:") || line.hasPrefix("IPs:")
                || line.hasPrefix("IP: ") && lines.last.map({ $0 == "IPs:" || $0.hasPrefix("IP: ") }) == true
                || line.hasPrefix("SizeLimit:") || line.hasPrefix("PodReadyToStartContainers ")
            {
                if line == "IPs:" { lines.append(line) }
                continue
            }
            if lines.last == "IPs:" { lines.removeLast() }
            // Rule 3.
            line = line.replacingOccurrences(of: "docker://", with: "containerd://")
            if let range = line.range(of: #"docker-pullable://[^@]+"#, options: .regularExpression) {
                let repository = String(line[range].dropFirst("docker-pullable://".count))
                line.replaceSubrange(range, with: PodDescriber.normalizedRepository(repository))
            }
            // Rule 2.
            for node in nodes { line = line.replacingOccurrences(of: node, with: "<node>") }
            line = line.replacingOccurrences(
                of: #"[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} [+-][0-9]{4}"#, with: "<date>",
                options: .regularExpression)
            line = line.replacingOccurrences(of: #"[0-9a-f]{64}"#, with: "<hash>", options: .regularExpression)
            line = line.replacingOccurrences(
                of: #"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"#, with: "<ip>", options: .regularExpression)
            lines.append(line)
        }
        return lines
    }
}
