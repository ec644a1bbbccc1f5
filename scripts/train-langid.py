#!/usr/bin/env python3
"""Train the language-identification model in Rules/langid/ from ../shared/corpus.

    python3 scripts/train-langid.py [--corpus DIR] [--out DIR] [--report-only] [--no-report]

The model is a multinomial naive Bayes over hashed character n-grams (orders 1..MAX_ORDER, words padded
with a boundary marker), stored as one cost byte per (bucket, language). The Swift side
(Sources/Normalize/LanguageModel.swift) extracts exactly the same features; any change to the feature
code here must be mirrored there (LanguageIdentifierTests checks the hashes of a fixed string).

Rows of corpus/langid-dev.tsv (whole rows and their sentences of 40+ characters) that occur in a training
file are dropped from training, so the dev measure stays honest. Nothing from langid-dev.tsv is written
to the repo except counts and accuracies (accuracy.md).

Deterministic: files and languages in fixed order; the held-out fragments use a seeded generator.
"""
import argparse
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

import numpy as np

# Model classes. A class with a script subtag ("kk-Latn") is reported as its language ("kk"): Kazakh in Latin
# script is a class of its own so that its few hundred kilobytes are not drowned in Cyrillic Kazakh.
LANGS = ["kk", "ru", "uk", "be", "bg", "ky", "tt", "ba", "mn", "uz", "tg", "sr", "mk", "en", "tr", "kk-Latn"]
# Training files per language, relative to the corpus folder.
SOURCES = {
    "kk": ["kk.txt", "kk-extra.txt"],
    "kk-Latn": ["train-kk-Latn.txt"],
    "ru": ["ru.txt"],
    "uk": ["train-uk.txt"],
    "be": ["be.txt", "train-be.txt"],
    "bg": ["train-bg.txt"],
    "ky": ["ky.txt", "train-ky.txt"],
    "tt": ["train-tt.txt"],
    "ba": ["train-ba.txt"],
    "mn": ["train-mn.txt"],
    "uz": ["train-uz.txt"],
    "tg": ["train-tg.txt"],
    "sr": ["train-sr.txt"],
    "mk": ["train-mk.txt"],
    "en": ["en.txt"],
    "tr": ["tr.txt"],
}
# Kazakh is often typed on a Russian keyboard, without its own letters; a copy of these files with the
# usual substitutions teaches the model that such text is still Kazakh.
RUSSIAN_KEYBOARD_COPIES = {"kk": ["kk.txt", "kk-extra.txt"]}
RUSSIAN_KEYBOARD = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
# Genre balance: every other Cyrillic class is (mostly) NTREX-128 news, while ru.txt is 19th-century prose
# with the NTREX Russian news as its last 348 paragraphs. Counted once, modern news vocabulary (году,
# председателя, академика) looks Bulgarian or Ukrainian to the model; counted NEWS_WEIGHT times it does not.
# Measured on held-out NTREX Russian fragments of up to 60 characters: 93.3 % -> 98.1 % (weight 1 -> 10).
NEWS_TAIL = {"ru.txt": 348}
NEWS_WEIGHT = 10
MAX_ORDER = 4
# Whole words are features too, up to this padded length: short function words (году, деген, туралы)
# decide short fragments.
MAX_WORD_ORDER = 12
LOG2_BUCKETS = 17
SLOTS = 16  # cost bytes per bucket; slots past len(LANGS) are padding
FNV_BASIS = 2166136261
FNV_PRIME = 16777619
SPACE = 0x20
APOSTROPHE = 0x27


