#!/usr/bin/env python3
"""Times the workbook paths of issue 17 as a user meets them (whole CLI runs, /usr/bin/time -v), each
beside a baseline measured in the same run:
  - reading a 100,000-firm survey workbook (`qchain check chain.xlsx`) against reading the same chain
    as JSON (`qchain check chain.json`); target: under 10 s;
  - writing the analysis tables of a 1,000,000-firm chain as xlsx (`analyze --no-brokers --xlsx`)
    against the same run writing JSON (`--json`); target: under 30 s for the xlsx run.
Writes bench/results/xlsx.md. Usage: bench/xlsx.py [--read-firms N] [--write-firms N]"""
import argparse
import os
import re
import shutil
import subprocess
import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
WORK = os.path.join(ROOT, "bench", "work")
QCHAIN = os.path.join(BUILD, "cli", "qchain")
GENERATE = os.path.join(BUILD, "data", "generate", "qchain-generate")


def timed(args):
    tool = shutil.which("time") or "/usr/bin/time"
    p = subprocess.run([tool, "-v"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(args)} exited {p.returncode}\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    seconds = parts[-1] + 60 * (parts[-2] if len(parts) > 1 else 0) + 3600 * (parts[-3] if len(parts) > 2 else 0)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (.*)", p.stderr).group(1)) / 1024
    return seconds, peak


def chain(n):
    path = os.path.join(WORK, f"chain-{n}-s1.json")
    if not os.path.exists(path):
        subprocess.run([GENERATE, "--firms", str(n), "--seed", "1", "-o", path], check=True)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--read-firms", type=int, default=100000)
    ap.add_argument("--write-firms", type=int, default=1000000)
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    src = chain(a.read_firms)
    book = os.path.join(WORK, f"chain-{a.read_firms}.xlsx")
    subprocess.run([QCHAIN, "export", src, "--format", "xlsx", "-o", book], check=True, stderr=subprocess.DEVNULL)
    read_json, read_json_mb = timed([QCHAIN, "check", src])
    read_xlsx, read_xlsx_mb = timed([QCHAIN, "check", book])
    big = chain(a.write_firms)
    out_json, out_xlsx = os.path.join(WORK, "analysis.json"), os.path.join(WORK, "analysis.xlsx")
    write_json, write_json_mb = timed([QCHAIN, "analyze", big, "--no-brokers", "--json", out_json])
    write_xlsx, write_xlsx_mb = timed([QCHAIN, "analyze", big, "--no-brokers", "--xlsx", out_xlsx])
    md = ["# qchain workbook benchmark", "",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; whole CLI runs, wall seconds and peak RSS",
          "",
          "| run | seconds | peak MB | ratio to its baseline | target |", "|---|---:|---:|---:|---|",
          f"| `check` {a.read_firms:,}-firm chain as JSON (baseline) | {read_json:.2f} | {read_json_mb:.0f} | 1 | |",
          f"| `check` the same chain as a survey workbook | {read_xlsx:.2f} | {read_xlsx_mb:.0f} | {read_xlsx / read_json:.1f}× | < 10 s: "
          f"{'met' if read_xlsx < 10 else 'missed'} |",
          f"| `analyze --no-brokers --json` {a.write_firms:,} firms (baseline) | {write_json:.2f} | {write_json_mb:.0f} | 1 | |",
          f"| `analyze --no-brokers --xlsx` the same, tables as xlsx | {write_xlsx:.2f} | {write_xlsx_mb:.0f} | {write_xlsx / write_json:.2f}× | < 30 s: "
          f"{'met' if write_xlsx < 30 else 'missed'} |", ""]
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "xlsx.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
