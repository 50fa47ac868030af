#!/usr/bin/env bash
# Where the memory of an envelope run goes: the peak resident memory of a native run
# (/usr/bin/time -v), then the heap at its peak under valgrind's massif, grouped by the first
# kubesim function on each allocating stack (array growth, dictionaries and strings are charged
# to the code that grew them). Repeatable on a busy machine, like instructions.sh.
#   Benchmarks/memory.sh [NODES] [HOURS] [TOP]
#   defaults: the 100-node, 6-hour envelope (massif runs ~50x slower than native), top 25.
# Needs valgrind (Debian's `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-100} hours=${2:-6} top=${3:-25}
command -v valgrind >/dev/null || { echo "memory.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product kubesim >/dev/null
work=$(mktemp -d /tmp/kubesim-memory.XXXXXX)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF of Swift 6.3 binaries; the symbol table is enough.
bin="$work/kubesim"
objcopy --strip-debug "$(swift build -c release --show-bin-path)/kubesim" "$bin"
scripts/generate-envelope "$nodes" "$work/envelope" --hours "$hours" >/dev/null
/usr/bin/time -v "$bin" run "$work/envelope" --out "$work/native" --quiet >/dev/null 2>"$work/time.txt"
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
pods=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['pods']['created'])" "$work/native/summary.json")
echo "machine: $(lscpu | sed -n 's/^Model name: *//p') · $(date -u +%Y-%m-%d) · $(git rev-parse --short HEAD)"
echo "envelope $nodes nodes, $hours h: $pods pods created, peak resident memory $((rss / 1024)) MiB"
KUBESIM_HUGE_PAGES=0 valgrind --tool=massif --threshold=0.1 --massif-out-file="$work/massif.out" \
    "$bin" run "$work/envelope" --out "$work/massif" --quiet >/dev/null 2>"$work/massif.err"
python3 - "$work/massif.out" "$top" "$pods" <<'PY'
import collections, re, subprocess, sys
path, top, pods = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = open(path).read().split("\n")
# The peak snapshot (massif marks it heap_tree=peak).
starts = [i for i, line in enumerate(text) if line.startswith("snapshot=")] + [len(text)]
peak = next((a, b) for a, b in zip(starts, starts[1:]) if "heap_tree=peak" in text[a:b])
node = re.compile(r"^( *)n(\d+): (\d+) (.*)$")
leaves, frames = collections.Counter(), []
for line in text[peak[0]:peak[1]]:
    m = node.match(line)
    if not m:
        continue
    depth = len(m.group(1))
    frames = frames[:depth] + [m.group(4)]
    if int(m.group(2)) == 0:
        leaves[tuple(frames[1:])] += int(m.group(3))
names = sorted({f for stack in leaves for f in stack})
demangled = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names),
                           capture_output=True, text=True).stdout.split("\n")
plain = {n: re.sub(r"^0x[0-9A-F]+: ", "", d).split(" (in ")[0] for n, d in zip(names, demangled)}
generic = re.compile(r"swift_|_ContiguousArrayBuffer|_NativeDictionary|_NativeSet|ContiguousArray|"
                     r"String|malloc|Dictionary|_allocate|_HashTable|below main|\?\?\?|Sequence|"
                     r"Collection|RangeReplaceable|Ordered|Deque|Array")
owners = collections.Counter()
for stack, size in leaves.items():
    owner = next((plain[f] for f in stack if not generic.search(plain[f])), plain[stack[0]] if stack else "?")
    owners[owner[:140]] += size
total = sum(owners.values())
print(f"heap at massif's peak: {total / 2**20:.1f} MiB ({total / max(pods, 1):,.0f} bytes per pod created)")
print()
print("| MiB | share | allocated in |")
print("|---:|---:|---|")
for owner, size in owners.most_common(top):
    print(f"| {size / 2**20:.1f} | {100 * size / total:.1f}% | `{owner}` |")
PY