def lower_and_classify(cps):
    """Lower-case code points and map everything that is not a letter to SPACE (the word boundary).

    Mirrors `LanguageModel.letterCode` in Swift: Latin (Basic, Latin-1, Extended-A/B), Cyrillic
    (U+0400..U+052F) are letters; ASCII and typographic apostrophes inside a word become U+0027.
    """
    c = cps.astype(np.int64)
    out = c.copy()
    up = (c >= 0x41) & (c <= 0x5A)
    out[up] += 0x20
    up = (c >= 0xC0) & (c <= 0xDE) & (c != 0xD7)
    out[up] += 0x20
    ext_a = (c >= 0x100) & (c <= 0x17F)
    pair_even = ext_a & (((c >= 0x100) & (c <= 0x137)) | ((c >= 0x14A) & (c <= 0x177))) & (c % 2 == 0) & (c != 0x130)
    out[pair_even] += 1
    pair_odd = ((c >= 0x139) & (c <= 0x148) | (c >= 0x179) & (c <= 0x17E)) & (c % 2 == 1)
    out[pair_odd] += 1
    out[c == 0x130] = 0x69
    out[c == 0x178] = 0xFF
    out[c == 0x1F4] = 0x1F5
    out[(c >= 0x218) & (c <= 0x21B) & (c % 2 == 0)] += 1
    out[(c >= 0x400) & (c <= 0x40F)] += 0x50
    out[(c >= 0x410) & (c <= 0x42F)] += 0x20
    cyr_pairs = (((c >= 0x460) & (c <= 0x481)) | ((c >= 0x48A) & (c <= 0x4BF)) | ((c >= 0x4D0) & (c <= 0x52F))) & (c % 2 == 0)
    out[cyr_pairs] += 1
    out[(c >= 0x4C1) & (c <= 0x4CE) & (c % 2 == 1)] += 1
    out[c == 0x4C0] = 0x4CF
    letter = ((out >= 0x61) & (out <= 0x7A)) | ((out >= 0xDF) & (out <= 0x24F) & (out != 0xF7)) | ((out >= 0x430) & (out <= 0x52F))
    apos = (c == 0x27) | (c == 0x2019) | (c == 0x2BC)
    prev_letter = np.concatenate([[False], letter[:-1]])
    apos_in_word = apos & prev_letter
    out[apos_in_word] = APOSTROPHE
    keep = letter | apos_in_word
    out[~keep] = SPACE
    return out


