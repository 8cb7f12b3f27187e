"""Hostile and careless article inputs, as a user (or a page's author) would give them.

Each must load, or fail with an ArticleError/FetchError that names the input and what to do:
never a LookupError, TypeError, ValueError or UnicodeEncodeError from deep inside.
"""

from __future__ import annotations

import csv
import io
import time

import pytest

from verify.reading.articles import load_article
from verify.reading.claims import extract_claims, write_claims_csv
from verify.errors import ArticleError, VerifyError
from verify.reading.loading import decode, load_text

BODY = ("Il presidente ha detto che la visita è stata un successo: sono arrivati più di 10.000 "
        "container in un anno, secondo il ministero.")
PAGE = ("<!DOCTYPE html><html><head>{meta}<title>Il vertice</title></head><body><article>"
        f"<h1>Il vertice di Pyongyang</h1><p>{BODY}</p></article></body></html>")


# --- point 12: a charset that is no character set -----------------------------------------------

@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib", "hex", "uu", "bz2",
                                     "unicode_escape", "idna", "punycode", "undefined"])
def test_a_meta_charset_that_is_no_text_encoding_is_ignored_with_a_warning(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=f'<meta charset="{charset}">'), encoding="utf-8")
    loaded = load_text(path)
    assert "10.000 container" in loaded.text and loaded.encoding == "utf-8"
    assert any(charset in w and "ignored" in w for w in loaded.warnings), loaded.warnings
    assert all(w.startswith(f"{path}: ") for w in loaded.warnings)


@pytest.mark.parametrize("charset", ["base64", "rot13", "rot-13", "quopri"])
def test_a_header_charset_that_is_no_text_encoding_is_ignored(http_server, charset):
    url = http_server.route("/page", PAGE.format(meta=""),
                            content_type=f"text/html; charset={charset}")
    article = load_article(url)
    assert "10.000 container" in article.text
    assert any(charset in w and "ignored" in w for w in article.warnings), article.warnings


def test_a_plain_text_page_with_a_bad_header_charset(http_server):
    url = http_server.route("/page.txt", BODY, content_type="text/plain; charset=rot13")
    article = load_article(url)
    assert article.text == BODY


def test_decode_with_a_codec_name_that_is_no_charset_never_raises_lookup_error():
    text, encoding, warnings = decode("città".encode("utf-8"), source="x.txt", declared="base64")
    assert (text, encoding) == ("città", "utf-8") and warnings


# --- point 18: a page nested too deeply for the parser ---------------------------------------------

def test_a_deeply_nested_page_still_gives_its_text(tmp_path):
    depth = 100_000
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * depth + f"<p>{BODY}</p>" + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    article = load_article(path)
    took = time.monotonic() - started
    assert BODY in article.text
    assert took < 10, took
    assert any("nested" in w for w in article.warnings), article.warnings


def test_a_deeply_nested_page_without_text_says_so(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "</div>" * 5000 + "</body></html>",
                    encoding="utf-8")
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert str(err.value).startswith(f"{path}: no article text found")


def test_a_deeply_nested_page_skips_its_scripts(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><head><script>var ads = 1;</script><style>p{}</style></head><body>"
                    + "<div>" * 2000 + "<nav>Home World</nav>" + f"<p>{BODY}</p>"
                    + "<script>track()</script>" + "</div>" * 2000 + "</body></html>",
                    encoding="utf-8")
    article = load_article(path)
    assert BODY in article.text
    assert "ads" not in article.text and "track" not in article.text
    assert "Home World" not in article.text


@pytest.mark.parametrize("junk", ["<a " * 300_000, "<!--" * 300_000, "< a" * 300_000])
def test_hostile_markup_is_read_in_linear_time(tmp_path, junk):
    # the deep-nesting fallback scans tags itself: html.parser takes minutes on "<a <a <a ..."
    path = tmp_path / "junk.html"
    path.write_text("<html><body>" + junk, encoding="utf-8")
    started = time.monotonic()
    try:
        load_text(path)
    except ArticleError as err:
        assert str(err).startswith(f"{path}: no article text found")
    assert time.monotonic() - started < 10


