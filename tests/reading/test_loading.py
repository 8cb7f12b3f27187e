"""load_text(): real files in tmp_path and real pages from the 127.0.0.1 server (conftest.py)."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import ArticleError, FetchError
from verify.reading.fetch import fetch
from verify.reading.loading import LoadedText, decode, html_to_text, load_text, text_from_string

ITALIAN = "Il presidente russo è arrivato a Pyongyang con “più di 10.000” container.\n"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8">
<title>Putin a Pyongyang | Notizie</title>
<meta property="og:title" content="Putin a Pyongyang">
<meta name="author" content="Maria Rossi">
<meta property="article:published_time" content="2024-06-19T08:00:00Z">
<script>window.tracking = {"ads": "più di 999 container"};</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/mondo">Mondo</a></nav>
<article>
<h1>Putin a Pyongyang</h1>
<p>Il presidente russo è arrivato a Pyongyang con più di 10.000 container di munizioni.</p>
<p>Secondo fonti sudcoreane, la Corea del Nord ha inviato circa 260.000 tonnellate di materiale.</p>
<p>L'accordo sostituisce i trattati del 1961, del 2000 e del 2001.<br>Lo ha detto il Cremlino.</p>
<script>document.write("LEGGI ANCHE: pubblicità")</script>
</article>
<footer>© 2024 Notizie</footer>
</body></html>
"""

SCRIPTS_ONLY_HTML = ("<html><head><script>var a = 1;</script><style>body{}</style></head>"
                     "<body><script>render()</script><noscript></noscript></body></html>")


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- files ---------------------------------------------------------------------------------

def test_utf8_text(tmp_path):
    path = _write(tmp_path, "a.txt", ITALIAN)
    got = load_text(path)
    assert isinstance(got, LoadedText)
    assert (got.text, got.encoding, got.warnings, got.media) == (ITALIAN, "utf-8", (), "text")
    assert got.source == str(path) and got.url == ""


def test_utf8_bom_is_removed_and_offsets_index_the_rest(tmp_path):
    path = _write(tmp_path, "a.txt", b"\xef\xbb\xbf" + ITALIAN.encode("utf-8"))
    got = load_text(str(path))
    assert got.text == ITALIAN and got.encoding == "utf-8-sig" and got.warnings == ()
    start = got.text.index("10.000")
    assert got.text[start:start + 6] == "10.000" and start == ITALIAN.index("10.000")


def test_cp1252_is_decoded_and_the_guess_is_reported(tmp_path):
    text = "L’Italia è lì: “perché” — 5 €\r\n"
    path = _write(tmp_path, "putin.txt", text.encode("cp1252"))
    got = load_text(path)
    assert got.text == text and got.encoding == "cp1252"
    assert got.warnings == (f"{path}: not valid UTF-8; decoded as cp1252 — check accented "
                            "letters and quotes",)


def test_latin1_bytes_cp1252_leaves_undefined_fall_back_to_latin1(tmp_path):
    # 0x81 is undefined in cp1252: only latin-1 can read this file, and it says so
    path = _write(tmp_path, "old.txt", "città".encode("latin-1") + b" \x81 ok")
    got = load_text(path)
    assert got.text == "città \x81 ok" and got.encoding == "latin-1"
    assert "not valid UTF-8; decoded as latin-1" in got.warnings[0]


def test_plain_latin1_text_reads_right(tmp_path):
    text = "Perché la città è così già più\n"
    got = load_text(_write(tmp_path, "l1.txt", text.encode("latin-1")))
    assert got.text == text  # cp1252 and latin-1 agree on letters
    assert got.warnings


def test_crlf_is_kept(tmp_path):
    text = "Titolo\r\n\r\nPrimo paragrafo.\r\nSecondo.\rvecchio Mac\n"
    got = load_text(_write(tmp_path, "crlf.txt", text))
    assert got.text == text


def test_utf16_with_bom(tmp_path):
    got = load_text(_write(tmp_path, "win.txt", ITALIAN.encode("utf-16")))
    assert got.text == ITALIAN and got.encoding == "utf-16"


def test_markdown_is_kept_as_is(tmp_path):
    text = "# Putin a Pyongyang\n\n*Di* [Maria](http://x) — più di **10.000** container.\n"
    got = load_text(_write(tmp_path, "a.md", text))
    assert (got.text, got.media) == (text, "markdown")


