#!/usr/bin/env bash
# The issue-5 speed figure: `normtool clean` on one 100 MB PDF-like dump (the Clean benchmark's
# workload, `DumpMaker/PDFDump.swift`, built from ../shared/corpus into a temporary directory).
# Prints CPU seconds, MB/s and peak memory (max RSS) for each configuration.
# Usage: Benchmarks/clean-100mb.sh [MEGABYTES=100]   (NORMTOOL=path: a prebuilt release binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${NORMALIZE_SHARED:-$root/../shared}
mb=${1:-100}
if [ -z "${NORMTOOL:-}" ]; then
  (cd "$root" && swift build -c release --product normtool >/dev/null)
  NORMTOOL=$root/.build/release/normtool
fi
(cd "$here" && swift build -c release --product MakePDFDump >/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/.build/release/MakePDFDump" "$tmp/dump.txt" "$mb" "$shared/corpus"
bytes=$(stat -c %s "$tmp/dump.txt")
echo "dump: $bytes bytes"
run() {  # run LABEL ARGS...
  local label=$1; shift
  /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$NORMTOOL" clean "$@" "$tmp/dump.txt" -o "$tmp/out.txt"
  read -r user sys rss < "$tmp/time"
  awk -v l="$label" -v u="$user" -v s="$sys" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "%-36s %7.2f s CPU  %7.1f MB/s  max RSS %6.0f MB\n", l, u + s, b / 1048576 / (u + s), r / 1024 }'
}
run "clean --typos off --no-restore" --typos off --no-restore
if [ "${CLEAN_DEFAULTS:-0}" = 1 ]; then run "clean (defaults)"; fi
