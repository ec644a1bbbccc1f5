#!/usr/bin/env bash
# Writes everything `normtool restore` and the restore pass produce on the measured sets into OUT_DIR, so
# that two builds can be compared byte for byte (`diff -r BEFORE AFTER`) while restoration is made faster:
# restore-dev, the kk.txt lines held apart from the model, the corpus typed without Kazakh letters (the
# speed workload, all 8 MB) and `clean` of the ocr-dev documents read with -l rus.
# usage: scripts/restore-outputs.sh OUT_DIR [NORMTOOL] [SHARED_DIR]   (NORMTOOL: .build/release/normtool)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
tool=${2:-.build/release/normtool}
shared=$(cd "${3:-../shared}" && pwd)
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

$tool restore "$shared/restore-dev/dev.input.txt" > "$out/dev.pred.txt"

python3 scripts/build-restore-model.py --corpus "$shared/corpus" --out "$tmp/model" --heldout "$tmp/held.txt" --no-binary
{ echo "label	text"; sed 's/^/kk	/' "$tmp/held.txt"; } > "$tmp/held.tsv"
python3 "$shared/restore-dev/build.py" "$tmp/held.tsv" "$tmp/held" --n 100000 >/dev/null
$tool restore "$tmp/held.input.txt" > "$out/held.pred.txt"

python3 - "$shared/corpus" "$tmp/typed.txt" <<'PY'
import sys
m = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
m.update({k.upper(): v.upper() for k, v in list(m.items())})
text = "".join(open(f"{sys.argv[1]}/{n}", encoding="utf-8").read() for n in ["kk.txt", "kk-extra.txt"])
open(sys.argv[2], "w", encoding="utf-8").write("".join(m.get(c, c) for c in text))
PY
$tool restore "$tmp/typed.txt" > "$out/typed.pred.txt"

for raw in "$shared"/ocr-dev/*_rus_*.raw.txt; do
  $tool clean "$raw" > "$out/$(basename "$raw" .raw.txt).clean.txt" || true
  $tool clean --format jsonl "$raw" > "$out/$(basename "$raw" .raw.txt).clean.jsonl" 2>/dev/null || true
done
