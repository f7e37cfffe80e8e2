#!/usr/bin/python3
"""The explorer's speed in headless Chromium (issue 19, "Speed"), on loopback only, bounded in count and time.

In one run, against one `qchain serve` that this script starts on 127.0.0.1 (a free port) and stops:
  - a workspace of its own: the Anping pilot (data/pilots), and chains of 10,000 and of --firms
    (default 100,000) firms made by qchain-generate (seed 1);
  - one account made by `qchain user … add` (the password on stdin), signed in through /login;
  - time to interactive: navigation start to the page's `performance.mark("qchain-ready")` (the
    explorer's first view drawn and painted), for the pilot and the large chain; the first open of
    each, straight to its address (the server loads the snapshot then) and the median of --repeat after it;
  - panning the 10,000-firm view: a left-button drag through sigma's own mouse handlers (mouse
    events dispatched in the page, one move a frame) for --pan-seconds, the frames counted by
    requestAnimationFrame timestamps; the idle frame rate of the same page, measured just before,
    is the ceiling the pan is read against.
Targets: ready within 1 s (pilot) and 3 s (100,000 firms); panning above 30 frames per second.
Writes bench/results/web-speed.md (--quick: 20,000 firms, bench/work/web-speed-quick.md).
(Debian's python3 with python3-selenium: /usr/bin/python3.)
Usage: bench/web_speed.py [--firms 100000] [--repeat 3] [--pan-seconds 5] [--quick]"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_floor import QCHAIN, RESULTS, WORK, chain, commit, machine  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
import qchain_serve  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PILOT = os.path.join(ROOT, "data", "pilots", "anping-wire-mesh.json")
USER, PASSWORD = "bench", "bench-password-1"
READY_PILOT_MS, READY_LARGE_MS, PAN_FPS = 1000.0, 3000.0, 30.0
WAIT = 90  # seconds: the bound of every wait in the browser


def log(*a):
    print("[web_speed]", *a, file=sys.stderr, flush=True)


def start_server(ws):
    server = qchain_serve.start(QCHAIN, ws, os.path.join(WORK, "web-speed-server.log"), lang="en")
    return server, server.base


def browser(profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    # The same flags as the browser test (tests/web): WebGL through SwiftShader, on the CPU.
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                 "--window-size=1500,1000", "--lang=zh-CN", "--enable-unsafe-swiftshader", "--disable-dev-shm-usage"]:
        o.add_argument(flag)
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(WAIT)
    d.set_script_timeout(WAIT)
    return d


def until(d, what, condition):
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import TimeoutException
    try:
        return WebDriverWait(d, WAIT, poll_frequency=0.05).until(condition)
    except TimeoutException:
        sys.exit(f"web_speed: waited {WAIT} s for {what}")


def sign_in(d, base):
    """Through the login endpoint from the login page, as its form does, but without landing on the chains
    page: that page reads every chain's analysis, which would load the snapshots before the explorer asks."""
    d.get(base + "/login")
    r = d.execute_async_script("""
const [user, password, done] = arguments;
fetch('/api/v1/login', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': ''},
  body: JSON.stringify({user, password}), credentials: 'same-origin'}).then((r) => done(r.status), (e) => done(String(e)));""",
                               USER, PASSWORD)
    if r != 200:
        sys.exit(f"web_speed: login answered {r}")


READY = """
const m = performance.getEntriesByName('qchain-ready', 'mark')[0];
const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('/overview'))[0];
const n = performance.getEntriesByType('navigation')[0];
return window.qchainReady === true && m ? {ready: m.startTime, dom: n ? n.domContentLoadedEventEnd : null,
  overview_ms: r ? r.duration : null, overview_bytes: r ? r.encodedBodySize : null,
  status: (document.querySelector('.explore-bar .status') || {}).textContent || ''} : null;"""


def open_explorer(d, base, chain_id):
    """One fresh navigation to the explorer; the ready mark's time since navigation start."""
    d.get("about:blank")
    d.get(base + "/chains/" + chain_id)
    return until(d, "the ready signal of " + chain_id, lambda d: d.execute_script(READY))


