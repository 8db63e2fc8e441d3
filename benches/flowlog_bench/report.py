"""Timings and the table printed at the end of a run (Markdown, pasteable into the README)."""

from __future__ import annotations

import dataclasses
import statistics


@dataclasses.dataclass
class Timing:
    """The repetitions of one engine on one workload, in seconds."""

    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def minimum(self) -> float:
        return min(self.seconds)


def ratio(peer: Timing | None, flowlog: Timing | None) -> str:
    """peer median / flowlog median: above 1 means flowlog is faster."""
    if peer is None or flowlog is None or flowlog.median <= 0:
        return "—"
    return f"{peer.median / flowlog.median:.2f}x"


def table(
    workloads: list[str],
    engines: list[str],
    timings: dict[tuple[str, str], Timing],
    reference: str = "flowlog",
) -> str:
    """One row per workload: each engine's median and min seconds, then each peer's ratio."""
    peers = [e for e in engines if e != reference]
    header = (
        ["workload"]
        + [f"{e} median (min) s" for e in engines]
        + [f"{p} / {reference}" for p in peers]
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for w in workloads:
        cells = [w]
        for e in engines:
            t = timings.get((w, e))
            cells.append("—" if t is None else f"{t.median:.3f} ({t.minimum:.3f})")
        for p in peers:
            cells.append(ratio(timings.get((w, p)), timings.get((w, reference))))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def against_fastest(
    workloads: list[str],
    engines: list[str],
    timings: dict[tuple[str, str], Timing],
    peaks: dict[tuple[str, str], int],
    reference: str = "flowlog",
    target: float = 0.8,
) -> str:
    """One row per workload: flowlog's median, the fastest peer's, flowlog / fastest (the issue's
    target is at most ``target``), and every engine's peak RSS in MB."""
    peers = [e for e in engines if e != reference]
    header = (
        ["workload", f"{reference} s", "fastest peer s", f"{reference} / fastest", f"<= {target}"]
        + [f"{e} peak RSS MB" for e in engines]
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for w in workloads:
        mine = timings.get((w, reference))
        theirs = [(timings[(w, p)].median, p) for p in peers if (w, p) in timings]
        cells = [w, "—" if mine is None else f"{mine.median:.3f}"]
        if mine is None or not theirs:
            cells += ["—", "—", "—"]
        else:
            best, name = min(theirs)
            quotient = mine.median / best if best > 0 else float("inf")
            cells += [f"{best:.3f} ({name})", f"{quotient:.2f}", "yes" if quotient <= target else "no"]
        for e in engines:
            peak = peaks.get((w, e))
            cells.append("—" if peak is None else f"{peak / 1e6:.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
