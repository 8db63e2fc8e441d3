"""Runs one engine on one workload in a process of its own, so that its peak memory can be read.

    python3 -m flowlog_bench.worker ENGINE WORKLOAD BUCKET OUT

Prints the seconds the engine's ``run`` took (the library import is not counted) as JSON on
stdout. The parent polls the process's peak resident set from ``/proc``.
"""

from __future__ import annotations

import json
import pathlib
import sys

from . import engines, workloads


def main(argv: list[str]) -> int:
    engine_name, workload_name, bucket, out = argv
    engine = next(e for e in engines.all_engines(pathlib.Path("-")) if e.name == engine_name)
    workload = next(w for w in workloads.WORKLOADS if w.name == workload_name)
    engine.version()  # imports the library before the clock starts
    seconds = engine.run(workload, pathlib.Path(bucket), pathlib.Path(out))
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
