#!/usr/bin/env python3
"""`qchain serve` under load (issue 18), on loopback only, bounded in count and time.

In one run, against one server that this script starts on 127.0.0.1 (a free port) and stops:
  - a workspace holding a pilot and a generated chain (--firms, default 100,000);
  - one signed-in account (the server's login, cookie and CSRF token, as a browser uses them);
  - warm-up: each document once, so that the mix measures cached reads;
  - --clients concurrent clients (default 50), each with its own keep-alive connection, sending a fixed
    mix of summary, analysis, firm, map (render) reads and what-if POSTs on the pilot, then the same
    mix on the generated chain, --requests per client and never longer than --seconds;
  - one what-if at a time on the generated chain (--whatif-runs), the server otherwise idle.
Figures: throughput, p50 and p99 latency per kind, errors (must be 0), the server's peak RSS and the
RSS a cached snapshot adds. Targets: p99 < 100 ms for cached reads on the pilot; one what-if on
100,000 firms < 200 ms; memory per cached snapshot close to the model's own size.
The load clients are wrk (/usr/bin/wrk, one process per kind, --clients split evenly between them,
each for --wrk-seconds and at most --requests per connection): 50 Python threads on 2 cores took
much of the CPU the server needs (--client python keeps them, for comparison). The server's and the
clients' CPU per request are reported beside the latency.
Writes bench/results/serve-load.md (--quick: 2,000 firms, 8 clients, bench/work/serve-load-quick.md).
Usage: bench/serve_load.py [--firms 100000] [--clients 50] [--requests 40] [--seconds 120] [--quick]
       [--client wrk|python] [--wrk-seconds 10] [--skip-generated]"""
