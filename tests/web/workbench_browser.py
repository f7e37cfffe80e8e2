#!/usr/bin/env python3
"""The workbench in a real browser (issue 19): headless Debian Chromium driven by Selenium against a
`qchain serve` that this test starts on a loopback port over a fresh demo workspace.

Signs in, opens the Anping pilot, finds a firm by part of its Chinese name with the keyboard alone,
sees it in the firm panel, runs a what-if whose leader yields are checked against the CLI's own
`whatif --json`, adds a ledger entry and finds it after a reload (and in the CLI's ledger), downloads
a table, drags a view of 2,500 generated firms (moved by its layers, drawn again on the drop), signs
out; no error in the browser's console. One screenshot a page goes to --artefacts.
Exit 77 (skipped) only when the qchain binary has no `serve` command, saying so."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts"))
import qchain_serve  # noqa: E402

CHAIN = "anping-wire-mesh"
USER, PASSWORD = "planner1", "workbench-test-password"
WAIT = 30  # seconds, the bound of every wait in the browser
BIG, BIG_FIRMS = "web-test-big", 2500  # above 2,000 firms the explorer pans by moving its drawn layers


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=300, **kw)


def has_command(qchain, name):
    # `qchain NAME --help` would print the top-level help for an unknown NAME too: read the command list.
    r = subprocess.run([qchain, "--help"], capture_output=True, text=True, timeout=60)
    return re.search(r"^\s+%s\s" % re.escape(name), r.stdout, re.M) is not None



def browser(downloads, profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                 "--window-size=1500,1000", "--lang=zh-CN", "--enable-unsafe-swiftshader", "--disable-dev-shm-usage"]:
        o.add_argument(flag)
    o.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(WAIT)
    d.set_script_timeout(WAIT)
    return d


class Check:
    def __init__(self, driver, artefacts):
        from selenium.webdriver.support.ui import WebDriverWait
        self.d, self.artefacts, self.failures = driver, artefacts, []
        self.wait = WebDriverWait(driver, WAIT, poll_frequency=0.2)

    def until(self, what, condition):
        from selenium.common.exceptions import TimeoutException
        try:
            return self.wait.until(lambda d: condition(d))
        except TimeoutException:
            self.shot("failed-" + re.sub(r"\W+", "-", what))
            raise AssertionError("waited %d s for: %s" % (WAIT, what))

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.until(selector, lambda d: d.find_element(By.CSS_SELECTOR, selector))

    def shot(self, name):
        self.d.save_screenshot(os.path.join(self.artefacts, name + ".png"))

    def console_errors(self):
        return [e for e in self.d.get_log("browser") if e.get("level") == "SEVERE"]


def cli_json(qchain, *args):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        path = f.name
    try:
        subprocess.run([qchain, *args, "--json", path], capture_output=True, text=True, timeout=300)
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    finally:
        os.unlink(path)


def pct(x):
    return "%.3f%%" % (x * 100)  # the what-if tables' precision


def pick_firm(pilot):
    """A firm whose name has a part found in no other firm's name: typing it must bring the firm up."""
    names = {f["id"]: f["name"] for f in pilot["firms"]}
    for fid, name in sorted(names.items()):
        if name.startswith("安平县") and len(name) > 7:
            part = name[3:7]
            if sum(part in n for n in names.values()) == 1:
                return fid, name, part
    raise AssertionError("no firm with a distinctive name in the pilot")


def scenario_for(analysis):
    leader = analysis["quality"]["leaders"][0]
    supplier = next(o["id"] for o in leader["origins"] if o["id"] != leader["id"])
    return leader["id"], supplier, {"format": "qchain-scenario/1", "name": "浏览器测试情景",
                                    "events": [{"type": "set_yield", "firms": [supplier], "value": 0.5}]}


