# Expected answers of `checksum(x)` for flowlog-core/tests/slt/functions_binary.slt,
# computed independently of flowlog with the reference xxHash implementation.
# Requires: pip install xxhash   (not used by .ci/run; run by hand, paste the output).
# Usage: python3 testdata/expected/checksum.py
#
# Trino (ChecksumAggregationFunction, TestChecksumAggregation.expectedChecksum): the sum,
# wrapping at 64 bits, of xxHash64(value) * 0x9E3779B185EBCA87 per row, a NULL adding
# 0x9E3779B185EBCA87; the answer is the sum's 8 bytes little-endian, printed as Trino's CLI
# prints a VARBINARY (lower-case hex bytes, single spaces). How each type is hashed (its
# XX_HASH_64 operator, read in Trino's type classes):
#   bigint/integer/date: xxh64 of the value as 8 little-endian bytes (ints sign-extended)
#   boolean: as the bigint 1 or 0
#   double: its IEEE bits as a bigint (-0.0 as 0.0, NaN as 0x7ff8000000000000)
#   real: its 32 IEEE bits as an int, sign-extended to a bigint
#   varchar/varbinary: xxh64 of the bytes
#   decimal(p <= 18, s): the unscaled value as a bigint
#   timestamp(p <= 6): epoch microseconds as a bigint
#   array(T): h = 31*h + element hash from h = 0 (NULL element: 0), wrapping
import math
import struct

import xxhash

MASK = (1 << 64) - 1
PRIME64 = 0x9E3779B185EBCA87


def long_hash(v):
    return xxhash.xxh64_intdigest(struct.pack("<q", v))


def double_hash(d):
    if math.isnan(d):
        bits = 0x7FF8000000000000
    elif d == 0.0:
        bits = 0
    else:
        bits = struct.unpack("<Q", struct.pack("<d", d))[0]
    return long_hash(struct.unpack("<q", struct.pack("<Q", bits))[0])


def real_hash(f):
    if math.isnan(f):
        bits = 0x7FC00000
    elif f == 0.0:
        bits = 0
    else:
        bits = struct.unpack("<I", struct.pack("<f", f))[0]
    return long_hash(struct.unpack("<i", struct.pack("<I", bits))[0])


def bytes_hash(b):
    return xxhash.xxh64_intdigest(b)


def array_hash(items, element_hash):
    h = 0
    for item in items:
        h = (31 * h + (0 if item is None else element_hash(item))) & MASK
    return h


def checksum(values, value_hash):
    if not values:
        return "NULL"
    total = 0
    for v in values:
        total = (total + (PRIME64 if v is None else value_hash(v) * PRIME64)) & MASK
    return " ".join(f"{b:02x}" for b in total.to_bytes(8, "little"))


def epoch_micros(text):
    import datetime
    t = datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)
    return (t - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(microseconds=1)


def days(text):
    import datetime
    return (datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days


CASES = [
    ("testEmpty", [], long_hash),
    ("testBoolean", [None, None, 1, 0, 0], long_hash),
    ("testLong", [None, 1, 2, 100, None, 2**63 - 1, -(2**63)], long_hash),
    ("testDouble", [None, 2.0, None, 3.0, -math.inf, math.inf, math.nan], double_hash),
    ("testString", [b"a", b"a", None, b"b", b"c"], bytes_hash),
    ("testShortDecimal", [1111, 2222, None, 3333, 4444], long_hash),
    ("testArray", [None, [1, 2], [3, 4], [5, 6]], lambda a: array_hash(a, long_hash)),
    # Beyond Trino's test: the other types flowlog hashes.
    ("integer", [None, 1, -1, 2147483647], long_hash),
    ("real", [None, 1.5, -0.0, math.nan, -2.25], real_hash),
    ("double -0.0 as 0.0", [-0.0], double_hash),
    ("date", [days("1970-01-02"), days("2026-11-19"), None], long_hash),
    ("timestamp(3)", [epoch_micros("2026-11-19 09:00:05.123"), None], long_hash),
    ("varbinary", [bytes.fromhex("0a0b"), b"", None], bytes_hash),
    ("array(varchar)", [[b"a", None], [], None], lambda a: array_hash(a, bytes_hash)),
    ("all NULL", [None, None, None], long_hash),
    ("one varchar a", [b"a"], bytes_hash),
]



def sample_daily(column):
    """A column of the sample table `sample_daily` (every row of testdata/records.csv in
    bucket flowlog-sample-daily), read from the CSV, not through flowlog; empty is NULL."""
    import csv
    from pathlib import Path
    records = Path(__file__).resolve().parent.parent / "records.csv"
    with records.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["bucket"] == "flowlog-sample-daily"]
    return [None if r[column] == "" else r[column] for r in rows]


def text_values(column):
    return [None if v is None else v.encode() for v in sample_daily(column)]


def int_values(column):
    return [None if v is None else int(v) for v in sample_daily(column)]


SAMPLE = [
    ("sample_daily srcaddr", text_values("srcaddr"), bytes_hash),
    ("sample_daily bytes", int_values("bytes"), long_hash),
    ("sample_daily dstport", int_values("dstport"), long_hash),
    ("sample_daily action", text_values("action"), bytes_hash),
]

if __name__ == "__main__":
    for name, values, value_hash in CASES + SAMPLE:
        print(f"{name}: {checksum(values, value_hash)}")
