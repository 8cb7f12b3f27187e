"""Reading fact-check files: ClaimReview JSON-LD in every shape it is published in, HTML pages
that embed it, and CSV feeds. Each record comes out as a flat dict (``records.fact_check``'s
field names) or as the reason it was refused.

    >>> page = '<script type="application/ld+json">{"@type": "ClaimReview", "url": "https://x.org/1", "claimReviewed": "A claim."}</script>'
    >>> [(where, rec["url"]) for where, rec in read_text(page, "page.html")]
    [('page.html, script 1, record 1', 'https://x.org/1')]

The JSON-LD shapes: a list of reviews, one review, an ``@graph``, a review nested anywhere (a
``WebPage``'s ``mainEntity``, a ``Claim``'s ``review``), ``@type`` as text or a list, with or
without the ``schema:`` prefix. The project's own ``verify export --format claimreview`` is a
list of reviews. CSV: the columns of ``records.fact_check`` (at least ``url`` and
``claim_reviewed``).
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Iterator

from .records import FactCheckError, RecordRefused

CSV_COLUMNS = ("claim_reviewed", "rating", "url", "author", "date_published", "language",
               "rating_value", "best_rating", "worst_rating", "claimant", "claim_date")
REQUIRED_CSV_COLUMNS = ("claim_reviewed", "url")
FORMAT = "_format"
"""The key that marks a record read from JSON-LD (its refusals name JSON-LD's fields)."""
MAX_DEPTH = 40
"""JSON-LD nests a few levels; deeper is not a publisher's page."""

Record = tuple[str, "dict | RecordRefused"]

# The flat names ``records`` uses, as JSON-LD spells them (for the reasons a record is refused).
_JSONLD_NAMES = {"claim_reviewed": "claimReviewed", "date_published": "datePublished",
                 "rating_value": "reviewRating.ratingValue", "rating": "reviewRating",
                 "best_rating": "reviewRating.bestRating", "claimant": "itemReviewed.author",
                 "worst_rating": "reviewRating.worstRating", "language": "inLanguage",
                 "claim_date": "itemReviewed.datePublished"}


def jsonld_reason(reason: str) -> str:
    """A refusal's reason with the field named as JSON-LD names it."""
    head, _, rest = reason.partition(" ")
    return f"{_JSONLD_NAMES.get(head, head)} {rest}"


def read_text(text: str, name: str) -> Iterator[Record]:
    """The records of a file's text: ``(where, flat record or RecordRefused)``. Raises
    ``FactCheckError`` when the file as a whole cannot be read (not JSON, no header...)."""
    kind = _kind(text, name)
    if kind == "csv":
        yield from _csv_records(text, name)
    elif kind == "html":
        scripts = _ld_json_scripts(text)
        if not scripts:
            raise FactCheckError(f"{name}: the page has no <script type=\"application/ld+json\"> "
                                 "with a ClaimReview; give the fact-check's page, or its "
                                 "JSON-LD", source=name)
        found = 0
        for i, script in enumerate(scripts, 1):
            try:
                value = _loads(script, f"{name}, script {i}")
            except FactCheckError as err:
                found += 1
                yield f"{name}, script {i}", RecordRefused(str(err).split(": ", 1)[1])
                continue
            for record in _jsonld_records(value, f"{name}, script {i}", required=False):
                found += 1
                yield record
        if not found:
            _no_claimreview(name)
    else:
        yield from _jsonld_records(_loads(text, name), name)


def _kind(text: str, name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".csv", ".tsv")):
        return "csv"
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lowered.endswith((".json", ".jsonld", ".json-ld")):
        return "json"
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        return "json"
    return "html" if head == "<" else "csv"


# --- JSON-LD --------------------------------------------------------------------------------

def _loads(text: str, where: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise FactCheckError(f"{where}: not valid JSON at line {err.lineno}, column {err.colno} "
                             f"({err.msg}); fix the file or export it again", source=where) \
            from None
    except RecursionError:
        raise FactCheckError(f"{where}: the JSON is nested too deeply to be a fact-check feed",
                             source=where) from None


def _is_type(node: dict, name: str) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name
               for k in kinds)


