"""Read an article's text from a file, a URL or a pasted string: the input layer.

    >>> loaded = text_from_string("\\ufeffPutin a Pyongyang\\r\\nIl presidente è arrivato.")
    >>> loaded.text, loaded.media
    ('Putin a Pyongyang\\r\\nIl presidente è arrivato.', 'text')

The text comes back exactly as the offsets of every later stage index it (docs/design.md contract):
decoded, BOM removed, newlines NOT translated. For HTML the text is the article trafilatura
extracts, one paragraph per line with a blank line between paragraphs; it becomes the article
text, so offsets index it, not the HTML.

Encodings, in order (the first that applies wins):

1. a byte-order mark: UTF-8 (removed, encoding "utf-8-sig") or UTF-16;
2. the charset the server or the page declares (HTTP header first, then ``<meta charset>``);
   "iso-8859-1", "latin-1" and "ascii" are read as cp1252, as browsers do, because such pages
   hold Windows quotes (’ “ ”) far more often than C1 control characters; a name that is
   unknown, or no character set at all (base64, rot13, unicode_escape), is ignored with a warning;
3. UTF-8;
4. cp1252, then latin-1 (which never fails): a guess, so it is REPORTED in ``warnings``.

A lone surrogate (half a UTF-16 pair: a broken paste, UTF-7) becomes U+FFFD, with a warning.
A page nested deeper than lxml builds trees (255 levels) is read by a flat tag scanner instead.

Files: .txt/.text are text, .md/.markdown markdown (kept as is), .html/.htm/.xhtml HTML. Any
other extension is read by content: HTML when it starts like HTML, else plain text, with a
warning naming the extension; binary content is refused whatever the extension.
"""

from __future__ import annotations

import codecs
import html as html_lib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError
from ..records.files import binary_kind, kind_of

MEDIA_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
"""File extensions and the media they are read as."""

_URL_RE = re.compile(r"^https?://", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LOOKS_LIKE_HTML_RE = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b",
                                 re.I | re.S)
# browsers read these labels as windows-1252 (WHATWG Encoding Standard)
_READ_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "cp1252"}
# text codecs of Python's that no web page is written in: they turn escapes and host names
# into text ("\\u0041" -> "A"), or refuse everything ("undefined")
_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}
# What to do with each kind of file that is no text (verify.records.files.MAGIC says which it is).
_NOT_TEXT_ADVICE = {
    "a PDF": "export its text first (e.g. with pdftotext or 'Save as text') and load the .txt",
    "a PNG image": "copy the article's text into a .txt file and load that",
    "a JPEG image": "copy the article's text into a .txt file and load that",
    "a GIF image": "copy the article's text into a .txt file and load that",
}
_SAVE_AS_TEXT = "save it as plain text (.txt) first"
# real text has almost no control characters (a stray one in an old file is fine); binary
# data decoded as latin-1 is full of them
_MAX_CONTROL_SHARE = 0.05
_MAX_CONTROL_ALWAYS_OK = 2


@dataclass(frozen=True)
class LoadedText:
    """An article's text as loaded, with where it came from and what the loader had to guess."""

    text: str
    """The text, decoded, BOM removed, newlines NOT translated; for HTML the extracted article
    text (paragraphs separated by a blank line). Every later offset indexes this string."""
    source: str
    """The path as given, the URL as given, or the name given to pasted text."""
    encoding: str
    """The codec the bytes were decoded with: "utf-8", "utf-8-sig", "utf-16", "cp1252",
    "latin-1", ... ("utf-8" for pasted text)."""
    warnings: tuple[str, ...]
    """What the loader had to guess, each a sentence naming the input
    ("putin.txt: not valid UTF-8; decoded as cp1252 — check accented letters and quotes")."""
    media: str
    """How the input was read: "text", "markdown" or "html"."""
    title: str = ""
    """The page title from HTML metadata, when any."""
    published: str = ""
    """The publication date (ISO 8601, "2024-06-19") from HTML metadata, when any."""
    url: str = ""
    """The final URL (after redirects) of a fetched page; empty for files and pasted text."""
    author: str = ""
    """The author(s) from HTML metadata, when any."""

    def __post_init__(self):
        object.__setattr__(self, "warnings", tuple(self.warnings))


