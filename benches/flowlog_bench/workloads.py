"""The benchmark workloads: one flow-log question, asked of every engine in its own idiom.

Each workload names the files a peer must read (``scope``: glob patterns relative to the bucket
root, with ``{a,b}`` alternatives) and gives:

- ``flowlog``: how flowlog is invoked (the runbook's DDL, or ``--logs`` discovery) and its SQL;
- ``duckdb`` and ``clickhouse``: SQL where ``{files}`` is replaced by the engine's table function
  over ``scope``;
- ``polars``: a function from the list of globs to a ``LazyFrame``.

Fairness rules (see ``benches/README.md``): every engine reads exactly the files flowlog reads
(flowlog prunes with partition projection or partition filters; a peer user narrows the glob,
which is how DuckDB, Polars and clickhouse-local users select S3 prefixes of a non-Hive layout),
computes the same answer, and writes it as a CSV file.
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Callable

SQL_DIR = pathlib.Path(__file__).resolve().parent.parent / "sql"

#: Where ``gen-testdata --bench DIR`` puts the bucket, relative to DIR.
BUCKET = "flowlog-bench"
#: What NOW means for the runbook DDL's projection (``NOW-1DAYS,NOW``: 2026/11/19 and 2026/11/20).
NOW = "2026-11-20T00:00:00Z"
#: The runbook's fixed offset: ``from_unixtime(x, 9, 0)`` is UTC+09:00 (JST).
JST_SECONDS = 9 * 3600

ALL_FILES = ["AWSLogs/*/vpcflowlogs/*/*/*/*/*.log.parquet"]


@dataclasses.dataclass(frozen=True)
class Workload:
    """One question, with each engine's way of asking it."""

    name: str
    description: str
    scope: list[str]
    flowlog_args: Callable[[pathlib.Path], list[str]]
    flowlog_sql: str
    duckdb: str
    clickhouse: str
    polars: Callable[[list[str]], object]


def _ddl_args(bucket: pathlib.Path) -> list[str]:
    return [
        "--ddl",
        str(SQL_DIR / "create-table.sql"),
        "--mirror",
        f"s3://{BUCKET}={bucket}",
        "--now",
        NOW,
    ]


def _logs_args(bucket: pathlib.Path) -> list[str]:
    return ["--logs", str(bucket)]


def _pl():
    import polars  # imported lazily: the self-test must run without peers installed

    return polars


def _scan(globs: list[str]):
    return _pl().scan_parquet(globs, hive_partitioning=False)


def _polars_runbook(globs):
    pl = _pl()

    def jst(column: str):
        return (
            pl.from_epoch(pl.col(column) + JST_SECONDS, time_unit="s")
            .dt.strftime("%Y-%m-%d %H:%M:%S")
        )

    return (
        _scan(globs)
        .filter((pl.col("log_status") == "OK") & (pl.col("account_id") == "111111111111"))
        .select(
            jst("start").alias("starttime_jst"),
            jst("end").alias("endtime_jst"),
            "srcaddr",
            "dstaddr",
            "dstport",
            "packets",
            "bytes",
        )
        .sort("starttime_jst")
    )


def _polars_top_talkers(globs):
    pl = _pl()
    return (
        _scan(globs)
        .filter(pl.col("log_status") == "OK")
        .group_by("srcaddr", "dstaddr")
        .agg(pl.col("bytes").sum().alias("total_bytes"))
        .sort(["total_bytes", "srcaddr", "dstaddr"], descending=[True, False, False])
        .head(50)
    )


def _polars_rejected(globs):
    pl = _pl()
    return (
        _scan(globs)
        .filter(pl.col("action") == "REJECT")
        .group_by("dstport")
        .agg(pl.len().alias("flows"), pl.col("packets").sum().alias("packets"))
        .sort(["flows", "dstport"], descending=[True, False])
    )


def _polars_one_account_day(globs):
    pl = _pl()
    return (
        _scan(globs)
        .filter(pl.col("log_status") == "OK")
        .group_by("action")
        .agg(
            pl.len().alias("flows"),
            pl.col("packets").sum().alias("packets"),
            pl.col("bytes").sum().alias("bytes"),
        )
        .sort("action")
    )


def _polars_ssh_rdp(globs):
    pl = _pl()
    return (
        _scan(globs)
        .filter((pl.col("action") == "REJECT") & pl.col("dstport").is_in([22, 3389]))
        .group_by("srcaddr")
        .agg(pl.len().alias("flows"), pl.col("packets").sum().alias("packets"))
        .sort(["flows", "srcaddr"], descending=[True, False])
        .head(50)
    )