# Frames counted by rAF timestamps for `ms`; with `pan`, a left-button drag through sigma's own mouse
# handlers, one move a frame, back and forth so that the view stays on the chain.
FRAMES = """
const [ms, pan, done] = arguments;
const layer = document.querySelector('#network canvas.sigma-mouse');
if (!layer) return done({error: 'no sigma mouse layer'});
const box = layer.getBoundingClientRect();
const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
const at = (type, x, y, target) => target.dispatchEvent(new MouseEvent(type, {clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true, view: window}));
const stamps = [];
let long = 0;
let observer = null;
try {
  observer = new PerformanceObserver((list) => { long += list.getEntries().length; });
  observer.observe({type: 'long-animation-frame', buffered: false});
} catch (e) { observer = null; long = null; }
if (pan) at('mousedown', cx, cy, layer);
let step = 0;
const frame = (t) => {
  stamps.push(t);
  if (pan) { step++; const dx = 120 * Math.sin(step / 20), dy = 60 * Math.sin(step / 31); at('mousemove', cx + dx, cy + dy, layer); }
  if (t - stamps[0] < ms && stamps.length < 100000) requestAnimationFrame(frame);
  else {
    if (observer) observer.disconnect();
    if (!pan) return done({stamps, long, settle: null});
    // The drop: the view drawn again where the drag left it, painted by the second frame after.
    const t0 = performance.now();
    at('mouseup', cx + 120 * Math.sin(step / 20), cy + 60 * Math.sin(step / 31), layer);
    requestAnimationFrame(() => requestAnimationFrame((t2) => done({stamps, long, settle: t2 - t0})));
  }
};
requestAnimationFrame(frame);"""


