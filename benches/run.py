#!/usr/bin/env python3
"""flowlog against its peers on flow-log work, side by side in one run.

    python3 benches/run.py [--data DIR] [--flowlog BIN] [--reps N] [--engines a,b]
                           [--workloads a,b] [--flowlog-arg=--memory-limit=2GiB ...]
    python3 benches/run.py --self-test

For every workload: one untimed run per engine whose answers (row count and checksum of the sorted
result) must all equal flowlog's, then ``--reps`` timed runs per engine, interleaved (engine by
engine within each repetition) so that a slow spell of the machine hits every engine alike. Every
run is a child process (peers through ``flowlog_bench.worker``), so each engine's peak resident
set is polled from ``/proc``. Prints a Markdown table of median (min) seconds and the ratios
peer / flowlog (above 1: flowlog is faster), then one of flowlog / the fastest peer against the
0.8 target, with every engine's peak RSS.
Exit status 1 when engines disagree, 2 on a usage or set-up error.

Generate the data first: ``cargo run --release -p flowlog-testdata -- --bench target/bench-data``;
build flowlog: ``cargo build --release -p flowlog-cli``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import platform
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from flowlog_bench import answers, engines, report, workloads  # noqa: E402

ROOT = HERE.parent


def default_binary() -> pathlib.Path:
    target = os.environ.get("CARGO_TARGET_DIR")
    base = pathlib.Path(target) if target else ROOT / "target"
    return base / "release" / "flowlog"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=pathlib.Path, default=ROOT / "target" / "bench-data",
                   help="the directory given to gen-testdata --bench (default target/bench-data)")
    p.add_argument("--flowlog", type=pathlib.Path, default=default_binary(),
                   help="the flowlog binary (default $CARGO_TARGET_DIR or target/, release/flowlog)")
    p.add_argument("--reps", type=int, default=5, help="timed repetitions per engine (default 5)")
    p.add_argument("--engines", default="", help="comma-separated subset of engines")
    p.add_argument("--workloads", default="", help="comma-separated subset of workloads")
    p.add_argument("--flowlog-arg", action="append", default=[], metavar="ARG",
                   help="an extra argument for every flowlog run (repeatable), "
                   "e.g. --flowlog-arg=--memory-limit=2GiB")
    p.add_argument("--self-test", action="store_true",
                   help="test the answer comparison and the workload table, without data or peers")
    return p.parse_args(argv)


def pick(names: str, available: list[str], what: str) -> list[str]:
    if not names:
        return available
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in available]
    if unknown:
        raise SystemExit(f"run.py: unknown {what} {unknown}; choose from {available}")
    return chosen


def load() -> str:
    """The 1, 5 and 15-minute load averages (other work on the machine skews timings)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.self_test:
        from flowlog_bench import self_test

        return self_test.main()
    bucket = args.data / workloads.BUCKET
    if not (bucket / "AWSLogs").is_dir():
        print(f"run.py: no {bucket}/AWSLogs; generate it with "
              f"cargo run --release -p flowlog-testdata -- --bench {args.data}", file=sys.stderr)
        return 2
    if args.reps < 1:
        print("run.py: --reps must be at least 1", file=sys.stderr)
        return 2

    every = engines.all_engines(args.flowlog)
    every[0] = engines.Flowlog(args.flowlog, args.flowlog_arg)
    names = pick(args.engines, [e.name for e in every], "engines")
    if "flowlog" not in names:
        names.insert(0, "flowlog")
    chosen = []
    for e in every:
        if e.name not in names:
            continue
        version = e.version()
        if version is None:
            if e.name == "flowlog":
                print(f"run.py: no flowlog binary at {args.flowlog}; build it with "
                      "cargo build --release -p flowlog-cli", file=sys.stderr)
                return 2
            print(f"# {e.name}: not installed, skipped")
            continue
        print(f"# {e.name}: {version}")
        chosen.append(e)
    wanted = pick(args.workloads, [w.name for w in workloads.WORKLOADS], "workloads")
    size = sum(p.stat().st_size for p in bucket.rglob("*.parquet"))
    files = sum(1 for _ in bucket.rglob("*.parquet"))
    print(f"# data: {bucket} ({files} files, {size / 1e6:.0f} MB); {os.cpu_count()} cores; "
          f"{platform.platform()}; {datetime.datetime.now().isoformat(timespec='minutes')}")
    print(f"# flowlog arguments: {' '.join(args.flowlog_arg) or '(none)'}; load at start: {load()}")

    timings: dict[tuple[str, str], report.Timing] = {}
    peaks: dict[tuple[str, str], int] = {}
    failed = False
    with tempfile.TemporaryDirectory(prefix="flowlog-bench-") as scratch:
        for w in workloads.WORKLOADS:
            if w.name not in wanted:
                continue
            got: dict[str, answers.Answer] = {}
            running = []
            for e in chosen:
                out = pathlib.Path(scratch) / f"{w.name}.{e.name}.csv"
                try:
                    m = engines.measure(e, w, bucket, out)
                    peaks[(w.name, e.name)] = m.peak_rss_bytes
                    got[e.name] = answers.answer_of_csv(out)
                    running.append(e)
                except Exception as err:  # one engine's failure must not hide the others
                    print(f"# {w.name}: {e.name} FAILED: {err}")
                    failed = True
            problems = answers.disagreements(got, "flowlog")
            first = got.get("flowlog")
            print(f"# {w.name}: {first.short() if first else 'no answer from flowlog'}"
                  + ("" if not problems else " — DISAGREE: " + "; ".join(problems)))
            failed |= bool(problems)
            for e in running:
                timings[(w.name, e.name)] = report.Timing([])
            for _ in range(args.reps):
                for e in running:
                    out = pathlib.Path(scratch) / f"{w.name}.{e.name}.csv"
                    m = engines.measure(e, w, bucket, out)
                    timings[(w.name, e.name)].seconds.append(m.seconds)
                    peaks[(w.name, e.name)] = max(peaks[(w.name, e.name)], m.peak_rss_bytes)
            print("#   " + ", ".join(
                f"{e.name} {timings[(w.name, e.name)].median:.3f}s" for e in running), flush=True)
    print()
    print(report.table([w for w in wanted], [e.name for e in chosen], timings))
    print()
    print(report.against_fastest(wanted, [e.name for e in chosen], timings, peaks))
    print(f"\n# load at end: {load()}")
    if failed:
        print("\nrun.py: engines failed or disagree (see the FAILED and DISAGREE lines above)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
