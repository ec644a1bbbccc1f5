#!/usr/bin/env bash
# Score `normtool spell` on the typo dev set and on held-apart corpus text (lines the lexicons never saw).
#
# usage: scripts/score-typos.sh [SHARED_DIR]     (default: ../shared next to the package)
# Builds the release binary, then:
#   1. shared/typos/dev.*  (real paragraphs with injected non-word errors)
#   2. a tuning set made by shared/typos/build.py from the lines build-lexicons.py holds out of the
#      lexicons (every 20th line of kk.txt and ru.txt), seeds 7 and 11 (fitted on) and 23 (kept apart)
#   3. text of the same kind as dev, held out of everything: the paragraphs of the other shared dev sets that
#      neither typos/dev nor the corpus contains (scripts/typos-other-paragraphs.py), build.py seeds 1, 2, 3
#   4. the bundled sample: every word that `spell` changes, for review
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$here/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
swift build -c release --product normtool >/dev/null
tool="$here/.build/release/normtool"

echo "== dev set (shared/typos)"
"$tool" spell "$shared/typos/dev.input.txt" > "$work/dev.pred.txt"
python3 "$shared/typos/score.py" "$shared/typos/dev.input.txt" "$shared/typos/dev.truth.txt" "$work/dev.pred.txt" | tail -1

python3 scripts/build-lexicons.py --corpus "$shared/corpus" --out "$work/lexicon" --heldout "$work" >/dev/null
if ! cmp -s "$work/lexicon/kk.tsv" Rules/lexicon/kk.tsv || ! cmp -s "$work/lexicon/ru.tsv" Rules/lexicon/ru.tsv; then
    echo "warning: Rules/lexicon differs from a fresh build-lexicons.py run" >&2
fi
for seed in 7 11 23; do
    echo "== held-apart corpus lines, build.py seed $seed"
    python3 "$shared/typos/build.py" "$work/heldout.tsv" "$work/held$seed" --seed "$seed" \
        --vocab "$shared/corpus/kk.txt" --vocab "$shared/corpus/kk-extra.txt" --vocab "$shared/corpus/ru.txt" | sed 's/^/   /'
    "$tool" spell "$work/held$seed.input.txt" > "$work/held$seed.pred.txt"
    python3 "$shared/typos/score.py" "$work/held$seed.input.txt" "$work/held$seed.truth.txt" "$work/held$seed.pred.txt" | tail -1
done

python3 scripts/typos-other-paragraphs.py "$shared" "$work/other.tsv" | sed 's/^/   /'
for seed in 1 2 3; do
    echo "== other shared paragraphs (same kind as dev, never fitted on), build.py seed $seed"
    python3 "$shared/typos/build.py" "$work/other.tsv" "$work/other$seed" --seed "$seed" \
        --vocab "$shared/corpus/kk.txt" --vocab "$shared/corpus/kk-extra.txt" --vocab "$shared/corpus/ru.txt" | sed 's/^/   /'
    "$tool" spell "$work/other$seed.input.txt" > "$work/other$seed.pred.txt"
    python3 "$shared/typos/score.py" "$work/other$seed.input.txt" "$work/other$seed.truth.txt" "$work/other$seed.pred.txt" | tail -1
done

echo "== sample (shared/samples/kk-ru-pdf-dump.txt): every change"
"$tool" spell "$shared/samples/kk-ru-pdf-dump.txt" > "$work/sample.out.txt"
{ diff <(tr ' ' '\n' < "$shared/samples/kk-ru-pdf-dump.txt") <(tr ' ' '\n' < "$work/sample.out.txt") || true; } | grep '^[<>]' || echo "   (none)"
