#!/usr/bin/env bash
# The hold model under valgrind: instructions per operation at 10^3, 10^5 and 10^6 pending, and
# cache misses per operation at 10^6, for kubesim's engine and the C++ std::priority_queue
# reference. Repeatable on a busy machine, where wall times are not.
#   Benchmarks/engine-instructions.sh [OPERATIONS] [KUBESIM_BINARY]
#   defaults: 1,000,000 operations; the release build of this tree.
# Each figure is a run of OPERATIONS less a run of one operation (so neither the initial fill nor
# start-up counts). The cache simulation models a 1 MiB last level, this machine's L2 (valgrind's
# default is the host's last level, a 32 MiB L3 here, which no working set below 10^6 misses).
# Needs valgrind (Debian's `valgrind`); callgrind runs ~50x slower than native.
set -euo pipefail
cd "$(dirname "$0")/.."
ops=${1:-1000000}
command -v valgrind >/dev/null || { echo "engine-instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d /tmp/kubesim-engine-instructions.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 2 ]; then source=$2; else
  swift build -c release --product kubesim >/dev/null
  source="$(swift build -c release --show-bin-path)/kubesim"
fi
# valgrind 3.19 cannot read the DWARF of Swift 6.3 binaries; the symbol table is enough.
objcopy --strip-debug "$source" "$work/kubesim"
mkdir -p .build/reference
g++ -O3 -o .build/reference/hold Benchmarks/reference/hold.cpp $(pkg-config --cflags --libs gsl)

# Prints "instructions D1-read-misses LL-read-misses" for one run.
measure() {
  KUBESIM_HUGE_PAGES=0 valgrind --tool=callgrind --cache-sim=yes --LL=1048576,16,64 --callgrind-out-file="$work/out" "$@" \
    >/dev/null 2>"$work/err"
  python3 - "$work/err" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
number = lambda pattern: int(re.search(pattern, text).group(1).replace(",", ""))
print(number(r"I\s+refs:\s+([\d,]+)"), number(r"D1  misses:.*?\(\s*([\d,]+) rd"), number(r"LLd misses:.*?\(\s*([\d,]+) rd"))
PY
}
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') · $(date -u +%Y-%m-%d) · $(git rev-parse --short HEAD) · $ops operations"
echo
echo "| pending N | kubesim instructions/op | C++ instructions/op | kubesim D1 / 1 MiB LL read misses/op | C++ D1 / 1 MiB LL read misses/op |"
echo "|---:|---:|---:|---:|---:|"
for n in 1000 100000 1000000; do
  s1=$(measure "$work/kubesim" bench engine --pending $n --operations 1 --format json)
  s=$(measure "$work/kubesim" bench engine --pending $n --operations "$ops" --format json)
  c1=$(measure .build/reference/hold $n 1)
  c=$(measure .build/reference/hold $n "$ops")
  python3 - "$n" "$ops" "$s1" "$s" "$c1" "$c" <<'PY'
import sys
n, ops = int(sys.argv[1]), int(sys.argv[2]) - 1
s1, s, c1, c = ([int(x) for x in arg.split()] for arg in sys.argv[3:])
per = lambda full, one, i: max(0.0, (full[i] - one[i]) / ops)
print(f"| {n:,} | {per(s, s1, 0):,.0f} | {per(c, c1, 0):,.0f} | {per(s, s1, 1):.2f} / {per(s, s1, 2):.2f} "
      f"| {per(c, c1, 1):.2f} / {per(c, c1, 2):.2f} |")
PY
done