def load_text(source: str | os.PathLike, *, max_bytes: int = 5_000_000, fetcher=None) -> LoadedText:
    """Load a file (.txt .md .html .htm) or an http(s) URL.

    Raises ArticleError for a file that cannot be read as an article (missing, a folder, empty,
    binary, over ``max_bytes``, no text in its HTML) and FetchError for a URL that cannot be
    fetched. ``fetcher`` is called as ``fetcher(url, max_bytes=max_bytes)`` and returns a
    ``fetch.Fetched``; tests may swap it (default: ``fetch.fetch``).
    """
    if not isinstance(source, (str, os.PathLike)):
        raise ArticleError(f"the source {source!r:.40} is {type(source).__name__}, not a path or "
                           "URL: give a file path (str or Path) or an http(s) URL")
    if isinstance(source, str) and _URL_RE.match(source.strip()):
        return _load_url(source.strip(), max_bytes, fetcher)
    return _load_file(source, max_bytes)


def text_from_string(text: str, *, name: str = "<text>") -> LoadedText:
    """Pasted text: only a leading BOM is removed (offsets index the rest as given), and a lone
    surrogate is replaced by U+FFFD (one code point for one: offsets hold), with a warning."""
    warnings: list[str] = []
    text = _replace_surrogates(text.removeprefix("\ufeff"), name, warnings)
    return LoadedText(text=text, source=name, encoding="utf-8", warnings=warnings, media="text")


# --- files -------------------------------------------------------------------------------

def _load_file(source, max_bytes: int) -> LoadedText:
    path = Path(source)
    name = str(source)
    data = _read_file(path, name, max_bytes)
    media, warnings = _file_media(path, name, data)
    if media == "html":
        return _from_html(data, source=name, declared="", url="", warnings=warnings)
    text, encoding, decode_warnings = decode(data, source=name)
    _require_words(text, name)
    return LoadedText(text=text, source=name, encoding=encoding,
                      warnings=tuple(warnings + decode_warnings), media=media)


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """The file's bytes, after the checks a wrong path or a huge file needs."""
    if "\x00" in name:  # the OS would refuse it with a bare ValueError
        shown = name.replace("\x00", "\\x00")  # a NUL would cut the message short in a terminal
        raise ArticleError(f"{shown}: the path holds a NUL character (\\x00), which no file name "
                           "can — check how the path was built", source=name)
    try:
        info = path.stat()  # once: is_dir() would look the path up again
        size = info.st_size
    except FileNotFoundError:
        hint = " (a web address must start with https://)" if _looks_like_host(name) else ""
        raise ArticleError(f"{name}: no such file — check the path{hint}; relative paths start "
                           f"at {os.getcwd()}", source=name) from None
    except OSError as err:
        raise ArticleError(f"{name}: cannot be read ({err.strerror or err}) — check the path "
                           "and its permissions", source=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{name}: is a folder, not a file — give the article file inside "
                           f"it ({_supported()})", source=name)
    if not stat.S_ISREG(info.st_mode):
        # a FIFO or a device would block the read forever or never end; both look empty to stat
        raise ArticleError(f"{name}: is {kind_of(info.st_mode)}, not a regular file — save the "
                           "article's text in a file and give that", source=name)
    if size > max_bytes:
        raise ArticleError(f"{name}: is {_mb(size)}; articles over {_mb_limit(max_bytes)} are "
                           "refused — split it or raise max_bytes", source=name)
    if size == 0:
        raise ArticleError(f"{name}: the file is empty — save the article's text in it first",
                           source=name)
    try:
        return path.read_bytes()
    except OSError as err:
        raise ArticleError(f"{name}: cannot be read ({err.strerror or err}) — check its "
                           "permissions", source=name) from None


def _file_media(path: Path, name: str, data: bytes) -> tuple[str, list[str]]:
    """The media of a file from its extension; unknown extensions are sniffed, with a warning."""
    suffix = path.suffix.lower()
    if suffix in MEDIA_BY_SUFFIX:
        return MEDIA_BY_SUFFIX[suffix], []
    _refuse_binary(data, name)
    head = data[:2048].decode("latin-1")
    media = "html" if _LOOKS_LIKE_HTML_RE.match(head.removeprefix("\xef\xbb\xbf")) else "text"
    what = f"extension {suffix!r}" if suffix else "no extension"
    return media, [f"{name}: {what} is not one of {_supported()}; read as "
                   f"{'HTML' if media == 'html' else 'plain text'} from its content"]


def _looks_like_host(name: str) -> bool:
    return bool(re.match(r"^(www\.|[\w-]+\.(com|org|net|it|uk|eu|gov|int)/)", name, re.I))


def _supported() -> str:
    return " ".join(MEDIA_BY_SUFFIX)


# --- URLs --------------------------------------------------------------------------------

def _load_url(url: str, max_bytes: int, fetcher) -> LoadedText:
    if fetcher is None:
        from .fetch import fetch as fetcher  # imported late: files need no network code
    return text_from_fetched(fetcher(url, max_bytes=max_bytes))


