#!/usr/bin/env python3
"""Compare normtool's language identification with py3langid and lingua on the same rows, in one run.

    python3 scripts/compare-langid.py [--rows FILE] [--normtool PATH] [--venv DIR]

Creates a virtualenv (default .build/langid-compare-venv) with py3langid and lingua-language-detector
from PyPI on first use, then runs all three on the rows of ../shared/corpus/langid-dev.tsv (or --rows,
same `label<TAB>text` format) and prints accuracy per label and throughput side by side, as Markdown.
Only counts are printed, never text (the uk and bg rows of langid-dev.tsv are CC BY-NC).

Each tool gets the whole list of rows at once; its time covers classification only (model loading and,
for normtool, process start-up are included for normtool and excluded for the Python tools, which are
loaded before the clock starts).
"""
import argparse
import os
import subprocess
import sys
import time
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ["py3langid==0.3.0", "lingua-language-detector==2.1.1"]
REPEAT = 50
LABELS = ["kk", "ru", "uk", "be", "bg", "ky", "tt", "ba", "mn", "uz", "tg", "sr", "mk", "en", "tr", "mixed"]


def ensure_venv(path):
    python = os.path.join(path, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(path):
        return
    if not os.path.exists(python):
        venv.create(path, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet"] + PACKAGES, check=True)
    os.execv(python, [python] + sys.argv)


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if n == 1 and line.startswith("label\t"):
                continue
            label, text = line.rstrip("\n").split("\t", 1)
            rows.append((label, text.replace("\r", " ")))
    return rows


def run_normtool(normtool, texts):
    data = "".join(t + "\n" for t in texts).encode("utf-8")
    start = time.perf_counter()
    out = subprocess.run([normtool, "detect", "--unit", "line"], input=data, capture_output=True, check=True).stdout
    elapsed = time.perf_counter() - start
    return [line.split("\t")[0] for line in out.decode("utf-8").split("\n")[:-1]], elapsed


def run_py3langid(texts):
    from py3langid.langid import LanguageIdentifier, MODEL_FILE
    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    start = time.perf_counter()
    preds = [identifier.classify(t)[0] for t in texts]
    return preds, time.perf_counter() - start


def run_lingua(texts):
    from lingua import LanguageDetectorBuilder
    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
    start = time.perf_counter()
    results = [detector.detect_language_of(t) for t in texts]
    elapsed = time.perf_counter() - start
    return [r.iso_code_639_1.name.lower() if r is not None else "und" for r in results], elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = os.environ.get("NORMALIZE_SHARED") or os.path.join(ROOT, "..", "shared")
    ap.add_argument("--rows", default=os.path.join(shared, "corpus", "langid-dev.tsv"),
                    help="label<TAB>text rows (default: $NORMALIZE_SHARED/corpus/langid-dev.tsv, else ../shared/...)")
    ap.add_argument("--normtool", default=os.path.join(ROOT, ".build", "release", "normtool"))
    ap.add_argument("--venv", default=os.path.join(ROOT, ".build", "langid-compare-venv"))
    args = ap.parse_args()
    ensure_venv(os.path.abspath(args.venv))
    if not os.path.exists(args.normtool):
        subprocess.run(["swift", "build", "-c", "release", "--product", "normtool"], cwd=ROOT, check=True)
    rows = read_rows(args.rows)
    texts = [t for _, t in rows]
    tools = [("normtool", *run_normtool(args.normtool, texts)), ("py3langid", *run_py3langid(texts)),
             ("lingua", *run_lingua(texts))]
    labels = [l for l in LABELS if any(r[0] == l for r in rows)]
    print(f"Rows: {len(rows)} from {os.path.basename(args.rows)}; one run, same rows for every tool.\n")
    print("| label | rows | " + " | ".join(name for name, _, _ in tools) + " |")
    print("|---|---:|" + "---:|" * len(tools))
    for label in labels:
        idx = [i for i, (l, _) in enumerate(rows) if l == label]
        cells = []
        for name, preds, _ in tools:
            ok = sum(1 for i in idx if preds[i] == label)
            cells.append(f"{100.0 * ok / len(idx):.1f} %")
        print(f"| {label} | {len(idx)} | " + " | ".join(cells) + " |")
    others = [i for i, (l, _) in enumerate(rows) if l not in ("kk", "ru", "mixed")]
    cells = []
    for name, preds, _ in tools:
        leaked = sum(1 for i in others if preds[i] in ("kk", "ru"))
        cells.append(f"{100.0 * leaked / max(1, len(others)):.1f} %")
    print(f"| other languages labelled kk or ru (lower is better) | {len(others)} | " + " | ".join(cells) + " |")
    print("| rows per second | | " + " | ".join(f"{len(rows) / t:,.0f}" for _, _, t in tools) + " |")
    _, repeated = run_normtool(args.normtool, texts * REPEAT)
    print(f"\nnormtool on the same rows repeated {REPEAT}× (start-up amortised): {REPEAT * len(rows) / repeated:,.0f} rows/s.")
    print("\nnormtool's time includes process start-up and model loading; py3langid and lingua are loaded"
          " before timing. Neither py3langid nor lingua can answer `mixed`, and they lack some of the"
          " languages (py3langid: tt, ba, uz, tg; lingua: ky, tt, ba, uz, tg).")


if __name__ == "__main__":
    main()
