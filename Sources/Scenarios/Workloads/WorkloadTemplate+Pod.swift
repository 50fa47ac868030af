import ClusterComponents
import KubeModel

extension WorkloadTemplate {
    /// The pod every arrival copies: the inline pod or template, or the first Pod in the file
    /// (else the pod template of its first Deployment, ReplicaSet or Job).
    /// - Parameter baseDirectory: where a relative `file` resolves.
    /// - Throws: ``WorkloadError/template(file:diagnostics:)``.
    public func prototypePod(baseDirectory: String) throws(WorkloadError) -> Pod {
        switch self {
        case .pod(let pod): return pod
        case .podTemplate(let template): return Pod(metadata: template.metadata, spec: template.spec)
        case .file(let file):
            let path = ScenarioReader.resolve(file, against: baseDirectory)
            let result = ManifestLoader(options: .scheduling).load(paths: [path])
            if result.hasErrors { throw .template(file: path, diagnostics: result.diagnostics) }
            for loaded in result.objects {
                switch loaded.object {
                case .pod(let pod): return pod
                case .deployment(let deployment):
                    return Pod(metadata: deployment.spec.template.metadata, spec: deployment.spec.template.spec)
                case .replicaSet(let replicaSet):
                    return Pod(metadata: replicaSet.spec.template.metadata, spec: replicaSet.spec.template.spec)
                case .job(let job):
                    return Pod(metadata: job.spec.template.metadata, spec: job.spec.template.spec)
                default: continue
                }
            }
            throw .template(file: path, diagnostics: [])
        }
    }
}
