"""Engine-independent answers: a result CSV reduced to (row count, column count, checksum).

Engines quote and type their CSV differently (flowlog writes Athena's format, every value quoted;
DuckDB, Polars and ClickHouse quote only when needed), so a result is compared as the multiset of
its data rows, each a tuple of field texts after the header: the checksum is the SHA-256 of the
sorted rows, so it does not depend on the order of rows that tie under ``ORDER BY``. A NULL is an
empty field in every engine's CSV; a field that is an integer in one engine and ``123.0`` in
another is normalised to ``123``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import pathlib
import re

_INTEGRAL_FLOAT = re.compile(r"^-?\d+\.0+$")


@dataclasses.dataclass(frozen=True)
class Answer:
    """What is compared between engines."""

    rows: int
    columns: int
    checksum: str

    def short(self) -> str:
        """A one-line description for the report."""
        return f"{self.rows} rows x {self.columns} cols, sha256 {self.checksum[:12]}"


def normalise(field: str) -> str:
    """The comparable text of one CSV field."""
    if _INTEGRAL_FLOAT.match(field):
        return field.split(".", 1)[0]
    return field


def answer_of_rows(rows: list[list[str]]) -> Answer:
    """The answer of data rows (header already removed)."""
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        raise ValueError(f"rows of different widths {sorted(widths)}")
    canonical = sorted(tuple(normalise(f) for f in r) for r in rows)
    digest = hashlib.sha256()
    for row in canonical:
        digest.update("\x1f".join(row).encode("utf-8"))
        digest.update(b"\x1e")
    return Answer(rows=len(rows), columns=widths.pop() if widths else 0, checksum=digest.hexdigest())


def answer_of_csv(path: pathlib.Path) -> Answer:
    """The answer in a result CSV with a header row."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path} is empty (no header row)")
        rows = [r for r in reader]
    answer = answer_of_rows(rows)
    if rows and answer.columns != len(header):
        raise ValueError(f"{path}: header has {len(header)} columns, rows have {answer.columns}")
    return answer


def disagreements(answers: dict[str, Answer], reference: str) -> list[str]:
    """One line per engine whose answer differs from ``reference``'s, naming both."""
    want = answers.get(reference)
    if want is None:
        return [f"no answer from {reference}"]
    return [
        f"{engine}: {got.short()} but {reference}: {want.short()}"
        for engine, got in sorted(answers.items())
        if got != want
    ]
