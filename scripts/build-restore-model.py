#!/usr/bin/env python3
"""Build the Kazakh letter-restoration model in Rules/restore/ from ../shared/corpus.

usage: scripts/build-restore-model.py [--corpus ../shared/corpus] [--out Rules/restore] [--heldout OUT.txt]

Sources: corpus/kk.txt (weight 2) and corpus/kk-extra.txt (weight 1: informal, and some of its words already
lost their Kazakh letters, so a line counts only when at least a third of its words keep Kazakh letters).
Every 10th line of kk.txt is held apart (never counted) so that restoration can be measured on text the
model does not contain; --heldout writes those lines.

A "skeleton" is a lowercased word with ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и, i.e. what is left when typed on
a Russian keyboard. Outputs (UTF-8, tab-separated, sorted, deterministic):
  forms.tsv     FORM COUNT: every attested lowercase Cyrillic word form.
  letters.tsv   NGRAM COUNT: letter 1..5-grams over the attested forms (each form counted once), with ^
                before a word and $ after it: the letter model for words the lexicon lacks.
  russian.tsv   WORD COUNT: lowercase words of corpus/ru.txt seen at least twice, to tell Russian
                paragraphs and words from Kazakh typed without its letters.
  bigrams.tsv   LEFT RIGHT COUNT: word pairs in which one side is an ambiguous form (its skeleton has
                more than one attested form) and the other side is given as a skeleton, written with a
                leading '~' (`~бул\tкітап`, `қол\t~астында`). Pairs seen once are dropped.
"""
import argparse, collections, os, re, unicodedata

KAZ = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
WORD = re.compile(r"[^\W\d_]+")
CYR = re.compile(r"^[а-яёәғқңөұүһі]+$")
ORDER = 5  # letter n-gram order; 5 measured best on held-apart text (4: -1.6 %, 6: -1.5 % on unseen words)


def skeleton(w):
    return "".join(KAZ.get(c, c) for c in w)


def words(line):
    """Lowercase words of a line; None for a word that is not all Cyrillic (Latin schwa ə, often typed
    for ә, is read as ә)."""
    out = []
    for w in WORD.findall(unicodedata.normalize("NFC", line)):
        w = w.lower().replace("ə", "ә")
        out.append(w if CYR.match(w) else None)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../Rules/restore"))
    ap.add_argument("--heldout")
    a = ap.parse_args()

    sentences = []  # (weight, [word or None])
    held = []
    for i, line in enumerate(open(os.path.join(a.corpus, "kk.txt"), encoding="utf-8")):
        if i % 10 == 0:
            held.append(line.rstrip("\n"))
            continue
        sentences.append((2, words(line)))
    for line in open(os.path.join(a.corpus, "kk-extra.txt"), encoding="utf-8"):
        ws = [w for w in words(line) if w]
        if ws and sum(1 for w in ws if w != skeleton(w)) * 3 >= len(ws):
            sentences.append((1, words(line)))
    if a.heldout:
        open(a.heldout, "w", encoding="utf-8").write("\n".join(held) + "\n")

    forms = collections.Counter()
    for wt, ws in sentences:
        for w in ws:
            if w: forms[w] += wt

    by_skel = collections.defaultdict(list)
    for f in forms: by_skel[skeleton(f)].append(f)
    ambiguous = {f for fs in by_skel.values() if len(fs) > 1 for f in fs}

    # Letter n-grams over word types (each attested form once): unseen words are restored letter by
    # letter, and type counts describe how Kazakh words are built (stems, suffix chains, vowel harmony)
    # without the bias of a few frequent words.
    ngrams = collections.Counter()
    for f in forms:
        w = "^" * (ORDER - 1) + f + "$"
        for i in range(ORDER - 1, len(w)):
            for n in range(1, ORDER + 1):
                ngrams[w[i - n + 1:i + 1]] += 1

    russian = collections.Counter()
    for line in open(os.path.join(a.corpus, "ru.txt"), encoding="utf-8"):
        for w in words(line):
            if w: russian[w] += 1

    bigrams = collections.Counter()
    for wt, ws in sentences:
        for x, y in zip(ws, ws[1:]):
            if not x or not y: continue
            if y in ambiguous: bigrams[("~" + skeleton(x), y)] += wt
            if x in ambiguous: bigrams[(x, "~" + skeleton(y))] += wt

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "forms.tsv"), "w", encoding="utf-8") as o:
        for f in sorted(forms): o.write(f"{f}\t{forms[f]}\n")
    with open(os.path.join(a.out, "letters.tsv"), "w", encoding="utf-8") as o:
        for g in sorted(ngrams): o.write(f"{g}\t{ngrams[g]}\n")
    with open(os.path.join(a.out, "russian.tsv"), "w", encoding="utf-8") as o:
        for w in sorted(russian):
            if russian[w] >= 2: o.write(f"{w}\t{russian[w]}\n")
    with open(os.path.join(a.out, "bigrams.tsv"), "w", encoding="utf-8") as o:
        for (x, y) in sorted(bigrams):
            if bigrams[(x, y)] >= 2: o.write(f"{x}\t{y}\t{bigrams[(x, y)]}\n")


if __name__ == "__main__":
    main()
