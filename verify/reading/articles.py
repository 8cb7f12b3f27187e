"""Load an article (a file, a URL or pasted text) and lay out its structure.

    >>> article = load_article(text="Putin visita la Corea del Nord\\nIl presidente russo è arrivato a Pyongyang.")
    >>> article.lang, article.title, [b.kind for b in article.blocks]
    ('it', 'Putin visita la Corea del Nord', ['headline', 'body'])

With no source and no text, the embedded seed article (``SEED_ARTICLE``) is loaded, so the
notebooks and the trainers' demo work out of the box.

``article_id`` is stable: the same article gets the same id on every run and machine, and an edit
to its text keeps it (its worksheet must survive a corrected typo), while two different articles
get two ids (they would share one worksheet). See ``article_id_for`` for the rule.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from .blocks import split_blocks
from ..errors import ArticleError
from .language import LANGUAGES, SAMPLE_CHARS, language_of_lowered
from ..records.model import Article, Sentence
from ..settings import current as current_settings
from .sentences import split_sentences

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "data" / "seed" / "putin-kim-2024.it.txt"
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
                 max_bytes: int | None = None, timeout: float | None = None,
                 allow_private=None) -> Article:
    """Load an article from ``source`` (a path or an http(s) URL) or from pasted ``text``.

    ``lang`` is "it" or "en"; detected from the text when not given. ``max_bytes`` refuses a
    larger file or page, and ``timeout`` caps a URL fetch in seconds, retries and redirects
    included; left out, they are the settings ``fetch_max_bytes`` and ``fetch_deadline``
    (``verify.settings``). ``allow_private`` lets a URL on this
    machine or a private network be fetched (True, or a set of host names; by default only
    with ``VERIFY_ALLOW_PRIVATE_FETCH=1``: see ``fetch.fetch``). Raises ArticleError when the
    article cannot be read or an argument is wrong (FetchError for URLs).
    """
    if lang is not None and lang not in LANGUAGES:
        raise ArticleError(
            f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)} "
            "(or leave it out to detect it)"
        )
    limits = current_settings()
    max_bytes = limits.fetch_max_bytes if max_bytes is None else max_bytes
    timeout = limits.fetch_deadline if timeout is None else timeout
    _check_arguments(source, text, max_bytes, timeout)
    from . import loading  # imported late: the loader pulls in the network code

    if text is not None:
        if source is not None:
            raise ArticleError("give either a source or text=, not both", source=str(source))
        loaded = loading.text_from_string(text)
    else:
        def fetcher(url, max_bytes):
            from .fetch import fetch  # imported late: a file needs no network code

            # A silent server gives up within the cap too, not after the default 20 s read wait.
            wait = min(limits.fetch_connect_timeout, timeout), min(limits.fetch_read_timeout, timeout)
            return fetch(url, max_bytes=max_bytes, timeout=wait, deadline=timeout,
                         allow_private=allow_private)

        loaded = loading.load_text(SEED_ARTICLE if source is None else source,
                                   max_bytes=max_bytes, fetcher=fetcher)

    body = loaded.text
    if not body or body.isspace():  # what strip() would leave empty, without copying the text
        raise ArticleError(f"{loaded.source}: the article is empty; give a file, URL or text with "
                           "the article's words", source=str(loaded.source))
    # Lower-cased once for the language and the blocks' rules, not once by each (a tenth of
    # loading a 10 KB article).
    low_body = body.lower()
    if not lang:
        lang = language_of_lowered(low_body if len(body) <= SAMPLE_CHARS
                                   else body[:SAMPLE_CHARS].lower())
    blocks = split_blocks(body, lowered=low_body)
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


def _check_arguments(source, text, max_bytes, timeout) -> None:
    """ArticleError for an argument of the wrong kind, before it fails deep in the loader."""
    if isinstance(text, (bytes, bytearray)):
        raise ArticleError("text= was given bytes, not str: decode them first "
                           "(text=data.decode('utf-8')), or save them to a file and give its path")
    if text is not None and not isinstance(text, str):
        raise ArticleError(f"text= was given {type(text).__name__} {_short(text)}, not str: give "
                           "the article's words as a string, or a path or URL as the source")
    if isinstance(source, (bytes, bytearray)):
        raise ArticleError("the source was given as bytes: give the file path or URL as a str "
                           "(e.g. source.decode()) or a Path")
    if source is not None and not isinstance(source, (str, os.PathLike)):
        raise ArticleError(f"the source {_short(source)} is {type(source).__name__}, not a path or "
                           "URL: give a file path (str or Path) or an http(s) URL, or text=...")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ArticleError(f"max_bytes={max_bytes!r} is not a positive whole number of bytes: "
                           "give an int such as 5_000_000")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) \
            or not 0 < timeout < float("inf"):
        raise ArticleError(f"timeout={timeout!r} is not a number of seconds: give a positive "
                           "number such as 60")


def _short(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


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
    """The stable id of an article: what its worksheet is named after (``claims/<id>.csv``).

    Two promises pull against each other: a corrected article keeps its id (the checker's
    verdicts must follow a fixed typo), and two different articles never share one (the second
    would take over the first one's worksheet). So the id comes from what names the article,
    never from its whole text:

    - a URL: a slug of host and path, then the first 8 hex digits of the URL's SHA-1
      ("https://www.cnn.com/2024/06/19/asia/x" -> "cnn-com-2024-06-19-asia-x-1a2b3c4d");
    - a file: a slug of its name ("putin-kim-2024.it.txt" -> "putin-kim-2024-it"). A name that
      says nothing of the article (index, article, story, page, default, home, untitled, a
      browser's "index (1)", or under 3 characters) is led by the names of the folders above it,
      up to three, until one says more ("sanita/index.html" -> "sanita-index"), so two saved
      ``index.html`` pages get two ids;
    - pasted text (``source`` None): "text-" and the first 10 hex digits of the SHA-1 of its
      first non-empty line and the first 20 words of the lines after it that read as prose
      (5 words or more: the headline, the lede; menu lines such as "Home" or "News" are
      skipped). A correction further down keeps the id; another article pasted from the same
      site (same first line "Home") gets its own. A fix within those first words gives a new
      id: ``Worksheet.open`` then still takes the article into its old worksheet when given
      that worksheet's path, as the text is the same article's.

    A name Windows reserves for a device (CON, PRN, AUX, NUL, COM0-9, LPT0-9), which no file
    there may be called even with an extension, gets "-article" after it: "CON.txt" -> "con-article".

    >>> article_id_for("CON.txt"), article_id_for("news/sanita-ospedali/index.html")
    ('con-article', 'sanita-ospedali-index')
    """
    if source is None:
        return "text-" + _sha1(_first_line(text) + "\n" + " ".join(_lede_words(text)))[:10]
    name = str(source)
    if re.match(r"(?i)https?://", name):
        parts = urlsplit(name)
        host = (parts.hostname or "").removeprefix("www.")
        return f"{_slug(host + ' ' + parts.path) or 'url'}-{_sha1(name)[:8]}"
    path = Path(name)
    stem = path.name.rsplit(".", 1)[0] if "." in path.name.lstrip(".") else path.name
    words = _slug(stem)
    if not words:
        return "article-" + _sha1(name)[:8]
    if _says_nothing(words):
        folders = _slug(" ".join(_telling_folders(path)))[:_SLUG_MAX - len(words) - 1]
        words = f"{folders.strip('-')}-{words}" if folders.strip("-") else words
    return words + "-article" if words in _WINDOWS_DEVICES else words



def earlier_article_ids(article) -> tuple[str, ...]:
    """The ids that versions of ``verify`` before December 2026 gave ``article``, when they differ
    from today's: a pasted text's id came from its first line alone, and a file's from its name
    alone. A worksheet saved under such an id is still this article's (``worksheet_path_for``
    finds it), so an upgrade never hides a checker's verdicts behind a new file name."""
    if article.source == "<text>":
        ids = ["text-" + _sha1(_first_line(article.text))[:10]]
    elif re.match(r"(?i)https?://", article.source):
        ids = []  # unchanged
    else:
        path = Path(article.source)
        stem = path.name.rsplit(".", 1)[0] if "." in path.name.lstrip(".") else path.name
        ids = [_slug(stem) or "article-" + _sha1(article.source)[:8]]
    return tuple(i for i in ids if i != article.article_id)

_LEDE_WORDS = 20
_PROSE_LINE_WORDS = 5
_LEDE_SEARCH = 100_000
# File names a browser, a CMS or an editor gives any article; Italian and English.
_NAMES_THAT_SAY_NOTHING = frozenset({
    "index", "article", "articles", "articolo", "story", "stories", "page", "pagina", "default",
    "home", "homepage", "untitled", "senza-titolo", "document", "documento", "doc", "file",
    "text", "testo", "main", "content", "post", "news", "notizia", "new", "nuovo", "copy",
    "copia", "download", "print", "stampa", "amp", "full", "view", "show", "read", "item",
    "detail", "details", "entry", "single",
})
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                              *(f"lpt{n}" for n in range(10))})
_FOLDERS_TO_NAME = 3


