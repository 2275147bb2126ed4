"""Shared helpers for benchmarks: timing, percentiles, a printed table and a saved JSON result."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentile(values, pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(function, repeat: int) -> list[float]:
    """Milliseconds of each of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def summary(ms: list[float]) -> dict:
    return {"p50_ms": round(percentile(ms, 50), 3), "p99_ms": round(percentile(ms, 99), 3),
            "mean_ms": round(statistics.fmean(ms), 3), "max_ms": round(max(ms), 3)}


def rss_mb() -> float:
    """Current resident memory (Linux /proc), else the peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(name: str, title: str, columns: list[str], rows: list[dict], notes: str = "",
           script: str | None = None) -> None:
    """Print the table and save it as bench/results/<name>.json for bench/run_all.py (``script``: the benchmark
    file's stem when it writes several tables)."""
    widths = [max(len(c), *(len(_fmt(r.get(c))) for r in rows)) for c in columns]
    print(f"\n{title}")
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(_fmt(row.get(c)).ljust(w) for c, w in zip(columns, widths, strict=True)))
    if notes:
        print(notes)
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"name": name, "script": f"bench/{script or name}_bench.py", "title": title, "columns": columns,
               "rows": rows, "notes": notes,
               "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                           "platform": platform.platform()},
               "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.1f}"
    return "" if value is None else str(value)
