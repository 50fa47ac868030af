#!/usr/bin/env python3
"""Checks a manifest from `kubesim sweep --emit kubernetes` offline, without a cluster.

Every document is decoded into the official Python client's models (package `kubernetes`), which
refuse unknown types, missing required fields and values of the wrong type. Prints JSON: each
document's kind and spec, and the kubesim arguments of the shard pods, the merge and the report.

    scripts/check-indexed-job.py sweep.yaml

(`kubectl create --dry-run=client` would need an API server for discovery.)
"""
import json
import sys

import yaml

MODELS = {("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim", ("batch/v1", "Job"): "V1Job"}


def main(path):
    with open(path) as handle:
        documents = [d for d in yaml.safe_load_all(handle) if d]
    try:
        import kubernetes.client
    except ImportError:
        sys.exit("check-indexed-job: the Python package `kubernetes` is missing (pip install kubernetes)")
    api = kubernetes.client.ApiClient()
    out = {"documents": [], "client": kubernetes.__version__}
    for document in documents:
        model = MODELS.get((document.get("apiVersion"), document.get("kind")))
        if model is None:
            sys.exit(f"check-indexed-job: unexpected {document.get('apiVersion')} {document.get('kind')}")
        # The same path the client takes for a server's answer: strict types, required fields.
        decoded = api._ApiClient__deserialize(document, model)
        if api.sanitize_for_serialization(decoded) != document:
            sys.exit(f"check-indexed-job: {document['kind']} {document['metadata']['name']} has unknown fields")
        out["documents"].append({"kind": document["kind"], "spec": document["spec"]})
    jobs = [d for d in documents if d["kind"] == "Job"]
    indexed = next(j for j in jobs if j["spec"].get("completionMode") == "Indexed")
    merge = next(j for j in jobs if j is not indexed)
    out["shard"] = indexed["spec"]["template"]["spec"]["containers"][0]["args"]
    out["merge"] = merge["spec"]["template"]["spec"]["initContainers"][0]["args"]
    out["report"] = merge["spec"]["template"]["spec"]["containers"][0]["args"]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
