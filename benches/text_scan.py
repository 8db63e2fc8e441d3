#!/usr/bin/env python3
"""Text flow logs (``.log.gz``): flowlog against DuckDB's CSV reader over the same objects.

Issue 12 asks that scanning gzip text be at least as fast as DuckDB's
``read_csv(…, delim=' ', header=true)`` over the same objects. Two steps::

    # text copies (.log.gz: header line, space-separated, '-' for NULL) of Parquet bench files,
    # written by DuckDB from the Parquet objects of `gen-testdata --bench`
    python3 benches/text_scan.py make --source /data/b30 --target /data/t30 --files 336

    # each question answered by both engines, answers compared, medians and the ratio
    python3 benches/text_scan.py run --data /data/t30 --flowlog target/release/flowlog --reps 3

flowlog reads the tree with ``--logs`` (fields matched by each object's header); DuckDB reads
every object with ``read_csv`` given the column types (no sniffing), ``nullstr='-'``. DuckDB
then reads a ``-`` in a string column as NULL where flowlog (like Athena over a text table)
keeps the string ``-``: the DuckDB queries write ``coalesce(x, '-')`` where that matters, so
both answers are the same CSV. Timing as in ``run.py``: flowlog's whole process from outside,
DuckDB's connection, query and CSV inside this process (its import not counted).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from flowlog_bench.answers import answer_of_csv  # noqa: E402

#: The bench bucket's fields (all 29 of versions 2-5), in file order, with the types AWS's
#: Parquet files give them.
FIELDS = [
    ("version", "INTEGER"),
    ("account-id", "VARCHAR"),
    ("interface-id", "VARCHAR"),
    ("srcaddr", "VARCHAR"),
    ("dstaddr", "VARCHAR"),
    ("srcport", "INTEGER"),
    ("dstport", "INTEGER"),
    ("protocol", "INTEGER"),
    ("packets", "BIGINT"),
    ("bytes", "BIGINT"),
    ("start", "BIGINT"),
    ("end", "BIGINT"),
    ("action", "VARCHAR"),
    ("log-status", "VARCHAR"),
    ("vpc-id", "VARCHAR"),
    ("subnet-id", "VARCHAR"),
    ("instance-id", "VARCHAR"),
    ("tcp-flags", "INTEGER"),
    ("type", "VARCHAR"),
    ("pkt-srcaddr", "VARCHAR"),
    ("pkt-dstaddr", "VARCHAR"),
    ("region", "VARCHAR"),
    ("az-id", "VARCHAR"),
    ("sublocation-type", "VARCHAR"),
    ("sublocation-id", "VARCHAR"),
    ("pkt-src-aws-service", "VARCHAR"),
    ("pkt-dst-aws-service", "VARCHAR"),
    ("flow-direction", "VARCHAR"),
    ("traffic-path", "INTEGER"),
]

#: (name, flowlog SQL over `vpc_flow_logs`, DuckDB SQL over `{files}`)
QUESTIONS = [
    (
        "count_all",
        "SELECT count(*) AS n FROM vpc_flow_logs",
        "SELECT count(*) AS n FROM {files}",
    ),
    (
        "bytes_by_action",
        "SELECT action, sum(bytes) AS b, count(*) AS n FROM vpc_flow_logs GROUP BY action ORDER BY action",
        "SELECT coalesce(action, '-') AS action, sum(bytes) AS b, count(*) AS n FROM {files} "
        "GROUP BY 1 ORDER BY 1",
    ),
    (
        "top_talkers",
        "SELECT srcaddr, dstaddr, sum(bytes) AS b FROM vpc_flow_logs GROUP BY srcaddr, dstaddr "
        "ORDER BY b DESC, srcaddr, dstaddr LIMIT 10",
        "SELECT coalesce(srcaddr, '-') AS srcaddr, coalesce(dstaddr, '-') AS dstaddr, "
        "sum(bytes) AS b FROM {files} GROUP BY 1, 2 ORDER BY b DESC NULLS LAST, 1, 2 LIMIT 10",
    ),
    (
        "rejected_admin_ports",
        "SELECT dstport, count(*) AS n FROM vpc_flow_logs WHERE action = 'REJECT' "
        "AND dstport IN (22, 3389) GROUP BY dstport ORDER BY dstport",
        "SELECT dstport, count(*) AS n FROM {files} WHERE action = 'REJECT' "
        "AND dstport IN (22, 3389) GROUP BY 1 ORDER BY 1",
    ),
]


def make(source: pathlib.Path, target: pathlib.Path, files: int) -> None:
    import duckdb

    objects = sorted(source.rglob("*.log.parquet"))[:files]
    if not objects:
        sys.exit(f"no .log.parquet objects under {source}")
    # Every value as text, NULL as `-` (AWS's text), so the writer never quotes a `-`.
    select = ", ".join(
        f"coalesce(CAST(\"{name.replace('-', '_')}\" AS VARCHAR), '-') AS \"{name}\""
        for name, _ in FIELDS
    )
    con = duckdb.connect()
    started = time.perf_counter()
    for i, path in enumerate(objects, 1):
        out = target / path.relative_to(source).with_name(
            path.name.removesuffix(".log.parquet") + ".log.gz"
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"COPY (SELECT {select} FROM read_parquet('{path}')) TO '{out}' "
            "(FORMAT csv, HEADER true, DELIMITER ' ', COMPRESSION gzip)"
        )
        if i % 50 == 0:
            print(f"{i}/{len(objects)} objects", file=sys.stderr)
    rows = con.execute(
        f"SELECT count(*) FROM read_parquet({[str(p) for p in objects]})"
    ).fetchone()[0]
    print(
        f"wrote {len(objects)} text objects ({rows} records) under {target} "
        f"in {time.perf_counter() - started:.0f} s"
    )


def duckdb_files(data: pathlib.Path) -> str:
    columns = "{" + ", ".join(f"'{n}': '{t}'" for n, t in FIELDS) + "}"
    glob = str(data / "**" / "*.log.gz")
    return (
        f"read_csv('{glob}', delim = ' ', header = true, nullstr = '-', "
        f"columns = {columns}, auto_detect = false, compression = 'gzip')"
    )


def time_flowlog(binary: str, data: pathlib.Path, sql: str, out: pathlib.Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [binary, "query", "--logs", str(data), "--format", "csv", "--output", str(out), sql],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"flowlog failed: {done.stderr.strip()}")
    return seconds


def time_duckdb(data: pathlib.Path, sql: str, out: pathlib.Path) -> float:
    import duckdb

    query = sql.format(files=duckdb_files(data))
    started = time.perf_counter()
    with duckdb.connect() as con:
        con.execute(f"COPY ({query}) TO '{out}' (FORMAT csv, HEADER true)")
    return time.perf_counter() - started


def run(data: pathlib.Path, binary: str, reps: int, only: list[str]) -> int:
    import duckdb

    print(f"data: {data}; flowlog: {binary}; duckdb {duckdb.__version__}; reps {reps}")
    print(f"load average at start: {os.getloadavg()}")
    print(f"{'question':<22} {'flowlog s':>10} {'duckdb s':>10} {'flowlog/duckdb':>15}")
    disagree = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, flowlog_sql, duckdb_sql in QUESTIONS:
            if only and name not in only:
                continue
            f_out = pathlib.Path(tmp, f"{name}.flowlog.csv")
            d_out = pathlib.Path(tmp, f"{name}.duckdb.csv")
            f_times, d_times = [], []
            for _ in range(reps):
                # Alternate the engines so that neither always reads a warm page cache.
                f_times.append(time_flowlog(binary, data, flowlog_sql, f_out))
                d_times.append(time_duckdb(data, duckdb_sql, d_out))
            if answer_of_csv(f_out) != answer_of_csv(d_out):
                disagree += 1
                print(f"DISAGREE {name}: {f_out.read_text()[:300]!r} vs {d_out.read_text()[:300]!r}")
            f, d = statistics.median(f_times), statistics.median(d_times)
            print(f"{name:<22} {f:>10.2f} {d:>10.2f} {f / d:>15.2f}")
    print(f"load average at end: {os.getloadavg()}")
    return 1 if disagree else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make", help="write text copies of Parquet bench objects")
    m.add_argument("--source", type=pathlib.Path, required=True)
    m.add_argument("--target", type=pathlib.Path, required=True)
    m.add_argument("--files", type=int, default=1008)
    r = sub.add_parser("run", help="time flowlog and DuckDB on the text copies")
    r.add_argument("--data", type=pathlib.Path, required=True)
    r.add_argument("--flowlog", default="target/release/flowlog")
    r.add_argument("--reps", type=int, default=3)
    r.add_argument("--questions", default="", help="comma-separated subset")
    args = parser.parse_args()
    if args.command == "make":
        make(args.source, args.target, args.files)
        return 0
    only = [q for q in args.questions.split(",") if q]
    return run(args.data, args.flowlog, args.reps, only)


if __name__ == "__main__":
    sys.exit(main())
