#!/usr/bin/env bash
# Scores `normtool restore` on ../shared/restore-dev and on the corpus lines held apart from the model
# (every 10th line of corpus/kk.txt, made into the same kind of input by restore-dev/build.py), and on
# the Russian-OCR documents of ../shared/ocr-dev (`normtool clean` with and without --no-restore).
# usage: scripts/score-restore.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
swift build -c release --product normtool >&2
tool=.build/release/normtool
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo "== restore-dev ($shared/restore-dev)"
$tool restore "$shared/restore-dev/dev.input.txt" > "$tmp/dev.pred.txt"
python3 "$shared/restore-dev/score.py" "$shared/restore-dev/dev.truth.txt" "$tmp/dev.pred.txt"

echo "== held apart from the model (every 10th line of corpus/kk.txt)"
python3 scripts/build-restore-model.py --corpus "$shared/corpus" --out "$tmp/model" --heldout "$tmp/held.txt" --no-binary
{ echo "label	text"; sed 's/^/kk	/' "$tmp/held.txt"; } > "$tmp/held.tsv"
python3 "$shared/restore-dev/build.py" "$tmp/held.tsv" "$tmp/held" --n 100000 >/dev/null
$tool restore "$tmp/held.input.txt" > "$tmp/held.pred.txt"
python3 "$shared/restore-dev/score.py" "$tmp/held.truth.txt" "$tmp/held.pred.txt"

echo "== ocr-dev, Tesseract -l rus (WER of clean with and without restoring)"
mkdir -p "$tmp/ocr/on" "$tmp/ocr/off"
for raw in "$shared"/ocr-dev/*_rus_*.raw.txt; do
  name=$(basename "$raw" .raw.txt)
  cp "$shared/ocr-dev/$name.truth.txt" "$tmp/ocr/"
  $tool clean "$raw" > "$tmp/ocr/on/$name.out.txt" || true
  $tool clean --no-restore "$raw" > "$tmp/ocr/off/$name.out.txt" || true
done
for mode in off on; do
  echo "-- restore $mode"
  (cd "$tmp/ocr" && python3 "$shared/pdf-dev/score.py" --pred "$mode" --truth . 2>&1 | grep -iE "wer|cer" | head -4) || true
done
