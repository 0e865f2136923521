"""Samples, percentiles, the printed line, and the standard page benchmark."""

import math
import time
from dataclasses import dataclass, field

from bench.registry import Context


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Result:
    """Timings of one operation and of its floor, in milliseconds.

    ``counts`` are the figures the benchmark checked, printed after the
    timing (``requests 300``); ``problems`` make the whole run fail.
    """

    samples_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    counts: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        p95, floor95 = (
            percentile(self.samples_ms, 0.95),
            percentile(self.floor_ms, 0.95),
        )
        ratio = p95 / floor95 if floor95 > 0 else math.nan
        checked = ", ".join(f"{label} {value}" for label, value in self.counts)
        return (
            f"{name}: {p95:.2f} ms p95 (floor {floor95:.2f} ms p95, "
            f"ratio {ratio:.1f}) {checked}; "
            f"p50 {percentile(self.samples_ms, 0.5):.2f} ms "
            f"(floor {percentile(self.floor_ms, 0.5):.2f} ms)"
        )


class Budget:
    """Stops a loop at its count or at the time limit, whichever is first."""

    def __init__(self, count: int, time_limit_s: float) -> None:
        self.count = count
        self.deadline = time.monotonic() + time_limit_s
        self.done = 0

    def __iter__(self) -> "Budget":
        return self

    def __next__(self) -> int:
        if self.done >= self.count or time.monotonic() >= self.deadline:
            raise StopIteration
        self.done += 1
        return self.done

    def summary(self) -> str:
        if self.done < self.count:
            return f"{self.done} of {self.count} (time limit reached)"
        return str(self.done)


def measure_page(
    ctx: Context, path: str, *, requests: int = 300, warmup: int = 20
) -> Result:
    """Time GET ``path`` against ``/-/ping``, which touches no database.

    The two are interleaved so that whatever else the machine does in the
    meantime weighs on both alike.
    """
    ping, browser, result = "/-/ping", ctx.browser(), Result()
    for _ in range(warmup):
        browser.get(path)
        browser.get(ping)

    budget = Budget(requests, ctx.time_limit_s)
    failed = 0
    for _ in budget:
        page = browser.get(path)
        if page.status != 200:
            failed += 1
        result.samples_ms.append(page.ms)
        result.floor_ms.append(browser.get(ping).ms)

    result.counts.append(("requests", budget.summary()))
    if failed:
        result.problems.append(f"{failed} of {budget.done} answers were not 200")
    return result
