import KubeModel
import Stochastics

/// The ServiceAccount admission plugin (k/k plugin/pkg/admission/serviceaccount/admission.go),
/// run by the API server on every pod it creates:
///
/// 1. `spec.serviceAccountName` defaults to `default`;
/// 2. the ServiceAccount must exist (`default` always does: the service account controller,
///    pkg/controller/serviceaccount, creates it in every namespace), else `Forbidden`;
/// 3. unless `automountServiceAccountToken` is false (the pod's setting wins over the
///    ServiceAccount's, `shouldAutomount`), every init and regular container without a mount
///    at `/var/run/secrets/kubernetes.io/serviceaccount` gets one, read-only, from the projected
///    volume `kube-api-access-<5 chars>` appended to `spec.volumes` (`TokenVolumeSource`: a
///    token of 3607 s, the `kube-root-ca.crt` ConfigMap's `ca.crt`, the namespace).
///
/// Every version kubesim models (1.25–1.36) mounts that projected volume: the token Secret
/// volume `default-token-<5 chars>` of the seed articles' clusters went with the
/// BoundServiceAccountTokenVolume gate (on by default since 1.21, GA in 1.22).
///
/// The random suffix (`names.SimpleNameGenerator`) is drawn from the run's seed: same seed,
/// same names. Applying the plugin to a pod that already has its token volume changes nothing.
public struct ServiceAccountAdmission: Sendable {
    /// `DefaultServiceAccountName`.
    public static let defaultServiceAccountName = "default"
    /// `ServiceAccountVolumeName` + "-".
    public static let volumeNamePrefix = "kube-api-access-"
    /// `DefaultAPITokenMountPath`.
    public static let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
    /// `serviceaccount.WarnOnlyBoundTokenExpirationSeconds` (pkg/serviceaccount/claims.go):
    /// one hour and 7 s, so that tokens still used after an hour can be told apart.
    public static let tokenExpirationSeconds = 3607

    /// The seed of the suffixes.
    let seed: UInt64
    /// Suffixes drawn so far.
    var drawn: UInt64 = 0

    /// Creates the plugin of a run.
    init(streams: RandomStreams) { seed = streams.seed(named: "apiserver/serviceaccount") }

    /// Admits `pod` into `namespace` against the ServiceAccounts stored, which `storedAccount`
    /// looks up by name (nil: none stored of that name).
    /// - Throws: ``AdmissionError`` when the named ServiceAccount does not exist.
    mutating func admit(
        _ pod: inout Pod, namespace: String, storedAccount: (String) -> StoredObject?
    ) throws(AdmissionError) {
        // Mirror pods are the kubelet's, never created through this path.
        let name = pod.spec.serviceAccountName.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultServiceAccountName
        pod.spec.serviceAccountName = name
        var accountAutomount: Bool?
        if let stored = storedAccount(name) {
            accountAutomount = stored.object.unrecognizedBool("automountServiceAccountToken")
        } else if name != Self.defaultServiceAccountName {
            throw AdmissionError(
                message: "error looking up service account \(namespace)/\(name): serviceaccount \"\(name)\" not found",
                path: "")
        }
        guard pod.spec.automountServiceAccountToken ?? accountAutomount ?? true else { return }
        mountToken(&pod)
    }

    /// `mountServiceAccountToken`.
    private mutating func mountToken(_ pod: inout Pod) {
        var volumes = pod.spec.volumes ?? []
        let existing = volumes.first { $0.name.hasPrefix(Self.volumeNamePrefix) }
        let volumeName = existing?.name ?? Self.volumeNamePrefix + nextSuffix()
        let mount = VolumeMount(name: volumeName, mountPath: Self.mountPath, readOnly: true)
        var needsVolume = false
        func addMount(_ containers: inout [Container]) {
            for index in containers.indices
            where !(containers[index].volumeMounts ?? []).contains(where: { $0.mountPath == Self.mountPath }) {
                // Appended in place: `(mounts ?? []) + [mount]` built two arrays a pod.
                if containers[index].volumeMounts == nil {
                    containers[index].volumeMounts = [mount]
                } else {
                    containers[index].volumeMounts!.append(mount)
                }
                needsVolume = true
            }
        }
        if var inits = pod.spec.initContainers {
            addMount(&inits)
            pod.spec.initContainers = inits
        }
        addMount(&pod.spec.containers)
        guard existing == nil, needsVolume else { return }
        var volume = Self.tokenVolume
        volume.name = volumeName
        volumes.append(volume)
        pod.spec.volumes = volumes
    }

    /// The token volume but for its name: every pod's copy shares its one boxed projected
    /// source (``KubeModel/Indirect``), so a pod pays for the name and a pointer.
    static let tokenVolume = Volume(name: "", projected: tokenVolumeSource)

    /// `TokenVolumeSource()`: mode 0644 (420) set explicitly, the token, the cluster's CA
    /// bundle and the namespace.
    public static let tokenVolumeSource = ProjectedVolumeSource(
        sources: [
            VolumeProjection(
                serviceAccountToken: ServiceAccountTokenProjection(
                    expirationSeconds: tokenExpirationSeconds, path: "token")),
            VolumeProjection(
                configMap: ObjectProjection(name: "kube-root-ca.crt", items: [KeyToPath(key: "ca.crt", path: "ca.crt")])
            ),
            VolumeProjection(
                downwardAPI: .mapping([
                    .init(
                        key: "items",
                        value: .sequence([
                            .mapping([
                                .init(
                                    key: "fieldRef",
                                    value: .mapping([
                                        .init(key: "apiVersion", value: .scalar("v1")),
                                        .init(key: "fieldPath", value: .scalar("metadata.namespace")),
                                    ])),
                                .init(key: "path", value: .scalar("namespace")),
                            ])
                        ]))
                ])),
        ], defaultMode: 420)

    private mutating func nextSuffix() -> String {
        drawn += 1
        return Self.suffix(seed ^ drawn)
    }

    /// Five characters of the generated-name alphabet from a 64-bit draw.
    static func suffix(_ value: UInt64) -> String {
        var bits = RandomStreams.splitMix64(value)
        return Cluster.nameSuffix(length: 5) { count in
            defer { bits /= UInt64(count) }
            return Int(bits % UInt64(count))
        }
    }
}
