#!/usr/bin/env bash
# Runs the built normtool over ../shared/pdf-dev/dev, dev-hyphen and ../shared/ocr-dev into a temporary
# folder and scores each set with pdf-dev/score.py (needs python3 with rapidfuzz).
# usage: scripts/score-pdf-dev.sh [NORMTOOL] [extra clean options...]
# SETS="DIR..." scores other folders of the same format instead, e.g. the held-apart extractions
# written by scripts/extract-heldout-pdf.py.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${1:-.build/release/normtool}
shift || true
shared=${SHARED:-../shared}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for set in ${SETS:-"$shared/pdf-dev/dev" "$shared/pdf-dev/dev-hyphen" "$shared/ocr-dev"}; do
  name=$(basename "$set")
  mkdir -p "$out/$name"
  for raw in "$set"/*.raw.txt; do
    base=$(basename "$raw" .raw.txt)
    "$tool" clean --typos off --input-layout pdf "$@" "$raw" -o "$out/$name/$base.out.txt" || true
  done
  echo "== $name"
  python3 "$shared/pdf-dev/score.py" --pred "$out/$name" --truth "$set" | tail -1
done
