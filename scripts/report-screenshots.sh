#!/usr/bin/env bash
# Regenerate docs/report.png and docs/report-ja.png (the README's pictures of
# `flowlog report`) from the bundled sample with headless Chromium. Needs a debug build
# (cargo build -p flowlog-cli), Debian's chromium and, for the Japanese page, a CJK font
# (apt-get install chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
flowlog="${CARGO_TARGET_DIR:-target}/debug/flowlog"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for lang in en ja; do
    "$flowlog" report --logs testdata/s3/flowlog-sample-daily --time-zone Asia/Tokyo \
        --lang "$lang" -o "$tmp/report-$lang.html"
    suffix=$([ "$lang" = en ] && echo "" || echo "-ja")
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=900,1400 --screenshot="docs/report$suffix.png" \
        "file://$tmp/report-$lang.html" 2>/dev/null
done
ls -l docs/report.png docs/report-ja.png
