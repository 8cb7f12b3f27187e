"""Hostile addresses and servers, as an attacker with a workbench served by Voilà would try them.

The fetching contract (docs/design.md): only http(s); the address a host name resolves to is checked
before every connection, redirects included; loopback, private, link-local, unspecified (and
CGNAT, multicast, reserved, IPv4-mapped forms of them) are refused with a clear message unless
the caller allows them (``allow_private=True`` or ``VERIFY_ALLOW_PRIVATE_FETCH=1``).

No test here sends a packet beyond this machine: every socket connect made while a test watches
is recorded, and any connect to an address that is not loopback is blocked before it leaves
(``ConnectionRefusedError``), so even a broken guard cannot reach 10.x or 169.254.169.254.
Host names are mapped to addresses with the ``resolver`` hook of ``fetch`` (no real DNS) or are
``localhost`` (from /etc/hosts).
"""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from verify.errors import FetchError
from verify.reading.fetch import fetch
from verify.evidence.sources import SourceRegistry

PAGE = ("<html><head><title>Il vertice</title></head><body><p>Il presidente ha detto che la "
        "visita è stata un successo: 10.000 container in un anno.</p></body></html>")

# --- watching the sockets --------------------------------------------------------------------

_WATCHING: list | None = None


def _audit(event, args):
    if event != "socket.connect" or _WATCHING is None:
        return
    address = args[1]
    if not isinstance(address, tuple):
        return  # a Unix socket
    _WATCHING.append(address[:2])
    if not ipaddress.ip_address(address[0].split("%")[0]).is_loopback:
        # never let a test's packet leave the machine, whatever the code under test does
        raise ConnectionRefusedError(111, f"blocked by the test: no traffic to {address[0]}")


sys.addaudithook(_audit)


@contextmanager
def connects():
    """Every (address, port) a socket tried to connect to inside the block."""
    global _WATCHING
    seen: list = []
    _WATCHING = seen
    try:
        yield seen
    finally:
        _WATCHING = None


@pytest.fixture(autouse=True)
def no_blanket_permission(monkeypatch):
    # conftest.py allows private fetches for the whole suite; these tests are about refusing them
    monkeypatch.delenv("VERIFY_ALLOW_PRIVATE_FETCH", raising=False)


def assert_refused(err, url: str, *words: str):
    message = str(err.value)
    assert message.startswith(f"{url}: "), message
    assert "allow_private=True" in message and "VERIFY_ALLOW_PRIVATE_FETCH=1" in message, message
    for word in words:
        assert word in message, (word, message)


# --- addresses refused before any connection ----------------------------------------------------

@pytest.mark.parametrize("host, what", [
    ("127.0.0.1", "loopback"),
    ("[::1]", "loopback"),
    ("0.0.0.0", "unspecified"),
    ("[::]", "unspecified"),
    ("[::ffff:127.0.0.1]", "loopback"),
    ("2130706433", "loopback"),          # 127.0.0.1 written as one number
    ("0x7f.1", "loopback"),              # and in hex shorthand
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("[fc00::1]", "private"),
    ("[::ffff:10.0.0.1]", "private"),
    ("[2002:a00:1::1]", "private"),     # 6to4 wrapping of 10.0.0.1
    ("[::127.0.0.1]", "reserved"),      # the old IPv4-compatible form
    ("169.254.169.254", "link-local"),  # the cloud metadata service
    ("[fe80::1]", "link-local"),
    ("100.64.0.1", "shared"),            # carrier-grade NAT
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"),
])
def test_a_private_or_special_address_is_refused_without_connecting(http_server, host, what):
    port = http_server.url.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/article.html"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert seen == []
    assert http_server.hits("/article.html") == 0
    assert_refused(err, url, what)


def test_the_metadata_service_is_refused_over_https_too():
    url = "https://169.254.169.254/latest/meta-data/iam/security-credentials/"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert seen == []
    assert_refused(err, url, "169.254.169.254", "link-local")


def test_localhost_by_name_is_refused(http_server):
    url = http_server.url_for("/article.html").replace("127.0.0.1", "localhost")
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert seen == [] and http_server.hits("/article.html") == 0
    assert_refused(err, url, "localhost", "127.0.0.1", "loopback")


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(http_server):
    port = http_server.url.rsplit(":", 1)[1]
    url = f"http://news.example.com:{port}/article.html"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0, resolver=lambda host, port: ["127.0.0.1"])
    assert seen == [] and http_server.hits("/article.html") == 0
    assert_refused(err, url, "news.example.com", "127.0.0.1", "loopback")


