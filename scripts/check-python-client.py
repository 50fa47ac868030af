"""Lists every kind `kubesim serve` serves and watches pods with the official Python client."""
import sys

from kubernetes import client, config, watch

config.load_kube_config(sys.argv[1])
core, apps = client.CoreV1Api(), client.AppsV1Api()
calls = [
    core.list_pod_for_all_namespaces, core.list_node, core.list_namespace, core.list_event_for_all_namespaces,
    core.list_config_map_for_all_namespaces, core.list_secret_for_all_namespaces,
    apps.list_deployment_for_all_namespaces, apps.list_replica_set_for_all_namespaces,
    apps.list_daemon_set_for_all_namespaces, apps.list_stateful_set_for_all_namespaces,
    client.BatchV1Api().list_job_for_all_namespaces,
    client.PolicyV1Api().list_pod_disruption_budget_for_all_namespaces,
    client.SchedulingV1Api().list_priority_class, client.EventsV1Api().list_event_for_all_namespaces,
    client.CoordinationV1Api().list_lease_for_all_namespaces,
]
counts = {}
for call in calls:
    counts[call.__name__] = len(call().items)
pods = core.list_pod_for_all_namespaces().items
assert pods, "no pods served"
for pod in pods:
    for status in pod.status.container_statuses or []:
        assert status.image_id is not None and status.image, status
    if pod.status.container_statuses:
        uid = pod.metadata.uid
        events = core.list_namespaced_event(
            pod.metadata.namespace,
            field_selector=f"involvedObject.name={pod.metadata.name},involvedObject.uid={uid}").items
        assert events, f"no events for {pod.metadata.name} with its uid"
seen = 0
stream = watch.Watch()
for event in stream.stream(core.list_pod_for_all_namespaces, timeout_seconds=2, _request_timeout=5):
    assert event["type"] == "ADDED"
    seen += 1
    if seen == len(pods):
        stream.stop()
assert seen == len(pods), (seen, len(pods))
print(" ".join(f"{name.replace('list_', '').replace('_for_all_namespaces', '')}={n}" for name, n in counts.items()))
