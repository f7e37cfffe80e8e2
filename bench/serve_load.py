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
Writes bench/results/serve-load.md (--quick: 2,000 firms, 8 clients, bench/work/serve-load-quick.md).
Usage: bench/serve_load.py [--firms 100000] [--clients 50] [--requests 40] [--seconds 120] [--quick]"""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_floor import QCHAIN, RESULTS, WORK, chain, commit, machine  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PILOT = os.path.join(ROOT, "data", "pilots", "anping-wire-mesh.json")
PILOT_ID = "anping-wire-mesh"
PILOT_STOP = "AP0018"
USER, PASSWORD = "bench", "bench-password-1"
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
    p = subprocess.Popen([QCHAIN, "--lang", "en", "serve", ws, "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    port = None
    while time.time() < deadline and port is None:
        line = p.stdout.readline()
        if not line:
            break
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
    if port is None:
        p.kill()
        sys.exit("serve_load: the server printed no address")
    # The access log goes on; drain it so that the server never blocks on a full pipe.
    log = open(os.path.join(WORK, "serve-load-server.log"), "w")
    threading.Thread(target=lambda: [log.write(l) or log.flush() for l in p.stdout], daemon=True).start()
    return p, port


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
    a = ap.parse_args()
    if a.quick:
        a.firms, a.clients, a.requests, a.seconds, a.whatif_runs = 2000, 8, 10, 60, 3
    gen_path = chain(a.firms)
    gen_id = f"synthetic-{a.firms}-s1"
    gen_firm = first_firm_id(gen_path)
    tmp = tempfile.mkdtemp(prefix="qchain-serve-load-")
    ws = os.path.join(tmp, "load.qcw")
    try:
        subprocess.run([QCHAIN, "workspace", "init", ws], check=True, capture_output=True)
        subprocess.run([QCHAIN, "import", ws, PILOT], check=True, capture_output=True)
        subprocess.run([QCHAIN, "import", ws, gen_path], check=True, capture_output=True)
        subprocess.run([QCHAIN, "user", ws, "add", USER, "--role", "admin"], input=PASSWORD + "\n",
                       check=True, capture_output=True, text=True)
        server, port = start_server(ws)
        try:
            rows = run_phases(a, server, port, gen_id, gen_firm)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
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
    rss0 = rss_kb(server.pid, "VmRSS")
    out = {"phases": []}
    for label, cid, firm, scn in (("pilot", PILOT_ID, PILOT_STOP, pilot_scn), (f"{a.firms:,} firms", gen_id, gen_firm, gen_scn)):
        before = rss_kb(server.pid, "VmRSS")
        warm = {}
        for name, method, path, body in mix(cid, firm, scn):
            st, data, ms, _ = c.call(method, path, body)
            if st != 200:
                sys.exit(f"serve_load: warm-up {name} answered {st}: {data[:200]!r} {getattr(c, 'error', '')}")
            warm[name] = ms
        after = rss_kb(server.pid, "VmRSS")
        lat, errors, wall = load(port, cookie, csrf, a.requests, a.clients, a.seconds, cid, firm, scn)
        out["phases"].append({"label": label, "warm": warm, "lat": lat, "errors": errors, "wall": wall,
                              "snapshot_rss_mb": (after - before) / 1024})
    single = []
    for _ in range(a.whatif_runs):
        st, data, ms, _ = c.call("POST", f"/api/v1/chains/{gen_id}/whatif", gen_scn)
        if st != 200:
            sys.exit(f"serve_load: what-if answered {st}: {data[:200]!r}")
        single.append(ms)
    out["single_whatif"] = single
    out["peak_rss_mb"] = rss_kb(server.pid, "VmHWM") / 1024
    out["idle_rss_mb"] = rss0 / 1024
    return out


def write(a, rows):
    md = [f"# qchain serve under load{' (quick)' if a.quick else ''}", "",
          f"- machine: {machine()}",
          f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit()}",
          f"- {a.clients} concurrent keep-alive clients on 127.0.0.1, each {a.requests} requests per chain, "
          "a fixed mix of summary, analysis, firm, map (SVG render) and what-if POST; Python clients, so "
          "client time is included in the latency",
          f"- targets (issue 18): p99 < {P99_CACHED_MS:g} ms for cached reads on a pilot; one what-if on "
          f"100,000 firms < {WHATIF_100K_MS:g} ms", ""]
    total_errors = 0
    for ph in rows["phases"]:
        n = sum(len(v) for v in ph["lat"].values())
        total_errors += len(ph["errors"])
        md += [f"## {ph['label']}", "",
               f"{n} requests in {ph['wall']:.1f} s: {n / ph['wall']:.0f} requests/s; errors {len(ph['errors'])}; "
               f"the snapshot's first requests added {ph['snapshot_rss_mb']:.0f} MB of RSS", "",
               "| kind | first (ms) | n | p50 (ms) | p99 (ms) |", "|---|---:|---:|---:|---:|"]
        for name, v in ph["lat"].items():
            md.append(f"| {name} | {ph['warm'][name]:.0f} | {len(v)} | {pct(v, 0.5):.1f} | {pct(v, 0.99):.1f} |")
        md += [""] + [f"- error: {e}" for e in ph["errors"][:10]] + [""]
    s = rows["single_whatif"]
    md += [f"One what-if at a time on the generated chain ({len(s)} runs): median {statistics.median(s):.0f} ms, "
           f"max {max(s):.0f} ms.", "",
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