def frame_rate(d, seconds, pan):
    r = d.execute_async_script(FRAMES, seconds * 1000.0, pan)
    if r.get("error"):
        sys.exit("web_speed: " + r["error"])
    s = r["stamps"]
    gaps = sorted(b - a for a, b in zip(s, s[1:]))
    span = s[-1] - s[0]
    return {"frames": len(s) - 1, "ms": span, "fps": (len(s) - 1) / span * 1000.0 if span > 0 else 0.0,
            "p50_ms": gaps[len(gaps) // 2], "p95_ms": gaps[min(len(gaps) - 1, int(len(gaps) * 0.95))],
            "max_ms": gaps[-1], "over_33ms": sum(g > 1000 / 30 for g in gaps), "long_frames": r["long"],
            "settle_ms": r["settle"]}


def workspace(tmp, firms):
    ws = os.path.join(tmp, "web.qcw")
    subprocess.run([QCHAIN, "workspace", "init", ws], check=True, capture_output=True, timeout=120)
    for path in [PILOT, chain(10000), chain(firms)]:
        log("importing", os.path.basename(path))
        subprocess.run([QCHAIN, "import", ws, path], check=True, capture_output=True, timeout=900)
    subprocess.run([QCHAIN, "user", ws, "add", USER, "--role", "viewer"], input=PASSWORD + "\n",
                   check=True, capture_output=True, text=True, timeout=60)
    listing = json.loads(subprocess.run([QCHAIN, "workspace", "list", ws, "--json", "-"], check=True,
                                        capture_output=True, text=True, timeout=60).stdout)
    sizes = {c["id"]: c["snapshots"][-1]["firms"] for c in listing["chains"]}
    by_size = {n: next(i for i, k in sizes.items() if k == n) for n in sorted(set(sizes.values()))}
    return ws, by_size


def run(a, d, base, ids):
    pilot = next(i for i in ids.values() if i.startswith("anping"))
    rows = {}
    for name, chain_id in [("pilot", pilot), ("large", ids[a.firms]), ("10k", ids[10000])]:
        first = open_explorer(d, base, chain_id)
        again = [open_explorer(d, base, chain_id) for _ in range(a.repeat)]
        rows[name] = {"id": chain_id, "first": first, "again": again,
                      "median": statistics.median(x["ready"] for x in again)}
        log(name, chain_id, "first %.0f ms, median again %.0f ms" % (first["ready"], rows[name]["median"]))
    # The 10,000-firm view is on screen: idle, then panned; the screenshots must differ, or the drag moved nothing.
    time.sleep(0.5)
    idle = frame_rate(d, min(2.0, a.pan_seconds), False)
    before = d.get_screenshot_as_png()
    pan = frame_rate(d, a.pan_seconds, True)
    moved = d.get_screenshot_as_png() != before
    d.save_screenshot(os.path.join(WORK, "web-speed-10k.png"))
    log("idle %.1f fps, panning %.1f fps, moved %s" % (idle["fps"], pan["fps"], moved))
    return rows, idle, pan, moved


def ok(met):
    return "met" if met else "**missed**"


def write(a, rows, idle, pan, moved, path):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    large = rows["large"]
    L = [f"# The explorer's speed in headless Chromium (bench/web_speed.py)", "",
         f"{now}, commit {commit()}, {machine()}; Debian Chromium headless (`--disable-gpu`: WebGL through",
         "SwiftShader on the CPU), 1500 × 1000 window, `qchain serve` on loopback in the same machine.",
         "Time to interactive: navigation start → `performance.mark(\"qchain-ready\")` (the explorer's first",
         f"view drawn and painted). *First*: the first open after the server started, straight to the chain's",
         "address (the server loads the snapshot then: nothing asked for it before);",
         f"*again*: the median of {a.repeat} opens after it.", "",
         "| chain | firms | first open | again (median) | overview answer | target | |",
         "|---|---|---|---|---|---|---|"]
    for name, target in [("pilot", READY_PILOT_MS), ("large", READY_LARGE_MS), ("10k", None)]:
        r = rows[name]
        last = r["again"][-1]
        size = "%.0f ms, %.1f KB" % (last["overview_ms"] or 0, (last["overview_bytes"] or 0) / 1024)
        verdict = ok(r["first"]["ready"] <= target and r["median"] <= target) if target else "(the view panned below)"
        L.append(f"| {r['id']} | {last['status']} | {r['first']['ready']:.0f} ms | {r['median']:.0f} ms | {size} | "
                 f"{'≤ %.0f ms' % target if target else '—'} | {verdict} |")
    L += ["", f"Panning the 10,000-firm view ({rows['10k']['id']}, drawn firm by firm) for {a.pan_seconds:g} s, "
          "a drag through sigma's own mouse handlers, one move a frame; frames by requestAnimationFrame timestamps:", "",
          "| | frames | fps | frame p50 | p95 | longest | frames over 33 ms | long animation frames |",
          "|---|---|---|---|---|---|---|---|"]
    for label, f in [("idle (the ceiling)", idle), ("panning", pan)]:
        L.append(f"| {label} | {f['frames']} | {f['fps']:.1f} | {f['p50_ms']:.1f} ms | {f['p95_ms']:.1f} ms | "
                 f"{f['max_ms']:.1f} ms | {f['over_33ms']} | {f['long_frames'] if f['long_frames'] is not None else '—'} |")
    L += ["", f"Panning: {pan['fps']:.1f} fps = {pan['fps'] / idle['fps']:.2f} × the idle rate; target > {PAN_FPS:.0f} fps: "
          f"{ok(pan['fps'] > PAN_FPS)}. The view moved: {'yes' if moved else '**no** (the figure is void)'}. "
          f"The drop (the view drawn again where the drag left it, to the second frame after): {pan['settle_ms']:.0f} ms.",
          f"The large chain ({large['id']}) comes as {large['again'][-1]['status']}."]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(L) + "\n")
    os.replace(path + ".tmp", path)
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pan-seconds", type=float, default=5.0)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    if a.quick:
        a.firms, a.repeat, a.pan_seconds = 20000, 1, 2.0
    a.repeat = max(1, min(a.repeat, 10))
    a.pan_seconds = max(0.5, min(a.pan_seconds, 30.0))
    for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", QCHAIN]:
        if not os.path.exists(tool):
            sys.exit(f"web_speed: {tool} is missing")
    os.makedirs(WORK, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="qchain-web-speed-")
    server = d = None
    try:
        ws, ids = workspace(tmp, a.firms)
        server, base = start_server(ws)
        d = browser(os.path.join(tmp, "profile"))
        sign_in(d, base)
        rows, idle, pan, moved = run(a, d, base, ids)
        out = os.path.join(WORK, "web-speed-quick.md") if a.quick else os.path.join(RESULTS, "web-speed.md")
        print(write(a, rows, idle, pan, moved, out))
    finally:
        if d:
            d.quit()
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
