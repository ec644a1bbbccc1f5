#!/usr/bin/env bash
# Measures Latin -> Cyrillic on held-apart real text: the word list is rebuilt without every 10th line
# of ../shared/corpus/kk.txt and kk-extra.txt, those lines go Cyrillic -> Latin -> Cyrillic, and the
# result is compared with the original word by word (case included). Prints one row per scheme.
# Usage: scripts/measure-reverse.sh   (NORMTOOL=path overrides the release build)
# Held apart: lines 1, 11, 21, ... of each file (awk NR % 10 == 1), the lines the word list leaves out.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
if [ -z "${NORMTOOL:-}" ]; then
  swift build -c release --product normtool >/dev/null
  NORMTOOL=.build/release/normtool
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r Rules "$tmp/Rules"
python3 scripts/build-translit-words.py --corpus "$CORPUS" --out "$tmp/Rules/translit/kk-words.tsv" --holdout 10 2>/dev/null
for name in kk.txt kk-extra.txt; do
  awk 'NR % 10 == 1' "$CORPUS/$name" > "$tmp/held-$name"
done
cat "$tmp/held-kk.txt" "$tmp/held-kk-extra.txt" > "$tmp/held-all"
# kk.txt is edited text (news, Wikipedia); kk-extra.txt is mostly informal reviews whose own typos
# (қаита for қайта) count as errors here.
for held in kk.txt kk-extra.txt all; do
for scheme in kk-2021 kk-2018; do
  "$NORMTOOL" translit --scheme "$scheme" "$tmp/held-$held" > "$tmp/latin.txt"
  "$NORMTOOL" translit --scheme "$scheme" --reverse --rules "$tmp/Rules" "$tmp/latin.txt" > "$tmp/back.txt"
  "$NORMTOOL" translit --scheme "$scheme" --reverse --no-lexicon --rules "$tmp/Rules" "$tmp/latin.txt" > "$tmp/rules-only.txt"
  python3 - "$scheme $held" "$tmp/held-$held" "$tmp/back.txt" "$tmp/rules-only.txt" <<'PY'
import difflib, re, sys
WORD = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]+")
KAZAKH = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
RUSSIAN_ONLY = set("ёцчщъьэЁЦЧЩЪЬЭ")
def score(truth_path, pred_path):
    tot = {"all": [0, 0], "native": [0, 0], "kazakh-letter": [0, 0]}
    with open(truth_path, encoding="utf-8") as t, open(pred_path, encoding="utf-8") as p:
        for a, b in zip(t, p):
            wa, wb = WORD.findall(a), WORD.findall(b)
            right = [False] * len(wa)
            # Latin words of the original come back in Cyrillic: align instead of zipping.
            for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
                if tag == "equal":
                    right[i1:i2] = [True] * (i2 - i1)
            for x, ok in zip(wa, right):
                cats = ["all"]
                if not RUSSIAN_ONLY & set(x): cats.append("native")
                if KAZAKH & set(x): cats.append("kazakh-letter")
                for c in cats:
                    tot[c][0] += ok
                    tot[c][1] += 1
    return tot
full, rules = score(sys.argv[2], sys.argv[3]), score(sys.argv[2], sys.argv[4])
print(f"{sys.argv[1]}: " + "; ".join(
    f"{c} words {full[c][0] / full[c][1]:.2%} (rules alone {rules[c][0] / rules[c][1]:.2%}, n={full[c][1]})"
    for c in full))
PY
done
done
