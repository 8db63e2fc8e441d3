# Expected answers of Athena's approx_distinct for flowlog-core/tests/slt/approx_distinct.slt,
# computed from the definition of Trino's estimator, independently of flowlog's Rust code:
# each value hashed with Trino's XX_HASH_64 operator for its type (xxHash64, seed 0, of a
# BIGINT/INTEGER's 8 little-endian bytes, of a VARCHAR's UTF-8 bytes), then Airlift's
# HyperLogLog (io.airlift.stats.cardinality): a sparse instance (26-bit hash prefixes,
# linear counting over 2^26 buckets) that turns dense when its JVM size passes a dense
# instance's (HotSpot defaults: compressed oops, 8-byte alignment; the entry array grows
# by 10), a dense one estimated by linear counting while over 40% of its 2^p registers are
# empty, else by the raw HyperLogLog estimate less Airlift's empirical bias (the bias
# tables, numeric data from Airlift's BiasCorrection, are read from
# flowlog-core/src/functions/aggregate/approx_distinct_bias.rs).
#
# Every group is fed to one instance in the input's order (as one Trino partial
# aggregation would be).
#
# Usage: pip install xxhash pyarrow; python3 testdata/expected/approx_distinct.py
# (prints the .slt records; not run by .ci/run).
import glob
import math
import os
import re
import struct

import xxhash

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def bias_tables():
    text = open(os.path.join(ROOT, "flowlog-core/src/functions/aggregate/approx_distinct_bias.rs")).read()
    tables = {}
    for name in ("RAW_ESTIMATES", "BIAS"):
        body = text[text.index("static %s" % name):]
        body = body[body.index("= [") + 3:body.index("\n];")]
        rows = re.findall(r"&\[(.*?)\]", body, re.S)
        tables[name] = [[float(v) for v in re.findall(r"-?[0-9][0-9.eE+-]*", r)] for r in rows]
    return tables["RAW_ESTIMATES"], tables["BIAS"]


RAW, BIAS = bias_tables()


def hash_long(v):
    return xxhash.xxh64_intdigest(struct.pack("<q", v))


def hash_varchar(s):
    return xxhash.xxh64_intdigest(s.encode("utf-8"))


def zeros_after(h, bits):
    """Leading zeros of the 64-bit h after its first `bits` bits, at most 64 - bits."""
    rest = (h << bits) & (2 ** 64 - 1)
    n = 0
    while n < 64 - bits and not (rest >> (63 - n)) & 1:
        n += 1
    return n


def align8(n):
    return (n + 7) // 8 * 8


def estimate(hashes, p=11):
    m = 1 << p
    dense_size = 40 + align8(16 + m // 2) + 16 + 16
    sparse = {}  # 26-bit prefix -> zeros after it
    capacity = 1
    registers = None
    for h in hashes:
        if registers is not None:
            b = h >> (64 - p)
            registers[b] = max(registers[b], zeros_after(h, p) + 1)
            continue
        prefix, z = h >> 38, zeros_after(h, 26)
        if prefix in sparse:
            sparse[prefix] = max(sparse[prefix], z)
            continue
        if len(sparse) + 1 > capacity:
            capacity += 10
        sparse[prefix] = z
        if 24 + align8(16 + 4 * capacity) > dense_size:
            registers = [0] * m
            for pre, z in sparse.items():
                b = pre >> (26 - p)
                within = pre & ((1 << (26 - p)) - 1)
                lead = (26 - p) - within.bit_length()
                value = lead + (z if within == 0 else 0) + 1
                registers[b] = max(registers[b], value)
    if registers is None:
        total = 1 << 26
        return java_round(total * math.log(total / (total - len(sparse))))
    empty = registers.count(0)
    if empty > 0.4 * m:
        return java_round(m * math.log(m / empty))
    s = 0.0
    for r in registers:
        s += 1.0 / (1 << r)
    alpha = {4: 0.673, 5: 0.697, 6: 0.709}.get(p, 0.7213 / (1 + 1.079 / m))
    raw = alpha * m * m / s
    xs, ys = RAW[p - 4], BIAS[p - 4]
    if xs[0] <= raw <= xs[-1]:
        i = next(i for i, x in enumerate(xs) if x >= raw)
        if xs[i] == raw:
            raw -= ys[i]
        else:
            raw -= (raw - xs[i - 1]) * (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]) + ys[i - 1]
    return java_round(raw)


