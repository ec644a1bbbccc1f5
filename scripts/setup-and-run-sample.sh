#!/usr/bin/env bash
# Installs what Normalize needs, builds normtool (release) and runs it on the bundled sample dump.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s libicu-dev icu-devtools pkg-config valgrind binutils >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libicu-dev icu-devtools pkg-config valgrind binutils >/dev/null
fi
swift build -c release --product normtool
echo "== normtool clean on Samples/kk-ru-pdf-dump.txt: one paragraph or heading per line" >&2
.build/release/normtool clean Samples/kk-ru-pdf-dump.txt -o Samples/kk-ru-pdf-dump.clean.txt
cut -c1-160 Samples/kk-ru-pdf-dump.clean.txt
echo "== written to Samples/kk-ru-pdf-dump.clean.txt; every change: normtool clean --explain Samples/kk-ru-pdf-dump.txt" >&2
