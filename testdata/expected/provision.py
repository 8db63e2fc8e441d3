#!/usr/bin/env python3
"""Independent expected answers for the round trip of `flowlog provision ddl` over the sample.

For each of the four sample buckets, the generated DDL (accounts 111111111111 and 222222222222,
region ap-northeast-1, date range 2026/11/19 to NOW with NOW = 2026-11-21T00:00:00Z, the bucket's
layout and prefix) projects the partitions account x {2026-11-19, 2026-11-20} [x hours 00-23]
in ap-northeast-1, so it reads every ap-northeast-1 object of the bucket (and none of the
us-east-1 objects that flowlog-sample-daily also holds). The query

  select account, date, count(*) as n, sum(bytes) as bytes,
         count(case when protocol = 6 then 1 end) as tcp
  from t group by account, date order by account, date

is computed here from testdata/records.csv with the standard library only: `account` is the
account directory of the object's key, `date` the day directories as the DDL's date projection
renders them (yyyy/MM/dd, or 'year='yyyy'/month='MM'/day='dd for the Hive-compatible layouts),
sum() ignores NULLs (an empty field) and is NULL over no values.

Usage:
  python3 testdata/expected/provision.py           write provision-roundtrip.csv next to this script
  python3 testdata/expected/provision.py --check   recompute and compare (exit 1 on a difference)
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE.parent / "records.csv"
OUT = HERE / "provision-roundtrip.csv"


def compute() -> str:
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    with RECORDS.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parts = row["key"].split("/")
            i = parts.index("AWSLogs")
            account = parts[i + 1].removeprefix("aws-account-id=")
            region = parts[i + 3].removeprefix("aws-region=")
            if region != "ap-northeast-1":
                continue
            hive = parts[i + 1].startswith("aws-account-id=")
            y, m, d = (p.split("=")[-1] for p in parts[i + 4 : i + 7])
            date = f"year={y}/month={m}/day={d}" if hive else f"{y}/{m}/{d}"
            groups[(row["bucket"], account, date)].append(row)
    out = io.StringIO()
    out.write('"bucket","account","date","n","bytes","tcp"\n')
    for (bucket, account, date), rows in sorted(groups.items()):
        values = [int(r["bytes"]) for r in rows if r["bytes"] != ""]
        total = str(sum(values)) if values else None
        tcp = sum(1 for r in rows if r["protocol"] == "6")
        fields = [bucket, account, date, str(len(rows)), total, str(tcp)]
        out.write(",".join("" if v is None else f'"{v}"' for v in fields) + "\n")
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    text = compute()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} differs from what records.csv gives", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
