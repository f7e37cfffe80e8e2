"""One way for tests and benchmarks to start and stop `qchain serve`.

The server always listens on 127.0.0.1 with a port the kernel picks (`--listen 127.0.0.1:0`); it runs in
its own process group so that stopping it stops whatever it started; every wait is bounded. Its output
(stdout and stderr, the access log included) goes to a log file from the first line on, read by a
thread so that the server never blocks on a full pipe.

    with qchain_serve.start(qchain, workspace, log_path) as server:
        urllib.request.urlopen(server.base + "/")
"""
import os
import queue
import re
import signal
import subprocess
import threading
import time

ADDRESS = re.compile(r"127\.0\.0\.1:(\d+)")


def _signal_group(pgid, sig):
    """False when the group is gone."""
    try:
        os.killpg(pgid, sig)
        return True
    except ProcessLookupError:
        return False


class Server:
    def __init__(self, proc, port):
        self.proc, self.port = proc, port
        self.base = f"http://127.0.0.1:{port}"

    def stop(self, timeout=30):
        """SIGTERM to the group, then SIGKILL if it has not ended within `timeout` seconds."""
        # To the group even when its leader has ended: nothing it started may outlive the test.
        if not _signal_group(self.proc.pid, signal.SIGTERM):
            self.proc.wait(10)
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start(qchain, workspace, log_path, lang=None, timeout=60, extra=()):
    """Starts the server and returns once it has printed its address; raises SystemExit (with what it
    printed) if it ends or stays silent for `timeout` seconds."""
    cmd = [qchain] + (["--lang", lang] if lang else []) + ["serve", workspace, "--listen", "127.0.0.1:0", *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            errors="replace", start_new_session=True)
    lines = queue.Queue()
    started = threading.Event()  # once the address is read, lines go to the log only
    log = open(log_path, "w", encoding="utf-8")

    def drain():
        with log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if not started.is_set():
                    lines.put(line)
        lines.put(None)

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        left = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(left, 0.01)) if left > 0 else None
        except queue.Empty:
            line = None
        if line is None:
            ended = proc.poll() is not None
            Server(proc, 0).stop()
            why = f"ended (exit {proc.returncode})" if ended else f"printed no address within {timeout} s"
            raise SystemExit(f"qchain serve {why}: {''.join(seen)[-2000:]!r}")
        seen.append(line)
        m = ADDRESS.search(line)
        if m:
            started.set()
            return Server(proc, int(m.group(1)))
