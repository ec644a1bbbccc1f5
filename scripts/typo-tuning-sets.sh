#!/usr/bin/env bash
# Make the sets the typo pass's confidence model is fitted on, and fit it (never on shared/typos/dev).
#
# usage: scripts/typo-tuning-sets.sh OUTDIR [SHARED_DIR]     (default SHARED_DIR: ../shared next to the package)
# For folds 1, 4 and 7 of 10, scripts/build-lexicons.py --fold holds a contiguous tenth of kk.txt, of the NTREX
# lines of kk-extra.txt and of ru.txt (whole articles and stories) out of a copy of Rules/ (OUTDIR/foldK/rules),
# and shared/typos/build.py injects errors into the held-out text (OUTDIR/foldK/set.*). A fourth set is
# build.py seed 7 on the every-20th-line held-out text of the shipped lexicons (OUTDIR/held7.*).
# `normtool spell --suggest --all` writes each set's candidates with their features (P.sugg), and
# scripts/fit-typos.py fits the weights on the four sets and reports precision/recall on them and on
# shared/typos/dev (for testing only). Copy the printed weights into SpellChecker.Features.weights.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
shared="${2:-$here/../shared}"
cd "$here"
swift build -c release --product normtool >/dev/null
tool="$here/.build/release/normtool"
vocab=(--vocab "$shared/corpus/kk.txt" --vocab "$shared/corpus/kk-extra.txt" --vocab "$shared/corpus/ru.txt")
sets=()
for k in 1 4 7; do
    d="$out/fold$k"
    rm -rf "$d"; mkdir -p "$d"; cp -r Rules "$d/rules"
    python3 scripts/build-lexicons.py --corpus "$shared/corpus" --out "$d/rules/lexicon" --heldout "$d" --fold "$k/10" >/dev/null
    python3 "$shared/typos/build.py" "$d/heldout.tsv" "$d/set" --seed $((k + 100)) "${vocab[@]}"
    "$tool" spell --suggest --all --rules "$d/rules" "$d/set.input.txt" >/dev/null 2>"$d/set.sugg"
    sets+=("$d/set")
done
python3 scripts/build-lexicons.py --corpus "$shared/corpus" --out "$out/lexicon" --heldout "$out" >/dev/null
python3 "$shared/typos/build.py" "$out/heldout.tsv" "$out/held7" --seed 7 "${vocab[@]}"
"$tool" spell --suggest --all "$out/held7.input.txt" >/dev/null 2>"$out/held7.sugg"
sets+=("$out/held7")
for f in input.txt truth.txt edits.jsonl; do cp "$shared/typos/dev.$f" "$out/dev.$f"; done
"$tool" spell --suggest --all "$out/dev.input.txt" >/dev/null 2>"$out/dev.sugg"
train="$(IFS=,; echo "${sets[*]}")"
python3 scripts/fit-typos.py "$train" "$train,$out/dev"