def test_one_private_address_among_several_is_enough_to_refuse(http_server):
    port = http_server.url.rsplit(":", 1)[1]
    url = f"http://news.example.com:{port}/article.html"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0, resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"])
    assert seen == []
    assert_refused(err, url, "10.1.2.3", "private")


def test_the_address_checked_is_the_address_connected_to(http_server):
    """DNS rebinding: the name answers a public address once, then loopback. The guard resolves
    once per connection and connects to what it checked, so the local server is never asked."""
    answers = iter([["93.184.216.34"]] + [["127.0.0.1"]] * 10)
    port = int(http_server.url.rsplit(":", 1)[1])
    url = f"http://rebind.example.com:{port}/article.html"
    with connects() as seen, pytest.raises(FetchError):
        fetch(url, retries=0, resolver=lambda host, p: next(answers))
    assert seen == [("93.184.216.34", port)]  # tried (and blocked by the test), nothing else
    assert http_server.hits("/article.html") == 0


# --- redirects ------------------------------------------------------------------------------------

def test_a_redirect_to_a_private_address_is_refused(http_server):
    """The newsroom allows its own archive host; the archive redirects to another local
    service, which must not be fetched."""
    port = http_server.url.rsplit(":", 1)[1]
    http_server.redirect("/story", http_server.url_for("/admin"))
    http_server.route("/admin", PAGE)
    url = f"http://archive.newsroom:{port}/story"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0, allow_private={"archive.newsroom"},
              resolver=lambda host, p: ["127.0.0.1"])
    assert http_server.hits("/story") == 1 and http_server.hits("/admin") == 0
    assert len(seen) == 1
    assert_refused(err, url, f"redirected to {http_server.url_for('/admin')}", "loopback")


def test_a_redirect_to_a_name_that_resolves_to_metadata_is_refused(http_server):
    port = http_server.url.rsplit(":", 1)[1]
    http_server.redirect("/story", "http://metadata.example.org/latest/meta-data/")
    names = {"archive.newsroom": ["127.0.0.1"], "metadata.example.org": ["169.254.169.254"]}
    url = f"http://archive.newsroom:{port}/story"
    with connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0, allow_private={"archive.newsroom"},
              resolver=lambda host, p: names[host])
    assert len(seen) == 1  # the archive only
    assert_refused(err, url, "metadata.example.org", "169.254.169.254", "link-local")


def test_an_allowed_host_is_fetched_through_its_redirects(http_server):
    http_server.redirect("/story", "/article.html")
    port = http_server.url.rsplit(":", 1)[1]
    got = fetch(f"http://archive.newsroom:{port}/story", allow_private={"archive.newsroom"},
                resolver=lambda host, p: ["127.0.0.1"])
    assert b"10,000 containers" in got.body


# --- permission -------------------------------------------------------------------------------------

def test_the_keyword_allows_private_addresses(http_server):
    got = fetch(http_server.route("/page", PAGE), allow_private=True)
    assert got.body == PAGE.encode()


def test_the_environment_variable_allows_private_addresses(http_server, monkeypatch):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")
    assert fetch(http_server.route("/page", PAGE)).body == PAGE.encode()


@pytest.mark.parametrize("value", ["0", "", "yes please", "true"])
def test_only_the_value_1_allows(http_server, monkeypatch, value):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", value)
    url = http_server.route("/page", PAGE)
    with pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert_refused(err, url, "loopback")
    assert http_server.hits("/page") == 0


def test_the_keyword_false_wins_over_the_environment(http_server, monkeypatch):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")
    url = http_server.route("/page", PAGE)
    with pytest.raises(FetchError):
        fetch(url, retries=0, allow_private=False)
    assert http_server.hits("/page") == 0


# --- every way in goes through the guard ---------------------------------------------------------------

def test_load_article_refuses_a_private_address(http_server):
    from verify.reading.articles import load_article

    url = http_server.url_for("/article.html")
    with pytest.raises(FetchError) as err:
        load_article(url)
    assert_refused(err, url, "loopback")
    assert http_server.hits("/article.html") == 0


def test_load_article_takes_the_permission_too(http_server):
    from verify.reading.articles import load_article

    article = load_article(http_server.url_for("/article.html"), allow_private=True)
    assert "10,000 containers" in article.text