def _polars_bytes_per_hour(globs):
    pl = _pl()
    hour = (
        pl.from_epoch(pl.col("start") + JST_SECONDS, time_unit="s")
        .dt.strftime("%Y-%m-%d %H")
        .alias("hour_jst")
    )
    return (
        _scan(globs)
        .filter(pl.col("log_status") == "OK")
        .group_by(hour)
        .agg(pl.col("bytes").sum().alias("bytes"))
        .sort("hour_jst")
    )


def _polars_wide(globs):
    pl = _pl()
    return (
        _scan(globs)
        .filter((pl.col("dstport") == WIDE_PORT) & (pl.col("action") == "ACCEPT"))
        .select(V5_COLUMNS)
    )


def _polars_count(globs):
    return _scan(globs).select(_pl().len().alias("records"))


RUNBOOK_PEER_SQL = """
select
  {starttime} as starttime_jst,
  {endtime} as endtime_jst,
  srcaddr, dstaddr, dstport, packets, bytes
from {files}
where log_status = 'OK' and account_id = '111111111111'
order by starttime_jst
"""

TOP_TALKERS_SQL = """
select srcaddr, dstaddr, sum(bytes) as total_bytes
from {files}
where log_status = 'OK'
group by srcaddr, dstaddr
order by total_bytes desc, srcaddr, dstaddr
limit 50
"""

REJECTED_SQL = """
select dstport, count(*) as flows, sum(packets) as packets
from {files}
where action = 'REJECT'
group by dstport
order by flows desc, dstport
"""

ONE_ACCOUNT_DAY_SQL = """
select action, count(*) as flows, sum(packets) as packets, sum(bytes) as bytes
from {files}
where log_status = 'OK'{partition_filter}
group by action
order by action
"""

COUNT_SQL = "select count(*) as records from {files}"

SSH_RDP_SQL = """
select srcaddr, count(*) as flows, sum(packets) as packets
from {files}
where action = 'REJECT' and dstport in (22, 3389)
group by srcaddr
order by flows desc, srcaddr
limit 50
"""

BYTES_PER_HOUR_SQL = """
select {hour} as hour_jst, sum(bytes) as bytes
from {files}
where log_status = 'OK'
group by 1
order by 1
"""

#: The data columns of the runbook DDL, in AWS's table order (a `SELECT *` of the table without
#: its partition columns, which the peers do not have; so every engine names the columns).
V5_COLUMNS = [
    "version", "account_id", "interface_id", "srcaddr", "dstaddr", "srcport", "dstport",
    "protocol", "packets", "bytes", "start", "end", "action", "log_status", "vpc_id",
    "subnet_id", "instance_id", "tcp_flags", "type", "pkt_srcaddr", "pkt_dstaddr", "az_id",
    "sublocation_type", "sublocation_id", "pkt_src_aws_service", "pkt_dst_aws_service",
    "flow_direction", "traffic_path",
]
#: The selective filter of the wide query: accepted flows to one port. 8080 holds about 0.5%
#: of the generated rows (160k of 30M), so the answer is small but not empty.
WIDE_PORT = 8080

WIDE_SQL = (
    "select "
    + ", ".join(f'"{c}"' for c in V5_COLUMNS)
    + " from {files} where dstport = "
    + str(WIDE_PORT)
    + " and action = 'ACCEPT'"
)


def _duckdb_jst(column: str) -> str:
    return f"strftime(make_timestamp((\"{column}\" + {JST_SECONDS}) * 1000000), '%Y-%m-%d %H:%M:%S')"


def _clickhouse_jst(column: str) -> str:
    return f"formatDateTime(toDateTime(`{column}` + {JST_SECONDS}, 'UTC'), '%Y-%m-%d %H:%i:%S')"


def _duckdb_jst_hour(column: str) -> str:
    return f"strftime(make_timestamp((\"{column}\" + {JST_SECONDS}) * 1000000), '%Y-%m-%d %H')"


def _clickhouse_jst_hour(column: str) -> str:
    return f"formatDateTime(toDateTime(`{column}` + {JST_SECONDS}, 'UTC'), '%Y-%m-%d %H')"


def _peer(sql: str, **parts: str) -> str:
    """``sql`` with ``parts`` filled in and ``{files}`` kept for the engine adapter."""
    return sql.format(files="{files}", **parts)


