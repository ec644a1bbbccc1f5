#!/usr/bin/env python3
"""Lists every wrong paragraph boundary of `normtool clean` output against a pdf-dev/ocr-dev truth set.

usage: scripts/diagnose-paragraphs.py --pred OUTDIR --truth SETDIR [--name SUBSTRING]

For each document: missed boundaries (a truth paragraph starts, the output runs on) and spurious ones
(the output starts a line inside a truth paragraph), each with the words around it and the kind of
truth line involved (heading-like short line or paragraph), so the wrong boundaries can be counted by
class. Uses the alignment of pdf-dev/score.py (imported from the truth set's parent folder).
"""
import argparse
import collections
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--name", default="")
    args = ap.parse_args()
    here = os.path.abspath(args.truth)
    for d in (os.path.dirname(here), os.path.join(os.path.dirname(here), "pdf-dev")):
        if os.path.exists(os.path.join(d, "score.py")):
            sys.path.insert(0, d)
            break
    import score
    counts = collections.Counter()
    for f in sorted(os.listdir(args.truth)):
        if not f.endswith(".truth.txt") or args.name not in f:
            continue
        name = f[:-len(".truth.txt")]
        truth = open(os.path.join(args.truth, f), encoding="utf-8").read()
        pp = os.path.join(args.pred, name + ".out.txt")
        pred = open(pp, encoding="utf-8").read() if os.path.exists(pp) else ""
        tt, pt = score.tokens(truth), score.tokens(pred)
        tn = [score.norm_token(t) for t in tt]
        pn = [score.norm_token(t) for t in pt]
        _, p2t = score.align_map(tn, pn)
        tb = set(score.paragraph_starts(truth))
        pb = {}
        for s in score.paragraph_starts(pred):
            m = p2t[s] if s < len(p2t) else len(tt)
            if m is not None and 0 < m < len(tt):
                pb[m] = s
        # truth line lengths (words) by start index
        tlen, n = {}, 0
        for line in truth.split("\n"):
            w = line.split()
            if w:
                tlen[n] = len(w)
                n += len(w)
        starts = sorted(tlen)

        def kind(i):
            j = max(s for s in starts if s <= i)
            return "short" if tlen[j] <= 8 else "para"

        bad = [(i, "missed") for i in sorted(tb - set(pb))] + [(i, "spurious") for i in sorted(set(pb) - tb)]
        if not bad:
            continue
        print(f"== {name}  truth={len(tb)} pred={len(pb)} tp={len(tb & set(pb))}")
        for i, what in sorted(bad):
            k = f"{what}/{kind(i - 1)}->{kind(i)}"
            counts[k] += 1
            print(f"  {what:8s} {kind(i - 1):5s}->{kind(i):5s} …{' '.join(tt[max(0, i - 6):i])} ‖ {' '.join(tt[i:i + 6])}…")
    print("== classes")
    for k, v in counts.most_common():
        print(f"  {v:4d} {k}")


if __name__ == "__main__":
    main()
