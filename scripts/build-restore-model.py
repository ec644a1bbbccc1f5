#!/usr/bin/env python3
"""Build the Kazakh letter-restoration model in Rules/restore/ from ../shared/corpus.

usage: scripts/build-restore-model.py [--corpus ../shared/corpus] [--out Rules/restore] [--heldout OUT.txt]
       scripts/build-restore-model.py --binary-only [--out Rules/restore]   (after editing the TSV files)

Sources: corpus/kk.txt (weight 2) and corpus/kk-extra.txt (weight 1: informal, and some of its words already
lost their Kazakh letters, so a line counts only when at least a third of its words keep Kazakh letters).
Every 10th line of kk.txt is held apart (never counted) so that restoration can be measured on text the
model does not contain; --heldout writes those lines.

A "skeleton" is a lowercased word with ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и, i.e. what is left when typed on
a Russian keyboard. Outputs (UTF-8, tab-separated, sorted, deterministic):
  forms.tsv     FORM COUNT: every attested lowercase Cyrillic word form.
  letters.tsv   NGRAM COUNT: letter 1..5-grams over the attested forms (each form counted once), with ^
                before a word and $ after it: the letter model for words the lexicon lacks.
  bigrams.tsv   LEFT RIGHT COUNT: word pairs in which one side is an ambiguous form (its skeleton has
                more than one attested form) and the other side is given as a skeleton, written with a
                leading '~' (`~бул\tкітап`, `қол\t~астында`). Pairs seen once are dropped.
Then, generated from those three TSV files and Rules/lexicon/ru.tsv (the Russian word counts of the
shared lexicon, made by scripts/build-lexicons.py; its words seen at least twice tell Russian paragraphs
and words from Kazakh typed without its letters; never edit the .bin files): lexicon.bin, pairs.bin,
letters.bin and russian.bin, the same data as ready-made hash tables that Swift uses in place (no parsing at start-up).
Each starts with the FNV-1a hash of the TSV files it was made from; a test fails when they drift.

Binary layout (little-endian): magic "NZRESTO1", u64 source hash, u32 table count, then per table
u32 key bytes (4 or 8), u32 values per slot, u32 capacity (a power of two), u32 0, the slots, each
a key (0 = empty slot) followed by its values (i32): one cache line per lookup; then u32 array count, and per array u32 element bytes, u32 count,
the elements. Slot of a key: (key * 0x9E3779B97F4A7C15 mod 2^64) >> (64 - log2 capacity), then linear
probing; load at most 0.75. Word keys are FNV-1a 64 over letter codes (KazakhLetters.swift: а..я 1-32, ё 33, ә ғ қ ң ө ұ
ү һ і 34-42, ^ 43, $ 44); letter n-gram keys pack 6 bits per letter, oldest first, with bit 31 set.
lexicon.bin: table skeleton hash -> (first form, number of forms, total count); arrays: total count of all
forms, letter start of each form (one more than forms), count of each form, the letters. Forms are sorted by
(skeleton hash, letters); a form's index in that order is how pairs.bin names it.
pairs.bin: table pair_key(side, a, b) -> count, where for "left" a is the left neighbour's skeleton hash and b
the form's index, for "right" a is the form's index and b the right neighbour's skeleton hash, and the
"-total" sides count every form of the skeleton (skeleton hashes on both sides).
"""
import argparse, collections, os, re, struct, unicodedata

KAZ = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"}
WORD = re.compile(r"[^\W\d_]+")
CYR = re.compile(r"^[а-яёәғқңөұүһі]+$")
ORDER = 5  # letter n-gram order; 5 measured best on held-apart text (4: -1.6 %, 6: -1.5 % on unseen words)


M64 = (1 << 64) - 1
CODE = {chr(0x42F + i): i for i in range(1, 33)}
CODE.update({"ё": 33, "^": 43, "$": 44})
CODE.update({c: 34 + i for i, c in enumerate("әғқңөұүһі")})
SIDE = {"left": 1, "right": 2, "left-total": 3, "right-total": 4}


def fnv(codes):
    h = 0xCBF29CE484222325
    for c in codes:
        h = ((h ^ c) * 0x100000001B3) & M64
    return h or 1


def pair_key(side, a, b):
    return ((((a * 0x9E3779B97F4A7C15) & M64) ^ ((b + SIDE[side] * 0xD6E8FEB86659FD93) & M64)) * 0xBF58476D1CE4E5B9) & M64 or 1


