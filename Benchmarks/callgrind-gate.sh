#!/usr/bin/env bash
# CI gate on instruction counts: runs `normtool translit` under valgrind's callgrind (which counts
# instructions exactly, on any machine, however busy) on a fixed slice (2 MB; 200 KB for Latin -> Cyrillic) of ../shared/corpus, for
# each case below, and fails if a count grew more than 5 % over instructions-baseline.tsv.
# Usage: Benchmarks/callgrind-gate.sh [--update]   (NORMTOOL=path: a prebuilt release binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${NORMALIZE_SHARED:-$root/../shared}
baseline=$here/instructions-baseline.tsv
tolerance=5
if [ -z "${NORMTOOL:-}" ]; then
  (cd "$root" && swift build -c release --product normtool >/dev/null)
  NORMTOOL=$root/.build/release/normtool
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# valgrind 3.19 cannot read the debug info of Swift release binaries: measure a stripped copy.
strip -o "$tmp/normtool" "$NORMTOOL"
NORMTOOL=$tmp/normtool
# Swift randomises Dictionary hashing per process; counts must not depend on it.
export SWIFT_DETERMINISTIC_HASHING=1
head -c 2000000 "$shared/corpus/kk-extra.txt" | sed '$d' > "$tmp/kk.txt"
# Latin -> Cyrillic goes word by word through the word list: a smaller slice keeps valgrind quick.
head -c 200000 "$shared/corpus/kk-extra.txt" | sed '$d' | "$NORMTOOL" translit > "$tmp/latin.txt"

: > "$tmp/empty.txt"

collected() {  # instructions executed by one command
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" > /dev/null 2> "$tmp/cg.err"
  grep -o 'Collected : [0-9]*' "$tmp/cg.err" | grep -o '[0-9]*$'
}

# Instructions spent on the input: the run minus the same command on an empty file, so that start-up
# (argument parsing of every subcommand, rule compilation) does not blur the gate.
count() {  # count INPUT ARGS...
  local input=$1; shift
  echo $(( $(collected "$@" "$input") - $(collected "$@" "$tmp/empty.txt") ))
}

declare -A now
now[translit-kk-2021]=$(count "$tmp/kk.txt" "$NORMTOOL" translit)
now[translit-bgn]=$(count "$tmp/kk.txt" "$NORMTOOL" translit --scheme bgn)
now[translit-kk-2021-reverse]=$(count "$tmp/latin.txt" "$NORMTOOL" translit --reverse)

if [ "${1:-}" = "--update" ]; then
  { echo -e "case\tinstructions"; for k in "${!now[@]}"; do echo -e "$k\t${now[$k]}"; done | sort; } > "$baseline"
  cat "$baseline"
  exit 0
fi
status=0
while IFS=$'\t' read -r name base; do
  [ "$name" = case ] && continue
  cur=${now[$name]:-}
  if [ -z "$cur" ]; then echo "callgrind-gate: no measurement for $name"; status=1; continue; fi
  pct=$(awk -v c="$cur" -v b="$base" 'BEGIN { printf "%.2f", (c - b) * 100 / b }')
  verdict=ok
  if awk -v p="$pct" -v t="$tolerance" 'BEGIN { exit !(p > t) }'; then verdict=REGRESSION; status=1; fi
  printf "%-28s %14s instructions (baseline %s, %+.2f%%) %s\n" "$name" "$cur" "$base" "$pct" "$verdict"
done < "$baseline"
exit $status