def _reviews(value, claim: dict | None = None, depth: int = 0) -> Iterator[tuple[dict, dict | None]]:
    """Every ClaimReview in ``value``, with the Claim it sits under (when it is a Claim's
    ``review``), depth first, in the file's order. Iterative: no recursion limit to hit."""
    stack = [(value, claim, depth)]
    while stack:
        node, parent, level = stack.pop()
        if level > MAX_DEPTH:
            continue
        if isinstance(node, list):
            stack.extend((item, parent, level + 1) for item in reversed(node))
        elif isinstance(node, dict):
            if _is_type(node, "ClaimReview"):
                yield node, parent
                continue
            owner = node if _is_type(node, "Claim") else None
            stack.extend((item, owner, level + 1) for item in reversed(list(node.values())))


def _no_claimreview(name: str):
    raise FactCheckError(f"{name}: no ClaimReview in it (no object with \"@type\": "
                         "\"ClaimReview\"); give a ClaimReview feed, page or CSV", source=name)


def _jsonld_records(value, name: str, required: bool = True) -> Iterator[Record]:
    found = False
    for i, (review, claim) in enumerate(_reviews(value), 1):
        found = True
        where = f"{name}, record {i}"
        try:
            yield where, _flatten(review, claim)
        except RecordRefused as err:
            yield where, RecordRefused(jsonld_reason(str(err)))
    if not found and required:
        _no_claimreview(name)


def _first(value):
    """A JSON-LD property may be one value or a list of them: the first."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name(value, field: str) -> str:
    """A person or organization as text: a string, or an object's ``name``."""
    value = _first(value)
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, dict):
        name = value.get("name", "")
        if isinstance(name, str):
            return name
    raise RecordRefused(f"{field} should be a name or an object with a name, not "
                        f"{json.dumps(value)[:40]}")


def _object(value, field: str) -> dict:
    value = _first(value)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordRefused(f"{field} should be an object, not {json.dumps(value)[:40]}")
    return value


def _language(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or ""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value)


def _flatten(review: dict, claim: dict | None) -> dict:
    """One ClaimReview as a flat record (``records.fact_check`` validates the values)."""
    item = _object(review.get("itemReviewed"), "itemReviewed") or (claim or {})
    rating = _object(review.get("reviewRating"), "reviewRating")
    text = review.get("claimReviewed")
    if text in (None, "") and isinstance(item.get("name") or item.get("text"), str):
        text = item.get("name") or item.get("text")
    url = _first(review.get("url"))
    if url in (None, "") and isinstance(review.get("@id"), str):
        url = review["@id"]
    return {
        "url": url, "claim_reviewed": text,
        "rating": rating.get("alternateName") or rating.get("name") or "",
        "rating_value": rating.get("ratingValue"), "best_rating": rating.get("bestRating"),
        "worst_rating": rating.get("worstRating"),
        "author": _name(review.get("author"), "author"),
        "date_published": _first(review.get("datePublished")),
        "claimant": _name(item.get("author"), "itemReviewed.author"),
        "claim_date": _first(item.get("datePublished")),
        "language": _language(review.get("inLanguage")),
        FORMAT: "jsonld",
    }


# --- HTML -----------------------------------------------------------------------------------

class _LdJson(HTMLParser):
    """Collects the text of each ``<script type="application/ld+json">``; other scripts, styles
    and markup are passed over."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            self._inside = [] if kind == "application/ld+json" else None

    def handle_endtag(self, tag):
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None

    def handle_data(self, data):
        if self._inside is not None:
            self._inside.append(data)


def _ld_json_scripts(text: str) -> list[str]:
    parser = _LdJson()
    parser.feed(text)
    parser.close()
    return [s for s in parser.scripts if s.strip()]


# --- CSV ------------------------------------------------------------------------------------

def _restore(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is saved with a leading ' (see
    ``verify.reports.export.neutralize_formula``): take it away."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def _csv_records(text: str, name: str) -> Iterator[Record]:
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader, [])]
        missing = [c for c in REQUIRED_CSV_COLUMNS if c not in header]
        if missing:
            raise FactCheckError(
                f"{name}: no {' or '.join(missing)} column (the header has: "
                f"{', '.join(header[:12]) or 'nothing'}); the CSV needs the columns "
                f"{', '.join(CSV_COLUMNS[:6])}", source=name)
        for row_number, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            where = f"{name}, row {row_number}"
            if len(row) > len(header):
                yield where, RecordRefused(f"the row has {len(row)} cells, the header "
                                           f"{len(header)}; a comma inside a cell needs quotes")
                continue
            yield where, {h: _restore(c) for h, c in zip(header, row) if h in CSV_COLUMNS}
    except csv.Error as err:
        raise FactCheckError(f"{name}, row {reader.line_num}: not a readable CSV ({err}); "
                             "save it again as CSV (UTF-8)", source=name) from None