def java_round(v):
    return math.floor(v + 0.5)


def bits_for_error(e):
    v = math.ceil(1.0816 / (e * e))
    return (1 << (v - 1).bit_length()).bit_length() - 1


def sample_column(name):
    import pyarrow.parquet as pq
    files = sorted(glob.glob(os.path.join(ROOT, "testdata/s3/flowlog-sample-daily/**/*.parquet"), recursive=True))
    values = []
    for f in files:
        values.extend(v for v in pq.read_table(f, columns=[name]).column(name).to_pylist() if v is not None)
    return values


def check_trino_literals():
    """Trino's AbstractTestAggregations.testApproximateCountDistinct expects these answers
    over TPC-H tiny's orders.custkey, whose 1,000 distinct values are the numbers up to
    1,500 that 3 does not divide (the estimate depends only on the set of values)."""
    keys = [c for c in range(1, 1501) if c % 3]
    double = lambda v: hash_long(struct.unpack("<q", struct.pack("<d", float(v)))[0])
    real = lambda v: hash_long(struct.unpack("<i", struct.pack("<f", float(v)))[0])
    long_decimal = lambda v: xxhash.xxh64_intdigest((v * 10 ** 20).to_bytes(16, "little", signed=True))
    assert estimate(map(hash_long, keys)) == 990
    assert estimate(map(double, keys)) == 1014
    assert estimate(map(real, keys)) == 1006
    assert estimate(hash_varchar(str(k)) for k in keys) == 1036
    assert estimate(map(long_decimal, keys)) == 1013


def main():
    check_trino_literals()
    print("# Generated by testdata/expected/approx_distinct.py.")
    cols = [("srcaddr", hash_varchar), ("dstport", hash_long), ("interface_id", hash_varchar)]
    answers = []
    for name, h in cols:
        values = sample_column(name)
        answers.append((estimate(map(h, values)), len(set(values))))
    print("# The sample's columns: approx_distinct (count(DISTINCT) is %s)." % ", ".join(str(d) for _, d in answers))
    print("query III")
    print("select " + ", ".join("approx_distinct(%s)" % n for n, _ in cols) + " from sample_daily")
    print("----")
    print(" ".join(str(a) for a, _ in answers))
    print()
    for n in (10, 1000, 10000, 100000):
        ints = range(1, n + 1)
        print("# 1..%d as BIGINT and as VARCHAR." % n)
        print("query II")
        print("select approx_distinct(x), approx_distinct(CAST(x AS varchar)) from %s" % numbers(n))
        print("----")
        print(estimate(map(hash_long, ints)), estimate(hash_varchar(str(i)) for i in ints))
        print()
    for n, e in ((100000, 0.0115), (100000, 0.0040625), (1000, 0.26)):
        p = bits_for_error(e)
        print("# 1..%d with a maximum standard error of %s (2^%d buckets)." % (n, e, p))
        print("query I")
        print("select approx_distinct(x, %s) from %s" % (e, numbers(n)))
        print("----")
        print(estimate(map(hash_long, range(1, n + 1)), p))
        print()


def numbers(n):
    """A relation t(x) of the BIGINTs 1..n."""
    if n <= 10000:
        return "unnest(sequence(1, %d)) t(x)" % n
    return "(select a * 10000 + b + 1 AS x from unnest(sequence(0, %d)) s(a) cross join unnest(sequence(0, 9999)) u(b)) t" % (n // 10000 - 1)


main()