def drag_large_view(c, base):
    """A real mouse drag on a view of more than 2,000 firms: the layers follow the mouse while it lasts, the
    view is drawn again where it was left, and the drag opens no firm."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    d = c.d
    d.get(base + "/chains/" + BIG)
    c.until("the large chain's ready signal", lambda d: d.execute_script("return window.qchainReady === true"))
    layer = c.css("#network canvas.sigma-mouse")
    shift = "return [...document.querySelectorAll('#network canvas')].map((x) => x.style.transform)"
    before = d.get_screenshot_as_png()
    drag = ActionChains(d).move_to_element(layer).click_and_hold().move_by_offset(60, 20).move_by_offset(60, 20)
    drag.perform()
    moving = c.until("the layers moved by the drag", lambda d: [t for t in d.execute_script(shift) if "translate" in t])
    assert len(set(moving)) == 1, "the layers moved apart: %s" % moving
    ActionChains(d).release().perform()
    c.until("the layers back in place", lambda d: not any(d.execute_script(shift)))
    time.sleep(0.5)  # the drop's draw
    assert d.get_screenshot_as_png() != before, "the view did not move"
    assert d.find_element(By.ID, "firm-panel").get_attribute("data-firm-id") is None, "the drag opened a firm"
    c.shot("11-large-view-dragged")


def session(c, base, qchain, ws, source, downloads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    d = c.d
    ref = ws + "#" + CHAIN
    with open(os.path.join(source, "data/pilots/anping-wire-mesh.json"), encoding="utf-8") as f:
        pilot = json.load(f)
    firm, firm_name, part = pick_firm(pilot)
    analysis = cli_json(qchain, "analyze", ref)
    leader, supplier, scenario = scenario_for(analysis)

    # Sign in.
    d.get(base + "/login")
    c.css("input[name=user]").send_keys(USER)
    c.css("input[name=password]").send_keys(PASSWORD)
    c.shot("01-login")
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    link = c.css("a.chain-link[href='/chains/%s']" % CHAIN)
    c.until("the chains table's leader yields", lambda d: d.find_elements(By.CSS_SELECTOR, "span.chip[data-firm-id]"))
    c.shot("02-chains")

    # Open the pilot; find a firm by part of its Chinese name, keyboard only.
    link.click()
    box = c.css("input[type=search]")
    # The ready signal the speed bench times (bench/web_speed.py): set once the first view is drawn.
    c.until("the explorer's ready signal", lambda d: d.execute_script(
        "return window.qchainReady === true && performance.getEntriesByName('qchain-ready', 'mark').length === 1"))
    c.until("the chain's overview drawn", lambda d: d.find_elements(By.CSS_SELECTOR, "#network canvas"))
    # The legend names every segment of the chain, in its declared order (the pilot's segments all have firms).
    chips = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#legend .chip")]
    declared = [s["name"] for s in sorted(pilot["segments"], key=lambda s: s.get("order", 0))]
    if chips != declared:
        raise AssertionError("overview legend %r, expected the segments %r" % (chips, declared))
    c.shot("02-overview")
    box.click()
    box.send_keys(part)
    c.until("a suggestion for " + firm, lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions li[data-firm-id='%s']" % firm))
    items = d.find_elements(By.CSS_SELECTOR, "#suggestions li")
    for _ in range(len(items) + 1):
        active = d.find_elements(By.CSS_SELECTOR, "#suggestions li.active")
        if active and active[0].get_attribute("data-firm-id") == firm:
            break
        box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ENTER)
    panel = c.until("the firm panel of " + firm,
                    lambda d: (p := d.find_element(By.ID, "firm-panel")).get_attribute("data-firm-id") == firm and p)
    assert firm in panel.text and firm_name in panel.text, "the firm panel shows neither %s nor %s" % (firm, firm_name)
    c.until("the network view", lambda d: d.find_elements(By.CSS_SELECTOR, "#network canvas, #network p.note"))
    # Escape closes the suggestions.
    box.clear()
    box.send_keys(part)
    c.until("suggestions again", lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions li"))
    box.send_keys(Keys.ESCAPE)
    c.until("Escape closing the suggestions", lambda d: not d.find_elements(By.CSS_SELECTOR, "#suggestions li"))
    time.sleep(0.5)  # sigma draws on the next frames
    # The neighbourhood's legend: segment names only, nothing else (no hint, no stray text).
    legend = c.css("#legend").text.split()
    if not legend or any(x not in declared for x in legend):
        raise AssertionError("neighbourhood legend %r, expected names among %r" % (legend, declared))
    c.shot("03-explorer")

    # A what-if: the leader's yield before and after, as the CLI computes them.
    scenario_file = os.path.join(downloads, "..", "scenario.json")
    with open(scenario_file, "w", encoding="utf-8") as f:
        json.dump(scenario, f, ensure_ascii=False)
    expected = cli_json(qchain, "whatif", ref, scenario_file)["scenarios"][0]["quality"]["leaders"]
    expected = {l["id"]: l for l in expected}[leader]
    assert pct(expected["before"]) != pct(expected["after"]), "the scenario should move %s's yield" % leader
    d.find_element(By.ID, "tab-link-whatif").click()
    c.css("#tab-whatif #whatif-form select[name=type]")
    from selenium.webdriver.support.ui import Select
    Select(d.find_element(By.CSS_SELECTOR, "#whatif-form select[name=type]")).select_by_value("set_yield")
    d.find_element(By.CSS_SELECTOR, "#whatif-form input[name=firms]").send_keys(supplier)
    d.find_element(By.CSS_SELECTOR, "#whatif-form input[name=value]").send_keys("0.5")
    d.find_element(By.ID, "whatif-run").click()
    row = c.css("#whatif-results tr[data-firm-id='%s']" % leader)
    cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1] == pct(expected["before"]) and cells[2] == pct(expected["after"]), \
        "what-if of %s: page %s, CLI %s → %s" % (leader, cells, pct(expected["before"]), pct(expected["after"]))
    c.shot("04-whatif")

    # A ledger entry, found again after a reload, and in the workspace.
    measure = "浏览器测试措施%d" % os.getpid()
    d.find_element(By.ID, "tab-link-plan").click()
    c.css("#tab-plan #ledger-add input[name=entry-firm]").send_keys(firm)
    d.find_element(By.CSS_SELECTOR, "#ledger-add input[name=entry-measure]").send_keys(measure)
    d.find_element(By.CSS_SELECTOR, "#ledger-add button[type=submit]").click()
    has_measure = "return [...document.querySelectorAll('#ledger tr[data-firm-id]')].some(tr => tr.dataset.firmId === arguments[1] && [...tr.querySelectorAll('input,td')].some(x => (x.value || x.textContent || '').includes(arguments[0])))"
    c.until("the new ledger entry", lambda d: d.execute_script(has_measure, measure, firm))
    d.refresh()
    c.until("the ledger entry after a reload", lambda d: d.execute_script(has_measure, measure, firm))
    entries = cli_json(qchain, "ledger", ref, "list")["entries"]
    assert any(e["firm"] == firm and measure in e["measures"] for e in entries), "the CLI's ledger lacks the entry"
    d.find_element(By.ID, "plan-run").click()
    c.css("#plan-result tr[data-firm-id]")
    c.shot("05-plan-ledger")

    # A table downloaded: the shared issues as CSV, with the CLI's first issue in it.
    d.find_element(By.ID, "tab-link-bottlenecks").click()
    c.css("#tab-bottlenecks tr[data-firm-id]")
    c.shot("06-bottlenecks")
    buttons = d.find_elements(By.CSS_SELECTOR, "#tab-bottlenecks .table-tools button")
    buttons[1].click()  # the second table: the shared issues
    path = os.path.join(downloads, "shared-issues.csv")
    c.until("the downloaded CSV", lambda d: os.path.exists(path) and os.path.getsize(path) > 0)
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    first_issue = analysis["quality"]["issues"][0]
    assert first_issue["code"] in text and first_issue["name"] in text, "the CSV lacks %s" % first_issue["code"]

    for tab, name in [("diagrams", "07-diagrams"), ("effect", "08-effect"), ("report", "09-report")]:
        d.find_element(By.ID, "tab-link-" + tab).click()
        c.css("#tab-" + tab)
        if tab == "diagrams":
            c.until("the chain map", lambda d: d.find_elements(By.CSS_SELECTOR, "#diagram-map svg, #diagram-map .error"))
            assert not d.find_elements(By.CSS_SELECTOR, "#diagram-map .error"), "the chain map did not render"
        if tab == "effect":
            c.until("the trend", lambda d: d.find_elements(By.CSS_SELECTOR, "#tab-effect svg.sparkline polyline"))
        c.shot(name)

    drag_large_view(c, base)

    # Sign out.
    d.find_element(By.ID, "sign-out").click()
    c.css("input[name=user]")
    c.shot("10-signed-out")
    errors = c.console_errors()
    assert not errors, "browser console errors: %s" % errors


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--qchain", required=True)
    a.add_argument("--generate", required=True, help="qchain-generate: a chain large enough for the explorer's drag by layers")
    a.add_argument("--source", required=True)
    a.add_argument("--artefacts", required=True)
    args = a.parse_args()
    for name in ["serve", "user"]:
        if not has_command(args.qchain, name):
            print("skipped: this qchain has no `%s` command (the server branch brings it)" % name)
            return 77
    for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]:
        if not os.path.exists(tool):
            print("FAIL: %s is missing (scripts/setup installs chromium and chromium-driver)" % tool)
            return 1
    shutil.rmtree(args.artefacts, ignore_errors=True)
    os.makedirs(args.artefacts)
    tmp = tempfile.mkdtemp(prefix="qchain-web-")
    server = driver = None
    try:
        run([os.path.join(args.source, "scripts/demo-workspace"), os.path.join(tmp, "demo"), args.qchain])
        ws = os.path.join(tmp, "demo/workspace/anping.qcw")
        region = cli_json(args.qchain, "summary", ws + "#" + CHAIN)["chain"]["region"]
        big = os.path.join(tmp, "big.json")
        run([args.generate, "--firms", str(BIG_FIRMS), "--seed", "3", "--chain-id", BIG, "-o", big])
        run([args.qchain, "import", ws, big])
        run([args.qchain, "user", ws, "add", USER, "--role", "planner", "--region", region], input=PASSWORD + "\n")
        server = qchain_serve.start(args.qchain, ws, os.path.join(args.artefacts, "server.log"), timeout=30)
        base = server.base
        downloads = os.path.join(tmp, "downloads")
        os.makedirs(downloads)
        driver = browser(downloads, os.path.join(tmp, "profile"))
        session(Check(driver, args.artefacts), base, args.qchain, ws, args.source, downloads)
        print("ok: workbench at %s; screenshots in %s" % (base, args.artefacts))
        return 0
    except (AssertionError, subprocess.CalledProcessError) as e:
        print("FAIL:", e, getattr(e, "stderr", "") or "")
        return 1
    finally:
        if driver:
            driver.quit()
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
