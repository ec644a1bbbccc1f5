#!/usr/bin/env python3
"""Plain words `normtool restore` changed (words the original writes without Kazakh letters), by class,
and the ceiling they leave. An error counts against the ceiling when the original itself typed the word
without its Kazakh letters: its truth word is a lost-letter form of an attested form that the corpus
(Rules/restore/forms.tsv) writes at least RATIO (10) times as often, or the truth word is not attested at
all (`катысты` where the corpus has only `қатысты`; `кажет` 11 times, `қажет` 454). A restorer that kept
such a word would have to keep the far commoner cases where the same letters stand for the Kazakh form,
so no restorer that restores can keep them. A truth word whose twin is less than RATIO times commoner
(`шешен`/`шешең`, `орт`/`өрт`, the initial `Г`/`Ғ`) is a real word both ways: context decides, and it
counts as an error. Words are found as restore-dev's score.py finds them.
usage: scripts/restore-plain-errors.py TRUTH PRED [--forms Rules/restore/forms.tsv] [--russian Rules/lexicon/ru.tsv] [--list]"""
import argparse, collections, os, re, unicodedata

W = re.compile(r"[^\W\d_]+")
K = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZ = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}


def skeleton(w):
    return "".join(KAZ.get(c, c) for c in w)


CEILING = ("original typed without its letters: truth form unattested", "original typed without its letters: twin RATIO times commoner")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("truth"); ap.add_argument("pred")
    ap.add_argument("--forms", default=os.path.join(here, "../Rules/restore/forms.tsv"))
    ap.add_argument("--russian", default=os.path.join(here, "../Rules/lexicon/ru.tsv"))
    ap.add_argument("--ratio", type=float, default=10.0, help="how much commoner the twin must be (default 10)")
    ap.add_argument("--list", action="store_true", help="print every changed plain word with its class")
    a = ap.parse_args()
    forms = {}
    for line in open(a.forms, encoding="utf-8"):
        f, c = line.rstrip("\n").split("\t"); forms[f] = int(c)
    by_skeleton = collections.defaultdict(list)
    for f, c in forms.items(): by_skeleton[skeleton(f)].append((c, f))
    russian = {}
    for line in open(a.russian, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[1].isdigit(): russian[parts[0]] = int(parts[1])

    plain = kept = 0
    classes = collections.Counter()
    rows = []
    for t, p in zip(open(a.truth, encoding="utf-8").read().split("\n"), open(a.pred, encoding="utf-8").read().split("\n")):
        tw, pw = W.findall(unicodedata.normalize("NFC", t)), W.findall(unicodedata.normalize("NFC", p))
        if len(tw) != len(pw): continue
        for x, y in zip(tw, pw):
            if set(x) & K: continue
            plain += 1
            if x == y: kept += 1; continue
            lx = x.lower()
            best = max(by_skeleton.get(lx, [(0, "")]))
            if best[0] > 0 and best[1] != lx and forms.get(lx, 0) == 0:
                cls = CEILING[0]       # the ceiling: no restorer can keep it
            elif best[0] > 0 and best[1] != lx and best[0] >= a.ratio * forms[lx]:
                cls = CEILING[1]
            elif best[0] > 0 and best[1] != lx and best[0] > forms[lx]:
                cls = "real both ways, the twin commoner (context)"
            elif len(lx) <= 2 and x[:1].isupper() or x.isupper() and len(x) <= 4:
                cls = "initial or abbreviation"
            elif russian.get(lx, 0) >= 2:
                cls = "Russian word"
            elif lx in forms:
                cls = "attested both ways (context)"
            elif x[:1].isupper():
                cls = "name the lexicon lacks"
            else:
                cls = "other unseen word"
            classes[cls] += 1
            rows.append((cls, x, y))
    wrong = plain - kept
    ceiling = classes[CEILING[0]] + classes[CEILING[1]]
    print(f"plain words {plain}, kept {kept} ({kept / max(plain, 1):.4%}), changed {wrong}")
    print(f"ceiling (the original typed the word without its letters: {ceiling}): {(plain - ceiling) / max(plain, 1):.4%} at most; "
          f"kept among the others {kept / max(plain - ceiling, 1):.4%}; 99.9 % allows {int(plain * 0.001)} changed")
    for cls, n in classes.most_common(): print(f"  {n:4d}  {cls}")
    if a.list:
        for cls, x, y in sorted(rows):
            lx = x.lower(); twin = max(by_skeleton.get(lx, [(0, "")]))
            print(f"{cls}\t{x}\t{y}\t(corpus: {lx} {forms.get(lx, 0)}, {twin[1]} {twin[0]})")


if __name__ == "__main__":
    main()
