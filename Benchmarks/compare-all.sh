#!/usr/bin/env bash
# Issue 17's four targets, measured side by side on one machine in one run, and whether each
# holds. Run it on an otherwise idle machine (it takes 10-20 minutes on two cores):
#   Benchmarks/compare-all.sh [--envelope DIR] [--sizes "500 1000 2500 5000"] [--hours H]
#                             [--timing-nodes N] [--ops OPERATIONS] [--repeat N]
#
#  1. Envelope: wall time of `kubesim run DIR` with every output it asks for (release build), divided by
#     the wall time of the C++ hold model at 10^5 pending and 10^7 operations: <= 20 (each run
#     --repeat times, default 2, in turn, the least wall time of each kept);
#     peak resident memory (/usr/bin/time -v, the largest of the runs) <= 1 GiB.
#  2. Scaling: CPU seconds of the generated envelope at each of --sizes nodes (--hours,
#     default 24; Benchmarks/envelope-scaling.sh, each size run --repeat times, default 2, the
#     least CPU time kept), least-squares exponent k of pods^k <= 1.05.
#  3. Engine: the hold model against the C++ std::priority_queue reference at 10^3, 10^5 and
#     10^6 pending (Benchmarks/compare-engine.sh, --ops operations): every ratio >= 1.0.
#  4. Realistic timing: engine events of the envelope under `timing: realistic` over those
#     under `timing: ideal`, both generated at --timing-nodes nodes (default 5000, the full
#     envelope's size) for --hours: <= 1.5.
# Prints the machine (`lscpu` model name), the date, the commit and one line per target.
set -euo pipefail
cd "$(dirname "$0")/.."
envelope=scenarios/envelope
sizes="500 1000 2500 5000"
hours=24
timing_nodes=5000
ops=10000000
repeat=2
while [[ $# -gt 0 ]]; do
    case "$1" in
        --envelope) envelope="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --hours) hours="$2"; shift 2 ;;
        --timing-nodes) timing_nodes="$2"; shift 2 ;;
        --ops) ops="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        -h|--help) sed -n 2,19p "$0"; exit 0 ;;
        *) echo "compare-all.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "compare-all.sh: --repeat needs a positive whole number, not '$repeat'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "compare-all.sh: needs GNU time (Debian's \`time\`) for peak memory" >&2; exit 2; }
