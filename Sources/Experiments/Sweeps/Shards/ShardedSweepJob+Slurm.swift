// MARK: - Slurm job array

extension ShardedSweepJob {
    /// A bash script that writes two batch scripts into the shard folder and submits them: a
    /// job array `--array=0-(N-1)` (with `--requeue`) whose task runs the shard of
    /// `SLURM_ARRAY_TASK_ID`, and a merge job `--dependency=afterany:` on the array that merges
    /// the shards and writes the report (`report.txt`). Array tasks exit 0 (done), 1 (retryable:
    /// `scontrol requeue JOB_I` resumes the shard from its own file) or 2 (bad input).
    /// - Parameters:
    ///   - executable: the kubesim binary the jobs run (`$KUBESIM` overrides it at submission).
    ///   - workingDirectory: the folder relative paths are resolved against.
    public func slurmScript(executable: String, workingDirectory: String) -> String {
        let directory = shardDirectory
        let shardJob = """
            #!/usr/bin/env bash
            #SBATCH --job-name=\(name)
            #SBATCH --array=0-\(shards - 1)
            #SBATCH --requeue
            #SBATCH --cpus-per-task=\(cpusPerShard)
            #SBATCH --output=\(join(directory, "shard-%a.log"))
            #SBATCH --open-mode=append
            # Shard $SLURM_ARRAY_TASK_ID of \(shards): the plan's tasks I, I+\(shards), … into \(join(directory, "shard-I.sqlite")).
            # Exit 0 done, 1 retryable (requeue it: it resumes from its own file), 2 bad input.
            exec "$KUBESIM" \(Self.shellWords(shardArguments))
            """
        let mergeJob = """
            #!/usr/bin/env bash
            #SBATCH --job-name=\(name)-merge
            #SBATCH --output=\(join(directory, "merge.log"))
            #SBATCH --open-mode=append
            # Merges the shards (exit 3 names the shard indexes that lack runs: requeue those and
            # submit this script again), then prints the report the unsharded run would print.
            set -euo pipefail
            "$KUBESIM" \(Self.shellWords(mergeArguments))
            "$KUBESIM" \(Self.shellWords(reportArguments)) > \(Self.shellQuoted(join(directory, "report.txt")))
            echo "report: \(join(directory, "report.txt"))"
            """
        return """
            #!/usr/bin/env bash
            # \(title) as a Slurm job array: \(taskCount) runs in \(shards) shards, then one merge job.
            # Run it where sbatch works (bash THIS_FILE); it prints the two job ids. kubesim, the
            # scenario files and \(directory)/ must be on a file system every node sees.
            set -euo pipefail
            export KUBESIM="${KUBESIM:-\(executable)}"
            cd \(Self.shellQuoted(workingDirectory))
            mkdir -p \(Self.shellQuoted(directory))
            cat > \(Self.shellQuoted(join(directory, "shard.sbatch"))) <<'KUBESIM_SHARD'
            \(shardJob)
            KUBESIM_SHARD
            cat > \(Self.shellQuoted(join(directory, "merge.sbatch"))) <<'KUBESIM_MERGE'
            \(mergeJob)
            KUBESIM_MERGE
            array=$(sbatch --parsable \(Self.shellQuoted(join(directory, "shard.sbatch"))))
            array=${array%%;*}
            merge=$(sbatch --parsable --dependency=afterany:"$array" \(Self.shellQuoted(join(directory, "merge.sbatch"))))
            merge=${merge%%;*}
            echo "array job $array (\(shards) shards), merge job $merge"

            """
    }

    /// A word for bash: bare when safe, else single-quoted.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy {
            ($0.value < 128 && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                || "-_./=:,+@%".unicodeScalars.contains($0)
        }
        if safe, !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func shellWords(_ words: [String]) -> String { words.map(shellQuoted).joined(separator: " ") }
}
