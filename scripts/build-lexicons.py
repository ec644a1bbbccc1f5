#!/usr/bin/env python3
"""Build the word-frequency lexicons Rules/lexicon/kk.tsv and Rules/lexicon/ru.tsv from ../shared/corpus.

usage: scripts/build-lexicons.py [--corpus DIR] [--out DIR] [--heldout DIR] [--fold K/N]

Tokenisation (documented in Rules/lexicon/README.md):
  * a word is a maximal run of Cyrillic letters (U+0400-U+04FF, including the Kazakh letters),
    optionally joined by single hyphens (азық-түлік); digits, Latin letters, apostrophes and any other
    character end a word, and a token that touches a Latin letter or a digit is skipped entirely
    (УПМ-ге, 9-орында, Теле2 are not words of the lexicon);
  * a hyphenated word counts once as the whole (азық-түлік) and once for each part (азық, түлік);
  * words are lowercased and NFC-normalised; ё is kept as written.
Held-out lines: every line whose 0-based index i satisfies i % 20 == 7 in kk.txt and ru.txt is NOT
counted; those lines are written to HELDOUT/heldout.tsv (label<TAB>text) for tuning typo repair with
../shared/typos/build.py, so tuning never sees its own answers in the lexicon.
With --fold K/N (for tuning only, never for Rules/) the held-out lines are instead the K-th of N contiguous
blocks of kk.txt, of the NTREX lines of kk-extra.txt and of ru.txt: whole articles and stories the lexicon
has not seen, whose vocabulary is as new to it as that of text from elsewhere (shared/typos/dev).
Sources per language:
  kk: kk.txt (all counted lines), kk-extra.txt lines 1-351 (NTREX news), and the informal user reviews
      of kk-extra.txt (lines 352-) only for words seen at least REVIEW_MIN times there (reviews are full
      of misspellings and lost Kazakh letters, which must not become "known words").
  ru: ru.txt (all counted lines).
Output: word<TAB>count, sorted by word (code point order), deterministic.
"""
import argparse, collections, os, re, unicodedata

HELDOUT_MOD, HELDOUT_REM = 20, 7
NTREX_LINES = 351
REVIEW_MIN = 3
TOKEN = re.compile(r"[^\s]+")
WORD = re.compile(r"[\u0400-\u04FF]+(?:-[\u0400-\u04FF]+)*")
BAD_NEIGHBOUR = re.compile(r"[0-9A-Za-z\u00C0-\u024F]")


def words(line):
    line = unicodedata.normalize("NFC", line)
    for tok in TOKEN.findall(line):
        for m in WORD.finditer(tok):
            s, e = m.start(), m.end()
            left = tok[s - 1] if s > 0 else ""
            right = tok[e] if e < len(tok) else ""
            # skip words glued to Latin letters or digits (УПМ-ге, Теле2, 9-орында)
            if BAD_NEIGHBOUR.match(left) or BAD_NEIGHBOUR.match(right):
                continue
            if left == "-" or right == "-":
                if (s > 1 and BAD_NEIGHBOUR.match(tok[s - 2])) or (e + 1 < len(tok) and BAD_NEIGHBOUR.match(tok[e + 1])):
                    continue
            w = m.group(0).lower()
            yield w
            if "-" in w:
                yield from w.split("-")


def count(path, lines=None, heldout=None, label=None, fold=None):
    """Counts the words of `path` (the line range `lines`). When `heldout` is a list, the held-out lines
    (every HELDOUT_MOD-th line, or with `fold` = (K, N) the K-th of N contiguous blocks of the range) are
    appended to it with `label` instead of being counted."""
    c = collections.Counter()
    with open(path, encoding="utf-8") as f:
        all_lines = f.readlines()
    lo, hi = lines or (0, len(all_lines))
    hi = min(hi, len(all_lines))
    if fold:
        block = (lo + (hi - lo) * fold[0] // fold[1], lo + (hi - lo) * (fold[0] + 1) // fold[1])
    for i in range(lo, hi):
        line = all_lines[i]
        if heldout is not None and (block[0] <= i < block[1] if fold else i % HELDOUT_MOD == HELDOUT_REM):
            heldout.append((label, line.rstrip("\n")))
            continue
        c.update(words(line))
    return c


def write(counter, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for w in sorted(counter):
            f.write(f"{w}\t{counter[w]}\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default=os.path.join(here, "..", "Rules", "lexicon"))
    ap.add_argument("--heldout", default=None, help="folder for heldout.tsv (default: not written)")
    ap.add_argument("--fold", default=None, help="K/N: hold out the K-th (0-based) of N contiguous blocks instead")
    a = ap.parse_args()
    fold = tuple(int(x) for x in a.fold.split("/")) if a.fold else None
    held = []
    kk = count(os.path.join(a.corpus, "kk.txt"), heldout=held, label="kk", fold=fold)
    kk.update(count(os.path.join(a.corpus, "kk-extra.txt"), lines=(0, NTREX_LINES), heldout=held if fold else None,
                    label="kk", fold=fold))
    reviews = count(os.path.join(a.corpus, "kk-extra.txt"), lines=(NTREX_LINES, 1 << 62))
    for w, n in reviews.items():
        if n >= REVIEW_MIN or w in kk:
            kk[w] += n
    ru = count(os.path.join(a.corpus, "ru.txt"), heldout=held, label="ru", fold=fold)
    os.makedirs(a.out, exist_ok=True)
    write(kk, os.path.join(a.out, "kk.tsv"))
    write(ru, os.path.join(a.out, "ru.tsv"))
    print(f"kk: {len(kk)} words, {sum(kk.values())} tokens; ru: {len(ru)} words, {sum(ru.values())} tokens")
    if a.heldout:
        os.makedirs(a.heldout, exist_ok=True)
        with open(os.path.join(a.heldout, "heldout.tsv"), "w", encoding="utf-8") as f:
            f.write("label\ttext\n")
            for lab, text in held:
                f.write(f"{lab}\t{text}\n")
        print(f"held out: {len(held)} lines")


if __name__ == "__main__":
    main()
