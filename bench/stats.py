"""Percentiles and summaries of latency samples, in milliseconds."""
import math


def percentile(values: list[float], p: float) -> float | None:
    """The nearest-rank percentile: the smallest sample with at least p % of the samples at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary_ms(seconds: list[float]) -> dict:
    """p50, p95, p99 and max of durations given in seconds, as rounded milliseconds, with the count."""
    ms = [value * 1000 for value in seconds]
    figures = {f"p{p}_ms": percentile(ms, p) for p in (50, 95, 99)}
    figures["max_ms"] = max(ms) if ms else None
    return {"samples": len(ms), **{key: round(value, 1) if value is not None else None
                                   for key, value in figures.items()}}
