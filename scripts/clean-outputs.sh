#!/usr/bin/env bash
# Writes what `normtool clean` outputs (text and JSONL with every edit) on the sample and on every dev
# set (pdf-dev dev and dev-hyphen, ocr-dev, unicode-dev, typos, restore-dev) into OUTDIR, so that
# two builds can be compared byte for byte: a speed change must not change any of it.
#   scripts/clean-outputs.sh NORMTOOL OUTDIR [EXTRA_FILE...]
#   diff -r BEFORE AFTER && echo identical
set -euo pipefail
normtool=$1
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${NORMALIZE_SHARED:-$root/../shared}
mkdir -p "$out"
run() {  # run NAME ARGS...: stdout to NAME, stderr and status to NAME.err
  local name=$1; shift
  local status=0
  "$normtool" clean "$@" > "$out/$name" 2> "$out/$name.err" || status=$?
  echo "exit $status" >> "$out/$name.err"
}
run sample.txt --explain "$shared/samples/kk-ru-pdf-dump.txt"
run sample.jsonl --format jsonl "$shared/samples/kk-ru-pdf-dump.txt"
for f in "$shared"/pdf-dev/dev/*.raw.txt "$shared"/pdf-dev/dev-hyphen/*.raw.txt "$shared"/ocr-dev/*.raw.txt; do
  set_name=$(basename "$(dirname "$f")")
  base=$set_name.$(basename "$f" .raw.txt)
  run "$base.txt" --typos off "$f"
  run "$base.jsonl" --format jsonl "$f"
done
for f in "$shared"/unicode-dev/*.input; do
  run "unicode.$(basename "$f" .input).txt" --input-layout lines "$f"
  run "unicode.$(basename "$f" .input).jsonl" --format jsonl --input-layout lines --typos off "$f"
done
run typos.txt --input-layout lines "$shared/typos/dev.input.txt"
run typos.jsonl --format jsonl --input-layout lines "$shared/typos/dev.input.txt"
run restore.txt --input-layout lines "$shared/restore-dev/dev.input.txt"
run restore.jsonl --format jsonl --input-layout lines --typos off "$shared/restore-dev/dev.input.txt"
# Further files (e.g. the Clean benchmark's dump from Benchmarks/.build/release/MakePDFDump): JSONL, no typos.
for f in "${@:3}"; do
  run "extra.$(basename "$f").jsonl" --format jsonl --typos off --no-restore "$f"
done
