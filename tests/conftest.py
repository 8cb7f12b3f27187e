"""Shared fixtures. ``http_server``: a real HTTP server on 127.0.0.1 that a test fills with routes.

The tests never touch the internet: the network code is exercised against this
server, which answers from a route table the test fills::

    def test_something(http_server):
        http_server.route("/page", "<html>...</html>")                     # 200 text/html
        http_server.route("/old", status=301, headers={"Location": "/page"})
        http_server.redirect("/a", "/b")                                   # same, shorter
        http_server.sequence("/flaky", Reply(500), Reply(body="ok"))  # one reply per request
        http_server.handler("/slow", lambda req: ...)                      # full control
        fetch(http_server.url + "/page")        # or http_server.url_for("/page")
        assert http_server.hits("/flaky") == 2

A route is a ``Reply`` (status, headers, body), a list of replies served in turn (the last one
repeats), or a callable ``fn(request)`` that gets the ``BaseHTTPRequestHandler`` and writes the
whole response itself (slow, trickling or endless answers). Callables should wait with
``request.server.stopping.wait(seconds)`` rather than ``time.sleep`` so teardown is quick, and
may ignore ``BrokenPipeError`` (the client hung up: that is usually the point of the test).
Paths match without the query string. An unknown path gets a 404. A few stock routes are
there from the start (tests may replace them): see ``stock_routes``.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Union
from urllib.parse import urlsplit

import pytest

# The fetch guard refuses 127.0.0.1 (docs/design.md, fetching): the suite's servers live there,
# so the suite allows private addresses. Set at import, so subprocesses and notebook kernels
# inherit it; tests of the guard itself remove it (tests/reading/test_hardening_network.py).
os.environ["VERIFY_ALLOW_PRIVATE_FETCH"] = "1"


@pytest.fixture(autouse=True)
def _factchecks_archive_in_tmp(tmp_path_factory, monkeypatch):
    """A workbench or notebook opened by a test matches claims against the fact-check archive
    of the workspace, which it makes on first use: in a test, a temporary one, never the
    checkout's ``factchecks/``. Tests of the default place set VERIFY_WORKSPACE and remove this."""
    if "VERIFY_FACTCHECKS" not in os.environ:
        folder = tmp_path_factory.mktemp("factchecks")
        monkeypatch.setenv("VERIFY_FACTCHECKS", str(folder / "archive.sqlite"))


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A copy of the shipped language packs (data files only), to break or extend; point
    ``VERIFY_LANG_PACKS`` at it."""
    folder = tmp_path / "lang"
    shutil.copytree(Path(__file__).resolve().parents[1] / "verify" / "lang", folder,
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


@dataclass
class Reply:
    """A canned response."""

    status: int = 200
    body: bytes | str = b""
    """A str is sent UTF-8 encoded."""
    headers: dict[str, str] = field(default_factory=dict)
    """Sent as given; Content-Length is added unless present (set it to "" to leave it out,
    so the body ends when the connection closes)."""
    content_type: str = "text/html; charset=utf-8"
    """Sent unless ``headers`` has a Content-Type; "" sends none."""

    def send(self, request: BaseHTTPRequestHandler) -> None:
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        request.send_response(self.status)
        headers = dict(self.headers)
        if self.content_type and "Content-Type" not in headers:
            headers["Content-Type"] = self.content_type
        headers.setdefault("Content-Length", str(len(body)))
        for name, value in headers.items():
            if value != "":
                request.send_header(name, value)
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(body)


Route = Union[Reply, list, Callable[[BaseHTTPRequestHandler], None]]

STOCK_ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Putin and Kim sign a mutual defense pact | World News</title>
<meta property="og:title" content="Putin and Kim sign a mutual defense pact">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-06-19T08:00:00Z">
<script>window.ads = {"slots": 3};</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Putin and Kim sign a mutual defense pact</h1>
<p>Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defense
pact in Pyongyang on Wednesday, June 19, 2024.</p>
<p>North Korea has sent more than 10,000 containers to Russia since September, the equivalent of
260,000 tonnes of munitions, according to South Korean officials.</p>
<p>The agreement replaces the treaties of 1961, 2000 and 2001, the Kremlin said.</p>
</article>
<footer>© 2024 World News</footer>
</body></html>
"""


def stock_routes() -> dict[str, Route]:
    """Routes every ``http_server`` starts with, for tests that just need a typical page:

    - ``/article.html``: a short English news article (figures: 10,000 containers, 260,000
      tonnes), UTF-8, with title, author and date metadata, a script and navigation;
    - ``/broken``: always HTTP 500;
    - ``/paper.pdf``: a PDF (application/pdf);
    - ``/missing`` (and any unknown path): HTTP 404.
    """
    return {
        "/article.html": Reply(200, STOCK_ARTICLE),
        "/broken": Reply(500, "Internal Server Error", content_type="text/plain"),
        "/paper.pdf": Reply(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
                            content_type="application/pdf"),
    }


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, and a body without Content-Length ends at close
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        self.server.owner._serve(self)

    do_HEAD = do_POST = do_GET

    def log_message(self, *args):  # keep the test output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler still trickling at teardown must not block the tests

    def handle_error(self, request, client_address):
        pass  # clients hanging up mid-answer is what the slow/large routes test


class LocalHTTPServer:
    """The object the ``http_server`` fixture yields."""

    Reply = Reply  # so tests can build replies without importing conftest

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        """Every request received, in order: (method, path with query, headers)."""
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._server.stopping = threading.Event()
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"
        """The base URL, "http://127.0.0.1:PORT", no trailing slash: ``url + "/page"``."""
        self.routes.update(stock_routes())
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def url_for(self, path: str = "/") -> str:
        """The absolute URL of ``path`` on this server."""
        return self.url + (path if path.startswith("/") else "/" + path)

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200,
              content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> str:
        """Answer ``path`` with a fixed reply; returns its URL."""
        self.routes[path] = Reply(status, body, dict(headers or {}), content_type)
        return self.url_for(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """Answer ``path`` with a redirect to ``to`` (a path or a URL); returns its URL."""
        return self.route(path, status=status, headers={"Location": to})

    def sequence(self, path: str, *replies: Reply) -> str:
        """Answer the n-th request for ``path`` with the n-th reply (the last one repeats)."""
        self.routes[path] = list(replies)
        return self.url_for(path)

    def handler(self, path: str, fn: Callable[[BaseHTTPRequestHandler], None]) -> str:
        """Let ``fn(request)`` write the whole response for ``path``; returns its URL."""
        self.routes[path] = fn
        return self.url_for(path)

    def hits(self, path: str) -> int:
        """How many requests ``path`` received (query string ignored)."""
        return sum(1 for _, p, _ in self.requests if urlsplit(p).path == path)

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = urlsplit(request.path).path
        with self._lock:
            self.requests.append((request.command, request.path, dict(request.headers)))
            route = self.routes.get(path)
            if isinstance(route, list):
                n = self.hits(path) - 1
                route = route[min(n, len(route) - 1)]
        if route is None:
            route = Reply(404, "not found", content_type="text/plain")
        try:
            if isinstance(route, Reply):
                route.send(request)
            else:
                route(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: expected for refused or timed-out answers

    def start(self) -> "LocalHTTPServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 (random port) with an empty route table; see the module
    docstring. Stopped at the end of the test."""
    server = LocalHTTPServer().start()
    try:
        yield server
    finally:
        server.stop()
