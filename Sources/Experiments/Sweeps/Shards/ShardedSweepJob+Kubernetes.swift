import KubeModel

// MARK: - Kubernetes Indexed Job

extension ShardedSweepJob {
    /// Three documents: a PersistentVolumeClaim for the shard files, an Indexed Job (one pod
    /// per shard: `completionMode: Indexed`, `backoffLimitPerIndex`, `podReplacementPolicy:
    /// Failed`, and a `podFailurePolicy` that fails an index for good on exit code 2, bad
    /// input), and a suspended merge Job to resume once the Indexed Job has finished. The pod
    /// reads its index from `JOB_COMPLETION_INDEX`, which the Job controller sets.
    /// - Parameters:
    ///   - image: a container image with `kubesim` on its PATH and the scenario files at the
    ///     paths the plan names (relative to its working directory).
    ///   - backoffLimitPerIndex: retries of one shard.
    public func kubernetesManifest(image: String, backoffLimitPerIndex: Int = 3) -> String {
        let claim = "\(name)-shards"
        func strings(_ words: [String]) -> String { "[" + words.map(Self.yamlQuoted).joined(separator: ", ") + "]" }
        let mount = """
                    volumeMounts:
                    - name: shards
                      mountPath: \(Self.yamlQuoted(shardDirectory))
            """
        let volumes = """
                  volumes:
                  - name: shards
                    persistentVolumeClaim:
                      claimName: \(claim)
            """
        return """
            # \(title) as a Kubernetes Indexed Job: \(taskCount) runs in \(shards) shards, then a merge Job.
            #   kubectl apply -f THIS_FILE
            #   until kubectl get job \(name) -o jsonpath='{.status.conditions[?(@.status=="True")].type}' \\
            #       | grep -wqE 'Complete|Failed'; do sleep 30; done                # every index has ended
            #   kubectl patch job \(name)-merge --type=merge -p '{"spec":{"suspend":false}}'
            #   kubectl logs -f job/\(name)-merge
            # Exit codes: 0 done, 1 retryable (the index is retried up to backoffLimitPerIndex times,
            # resuming from its file), 2 bad input (FailIndex). The merge exits 3 and names the shard
            # indexes that lack runs. The claim must be ReadWriteMany when pods land on several nodes;
            # each pod writes only its own file.
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: \(claim)
            spec:
              accessModes: ["ReadWriteMany"]
              resources:
                requests:
                  storage: 1Gi
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(name)
              labels:
                app.kubernetes.io/name: kubesim
            spec:
              completionMode: Indexed
              completions: \(shards)
              parallelism: \(shards)
              backoffLimitPerIndex: \(backoffLimitPerIndex)
              maxFailedIndexes: \(shards)
              podReplacementPolicy: Failed
              podFailurePolicy:
                rules:
                - action: FailIndex
                  onExitCodes:
                    containerName: shard
                    operator: In
                    values: [2]
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: kubesim
                spec:
                  restartPolicy: Never
                  containers:
                  - name: shard
                    image: \(Self.yamlQuoted(image))
                    command: ["kubesim"]
                    args: \(strings(shardArguments))
                    resources:
                      requests:
                        cpu: "\(cpusPerShard)"
                      limits:
                        cpu: "\(cpusPerShard)"
            \(mount)
            \(volumes)
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(name)-merge
              labels:
                app.kubernetes.io/name: kubesim
            spec:
              suspend: true
              backoffLimit: 0
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: kubesim
                spec:
                  restartPolicy: Never
                  initContainers:
                  - name: merge
                    image: \(Self.yamlQuoted(image))
                    command: ["kubesim"]
                    args: \(strings(mergeArguments))
            \(mount)
                  containers:
                  - name: report
                    image: \(Self.yamlQuoted(image))
                    command: ["kubesim"]
                    args: \(strings(reportArguments))
            \(mount)
            \(volumes)

            """
    }

    /// A double-quoted YAML scalar (JSON string syntax, which YAML accepts).
    static func yamlQuoted(_ text: String) -> String { JSONString.quoted(text) }
}