swift build -c release --product kubesim >&2
mkdir -p .build/reference
g++ -O3 -o .build/reference/hold Benchmarks/reference/hold.cpp $(pkg-config --cflags --libs gsl)
work=$(mktemp -d /tmp/kubesim-compare-all.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Every target runs this copy of the build: a rebuild of the tree while the script runs (an
# edit, another script's `swift build`) once changed the binary between targets 2 and 3.
bin="$work/kubesim"
cp "$(swift build -c release --show-bin-path)/kubesim" "$bin"

# `/usr/bin/time -v` fields of a finished command: wall seconds, CPU seconds, peak RSS in KiB.
timed() {
    local log=$1; shift
    /usr/bin/time -v -o "$log" "$@" >/dev/null
}
wall_of() { python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in clock.split(":"):
    seconds = seconds * 60 + float(part)
print(f"{seconds:.2f}")
PY
}
rss_of() { sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$1"; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p') · $(nproc) CPUs · $(date -u '+%Y-%m-%d %H:%M UTC') · $(git rev-parse --short HEAD)"
echo

echo "== 1. Envelope against the C++ hold model (10^5 pending, 10^7 operations)" >&2
# Each side --repeat times, the C++ run and the envelope in turn, the least wall time of each
# kept (the noise only ever adds); the peak memory is the largest of the envelope's runs.
cpp_wall="" env_wall="" env_rss=0
for ((r = 1; r <= repeat; r++)); do
    timed "$work/cpp.time" .build/reference/hold 100000 10000000
    wall=$(wall_of "$work/cpp.time")
    cpp_wall=$(python3 -c "import sys; print(min(float(x) for x in sys.argv[1:] if x))" "$wall" "$cpp_wall")
    # Every output the scenario asks for: scenarios/envelope turns metrics.om off (its series ×
    # samples grow with 150,000 pods; `--metrics-om` forced it on and ran for many minutes and GBs).
    rm -rf "$work/envelope-out"
    timed "$work/envelope.time" "$bin" run "$envelope" --out "$work/envelope-out" --quiet
    wall=$(wall_of "$work/envelope.time")
    env_wall=$(python3 -c "import sys; print(min(float(x) for x in sys.argv[1:] if x))" "$wall" "$env_wall")
    rss=$(rss_of "$work/envelope.time")
    [[ "$rss" -gt "$env_rss" ]] && env_rss=$rss
done
env_events=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['engine']['eventsProcessed'])" "$work/envelope-out/summary.json")
rm -rf "$work/envelope-out"

echo "== 2. Scaling" >&2
# shellcheck disable=SC2086
Benchmarks/envelope-scaling.sh --hours "$hours" --out "$work/scaling.csv" --bin "$bin" --repeat "$repeat" $sizes

echo "== 3. Engine" >&2
KUBESIM_BIN="$bin" Benchmarks/compare-engine.sh "$ops" > "$work/engine.md"

echo "== 4. Realistic timing against ideal" >&2
for timing in realistic ideal; do
    scripts/generate-envelope "$timing_nodes" "$work/timing-$timing" --hours "$hours" --timing "$timing" >/dev/null
    "$bin" run "$work/timing-$timing" --out "$work/timing-$timing-out" --no-metrics-om --quiet >/dev/null
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['engine']['eventsProcessed'])" \
        "$work/timing-$timing-out/summary.json" > "$work/timing-$timing.events"
    rm -rf "$work/timing-$timing" "$work/timing-$timing-out"
done

python3 - "$cpp_wall" "$env_wall" "$env_rss" "$env_events" "$work/scaling.csv" "$work/engine.md" \
    "$(cat "$work/timing-realistic.events")" "$(cat "$work/timing-ideal.events")" "$envelope" "$hours" "$timing_nodes" <<'PY'
import csv, math, sys
cpp_wall, env_wall, env_rss, env_events = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
scaling, engine = sys.argv[5], sys.argv[6]
realistic, ideal = int(sys.argv[7]), int(sys.argv[8])
envelope, hours, timing_nodes = sys.argv[9], sys.argv[10], sys.argv[11]
def verdict(ok): return "HOLDS" if ok else "MISSED"

print(f"| target | measured | goal | verdict |")
print(f"|---|---|---|---|")
ratio = env_wall / cpp_wall
gib = env_rss / 2**20
print(f"| 1. envelope `kubesim run {envelope}`, every output | {env_wall:.1f} s wall, {env_events:,} events, "
      f"{gib:.2f} GiB peak; C++ hold 10^5/10^7 {cpp_wall:.2f} s: ratio {ratio:.1f} | ratio <= 20, <= 1 GiB | "
      f"{verdict(ratio <= 20 and gib <= 1.0)} |")

rows = list(csv.DictReader(open(scaling)))
xs = [math.log(float(r["pods"])) for r in rows]
ys = [math.log(float(r["cpu_seconds"])) for r in rows]
if len(rows) >= 2:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    points = ", ".join(f"{r['nodes']}: {float(r['cpu_seconds']):.1f} s" for r in rows)
    print(f"| 2. scaling, {hours} h, CPU s ({points}) | pods^{k:.2f} | <= pods^1.05 | {verdict(k <= 1.05)} |")
else:
    print("| 2. scaling | needs two sizes or more | | - |")

ratios = []
for line in open(engine):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 4 and cells[0].replace(",", "").isdigit():
        ratios.append((cells[0], float(cells[3])))
shown = ", ".join(f"{n}: {r:.2f}" for n, r in ratios)
print(f"| 3. hold model kubesim / C++ ({shown}) | min {min(r for _, r in ratios):.2f} | >= 1.0 at each | "
      f"{verdict(all(r >= 1.0 for _, r in ratios))} |")

cost = realistic / ideal
print(f"| 4. realistic timing, {timing_nodes} nodes, {hours} h | {realistic:,} / {ideal:,} engine events = {cost:.2f} | "
      f"<= 1.5 | {verdict(cost <= 1.5)} |")
print()
print("Hold model (Benchmarks/compare-engine.sh):")
print(open(engine).read().rstrip())
print()
print("Scaling (Benchmarks/envelope-scaling.sh):")
print(open(scaling).read().rstrip())
PY