import argparse
import datetime
import http.client
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_floor import QCHAIN, RESULTS, WORK, chain, commit, machine  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
import qchain_serve  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PILOT = os.path.join(ROOT, "data", "pilots", "anping-wire-mesh.json")
PILOT_ID = "anping-wire-mesh"
PILOT_STOP = "AP0018"
USER, PASSWORD = "bench", "bench-password-1"
WRK = "/usr/bin/wrk"
P99_CACHED_MS = 100.0
WHATIF_100K_MS = 200.0


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Client:
    """One keep-alive connection with the session cookie and the CSRF token."""

    def __init__(self, port, cookie="", csrf=""):
        self.port, self.cookie, self.csrf = port, cookie, csrf
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    retries = 0  # requests sent again on a fresh connection after the server closed a kept-alive one

    def call(self, method, path, body=None, ctype="application/json"):
        st, data, ms, cookie = self.once(method, path, body, ctype)
        if st == 0:  # e.g. the server closed a connection idle past its 30 s timeout
            Client.retries += 1
            st, data, ms2, cookie = self.once(method, path, body, ctype)
            ms += ms2
        return st, data, ms, cookie

    def once(self, method, path, body=None, ctype="application/json"):
        headers = {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if method != "GET":
            headers["Content-Type"] = ctype
            if self.csrf:
                headers["X-CSRF-Token"] = self.csrf
        t = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
            status = r.status
            set_cookie = r.getheader("Set-Cookie") or ""
        except (OSError, http.client.HTTPException) as e:
            self.error = repr(e)
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return 0, b"", (time.perf_counter() - t) * 1000, ""
        return status, data, (time.perf_counter() - t) * 1000, set_cookie


def start_server(ws):
    server = qchain_serve.start(QCHAIN, ws, os.path.join(WORK, "serve-load-server.log"), lang="en")
    return server, server.port


def sign_in(port):
    c = Client(port)
    st, data, _, set_cookie = c.call("POST", "/api/v1/login", json.dumps({"user": USER, "password": PASSWORD}))
    if st != 200:
        sys.exit(f"serve_load: login answered {st}: {data[:200]!r}")
    return set_cookie.split(";")[0], json.loads(data)["csrf"]


def mix(chain_id, firm, scenario):
    base = f"/api/v1/chains/{chain_id}"
    return [("summary", "GET", base + "/summary", None),
            ("analysis", "GET", base + "/analysis", None),
            ("firm", "GET", f"{base}/firms/{firm}", None),
            ("map", "GET", base + "/render?view=map&format=svg", None),
            ("whatif", "POST", base + "/whatif", scenario)]


def load(port, cookie, csrf, requests, clients, seconds, chain_id, firm, scenario):
    lat = {}
    errors = []
    lock = threading.Lock()
    deadline = time.time() + seconds
    kinds = mix(chain_id, firm, scenario)

    def worker(k):
        c = Client(port, cookie, csrf)
        mine = {}
        for i in range(requests):
            if time.time() > deadline:
                break
            name, method, path, body = kinds[(i + k) % len(kinds)]
            st, data, ms, _ = c.call(method, path, body)
            mine.setdefault(name, []).append(ms)
            if st != 200:
                with lock:
                    errors.append(f"{name} {st} {data[:120]!r}")
        with lock:
            for n, v in mine.items():
                lat.setdefault(n, []).extend(v)

    t = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(seconds + 120)
    wall = time.perf_counter() - t
    return lat, errors, wall


WRK_SCRIPT = """
wrk.method = "{method}"
wrk.headers["Cookie"] = "{cookie}"
{extra}
local limit, seen = {limit}, 0
function response(status, headers, body)
  seen = seen + 1
  if seen >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests, e.connect + e.read + e.write + e.timeout,
                         e.status, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def lua_text(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def load_wrk(port, cookie, csrf, requests, clients, seconds, chain_id, firm, scenario):
    """One wrk process per kind, all at once: per kind its p50 and p99 from wrk's histogram."""
    kinds = mix(chain_id, firm, scenario)
    per = max(1, clients // len(kinds))
    procs = []
    t = time.perf_counter()
    for name, method, path, body in kinds:
        extra = ""
        if method != "GET":
            extra = (f'wrk.headers["Content-Type"] = "application/json"\nwrk.headers["X-CSRF-Token"] = "{csrf}"\n'
                     f'wrk.body = "{lua_text(body)}"')
        script = os.path.join(WORK, f"serve-load-{name}.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT.format(method=method, cookie=cookie, extra=extra, limit=requests * per))
        procs.append((name, subprocess.Popen([WRK, "-t1", f"-c{per}", f"-d{seconds:g}s", "--timeout", "30s", "-s", script,
                                              f"http://127.0.0.1:{port}{path}"], stdout=subprocess.PIPE, text=True)))
    stats, errors = {}, []
    for name, p in procs:
        try:
            out, _ = p.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
        m = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
        if not m:
            errors.append(f"{name}: wrk printed no result: {out[-300:]!r}")
            continue
        n, io_err, status_err = int(m.group(1)), int(m.group(2)), int(m.group(3))
        stats[name] = {"n": n, "p50": float(m.group(5)), "p99": float(m.group(6)), "wall": float(m.group(4))}
        errors += [f"{name}: {io_err} socket errors"] * (io_err > 0) + [f"{name}: {status_err} non-2xx"] * (status_err > 0)
    return stats, errors, time.perf_counter() - t


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_s():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def model_mb(path):
    """The peak RSS (/usr/bin/time) of `qchain summary` on the chain above that of `qchain --version`: the model's size."""
    def peak(args):
        r = subprocess.run(["/usr/bin/time", "-f", "%M", QCHAIN] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return int(r.stderr.strip().splitlines()[-1]) / 1024
    return peak(["summary", path, "--json", "-"]) - peak(["--version"])


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))]


def first_firm_id(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.search(r'\{"id":"([^"]+)","name"', line)
            if m and '"role"' in line:
                return m.group(1)
    sys.exit(f"serve_load: no firm in {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=40, help="per client and chain")
    ap.add_argument("--seconds", type=float, default=120, help="the most any load phase may take")
    ap.add_argument("--whatif-runs", type=int, default=10)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--client", choices=["wrk", "python"], default="wrk" if os.path.exists(WRK) else "python")
    ap.add_argument("--wrk-seconds", type=float, default=10, help="each wrk load phase's duration")
    ap.add_argument("--wrk-requests", type=int, default=5000, help="the most a wrk connection sends in a phase")
    ap.add_argument("--skip-generated", action="store_true", help="the pilot only")
    a = ap.parse_args()
    if a.quick:
        a.firms, a.clients, a.requests, a.seconds, a.whatif_runs = 2000, 8, 10, 60, 3
    gen_path = a.gen_path = chain(a.firms)
    gen_id = f"synthetic-{a.firms}-s1"
    gen_firm = first_firm_id(gen_path)
    tmp = tempfile.mkdtemp(prefix="qchain-serve-load-")
    ws = os.path.join(tmp, "load.qcw")
    try:
        subprocess.run([QCHAIN, "workspace", "init", ws], check=True, capture_output=True)
        subprocess.run([QCHAIN, "import", ws, PILOT], check=True, capture_output=True)
        if not a.skip_generated:
            subprocess.run([QCHAIN, "import", ws, gen_path], check=True, capture_output=True)
        subprocess.run([QCHAIN, "user", ws, "add", USER, "--role", "admin"], input=PASSWORD + "\n",
                       check=True, capture_output=True, text=True)
        server, port = start_server(ws)
        try:
            rows = run_phases(a, server, port, gen_id, gen_firm)
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write(a, rows)


def run_phases(a, server, port, gen_id, gen_firm):
    cookie, csrf = sign_in(port)
    pilot_scn = json.dumps({"format": "qchain-scenario/1", "name": "load",
                            "events": [{"type": "stop", "firms": [PILOT_STOP]}]})
    gen_scn = json.dumps({"format": "qchain-scenario/1", "name": "load",
                          "events": [{"type": "stop", "firms": [gen_firm]}]})
    c = Client(port, cookie, csrf)
    rss0 = rss_kb(server.proc.pid, "VmRSS")
    out = {"phases": []}
    phases = [("pilot", PILOT_ID, PILOT_STOP, pilot_scn, PILOT)]
    if not a.skip_generated:
        phases.append((f"{a.firms:,} firms", gen_id, gen_firm, gen_scn, a.gen_path))
    for label, cid, firm, scn, chain_path in phases:
        before = rss_kb(server.proc.pid, "VmRSS")
        warm = {}
        loaded = before
        for name, method, path, body in mix(cid, firm, scn):
            st, data, ms, _ = c.call(method, path, body)
            if name == "summary":  # the snapshot read and its analysis context, before any document or render
                loaded = rss_kb(server.proc.pid, "VmRSS")
            if st != 200:
                sys.exit(f"serve_load: warm-up {name} answered {st}: {data[:200]!r} {getattr(c, 'error', '')}")
            warm[name] = ms
        after = rss_kb(server.proc.pid, "VmRSS")
        server_cpu, client_cpu = cpu_s(server.proc.pid), own_cpu_s()
        if a.client == "wrk":
            stats, errors, wall = load_wrk(port, cookie, csrf, a.wrk_requests, a.clients, a.wrk_seconds, cid, firm, scn)
        else:
            lat, errors, wall = load(port, cookie, csrf, a.requests, a.clients, a.seconds, cid, firm, scn)
            stats = {n: {"n": len(v), "p50": pct(v, 0.5), "p99": pct(v, 0.99)} for n, v in lat.items()}
        out["phases"].append({"label": label, "warm": warm, "stats": stats, "errors": errors, "wall": wall,
                              "snapshot_rss_mb": (after - before) / 1024, "model_mb": model_mb(chain_path),
                              "loaded_rss_mb": (loaded - before) / 1024,
                              "server_cpu": cpu_s(server.proc.pid) - server_cpu, "client_cpu": own_cpu_s() - client_cpu})
    single = []
    for _ in range(0 if a.skip_generated else a.whatif_runs):
        st, data, ms, _ = c.call("POST", f"/api/v1/chains/{gen_id}/whatif", gen_scn)
        if st != 200:
            sys.exit(f"serve_load: what-if answered {st}: {data[:200]!r}")
        single.append(ms)
    out["single_whatif"] = single
    out["peak_rss_mb"] = rss_kb(server.proc.pid, "VmHWM") / 1024
    out["idle_rss_mb"] = rss0 / 1024
    return out


def write(a, rows):
    md = [f"# qchain serve under load{' (quick)' if a.quick else ''}", "",
          f"- machine: {machine()}",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}",
          (f"- {a.clients} concurrent keep-alive connections on 127.0.0.1, wrk (one process per kind, "
           f"{a.clients // 5} connections each, all at once, {a.wrk_seconds:g} s, at most {a.wrk_requests} requests per connection): "
           "summary, analysis, firm, map (SVG render) and what-if POST; a connection sends its next request when "
           "the answer is in" if a.client == "wrk" else
           f"- {a.clients} concurrent keep-alive clients on 127.0.0.1, each {a.requests} requests per chain, "
           "a fixed mix of summary, analysis, firm, map (SVG render) and what-if POST; Python clients, so "
           "client time is included in the latency"),
          "- the server with 2 I/O threads and 2 workers (cached reads on the I/O threads, the rest on the workers)",
          f"- targets (issue 18): p99 < {P99_CACHED_MS:g} ms for cached reads on a pilot; one what-if on "
          f"100,000 firms < {WHATIF_100K_MS:g} ms", ""]
    total_errors = 0
    for ph in rows["phases"]:
        n = sum(v["n"] for v in ph["stats"].values())
        total_errors += len(ph["errors"])
        md += [f"## {ph['label']}", "",
               f"{n} requests in {ph['wall']:.1f} s: {n / ph['wall']:.0f} requests/s; errors {len(ph['errors'])}; "
               f"CPU per request: server {1000 * ph['server_cpu'] / max(n, 1):.2f} ms, clients "
               f"{1000 * ph['client_cpu'] / max(n, 1):.2f} ms", "",
               f"Memory per cached snapshot: its first request (summary: the snapshot and its analyses) added "
               f"{ph['loaded_rss_mb']:.1f} MB of RSS, all five first requests (documents, a render, a what-if) "
               f"{ph['snapshot_rss_mb']:.1f} MB; the model alone (`qchain summary` peak RSS above `qchain --version`) "
               f"takes {ph['model_mb']:.1f} MB", "",
               "| kind | first (ms) | n | p50 (ms) | p99 (ms) |", "|---|---:|---:|---:|---:|"]
        for name, v in ph["stats"].items():
            md.append(f"| {name} | {ph['warm'][name]:.0f} | {v['n']} | {v['p50']:.1f} | {v['p99']:.1f} |")
        md += [""] + [f"- error: {e}" for e in ph["errors"][:10]] + [""]
    s = rows["single_whatif"]
    if s:
        md += [f"One what-if at a time on the generated chain ({len(s)} runs): median {statistics.median(s):.0f} ms, "
               f"max {max(s):.0f} ms.", ""]
    md += [
           f"Server RSS: {rows['idle_rss_mb']:.0f} MB idle, peak {rows['peak_rss_mb']:.0f} MB.", "",
           f"Requests sent again on a fresh connection after the server closed a kept-alive one: {Client.retries} "
           "(counted in the latency; not errors).", ""]
    path = os.path.join(WORK if a.quick else RESULTS, "serve-load-quick.md" if a.quick else "serve-load.md")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(md))
    os.replace(path + ".tmp", path)
    print("\n".join(md))
    if total_errors:
        sys.exit(f"serve_load: {total_errors} errors")


if __name__ == "__main__":
    main()
