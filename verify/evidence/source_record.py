"""One source's record: the registry row (``Source``), its id from its address or its text, and
the checks on a row a checker edited by hand.

The registry that keeps these rows is ``verify.evidence.sources``; its module notes say how ids
are chosen and what validation promises.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

from ..errors import SourceError
from .registry_folder import _is_inside
from ..records.cells import is_whole_number, short_cell
from ..records.store import CsvSchema, header_problems

FACT_CHECK_KIND = "fact-check"
"""A past fact-check of the claim, kept as a source (``verify.evidence.factchecks.record_match``)."""
KINDS = ("official", "primary", "news", FACT_CHECK_KIND, "other")
"""What a source is: an official body's own publication (a ministry, the UN, the Kremlin), a
primary document (a treaty text, a transcript, a data set), a news report, a past fact-check of
the claim (``verify.evidence.factchecks.record_match``), or other (analysis, a blog...). Empty when the
checker has not said."""
FETCH_STATUSES = ("ok", "failed", "pasted", "not_fetched")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.I)


@dataclass(frozen=True)
class Source:
    """One row of the registry: where a source is, what it is, and what became of its fetch."""

    source_id: str
    """Stable id: ``web-`` + 12 hex digits of the normalized URL's SHA-256 for a fetched page,
    ``pasted-`` + 12 hex digits for pasted text (from its text, and its address when given)."""
    url: str = ""
    """The address as the checker gave it (empty for text pasted without one)."""
    title: str = ""
    """The title: as given, else the page's own title when fetched."""
    publisher: str = ""
    """Who published it ("Politico", "United Nations")."""
    published: str = ""
    """Publication date, ISO 8601: "2024-02-27", "2024-02" or "2024"; empty when unknown."""
    kind: str = ""
    """One of KINDS, or empty when not classified."""
    added_by: str = ""
    """Who added the source (the checker's name or initials)."""
    added_at: str = ""
    """When it was added, ISO 8601 UTC ("2026-11-29T10:03:05Z")."""
    fetch_status: str = "not_fetched"
    """One of FETCH_STATUSES: ok (fetched, snapshot saved), failed (see ``message``), pasted
    (text a checker pasted), not_fetched (only the address is recorded)."""
    http_status: str = ""
    """The final HTTP status as digits ("200", "404"); empty when no server answered."""
    content_type: str = ""
    """The Content-Type the server sent ("text/html; charset=iso-8859-1"); empty when none."""
    fetched_at: str = ""
    """When the last fetch attempt ended, ISO 8601 UTC; empty when never fetched."""
    sha256: str = ""
    """SHA-256 (hex) of the snapshot file: the raw bytes of a fetched page, the UTF-8 text of a
    pasted passage; empty when there is none."""
    snapshot_path: str = ""
    """The snapshot file, relative to the registry folder ("snapshots/<sha256>.html")."""
    text_path: str = ""
    """The extracted text file, relative to the registry folder ("snapshots/<sha256>.txt");
    evidence offsets index its text. Empty when there is no text."""
    note: str = ""
    """The checker's note: what the source gives, how it bears on the claim."""
    message: str = ""
    """What happened, in words: why the fetch failed, or what a checker should know about one
    that worked (a redirect, a guessed encoding, a failed refresh)."""

    @property
    def has_text(self) -> bool:
        """True when the registry holds a text for this source (fetched or pasted)."""
        return bool(self.text_path)

    def to_row(self) -> dict[str, str]:
        """The registry row: {column: cell}, in REGISTRY_COLUMNS order."""
        return {name: getattr(self, name) for name in REGISTRY_COLUMNS}

    @classmethod
    def from_row(cls, row: dict[str, str]) -> "Source":
        """A Source from a registry row (missing columns are empty; others are ignored)."""
        return cls(**{name: row.get(name, "") or "" for name in REGISTRY_COLUMNS})


REGISTRY_COLUMNS = tuple(f.name for f in fields(Source))
"""The registry's columns, in file order."""


# --- addresses and ids ------------------------------------------------------------------------