def test_html_file_gives_the_article_paragraphs_without_scripts(tmp_path):
    got = load_text(_write(tmp_path, "page.html", ARTICLE_HTML))
    assert got.media == "html" and got.encoding == "utf-8"
    paragraphs = got.text.split("\n\n")
    assert "Il presidente russo è arrivato a Pyongyang con più di 10.000 container di munizioni." \
        in paragraphs
    assert ("L'accordo sostituisce i trattati del 1961, del 2000 e del 2001.\n"
            "Lo ha detto il Cremlino.") in paragraphs  # a <br> stays a single newline
    for noise in ("tracking", "999", "color: red", "LEGGI ANCHE", "Mondo"):
        assert noise not in got.text
    assert (got.title, got.author, got.published) == ("Putin a Pyongyang", "Maria Rossi",
                                                      "2024-06-19")


def test_html_meta_charset_is_honoured(tmp_path):
    html = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1252"')
    got = load_text(_write(tmp_path, "page.htm", html.encode("cp1252")))
    assert got.encoding == "cp1252" and got.warnings == ()
    assert "più di 10.000 container" in got.text


def test_short_html_falls_back_to_the_visible_text(tmp_path):
    html = "<html><body><script>x()</script><p>Solo una riga.</p><div>Due<br>righe</div></body></html>"
    got = load_text(_write(tmp_path, "short.html", html))
    assert got.text == "Solo una riga.\n\nDue\nrighe"


