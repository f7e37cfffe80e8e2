#!/usr/bin/env python3
"""Listing a large assistance ledger (issue 16 part 3: "listing 100,000 ledger entries < 1 s"), as a
user meets it: whole `qchain ledger REF list` processes, wall time.

A workspace holding the Anping pilot gets N entries (default 100,000) written straight into its
ledger tables (docs/workspace.md) in one transaction: every entry with a firm, a status, two issue
codes, two measures, a cost, a funding source, and every fifth a provider; each with the history rows
its creation writes. Then, each --repeat times, interleaved:
  - `qchain ledger REF list --json - > /dev/null`  (every entry, the JSON document only);
  - `qchain ledger REF list > /dev/null`           (every entry, the text table);
  - `qchain ledger REF list --json F > /dev/null`  (both: the JSON file and the table);
  - `qchain ledger REF list --status done --json -` (a quarter of them);
  - `qchain ledger REF list --firm AP0001 --json -` (one firm's, 1 in 396).
The median of each is reported against the 1 s target. Writes bench/results/ledger-list.md.
Usage: bench/ledger_list.py [--entries 100000] [--repeat 5]"""
import argparse
import datetime
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QCHAIN = os.path.join(ROOT, "build", "cli", "qchain")
PILOT = os.path.join(ROOT, "data", "pilots", "anping-wire-mesh.json")
RESULTS = os.path.join(ROOT, "bench", "results")
CHAIN = "anping-wire-mesh"
TARGET_S = 1.0


def run(args, stdout=subprocess.DEVNULL):
    subprocess.run([QCHAIN] + args, check=True, stdout=stdout, stderr=subprocess.DEVNULL)


def fill(ws, n):
    db = sqlite3.connect(ws, isolation_level=None)
    firms = [r[0] for r in db.execute("SELECT firm_id FROM firms")]
    codes = [r[0] for r in db.execute("SELECT code FROM issue_types")]
    statuses = ["planned", "in_progress", "done", "dropped"]
    db.execute("BEGIN IMMEDIATE")
    for k in range(3):
        db.execute("INSERT INTO providers (name, kind, region) VALUES (?, 'testing_lab', '衡水')", (f"检测机构{k}",))
    at, who = "2026-01-01T00:00:00Z", "bench"
    for k in range(n):
        cur = db.execute(
            "INSERT INTO ledger_entries (chain_id, firm_id, provider_id, status, start, \"end\", cost, funding_source, created_by, created_at) "
            "VALUES (?, ?, ?, ?, '2025-01-01', '2025-12-31', ?, '财政补贴', ?, ?)",
            (CHAIN, firms[k % len(firms)], (k % 3) + 1 if k % 5 == 0 else None, statuses[k % 4], float(k % 10), who, at))
        e = cur.lastrowid
        db.executemany("INSERT INTO ledger_entry_issues (entry_id, seq, code) VALUES (?, ?, ?)",
                       [(e, 0, codes[k % len(codes)]), (e, 1, codes[(k + 1) % len(codes)])])
        db.executemany("INSERT INTO ledger_entry_measures (entry_id, seq, text) VALUES (?, ?, ?)",
                       [(e, 0, f"来料检验规程 {k}"), (e, 1, "量具每月校准")])
        db.executemany("INSERT INTO ledger_history (entry_id, at, who, field, old_value, new_value) VALUES (?, ?, ?, ?, NULL, ?)",
                       [(e, at, who, "firm", firms[k % len(firms)]), (e, at, who, "status", statuses[k % 4])])
    db.execute("COMMIT")
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = os.path.join(tmp, "bench.qcw")
        run(["workspace", "init", ws])
        run(["import", ws, PILOT])
        fill(ws, a.entries)
        ref = f"{ws}#{CHAIN}"
        out = os.path.join(tmp, "list.json")
        cases = {
            "list --json -": ["ledger", ref, "list", "--json", "-"],
            "list": ["ledger", ref, "list"],
            "list --json F": ["ledger", ref, "list", "--json", out],
            "list --status done --json -": ["ledger", ref, "list", "--status", "done", "--json", "-"],
            "list --firm AP0001 --json -": ["ledger", ref, "list", "--firm", "AP0001", "--json", "-"],
        }
        times = {name: [] for name in cases}
        run(cases["list --json F"])  # warm the page cache
        for _ in range(a.repeat):
            for name, args in cases.items():
                t = time.perf_counter()
                run(args)
                times[name].append(time.perf_counter() - t)
        size = os.path.getsize(out)
    lines = [
        "# Listing the assistance ledger",
        "",
        f"{a.entries:,} entries (two issues, two measures each; every fifth with a provider) in one workspace;",
        f"whole `qchain` processes, median of {a.repeat} interleaved runs. Target (issue 16 part 3): < {TARGET_S:.0f} s.",
        f"{datetime.date.today()}, {platform.node()}, {os.cpu_count()} cores.",
        "",
        "| command | median s | min s | within target |",
        "|---|---:|---:|---|",
    ]
    for name, ts in times.items():
        med = statistics.median(ts)
        lines.append(f"| `qchain ledger REF {name}` | {med:.3f} | {min(ts):.3f} | {'yes' if med < TARGET_S else 'NO'} |")
    lines += ["", f"The JSON document of every entry: {size / 1e6:.1f} MB."]
    text = "\n".join(lines) + "\n"
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "ledger-list.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