def text_from_fetched(fetched) -> LoadedText:
    """The text of a page ``fetch.fetch`` returned, read as ``load_text`` reads a URL (the
    source registry uses it so a source's text comes from the same extractor as an article's).

    Raises ArticleError when the body is binary or holds no text.
    """
    url, body = fetched.url, fetched.body
    media = _url_media(fetched.content_type, body)
    if media == "html":
        return _from_html(body, source=url, declared=fetched.charset, url=fetched.final_url,
                          warnings=[])
    text, encoding, warnings = decode(body, source=url, declared=fetched.charset)
    _require_words(text, url)
    return LoadedText(text=text, source=url, encoding=encoding, warnings=tuple(warnings),
                      media=media, url=fetched.final_url)


def _url_media(content_type: str, body: bytes) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if not content_type:  # the server did not say: look
        head = body[:2048].decode("latin-1")
        return "html" if _LOOKS_LIKE_HTML_RE.match(head.removeprefix("\xef\xbb\xbf")) else "text"
    return "text"


# --- HTML --------------------------------------------------------------------------------

def _from_html(data: bytes, *, source: str, declared: str, url: str,
               warnings: list[str]) -> LoadedText:
    declared = declared or _meta_charset(data)
    html, encoding, decode_warnings = decode(data, source=source, declared=declared)
    text, meta, html_warnings = _html_article(html, source=source, url=url)
    return LoadedText(text=text, source=source, encoding=encoding,
                      warnings=tuple(warnings + decode_warnings + html_warnings), media="html",
                      title=meta.get("title", ""), published=meta.get("date", ""), url=url,
                      author=meta.get("author", ""))


def _meta_charset(data: bytes) -> str:
    """The charset a page declares in a ``<meta>`` within its first 4 KB, lower case."""
    found = _META_CHARSET_RE.search(data[:4096])
    return found.group(1).decode("ascii").lower() if found else ""


def html_to_text(html: str, *, url: str = "") -> tuple[str, dict]:
    """The article text of an HTML page and its metadata {"title", "date", "author"}.

    Paragraphs (and headings, list blocks...) are separated by a blank line; a ``<br>`` inside
    one stays a single newline. Raises ArticleError when the page holds no text at all.
    """
    text, meta, _warnings = _html_article(html, source=url or "the HTML page", url=url)
    return text, meta


def _html_article(html: str, *, source: str, url: str) -> tuple[str, dict, list[str]]:
    """(text, metadata, warnings) of an HTML page; see ``html_to_text``."""
    document = _trafilatura(html, url)
    text = _document_text(document) if document is not None else ""
    meta = _metadata(document) if document is not None else _metadata_only(html, url)
    warnings = []
    if not text:
        # trafilatura gives up on short or oddly built pages; their visible text is still the
        # article a checker meant to load
        text = _visible_text(html)
    if not text:
        # lxml stops building the tree 255 elements deep, so a page nested deeper (by
        # accident or to hide its text) reads as empty; a flat reading of its tags has no limit
        text = _flat_text(html)
        if text:
            warnings.append(f"{source}: the page's HTML is nested too deeply for the article "
                            "extractor; its visible text was read tag by tag instead — check "
                            "that no menu or footer text slipped in")
    if not text:
        raise ArticleError(f"{source}: no article text found in the page (only scripts/markup?) "
                           "— open it in a browser and copy the article's text into a .txt file",
                           source=source)
    return text, meta, warnings


def _trafilatura(html: str, url: str):
    """trafilatura's Document (text tree + metadata), or None when it finds no main text."""
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    try:
        return trafilatura.bare_extraction(
            html, url=url or None, include_comments=False, include_tables=False,
            include_images=False, favor_recall=True, with_metadata=True)
    except Exception:  # noqa: BLE001 - a parser crash on odd HTML must fall back, not fail
        return None


def _document_text(document) -> str:
    """The extracted text: one block (paragraph, heading, list, quote) per paragraph.

    trafilatura's own "txt" output separates paragraphs with a single newline, like a <br>
    inside one; the block classifier needs to tell them apart, so blocks are joined here with
    a blank line.
    """
    from trafilatura.xml import xmltotxt

    body = getattr(document, "body", None)
    if body is None:
        return (getattr(document, "text", "") or "").strip()
    blocks = [(body.text or "").strip()]
    blocks += [xmltotxt(child, False).strip() for child in body]
    return "\n\n".join(b for b in blocks if b)


def _metadata(document) -> dict:
    return {key: (getattr(document, key, "") or "").strip() for key in ("title", "date", "author")}


