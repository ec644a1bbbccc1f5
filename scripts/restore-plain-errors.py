#!/usr/bin/env python3
"""Plain words `normtool restore` changed (words the original writes without Kazakh letters), by class,
and the ceiling they leave: an error counts against the ceiling when the original itself typed the word
without its Kazakh letters, i.e. its truth word is a lost-letter form of a more frequent attested form
(`кажет` where the corpus has `қажет` far more often). Words are found as restore-dev's score.py finds them.
usage: scripts/restore-plain-errors.py TRUTH PRED [--forms Rules/restore/forms.tsv] [--russian Rules/lexicon/ru.tsv] [--list]"""
import argparse, collections, os, re, unicodedata

W = re.compile(r"[^\W\d_]+")
K = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZ = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}


def skeleton(w):
    return "".join(KAZ.get(c, c) for c in w)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("truth"); ap.add_argument("pred")
    ap.add_argument("--forms", default=os.path.join(here, "../Rules/restore/forms.tsv"))
    ap.add_argument("--russian", default=os.path.join(here, "../Rules/lexicon/ru.tsv"))
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
            if best[1] != lx and best[0] > forms.get(lx, 0):
                cls = "truth typed without its letters"       # the ceiling: no restorer can keep it
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
    ceiling = classes["truth typed without its letters"]
    print(f"plain words {plain}, kept {kept} ({kept / max(plain, 1):.4%}), changed {wrong}")
    print(f"ceiling (truth typed without its letters: {ceiling}): {(plain - ceiling) / max(plain, 1):.4%} at most; "
          f"kept among the others {kept / max(plain - ceiling, 1):.4%}")
    for cls, n in classes.most_common(): print(f"  {n:4d}  {cls}")
    if a.list:
        for cls, x, y in sorted(rows): print(f"{cls}\t{x}\t{y}")


if __name__ == "__main__":
    main()
