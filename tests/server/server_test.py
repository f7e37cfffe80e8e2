"""qchain serve's transport and accounts against a real server on 127.0.0.1 (an ephemeral port).

The server is tests/server/server_host.cpp: qchain::server::serve with a fake API that echoes the
identity, method, path, query and body it is handed. Accounts are made with the real `qchain user`.
Every wait is bounded. Run: server_test.py QCHAIN SERVER_HOST [unittest args]."""
import http.client
import json
import os
import re
import select
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

QCHAIN = HOST = None
URL = re.compile(r"(https?)://127\.0\.0\.1:(\d+)/")
PASSWORDS = {"admin": "admin password", "li": "planner password", "wang": "viewer password"}


def qchain(*args, stdin=""):
    return subprocess.run([QCHAIN, *args], input=stdin, capture_output=True, text=True, timeout=60)


def make_workspace(folder, users=True):
    ws = os.path.join(folder, "ws.qcw")
    assert qchain("workspace", "init", ws).returncode == 0
    if users:
        for name, role, regions in (("admin", "admin", []), ("li", "planner", ["福建省", "河北省"]), ("wang", "viewer", [])):
            extra = [a for r in regions for a in ("--region", r)]
            r = qchain("user", ws, "add", name, "--role", role, *extra, stdin=PASSWORDS[name] + "\n")
            assert r.returncode == 0, r.stderr
    return ws