def _metadata_only(html: str, url: str) -> dict:
    from trafilatura import extract_metadata

    try:
        document = extract_metadata(html, default_url=url or None)
    except Exception:  # noqa: BLE001 - metadata is a bonus; never fail the load over it
        document = None
    return _metadata(document) if document is not None else {"title": "", "date": "", "author": ""}


_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "head", "svg", "iframe", "form",
              "button", "select", "textarea", "object", "canvas"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1",
               "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
               "pre", "figure", "figcaption", "table", "tr", "td", "th", "hr", "address",
               "body", "html"}
_BREAK = "\x00"  # a paragraph boundary while walking the tree (no NUL survives decode)


def _visible_text(html: str) -> str:
    """Plain text of the page without scripts, styles and navigation, a blank line between
    blocks: the fallback when trafilatura finds no main text."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    _walk(root, parts)
    return _blocks_text(parts)


def _blocks_text(parts: list[str]) -> str:
    """The text pieces of a page, block breaks marked ``_BREAK``, as paragraphs separated by a
    blank line, white space runs made one space (a ``<br>`` stays a newline)."""
    blocks = []
    for paragraph in "".join(parts).split(_BREAK):
        # source newlines were made spaces in _walk; the "\n" left are <br>: keep them
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""  # comments, PIs: no tag name
    if tag.lower() in _SKIP_TAGS or not tag:
        if element.tail:
            parts.append(element.tail.replace("\n", " "))
        return
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append(_BREAK)
    if tag.lower() == "br":
        parts.append("\n")
    if element.text:
        parts.append(element.text.replace("\n", " "))
    for child in element:
        _walk(child, parts)
    if block:
        parts.append(_BREAK)
    if element.tail:
        parts.append(element.tail.replace("\n", " "))


def _flat_text(html: str) -> str:
    """The page's visible text read as a flat stream of tags (no tree, so no depth limit): the
    fallback for pages lxml cannot build a tree of.

    A scanner of its own rather than ``html.parser``, which takes quadratic time on a run of
    unclosed tags ("<a <a <a ..."): every search here starts where the last one ended.
    """
    low = html.lower()  # for finding </script> whatever its case; same offsets as html
    parts: list[str] = []
    skipping: dict[str, int] = {}  # how many of each skipped tag (script, nav...) are open
    pos = 0
    while pos < len(html):
        lt = html.find("<", pos)
        if lt < 0:
            lt = len(html)
        if not any(skipping.values()):
            parts.append(_flat_data(html[pos:lt]))
        if lt == len(html):
            break
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            pos = len(html) if end < 0 else end + 3
            continue
        tag = _TAG_NAME_RE.match(html, lt)
        if tag is None:  # a "<" that starts no tag is text
            if not any(skipping.values()):
                parts.append("<")
            pos = lt + 1
            continue
        end = html.find(">", tag.end())
        if end < 0:
            break  # an unclosed tag runs to the end of the page: no text after it
        pos = end + 1
        name, closing = tag.group(2).lower(), tag.group(1) == "/"
        if name in _RAW_TEXT_TAGS and not closing:
            close = low.find(f"</{name}", pos)  # their content is never markup
            pos = len(html) if close < 0 else close
            continue
        _flat_tag(name, closing, skipping, parts)
    return _blocks_text(parts)


_TAG_NAME_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_RAW_TEXT_TAGS = {"script", "style", "textarea", "title", "xmp"}


def _flat_tag(name: str, closing: bool, skipping: dict[str, int], parts: list[str]) -> None:
    """Count a skipped tag open or closed, or mark a block boundary or a line break."""
    if name == "body" and not closing:
        skipping.pop("head", None)  # a <head> never closed ends where <body> starts
    if name in _SKIP_TAGS:
        skipping[name] = max(0, skipping.get(name, 0) + (-1 if closing else 1))
    elif name in _BLOCK_TAGS:
        parts.append(_BREAK)
    elif name == "br":
        parts.append("\n")


def _flat_data(data: str) -> str:
    return html_lib.unescape(data).replace("\n", " ").replace(_BREAK, " ")


# --- bytes to text -----------------------------------------------------------------------

def decode(data: bytes, *, source: str, declared: str = "") -> tuple[str, str, list[str]]:
    """Decode an article's bytes: (text, encoding, warnings). See the module docstring.

    ``declared`` is the charset the server or the page named ("" when none). The BOM is removed
    and newlines are kept as they are. Raises ArticleError for binary data (a PDF, an image,
    NUL bytes, mostly control characters); never anything else.
    """
    _refuse_binary(data, source)
    warnings: list[str] = []
    decoded = _decode_bom(data) or _decode_declared(data, declared, source, warnings) \
        or _decode_utf8(data) or _decode_fallback(data, source, warnings)
    text, encoding = decoded
    _refuse_control(text, source)
    if encoding in _NO_SURROGATES:  # a search of the whole text saved (0.05 ms for 10 KB)
        return text, encoding, warnings
    return _replace_surrogates(text, source, warnings), encoding, warnings


# The codecs whose text never holds a lone surrogate: strict UTF-8 refuses one, and the one-byte
# codecs have none.
_NO_SURROGATES = frozenset({"utf-8", "utf-8-sig", "cp1252", "latin-1"})


def _refuse_binary(data: bytes, source: str) -> None:
    what = binary_kind(data)
    if what:
        fix = _NOT_TEXT_ADVICE.get(what, _SAVE_AS_TEXT)
        raise ArticleError(f"{source}: looks like {what}, not text: {fix}", source=source)
    # UTF-16 text is full of NULs: it is let through only with its BOM (checked in decode)
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ArticleError(f"{source}: looks like a binary file (it holds NUL bytes), not text: "
                           "save the article as plain text (.txt) and load that", source=source)


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None  # a BOM on a broken file: let the fallback guess, and say so
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"  # the codec removes the BOM
        except UnicodeDecodeError:
            return None
    return None


def _decode_declared(data: bytes, declared: str, source: str,
                     warnings: list[str]) -> tuple[str, str] | None:
    if not declared:
        return None
    try:
        info = codecs.lookup(declared.strip().lower())
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        warnings.append(f"{source}: declares the unknown charset {declared!r}; ignored")
        return None
    codec = info.name
    if not getattr(info, "_is_text_encoding", True) or codec in _NOT_CHARSETS:
        # Python also names transforms "codecs" (base64, rot13, zlib): no page is written in one
        warnings.append(f"{source}: declares {declared!r} as its charset, which is not a "
                        "character set; ignored")
        return None
    if codec in _READ_AS_CP1252:
        return _decode_cp1252(data)
    try:
        return data.decode(codec), codec
    except UnicodeError:  # UnicodeDecodeError, and the bare UnicodeError some codecs raise
        warnings.append(f"{source}: declares {declared} but is not valid {declared}; "
                        "the encoding was guessed")
        return None


def _decode_utf8(data: bytes) -> tuple[str, str] | None:
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _decode_cp1252(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def _decode_fallback(data: bytes, source: str, warnings: list[str]) -> tuple[str, str]:
    text, encoding = _decode_cp1252(data.removeprefix(codecs.BOM_UTF8))
    warnings.append(f"{source}: not valid UTF-8; decoded as {encoding} — check accented "
                    "letters and quotes")
    return text, encoding


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but the five of
# whitespace, found by one pattern: a category look-up per character was half the time of loading
# a 10 KB article (archive issue's benchmark).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _refuse_control(text: str, source: str) -> None:
    """Refuse text that is mostly control characters: binary data decoded as a legacy codec."""
    if not text:
        return
    sample = text[:65536]
    # No control character is printable: a printable sample has none (3x quicker than the regex)
    if sample.replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("\x0b", " ") \
            .replace("\x0c", " ").replace("\xa0", " ").isprintable():
        return
    control = len(_CONTROL_RE.findall(sample))
    if "\x00" in sample or control > max(_MAX_CONTROL_ALWAYS_OK, _MAX_CONTROL_SHARE * len(sample)):
        raise ArticleError(f"{source}: looks like a binary file ({control} control characters), "
                           "not text: save the article as plain text (.txt) and load that",
                           source=source)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(text: str, source: str, warnings: list[str]) -> str:
    """``text`` with each lone surrogate made U+FFFD, and a warning saying where.

    A surrogate is half of a UTF-16 character pair; alone (a broken copy, or UTF-7's escapes)
    it is no character, and no file can hold it as UTF-8: the claims table could not be saved.
    """
    first = _SURROGATE_RE.search(text)
    if first is None:
        return text
    count = len(_SURROGATE_RE.findall(text))
    warnings.append(f"{source}: {count} broken character(s) (lone UTF-16 surrogates, the first "
                    f"at offset {first.start()}) replaced with U+FFFD — check the text there "
                    "against the original")
    return _SURROGATE_RE.sub("\ufffd", text)


def _require_words(text: str, source: str) -> None:
    if not text.strip():
        raise ArticleError(f"{source}: the text is empty (only white space) — save the "
                           "article's text in it first", source=source)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _mb_limit(n: int) -> str:
    return f"{n / 1_000_000:g} MB"
