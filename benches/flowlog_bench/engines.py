"""The engines: flowlog's release binary and the peers a flow-log analyst would pick instead.

Every engine answers a workload by writing its result, with a header row, to a CSV file, and
reports the seconds that took:

- flowlog: the whole ``flowlog query … --format csv --output FILE`` process (start-up, DDL parsing,
  listing, query, CSV), timed from outside;
- DuckDB, Polars, ClickHouse (chDB, the in-process build of clickhouse-local): the library is
  imported once, outside the timing; each repetition opens a fresh connection (DuckDB) or plan
  (Polars), runs the query and writes the CSV, timed inside the runner's process. Their interpreter
  and import start-up is therefore *not* counted, while flowlog's process start-up is: a handicap
  for flowlog, never for a peer.
"""

from __future__ import annotations

import importlib
import pathlib
import subprocess
import time

from .workloads import Workload, expand_braces


class Engine:
    """An engine that can answer workloads."""

    name = "?"

    def version(self) -> str | None:
        """Its version, or ``None`` when it is not installed."""
        raise NotImplementedError

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        """Answers ``workload`` over ``bucket`` into ``out``; the seconds it took."""
        raise NotImplementedError


def _globs(workload: Workload, bucket: pathlib.Path) -> list[str]:
    return [str(bucket / p) for pattern in workload.scope for p in expand_braces(pattern)]


def _sql_list(items: list[str]) -> str:
    return "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


class Flowlog(Engine):
    """``target/release/flowlog``."""

    name = "flowlog"

    def __init__(self, binary: pathlib.Path):
        self.binary = binary

    def version(self) -> str | None:
        if not self.binary.is_file():
            return None
        done = subprocess.run(
            [str(self.binary), "--version"], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() or None

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        command = [
            str(self.binary),
            "query",
            *workload.flowlog_args(bucket),
            "--format",
            "csv",
            "--output",
            str(out),
            workload.flowlog_sql,
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"flowlog failed on {workload.name}: {done.stderr.strip()}")
        return seconds


class _Library(Engine):
    module = "?"

    def version(self) -> str | None:
        try:
            lib = importlib.import_module(self.module)
        except ImportError:
            return None
        return getattr(lib, "__version__", "unknown")


class DuckDB(_Library):
    """DuckDB, ``read_parquet([globs])`` (Python package ``duckdb``)."""

    name = "duckdb"
    module = "duckdb"

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        import duckdb

        files = f"read_parquet({_sql_list(_globs(workload, bucket))}, hive_partitioning = false)"
        sql = workload.duckdb.format(files=files)
        target = str(out).replace("'", "''")
        started = time.perf_counter()
        with duckdb.connect() as con:
            con.execute(f"copy ({sql}) to '{target}' (format csv, header true)")
        return time.perf_counter() - started


class Polars(_Library):
    """Polars, ``scan_parquet([globs])`` lazily, collected with the streaming engine."""

    name = "polars"
    module = "polars"

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        started = time.perf_counter()
        frame = workload.polars(_globs(workload, bucket)).collect(engine="streaming")
        frame.write_csv(out)
        return time.perf_counter() - started


class ClickHouse(_Library):
    """ClickHouse through chDB (PyPI ``chdb``), ``file('glob', Parquet)``."""

    name = "clickhouse"
    module = "chdb"

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        import chdb

        globs = [str(bucket / p) for p in workload.scope]  # ClickHouse expands {a,b} itself
        if len(globs) != 1:
            raise RuntimeError(f"{workload.name}: give ClickHouse a single glob")
        files = "file('" + globs[0].replace("'", "\\'") + "', Parquet)"
        sql = workload.clickhouse.format(files=files)
        started = time.perf_counter()
        result = chdb.query(sql, "CSVWithNames")
        out.write_bytes(result.bytes())
        return time.perf_counter() - started


def all_engines(binary: pathlib.Path) -> list[Engine]:
    """flowlog first (the reference), then the peers."""
    return [Flowlog(binary), DuckDB(), Polars(), ClickHouse()]
