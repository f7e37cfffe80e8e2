#!/usr/bin/env python3
"""Drives the benchmark (see bench/run): generates chains with fixed seeds, times every qchain step
in-process (build/bench/qchain-bench) and the whole CLI run (/usr/bin/time -v), runs the peers
(bench/peers.py, each step under a time cap) on the same files, and writes bench/results/latest.md,
latest.json and scale.png. Figures are compared as ratios measured in the same run."""
import argparse
import datetime
import json
import os
import platform
import re
import select
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
WORK = os.path.join(ROOT, "bench", "work")
RESULTS = os.path.join(ROOT, "bench", "results")
GENERATE = os.path.join(BUILD, "data", "generate", "qchain-generate")
BENCH = os.path.join(BUILD, "bench", "qchain-bench")
QCHAIN = os.path.join(BUILD, "cli", "qchain")

# qchain step -> the peer step it is compared with
PAIRS = [
    ("load", "parse+build", "JSON parse + graph build"),
    ("tiers", "tiers", "SCC condensation + longest-path tiers"),
    ("supply_bases", "supply_bases", "supply bases of all leaders"),
    ("critical_suppliers", "dominators", "critical suppliers (peers: dominator tree from a virtual root, the pure-OR special case only)"),
    ("cut_firms", "articulation", "articulation points"),
    ("betweenness", "betweenness", "betweenness (sampled above 50k firms; python-igraph exact)"),
    ("forward", "propagation", "one propagation pass (peers: one scipy sparse mat-vec)"),
]
STRUCTURAL = ["tiers", "supply_bases", "critical_suppliers", "cut_firms"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def generate(firms, seed=1, chain_id=None):
    """seed 1, or with chain_id another seed as a later snapshot of that chain."""
    path = os.path.join(WORK, f"chain-{firms}-s{seed}" + (f"-{chain_id}" if chain_id else "") + ".json")
    if not os.path.exists(path):
        extra = ["--chain-id", chain_id] if chain_id else []
        subprocess.run([GENERATE, "--firms", str(firms), "--seed", str(seed), "-o", path] + extra, check=True)
    return path


def timed_cli(args):
    """Wall, user and peak RSS of one CLI run, from /usr/bin/time -v."""
    tool = shutil.which("time") or "/usr/bin/time"
    p = subprocess.run([tool, "-v"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out = {"exit": p.returncode}
    for key, pat in [("wall", r"Elapsed \(wall clock\) time.*: (.*)"), ("user", r"User time \(seconds\): (.*)"),
                     ("peak_mb", r"Maximum resident set size \(kbytes\): (.*)")]:
        m = re.search(pat, p.stderr)
        if not m:
            continue
        v = m.group(1).strip()
        if key == "wall":
            parts = [float(x) for x in v.split(":")]
            v = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
        out[key] = float(v) / (1024 if key == "peak_mb" else 1)
    return out


def run_peer(peer, path, samples, cap):
    """Every peer step, each under `cap` seconds: a step that overruns is killed, reported as
    '>cap', and the peer restarted past it."""
    results, skip = {}, set()
    py = sys.executable
    while True:
        cmd = [py, os.path.join(ROOT, "bench", "peers.py"), "--peer", peer, "--file", path, "--samples", str(samples),
               "--skip", ",".join(sorted(skip))]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + cap
        pending = [s for s in ["parse", "build", "tiers", "supply_bases", "dominators", "articulation", "betweenness",
                               "propagation"] if s not in skip]
        timed_out = None
        while pending:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([p.stdout], [], [], max(0.0, left))
            if not ready:
                timed_out = pending[0]
                p.kill()
                break
            line = p.stdout.readline()
            if not line:
                break
            r = json.loads(line)
            results[r["step"]] = r.get("seconds", r.get("error"))
            skip.add(r["step"])
            pending.remove(r["step"])
            deadline = time.monotonic() + cap
        p.wait()
        if timed_out is None:
            if pending:  # the peer died
                err = p.stderr.read()[-300:]
                for s in pending:
                    results[s] = "error: " + err.strip().splitlines()[-1] if err.strip() else "error"
            return results
        results[timed_out] = f">{cap:g}"
        skip.add(timed_out)
        if timed_out in ("parse", "build"):
            for s in pending:
                results.setdefault(s, f">{cap:g}")
            return results


def fmt(x):
    if isinstance(x, str):
        return x
    if x is None:
        return "–"
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def ratio(peer, ours):
    if isinstance(peer, str) and peer.startswith(">"):
        return ">" + fmt(float(peer[1:]) / ours) + "×"
    if not isinstance(peer, (int, float)) or not ours:
        return "–"
    return fmt(peer / ours) + "×"


def peer_time(res, step):
    if step == "parse+build":
        a, b = res.get("parse"), res.get("build")
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a + b
        return a if isinstance(a, str) else b
    return res.get(step)


def machine():
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
        mem = f"{kb / 1048576:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, {mem}"


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def plot(data, path):
    gp = shutil.which("gnuplot")
    if not gp:
        log("gnuplot not installed: no plot")
        return False
    series = {}
    for d in data:
        links = d["qchain"]["links"]
        q = sum(d["qchain"]["steps"][s] for s in STRUCTURAL)
        series.setdefault("qchain structure", []).append((links, q))
        series.setdefault("qchain load", []).append((links, d["qchain"]["steps"]["load"]))
        for peer in ("networkx", "igraph"):
            r = d.get(peer)
            if not r:
                continue
            vals = [peer_time(r, s) for s in ("tiers", "supply_bases", "dominators", "articulation")]
            if all(isinstance(v, (int, float)) for v in vals):
                series.setdefault(f"{peer} structure", []).append((links, sum(vals)))
            lb = peer_time(r, "parse+build")
            if isinstance(lb, (int, float)):
                series.setdefault(f"{peer} load", []).append((links, lb))
    files, cmds = [], []
    for i, (name, pts) in enumerate(sorted(series.items())):
        f = os.path.join(WORK, f"plot{i}.dat")
        with open(f, "w") as out:
            out.writelines(f"{x} {y}\n" for x, y in pts)
        files.append(f)
        cmds.append(f"'{f}' using 1:2 with linespoints title '{name}'")
    script = (f"set terminal pngcairo size 900,600\nset output '{path}'\nset logscale xy\nset grid\n"
              "set xlabel 'links'\nset ylabel 'seconds'\nset key left top\n"
              "set title 'qchain and peers: time against chain size (same machine, same run)'\n"
              "plot " + ", ".join(cmds) + "\n")
    subprocess.run([gp], input=script, text=True, check=True)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--quick", action="store_true", help="1,000 and 10,000 firms, no peers")
    ap.add_argument("--cap", type=float, default=300, help="seconds allowed to each peer step")
    ap.add_argument("--samples", type=int, default=256)
    ap.add_argument("--peers", default="networkx,igraph")
    a = ap.parse_args()
    sizes = [1000, 10000] if a.quick else [int(s) for s in a.sizes.split(",")]
    peers = [] if a.quick else [p for p in a.peers.split(",") if p]
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)

    data = []
    for n in sizes:
        log(f"== {n} firms")
        path = generate(n)
        d = {"firms": n}
        d["qchain"] = json.loads(subprocess.run([BENCH, path, "--samples", str(a.samples), "--threads", "2"],
                                                capture_output=True, text=True, check=True).stdout)
        out = os.path.join(WORK, f"analyze-{n}.json")
        d["cli_analyze"] = timed_cli([QCHAIN, "analyze", path, "--json", out, "--samples", str(a.samples), "--threads", "2"])
        d["cli_analyze_no_brokers"] = timed_cli([QCHAIN, "analyze", path, "--json", out, "--no-brokers"])
        # Programme views, each beside the load it cannot avoid (`check` of the same files, same run).
        # compare: another seed under the same chain id (a later snapshot); portfolio: another chain. The
        # generator numbers firms alike, so every firm is "in both chains": the worst case for that step.
        later = generate(n, 2, f"synthetic-{n}-s1")
        other = generate(n, 2)
        side = os.path.join(WORK, f"views-{n}.json")
        d["cli_check"] = timed_cli([QCHAIN, "check", path])
        d["cli_compare"] = timed_cli([QCHAIN, "compare", path, later, "--json", side])
        d["cli_grade"] = timed_cli([QCHAIN, "grade", path, "--json", side])
        d["cli_portfolio"] = timed_cli([QCHAIN, "portfolio", path, other, "--json", side])
        for k in ("cli_check", "cli_compare", "cli_grade", "cli_portfolio"):
            if d[k].get("exit") not in (0, 1):  # a failed run must not pass for a fast one
                raise SystemExit(f"bench: {k} at {n} firms exited {d[k].get('exit')}")
        for peer in peers:
            log(f"   {peer}")
            d[peer] = run_peer(peer, path, a.samples, a.cap)
        data.append(d)

    quick = " (quick)" if a.quick else ""
    md = [f"# qchain benchmark{quick}", "",
          f"- machine: {machine()}",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}",
          f"- chains: `qchain-generate --firms N --seed 1` (about 4 links per firm); betweenness sampled from "
          f"{a.samples} sources above 50,000 firms; peer steps capped at {a.cap:g} s",
          "- times in seconds; a ratio is the peer's time over qchain's, both measured in this run",
          ""]
    for d in data:
        q = d["qchain"]
        md += [f"## {d['firms']:,} firms, {q['links']:,} links", "",
               "| step | qchain |" + "".join(f" {p} | ratio |" for p in peers),
               "|---|---:|" + "---:|---:|" * len(peers)]
        for ours, theirs, label in PAIRS:
            row = f"| {label} | {fmt(q['steps'][ours])} |"
            for p in peers:
                t = peer_time(d[p], theirs)
                row += f" {fmt(t)} | {ratio(t, q['steps'][ours])} |"
            md.append(row)
        extra = [f"{k} {fmt(q['steps'][k])} s" for k in ("scenario", "systemic", "risk_1000", "plan_50", "render_map") if k in q["steps"]]
        md += ["", "- what-if and planning: " + ", ".join(extra) if extra else "",
               f"- quality section (forward, adjoint per leader, gain of every issue, risk index): "
                   f"{fmt(q['steps']['quality_section'])} s; adjoint for all leaders {fmt(q['steps']['adjoint'])} s",
               f"- forward pass: {q['forward_edges_per_s'] / 1e6:.0f} M links/s = "
               f"**{100 * q['forward_edges_per_s'] / q['limit']['gather_edges_per_s']:.0f} %** of the limit measured in this "
               f"run, a plain multiply-add per link over the same reverse CSR ({q['limit']['gather_edges_per_s'] / 1e6:.0f} M/s); "
               f"a sequential stream of the same size reaches {q['limit']['stream_edges_per_s'] / 1e6:.0f} M/s "
               f"({q['limit']['stream_bytes_per_s'] / 1e9:.1f} GB/s)",
               f"- in-process peak RSS {q['peak_rss_mb']:.0f} MB; whole CLI run `qchain analyze --json`: "
               f"{fmt(d['cli_analyze'].get('wall'))} s wall, {fmt(d['cli_analyze'].get('user'))} s user, "
               f"{d['cli_analyze'].get('peak_mb', 0):.0f} MB peak; without betweenness "
               f"{fmt(d['cli_analyze_no_brokers'].get('wall'))} s, {d['cli_analyze_no_brokers'].get('peak_mb', 0):.0f} MB",
               "- programme views, CLI wall time (× one `check` of a chain in this run, i.e. loading it): " +
               ", ".join(f"{k} {fmt(d['cli_' + k].get('wall'))} s ({d['cli_' + k].get('wall', 0) / max(d['cli_check'].get('wall', 1e-9), 1e-9):.1f}×, "
                         f"{d['cli_' + k].get('peak_mb', 0):.0f} MB)" for k in ("compare", "grade", "portfolio")) +
               f"; check {fmt(d['cli_check'].get('wall'))} s", ""]

    targets = []
    by = {d["firms"]: d for d in data}
    if 1000000 in by:
        d = by[1000000]
        q = d["qchain"]["steps"]
        targets += [("load (1M firms / 4M links)", "< 4 s", q["load"], q["load"] < 4),
                    ("tiers + supply bases + critical suppliers + cut firms (1M)", "< 5 s",
                     sum(q[s] for s in STRUCTURAL), sum(q[s] for s in STRUCTURAL) < 5),
                    ("sampled betweenness, 256 sources, 2 threads (1M)", "< 60 s", q["betweenness"], q["betweenness"] < 60),
                    ("quality section (1M)", "< 5 s", q["quality_section"], q["quality_section"] < 5),
                    ("full analyze without betweenness, CLI (1M)", "< 15 s", d["cli_analyze_no_brokers"].get("wall"),
                     d["cli_analyze_no_brokers"].get("wall", 1e9) < 15),
                    ("peak RSS, CLI analyze (1M)", "< 2 GB", d["cli_analyze"].get("peak_mb"),
                     d["cli_analyze"].get("peak_mb", 1e9) < 2048)]
        if "scenario" in q:
            targets.append(("one scenario (1M)", "< 1 s", q["scenario"], q["scenario"] < 1))
        if "render_map" in q:
            targets.append(("aggregated chain map to SVG (1M)", "< 10 s", q["render_map"], q["render_map"] < 10))
        if "plan_50" in q:
            targets.append(("plan --budget 50 (1M)", "(target at 100k)", q["plan_50"], True))
    if 100000 in by and "systemic" in by[100000]["qchain"]["steps"]:
        q = by[100000]["qchain"]["steps"]
        targets += [("systemic index of all firms, 2 threads (100k)", "< 10 s", q["systemic"], q["systemic"] < 10),
                    ("risk --runs 1000, 2 threads (100k)", "< 60 s", q["risk_1000"], q["risk_1000"] < 60),
                    ("plan --budget 50 (100k)", "< 10 s", q["plan_50"], q["plan_50"] < 10)]
    for d in data:
        q = d["qchain"]
        frac = q["forward_edges_per_s"] / q["limit"]["gather_edges_per_s"]
        targets.append((f"forward pass / limit ({d['firms']:,})", "≥ 25 %", f"{100 * frac:.0f} %", frac >= 0.25))
    if 100000 in by and peers:
        d = by[100000]
        for ours, theirs, label in PAIRS[1:5]:
            for p, need in (("networkx", 50), ("igraph", 1)):
                if p not in d:
                    continue
                t = peer_time(d[p], theirs)
                ok = isinstance(t, str) or (isinstance(t, (int, float)) and t / d["qchain"]["steps"][ours] >= need)
                targets.append((f"{label.split(' (')[0]} vs {p} (100k)", f"≥ {need}×", ratio(t, d["qchain"]["steps"][ours]), ok))
    if targets:
        md += ["## Targets", "", "| target | goal | measured | met |", "|---|---|---:|---|"]
        md += [f"| {t} | {g} | {fmt(m) if not isinstance(m, str) else m} | {'yes' if ok else '**NO**'} |" for t, g, m, ok in targets]
        md.append("")

    # The committed snapshot is a full run's; quick runs (CI's smoke test) stay in the work folder.
    name = "quick" if a.quick else "latest"
    folder = WORK if a.quick else RESULTS
    png = os.path.join(folder, f"{name}.png")
    if plot(data, png):
        md += [f"![time against links]({os.path.basename(png)})", ""]
    with open(os.path.join(folder, f"{name}.md"), "w") as f:
        f.write("\n".join(md))
    with open(os.path.join(folder, f"{name}.json"), "w") as f:
        json.dump(data, f, indent=1)
    print("\n".join(md))
    if a.quick:
        # CI's smoke run also exercises the floor benchmark (bench/cli_floor.py), at 20,000 firms.
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "cli_floor.py"), "--quick"], check=True)
        # and the workspace's import and loads against JSON (bench/workspace.py), at 20,000 firms.
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "workspace.py"), "--quick"], check=True)


if __name__ == "__main__":
    main()
