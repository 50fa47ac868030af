#!/usr/bin/env bash
# Measures how the envelope scenario's cost grows with cluster size: for each node count it
# generates the envelope (scripts/generate-envelope: 30 pods per node, pools over three zones,
# rolling update, 1% crash loops, 10 node failures), runs it with the release build and
# appends one CSV row with the engine figures of its summary.json.
#
# Usage: Benchmarks/envelope-scaling.sh [--hours H] [--out CSV] [--bin KUBESIM] [--repeat N] NODES...
#   Benchmarks/envelope-scaling.sh --hours 24 --out Benchmarks/results/envelope-scaling.csv 500 1000 2500 5000
# --repeat N runs each size N times (default 1) and keeps the run with the least CPU time: on a
# shared machine the noise only ever adds time, and one slow run of one size moved the fitted
# exponent from 1.11 to 1.20 (and one slow pair of small sizes to 1.02) on one day.
# Columns: nodes, pods created, simulated hours, engine events, wall seconds, CPU seconds
# (whole process, loading included), peak resident memory in MiB, events per CPU second.
# notebooks/scaling.ipynb draws the curve from the CSV.
set -euo pipefail
cd "$(dirname "$0")/.."
hours=24
out=Benchmarks/results/envelope-scaling.csv
bin=""
repeat=1
sizes=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hours) hours="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        -h|--help) sed -n 2,15p "$0"; exit 0 ;;
        *) sizes+=("$1"); shift ;;
    esac
done
[[ ${#sizes[@]} -gt 0 ]] || { echo "usage: $0 [--hours H] [--out CSV] [--bin KUBESIM] [--repeat N] NODES..." >&2; exit 2; }
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "$0: --repeat needs a positive whole number, not '$repeat'" >&2; exit 2; }
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
    summaries=()
    for ((r = 1; r <= repeat; r++)); do
        "$bin" run "$work/envelope-$n" --out "$work/out-$n-$r" --quiet > /dev/null
        summaries+=("$work/out-$n-$r/summary.json")
    done
    python3 - "$n" "$hours" "${summaries[@]}" >> "$rows" <<'PY'
import json, sys
n, hours = int(sys.argv[1]), float(sys.argv[2])
# The run with the least CPU time (the others only add the machine's noise).
s = min((json.load(open(path)) for path in sys.argv[3:]), key=lambda s: s["engine"].get("cpuSeconds", 0.0))
e = s["engine"]
cpu = e.get("cpuSeconds", 0.0)
rate = e["eventsProcessed"] / cpu if cpu > 0 else 0
print(f"{n},{s['pods']['created']},{hours:g},{e['eventsProcessed']},{e['wallSeconds']:.3f},{cpu:.3f},"
      f"{e['peakMemoryBytes'] / 2**20:.1f},{rate:.0f}")
PY
    tail -1 "$rows" >&2
    rm -rf "$work/envelope-$n" "$work/out-$n"-*
done
mv "$rows" "$out.tmp" && mv "$out.tmp" "$out"
echo "wrote $out" >&2