def test_html_of_only_scripts_is_an_error(tmp_path):
    path = _write(tmp_path, "app.html", SCRIPTS_ONLY_HTML)
    with pytest.raises(ArticleError) as err:
        load_text(path)
    assert str(err.value).startswith(f"{path}: no article text found in the page (only "
                                     "scripts/markup?)")


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t  "], ids=["empty", "white space"])
def test_empty_or_blank_file(tmp_path, content):
    path = _write(tmp_path, "empty.txt", content)
    with pytest.raises(ArticleError) as err:
        load_text(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: the ") and " is empty" in msg
    assert "save the article's text in it first" in msg


@pytest.mark.parametrize("name,data,what", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF, not text: export its text first"),
    ("report.txt", b"%PDF-1.4\n", "looks like a PDF, not text"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image, not text"),
    ("blob.txt", b"abc\x00\x01\x02def" * 10, "looks like a binary file (it holds NUL bytes)"),
    ("ctl.txt", bytes(range(1, 32)) * 20, "looks like a binary file (520 control characters)"),
    ("doc.docx", b"PK\x03\x04\x14\x00", "looks like a ZIP archive"),
])
def test_binary_files_are_refused(tmp_path, name, data, what):
    path = _write(tmp_path, name, data)
    with pytest.raises(ArticleError) as err:
        load_text(path)
    assert str(err.value).startswith(f"{path}: {what}")


def test_a_10_mb_file_is_refused(tmp_path):
    path = _write(tmp_path, "big.txt", b"parola " * (10_000_000 // 7 + 1))
    with pytest.raises(ArticleError) as err:
        load_text(path)
    assert str(err.value) == (f"{path}: is 10.0 MB; articles over 5 MB are refused — split it "
                              "or raise max_bytes")
    assert load_text(path, max_bytes=20_000_000).text.startswith("parola parola")


def test_a_missing_path(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(ArticleError) as err:
        load_text(path)
    assert str(err.value).startswith(f"{path}: no such file — check the path")


def test_a_web_address_without_scheme_gets_a_hint():
    with pytest.raises(ArticleError, match=r"a web address must start with https://"):
        load_text("www.cnn.com/2024/06/19/asia/putin")


def test_a_directory(tmp_path):
    with pytest.raises(ArticleError) as err:
        load_text(tmp_path)
    assert str(err.value).startswith(f"{tmp_path}: is a folder, not a file — give the article "
                                     "file inside it (.txt ")


def test_an_unknown_extension_is_read_by_content_with_a_warning(tmp_path):
    got = load_text(_write(tmp_path, "article.csv", ITALIAN))
    assert got.text == ITALIAN and got.media == "text"
    assert got.warnings[0].startswith(f"{tmp_path / 'article.csv'}: extension '.csv' is not one "
                                      "of .txt .text .md")
    page = load_text(_write(tmp_path, "saved_page", ARTICLE_HTML))
    assert page.media == "html" and "10.000 container" in page.text


def test_pasted_text_only_loses_its_bom():
    got = text_from_string("\ufeff  Titolo\r\n\r\n")
    assert (got.text, got.source, got.media, got.warnings) == ("  Titolo\r\n\r\n", "<text>",
                                                               "text", ())
    assert text_from_string("x", name="clipboard").source == "clipboard"


def test_html_to_text_returns_the_metadata():
    text, meta = html_to_text(ARTICLE_HTML, url="https://example.com/a")
    assert text.startswith("Putin a Pyongyang\n\nIl presidente russo")
    assert meta == {"title": "Putin a Pyongyang", "date": "2024-06-19", "author": "Maria Rossi"}
    with pytest.raises(ArticleError, match=r"^https://example.com/x: no article text found"):
        html_to_text(SCRIPTS_ONLY_HTML, url="https://example.com/x")


# --- URLs ----------------------------------------------------------------------------------

def test_an_html_page_by_url(http_server):
    url = http_server.route("/news/putin", ARTICLE_HTML)
    got = load_text(url)
    assert got.media == "html" and got.source == url and got.url == url
    assert "più di 10.000 container" in got.text and "tracking" not in got.text
    assert got.title == "Putin a Pyongyang"


def test_a_latin1_page_with_charset_in_the_header(http_server):
    html = ARTICLE_HTML.replace('<meta charset="utf-8">', "")
    url = http_server.route("/l1", html.replace("“", '"').encode("latin-1"),
                            content_type="text/html; charset=ISO-8859-1")
    got = load_text(url)
    assert "Il presidente russo è arrivato" in got.text
    assert got.encoding == "cp1252" and got.warnings == ()  # declared: no guess to report


def test_the_header_charset_wins_over_the_meta(http_server):
    url = http_server.route("/both", ARTICLE_HTML.encode("utf-8"),
                            content_type="text/html; charset=utf-8")
    assert load_text(url).encoding == "utf-8"


def test_a_plain_text_url_keeps_its_newlines(http_server):
    url = http_server.route("/a.txt", ITALIAN.replace("\n", "\r\n"),
                            content_type="text/plain; charset=utf-8")
    got = load_text(url)
    assert (got.text, got.media) == (ITALIAN.replace("\n", "\r\n"), "text")


def test_a_redirected_url_records_the_final_address(http_server):
    start = http_server.redirect("/short", "/news/putin")
    final = http_server.route("/news/putin", ARTICLE_HTML)
    got = load_text(start)
    assert (got.source, got.url) == (start, final)


@pytest.mark.parametrize("setup,message", [
    (lambda s: s.route("/x", "no", status=404), "HTTP 404 Not Found — check the address"),
    (lambda s: (s.redirect("/x", "/y"), s.redirect("/y", "/x")), "redirects in a loop"),
    (lambda s: s.route("/x", b"%PDF-1.4", content_type="application/pdf"),
     "sends application/pdf, not a web page: download it and"),
    (lambda s: s.route("/x", b"\x89PNG", content_type="image/png"),
     "sends image/png, not a web page"),
])
def test_url_failures_are_fetch_errors_naming_the_url(http_server, setup, message):
    setup(http_server)
    url = http_server.url_for("/x")
    with pytest.raises(FetchError) as err:
        load_text(url)
    assert str(err.value).startswith(f"{url}: ") and message in str(err.value)


def test_a_failing_server_is_retried_through_load_text(http_server):
    R = http_server.Reply
    url = http_server.sequence("/flaky", R(500), R(200, ARTICLE_HTML))
    got = load_text(url, fetcher=functools.partial(fetch, backoff=0.01))
    assert "10.000 container" in got.text and http_server.hits("/flaky") == 2


def test_a_too_large_page_through_load_text(http_server):
    url = http_server.route("/big", b"x" * 2_000, content_type="text/plain")
    with pytest.raises(FetchError, match=r"is 0.0 MB; pages over 0.001 MB are refused"):
        load_text(url, max_bytes=1_000)


def test_a_slow_page_through_load_text(http_server):
    url = http_server.handler("/slow", lambda req: req.server.stopping.wait(3))
    slow_fetch = functools.partial(fetch, timeout=(0.5, 0.5), retries=0)
    with pytest.raises(FetchError, match=r"no answer within 0.5 s \(read timeout\) — try again"):
        load_text(url, fetcher=slow_fetch)


# --- decode never crashes ------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["", "utf-8", "iso-8859-1", "cp1252",
                                                  "shift_jis", "utf-16", "no-such-charset"]))
def test_decode_gives_text_or_an_article_error(data, declared):
    try:
        text, encoding, warnings = decode(data, source="x.txt", declared=declared)
    except ArticleError as err:
        assert str(err).startswith("x.txt: ")
        return
    assert isinstance(text, str) and encoding and all(w.startswith("x.txt: ") for w in warnings)
    assert not text.startswith("\ufeff") or data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


@given(st.text(max_size=200).filter(lambda t: "\x00" not in t))
def test_utf8_text_round_trips(text):
    try:
        got, encoding, warnings = decode(text.encode("utf-8"), source="x")
    except ArticleError:
        return  # control-character soup is refused as binary
    assert got == text.removeprefix("\ufeff") and warnings == []