def normalize_url(url: str) -> str:
    """The address with what does not change the page removed: the case of the scheme and
    host, a default port, the #fragment, tracking parameters (utm_*, fbclid, gclid).

    >>> normalize_url("HTTPS://WWW.Example.com:443/a/B?utm_source=x&id=3#top")
    'https://www.example.com/a/B?id=3'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        raise SourceError(f"{url}: the port is not a number — check the address",
                          source=url) from None
    if port and port != {"http": 80, "https": 443}.get(scheme):
        host += f":{port}"
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _TRACKING.match(pair.split("=", 1)[0]))
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def url_source_id(url: str) -> str:
    """The id of the page at ``url``.

    >>> url_source_id("https://press.un.org/en/2024/sc15648.doc.htm#top") == \\
    ...     url_source_id("HTTPS://press.un.org/en/2024/sc15648.doc.htm")
    True
    """
    return "web-" + _sha256(normalize_url(url).encode("utf-8"))[:12]


def pasted_source_id(text: str, url: str = "") -> str:
    """The id of a passage pasted from ``url`` (or from nowhere when ``url`` is empty)."""
    key = _sha256(text.encode("utf-8"))
    if url:
        key = _sha256(f"{normalize_url(url)}\n{key}".encode("utf-8"))
    return "pasted-" + key[:12]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()




def _is_date(value: str) -> bool:
    return bool(_PARTIAL_DATE.match(value)) or _is_time(value)


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# --- reading and validating the CSV -------------------------------------------------------------

_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def _check_row(row: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(column, problem) for each cell of a registry row a hand edit broke."""
    if not row["source_id"].strip():
        yield "source_id", "the id is empty; every source needs one (undo the edit that removed it)"
    url = row["url"].strip()
    if url and (urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc):
        yield "url", f"'{row['url']}' is not a web address; it must start with https:// or http://"
    if row["kind"] not in ("",) + KINDS:
        yield "kind", (f"unknown kind '{row['kind']}'; use one of {', '.join(KINDS)} or leave "
                       "it empty")
    status = row["fetch_status"]
    if status not in FETCH_STATUSES:
        yield "fetch_status", (f"unknown fetch status '{status}'; use one of "
                               f"{', '.join(FETCH_STATUSES)}")
    if row["published"] and not _is_date(row["published"]):
        yield "published", (f"'{row['published']}' is not a date; write it as 2024-06-19, "
                            "2024-06 or 2024, or leave it empty")
    for column in ("added_at", "fetched_at"):
        if row[column] and not _is_time(row[column]):
            yield column, (f"'{row[column]}' is not a time; write it as 2026-11-29T10:03:05Z "
                           "(ISO 8601, UTC) or leave it empty")
    status_code = row["http_status"]
    if status_code and not (is_whole_number(status_code) and 100 <= int(status_code) <= 599):
        yield "http_status", (f"'{short_cell(status_code)}' is not an HTTP status (100 to 599); "
                              "restore it or leave it empty")
    if row["sha256"] and not _HEX64.match(row["sha256"]):
        yield "sha256", "not a SHA-256 (64 hex digits, lower case); restore the saved value"
    for column in ("snapshot_path", "text_path"):
        if _CONTROL_CHARACTER.search(row[column]):  # NUL: no file system takes it
            yield column, (f"{row[column]!r} holds a control character (NUL, a line break...); "
                           "restore the saved path, like snapshots/<sha256>.txt")
        elif row[column] and not _is_inside(row[column]):
            yield column, (f"'{row[column]}' must be a path inside the registry's folder, "
                           "like snapshots/<sha256>.txt")
    if status in ("ok", "pasted"):
        for column in ("sha256", "snapshot_path", "text_path"):
            if not row[column]:
                yield column, (f"empty, but the source is '{status}' and needs it; restore it, "
                               "or set fetch_status to not_fetched")


_REGISTRY_CSV = CsvSchema(
    key="source_id", columns=REGISTRY_COLUMNS,
    check_header=lambda header: header_problems(header, REGISTRY_COLUMNS),
    check_row=_check_row,
    duplicate="the id '{key}' is also on row {row}; keep one row per source",
    misaligned=("the row has {cells} cells but the header has {columns}: a cell probably holds "
                "an unquoted comma or quote mark; fix the row so it lines up"),
    error=SourceError,
    undo_hint="Nothing was written: fix the file, save it as CSV (UTF-8), and open it again.",
    not_utf8=("line {line} is not UTF-8 text (a spreadsheet saved it in another encoding); save "
              "it as 'CSV UTF-8'."),
    show_lines=False, more_problems="... and {count} more problems", what="source registry")
