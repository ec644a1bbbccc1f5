#!/usr/bin/env python3
"""Collect real Kazakh and Russian paragraphs of the shared dev sets that neither shared/typos/dev nor the
corpus contains, as a small held-out source for shared/typos/build.py (text of the same kind as typos/dev,
never used for fitting).

usage: scripts/typos-other-paragraphs.py SHARED_DIR OUT.tsv
Reads the truth files of pdf-dev (dev, dev-hyphen), ocr-dev, unicode-dev and restore-dev; keeps NFC lines
of at least 60 characters, mostly Cyrillic, labelled kk when they have two or more Kazakh-specific letters
and ru when they have none (others are skipped); drops lines of typos/dev and lines whose first 60
characters occur in the corpus. Writes label<TAB>text with a header line, in file and line order.
"""
import glob, os, re, sys, unicodedata

KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[А-Яа-яЁё]")
WORDISH = re.compile(r"\w")


def main():
    shared, out = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(f"{shared}/pdf-dev/dev/*.truth.txt") + glob.glob(f"{shared}/pdf-dev/dev-hyphen/*.truth.txt")
                   + glob.glob(f"{shared}/ocr-dev/*.truth.txt") + glob.glob(f"{shared}/unicode-dev/*.truth.txt"))
    files.append(f"{shared}/restore-dev/dev.truth.txt")
    typos_dev = set(open(f"{shared}/typos/dev.truth.txt", encoding="utf-8").read().split("\n"))
    corpus = "".join(open(os.path.join(shared, "corpus", f), encoding="utf-8").read()
                     for f in ("kk.txt", "kk-extra.txt", "ru.txt"))
    seen, rows = set(), []
    for path in files:
        for line in open(path, encoding="utf-8", errors="replace"):
            text = unicodedata.normalize("NFC", line.strip())
            if len(text) < 60 or text in seen or text in typos_dev or text[:60] in corpus:
                continue
            seen.add(text)
            if len(CYRILLIC.findall(text)) < 0.6 * len(WORDISH.findall(text)):
                continue
            kazakh = len(KAZAKH.findall(text))
            label = "kk" if kazakh >= 2 else "ru" if kazakh == 0 else None
            if label:
                rows.append((label, text.replace("\t", " ")))
    with open(out, "w", encoding="utf-8") as f:
        f.write("label\ttext\n")
        for label, text in rows:
            f.write(f"{label}\t{text}\n")
    print(f"{sum(r[0] == 'kk' for r in rows)} kk and {sum(r[0] == 'ru' for r in rows)} ru paragraphs")


if __name__ == "__main__":
    main()
