"""fetch(): the one network function, against a real HTTP server on 127.0.0.1 (conftest.py)."""

from __future__ import annotations

import time

import pytest
import requests

from verify.errors import FetchError
from verify.reading.fetch import USER_AGENT, Fetched, fetch

PAGE = "<html><head><title>T</title></head><body><p>Il presidente è arrivato.</p></body></html>"


def _send_headers(req, content_type="text/plain", length=None):
    req.send_response(200)
    req.send_header("Content-Type", content_type)
    if length is not None:
        req.send_header("Content-Length", str(length))
    req.end_headers()


def test_a_page_is_fetched_with_its_type_and_charset(http_server):
    url = http_server.route("/page", PAGE)
    got = fetch(url)
    assert isinstance(got, Fetched)
    assert (got.url, got.final_url, got.status) == (url, url, 200)
    assert (got.content_type, got.charset) == ("text/html", "utf-8")
    assert got.body == PAGE.encode("utf-8")
    assert 0 <= got.elapsed < 5


def test_it_says_who_is_asking(http_server):
    fetch(http_server.route("/page", PAGE))
    _, _, headers = http_server.requests[0]
    assert headers["User-Agent"] == USER_AGENT == "verify-workbench/0.1 (+fact-checking tool)"


def test_a_caller_session_is_used(http_server):
    with requests.Session() as session:
        session.headers["User-Agent"] = "newsroom-bot/2"
        fetch(http_server.route("/page", PAGE), session=session)
    assert http_server.requests[0][2]["User-Agent"] == "newsroom-bot/2"


def test_no_charset_in_the_header_gives_an_empty_charset(http_server):
    got = fetch(http_server.route("/page", PAGE, content_type="text/html"))
    assert (got.content_type, got.charset) == ("text/html", "")


def test_a_redirect_chain_is_followed(http_server):
    http_server.redirect("/a", "/b", status=301)
    http_server.redirect("/b", http_server.url_for("/c"), status=307)
    final = http_server.route("/c", PAGE)
    got = fetch(http_server.url_for("/a"))
    assert got.url == http_server.url_for("/a")
    assert got.final_url == final
    assert got.body == PAGE.encode()


def test_a_redirect_loop_is_named(http_server):
    url = http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    with pytest.raises(FetchError) as err:
        fetch(url)
    msg = str(err.value)
    assert msg.startswith(f"{url}: redirects in a loop (")
    assert "/a -> " in msg and "/b -> " in msg and "open it in a browser" in msg
    assert http_server.hits("/a") == 1  # found at once, not after max_redirects rounds


def test_too_many_redirects(http_server):
    for i in range(8):
        http_server.redirect(f"/r{i}", f"/r{i + 1}")
    with pytest.raises(FetchError, match=r"more than 3 redirects"):
        fetch(http_server.url_for("/r0"), max_redirects=3)


def test_404_names_the_url_and_says_check_the_address(http_server):
    url = http_server.route("/gone", "nope", status=404)
    with pytest.raises(FetchError) as err:
        fetch(url)
    assert str(err.value) == f"{url}: HTTP 404 Not Found — check the address"
    assert err.value.status == 404 and err.value.source == url
    assert http_server.hits("/gone") == 1  # a 404 is not retried


def test_500_then_200_is_retried(http_server):
    R = http_server.Reply
    url = http_server.sequence("/flaky", R(500, "boom"), R(503, "busy"), R(200, PAGE))
    got = fetch(url, backoff=0.01)
    assert got.body == PAGE.encode()
    assert http_server.hits("/flaky") == 3


def test_always_500_gives_up_after_the_retries(http_server):
    url = http_server.route("/down", "boom", status=500)
    with pytest.raises(FetchError) as err:
        fetch(url, retries=2, backoff=0.01)
    assert str(err.value).startswith(f"{url}: HTTP 500 Internal Server Error (after 3 tries) — ")
    assert "try again later" in str(err.value)
    assert err.value.status == 500
    assert http_server.hits("/down") == 3


def test_a_server_slower_than_the_read_timeout_fails_quickly(http_server):
    def slow(req):
        req.server.stopping.wait(3)

    url = http_server.handler("/slow", slow)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url, timeout=(0.5, 0.5), retries=1, backoff=0.01)
    assert time.monotonic() - started < 2.5
    assert str(err.value) == (f"{url}: no answer within 0.5 s (read timeout) (after 2 tries) — "
                              "try again or save the page and load the file")
    assert http_server.hits("/slow") == 2  # timeouts are retried


def test_a_trickling_server_hits_the_overall_deadline(http_server):
    def trickle(req):
        _send_headers(req)
        while not req.server.stopping.wait(0.05):
            req.wfile.write(b"x")
            req.wfile.flush()

    url = http_server.handler("/trickle", trickle)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url, timeout=(0.5, 0.5), deadline=1.0)
    assert time.monotonic() - started < 2.5
    assert str(err.value).startswith(f"{url}: not complete after 1 s (the overall deadline)")


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "streamed"])
def test_a_50_mb_response_is_refused_without_reading_it(http_server, declare_length):
    size = 50_000_000
    sent = []

    def huge(req):
        _send_headers(req, length=size if declare_length else None)
        chunk = b"x" * 65536
        for _ in range(size // len(chunk)):
            req.wfile.write(chunk)
            sent.append(len(chunk))

    url = http_server.handler("/huge", huge)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(url)
    assert time.monotonic() - started < 3
    what = "is 50.0 MB" if declare_length else "sends more than 5.0 MB"
    assert str(err.value) == (f"{url}: {what}; pages over 5 MB are refused — save the article's "
                              "text and load the file, or raise max_bytes")
    time.sleep(0.2)
    assert sum(sent) < 20_000_000  # the server was cut off long before the end


def test_a_gzipped_body_is_capped_after_decompression(http_server):
    import gzip

    url = http_server.route("/bomb", gzip.compress(b"x" * 2_000_000), content_type="text/plain",
                            headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="sends more than 1.0 MB"):
        fetch(url, max_bytes=1_000_000)
    assert fetch(url).body == b"x" * 2_000_000


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png",
                                          "application/octet-stream"])
def test_not_a_web_page_is_refused_by_its_type(http_server, content_type):
    url = http_server.route("/file", b"%PDF-1.4 ...", content_type=content_type)
    with pytest.raises(FetchError) as err:
        fetch(url)
    assert str(err.value) == (f"{url}: sends {content_type}, not a web page: download it and "
                              "export its text (or copy the article's text), then load the "
                              "text file")


def test_no_content_type_is_let_through(http_server):
    got = fetch(http_server.route("/bare", PAGE, content_type=""))
    assert got.content_type == "" and got.body == PAGE.encode()


def test_a_closed_port_is_a_clear_error(http_server):
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    with pytest.raises(FetchError) as err:
        fetch(url, retries=0)
    assert str(err.value).startswith(f"{url}: the server refused the connection — ")


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "example.com/a"])
def test_only_http_addresses(url):
    with pytest.raises(FetchError, match=r"not an http\(s\) address — give a URL that starts"):
        fetch(url)
