#!/usr/bin/env python3
"""The workspace against plain files (issue 16), as a user meets it: whole processes, wall time and
peak RSS, on generated chains. For each chain size, in one run:
  - `qchain import W CHAIN` into a fresh workspace (target at 1M firms: < 30 s);
  - `qchain summary W#ID --json F` against `qchain summary CHAIN --json F`, interleaved, --repeat
    times: loading a snapshot from the workspace against loading the same chain from its JSON file
    (target: <= 1.5x).
Writes bench/results/workspace.md; --quick (20,000 firms, one round, for CI) writes
bench/work/workspace-quick.md instead.
Usage: bench/workspace.py [--firms 100000,1000000] [--repeat 3] [--quick]"""
import argparse
import datetime
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_floor import QCHAIN, RESULTS, WORK, chain, commit, machine, timed  # noqa: E402

IMPORT_LIMIT_S = 30.0  # at 1M firms
LOAD_RATIO = 1.5


def chain_id(n):
    return f"synthetic-{n}-s1"  # qchain-generate's id for --seed 1


def measure(n, repeat):
    path = chain(n)
    ws = os.path.join(WORK, f"workspace-{n}.qcw")
    for f in (ws, ws + "-wal", ws + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    timed([QCHAIN, "workspace", "init", ws])
    imported = timed([QCHAIN, "import", ws, path])
    out = {"import": [imported], "json": [], "workspace": []}
    ref = f"{ws}#{chain_id(n)}"
    summary = os.path.join(WORK, f"workspace-summary-{n}.json")
    for r in range(repeat):
        print(f"{n:,} firms, round {r + 1}/{repeat}", file=sys.stderr, flush=True)
        out["json"].append(timed([QCHAIN, "summary", path, "--json", summary]))
        out["workspace"].append(timed([QCHAIN, "summary", ref, "--json", summary]))
    return out, os.path.getsize(ws) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", default="100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="20,000 firms, one round (CI's smoke run)")
    a = ap.parse_args()
    sizes = [20000] if a.quick else [int(s) for s in a.firms.split(",")]
    repeat = 1 if a.quick else a.repeat
    md = [f"# qchain workspace against plain files{' (quick)' if a.quick else ''}", "",
          f"- machine: {machine()}",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}",
          "- whole processes, wall seconds and peak RSS (`wait4` of each child); the loads are the median of "
          f"{repeat} interleaved round{'s' if repeat > 1 else ''} (all runs in brackets); chains "
          "`qchain-generate --firms N --seed 1`",
          f"- targets (issue 16): import of 1M firms < {IMPORT_LIMIT_S:g} s; a snapshot loaded from the workspace "
          f"≤ {LOAD_RATIO:g}× the same chain loaded from JSON", ""]
    for n in sizes:
        runs, ws_mb = measure(n, repeat)
        json_s = statistics.median(s for s, _ in runs["json"])
        ws_s = statistics.median(s for s, _ in runs["workspace"])
        imp_s, imp_mb = runs["import"][0]
        md += [f"## {n:,} firms ({os.path.getsize(chain(n)) / 1e6:,.0f} MB of JSON, workspace {ws_mb:,.0f} MB)", "",
               "| run | wall s | ratio | peak MB | target | runs (s) |", "|---|---:|---:|---:|---|---|"]
        imp_target = ""
        if n >= 1000000:
            imp_target = f"< {IMPORT_LIMIT_S:g} s: {'met' if imp_s < IMPORT_LIMIT_S else '**missed**'}"
        md.append(f"| `qchain import` | {imp_s:.2f} | | {imp_mb:.0f} | {imp_target} | |")
        md.append(f"| `qchain summary CHAIN.json --json` | {json_s:.2f} | 1.00× | "
                  f"{max(p for _, p in runs['json']):.0f} | | {', '.join(f'{s:.2f}' for s, _ in runs['json'])} |")
        ok = ws_s / json_s <= LOAD_RATIO
        md.append(f"| `qchain summary W#ID --json` | {ws_s:.2f} | {ws_s / json_s:.2f}× | "
                  f"{max(p for _, p in runs['workspace']):.0f} | ≤ {LOAD_RATIO:g}×: {'met' if ok else '**missed**'} | "
                  f"{', '.join(f'{s:.2f}' for s, _ in runs['workspace'])} |")
        md.append("")
    folder = WORK if a.quick else RESULTS
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "workspace-quick.md" if a.quick else "workspace.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
