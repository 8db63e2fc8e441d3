#!/usr/bin/env python3
"""Independent expected answers for flowlog's built-in questions over the bundled sample.

Reads testdata/records.csv (every generated record; an empty field is NULL) and computes, with
the Python standard library only and without any flowlog code, what Amazon Athena returns for
each built-in question (flowlog-core/src/questions/catalog.rs; `flowlog query --list-named`)
over the table `--logs testdata/s3/flowlog-sample-daily` registers (every record of the
flowlog-sample-daily bucket; partition `date` = the yyyy/MM/dd of the object's key), with
hours counted in Asia/Tokyo (+09:00, no daylight saving) and top-N lists of 20 rows:

  questions/<name>.csv             no period (every record of the bucket)
  questions/<name>@2026-11-20.csv  --since 2026/11/20 --until 2026/11/20: the records whose
                                   key lies under the 2026/11/20 prefix

Semantics used (Trino's): sum() ignores NULLs and is NULL for a group of NULLs only; count(*)
counts rows; count(DISTINCT x) counts distinct non-NULL values; a comparison with NULL is not
true (row dropped); ORDER BY sorts varchar by code point and numbers by value, ascending with
NULLs last, DESC with NULLs last too; regexp_like finds the pattern anywhere (anchored by ^ here).
The result file is Athena's CSV: header row, every value double-quoted (embedded quotes
doubled), NULL as an empty unquoted field, UTF-8, '\\n' line ends.

Usage:
  python3 testdata/expected/questions.py          write the CSV files under questions/
  python3 testdata/expected/questions.py --check  recompute and compare with the committed files
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE.parent / "records.csv"
OUT = HERE / "questions"
BUCKET = "flowlog-sample-daily"
JST = timezone(timedelta(hours=9))
LIMIT = 20
PERIOD_DAY = "2026/11/20"
PRIVATE = re.compile(
    r"^(10\.|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.|127\.|169\.254\."
    r"|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|f[cd]|fe80:)"
)
SERVICES = {22: "SSH", 3389: "RDP", 3306: "MySQL", 5432: "PostgreSQL", 1433: "SQL Server",
            1521: "Oracle", 27017: "MongoDB", 6379: "Redis"}
INTS = ["version", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end"]


def load() -> list[dict]:
    rows = []
    with RECORDS.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["bucket"] != BUCKET:
                continue
            rec = {k: (v if v != "" else None) for k, v in r.items()}
            for k in INTS:
                if rec[k] is not None:
                    rec[k] = int(rec[k])
            # AWSLogs/<acct>/vpcflowlogs/<region>/yyyy/MM/dd/<file>
            rec["date"] = "/".join(r["key"].split("/")[4:7])
            rows.append(rec)
    return rows


def total(values):
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def asc(v):
    """Ascending key with NULLs last."""
    return (v is None, v if v is not None else 0)


def desc(v):
    """Descending key with NULLs last (numbers only)."""
    return (v is None, -(v if v is not None else 0))


def group(rows, key):
    groups = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return groups


def traffic_per_hour(rows):
    ok = [r for r in rows if r["log_status"] == "OK"]
    hour = lambda r: datetime.fromtimestamp(r["start"], JST).strftime("%Y-%m-%d %H:00")
    out = []
    for h, g in group(ok, hour).items():
        out.append([h, total(r["bytes"] for r in g), total(r["packets"] for r in g), len(g)])
    out.sort(key=lambda x: asc(x[0]))
    return ["hour", "bytes", "packets", "flows"], out


def per(rows, columns):
    ok = [r for r in rows if r["log_status"] == "OK"]
    out = []
    for k, g in group(ok, lambda r: tuple(r[c] for c in columns)).items():
        out.append([*k, total(r["bytes"] for r in g), total(r["packets"] for r in g), len(g)])
    n = len(columns)
    out.sort(key=lambda x: (desc(x[n]), *[asc(v) for v in x[:n]]))
    return [*columns, "bytes", "packets", "flows"], out[:LIMIT]


def top_talkers(rows):
    return per(rows, ["srcaddr", "dstaddr"])


def rejected_sources(rows):
    rej = [r for r in rows if r["action"] == "REJECT"]
    out = []
    for (src,), g in group(rej, lambda r: (r["srcaddr"],)).items():
        ports = {r["dstport"] for r in g if r["dstport"] is not None}
        out.append([src, len(g), total(r["packets"] for r in g), len(ports)])
    out.sort(key=lambda x: (desc(x[1]), asc(x[0])))
    return ["srcaddr", "flows", "packets", "ports"], out[:LIMIT]


def rejected_ports(rows):
    rej = [r for r in rows if r["action"] == "REJECT"]
    out = []
    for (port, proto), g in group(rej, lambda r: (r["dstport"], r["protocol"])).items():
        sources = {r["srcaddr"] for r in g if r["srcaddr"] is not None}
        out.append([port, proto, len(g), len(sources)])
    out.sort(key=lambda x: (desc(x[2]), asc(x[0]), asc(x[1])))
    return ["dstport", "protocol", "flows", "sources"], out[:LIMIT]


def admin_exposure(rows):
    hits = [
        r for r in rows
        if r["action"] == "ACCEPT" and r["protocol"] == 6 and r["dstport"] in SERVICES
        and r["srcaddr"] is not None and r["srcaddr"] != "-" and not PRIVATE.search(r["srcaddr"])
    ]
    out = []
    for (service, port, src), g in group(
        hits, lambda r: (SERVICES[r["dstport"]], r["dstport"], r["srcaddr"])
    ).items():
        out.append([service, port, src, len(g), total(r["bytes"] for r in g)])
    out.sort(key=lambda x: (desc(x[3]), asc(x[1]), asc(x[2])))
    return ["service", "dstport", "srcaddr", "flows", "bytes"], out[:LIMIT]


def traffic_per_eni(rows):
    return per(rows, ["interface_id"])


def traffic_per_subnet(rows):
    return per(rows, ["vpc_id", "subnet_id"])


def traffic_per_vpc(rows):
    return per(rows, ["vpc_id"])


def log_status(rows):
    out = [[s, len(g), len(rows)] for (s,), g in group(rows, lambda r: (r["log_status"],)).items()]
    out.sort(key=lambda x: (desc(x[1]), asc(x[0])))
    return ["log_status", "records", "all_records"], out


QUESTIONS = {
    "traffic-per-hour": traffic_per_hour,
    "top-talkers": top_talkers,
    "rejected-sources": rejected_sources,
    "rejected-ports": rejected_ports,
    "admin-exposure": admin_exposure,
    "traffic-per-eni": traffic_per_eni,
    "traffic-per-subnet": traffic_per_subnet,
    "traffic-per-vpc": traffic_per_vpc,
    "log-status": log_status,
}
# The questions also answered for one day (--since/--until).
PERIOD_QUESTIONS = ["traffic-per-hour", "top-talkers"]


def athena_csv(header, rows) -> str:
    buf = io.StringIO()
    def field(v):
        return "" if v is None else '"' + str(v).replace('"', '""') + '"'
    buf.write(",".join(field(h) for h in header) + "\n")
    for r in rows:
        buf.write(",".join(field(v) for v in r) + "\n")
    return buf.getvalue()


def outputs() -> dict[str, str]:
    rows = load()
    day = [r for r in rows if r["date"] == PERIOD_DAY]
    files = {}
    for name, f in QUESTIONS.items():
        files[f"{name}.csv"] = athena_csv(*f(rows))
    for name in PERIOD_QUESTIONS:
        files[f"{name}@2026-11-20.csv"] = athena_csv(*QUESTIONS[name](day))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args()
    files = outputs()
    if args.check:
        bad = []
        for name, text in files.items():
            path = OUT / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                bad.append(name)
        for name in bad:
            print(f"differs from the recomputed answer: {OUT / name}", file=sys.stderr)
        print(f"{len(files) - len(bad)} of {len(files)} expected question answers match")
        return 1 if bad else 0
    OUT.mkdir(exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} files to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