class Server:
    """One qchain-server-host process; its stdout and stderr collected by threads."""

    def __init__(self, ws, *args):
        self.proc = subprocess.Popen([HOST, ws, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.out, self.err = [], []
        self.threads = [threading.Thread(target=self._drain, args=(s, l), daemon=True)
                        for s, l in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for t in self.threads:
            t.start()
        self.port = self.scheme = None
        deadline = time.time() + 30
        while time.time() < deadline and self.port is None and self.proc.poll() is None:
            for line in list(self.out):
                m = URL.search(line)
                if m:
                    self.scheme, self.port = m.group(1), int(m.group(2))
            time.sleep(0.05)

    @staticmethod
    def _drain(stream, lines):
        for line in stream:
            lines.append(line.rstrip("\n"))

    def wait_exit(self, timeout=30):
        code = self.proc.wait(timeout=timeout)
        for t in self.threads:
            t.join(timeout=5)
        return code

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.wait_exit()
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise

    def connection(self):
        if self.scheme == "https":
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=15, context=ctx)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)

    def request(self, method, path, body=None, headers=None, conn=None):
        c = conn or self.connection()
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        if conn is None:
            c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def login(self, user, password=None):
        """The session cookie and the CSRF token of a sign-in that must succeed."""
        status, h, body = self.request("POST", "/api/v1/login", json.dumps({"user": user, "password": password or PASSWORDS[user]}),
                                       {"Content-Type": "application/json"})
        assert status == 200, (status, body)
        cookie = h["set-cookie"].split(";")[0]
        return cookie, json.loads(body)["csrf"]


def error_of(body):
    e = json.loads(body)["error"]
    assert set(e) == {"message", "location"}, e
    return e


class AccountsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.ws = make_workspace(cls.dir.name)
        cls.server = Server(cls.ws)
        assert cls.server.port, cls.server.err

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0
        cls.dir.cleanup()

    def test_every_api_path_needs_a_session(self):
        for method, path in (("GET", "/api/v1/chains"), ("GET", "/api/v1/session"), ("POST", "/api/v1/logout"), ("DELETE", "/api/v1/x")):
            status, h, body = self.server.request(method, path)
            self.assertEqual(status, 401, path)
            self.assertEqual(h["content-type"], "application/json")
            self.assertEqual(error_of(body)["message"], "未登录或登录已过期")
        status, _, body = self.server.request("GET", "/api/v1/chains?lang=en")
        self.assertEqual(error_of(body), {"message": "not signed in", "location": "/api/v1/chains"})
        status, _, body = self.server.request("GET", "/api/v1/chains", headers={"Accept-Language": "en-GB,en;q=0.9"})
        self.assertEqual(error_of(body)["message"], "not signed in")
        # A made-up cookie is no session.
        status, _, _ = self.server.request("GET", "/api/v1/chains", headers={"Cookie": "qchain_session=" + "ab" * 32})
        self.assertEqual(status, 401)

    def test_sign_in_and_cookie_flags(self):
        status, h, body = self.server.request("POST", "/api/v1/login", json.dumps({"user": "li", "password": PASSWORDS["li"]}))
        self.assertEqual(status, 200)
        csrf = json.loads(body)["csrf"]
        self.assertRegex(csrf, r"^[0-9a-f]{64}$")
        cookie = h["set-cookie"]
        self.assertRegex(cookie, r"^qchain_session=[0-9a-f]{64}; ")
        flags = [f.strip() for f in cookie.split(";")[1:]]
        for f in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"):
            self.assertIn(f, flags)
        self.assertNotIn("Secure", flags)  # plain HTTP
        self.assertNotEqual(cookie.split(";")[0].split("=")[1], csrf)

    def test_bad_sign_ins(self):
        for body in (json.dumps({"user": "li", "password": "wrong password"}), json.dumps({"user": "nobody", "password": "x" * 10})):
            status, h, data = self.server.request("POST", "/api/v1/login", body)
            self.assertEqual(status, 401)
            self.assertNotIn("set-cookie", h)
            self.assertEqual(error_of(data)["message"], "用户名或密码错误")
        for body in ("{", "[]", json.dumps({"user": "li"}), json.dumps({"user": 1, "password": "x"})):
            status, _, data = self.server.request("POST", "/api/v1/login", body)
            self.assertEqual(status, 400, body)
            error_of(data)
        status, _, _ = self.server.request("GET", "/api/v1/login")
        self.assertEqual(status, 405)

    def test_session_document(self):
        cookie, csrf = self.server.login("li")
        status, _, body = self.server.request("GET", "/api/v1/session", headers={"Cookie": cookie})
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"user": "li", "role": "planner", "regions": ["福建省", "河北省"], "csrf": csrf, "accounts": True})

    def test_identity_path_and_query_reach_the_api(self):
        expected = {"admin": ("admin", []), "li": ("planner", ["福建省", "河北省"]), "wang": ("viewer", [])}
        for user, (role, regions) in expected.items():
            cookie, _ = self.server.login(user)
            status, _, body = self.server.request("GET", "/api/v1/chains/%E5%AE%89%E5%B9%B3@2024-01-01/summary?only=a%2Cb&x=1&x=2&q=%E7%A6%8F+%E5%BB%BA",
                                                  headers={"Cookie": "other=1; " + cookie})
            self.assertEqual(status, 200, body)
            e = json.loads(body)
            self.assertEqual((e["user"], e["role"], e["regions"]), (user, role, regions))
            self.assertEqual(e["method"], "GET")
            self.assertEqual(e["path"], "/api/v1/chains/安平@2024-01-01/summary")
            self.assertEqual(e["query"], {"only": "a,b", "x": "2", "q": "福 建"})
            self.assertEqual(e["lang"], "zh")

    def test_csrf_rule(self):
        cookie, csrf = self.server.login("admin")
        body = json.dumps({"firm": "F1"})
        for method in ("POST", "PATCH", "DELETE"):
            for headers in ({}, {"X-CSRF-Token": "0" * 64}, {"X-CSRF-Token": csrf[:-1]}):
                status, _, data = self.server.request(method, "/api/v1/chains/c/ledger", body, {"Cookie": cookie, **headers})
                self.assertEqual(status, 403, (method, headers))
                self.assertEqual(error_of(data)["message"], "缺少 X-CSRF-Token 请求头，或其值不正确")
            status, _, data = self.server.request(method, "/api/v1/chains/c/ledger", body,
                                                  {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json; charset=utf-8"})
            self.assertEqual(status, 200)
            e = json.loads(data)
            self.assertEqual((e["method"], e["body"], e["content_type"]), (method, body, "application/json"))
        # Another session's token is no good either.
        _, other = self.server.login("admin")
        status, _, _ = self.server.request("POST", "/api/v1/x", "{}", {"Cookie": cookie, "X-CSRF-Token": other})
        self.assertEqual(status, 403)

    def test_logout(self):
        cookie, csrf = self.server.login("wang")
        status, _, _ = self.server.request("POST", "/api/v1/logout", headers={"Cookie": cookie})
        self.assertEqual(status, 403)  # a write: the token is needed
        status, h, _ = self.server.request("POST", "/api/v1/logout", headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        self.assertEqual(status, 200)
        self.assertIn("Max-Age=0", h["set-cookie"])
        status, _, _ = self.server.request("GET", "/api/v1/session", headers={"Cookie": cookie})
        self.assertEqual(status, 401)

    def test_odd_paths_are_404(self):
        cookie, _ = self.server.login("admin")
        for path in ("/api/v1/chains/%2e%2e/%2e%2e/etc/passwd", "/api/v1/chains/../x", "/api/v1/a%00b", "/api/v1/a%5cb",
                     "/api/v1/a\\b", "/api/v1/a%zzb", "/api/v1/a%2", "/..%2fsecret", "/static/../../x", "/x?a=%0"):
            status, h, body = self.server.request("GET", path, headers={"Cookie": cookie})
            self.assertEqual(status, 404, path)
            self.assertEqual(h["content-type"], "application/json")
            error_of(body)

    def test_assets(self):
        status, h, body = self.server.request("GET", "/")
        self.assertEqual((status, h["content-type"]), (200, "text/html; charset=utf-8"))
        self.assertIn(b"<title>qchain", body)
        status, _, _ = self.server.request("GET", "/chains/anping")
        self.assertEqual(status, 200)
        status, _, body = self.server.request("GET", "/no/such/file.js")
        self.assertEqual(status, 404)
        self.assertEqual(error_of(body)["location"], "/no/such/file.js")
        status, _, _ = self.server.request("POST", "/")
        self.assertEqual(status, 405)

    def test_api_status_headers_and_exceptions(self):
        cookie, _ = self.server.login("admin")
        status, h, _ = self.server.request("GET", "/api/v1/status/404", headers={"Cookie": cookie})
        self.assertEqual((status, h["x-fake"], h["cache-control"]), (404, "yes", "no-store"))
        status, _, body = self.server.request("GET", "/api/v1/throw", headers={"Cookie": cookie})
        self.assertEqual(status, 500)
        self.assertEqual(error_of(body)["message"], "内部错误")
        self.assertNotIn(b"secret", body)
        self.assertNotIn(b".cpp", body)

    def test_malformed_requests_are_400(self):
        for raw in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"POST /api/v1/x HTTP/1.1\r\nContent-Length: x\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
                s.sendall(raw)
                reply = s.recv(65536)
            self.assertRegex(reply, rb"^HTTP/1\.1 400 ", raw)
            self.assertIn(b'"error"', reply)
        # The server is still there.
        self.assertEqual(self.server.request("GET", "/")[0], 200)

    def test_keep_alive(self):
        c = self.server.connection()
        cookie, _ = self.server.login("wang")
        for i in range(3):
            status, _, body = self.server.request("GET", "/api/v1/chains?i=%d" % i, headers={"Cookie": cookie}, conn=c)
            self.assertEqual((status, json.loads(body)["query"]), (200, {"i": str(i)}))
        c.close()

    def test_access_log(self):
        cookie, _ = self.server.login("li")
        self.server.request("GET", "/api/v1/chains/logged?secret=1", headers={"Cookie": cookie})
        self.server.request("GET", "/api/v1/chains")
        deadline = time.time() + 5
        line = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ li GET /api/v1/chains/logged 200 \d+ms$")
        while time.time() < deadline and not any(line.match(l) for l in self.server.err):
            time.sleep(0.05)
        self.assertTrue(any(line.match(l) for l in self.server.err), self.server.err[-5:])
        while time.time() < deadline and not any(re.search(r"Z - GET /api/v1/chains 401 \d+ms$", l) for l in self.server.err):
            time.sleep(0.05)
        self.assertTrue(any(re.search(r"Z - GET /api/v1/chains 401 \d+ms$", l) for l in self.server.err))
        self.assertFalse(any("secret" in l for l in self.server.err))


class ThrottleTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.ws = make_workspace(self.dir.name)
        self.server = Server(self.ws)

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)
        self.dir.cleanup()

    def attempt(self, user, password):
        return self.server.request("POST", "/api/v1/login", json.dumps({"user": user, "password": password}))

    def test_per_account(self):
        for _ in range(5):
            self.assertEqual(self.attempt("li", "not the password")[0], 401)
        status, h, body = self.attempt("li", PASSWORDS["li"])  # even the right password, for now
        self.assertEqual(status, 429)
        self.assertTrue(1 <= int(h["retry-after"]) <= 300, h)
        self.assertIn("秒后再试", error_of(body)["message"])

    def test_per_address(self):
        for i in range(5):
            self.assertEqual(self.attempt("guess%d" % i, "not the password")[0], 401)
        self.assertEqual(self.attempt("admin", PASSWORDS["admin"])[0], 429)  # no failure of admin's own


class LimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.ws = make_workspace(cls.dir.name)
        cls.server = Server(cls.ws, "--body-limit", "1000", "--import-limit", "5000", "--header-timeout", "1")
        cls.cookie, cls.csrf = cls.server.login("admin")

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0
        cls.dir.cleanup()

    def post(self, path, body, extra=None):
        return self.server.request("POST", path, body, {"Cookie": self.cookie, "X-CSRF-Token": self.csrf, **(extra or {})})

    def test_body_limits(self):
        self.assertEqual(self.post("/api/v1/chains/c/ledger", b"x" * 1000)[0], 200)
        status, _, body = self.post("/api/v1/chains/c/ledger", b"x" * 1001)
        self.assertEqual(status, 413)
        self.assertEqual(error_of(body)["message"], "请求体过大：上限为 1000 字节")
        status, _, body = self.post("/api/v1/chains", b"x" * 4000)  # an import has the larger limit
        self.assertEqual((status, json.loads(body)["body_size"]), (200, 4000))
        self.assertEqual(self.post("/api/v1/chains?lang=en", b"x" * 5001)[0], 413)
        self.assertEqual(self.post("/api/v1/chains/c/whatif", b"x" * 4000)[0], 413)

    def test_chunked_body_over_the_limit(self):
        c = self.server.connection()
        c.putrequest("POST", "/api/v1/x")
        for k, v in (("Cookie", self.cookie), ("X-CSRF-Token", self.csrf), ("Transfer-Encoding", "chunked")):
            c.putheader(k, v)
        c.endheaders()
        for _ in range(3):
            c.send(b"258\r\n" + b"y" * 600 + b"\r\n")
        c.send(b"0\r\n\r\n")
        r = c.getresponse()
        self.assertEqual(r.status, 413)
        c.close()

    def test_slow_client_is_timed_out(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the rest
            start = time.time()
            self.assertEqual(s.recv(100), b"")  # closed by the server
            self.assertLess(time.time() - start, 8)


class NoAccountsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.ws = make_workspace(self.dir.name, users=False)

    def tearDown(self):
        self.dir.cleanup()

    def test_refuses_a_public_address(self):
        r = subprocess.run([HOST, self.ws, "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 2)
        self.assertIn("工作区中没有账户，服务只能在本机回环地址上监听", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_local_user_is_admin_and_writes_need_the_token(self):
        server = Server(self.ws, "--lang", "en")
        try:
            self.assertTrue(any("no account" in l for l in server.out), server.out)
            status, _, body = server.request("GET", "/api/v1/chains")
            e = json.loads(body)
            self.assertEqual((status, e["user"], e["role"]), (200, "tester", "admin"))
            self.assertEqual(server.request("POST", "/api/v1/x", "{}")[0], 403)
            status, _, body = server.request("GET", "/api/v1/session")
            s = json.loads(body)
            self.assertEqual((s["user"], s["accounts"]), ("tester", False))
            self.assertEqual(server.request("POST", "/api/v1/x", "{}", {"X-CSRF-Token": s["csrf"]})[0], 200)
        finally:
            self.assertEqual(server.stop(), 0)


class ShutdownTest(unittest.TestCase):
    def test_request_in_flight_finishes_then_exit_0(self):
        with tempfile.TemporaryDirectory() as d:
            server = Server(make_workspace(d, users=False))
            idle = server.connection()  # a keep-alive connection, idle at SIGTERM
            self.assertEqual(server.request("GET", "/", conn=idle)[0], 200)
            slow = server.connection()
            slow.request("GET", "/api/v1/slow?ms=1500")
            time.sleep(0.4)  # the request is in the handler
            server.proc.send_signal(signal.SIGTERM)
            r = slow.getresponse()
            self.assertEqual(r.status, 200)
            self.assertEqual(json.loads(r.read())["path"], "/api/v1/slow")
            self.assertEqual(r.getheader("Connection"), "close")
            self.assertEqual(server.wait_exit(timeout=20), 0)
            self.assertTrue(any("已停止" in l for l in server.out), server.out)
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", server.port), timeout=5).close()


class TlsTest(unittest.TestCase):
    def test_https_round_trip_with_a_secure_cookie(self):
        with tempfile.TemporaryDirectory() as d:
            cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                            "-subj", "/CN=127.0.0.1"], check=True, capture_output=True, timeout=60)
            server = Server(make_workspace(d), "--tls-cert", cert, "--tls-key", key)
            try:
                self.assertEqual(server.scheme, "https")
                status, h, body = server.request("POST", "/api/v1/login", json.dumps({"user": "li", "password": PASSWORDS["li"]}))
                self.assertEqual(status, 200)
                self.assertIn("Secure", [f.strip() for f in h["set-cookie"].split(";")])
                status, _, body = server.request("GET", "/api/v1/chains", headers={"Cookie": h["set-cookie"].split(";")[0]})
                self.assertEqual((status, json.loads(body)["user"]), (200, "li"))
                # Plain HTTP on the TLS port gets nowhere, and the server carries on.
                with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
                    s.sendall(b"GET / HTTP/1.1\r\n\r\n")
                    self.assertNotIn(b"200 OK", s.recv(1000))
                self.assertEqual(server.request("GET", "/")[0], 200)
            finally:
                self.assertEqual(server.stop(), 0)
            r = subprocess.run([HOST, os.path.join(d, "ws.qcw"), "--tls-cert", cert, "--tls-key", cert], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2)
            self.assertIn("无法读取 TLS 私钥", r.stderr)


class UserCliTest(unittest.TestCase):
    def test_add_passwd_list_remove(self):
        with tempfile.TemporaryDirectory() as d:
            ws = make_workspace(d)
            r = qchain("user", ws, "list")
            self.assertEqual(r.returncode, 0, r.stderr)
            lines = r.stdout.splitlines()
            self.assertEqual([l.split()[0] for l in lines[2:]] if "---" in lines[1] else None, ["admin", "li", "wang"], r.stdout)
            self.assertIn("福建省, 河北省", r.stdout)
            self.assertIn("planner", r.stdout)
            # The password never on the command line.
            for args in (["add", "zhao", "--role", "viewer", "a password"], ["add", "zhao", "--role", "viewer", "--password", "a password"],
                         ["passwd", "li", "new password"]):
                r = qchain("user", ws, *args, stdin="a password\n")
                self.assertEqual(r.returncode, 2, args)
            self.assertNotIn("zhao", qchain("user", ws, "list").stdout)
            self.assertEqual(qchain("user", ws, "add", "zhao", "--role", "root", stdin="a password\n").returncode, 2)
            self.assertEqual(qchain("user", ws, "add", "zhao", "--role", "viewer", stdin="short\n").returncode, 2)
            self.assertEqual(qchain("user", ws, "add", "zhao", "--role", "viewer", stdin="").returncode, 2)
            self.assertEqual(qchain("user", ws, "add", "li", "--role", "viewer", stdin="a password\n").returncode, 2)
            r = qchain("user", ws, "passwd", "li", stdin="a new password\n")
            self.assertEqual(r.returncode, 0, r.stderr)
            r = qchain("user", ws, "remove", "wang")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(qchain("user", ws, "remove", "wang").returncode, 2)
            self.assertNotIn("wang", qchain("user", ws, "list").stdout)
            # What is in the file is what a server started on it knows.
            server = Server(ws)
            try:
                self.assertEqual(server.request("POST", "/api/v1/login", json.dumps({"user": "li", "password": PASSWORDS["li"]}))[0], 401)
                server.login("li", "a new password")
                self.assertEqual(server.request("POST", "/api/v1/login", json.dumps({"user": "wang", "password": PASSWORDS["wang"]}))[0], 401)
            finally:
                self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore", ResourceWarning)  # the collector threads' pipes, closed at exit
    QCHAIN, HOST = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], *sys.argv[3:]], verbosity=2)
