"""Run every benchmark of the project and write one table of figures: bench/RESULTS.md.

Each benchmark runs in its own process (so memory and CPU figures are its own)
and saves bench/results/<name>.json; this script then renders them all.

Usage: python bench/run_all.py [--quick]   (--quick: smaller sizes, for a smoke run)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
OUTPUT = ROOT / "bench" / "RESULTS.md"

# One benchmark a line (name, script and arguments), so that adding one never touches another's line.
FULL = [
    ("store", ["bench/store_bench.py"]),
    ("supervisor", ["bench/supervisor_bench.py"]),
    ("pages", ["bench/pages_bench.py"]),
    ("backtest", ["bench/backtest_bench.py"]),
    ("strategies", ["bench/strategies_bench.py"]),
    ("notify", ["bench/notify_bench.py"]),
    ("protections", ["bench/protections_bench.py"]),
    ("optimise", ["bench/optimise_bench.py", "--single"]),
    ("optimise_cluster", ["bench/cluster_bench.py"]),
    ("mentor", ["bench/mentor_bench.py"]),
    ("account", ["bench/account_bench.py"]),
    ("remote", ["bench/remote_bench.py"]),
    ("mentor_chat", ["bench/mentor_chat_bench.py"]),
    ("api", ["bench/api_bench.py"]),
]
QUICK = [
    ("store", ["bench/store_bench.py", "--sizes", "0,100000", "--year-bots", "3"]),
    ("supervisor", ["bench/supervisor_bench.py", "--bots", "100", "--seconds", "70", "--fast-seconds", "10"]),
    ("pages", ["bench/pages_bench.py", "--bots", "50", "--events", "10000", "--repeat", "3"]),
    ("backtest", ["bench/backtest_bench.py", "--long", "20000", "--repeat", "2"]),
    ("strategies", ["bench/strategies_bench.py", "--long", "20000", "--repeat", "5"]),
    ("notify", ["bench/notify_bench.py", "--fills", "0,999", "--repeat", "10", "--drain", "50", "--seconds", "3"]),
    ("protections", ["bench/protections_bench.py", "--trades", "0,100", "--positions", "0,10", "--bars", "5000",
                     "--repeat", "20"]),
    ("optimise", ["bench/optimise_bench.py", "--bars", "10000"]),
    ("optimise_cluster", ["bench/cluster_bench.py", "--bars", "10000"]),
    ("account", ["bench/account_bench.py", "--days", "30", "--repeat", "1"]),
    ("remote", ["bench/remote_bench.py", "--bots", "0,20", "--repeat", "10", "--seconds", "5"]),
    ("mentor_chat", ["bench/mentor_chat_bench.py", "--repeat", "5"]),
    ("api", ["bench/api_bench.py", "--bots", "10", "--repeat", "50", "--flood", "100", "--seconds", "3"]),
]


TABLES = [
    "store",
    "store_year",
    "supervisor_tick",
    "supervisor",
    "supervisor_create",
    "pages",
    "backtest",
    "strategies",
    "notify",
    "notify_ticks",
    "protections",
    "optimise",
    "optimise_cluster",
    "mentor",
    "account",
    "remote",
    "mentor_chat",
    "api",
    "api_ticks",
]


def render(names: list[str]) -> str:
    lines = ["# Benchmark results", "",
             f"Written by `python bench/run_all.py` on {time.strftime('%Y-%m-%d %H:%M')}. "
             "Each table comes from the benchmark named in its heading; see its docstring for the method.", ""]
    for name in names:
        path = RESULTS / f"{name}.json"
        if not path.exists():
            lines += [f"## {name}", "", "_not run_", ""]
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        machine = data.get("machine", {})
        lines += [f"## {data['title']}", "",
                  f"`{data.get('script', f'bench/{name}_bench.py')}` · {data.get('when', '')} · "
                  f"Python {machine.get('python')} · "
                  f"{machine.get('cpus')} CPUs", "",
                  "| " + " | ".join(data["columns"]) + " |", "|" + "---|" * len(data["columns"])]
        for row in data["rows"]:
            lines.append("| " + " | ".join(str(row.get(c, "")) for c in data["columns"]) + " |")
        if data.get("notes"):
            lines += ["", data["notes"]]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="comma-separated benchmark names")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.only:
        plan = [step for step in plan if step[0] in args.only.split(",")]
    for name, command in plan:
        print(f"== {name}: {' '.join(command)}", flush=True)
        subprocess.run([sys.executable, *command], cwd=ROOT, check=True)
    OUTPUT.write_text(render(TABLES), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