def _says_nothing(slug: str) -> bool:
    """True for a file name slug that could be any article's: "index", "untitled-2",
    "index-1" (a browser's second download), "a1"."""
    bare = re.sub(r"(-(copy|copia|\d+))+$", "", slug)
    return len(slug) < 3 or bare in _NAMES_THAT_SAY_NOTHING or not bare.strip("-0123456789")


def _telling_folders(path: Path) -> list[str]:
    """The names of the folders above ``path`` (absolute, so "index.html" names its folder
    too), nearest last, up to the first one that says something of its own, at most three."""
    folders = []
    for folder in Path(os.path.abspath(path)).parents:
        if not folder.name or len(folders) == _FOLDERS_TO_NAME:
            break
        folders.insert(0, folder.name)
        if not _says_nothing(_slug(folder.name)):
            break
    return folders


def _lede_words(text: str) -> list[str]:
    """The first words of the lines after the first one that read as prose (a headline, a
    lede), skipping menu lines: what tells two pasted articles with one first line apart.
    Reads only as far as it needs to, and never past the first 100,000 characters after the
    first line (a megabyte of menu lines costs no more than that)."""
    first = _NON_SPACE_RE.search(text)
    end = _LINE_BREAK_RE.search(text, first.start()) if first else None
    if end is None:
        return []
    words: list[str] = []
    for line in text[end.end():end.end() + _LEDE_SEARCH].splitlines():
        line_words = line.split()
        if len(line_words) >= _PROSE_LINE_WORDS:
            words += line_words[:_LEDE_WORDS - len(words)]
            if len(words) == _LEDE_WORDS:
                break
    return words


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
    from ..grammar import find_mentions

    mentions = find_mentions(dateline, lang)
    for m in mentions:
        if m.kind == "date" and _FULL_ISO_DATE_RE.fullmatch(m.value):
            return m.value
    for m in mentions:
        if m.kind in ("date", "year") and _YEAR_START_RE.match(m.value):
            return m.value[:4]
    return ""
