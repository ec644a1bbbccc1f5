#!/usr/bin/env bash
# Times ICU's uconv (-x Kazakh-Latin/BGN, the transliterator ICU ships) and `normtool translit`
# (kk-2021 and bgn) on the same Kazakh file in the same run, and prints both with the ratio.
# Usage: Benchmarks/compare-uconv.sh [FILE]   (default: ~100 MB built from ../shared/corpus;
#        NORMALIZE_BENCH_MB sets that size, NORMTOOL a prebuilt binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${NORMALIZE_SHARED:-$root/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "${NORMTOOL:-}" ]; then
  (cd "$root" && swift build -c release --product normtool >/dev/null)
  NORMTOOL=$root/.build/release/normtool
fi
if [ $# -ge 1 ]; then
  input=$1
else
  input=$tmp/kk.txt
  mb=${NORMALIZE_BENCH_MB:-100}
  while [ "$(stat -c %s "$input" 2>/dev/null || echo 0)" -lt $((mb * 1048576)) ]; do
    cat "$shared/corpus/kk.txt" "$shared/corpus/kk-extra.txt" >> "$input"
  done
fi
bytes=$(stat -c %s "$input")
# CPU seconds (user + system) of one command, output discarded.
cpu() { /usr/bin/time -f "%U %S" -o "$tmp/t" "$@" > /dev/null; awk '{ print $1 + $2 }' "$tmp/t"; }
best() { local b=""; for _ in 1 2 3; do t=$(cpu "$@"); b=$(awk -v a="$t" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }'); done; echo "$b"; }
u=$(cpu uconv -f utf-8 -t utf-8 -x Kazakh-Latin/BGN "$input")
n=$(best "$NORMTOOL" translit "$input")
g=$(best "$NORMTOOL" translit --scheme bgn "$input")
awk -v bytes="$bytes" -v u="$u" -v n="$n" -v g="$g" 'BEGIN {
  mb = bytes / 1048576
  printf "input: %.1f MB of Kazakh\n", mb
  printf "uconv -x Kazakh-Latin/BGN        %7.2f s  %8.1f MB/s\n", u, mb / u
  printf "normtool translit (kk-2021)      %7.2f s  %8.1f MB/s  %5.1fx uconv\n", n, mb / n, u / n
  printf "normtool translit --scheme bgn   %7.2f s  %8.1f MB/s  %5.1fx uconv\n", g, mb / g, u / g
}'