def table(entries, key_bytes, width):
    """Open-addressing hash table (load <= 0.75) as bytes: header, keys, values."""
    cap = 1
    while cap * 3 < len(entries) * 4: cap *= 2
    bits = cap.bit_length() - 1
    keys = [0] * cap
    vals = [(0,) * width] * cap
    for k, v in sorted(entries.items()):
        i = ((k * 0x9E3779B97F4A7C15) & M64) >> (64 - bits) if bits else 0
        while keys[i]:
            i = (i + 1) & (cap - 1)
        keys[i] = k
        vals[i] = v if isinstance(v, tuple) else (v,)
    head = struct.pack("<IIII", key_bytes, width, cap, 0)
    slot = struct.Struct("<%s%di" % ("Q" if key_bytes == 8 else "I", width))
    return head + b"".join(slot.pack(k, *v) for k, v in zip(keys, vals))


def array(fmt, items):
    return struct.pack("<II", struct.calcsize(fmt), len(items)) + struct.pack("<%d%s" % (len(items), fmt), *items)


def write_bin(path, source_hash, tables, arrays):
    with open(path, "wb") as o:
        o.write(b"NZRESTO1" + struct.pack("<QI", source_hash, len(tables)))
        for t in tables: o.write(t)
        o.write(struct.pack("<I", len(arrays)))
        for a in arrays: o.write(a)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def codes(word):
    return [CODE[c] for c in word]


def write_binaries(out, russian_tsv):
    """lexicon.bin, pairs.bin, letters.bin, russian.bin from the TSV files in `out` and `russian_tsv`."""
    names = [os.path.join(out, n) for n in ["forms.tsv", "bigrams.tsv", "letters.tsv"]] + [russian_tsv]
    source = fnv(b for n in names for b in open(n, "rb").read())

    forms = [(f, int(c)) for f, c in read_tsv(os.path.join(out, "forms.tsv"))]
    forms.sort(key=lambda fc: (fnv(codes(skeleton(fc[0]))), codes(fc[0])))
    skel, starts, counts, letters, total = {}, [], [], [], 0
    index = {f: i for i, (f, _) in enumerate(forms)}
    for i, (f, c) in enumerate(forms):
        h = fnv(codes(skeleton(f)))
        first, n, t = skel.get(h, (i, 0, 0))
        skel[h] = (first, n + 1, t + c)
        starts.append(len(letters)); letters.extend(codes(f)); counts.append(c); total += c
    starts.append(len(letters))
    write_bin(os.path.join(out, "lexicon.bin"), source, [table(skel, 8, 3)],
              [array("q", [total]), array("i", starts), array("i", counts), array("B", letters)])

    pairs = collections.Counter()
    for x, y, c in read_tsv(os.path.join(out, "bigrams.tsv")):
        c = int(c)
        if x.startswith("~"):
            pairs[pair_key("left", fnv(codes(x[1:])), index[y])] += c
            pairs[pair_key("left-total", fnv(codes(x[1:])), fnv(codes(skeleton(y))))] += c
        else:
            pairs[pair_key("right", index[x], fnv(codes(y[1:])))] += c
            pairs[pair_key("right-total", fnv(codes(skeleton(x))), fnv(codes(y[1:])))] += c
    write_bin(os.path.join(out, "pairs.bin"), source, [table(pairs, 8, 1)], [])

    ngrams, hist = {}, {}
    for g, c in read_tsv(os.path.join(out, "letters.tsv")):
        key = 0
        for x in codes(g): key = key << 6 | x
        ngrams[key | 0x80000000] = int(c)
        n, t = hist.get((key >> 6) | 0x80000000, (0, 0))
        hist[(key >> 6) | 0x80000000] = (n + int(c), t + 1)
    write_bin(os.path.join(out, "letters.bin"), source, [table(ngrams, 4, 1), table(hist, 4, 2)], [])

    russian, rtotal = {}, 0
    for w, c in read_tsv(russian_tsv):
        if int(c) < 2 or not CYR.match(w): continue
        russian[fnv(codes(w))] = russian.get(fnv(codes(w)), 0) + int(c); rtotal += int(c)
    write_bin(os.path.join(out, "russian.bin"), source, [table(russian, 8, 1)], [array("q", [rtotal])])


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
    ap.add_argument("--russian", default=os.path.join(os.path.dirname(__file__), "../Rules/lexicon/ru.tsv"),
                    help="Russian word counts (Rules/lexicon/ru.tsv)")
    ap.add_argument("--heldout")
    ap.add_argument("--binary-only", action="store_true", help="only regenerate the .bin files from the TSV files")
    ap.add_argument("--no-binary", action="store_true", help="only write the TSV files (and --heldout)")
    a = ap.parse_args()
    if a.binary_only:
        write_binaries(a.out, a.russian)
        return

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
    with open(os.path.join(a.out, "bigrams.tsv"), "w", encoding="utf-8") as o:
        for (x, y) in sorted(bigrams):
            if bigrams[(x, y)] >= 2: o.write(f"{x}\t{y}\t{bigrams[(x, y)]}\n")
    if not a.no_binary:
        write_binaries(a.out, a.russian)


if __name__ == "__main__":
    main()
