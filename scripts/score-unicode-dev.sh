#!/bin/sh
# Scores decoding and Unicode repair on a unicode-dev-style folder (NAME.input + NAME.truth.txt):
# runs `normtool clean --input-layout lines --typos off NAME.input` and counts the paragraphs (lines)
# restored exactly, per set. The `clean` set is the control: it must come out byte for byte unchanged.
#
# usage: scripts/score-unicode-dev.sh [DIR] [NORMTOOL]
#   DIR       default ../shared/unicode-dev
#   NORMTOOL  default .build/release/normtool, else .build/debug/normtool
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/../shared/unicode-dev}
tool=${2:-}
if [ -z "$tool" ]; then
    if [ -x "$here/.build/release/normtool" ]; then tool=$here/.build/release/normtool; else tool=$here/.build/debug/normtool; fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
total_ok=0; total=0; corrupted_ok=0; corrupted=0; control=ok
printf '%-20s %8s %8s %8s\n' set exact lines percent
for input in "$dir"/*.input; do
    name=$(basename "$input" .input)
    truth=$dir/$name.truth.txt
    [ -f "$truth" ] || continue
    status=0
    "$tool" clean --input-layout lines --typos off "$input" >"$out/$name.out" 2>"$out/$name.err" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "$name: normtool failed (exit $status):" >&2
        cat "$out/$name.err" >&2
    fi
    set -- $(python3 - "$out/$name.out" "$truth" <<'PY'
import sys
pred = open(sys.argv[1], 'rb').read().split(b'\n')
truth = open(sys.argv[2], 'rb').read().split(b'\n')
if truth and truth[-1] == b'': truth.pop()
if pred and pred[-1] == b'': pred.pop()
ok = sum(1 for i, t in enumerate(truth) if i < len(pred) and pred[i] == t)
print(ok, len(truth))
PY
)
    ok=$1; n=$2
    printf '%-20s %8d %8d %7.1f%%\n' "$name" "$ok" "$n" "$(echo "$ok $n" | awk '{ print $2 ? 100 * $1 / $2 : 0 }')"
    total_ok=$((total_ok + ok)); total=$((total + n))
    if [ "$name" = clean ]; then
        cmp -s "$out/$name.out" "$truth" || control=CHANGED
    else
        corrupted_ok=$((corrupted_ok + ok)); corrupted=$((corrupted + n))
    fi
done
printf '%-20s %8d %8d %7.1f%%\n' corrupted "$corrupted_ok" "$corrupted" "$(echo "$corrupted_ok $corrupted" | awk '{ print $2 ? 100 * $1 / $2 : 0 }')"
echo "control set (clean): $control"
[ "$control" = ok ]
