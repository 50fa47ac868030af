#!/usr/bin/env python3
"""A kubesim sweep sharded over a Dask cluster: one task per shard (client.map over the shard
indexes), then `kubesim merge` and the report, as docs/experiments.md describes.

    scripts/dask-sweep.py --scheduler tcp://127.0.0.1:8786 --shards 8 --dir shards \\
        -- scenarios/benchmarks/01-web-bursty.yaml --set 'spec.nodes[web].count=6,8,10' --replications 4

Every worker runs `kubesim sweep … --shard I/N --db DIR/shard-I.sqlite` in this script's folder, so
kubesim, the scenarios and DIR must be at the same paths on every worker (one machine, or a shared
file system). A shard that exits 1 (retryable) is retried by Dask; exit 2 (bad input) is not.
Exit status: the merge's (0 complete, 3 runs missing), or 2 when a shard had bad input.
"""
import argparse
import os
import subprocess
import sys

from dask.distributed import Client


class Retryable(Exception):
    """A shard that exited 1: Dask runs the task again (`retries`)."""


def run_shard(index, shards, kubesim, directory, plan, workdir):
    database = os.path.join(directory, f"shard-{index}.sqlite")
    command = [kubesim, "sweep", *plan, "--shard", f"{index}/{shards}", "--db", database, "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=workdir)
    if done.returncode == 1:
        raise Retryable(f"shard {index}: {done.stderr.strip()}")
    return index, done.returncode, done.stderr.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scheduler", required=True, help="address of the Dask scheduler")
    parser.add_argument("--shards", type=int, required=True)
    parser.add_argument("--dir", default="sweep-shards", help="folder of the shard files")
    parser.add_argument("--out", help="merged database (default: DIR/sweep.sqlite)")
    parser.add_argument("--kubesim", default=os.environ.get("KUBESIM", "kubesim"))
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("plan", nargs=argparse.REMAINDER, help="-- then the arguments of `kubesim sweep`")
    args = parser.parse_args()
    plan = args.plan[1:] if args.plan[:1] == ["--"] else args.plan
    directory = os.path.abspath(args.dir)
    os.makedirs(directory, exist_ok=True)
    out = args.out or os.path.join(directory, "sweep.sqlite")

    with Client(args.scheduler, timeout=30) as client:
        futures = client.map(
            run_shard, range(args.shards), shards=args.shards, kubesim=args.kubesim, directory=directory,
            plan=plan, workdir=os.getcwd(), retries=args.retries, pure=False)
        results = client.gather(futures)
    bad = [(index, message) for index, status, message in results if status != 0]
    for index, message in bad:
        print(f"shard {index}: {message}", file=sys.stderr)
    if bad:
        sys.exit(2)
    shards = [os.path.join(directory, f"shard-{i}.sqlite") for i in range(args.shards)]
    merged = subprocess.run([args.kubesim, "merge", out, *shards], stdout=sys.stderr)
    if merged.returncode != 0:
        sys.exit(merged.returncode)
    sys.exit(subprocess.run([args.kubesim, "sweep", *plan, "--db", out, "--quiet"]).returncode)


if __name__ == "__main__":
    main()
