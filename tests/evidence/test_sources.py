"""The source registry (verify/evidence/sources.py), its fetches against a real HTTP server on 127.0.0.1
(conftest.py's ``http_server``), and the seed's demo registry (sources/build_seed_registry.py)."""

from __future__ import annotations

import csv
import functools
import io
import runpy
import socket
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.records.workspace import DEMO_SOURCES
from verify.errors import SourceError
from verify.reading.fetch import USER_AGENT, fetch
from verify.evidence.sources import (REGISTRY_COLUMNS, Source, SourceRegistry, normalize_url,
                            pasted_source_id, url_source_id)

ROOT = Path(__file__).resolve().parents[2]
SOURCE_MAP = ROOT / "tests" / "data" / "seed" / "source-map.md"
# the seed's demo registry is built by a script beside the live registry, not by the library
_BUILDER = runpy.run_path(str(ROOT / "sources" / "build_seed_registry.py"))
PASSAGE_NOTE, PASSAGES, SEED_ADDED_BY, build_seed_registry, read_source_map = (_BUILDER[name] for name in (
    "PASSAGE_NOTE", "PASSAGES", "SEED_ADDED_BY", "build_seed_registry", "read_source_map"))

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>North Korea sent munitions to Russia</title></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>North Korea sent munitions to Russia</h1>
<p>North Korea has sent more than 10,000 containers of munitions or munitions-related
materials to Russia since September 2023, the State Department said on Friday.</p>
<p>The shipments continue by rail and by sea, officials said.</p></article>
</body></html>"""

# fetches in tests fail fast; the registry's own deadline is tested on its own
quick = functools.partial(fetch, timeout=(1.0, 1.0), retries=1, backoff=0.01, deadline=5.0)


@pytest.fixture
def registry(tmp_path):
    return SourceRegistry.open(tmp_path / "sources")


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


# --- fetching -----------------------------------------------------------------------------------

def test_a_normal_page_is_fetched_and_saved(http_server, registry):
    url = http_server.route("/state-dept.html", PAGE)
    src = registry.add_url(url, publisher="State Department", kind="official", added_by="ab",
                           note="the 10,000 figure")
    assert src.fetch_status == "ok" and src.message == ""
    assert (src.http_status, src.content_type) == ("200", "text/html; charset=utf-8")
    assert src.title == "North Korea sent munitions to Russia"  # from the page: none was given
    assert (src.publisher, src.kind, src.added_by, src.note) == (
        "State Department", "official", "ab", "the 10,000 figure")
    assert src.source_id == url_source_id(url) and src.source_id.startswith("web-")
    assert src.snapshot_path == f"snapshots/{src.sha256}.html"
    assert src.text_path == f"snapshots/{src.sha256}.txt"
    assert (registry.folder / src.snapshot_path).read_bytes() == PAGE.encode("utf-8")
    text = registry.text(src.source_id)
    assert "more than 10,000 containers of munitions" in text
    assert "Home" not in text  # navigation: the same extractor as articles drops it
    assert registry.verify_snapshot(src.source_id)
    assert src.added_at.endswith("Z") and src.fetched_at.endswith("Z")
    assert http_server.requests[0][2]["User-Agent"] == USER_AGENT
    assert registry.sources == [src]


@pytest.mark.parametrize("declared", ["header", "meta"])
def test_a_latin_1_page_is_decoded_by_its_charset(http_server, registry, declared):
    html = ("<html><head>{meta}<title>Città</title></head><body><p>Il presidente è arrivato a "
            "Pyongyang: è la prima visita in 24 anni, perché così ha deciso.</p></body></html>")
    meta = '<meta charset="iso-8859-1">' if declared == "meta" else ""
    content_type = "text/html; charset=iso-8859-1" if declared == "header" else "text/html"
    url = http_server.route("/latin1.html", html.format(meta=meta).encode("latin-1"),
                            content_type=content_type)
    src = registry.add_url(url)
    assert src.fetch_status == "ok", src.message
    assert src.content_type == content_type
    assert "Il presidente è arrivato a Pyongyang: è la prima visita in 24 anni, perché così" \
        in registry.text(src.source_id)
    # the raw snapshot keeps the server's bytes; the text file is UTF-8
    assert b"\xe8 arrivato" in (registry.folder / src.snapshot_path).read_bytes()


def test_a_redirect_chain_is_followed_and_noted(http_server, registry):
    http_server.redirect("/a", "/b", status=301)
    http_server.redirect("/b", http_server.url_for("/final"), status=302)
    final = http_server.route("/final", PAGE)
    src = registry.add_url(http_server.url_for("/a"))
    assert src.fetch_status == "ok"
    assert src.url == http_server.url_for("/a")  # the address the checker gave
    assert src.message == f"redirected to {final}"
    assert "10,000 containers" in registry.text(src.source_id)


def test_a_redirect_loop_fails_with_a_message(http_server, registry):
    url = http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    src = registry.add_url(url)
    assert src.fetch_status == "failed"
    assert src.http_status == "302"
    assert src.message.startswith(f"{url}: redirects in a loop (")
    assert "open it in a browser" in src.message
    assert (src.sha256, src.snapshot_path, src.text_path) == ("", "", "")
    assert registry.text(src.source_id) == ""
    assert not registry.verify_snapshot(src.source_id)
    assert registry.get(src.source_id) == src  # saved, not raised


def test_404_is_recorded_not_raised(http_server, registry):
    url = http_server.route("/gone", "nope", status=404, content_type="text/plain")
    src = registry.add_url(url, note="cited by the article")
    assert (src.fetch_status, src.http_status) == ("failed", "404")
    assert src.message == f"{url}: HTTP 404 Not Found — check the address"
    assert src.note == "cited by the article" and src.fetched_at
    assert http_server.hits("/gone") == 1


def test_500_then_200_is_retried(http_server, registry):
    R = http_server.Reply
    url = http_server.sequence("/flaky", R(500, "boom"), R(200, PAGE))
    src = registry.add_url(url, fetcher=quick)
    assert src.fetch_status == "ok" and src.http_status == "200"
    assert http_server.hits("/flaky") == 2


def test_a_server_slower_than_the_timeout_fails_quickly(http_server, registry):
    url = http_server.handler("/slow", lambda req: req.server.stopping.wait(10))
    started = time.monotonic()
    src = registry.add_url(url, fetcher=functools.partial(fetch, timeout=(0.5, 0.5), retries=1,
                                                          backoff=0.01))
    assert time.monotonic() - started < 3
    assert src.fetch_status == "failed" and src.http_status == ""
    assert "no answer within 0.5 s (read timeout) (after 2 tries)" in src.message


def test_the_registry_deadline_holds_with_its_own_fetcher(http_server, tmp_path):
    def trickle(req):  # headers at once, then a byte now and then: no read timeout fires
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.end_headers()
        while not req.server.stopping.wait(0.05):
            req.wfile.write(b"<p>x</p>")
            req.wfile.flush()

    url = http_server.handler("/trickle", trickle)
    registry = SourceRegistry.open(tmp_path, deadline=1.0)
    started = time.monotonic()
    src = registry.add_url(url)
    assert time.monotonic() - started < 4
    assert src.fetch_status == "failed"
    assert "not complete after 1 s (the overall deadline)" in src.message


def test_a_fetcher_that_never_returns_is_given_up_on(tmp_path):
    # what a stuck name lookup looks like: no timeout of requests covers getaddrinfo
    stuck = threading.Event()
    registry = SourceRegistry.open(tmp_path, deadline=0.3)
    started = time.monotonic()
    src = registry.add_url("https://example.org/a", fetcher=lambda url: stuck.wait(30))
    stuck.set()
    assert time.monotonic() - started < 4
    assert src.fetch_status == "failed"
    assert src.message.startswith("https://example.org/a: no complete answer within 0.6 s")


def test_a_50_mb_response_is_refused_at_the_cap(http_server, registry):
    size = 50_000_000
    sent = []

    def pieces():
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        for _ in range(size // len(chunk)):
            yield chunk

    def huge(req):  # no Content-Length: the cap must stop the stream itself
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.end_headers()
        for piece in pieces():
            req.wfile.write(piece)
            sent.append(len(piece))

    url = http_server.handler("/huge", huge)
    started = time.monotonic()
    src = registry.add_url(url)
    assert time.monotonic() - started < 5
    assert src.fetch_status == "failed"
    assert src.message == (f"{url}: sends more than 5.0 MB; pages over 5 MB are refused — save "
                           "the article's text and load the file, or raise max_bytes")
    time.sleep(0.2)
    assert sum(sent) < 20_000_000  # cut off long before the end
    snapshots = registry.folder / "snapshots"
    assert not snapshots.exists() or not any(snapshots.iterdir())  # nothing half-saved


def test_a_pdf_is_refused_by_its_content_type(http_server, registry):
    src = registry.add_url(http_server.url_for("/paper.pdf"))  # a stock route: application/pdf
    assert (src.fetch_status, src.http_status) == ("failed", "200")
    assert "sends application/pdf, not a web page" in src.message


def test_binary_bytes_labelled_as_html_are_refused_by_their_content(http_server, registry):
    url = http_server.route("/fake.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n")
    src = registry.add_url(url)
    assert (src.fetch_status, src.http_status) == ("failed", "200")
    assert src.content_type == "text/html; charset=utf-8"
    assert "looks like a PDF, not text" in src.message


def test_markup_in_a_page_s_text_stays_text(http_server, registry):
    html = ("<html><body><script>window.stolen = document.cookie</script><article>"
            "<p>A reader posted &lt;script&gt;alert(1)&lt;/script&gt; and "
            "&lt;img src=x onerror=alert(2)&gt; under the article about the 10,000 "
            "containers.</p></article></body></html>")
    src = registry.add_url(http_server.route("/xss.html", html))
    text = registry.text(src.source_id)
    # the text snapshot keeps the page's words as words; escaping them is the UI's job
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "document.cookie" not in text  # the page's own script is not text
    pasted = registry.add_text("<img src=x onerror=alert(3)> <script>alert(4)</script>")
    assert registry.text(pasted.source_id) == ("<img src=x onerror=alert(3)> "
                                               "<script>alert(4)</script>")


def test_an_unexpected_fetcher_error_is_recorded(registry):
    def broken(url):
        raise RuntimeError("socket exploded")

    src = registry.add_url("https://example.org/x", fetcher=broken)
    assert src.fetch_status == "failed"
    assert src.message.startswith("https://example.org/x: the fetch failed unexpectedly "
                                  "(RuntimeError: socket exploded) — try again")


# --- the same address again ----------------------------------------------------------------------

def test_the_same_url_again_returns_the_saved_source_without_fetching(http_server, registry):
    url = http_server.route("/page", PAGE)
    first = registry.add_url(url)
    again = registry.add_url(url + "#section-2", note="also the rail shipments")
    assert http_server.hits("/page") == 1
    assert again.source_id == first.source_id
    assert again.note == "also the rail shipments" and again.sha256 == first.sha256
    assert again.url == first.url  # the address as first given stays
    assert len(registry.sources) == 1


def test_a_failed_source_is_fetched_again(http_server, registry):
    R = http_server.Reply
    url = http_server.sequence("/later", R(404, "not yet"), R(200, PAGE))
    assert registry.add_url(url).fetch_status == "failed"
    src = registry.add_url(url)
    assert src.fetch_status == "ok" and src.message == ""
    assert len(registry.sources) == 1


def test_a_failed_refresh_keeps_the_snapshot(http_server, registry):
    R = http_server.Reply
    url = http_server.sequence("/page", R(200, PAGE), R(404, "removed"))
    first = registry.add_url(url)
    refreshed = registry.add_url(url, refresh=True)
    assert http_server.hits("/page") == 2
    assert refreshed.fetch_status == "ok" and refreshed.sha256 == first.sha256
    assert refreshed.message.startswith("refresh failed at ")
    assert "HTTP 404 Not Found" in refreshed.message and "is kept" in refreshed.message
    assert registry.verify_snapshot(first.source_id)


def test_an_address_can_be_recorded_without_fetching(http_server, registry):
    url = http_server.route("/page", PAGE)
    src = registry.add_url(url, publisher="Politico", published="2024-02-27", fetch=False)
    assert src.fetch_status == "not_fetched" and http_server.hits("/page") == 0
    assert registry.text(src.source_id) == "" and not registry.verify_snapshot(src.source_id)
    assert registry.add_url(url).fetch_status == "ok"  # fetched when asked


# --- pasted text --------------------------------------------------------------------------------

def test_pasted_text_works_offline(registry, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("pasted text must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr("verify.evidence.sources.fetch_page", no_network)
    text = "\ufeffSouth Korea's defence minister: about 6,700 containers.\r\nSecond line."
    src = registry.add_text(text, url="https://www.politico.eu/article/x/", publisher="Politico",
                            published="2024-02-27", kind="news", added_by="cd")
    assert src.fetch_status == "pasted" and src.http_status == "" and src.fetched_at == ""
    assert registry.text(src.source_id) == text[1:]  # BOM removed, "\r\n" kept
    assert src.snapshot_path == src.text_path == f"snapshots/{src.sha256}.txt"
    assert src.source_id == pasted_source_id(text[1:], "https://www.politico.eu/article/x/")
    assert registry.verify_snapshot(src.source_id)
    # the same passage again is the same source; another passage of the page is another one
    assert registry.add_text(text, url="https://www.politico.eu/article/x/") == src
    other = registry.add_text("A second passage.", url="https://www.politico.eu/article/x/")
    loose = registry.add_text("A second passage.")
    assert len({src.source_id, other.source_id, loose.source_id}) == 3
    assert src.source_id != url_source_id("https://www.politico.eu/article/x/")


@pytest.mark.parametrize("text", ["", "   \n\t", "\ufeff "])
def test_empty_pasted_text_is_refused(registry, text):
    with pytest.raises(SourceError, match="the pasted text is empty"):
        registry.add_text(text)


@pytest.mark.parametrize("call, message", [
    (lambda r: r.add_url("example.com/a"), "example.com/a: not a web address — give a URL"),
    (lambda r: r.add_text("x", url="ftp://example.com/a"), "not a web address"),
    (lambda r: r.add_url("https://x.org/a", kind="blog", fetch=False),
     "unknown kind 'blog'; use one of official, primary, news, fact-check, other"),
    (lambda r: r.add_text("x", published="Feb 2024"),
     "'Feb 2024' is not a date; write it as 2024-06-19, 2024-06 or 2024"),
])
def test_bad_arguments_are_refused_before_anything_is_saved(registry, call, message):
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(registry)
    assert not registry.path.exists()


# --- snapshots and the file ----------------------------------------------------------------------

def test_a_tampered_snapshot_is_detected(http_server, registry):
    src = registry.add_url(http_server.route("/page", PAGE))
    raw = registry.folder / src.snapshot_path
    assert registry.verify_snapshot(src.source_id)
    raw.write_bytes(raw.read_bytes().replace(b"10,000", b"20,000"))
    assert not registry.verify_snapshot(src.source_id)
    raw.write_bytes(PAGE.encode("utf-8"))
    assert registry.verify_snapshot(src.source_id)
    (registry.folder / src.text_path).unlink()
    assert not registry.verify_snapshot(src.source_id)
    with pytest.raises(SourceError, match=r"the text of source 'web-\w+' .* is missing"):
        registry.text(src.source_id)

    pasted = registry.add_text("about 6,700 containers")
    (registry.folder / pasted.text_path).write_text("about 9,999 containers", encoding="utf-8")
    assert not registry.verify_snapshot(pasted.source_id)
    (registry.folder / pasted.text_path).unlink()
    assert not registry.verify_snapshot(pasted.source_id)
    registry.add_text("about 6,700 containers")  # adding it again restores the file
    assert registry.verify_snapshot(pasted.source_id)


def test_the_registry_reloads_the_same(http_server, tmp_path):
    folder = tmp_path / "sources"
    registry = SourceRegistry.open(folder)
    registry.add_url(http_server.route("/ok", PAGE), title="A, \"quoted\" title", kind="news")
    registry.add_url(http_server.url_for("/missing"))
    registry.add_text("più di 10.000 container\r\nline two", url="https://www.ansa.it/",
                      note="note with\nnewline, comma and \"quotes\"")
    registry.add_url("https://press.un.org/en/2024/sc15648.doc.htm", fetch=False)
    again = SourceRegistry.open(folder)
    assert again.sources == registry.sources
    assert [s.fetch_status for s in again.sources] == ["ok", "failed", "pasted", "not_fetched"]
    assert _csv_rows(registry.path)[0] == list(REGISTRY_COLUMNS)
    for src in again.sources:
        assert again.text(src.source_id) == registry.text(src.source_id)


_cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=_cell, publisher=_cell, note=_cell, added_by=_cell)
def test_any_text_round_trips_through_the_file(tmp_path_factory, title, publisher, note,
                                               added_by):
    folder = tmp_path_factory.mktemp("registry")
    registry = SourceRegistry.open(folder)
    src = registry.add_url("https://example.org/a", title=title, publisher=publisher, note=note,
                           added_by=added_by, fetch=False)
    assert SourceRegistry.open(folder).sources == [src]
    assert Source.from_row(src.to_row()) == src


def test_two_kernels_adding_at_once_lose_nothing(tmp_path):
    first, second = SourceRegistry.open(tmp_path), SourceRegistry.open(tmp_path)
    a = first.add_text("passage a")
    b = second.add_text("passage b")  # second had not seen a: it re-reads before saving
    assert [s.source_id for s in SourceRegistry.open(tmp_path).sources] == [a.source_id,
                                                                           b.source_id]
    assert [s.source_id for s in first.sources] == [a.source_id, b.source_id]


def test_columns_a_checker_added_are_kept(registry):
    src = registry.add_text("about 6,700 containers")
    rows = _csv_rows(registry.path)
    rows[0].append("editor_ok")
    rows[1].append("yes")
    _write_rows(registry.path, rows)
    registry.add_text("another passage")
    rows = _csv_rows(registry.path)
    assert rows[0][-1] == "editor_ok" and rows[1][-1] == "yes" and rows[2][-1] == ""
    assert registry.get(src.source_id) == src


# --- hand edits ----------------------------------------------------------------------------------

def _edited(registry, row: int, column: str, value: str) -> None:
    rows = _csv_rows(registry.path)
    rows[row - 1][rows[0].index(column)] = value
    _write_rows(registry.path, rows)


@pytest.mark.parametrize("row, column, value, problem", [
    (3, "fetch_status", "done", "unknown fetch status 'done'; use one of ok, failed, pasted, "
                                "not_fetched"),
    (2, "kind", "blog", "unknown kind 'blog'; use one of official, primary, news, fact-check, other or "
                        "leave it empty"),
    (3, "published", "19/06/2024", "'19/06/2024' is not a date; write it as 2024-06-19"),
    (2, "added_at", "yesterday", "'yesterday' is not a time; write it as 2026-11-29T10:03:05Z"),
    (3, "sha256", "abc", "not a SHA-256 (64 hex digits, lower case)"),
    (2, "text_path", "../../etc/passwd", "'../../etc/passwd' must be a path inside the "
                                         "registry's folder"),
    (2, "url", "www.example.com", "'www.example.com' is not a web address"),
    (3, "http_status", "OK", "'OK' is not an HTTP status"),
    (2, "source_id", "", "the id is empty"),
])
def test_a_hand_edit_error_names_file_row_and_column(registry, row, column, value, problem):
    registry.add_text("first passage", url="https://example.org/a", published="2024-06-19")
    registry.add_text("second passage", url="https://example.org/b")
    _edited(registry, row, column, value)
    before = registry.path.read_bytes()
    with pytest.raises(SourceError) as err:
        SourceRegistry.open(registry.folder)
    message = str(err.value)
    assert message.startswith(f"{registry.path}: row {row}, column '{column}': {problem}")
    assert message.endswith("Nothing was written: fix the file, save it as CSV (UTF-8), and "
                            "open it again.")
    assert (err.value.row, err.value.column, err.value.source) == (row, column,
                                                                  str(registry.path))
    assert registry.path.read_bytes() == before
    with pytest.raises(SourceError):  # an open registry sees the edit too, and writes nothing
        registry.add_text("third passage")
    assert registry.path.read_bytes() == before


def test_a_missing_column_and_a_duplicate_id_are_named(registry):
    src = registry.add_text("first passage")
    rows = _csv_rows(registry.path)
    _write_rows(registry.path, [rows[0], rows[1], rows[1]])
    with pytest.raises(SourceError, match=rf"row 3, column 'source_id': the id '{src.source_id}'"
                                          r" is also on row 2; keep one row per source"):
        SourceRegistry.open(registry.folder)
    header = [("Note " if name == "note" else name) for name in rows[0]]
    _write_rows(registry.path, [header, rows[1]])
    with pytest.raises(SourceError, match=r"row 1, column 'note': the required column 'note' is "
                                          r"missing: rename the column 'Note ' to 'note'"):
        SourceRegistry.open(registry.folder)


def test_a_file_that_is_not_utf_8_is_named(registry):
    registry.add_text("a passage", note="first note")
    registry.path.write_bytes(registry.path.read_bytes().replace(b"first", b"f\xe9rst"))
    with pytest.raises(SourceError, match=r"line 2 is not UTF-8 text .* 'CSV UTF-8'"):
        SourceRegistry.open(registry.folder)


def test_an_unknown_id_is_named(registry):
    with pytest.raises(SourceError, match=r"no source 'web-nope' in the registry; use an id "
                                          r"from registry.sources"):
        registry.get("web-nope")


def test_urls_are_normalized_for_ids():
    assert normalize_url("HTTP://Example.ORG:80/path?id=3&utm_medium=x#frag") == \
        "http://example.org/path?id=3"
    assert normalize_url("https://example.org") == "https://example.org/"
    assert normalize_url("https://example.org:8443/a") == "https://example.org:8443/a"
    assert url_source_id("https://example.org/a") != url_source_id("https://example.org/b")
    assert url_source_id("https://example.org/a?fbclid=1") == url_source_id("https://example.org/a")


# --- the seed's demo registry --------------------------------------------------------------------

def test_the_committed_seed_registry_is_what_the_builder_writes(tmp_path):
    built = build_seed_registry(tmp_path / "sources", SOURCE_MAP)
    committed = SourceRegistry.open(DEMO_SOURCES)
    seed_rows = [s for s in committed.sources if s.added_by == SEED_ADDED_BY]
    assert seed_rows == built.sources, "run: .venv/bin/python sources/build_seed_registry.py"
    for src in built.sources:
        if src.has_text:
            assert committed.text(src.source_id) == built.text(src.source_id)
            assert committed.verify_snapshot(src.source_id)


def test_the_seed_registry_covers_the_source_map():
    registry = SourceRegistry.open(DEMO_SOURCES)
    seed = [s for s in registry.sources if s.added_by == SEED_ADDED_BY]
    addresses = [s for s in seed if s.fetch_status == "not_fetched"]
    passages = [s for s in seed if s.fetch_status == "pasted"]
    assert [s.url for s in addresses] == [e.url for e in read_source_map(SOURCE_MAP)]
    assert len({s.url for s in addresses}) == len(addresses) == 19
    for src in addresses:
        assert src.publisher and src.kind in ("official", "primary", "news", "other")
        assert "the source gives" in src.note
    assert len(passages) == len(PASSAGES)
    assert all(s.note == PASSAGE_NOTE for s in passages)
    assert {s.url for s in passages} <= {s.url for s in addresses}
    texts = {s.publisher: registry.text(s.source_id) for s in passages}
    assert ("more than 10,000 containers of munitions or munitions-related materials"
            in texts["Yonhap"])
    assert "Since September 2023" in texts["Yonhap"]
    assert "about 6,700 containers" in texts["Politico"]
    assert "veto by the Russian Federation" in texts["United Nations"]
    by_url = {s.url: s for s in addresses}
    un = by_url["https://press.un.org/en/2024/sc15648.doc.htm"]
    assert (un.kind, un.publisher, un.title) == ("official", "United Nations",
                                                 "UN press release SC/15648")
    yonhap = by_url[PASSAGES[0][0]]
    assert (yonhap.publisher, yonhap.published) == ("Yonhap", "2024-02")
    assert "more than 10,000 containers" in yonhap.note


def test_the_builder_is_repeatable_and_keeps_a_checker_s_sources(tmp_path):
    folder = tmp_path / "sources"
    build_seed_registry(folder, SOURCE_MAP)
    first = (folder / "registry.csv").read_bytes()
    mine = SourceRegistry.open(folder).add_text("my own passage", added_by="ef")
    build_seed_registry(folder, SOURCE_MAP)
    registry = SourceRegistry.open(folder)
    assert registry.sources[-1] == mine
    assert registry.text(mine.source_id) == "my own passage"
    mine_removed = [s for s in registry.sources if s != mine]
    assert mine_removed == [s for s in SourceRegistry.open(folder).sources
                            if s.added_by == SEED_ADDED_BY]
    assert (folder / "registry.csv").read_bytes().startswith(first[:-2])


def test_the_seed_is_stamped_with_a_fixed_time():
    registry = SourceRegistry.open(DEMO_SOURCES)
    stamps = {s.added_at for s in registry.sources if s.added_by == SEED_ADDED_BY}
    assert stamps == {datetime(2026, 11, 29, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
