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

import dataclasses
import importlib
import json
import os
import pathlib
import subprocess
import sys
import threading
import time

from .workloads import Workload, expand_braces


@dataclasses.dataclass(frozen=True)
class Measurement:
    """One run of one engine: the seconds it took and its process's peak resident set."""

    seconds: float
    peak_rss_bytes: int


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

    def __init__(self, binary: pathlib.Path, extra_args: list[str] | None = None):
        self.binary = binary
        self.extra_args = list(extra_args or [])

    def version(self) -> str | None:
        if not self.binary.is_file():
            return None
        done = subprocess.run(
            [str(self.binary), "--version"], capture_output=True, text=True, check=False
        )
        return done.stdout.strip() or None

    def command(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> list[str]:
        """The command line that answers ``workload`` into ``out``."""
        return [
            str(self.binary),
            "query",
            *workload.flowlog_args(bucket),
            *self.extra_args,
            "--format",
            "csv",
            "--output",
            str(out),
            workload.flowlog_sql,
        ]

    def run(self, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> float:
        command = self.command(workload, bucket, out)
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


def _run_measured(command: list[str], what: str) -> tuple[str, float, int]:
    """Runs ``command`` as a child: its stdout, wall seconds and peak RSS in bytes (as last seen
    in ``/proc``, polled every 5 ms; a peak in the child's last 5 ms can be missed)."""
    started = time.perf_counter()
    benches = str(pathlib.Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in [benches, os.environ.get("PYTHONPATH", "")] if p))
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # Read both pipes to the end while waiting, so the child never blocks on a full pipe.
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []

    def drain(pipe, into):
        for chunk in iter(lambda: pipe.read(65536), b""):
            into.append(chunk)

    readers = [
        threading.Thread(target=drain, args=(child.stdout, out_chunks)),
        threading.Thread(target=drain, args=(child.stderr, err_chunks)),
    ]
    for r in readers:
        r.start()
    # The child's own high-water mark, polled from /proc while it runs: wait4's ru_maxrss would
    # include this (large) runner process's peak, which Linux carries over fork and exec.
    peak_kib = 0
    while True:
        pid, status, _ = os.wait4(child.pid, os.WNOHANG)
        if pid != 0:
            break
        peak_kib = max(peak_kib, _vm_hwm_kib(child.pid))
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    for r in readers:
        r.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = b"".join(out_chunks), b"".join(err_chunks)
    if child.returncode != 0:
        raise RuntimeError(f"{what} failed: {stderr.decode(errors='replace').strip()[-2000:]}")
    return stdout.decode(), seconds, peak_kib * 1024


def _vm_hwm_kib(pid: int) -> int:
    """``VmHWM`` (peak resident set, KiB) of a running process; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(engine: Engine, workload: Workload, bucket: pathlib.Path, out: pathlib.Path) -> Measurement:
    """Runs ``engine`` on ``workload`` in a child process: its time and peak memory.

    flowlog is its own process (whole process timed). A peer runs in ``flowlog_bench.worker``,
    which times the query and CSV write only; its peak RSS includes the interpreter and the
    library, as a user's Python process would.
    """
    if isinstance(engine, Flowlog):
        _, seconds, rss = _run_measured(engine.command(workload, bucket, out), "flowlog")
        return Measurement(seconds, rss)
    command = [
        sys.executable, "-m", "flowlog_bench.worker", engine.name, workload.name, str(bucket), str(out)
    ]
    stdout, _, rss = _run_measured(command, engine.name)
    return Measurement(json.loads(stdout.strip().splitlines()[-1])["seconds"], rss)


def all_engines(binary: pathlib.Path) -> list[Engine]:
    """flowlog first (the reference), then the peers."""
    return [Flowlog(binary), DuckDB(), Polars(), ClickHouse()]
