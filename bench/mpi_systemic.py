#!/usr/bin/env python3
"""qchain-mpi on 2 ranks against 1 rank (issue 21): the systemic index of every firm of a generated
network, `mpirun -n R qchain-mpi analyze CHAIN --only systemic --json F`. In one run, interleaved
(1 rank, 2 ranks, 1 rank, ...), --repeat rounds, the median of each:
  - the systemic phase alone, as rank 0 measures it (QCHAIN_MPI_TIMES): handing out the firms, the
    cascades and gathering the results;
  - the whole process (loading the chain and writing the JSON included, which each rank does alone).
Every run's JSON is checked byte-identical to single-process `qchain --threads 1`'s.
Writes bench/results/mpi-systemic.md.
Usage: bench/mpi_systemic.py [--firms 100000] [--network chain|national] [--repeat 3] [--generate QCHAIN_GENERATE]"""
import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
WORK = os.path.join(ROOT, "bench", "work")
RESULTS = os.path.join(ROOT, "bench", "results")
QCHAIN = os.path.join(BUILD, "cli", "qchain")
QCHAIN_MPI = os.path.join(BUILD, "mpi", "qchain-mpi")
GENERATE = os.path.join(BUILD, "data", "generate", "qchain-generate")
TARGET = 1.8


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def timed(cmd, env=None):
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def spread_run(ranks, chain, out, times):
    env = dict(os.environ, QCHAIN_MPI_TIMES=times, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    if os.path.exists(times):
        os.remove(times)
    cmd = ["mpirun", "--oversubscribe", "--allow-run-as-root", "--bind-to", "core", "-n", str(ranks), QCHAIN_MPI,
           "analyze", chain, "--only", "systemic", "--json", out]
    wall = timed(cmd, env)
    phase, shares = None, {}
    with open(times) as f:
        for line in f:
            w = line.split()
            if w[0] == "systemic":
                phase = float(w[1])
            elif w[0] == "share":
                shares[int(w[1])] = int(w[2])
    return wall, phase, shares


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100000)
    ap.add_argument("--network", default="chain", choices=["chain", "national"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--generate", default=GENERATE, help="the qchain-generate to make the network with (e.g. main's build)")
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    chain = os.path.join(WORK, f"mpi-{a.network}-{a.firms}.json")
    gen = [a.generate, "--firms", str(a.firms), "--seed", "1", "-o", chain]
    if a.network == "national":
        gen[1:1] = ["--network", "national"]
    if not os.path.exists(chain):
        log("generating", " ".join(gen))
        subprocess.run(gen, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        single = os.path.join(tmp, "single.json")
        log("qchain --threads 1 (the reference output)")
        single_wall = timed([QCHAIN, "analyze", chain, "--only", "systemic", "--threads", "1", "--json", single])
        with open(single, "rb") as f:
            expected = f.read()
        runs = {1: [], 2: []}
        last_shares = {}
        for k in range(a.repeat):
            for ranks in (1, 2):
                out = os.path.join(tmp, f"spread-{ranks}.json")
                wall, phase, shares = spread_run(ranks, chain, out, os.path.join(tmp, "times"))
                last_shares[ranks] = shares
                with open(out, "rb") as f:
                    if f.read() != expected:
                        sys.exit(f"qchain-mpi -n {ranks}: output differs from qchain's")
                runs[ranks].append((wall, phase))
                log(f"round {k + 1}: {ranks} rank(s): systemic {phase:.2f} s, whole {wall:.2f} s")
    med = {r: (statistics.median(w for w, _ in v), statistics.median(p for _, p in v)) for r, v in runs.items()}
    speedup_phase = med[1][1] / med[2][1]
    speedup_wall = med[1][0] / med[2][0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    verdict = "met" if speedup_phase >= TARGET else "**missed**"
    lines = [
        "# qchain-mpi: the systemic index on 2 ranks against 1 rank",
        "",
        f"- machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu_model()}",
        f"- date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; commit {commit}",
        f"- network: `qchain-generate{' --network national' if a.network == 'national' else ''} --firms {a.firms} --seed 1` "
        f"({'national mode' if a.network == 'national' else 'chain mode: the national mode was not in main yet'})",
        "- command: `mpirun --bind-to core -n R qchain-mpi analyze CHAIN --only systemic --json F`, one cascade thread per rank",
        f"- median of {a.repeat} interleaved rounds; every output byte-identical to `qchain --threads 1`'s "
        f"(which took {single_wall:.2f} s whole)",
        f"- target (issue 21): 2 ranks ≥ {TARGET}× one rank",
        "",
        "| ranks | systemic phase s | whole process s | runs (phase s) |",
        "|---:|---:|---:|---|",
    ]
    for r in (1, 2):
        lines.append(f"| {r} | {med[r][1]:.2f} | {med[r][0]:.2f} | {', '.join(f'{p:.2f}' for _, p in runs[r])} |")
    split = ", ".join(f"rank {r}: {n:,}" for r, n in sorted(last_shares.get(2, {}).items()))
    load = os.getloadavg()
    lines += [
        "",
        f"Firms each rank took on 2 ranks (last round): {split}. Load average at the end "
        f"(other jobs on the machine): {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}.",
        "",
        f"Speed-up of 2 ranks: **{speedup_phase:.2f}×** on the systemic phase ({verdict}), {speedup_wall:.2f}× on the "
        "whole process (loading the chain and writing the JSON are not spread: every rank loads, rank 0 writes).",
        "",
    ]
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "mpi-systemic.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
