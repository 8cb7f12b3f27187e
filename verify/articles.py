"""Load an article (a file, a URL or pasted text) and lay out its structure.

    >>> article = load_article(text="Putin visita la Corea del Nord\\nIl presidente russo è arrivato a Pyongyang.")
    >>> article.lang, article.title, [b.kind for b in article.blocks]
    ('it', 'Putin visita la Corea del Nord', ['headline', 'body'])

With no source and no text, the embedded seed article (``SEED_ARTICLE``) is loaded, so the
notebooks and the trainers' demo work out of the box.

``article_id`` is stable: the same article gets the same id on every run and machine, and an edit
to its text keeps it (its worksheet must survive a corrected typo). It is built from:

- a file: a slug of the file name ("putin-kim-2024.it.txt" -> "putin-kim-2024-it");
- a URL: a slug of host and path, then the first 8 hex digits of the URL's SHA-1
  ("https://www.cnn.com/2024/06/19/asia/x" -> "cnn-com-2024-06-19-asia-x-1a2b3c4d");
- pasted text: "text-" and the first 10 hex digits of the SHA-1 of its first non-empty line
  (usually the headline).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from .blocks import split_blocks
from .errors import ArticleError
from .language import LANGUAGES, detect_language
from .model import Article, Sentence
from .sentences import split_sentences

__all__ = ["load_article", "article_sentences", "article_id_for", "SEED_ARTICLE"]

SEED_ARTICLE = Path(__file__).resolve().parent / "data" / "seed" / "putin-kim-2024.it.txt"
"""The embedded default article: CNN's report of Putin's June 2024 visit to Pyongyang, as
machine-translated into Italian and scraped, noise included, by a copying site. Package data, so
an installed ``verify`` has it; ``articles/`` in the repository holds the same bytes (a test
keeps the two copies identical)."""

_SLUG_MAX = 60
_ISO_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_FULL_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_START_RE = re.compile(r"\d{4}")
# What ``str.splitlines`` ends a line at (checked over all of Unicode); all of it is white space.
_LINE_BREAK_RE = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_SPACE_RE = re.compile(r"\S")


def load_article(source=None, *, text: str | None = None, lang: str | None = None,
                 max_bytes: int = 5_000_000, timeout: float = 60.0) -> Article:
    """Load an article from ``source`` (a path or an http(s) URL) or from pasted ``text``.

    ``lang`` is "it" or "en"; detected from the text when not given. ``timeout`` caps a URL
    fetch in seconds, retries and redirects included. Raises ArticleError when the article
    cannot be read or ``lang`` is not supported (FetchError for URLs).
    """
    if lang is not None and lang not in LANGUAGES:
        raise ArticleError(
            f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)} "
            "(or leave it out to detect it)"
        )
    from . import loading  # imported late: the loader pulls in the network code

    if text is not None:
        if source is not None:
            raise ArticleError("give either a source or text=, not both", source=str(source))
        loaded = loading.text_from_string(text)
    else:
        from .fetch import fetch

        def fetcher(url, max_bytes):
            # A silent server gives up within the cap too, not after the default 20 s read wait.
            wait = min(5.0, timeout), min(20.0, timeout)
            return fetch(url, max_bytes=max_bytes, timeout=wait, deadline=timeout)

        loaded = loading.load_text(SEED_ARTICLE if source is None else source,
                                   max_bytes=max_bytes, fetcher=fetcher)

    body = loaded.text
    if not body or body.isspace():  # what strip() would leave empty, without copying the text
        raise ArticleError(f"{loaded.source}: the article is empty; give a file, URL or text with "
                           "the article's words", source=str(loaded.source))
    lang = lang or detect_language(body)
    blocks = split_blocks(body, lang)
    dateline = next((b.text for b in blocks if b.kind == "dateline"), "")
    headline = next((b.text for b in blocks if b.kind == "headline"), "")
    return Article(
        text=body,
        source=str(loaded.source),
        article_id=article_id_for(None if text is not None else (source or SEED_ARTICLE), body),
        lang=lang,
        title=(getattr(loaded, "title", "") or "").strip() or headline,
        dateline=dateline,
        published=_iso_date(getattr(loaded, "published", "")) or _date_of(dateline, lang),
        encoding=loaded.encoding,
        warnings=tuple(loaded.warnings),
        blocks=tuple(blocks),
    )


def article_sentences(article: Article) -> list[Sentence]:
    """The sentences of the article's headline, body and captions."""
    return split_sentences(article.text, list(article.blocks))


# --- The article's id ----------------------------------------------------------------------------

def _slug(words: str) -> str:
    """Lower-case ASCII letters and digits joined by '-': "Putin à Kim" -> "putin-a-kim"."""
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:_SLUG_MAX].strip("-")


def _sha1(words: str) -> str:
    return hashlib.sha1(words.encode("utf-8")).hexdigest()


def _first_line(text: str) -> str:
    """The first non-empty line of ``text`` (by ``str.splitlines``), stripped, without splitting
    the whole text: the line holding its first non-space character. The lines before it are
    white space only, and so are the line breaks."""
    first = _NON_SPACE_RE.search(text)
    if first is None:
        return ""
    end = _LINE_BREAK_RE.search(text, first.start())
    return text[first.start():end.start() if end else len(text)].rstrip()


def article_id_for(source, text: str = "") -> str:
    """The stable id of an article from its ``source`` (path or URL), or, for pasted text
    (``source`` None), from the first non-empty line of ``text``."""
    if source is None:
        return "text-" + _sha1(_first_line(text))[:10]
    name = str(source)
    if re.match(r"(?i)https?://", name):
        parts = urlsplit(name)
        host = (parts.hostname or "").removeprefix("www.")
        return f"{_slug(host + ' ' + parts.path) or 'url'}-{_sha1(name)[:8]}"
    stem = Path(name).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    return _slug(stem) or "article-" + _sha1(name)[:8]


# --- The article's date --------------------------------------------------------------------------

def _iso_date(value: str) -> str:
    """The ISO date at the start of a metadata value ("2024-06-19T10:32:00Z" -> "2024-06-19")."""
    match = _ISO_DATE_RE.match((value or "").strip())
    if not match:
        return ""
    return "-".join(p for p in match.groups() if p)


def _date_of(dateline: str, lang: str) -> str:
    """The date a dateline gives, as ISO: a full date when it has one, else its year."""
    if not dateline:
        return ""
    from .numbers import find_mentions

    mentions = find_mentions(dateline, lang)
    for m in mentions:
        if m.kind == "date" and _FULL_ISO_DATE_RE.fullmatch(m.value):
            return m.value
    for m in mentions:
        if m.kind in ("date", "year") and _YEAR_START_RE.match(m.value):
            return m.value[:4]
    return ""