def test_the_command_line_refuses_a_private_address(http_server):
    env = {k: v for k, v in os.environ.items() if k != "VERIFY_ALLOW_PRIVATE_FETCH"}
    url = http_server.url_for("/article.html")
    result = subprocess.run([sys.executable, "-m", "verify", "extract", url],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "loopback" in lines[0] and "VERIFY_ALLOW_PRIVATE_FETCH=1" in lines[0]
    assert http_server.hits("/article.html") == 0


def test_a_source_at_a_private_address_is_recorded_as_failed_and_not_snapshotted(http_server,
                                                                                     tmp_path):
    registry = SourceRegistry.open(tmp_path)
    source = registry.add_url("http://169.254.169.254/latest/meta-data/")
    assert source.fetch_status == "failed"
    assert "link-local" in source.message and "VERIFY_ALLOW_PRIVATE_FETCH=1" in source.message
    assert not source.snapshot_path
    local = registry.add_url(http_server.url_for("/article.html"))
    assert local.fetch_status == "failed" and "loopback" in local.message
    assert http_server.hits("/article.html") == 0
    assert not list(tmp_path.rglob("snapshots/*"))


# --- servers that misbehave ---------------------------------------------------------------------------

def test_a_name_lookup_that_never_answers_is_given_up_on_within_the_deadline(monkeypatch):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")
    never = threading.Event()
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch("http://slow-dns.example.com/a", deadline=1.0, timeout=(5.0, 5.0), retries=0,
              resolver=lambda host, port: never.wait(30) or [])
    took = time.monotonic() - started
    never.set()
    assert took < 15, took  # the deadline is 1 s; the lookup alone would wait 30 s
    assert str(err.value).startswith("http://slow-dns.example.com/a: ")
    assert "slow-dns.example.com" in str(err.value) and "name lookup" in str(err.value)


def test_too_many_headers_is_named(http_server, monkeypatch):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")

    def chatty(req):
        req.send_response(200)
        for i in range(150):
            req.send_header(f"X-Header-{i}", "x")
        req.send_header("Content-Type", "text/html")
        req.end_headers()
        req.wfile.write(PAGE.encode())

    url = http_server.handler("/chatty", chatty)
    with pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    message = str(err.value)
    assert message.startswith(f"{url}: ") and "too many headers" in message, message
    assert "without answering" not in message


# --- connections the guard does not make itself ---------------------------------------------------

def test_a_callers_session_gets_the_check_too(http_server):
    import requests

    url = http_server.url_for("/article.html")
    with requests.Session() as session, connects() as seen, pytest.raises(FetchError) as err:
        fetch(url, retries=0, session=session)
    assert seen == [] and http_server.hits("/article.html") == 0
    assert_refused(err, url, "loopback")


def test_through_a_proxy_the_page_host_is_checked_before_the_proxy_is_asked(http_server,
                                                                          monkeypatch):
    # the test server plays the newsroom's proxy (on 127.0.0.1: the proxy is the caller's own
    # infrastructure, so its address is not refused; the page's address is)
    monkeypatch.setenv("HTTP_PROXY", http_server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    url = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert_refused(err, url, "link-local")
    assert http_server.requests == []
    got = fetch("http://news.example.com/article.html", retries=0,
                resolver=lambda host, port: ["93.184.216.34"])
    assert b"10,000 containers" in got.body
    assert http_server.requests[0][1] == "http://news.example.com/article.html"


def test_behind_a_proxy_a_name_only_the_proxy_knows_is_refused_unless_allowed(http_server,
                                                                             monkeypatch):
    # An office network where only the proxy resolves names: the local lookup fails, so
    # nothing here can see where the name leads ("intranet" may be an internal host). Refused
    # by default, in words; asked of the proxy when the caller allows that name.
    monkeypatch.setenv("HTTP_PROXY", http_server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("VERIFY_ALLOW_PRIVATE_FETCH", raising=False)
    with pytest.raises(FetchError) as err:
        fetch("http://intranet/wiki/budget.html", retries=0, resolver=lambda host, port: [])
    assert "cannot check where intranet leads" in str(err.value)
    assert "allow_private={'intranet'}" in str(err.value)
    assert http_server.requests == []
    got = fetch("http://news.example.com/article.html", retries=0,
                resolver=lambda host, port: [], allow_private={"news.example.com"})
    assert b"10,000 containers" in got.body


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946",
                                     "::ffff:93.184.216.34", "8.8.8.8"])
def test_a_public_address_is_not_refused(address):
    from verify.reading.fetch_guard import refusal_reason

    assert refusal_reason(address) is None
