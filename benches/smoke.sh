#!/usr/bin/env bash
# The benchmark harness end to end on a tiny data set: generate 21 files (3 accounts x 7 days,
# 200 records each), run every workload once with flowlog's debug build and whichever peers are
# installed, and fail if an engine fails or the answers disagree. Checks that the harness runs,
# not speed (debug build, tiny data). Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build -q -p flowlog-cli -p flowlog-testdata
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$target/debug/gen-testdata" --bench "$data" --files 21 --rows-per-file 200 --accounts 3
python3 benches/run.py --flowlog "$target/debug/flowlog" --data "$data" --reps 1
