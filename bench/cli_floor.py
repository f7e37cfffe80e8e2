#!/usr/bin/env python3
"""The CLI against the loading floor (issue 15), as a user meets it: whole processes, wall time and
peak RSS of each process, on generated chains. In one run, for each chain size:
  - the floor: build/bench/qchain-sax-floor, one RapidJSON SAX pass (rapidjson::Reader over
    FileReadStream) with a handler that does nothing;
  - `qchain summary CHAIN --json F`  (loading, the summary and its output);
  - `qchain analyze CHAIN --no-brokers --json F`.
Each is run --repeat times, interleaved (floor, summary, analyze, floor, ...), and the median is
reported with its ratio to the median floor: the machines are shared VMs whose first touch of
memory varies from run to run, and interleaving spreads that over all three alike.
--baseline QCHAIN also times another qchain binary (e.g. a build of main) in the same rounds.
Writes bench/results/cli-floor.md; --quick (20,000 firms, one round, for CI) writes
bench/work/cli-floor-quick.md instead.
Usage: bench/cli_floor.py [--firms 100000,1000000] [--repeat 3] [--baseline QCHAIN] [--quick]"""
import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
WORK = os.path.join(ROOT, "bench", "work")
RESULTS = os.path.join(ROOT, "bench", "results")
QCHAIN = os.path.join(BUILD, "cli", "qchain")
GENERATE = os.path.join(BUILD, "data", "generate", "qchain-generate")
FLOOR = os.path.join(BUILD, "bench", "qchain-sax-floor")
# Targets of issue 15, as multiples of the floor, and the memory bound.
TARGETS = {"summary": 2.5, "analyze": 7.0}
PEAK_LIMIT_MB = 2048


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed(args):
    """Wall seconds and peak RSS (MB) of one process, from os.wait4 (the child's own rusage, finer
    than /usr/bin/time's hundredths). A failed run stops the benchmark: it must not pass for a fast
    one. qchain exits 1 when the chain has warnings; that is a success."""
    start = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        raise SystemExit(f"cli_floor: {' '.join(args)} exited {p.returncode}\n{err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def chain(n):
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"chain-{n}-s1.json")
    if not os.path.exists(path):
        log(f"generating {n:,} firms")
        subprocess.run([GENERATE, "--firms", str(n), "--seed", "1", "-o", path], check=True, stdout=subprocess.DEVNULL)
    return path


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def machine():
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}"


def measure(n, repeat, binaries):
    """{(label, step): [(seconds, peak_mb), ...]} for one chain size."""
    path = chain(n)
    out = {}
    for r in range(repeat):
        log(f"{n:,} firms, round {r + 1}/{repeat}")
        out.setdefault(("", "floor"), []).append(timed([FLOOR, path]))
        for label, q in binaries:
            tag = "-baseline" if label else ""
            summary = os.path.join(WORK, f"floor-summary-{n}{tag}.json")
            analysis = os.path.join(WORK, f"floor-analyze-{n}{tag}.json")
            out.setdefault((label, "summary"), []).append(timed([q, "summary", path, "--json", summary]))
            out.setdefault((label, "analyze"), []).append(timed([q, "analyze", path, "--no-brokers", "--json", analysis]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", default="100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", help="another qchain binary, timed in the same rounds")
    ap.add_argument("--quick", action="store_true", help="20,000 firms, one round (CI's smoke run)")
    a = ap.parse_args()
    sizes = [20000] if a.quick else [int(s) for s in a.firms.split(",")]
    repeat = 1 if a.quick else a.repeat
    binaries = [("", QCHAIN)] + ([(" (baseline)", a.baseline)] if a.baseline else [])
    for tool in (FLOOR, QCHAIN, GENERATE):
        if not os.path.exists(tool):
            raise SystemExit(f"cli_floor: {tool} is missing; build first (scripts/build)")

    md = [f"# qchain CLI against the loading floor{' (quick)' if a.quick else ''}", "",
          f"- machine: {machine()}",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}",
          "- floor: `qchain-sax-floor`, one RapidJSON SAX pass (`rapidjson::Reader` over `FileReadStream`, a handler "
          "that does nothing) over the same file",
          f"- whole processes, wall seconds and peak RSS (`wait4` of each child); median of {repeat} interleaved "
          f"round{'s' if repeat > 1 else ''} (all runs in brackets); chains `qchain-generate --firms N --seed 1`",
          f"- targets (issue 15): summary ≤ {TARGETS['summary']:g}× the floor, analyze ≤ {TARGETS['analyze']:g}×, "
          f"peak RSS < {PEAK_LIMIT_MB / 1024:g} GB", ""]
    for n in sizes:
        runs = measure(n, repeat, binaries)
        floor = statistics.median(s for s, _ in runs[("", "floor")])
        size_mb = os.path.getsize(chain(n)) / 1e6
        md += [f"## {n:,} firms ({size_mb:,.0f} MB of JSON)", "",
               "| run | wall s | × floor | peak MB | target | runs (s) |", "|---|---:|---:|---:|---|---|"]
        for (label, step), rs in runs.items():
            wall = statistics.median(s for s, _ in rs)
            peak = max(p for _, p in rs)
            what = {"floor": "SAX floor (`qchain-sax-floor`)", "summary": "`qchain summary --json`",
                    "analyze": "`qchain analyze --no-brokers --json`"}[step] + label
            target = ""
            if step in TARGETS and not label:
                ok = wall / floor <= TARGETS[step] and peak < PEAK_LIMIT_MB
                target = f"≤ {TARGETS[step]:g}×, < {PEAK_LIMIT_MB / 1024:g} GB: {'met' if ok else '**missed**'}"
            md.append(f"| {what} | {wall:.2f} | {wall / floor:.2f}× | {peak:.0f} | {target} | "
                      f"{', '.join(f'{s:.2f}' for s, _ in rs)} |")
        md.append("")
    folder = WORK if a.quick else RESULTS
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "cli-floor-quick.md" if a.quick else "cli-floor.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
