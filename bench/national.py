#!/usr/bin/env python3
"""A national-scale run on one machine (issue 21, part 5): qchain-generate --network national at
--firms N (default 10,000,000), then each step a planner would run on it, as whole processes, with
wall time and peak RSS (os.wait4: the child's own rusage):
  generate, pack (`qchain pack`, when the build has it), open (`summary` on the .qcsr and on the
  JSON), structure (`analyze --only structure`), quality (`analyze --only quality`), one scenario
  (`whatif`, a scenario written for the generated ids), top-100 systemic (`analyze --systemic-top
  100`, when the build has it).
A step whose command the build does not have is listed as skipped. Writes
bench/results/national-N.md; the generated files are deleted afterwards unless --keep.
Outside CI: at 10M firms the JSON is ~7.7 GB and loading it needs ~15 GB of memory.
Usage: bench/national.py [--firms N] [--seed S] [--timeout SECONDS] [--keep]"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_floor import GENERATE, QCHAIN, RESULTS, WORK, commit, machine  # noqa: E402

CORE_SHARE, IN_SHARE = 0.26, 0.32  # data/generate/national.hpp: ids [IN, core, OUT]


def timed(args, timeout):
    """Wall seconds and peak RSS (MB) of the process: RUSAGE_CHILDREN's maxrss is the largest child
    so far, so every step runs in a fresh python child that reports its own child's figure."""
    probe = [sys.executable, "-c", (
        "import os,resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "p=subprocess.run(sys.argv[2:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,timeout=float(sys.argv[1]))\n"
        "s=time.perf_counter()-t\n"
        "sys.stderr.write(p.stderr.decode(errors='replace'))\n"
        "print(p.returncode,s,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)\n"),
        str(timeout)] + args
    p = subprocess.run(probe, capture_output=True, text=True)
    if p.returncode != 0:
        if "TimeoutExpired" in p.stderr:
            return None
        raise SystemExit(f"national: probe failed for {' '.join(args)}\n{p.stderr[-2000:]}")
    code, seconds, peak = p.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"national: {' '.join(args)} exited {code}\n{p.stderr[-2000:]}")
    return float(seconds), float(peak), p.stderr


def has_command(name):
    """The subcommand is listed by `qchain --help` (an unknown one followed by --help still exits 0)."""
    listing = subprocess.run([QCHAIN, "--lang", "en", "--help"], capture_output=True, text=True).stdout
    return re.search(rf"^\s+{name}\s", listing, re.M) is not None


def analyze_has(option):
    return option in subprocess.run([QCHAIN, "--lang", "en", "analyze", "--help"], capture_output=True, text=True).stdout


def firm_id(i, n):
    return "F" + str(i + 1).zfill(max(7, len(str(n))))


def scenario(n, path):
    """Ten core firms stop and an issue spreads through one sector: both channels, on ids that exist."""
    core_begin = int(IN_SHARE * n + 0.5)
    core = int(CORE_SHARE * n + 0.5)
    stopped = [firm_id(core_begin + k * core // 10, n) for k in range(10)]
    doc = {"format": "qchain-scenario/1", "name": "十家核心企业停产，原料批次问题扩散至汽车零部件",
           "events": [{"type": "stop", "firms": stopped},
                      {"type": "spread_issue", "code": "ISS-001", "segment": "seg12", "severity": 3}]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--firms", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="per step, seconds")
    ap.add_argument("--keep", action="store_true", help="keep the generated chain and snapshot")
    a = ap.parse_args()
    n = a.firms
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    chain = os.path.join(WORK, f"national-{n}-s{a.seed}.json")
    snap = os.path.join(WORK, f"national-{n}-s{a.seed}.qcsr")
    scen = os.path.join(WORK, f"national-{n}-scenario.json")
    scenario(n, scen)
    rows = []

    def step(name, what, args, input_size=None):
        print(f"national {n:,}: {name}", file=sys.stderr, flush=True)
        r = timed(args, a.timeout)
        rows.append((name, what, r, input_size))
        return r

    gen = step("generate", "qchain-generate --network national",
               [GENERATE, "--network", "national", "--firms", str(n), "--seed", str(a.seed), "--stats", "-o", chain])
    links = int(re.search(r"(\d+) links", gen[2]).group(1)) if gen else 0
    json_gb = os.path.getsize(chain) / 1e9
    packed = has_command("pack")
    if packed:
        step("pack", "qchain pack CHAIN -o FILE.qcsr", [QCHAIN, "pack", chain, "-o", snap])
    else:
        rows.append(("pack", "qchain pack (not in this build)", "skipped", None))
    src = snap if packed else chain
    if packed:
        step("open snapshot", "qchain summary FILE.qcsr", [QCHAIN, "summary", snap])
    else:
        rows.append(("open snapshot", "qchain summary FILE.qcsr (no pack)", "skipped", None))
    step("open JSON", "qchain summary CHAIN.json", [QCHAIN, "summary", chain])
    step("structure", "qchain analyze --only structure", [QCHAIN, "analyze", src, "--only", "structure"])
    # Betweenness (brokers) is the costliest part of structure; without it, the rest of the section.
    step("structure, no brokers", "qchain analyze --only structure --no-brokers",
         [QCHAIN, "analyze", src, "--only", "structure", "--no-brokers"])
    step("quality", "qchain analyze --only quality", [QCHAIN, "analyze", src, "--only", "quality"])
    step("scenario", "qchain whatif (10 core firms stop, an issue spreads)", [QCHAIN, "whatif", src, scen])
    if analyze_has("--systemic-top"):
        step("top-100 systemic", "qchain analyze --only systemic --systemic-top 100",
             [QCHAIN, "analyze", src, "--only", "systemic", "--systemic-top", "100"])
    else:
        rows.append(("top-100 systemic", "analyze --systemic-top (not in this build)", "skipped", None))

    out = os.path.join(RESULTS, f"national-{n}.md")
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# National-scale run: {n:,} firms, {links:,} links (bench/national.py)\n\n")
        f.write(f"{datetime.date.today()}, commit {commit()}, {machine()}. One process per step, wall time and peak RSS "
                f"(the child's rusage). Input of the analyses: {'the .qcsr snapshot' if packed else 'the JSON file'}; "
                f"the JSON is {json_gb:.2f} GB.\n\n")
        f.write("| step | command | wall s | peak MB | firms/s | links/s |\n|---|---|---:|---:|---:|---:|\n")
        for name, what, r, _ in rows:
            if r == "skipped":
                f.write(f"| {name} | {what} | skipped | | | |\n")
            elif r is None:
                f.write(f"| {name} | {what} | > {a.timeout:.0f} (timed out) | | | |\n")
            else:
                s, peak, _ = r
                f.write(f"| {name} | {what} | {s:.2f} | {peak:,.0f} | {n / s:,.0f} | {links / s:,.0f} |\n")
        f.write("\nGenerator summary (`--stats`):\n\n```\n" + (gen[2].strip() if gen else "") + "\n```\n")
    print(out)
    if not a.keep:
        for p in (chain, snap, scen):
            if os.path.exists(p):
                os.remove(p)


if __name__ == "__main__":
    main()
