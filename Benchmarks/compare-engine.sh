#!/usr/bin/env bash
# Runs the hold model on kubesim's engine and on the C++ std::priority_queue reference,
# in the same run, at N = 1e3, 1e5 and 1e6 pending events, and prints a Markdown table.
# Usage: Benchmarks/compare-engine.sh [OPERATIONS]   (default 10,000,000)
# With KUBESIM_BIN set, runs that binary instead of building the release one (compare-all.sh
# passes its own copy, so that every target measures one build).
set -euo pipefail
cd "$(dirname "$0")/.."
ops=${1:-10000000}
bin=${KUBESIM_BIN:-}
if [[ -z "$bin" ]]; then
  swift build -c release --product kubesim >/dev/null
  bin=$(swift build -c release --show-bin-path)/kubesim
fi
mkdir -p .build/reference
g++ -O3 -o .build/reference/hold Benchmarks/reference/hold.cpp $(pkg-config --cflags --libs gsl)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
echo "| pending N | kubesim M ops/s | C++ std::priority_queue M ops/s | ratio |"
echo "|---:|---:|---:|---:|"
for n in 1000 100000 1000000; do
  s=$("$bin" bench engine --pending $n --operations $ops --format json)
  c=$(.build/reference/hold $n $ops)
  [ "$(field "$s" finalTime)" = "$(field "$c" finalTime)" ] || python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); sys.exit(0 if abs(a-b)<1e-6 else 'final times differ: '+sys.argv[1]+' vs '+sys.argv[2])" "$(field "$s" finalTime)" "$(field "$c" finalTime)"
  python3 - "$n" "$s" "$c" <<'PY'
import json, sys
n, s, c = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(f"| {int(n):,} | {s['opsPerSecond']/1e6:.2f} | {c['opsPerSecond']/1e6:.2f} | {s['opsPerSecond']/c['opsPerSecond']:.2f} |")
PY
done
