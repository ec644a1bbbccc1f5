#!/usr/bin/env bash
# Writes the outputs of `normtool spell`, `spell --suggest` and `clean` (text and JSONL with edits) on the
# typo dev set, held-apart build.py sets, the sample and ocr-dev into OUT, so that two builds can be compared
# byte for byte (`diff -r OUT1 OUT2`): speed work on typo repair must not change a decision.
#
# usage: scripts/typos-outputs.sh NORMTOOL OUT [SHARED_DIR]
# The held-apart sets are made as in scripts/score-typos.sh (seeds 7, 11, 23) and cached in OUT/../held.
set -euo pipefail
tool="$1"; out="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${3:-$here/../shared}"
held="$(dirname "$out")/held"
mkdir -p "$out"
if [ ! -f "$held/held23.input.txt" ]; then
    mkdir -p "$held"
    python3 "$here/scripts/build-lexicons.py" --corpus "$shared/corpus" --out "$held/lexicon" --heldout "$held" >/dev/null
    for seed in 7 11 23; do
        python3 "$shared/typos/build.py" "$held/heldout.tsv" "$held/held$seed" --seed "$seed" \
            --vocab "$shared/corpus/kk.txt" --vocab "$shared/corpus/kk-extra.txt" --vocab "$shared/corpus/ru.txt" >/dev/null
    done
fi
inputs=("$shared/typos/dev.input.txt" "$held/held7.input.txt" "$held/held11.input.txt" "$held/held23.input.txt"
        "$shared/samples/kk-ru-pdf-dump.txt" "$shared"/ocr-dev/*.raw.txt)
for f in "${inputs[@]}"; do
    name="$(basename "$f" .txt)"
    "$tool" spell "$f" > "$out/$name.spell.txt"
    "$tool" spell --suggest "$f" > "$out/$name.suggest.txt" 2> "$out/$name.suggest.err"
    "$tool" spell --suggest --all "$f" > /dev/null 2> "$out/$name.suggest-all.err" || true
    "$tool" clean "$f" > "$out/$name.clean.txt" 2> "$out/$name.clean.err" || echo "clean exit $?" >> "$out/$name.clean.err"
    "$tool" clean --format jsonl "$f" > "$out/$name.clean.jsonl" 2>/dev/null || true
done