# --- point 15: wrong types and bad paths --------------------------------------------------------------

@pytest.mark.parametrize("kwargs, words", [
    (dict(text=BODY.encode("utf-8")), ["text=", "bytes", "decode"]),
    (dict(text=5), ["text=", "int", "str"]),
    (dict(source=42), ["source", "42", "path", "URL"]),
    (dict(source=["a.txt"]), ["source", "list", "path"]),
    (dict(text=BODY, max_bytes="5"), ["max_bytes", "'5'", "whole number"]),
    (dict(text=BODY, max_bytes=-1), ["max_bytes", "-1", "positive"]),
    (dict(text=BODY, max_bytes=True), ["max_bytes", "True"]),
    (dict(source="putin\x00.txt"), ["NUL", "path"]),
    (dict(text=BODY, timeout="soon"), ["timeout", "'soon'", "seconds"]),
])
def test_a_wrong_argument_is_an_article_error_naming_it(kwargs, words):
    with pytest.raises(ArticleError) as err:
        load_article(**kwargs)
    message = str(err.value)
    for word in words:
        assert word in message, (word, message)


def test_max_bytes_as_a_string_is_refused_for_files_too(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(ArticleError, match="max_bytes"):
        load_article(path, max_bytes="5")


def test_load_text_refuses_a_nul_in_a_path():
    with pytest.raises(ArticleError) as err:
        load_text("articles/a\x00b.txt")
    assert "NUL" in str(err.value) and str(err.value).startswith("articles/a\\x00b.txt: ")


@pytest.mark.parametrize("bad", [42, None, b"a.txt"])
def test_load_text_refuses_a_source_that_is_no_path(bad):
    with pytest.raises(ArticleError) as err:
        load_text(bad)
    assert type(bad).__name__ in str(err.value) and "path" in str(err.value)


@pytest.mark.parametrize("bad", [None, "Il presidente ha detto 10.000 container.", 42])
def test_extract_claims_needs_an_article(bad):
    with pytest.raises(VerifyError) as err:
        extract_claims(bad)
    message = str(err.value)
    assert "extract_claims" in message and "load_article" in message
    assert type(bad).__name__ in message


# --- point 14: lone surrogates in pasted text --------------------------------------------------------

def test_a_lone_surrogate_in_pasted_text_is_replaced_and_reported(tmp_path):
    article = load_article(text="Il vertice \ud800 di Pyongyang\n" + BODY + " \udfff fine.")
    assert "\ud800" not in article.text and "\udfff" not in article.text
    assert article.text.count("\ufffd") == 2
    assert len(article.text) == len("Il vertice \ud800 di Pyongyang\n" + BODY + " \udfff fine.")
    assert any("surrogate" in w and "\ufffd" not in w for w in article.warnings)
    claims = extract_claims(article)
    assert any(c.text == "più di 10.000 container" for c in claims)
    out = tmp_path / "claims.csv"
    write_claims_csv(claims, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(claims)
    for claim in claims:
        assert article.text[claim.start:claim.end] == claim.text


def test_a_pasted_pair_of_surrogates_is_a_lone_one_twice():
    # "\ud83d\ude00" is an emoji's UTF-16 halves, as a careless copy may give them: not valid text
    article = load_article(text="Emoji \ud83d\ude00 e 10.000 container arrivati ieri a Roma.")
    assert "\ud83d" not in article.text and article.text.count("\ufffd") == 2


# --- a named pipe or a device given as the article ---------------------------------------------

def test_a_fifo_given_as_the_article_is_refused_in_words_not_read_as_empty(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match=r"story\.txt: is a named pipe \(FIFO\), not a regular"):
        load_article(str(fifo))
    # the command line says the same in one line, and returns at once instead of blocking
    done = subprocess.run([sys.executable, "-m", "verify", "extract", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "named pipe" in done.stderr and "Traceback" not in done.stderr


def test_a_device_given_as_the_article_is_refused():
    with pytest.raises(ArticleError, match=r"/dev/zero: is a device"):
        load_article("/dev/zero")