def padded_codes(text):
    """The letter codes of `text` with single SPACE boundaries, starting and ending with SPACE."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = lower_and_classify(cps)
    codes = np.concatenate([[SPACE], codes, [SPACE]])
    is_space = codes == SPACE
    keep = ~(is_space & np.concatenate([[False], is_space[:-1]]))
    return codes[keep].astype(np.uint32)


FIBONACCI = 0x9E3779B1


def bucket_of(h):
    """The bucket of FNV-1a hashes: the top LOG2_BUCKETS bits of h * FIBONACCI (mod 2^32)."""
    return (h * np.uint32(FIBONACCI)) >> np.uint32(32 - LOG2_BUCKETS)


def feature_buckets(codes):
    """Bucket of every n-gram (orders 1..MAX_ORDER) that lies inside one padded word, and of every whole
    padded word up to MAX_WORD_ORDER code points."""
    n = len(codes)
    is_space = codes == SPACE
    result = []
    with np.errstate(over="ignore"):
        h = np.full(n, FNV_BASIS, dtype=np.uint32)
        interior_space = np.zeros(n, dtype=bool)
        for order in range(1, MAX_WORD_ORDER + 1):
            m = n - order + 1
            if m <= 0:
                break
            h = (h[:m] ^ codes[order - 1:order - 1 + m]) * np.uint32(FNV_PRIME)
            if order >= 3:
                interior_space = interior_space[:m] | is_space[order - 2:order - 2 + m]
                valid = ~interior_space
            elif order == 2:
                valid = ~(is_space[:m] & is_space[1:1 + m])
            else:
                valid = ~is_space[:m]
            if order > MAX_ORDER:
                valid = valid & is_space[:m] & is_space[order - 1:order - 1 + m]
            result.append(bucket_of(h[valid]))
    return np.concatenate(result) if result else np.zeros(0, dtype=np.uint32)


SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")


def dev_rows(corpus):
    rows = []
    with open(os.path.join(corpus, "langid-dev.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            label, text = line.rstrip("\n").split("\t", 1)
            rows.append((label, text))
    return rows


def leak_keys(rows):
    keys = set()
    for _, text in rows:
        keys.add(text.strip())
        for s in SENTENCE_SPLIT.split(text):
            if len(s) >= 40:
                keys.add(s.strip())
    return keys


def training_lines(corpus, lang, keys):
    """The training paragraphs of a class as (weight, variants) items: a paragraph with its
    Russian-keyboard copy, if any, counted `weight` times. Dev-set overlaps are dropped."""
    kept, dropped = [], 0
    for name in SOURCES[lang]:
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        news_from = len(lines) - NEWS_TAIL.get(name, 0)
        for number, line in enumerate(lines):
            if not line:
                continue
            parts = [line.strip()] + [s.strip() for s in SENTENCE_SPLIT.split(line) if len(s) >= 40]
            if any(p in keys for p in parts):
                dropped += 1
                continue
            variants = [line]
            if name in RUSSIAN_KEYBOARD_COPIES.get(lang, []):
                variants.append(line.translate(RUSSIAN_KEYBOARD))
            kept.append((NEWS_WEIGHT if number >= news_from else 1, variants))
    return kept, dropped


def count_class(items, lang):
    """Bucket counts of a class: one array, or for a class with Russian-keyboard copies a pair (the
    paragraphs as written, their copies), which `build_costs` combines."""
    if lang not in RUSSIAN_KEYBOARD_COPIES:
        return count_features(items)
    return (count_features([(w, v[:1]) for w, v in items]), count_features([(w, v[1:]) for w, v in items]))


def count_features(items):
    """Bucket counts over (weight, variants) items, each variant counted `weight` times."""
    counts = np.zeros(1 << LOG2_BUCKETS, dtype=np.float64)
    for weight in sorted({w for w, _ in items}):
        chunk, size = [], 0
        lines = [v for w, variants in items if w == weight for v in variants]
        for line in lines + [None]:
            if line is not None:
                chunk.append(line)
                size += len(line)
            if size > 1_000_000 or (line is None and chunk):
                b = feature_buckets(padded_codes("\n".join(chunk)))
                counts += weight * np.bincount(b, minlength=1 << LOG2_BUCKETS)
                chunk, size = [], 0
    return counts


def class_nll(counts, share):
    """-ln p(bucket | class) with additive smoothing relative to the class's size: every bucket gets
    `share` × (n-grams of the class) / (bucket count) pseudo-counts, so an n-gram never seen in training
    costs the same, ln(buckets × (1 + share) / share), in every class. (A fixed pseudo-count made unseen
    n-grams cheapest in the smallest classes, so a rare name in a short Russian row read as Belarusian.)"""
    total = counts.sum()
    pseudo = share * total / len(counts)
    return -np.log((counts + pseudo) / (total + pseudo * len(counts)))


def build_costs(counts, share):
    """Cost byte per (bucket, language): -ln p(bucket | language) (see `class_nll`), shifted by one
    offset shared by all languages (so the argmin is unchanged) and quantised to 255 steps.

    A class with Russian-keyboard copies (a pair of counts) takes per bucket the better of its two
    spellings, as written and as typed without Kazakh letters, so text typed either way is measured against
    one consistent spelling instead of a 50/50 blend (which cost keyboard-typed Kazakh up to ln 2 per
    n-gram against Kyrgyz); that maximum sums to more than 1, and half of its log-normaliser is added back
    (`KEYBOARD_NORMALISER`): the whole normaliser let short Kazakh typed without its letters fall to
    Kyrgyz, none of it let Kyrgyz and Mongolian fragments read as Kazakh (measured on held-out fragments)."""
    nll = np.zeros((1 << LOG2_BUCKETS, len(LANGS)))
    for j, lang in enumerate(LANGS):
        c = counts[lang]
        if isinstance(c, tuple):
            best = np.minimum(class_nll(c[0], share), class_nll(c[1], share))
            nll[:, j] = best + KEYBOARD_NORMALISER * np.log(np.exp(-best).sum())
        else:
            nll[:, j] = class_nll(c, share)
    low, high = nll.min(), nll.max()
    scale = 254.0 / (high - low)
    costs = np.full((1 << LOG2_BUCKETS, SLOTS), 255, dtype=np.uint8)
    costs[:, :len(LANGS)] = np.round((nll - low) * scale).astype(np.uint8)
    return costs, scale


# Pseudo-counts per bucket, as a share of the class's n-grams spread over the buckets (see `class_nll`).
SMOOTHING_SHARE = 0.005
KEYBOARD_NORMALISER = 0.5
MAGIC = b"NZLANGID"
FORMAT_VERSION = 2


def write_model(path, costs, scale):
    """Binary layout (little-endian), read by `LanguageModel(bytes:)`:
    8 bytes magic "NZLANGID"; u32 format version; u32 language count; u32 log2(bucket count);
    u32 max n-gram order; f32 cost units per nat; u32 max whole-word length (padded); then 8 bytes per language (ASCII code,
    zero-padded); then bucket count x 16 cost bytes."""
    header = MAGIC + struct.pack("<IIIIfI", FORMAT_VERSION, len(LANGS), LOG2_BUCKETS, MAX_ORDER, scale, MAX_WORD_ORDER)
    names = b"".join(l.encode("ascii").ljust(8, b"\0") for l in LANGS)
    with open(path, "wb") as f:
        f.write(header + names + costs.tobytes())


def length_bucket(text):
    return "≤ 60 chars" if len(text) <= 60 else "> 60 chars"


HELD_OUT_EVERY = 10
HELD_OUT_MAX = 200


def short_fragment(line):
    """The first words of a paragraph, as many as fit in 60 characters (None if under 15)."""
    out = ""
    for word in line.split():
        if len(out) + len(word) + (1 if out else 0) > 60:
            break
        out = out + " " + word if out else word
    return out if len(out) >= 15 else None


def window_fragment(line, rng):
    """3-8 consecutive words from anywhere in a paragraph, at most 60 characters (None if under 15):
    fragments that start mid-sentence, like the short rows of langid-dev.tsv."""
    words = line.split()
    n = rng.randint(3, 8)
    start = rng.randint(0, max(0, len(words) - n))
    out = " ".join(words[start:start + n])
    while len(out) > 60 and " " in out:
        out = out.rsplit(" ", 1)[0]
    return out if 15 <= len(out) <= 60 else None


# The held-out splits of the report: which paragraph of every HELD_OUT_EVERY is held out, how many windows
# are cut from each, and the seed of the windows. The first is the split of earlier reports; the second holds
# out other paragraphs and cuts more windows, so the short-row figures rest on twice as many rows.
HELD_OUT_SPLITS = [(HELD_OUT_EVERY - 1, 1, "held-out"), (4, 2, "held-out split 2")]


def held_out_rows(corpus, keys, offset=HELD_OUT_EVERY - 1, windows=1, seed="held-out"):
    """Every HELD_OUT_EVERY-th training paragraph of each class (from `offset`; at most HELD_OUT_MAX, spread
    over the files, every upweighted news paragraph among them), each with its first words and `windows`
    windows of 3-8 words as short rows, and counts for a model trained on the rest. Seeded, hence
    reproducible."""
    counts, rows = {}, []
    for lang in LANGS:
        items, _ = training_lines(corpus, lang, keys)
        train = [it for i, it in enumerate(items) if i % HELD_OUT_EVERY != offset]
        test = [it for i, it in enumerate(items) if i % HELD_OUT_EVERY == offset]
        counts[lang] = count_class(train, lang)
        news = [it for it in test if it[0] > 1]
        rest = [it for it in test if it[0] == 1]
        step = max(1, len(rest) // max(1, HELD_OUT_MAX - len(news)))
        label = lang.split("-")[0]
        rng = random.Random(f"{seed} {lang}")
        for _, variants in rest[::step][:HELD_OUT_MAX - len(news)] + news:
            for line in variants:
                rows.append((label, line))
                for frag in [short_fragment(line)] + [window_fragment(line, rng) for _ in range(windows)]:
                    if frag:
                        rows.append((label, frag))
    return counts, rows


def accuracy_table(rows, predictions, order):
    stats = {}
    for (label, text), pred in zip(rows, predictions):
        key = (label, length_bucket(text))
        ok, total = stats.get(key, (0, 0))
        stats[key] = (ok + (pred == label), total + 1)
    lines = ["| language | length | correct | rows | accuracy |", "|---|---|---:|---:|---:|"]
    for label in order:
        for bucket in ("≤ 60 chars", "> 60 chars"):
            if (label, bucket) in stats:
                ok, total = stats[(label, bucket)]
                lines.append(f"| {label} | {bucket} | {ok} | {total} | {100.0 * ok / total:.1f} % |")
    others = [(l, p) for (l, _), p in zip(rows, predictions) if l not in ("kk", "ru", "mixed")]
    leaked = sum(1 for l, p in others if p in ("kk", "ru"))
    lines += ["", f"Other languages' rows labelled kk or ru: {leaked} of {len(others)}"
                  f" ({100.0 * leaked / max(1, len(others)):.2f} %)."]
    return lines


def write_report(path, rows, predictions, held_out=None, robustness=None):
    """Per-language, per-length accuracy of `normtool detect --unit line` on langid-dev.tsv (counts only)."""
    stats, confusions = {}, {}
    for (label, text), pred in zip(rows, predictions):
        key = (label, length_bucket(text))
        ok, total = stats.get(key, (0, 0))
        stats[key] = (ok + (pred == label), total + 1)
        if pred != label:
            confusions[(label, pred)] = confusions.get((label, pred), 0) + 1
    others = [(l, p) for (l, _), p in zip(rows, predictions) if l not in ("kk", "ru", "mixed")]
    leaked = sum(1 for l, p in others if p in ("kk", "ru"))
    lines = [
        "# Language identification: accuracy",
        "",
        "## langid-dev.tsv",
        "",
        "Generated by `python3 scripts/train-langid.py` (do not edit): every row of",
        "`../shared/corpus/langid-dev.tsv` run through `normtool detect --unit line`; counts only (the uk and bg",
        "rows are CC BY-NC and are never copied into the repository).",
        "",
        "| language | length | correct | rows | accuracy |",
        "|---|---|---:|---:|---:|",
    ]
    order = [l for l in LANGS if "-" not in l] + ["mixed"]
    for label in order:
        for bucket in ("≤ 60 chars", "> 60 chars"):
            if (label, bucket) in stats:
                ok, total = stats[(label, bucket)]
                lines.append(f"| {label} | {bucket} | {ok} | {total} | {100.0 * ok / total:.1f} % |")
    lines += [
        "",
        f"Other languages' rows labelled kk or ru: {leaked} of {len(others)}"
        f" ({100.0 * leaked / max(1, len(others)):.2f} %).",
        "",
        "Confusions (true → predicted: rows):",
        "",
    ]
    for (label, pred), n in sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"- {label} → {pred}: {n}")
    if not confusions:
        lines.append("- none")
    if robustness:
        lines += [
            "",
            "## Robustness (langid-dev.tsv rewritten)",
            "",
            "The same rows through `normtool detect --unit line` after a rewrite: all upper-case; between",
            "`1) 2024-03-15, № 17: ` and ` (12,5 %)`; the kk rows typed on a Russian keyboard (ә→а ғ→г қ→к ң→н",
            "ө→о ұ→у ү→у һ→х і→и); the kk rows in the Latin alphabets of 2021 and 2018 (`normtool translit`).",
            "",
            "| rewrite | rows | correct | accuracy | other languages' rows labelled kk or ru |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, rws, preds in robustness:
            ok = sum(p == l for (l, _), p in zip(rws, preds))
            others = [(l, p) for (l, _), p in zip(rws, preds) if l not in ("kk", "ru", "mixed")]
            leaked = sum(1 for l, p in others if p in ("kk", "ru"))
            leak = f"{leaked} of {len(others)}" if others else "—"
            lines.append(f"| {name} | {len(rws)} | {ok} | {100.0 * ok / len(rws):.1f} % | {leak} |")
    for (offset, windows, _), (cv_rows, cv_predictions) in zip(HELD_OUT_SPLITS, held_out or []):
        title = "## Held-out training paragraphs (all classes)" if offset == HELD_OUT_SPLITS[0][0] else \
            f"## Held-out training paragraphs, second split (paragraph {offset + 1} of every {HELD_OUT_EVERY})"
        lines += [
            "",
            title,
            "",
            f"Every {HELD_OUT_EVERY}th paragraph of each training file held out (number {offset + 1} of every {HELD_OUT_EVERY}; at most",
            f"{HELD_OUT_MAX} per class, spread over the files; for ru all held-out NTREX news paragraphs among them), a",
            "model trained on the rest, and `normtool detect --rules` run with it on each held-out paragraph, on its",
            f"first words up to 60 characters and on {windows} window{'s' if windows > 1 else ''} of 3-8 words from anywhere in it (seeded).",
            "This covers ba, mn, uz, tg, sr and mk, which langid-dev.tsv lacks; kk includes the Russian-keyboard",
            "copies and the Latin-script class.",
            "",
        ] + accuracy_table(cv_rows, cv_predictions, [l for l in LANGS if "-" not in l])
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def run_normtool(normtool, rows, rules=None):
    text = "".join(t + "\n" for _, t in rows)
    extra = ["--rules", rules] if rules else []
    out = subprocess.run([normtool, "detect", "--unit", "line", "--format", "tsv"] + extra, input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout.decode("utf-8")
    preds = [line.split("\t")[0] for line in out.split("\n")[:-1]]
    if len(preds) != len(rows):
        sys.exit(f"normtool printed {len(preds)} lines for {len(rows)} rows")
    return preds


def robustness_rows(normtool, rows):
    """langid-dev.tsv rewritten as the tool's input often is (see write_report), with normtool's labels."""
    kk = [(l, t) for l, t in rows if l == "kk"]
    def latin(scheme):
        text = "".join(t + "\n" for _, t in kk)
        out = subprocess.run([normtool, "translit", "--scheme", scheme], input=text.encode("utf-8"),
                             capture_output=True, check=True).stdout.decode("utf-8").split("\n")[:-1]
        if len(out) != len(kk):
            sys.exit(f"normtool translit printed {len(out)} lines for {len(kk)} rows")
        return [("kk", t) for t in out]
    sets = [
        ("ALL CAPS", [(l, t.upper()) for l, t in rows]),
        ("numbers around the text", [(l, f"1) 2024-03-15, № 17: {t} (12,5 %)") for l, t in rows]),
        ("kk typed without Kazakh letters", [(l, t.translate(RUSSIAN_KEYBOARD)) for l, t in kk]),
        ("kk in Latin script (2021)", latin("kk-2021")),
        ("kk in Latin script (2018)", latin("kk-2018")),
    ]
    return [(name, rws, run_normtool(normtool, rws)) for name, rws in sets]


FEATURE_CHECK_TEXTS = [
    "Қазақстан Республикасы",
    "ҚАЗАҚСТАН — ЖЕР ҮЙІ: 2024 ж.",
    "Привет, мир! Ёлка и её игрушки.",
    "Don't o'clock a'la Ólkeniń bas qalasy",
    "Kiyev’de 3-4 İstanbul ÇĞÖŞÜ ılık",
    "Ўзбекистон ва Тоҷикистон, Україна, Београд ђ ћ џ ѓ ќ ѕ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя жылдардағы",
    "1234 -- ... 'x'' ’’ a’’b",
    "ұзын " + "абвгдежзиклмн" * 9 + " сөз " + "q" * 63 + " " + "ж" * 64 + " " + "w" * 65,
]


def write_feature_check(path):
    """Buckets of a few fixed strings, so the Swift test can prove it extracts the same features."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("# generated by scripts/train-langid.py: text<TAB>n-gram buckets, sorted (do not edit)\n")
        for text in FEATURE_CHECK_TEXTS:
            buckets = feature_buckets(padded_codes(text))
            f.write(text + "\t" + " ".join(str(int(b)) for b in sorted(buckets)) + "\n")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = os.environ.get("NORMALIZE_SHARED") or os.path.join(root, "..", "shared")
    ap.add_argument("--corpus", default=os.path.join(shared, "corpus"),
                    help="the corpus folder (default: $NORMALIZE_SHARED/corpus, else ../shared/corpus)")
    ap.add_argument("--out", default=os.path.join(root, "Rules", "langid"))
    ap.add_argument("--report-only", action="store_true", help="only regenerate accuracy.md with the built normtool")
    ap.add_argument("--no-report", action="store_true", help="only write the model")
    args = ap.parse_args()
    rows = dev_rows(args.corpus)
    if not args.report_only:
        keys = leak_keys(rows)
        counts, summary = {}, {}
        for lang in LANGS:
            lines, dropped = training_lines(args.corpus, lang, keys)
            counts[lang] = count_class(lines, lang)
            summary[lang] = {"paragraphs": len(lines), "dropped_as_dev_overlap": dropped,
                             "ngrams": int(sum(np.sum(c) for c in (counts[lang] if isinstance(counts[lang], tuple) else [counts[lang]])))}
        costs, scale = build_costs(counts, SMOOTHING_SHARE)
        write_feature_check(os.path.join(root, "Tests", "NormalizeTests", "Cases", "langid-features.tsv"))
        write_model(os.path.join(args.out, "model.bin"), costs, scale)
        with open(os.path.join(args.out, "training.json"), "w", encoding="utf-8") as f:
            json.dump({"max_order": MAX_ORDER, "max_word_order": MAX_WORD_ORDER, "log2_buckets": LOG2_BUCKETS,
                       "smoothing_share": SMOOTHING_SHARE, "keyboard_normaliser": KEYBOARD_NORMALISER,
                       "news_weight": NEWS_WEIGHT, "news_tail_paragraphs": NEWS_TAIL,
                       "languages": summary}, f, indent=1, sort_keys=True)
            f.write("\n")
    if not args.no_report:
        subprocess.run(["swift", "build", "-c", "release", "--product", "normtool"], cwd=root, check=True)
        normtool = os.path.join(root, ".build", "release", "normtool")
        held_out = []
        for offset, windows, seed in HELD_OUT_SPLITS:
            counts, cv_rows = held_out_rows(args.corpus, leak_keys(rows), offset, windows, seed)
            costs, scale = build_costs(counts, SMOOTHING_SHARE)
            with tempfile.TemporaryDirectory() as rules:
                os.mkdir(os.path.join(rules, "langid"))
                write_model(os.path.join(rules, "langid", "model.bin"), costs, scale)
                held_out.append((cv_rows, run_normtool(normtool, cv_rows, rules)))
        write_report(os.path.join(args.out, "accuracy.md"), rows, run_normtool(normtool, rows), held_out,
                     robustness_rows(normtool, rows))


if __name__ == "__main__":
    main()
