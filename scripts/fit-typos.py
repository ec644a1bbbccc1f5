#!/usr/bin/env python3
"""Fit the typo pass's confidence model (SpellChecker.Features weights) by logistic regression.

usage: scripts/fit-typos.py TRAIN_SET[,TRAIN_SET...] TEST_SET[,TEST_SET...]
A SET is a prefix P with P.input.txt, P.edits.jsonl (shared/typos/build.py output, or shared/typos/dev)
and P.sugg, the standard error of `normtool spell --suggest --all [--rules R] P.input.txt`: every unknown
word with its best candidate and the feature values in brackets. scripts/typo-tuning-sets.sh makes the sets
the weights are fitted on (never shared/typos/dev, which is only for testing). A row is positive when the candidate is the injected word's
original. Prints the weights (in the order of SpellChecker.Features.values) and the intercept, then
precision/recall on the test sets for several logit thresholds. Needs numpy.
"""
import json, re, sys
import numpy as np

NAMES = ["overCharModel", "overOthers", "overSelf", "selfAttested", "logPrior", "logChannel", "titleCase",
         "length", "derived", "inDocument", "lostKazakh", "dropped", "transposed", "short", "stemInDocument", "derivedStrong", "selfHapax",
         "overOthersCapped", "closeRival", "candidateHapax", "russianParadigm", "overCharModelCapped", "charGain"]
LINE = re.compile(r"^normtool: .*?:(\d+):(\d+): (\S+) -> (\S+) (would fix|uncertain): .*\[([-0-9. ]+)\]$")


def load(prefix):
    edits = {}
    for e in map(json.loads, open(prefix + ".edits.jsonl", encoding="utf-8")):
        edits[(e["line"], e["corrupted"])] = e
    rows = []
    for line in open(prefix + ".sugg", encoding="utf-8"):
        m = LINE.match(line.rstrip("\n"))
        if not m or ": context: " in line:
            continue
        e = edits.get((int(m[1]) - 1, m[3]))
        rows.append({"x": [float(v) for v in m[6].split()], "error": e is not None,
                     "ok": e is not None and e["original"] == m[4]})
    return rows, len(edits)


def fit(rows, l2=1.0, iters=100):
    X = np.array([r["x"] for r in rows])
    y = np.array([1.0 if r["ok"] else 0.0 for r in rows])
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Xn = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Xn.shape[1])
    for _ in range(iters):  # Newton's method with an L2 penalty (not on the intercept)
        p = 1 / (1 + np.exp(-Xn @ w))
        g = Xn.T @ (p - y) + l2 * np.r_[w[:-1], 0]
        H = (Xn.T * (p * (1 - p))) @ Xn + l2 * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w[:-1] / sd, w[-1] - (mu * w[:-1] / sd).sum()


def evaluate(rows, injected, w, b, t):
    fixed = wrong = false = 0
    for r in rows:
        if np.dot(w, r["x"]) + b < t:
            continue
        if r["ok"]:
            fixed += 1
        elif r["error"]:
            wrong += 1
        else:
            false += 1
    return fixed / injected, fixed / max(1, fixed + wrong + false), wrong, false


def main():
    train, test = sys.argv[1].split(","), sys.argv[2].split(",")
    data = {s: load(s) for s in set(train + test)}
    w, b = fit(sum((data[s][0] for s in train), []))
    for n, v in zip(NAMES, w):
        print(f"{n}\t{v:.4f}")
    print(f"intercept\t{b:.4f}")
    for t in (1, 1.25, 1.5, 2):
        print(f"logit >= {t}: " + " | ".join(
            f"{s.rsplit('/', 1)[-1]}: recall {r:.3f} precision {p:.3f} wrong {wr} false {fe}"
            for s in test for r, p, wr, fe in [evaluate(*data[s], w, b, t)]))


if __name__ == "__main__":
    main()
