#!/usr/bin/env bash
# Instruction counts under valgrind's callgrind: repeatable whatever else the machine does, so
# a change can be judged on a noisy or shared machine where wall times are not. Prints, per
# workload, instructions in total and per engine event (the hold model per operation, its fill
# and start-up subtracted), and the top functions by inclusive cost (where the time goes). The
# crash-loop workload (Benchmarks/workloads/crashloop-40.yaml) isolates the kubelet's blocked
# syncs and restarts, more than a third of the full envelope's time.
#   Benchmarks/instructions.sh [NODES] [HOURS] [HOLD_OPERATIONS]
#   defaults: the 500-node, 2-hour envelope and 1,000,000 hold operations at 10^5 pending.
# Needs valgrind (Debian's `valgrind`); callgrind runs ~50x slower than native.
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-500} hours=${2:-2} ops=${3:-1000000}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product kubesim >/dev/null
work=$(mktemp -d /tmp/kubesim-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF of Swift 6.3 binaries ("Possibly corrupted debuginfo
# file"); a copy without debug sections keeps its symbol table, which is all callgrind needs.
bin="$work/kubesim"
objcopy --strip-debug "$(swift build -c release --show-bin-path)/kubesim" "$bin"
scripts/generate-envelope "$nodes" "$work/envelope" --hours "$hours" >/dev/null
mkdir -p .build/reference
g++ -O3 -g -o .build/reference/hold Benchmarks/reference/hold.cpp $(pkg-config --cflags --libs gsl)

# Runs a command under callgrind; prints the total instruction count and keeps the profile.
count() {
  local name=$1; shift
  KUBESIM_HUGE_PAGES=0 valgrind --tool=callgrind --callgrind-out-file="$work/$name.out" "$@" >"$work/$name.stdout" 2>"$work/$name.err"
  # awk reads to the end (an early exit would SIGPIPE callgrind_annotate under pipefail).
  callgrind_annotate "$work/$name.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",", "", $1); print $1; done = 1}'
}
envelope=$(count envelope "$bin" run "$work/envelope" --out "$work/out" --quiet)
events=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['engine']['eventsProcessed'])" "$work/out/summary.json")
crashloop=$(count crashloop "$bin" run Benchmarks/workloads/crashloop-40.yaml --out "$work/crashloop" --quiet)
crashloop_events=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['engine']['eventsProcessed'])" "$work/crashloop/summary.json")
# The hold model per operation: a run of OPS operations minus a run of one, so neither the
# initial fill of 10^5 events nor process start-up is counted.
hold_full=$(count hold "$bin" bench engine --pending 100000 --operations "$ops" --format json)
hold_one=$(count hold1 "$bin" bench engine --pending 100000 --operations 1 --format json)
cpp_full=$(count cpp .build/reference/hold 100000 "$ops")
cpp_one=$(count cpp1 .build/reference/hold 100000 1)
hold=$((hold_full - hold_one)) cpp=$((cpp_full - cpp_one)) ops=$((ops - 1))
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') · $(date -u +%Y-%m-%d) · $(git rev-parse --short HEAD)"
echo
echo "| workload | instructions | engine events / operations | instructions per event |"
echo "|---|---:|---:|---:|"
python3 - "$nodes" "$hours" "$envelope" "$events" "$hold" "$cpp" "$ops" "$crashloop" "$crashloop_events" <<'PY'
import sys
nodes, hours, envelope, events, hold, cpp, ops, crashloop, crashloop_events = sys.argv[1:]
envelope, events, hold, cpp, ops = int(envelope), int(events), int(hold), int(cpp), int(ops)
crashloop, crashloop_events = int(crashloop), int(crashloop_events)
print(f"| envelope {nodes} nodes, {hours} h | {envelope:,} | {events:,} | {envelope/events:,.0f} |")
print(f"| crash loops, 40 nodes, 400 pods, 6 h | {crashloop:,} | {crashloop_events:,} | {crashloop/crashloop_events:,.0f} |")
print(f"| hold model, 10^5 pending (kubesim), less a 1-operation run | {hold:,} | {ops:,} | {hold/ops:,.0f} |")
print(f"| hold model, 10^5 pending (C++ std::priority_queue), likewise | {cpp:,} | {ops:,} | {cpp/ops:,.0f} |")
PY
# The two threads: the simulation's (its wall time is the run's) and the output thread's on
# the second core; moving work from the first to the second adds to the total.
callgrind_annotate --inclusive=yes "$work/envelope.out" 2>/dev/null | swift demangle --simplified | python3 -c '
import re, sys
found = {}
for line in sys.stdin:
    for name, pattern in (("simulation", r"Cluster\.run\(until:"), ("output", r"OutputThread\.loop\(\)")):
        if name not in found and re.search(pattern, line):
            found[name] = int(line.split()[0].replace(",", ""))
simulation, output = found.get("simulation", 0), found.get("output", 0)
print(f"\nEnvelope by thread: simulation (Cluster.run) {simulation:,}, output thread (OutputThread.loop) {output:,}")'
echo
echo "Envelope: functions by inclusive instructions (top 25)"
callgrind_annotate --inclusive=yes "$work/envelope.out" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '2,26p' \
  | swift demangle --simplified | cut -c1-160 || true