WORKLOADS: list[Workload] = [
    Workload(
        name="runbook",
        description="The runbook query (JST formatting, log_status and account_id filter, "
        "ORDER BY) through the runbook's DDL with partition projection: 8 accounts x "
        "NOW-1DAYS..NOW in ap-northeast-1",
        scope=["AWSLogs/*/vpcflowlogs/ap-northeast-1/2026/11/{19,20}/*.log.parquet"],
        flowlog_args=_ddl_args,
        flowlog_sql=(SQL_DIR / "runbook.sql").read_text(encoding="utf-8"),
        duckdb=_peer(
            RUNBOOK_PEER_SQL, starttime=_duckdb_jst("start"), endtime=_duckdb_jst("end")
        ),
        clickhouse=_peer(
            RUNBOOK_PEER_SQL,
            starttime=_clickhouse_jst("start"),
            endtime=_clickhouse_jst("end"),
        ),
        polars=_polars_runbook,
    ),
    Workload(
        name="top_talkers",
        description="sum(bytes) by srcaddr, dstaddr over every file, top 50",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=_peer(TOP_TALKERS_SQL).format(files="vpc_flow_logs"),
        duckdb=TOP_TALKERS_SQL,
        clickhouse=TOP_TALKERS_SQL,
        polars=_polars_top_talkers,
    ),
    Workload(
        name="rejected_by_port",
        description="REJECT flows and packets by dstport over every file",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=REJECTED_SQL.format(files="vpc_flow_logs"),
        duckdb=REJECTED_SQL,
        clickhouse=REJECTED_SQL,
        polars=_polars_rejected,
    ),
    Workload(
        name="one_account_day",
        description="Flows, packets and bytes by action for one account on one day "
        "(partition pruning: 1 of 56 account-days)",
        scope=["AWSLogs/222222222222/vpcflowlogs/*/2026/11/17/*.log.parquet"],
        flowlog_args=_logs_args,
        flowlog_sql=ONE_ACCOUNT_DAY_SQL.format(
            files="vpc_flow_logs",
            partition_filter=" and account = '222222222222' and date = '2026/11/17'",
        ),
        duckdb=_peer(ONE_ACCOUNT_DAY_SQL, partition_filter=""),
        clickhouse=_peer(ONE_ACCOUNT_DAY_SQL, partition_filter=""),
        polars=_polars_one_account_day,
    ),
    Workload(
        name="ssh_rdp_rejected",
        description="Rejected SSH/RDP flows (dstport 22, 3389) by source over every file, top 50",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=SSH_RDP_SQL.format(files="vpc_flow_logs"),
        duckdb=SSH_RDP_SQL,
        clickhouse=SSH_RDP_SQL,
        polars=_polars_ssh_rdp,
    ),
    Workload(
        name="bytes_per_hour_jst",
        description="sum(bytes) per JST hour (format_datetime of from_unixtime(start, 9, 0)) "
        "over every file",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=BYTES_PER_HOUR_SQL.format(
            files="vpc_flow_logs",
            hour="format_datetime(from_unixtime(\"start\", 9, 0), 'yyyy-MM-dd HH')",
        ),
        duckdb=_peer(BYTES_PER_HOUR_SQL, hour=_duckdb_jst_hour("start")),
        clickhouse=_peer(BYTES_PER_HOUR_SQL, hour=_clickhouse_jst_hour("start")),
        polars=_polars_bytes_per_hour,
    ),
    Workload(
        name="wide_select",
        description="All 28 data columns of the accepted flows to port 8080 over every file "
        "(a wide SELECT * with a selective filter)",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=WIDE_SQL.format(files="vpc_flow_logs"),
        duckdb=WIDE_SQL,
        clickhouse=WIDE_SQL.replace('"', "`"),
        polars=_polars_wide,
    ),
    Workload(
        name="count_all",
        description="count(*) over every file",
        scope=ALL_FILES,
        flowlog_args=_logs_args,
        flowlog_sql=COUNT_SQL.format(files="vpc_flow_logs"),
        duckdb=COUNT_SQL,
        clickhouse=COUNT_SQL,
        polars=_polars_count,
    ),
]


def expand_braces(pattern: str) -> list[str]:
    """The patterns ``pattern`` stands for, with each ``{a,b}`` expanded (no nesting)."""
    start = pattern.find("{")
    if start < 0:
        return [pattern]
    end = pattern.find("}", start)
    if end < 0:
        raise ValueError(f"unclosed '{{' in {pattern!r}")
    head, tail = pattern[:start], pattern[end + 1 :]
    return [
        expanded
        for choice in pattern[start + 1 : end].split(",")
        for expanded in expand_braces(head + choice + tail)
    ]
