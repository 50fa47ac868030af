#!/usr/bin/env bash
# Measures how the envelope scenario's cost grows with cluster size: for each node count it
# generates the envelope (scripts/generate-envelope: 30 pods per node, pools over three zones,
# rolling update, 1% crash loops, 10 node failures), runs it with the release build and
# appends one CSV row with the engine figures of its summary.json.
#
# Usage: Benchmarks/envelope-scaling.sh [--hours H] [--out CSV] [--bin KUBESIM] NODES...
#   Benchmarks/envelope-scaling.sh --hours 24 --out Benchmarks/results/envelope-scaling.csv 500 1000 2500 5000
# Columns: nodes, pods created, simulated hours, engine events, wall seconds, CPU seconds
# (whole process, loading included), peak resident memory in MiB, events per CPU second.
# notebooks/scaling.ipynb draws the curve from the CSV.
set -euo pipefail
cd "$(dirname "$0")/.."
hours=24
out=Benchmarks/results/envelope-scaling.csv
bin=""
sizes=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hours) hours="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        -h|--help) sed -n 2,12p "$0"; exit 0 ;;
        *) sizes+=("$1"); shift ;;
    esac
done
[[ ${#sizes[@]} -gt 0 ]] || { echo "usage: $0 [--hours H] [--out CSV] [--bin KUBESIM] NODES..." >&2; exit 2; }
if [[ -z "$bin" ]]; then
    swift build -c release --product kubesim >&2
    bin="$(swift build -c release --show-bin-path)/kubesim"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
rows="$work/rows.csv"
echo "nodes,pods,simulated_hours,events,wall_seconds,cpu_seconds,peak_memory_mib,events_per_cpu_second" > "$rows"
for n in "${sizes[@]}"; do
    scripts/generate-envelope "$n" "$work/envelope-$n" --hours "$hours"
    "$bin" run "$work/envelope-$n" --out "$work/out-$n" --quiet > /dev/null
    python3 - "$n" "$hours" "$work/out-$n/summary.json" >> "$rows" <<'PY'
import json, sys
n, hours, path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
s = json.load(open(path))
e = s["engine"]
cpu = e.get("cpuSeconds", 0.0)
rate = e["eventsProcessed"] / cpu if cpu > 0 else 0
print(f"{n},{s['pods']['created']},{hours:g},{e['eventsProcessed']},{e['wallSeconds']:.3f},{cpu:.3f},"
      f"{e['peakMemoryBytes'] / 2**20:.1f},{rate:.0f}")
PY
    tail -1 "$rows" >&2
    rm -rf "$work/envelope-$n" "$work/out-$n"
done
mv "$rows" "$out.tmp" && mv "$out.tmp" "$out"
echo "wrote $out" >&2
