#!/usr/bin/env python3
"""Independent expected answers for the runbook query over flowlog's bundled sample.

Reads testdata/records.csv (every generated record; an empty field is NULL) and computes, with the
Python standard library only and without any flowlog code, what Amazon Athena returns for

  * runbook-multi-account.csv: the runbook's multi-account DDL (table vpc_flow_logs_sample,
    partitions `account` (enum 111111111111,222222222222) and `date` (date, range NOW-1DAYS,NOW,
    format yyyy/MM/dd, NOW = 2026-11-20T00:00:00Z), storage.location.template
    s3://flowlog-sample-daily/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/)
    queried with the runbook's query;
  * runbook-hourly-all.csv: the same query over every object of the flowlog-sample-hourly bucket
    (no partition filter; the query's account_id = '111111111111' still applies).

The query (verbatim from the runbook apart from the table name):

  select
  format_datetime(from_unixtime("start", 9, 0),'yyyy-MM-dd HH:mm:ss') AS starttime_jst,
  format_datetime(from_unixtime("end", 9, 0),'yyyy-MM-dd HH:mm:ss') AS endtime_jst,
  srcaddr, dstaddr, dstport, packets, bytes
  from vpc_flow_logs_sample
  where 1 = 1 AND log_status = 'OK' AND account_id = '111111111111'
  ORDER by starttime_jst

Semantics used: projected partitions are the cross product of the enum values and the dates from
NOW-1DAYS to NOW (UTC) in 1-day steps; a partition reads every object whose key starts with its
location; from_unixtime(x, 9, 0) is the instant x at the fixed offset +09:00 and format_datetime
prints it with the Joda pattern (yyyy year, MM month, dd day, HH hour 0-23, mm minute, ss second);
the comparisons with NULL are not true (row dropped); ORDER BY sorts the varchar by code point.
The result file is Athena's CSV: header row, every value double-quoted (embedded quotes doubled),
NULL as an empty unquoted field, UTF-8, '\\n' line ends.

Usage:
  python3 testdata/expected/runbook.py           write both CSV files next to this script
  python3 testdata/expected/runbook.py --check   recompute and compare with the committed files
                                                 (exit 1 on any difference)
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE.parent / "records.csv"

NOW = datetime(2026, 11, 20, 0, 0, 0, tzinfo=timezone.utc)
ACCOUNTS = ["111111111111", "222222222222"]
TEMPLATE = "s3://flowlog-sample-daily/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/"
HOURLY_BUCKET = "flowlog-sample-hourly"
JST = timezone(timedelta(hours=9))
COLUMNS = ["starttime_jst", "endtime_jst", "srcaddr", "dstaddr", "dstport", "packets", "bytes"]

OUTPUTS = {
    "runbook-multi-account.csv": "multi-account",
    "runbook-hourly-all.csv": "hourly-all",
}


def load_records() -> list[dict[str, str | None]]:
    """All rows of records.csv; empty fields become None (NULL)."""
    with RECORDS.open(newline="", encoding="utf-8") as f:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]


def projected_dates(now: datetime) -> list[str]:
    """`projection.date.range` = NOW-1DAYS,NOW with format yyyy/MM/dd and a 1-day interval."""
    day = (now - timedelta(days=1)).date()
    last = now.date()
    out = []
    while day <= last:
        out.append(f"{day.year:04d}/{day.month:02d}/{day.day:02d}")
        day += timedelta(days=1)
    return out


def partition_locations() -> list[tuple[str, str]]:
    """(bucket, key prefix) of every projected partition of the multi-account DDL."""
    out = []
    for account in ACCOUNTS:
        for date in projected_dates(NOW):
            url = TEMPLATE.replace("${account}", account).replace("${date}", date)
            assert url.startswith("s3://")
            bucket, _, prefix = url[len("s3://"):].partition("/")
            out.append((bucket, prefix))
    return out


def jst(epoch: str | None) -> str | None:
    """format_datetime(from_unixtime(epoch, 9, 0), 'yyyy-MM-dd HH:mm:ss')."""
    if epoch is None:
        return None
    t = datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(JST)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}"


def run_query(rows: list[dict[str, str | None]]) -> list[list[str | None]]:
    """The runbook query over `rows` (the table's rows)."""
    selected = [
        r for r in rows
        if r["log_status"] is not None and r["log_status"] == "OK"
        and r["account_id"] is not None and r["account_id"] == "111111111111"
    ]
    result = [
        [jst(r["start"]), jst(r["end"]), r["srcaddr"], r["dstaddr"], r["dstport"], r["packets"],
         r["bytes"]]
        for r in selected
    ]
    keys = [row[0] for row in result]
    if None in keys or len(set(keys)) != len(keys):
        sys.exit("runbook.py: ORDER BY starttime_jst would not be deterministic (NULL or tie)")
    # Code-point order; Python compares str by code point.
    result.sort(key=lambda row: row[0])
    return result


def to_athena_csv(result: list[list[str | None]]) -> str:
    def field(v: str | None) -> str:
        return "" if v is None else '"' + v.replace('"', '""') + '"'

    lines = [",".join(field(c) for c in COLUMNS)]
    lines += [",".join(field(v) for v in row) for row in result]
    return "\n".join(lines) + "\n"


def compute() -> dict[str, str]:
    records = load_records()
    locations = partition_locations()
    multi = [
        r for r in records
        if any(r["bucket"] == b and (r["key"] or "").startswith(p) for b, p in locations)
    ]
    hourly = [r for r in records if r["bucket"] == HOURLY_BUCKET]
    return {
        "runbook-multi-account.csv": to_athena_csv(run_query(multi)),
        "runbook-hourly-all.csv": to_athena_csv(run_query(hourly)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing them")
    args = parser.parse_args()
    results = compute()
    status = 0
    for name, text in results.items():
        path = HERE / name
        rows = text.count("\n") - 1
        if args.check:
            try:
                committed = path.read_bytes()
            except FileNotFoundError:
                print(f"runbook.py: {path} is missing", file=sys.stderr)
                status = 1
                continue
            if committed != text.encode("utf-8"):
                print(f"runbook.py: {path} differs from the recomputed answer", file=sys.stderr)
                status = 1
            else:
                print(f"{path}: matches ({rows} rows)")
        else:
            path.write_bytes(text.encode("utf-8"))
            print(f"wrote {path} ({rows} rows)")
    return status


if __name__ == "__main__":
    sys.exit(main())
