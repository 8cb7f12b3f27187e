"""Exports for the people who read the checking, not the code: an editor's CSV, an HTML report,
and ClaimReview JSON-LD for publishing.

    export_csv(ws, "out/verdicts.csv", bom=True)       # a spreadsheet table, one row per claim
    export_html(ws, "out/report.html", organization="Pagella Politica")
    reviews = export_claimreview(ws, "out/reviews.json", report_url="https://example.org/check/42",
                                 organization="Facta", org_url="https://facta.example")
    claimreview_json(reviews)                           # the JSON-LD text

``ws`` is a ``verify.Worksheet`` (anything with its ``claims``, ``verdict``, ``orphans``,
``labels`` and ``article``; its evidence links are read with ``ws.evidence()`` when the worksheet
has them). Every export is ``export_X(ws, out=None, **options)``: it writes to ``out`` when given
one (a path, written atomically, or an open text file) and returns what it built: the CSV's and
the report's text, ClaimReview's list of reviews (``claimreview_json`` gives their text, the
file's). ``verify.reports.formats`` lists them for the command line and ``export_all``.

**The editor CSV** (``EDITOR_COLUMNS``): one row per claim in article order, then the verdicts
whose claim the article no longer has (``orphaned`` = yes). A claim's evidence links give one
line each, in link order, in ``evidence`` (the passage), ``stance`` and ``agreement``: line *n* of
the three is link *n*. ``sources`` lists the linked sources' addresses (each once), then the
checker's free-text ``sources`` cell. ``flags`` holds the consistency warnings about the claim
(``verify.checking.consistency``: the article's own dates and figures, and each linked passage's figures
against the claim's), one a line. ``checked_before`` lists the past fact-checks the checker kept
as evidence (``verify.evidence.factchecks.record_match``): publisher, date, rating and address, one a line.

*Spreadsheet-safe.* A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(...)`` in a rationale pasted from a web page would become a live link,
``=cmd|...`` a command), and some also after a leading tab or carriage return. Every such cell is
written with a single quote ``'`` in front, which spreadsheets show as text. So are cells whose
first character other than white space and quotes is one of those (or its full-width form: ``＝``,
``＋``, ``－``, ``＠``), since importers may trim the white space. The price: a negative number
reads ``'-0.5``. ``read_editor_csv`` takes the quote off again (``restore_formula``), so the file
round-trips exactly.

**The HTML report**: one self-contained file (inline CSS, no script, no external resource; a
Content-Security-Policy forbids both, in case anything slipped through). Every piece of article,
source and checker text is escaped; a link is made only from an http(s) address, any other is
shown as text. Each claim has the anchor ``#claim-<claim_id>``, which ClaimReview's ``url`` uses.

**ClaimReview**: see ``export_claimreview`` and ``verify.checking.scales`` for how labels become ratings.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import IO, Sequence

from ..records import store
from ..records.cells import could_run
from ..checking.consistency_finding import Finding
from ..errors import ExportError
from .export_records import (_Report, _article_author, _fragment, _safe_url, _write, claim_anchor,
                             gather as _gather)
from ..records.model import Article
from .report import export_html  # noqa: F401  (the three exports are read from here: formats.py)
from ..checking.scales import Scale, load_scale, scale_for_labels
from ..evidence.sources import FACT_CHECK_KIND

EDITOR_COLUMNS = (
    "claim_id", "article_id", "article_title", "article_url", "block", "kind", "claim",
    "sentence", "value", "value_max", "unit", "qualifier",
    "verdict", "rationale", "checker", "checked_at",
    "sources", "evidence", "stance", "agreement", "flags", "orphaned", "checked_before",
)
"""The editor CSV's columns, in order. ``claim`` is the claim's exact words in the article."""


def _claim_date(article: Article | None, report: _Report) -> str:
    """When the claim was made: the page's date, unless the consistency check found that the
    dateline is a republisher's (then the events' date the article itself gives)."""
    if article is None:
        return ""
    for finding in report.article_findings:
        if finding.kind == "dateline_mismatch":
            return str(finding.detail.get("events_date", ""))
    return article.published


def _finding_line(finding: Finding) -> str:
    arithmetic = str(finding.detail.get("arithmetic", "") or "")
    if arithmetic and arithmetic not in finding.message:
        return f"{finding.message} [{arithmetic}]"
    return finding.message


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the editor CSV -------------------------------------------------------------------------------

# One rule for what a spreadsheet could run, shared with the worksheet's own files
# (``verify.records.cells.could_run``). The editor CSV marks every such cell, plain negative numbers
# included ("-0.5"): it is made for reading, and a cell an editor sorts as text is harmless.
_is_formula_like = could_run


def neutralize_formula(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: a quote in front when it could
    start a formula (see the module's notes).

    >>> [neutralize_formula(c) for c in ["=1+1", "-0.5", "+39 06 1234", " @SUM(A1)", "10 000"]]
    ["'=1+1", "'-0.5", "'+39 06 1234", "' @SUM(A1)", '10 000']
    """
    return "'" + cell if _is_formula_like(cell) else cell


def restore_formula(cell: str) -> str:
    """The cell ``neutralize_formula`` was given: ``restore_formula(neutralize_formula(c)) == c``
    for every string."""
    if cell.startswith("'") and _is_formula_like(cell[1:]):
        return cell[1:]
    return cell


def editor_rows(ws, *, article_url: str = "") -> list[dict[str, str]]:
    """The editor CSV's rows as plain dicts of ``EDITOR_COLUMNS`` (not neutralized): for a
    DataFrame in a notebook."""
    return _editor_rows(_gather(ws, article_url))


def _editor_rows(report: _Report) -> list[dict[str, str]]:
    article = report.article
    rows = []
    for entry in report.entries:
        claim, verdict = entry.claim, entry.verdict
        urls = list(dict.fromkeys(link.url for link in entry.links if link.url))
        free_text = verdict.sources if verdict is not None else ""
        rows.append({
            "claim_id": claim.claim_id,
            "article_id": claim.article_id,
            "article_title": article.title if article is not None else "",
            "article_url": report.article_url,
            "block": claim.block,
            "kind": claim.kind,
            "claim": claim.text,
            "sentence": claim.sentence,
            "value": claim.value,
            "value_max": claim.value_max,
            "unit": claim.unit,
            "qualifier": claim.qualifier,
            "verdict": entry.label,
            "rationale": verdict.rationale if verdict is not None else "",
            "checker": verdict.checker if verdict is not None else "",
            "checked_at": verdict.checked_at if verdict is not None else "",
            "sources": "\n".join(urls + ([free_text] if free_text else [])),
            "evidence": "\n".join(_one_line(link.passage) for link in entry.links),
            "stance": "\n".join(link.stance for link in entry.links),
            "agreement": "\n".join(link.agreement for link in entry.links),
            "flags": "\n".join(_finding_line(f) for f in entry.flags),
            "orphaned": "yes" if entry.orphaned else "",
            "checked_before": "\n".join(_checked_before_line(link) for link in entry.links
                                        if link.kind == FACT_CHECK_KIND),
        })
    return rows


def _checked_before_line(link) -> str:
    """A past fact-check the checker kept: who, when, the rating, where ("Pagella Politica,
    2024-03-02: False https://...")."""
    rating = link.title.removeprefix("Fact-check: ").removeprefix("Fact-check")
    who = ", ".join(x for x in (link.publisher, link.published) if x)
    return " ".join(x for x in (f"{who}:" if who else "", rating or "(no rating)", link.url) if x)


def export_csv(ws, out: str | Path | IO[str] | None = None, *, bom: bool = False,
               article_url: str = "") -> str:
    """Write the editor CSV (UTF-8, a header row, RFC 4180 line ends) to ``out``; returns its
    text. ``bom`` puts a UTF-8 byte order mark first, so Excel opens accented text right.
    ``article_url`` is the article's address when its worksheet was made from a file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=store.LINE_END)
    writer.writerow(EDITOR_COLUMNS)
    for row in _editor_rows(_gather(ws, article_url)):
        writer.writerow([neutralize_formula(row[c]) for c in EDITOR_COLUMNS])
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    _write(out, text, "editor CSV")
    return text


def read_editor_csv(source: str | Path | IO[str]) -> list[dict[str, str]]:
    """Read an editor CSV back (byte order mark or not): every cell a ``str``, formulas'
    quotes taken off (``restore_formula``)."""
    if hasattr(source, "read"):
        text = source.read()
    else:
        text = Path(source).read_text(encoding="utf-8")
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return [dict(zip(header, map(restore_formula, cells))) for cells in reader if cells]


# --- ClaimReview --------------------------------------------------------------------------------

def export_claimreview(ws, out: str | Path | IO[str] | None = None, *, report_url: str = "",
                       organization: str = "", org_url: str = "", article_url: str = "",
                       scale: str | Path | Scale | None = None) -> list[dict]:
    """One schema.org ClaimReview (a dict, ready for ``json.dumps``) per checked claim of the
    article, in article order; their JSON-LD text (``claimreview_json``) is written to ``out``
    when given one.

    - ``claimReviewed``: the claim's sentence (the figure alone says nothing out of it);
    - ``reviewRating``: a ``Rating`` with the verdict as ``alternateName`` and, for a label that
      is a rating, ``ratingValue``, ``bestRating`` and ``worstRating`` as integers from
      ``scale`` (a ``verify.checking.scales`` name, file or Scale; default: the built-in scale that has
      the worksheet's labels; without one, labels are exported by name only). The rationale
      is the ``ratingExplanation``;
    - ``url``: ``report_url`` + ``#claim-<claim_id>``, the claim's anchor in the HTML report
      (the anchor alone without ``report_url``: give it when publishing);
    - ``author``: the ``Organization`` ``organization`` (with ``org_url``), else the checker
      as a ``Person``;
    - ``datePublished``: the day the verdict was set (``checked_at``);
    - ``itemReviewed``: a ``Claim`` whose ``appearance`` is the article (a ``CreativeWork``
      with its ``url`` when known, headline, byline author and publication date), with the
      same ``author`` and ``datePublished`` when known.

    Claims not checked are left out, and so are verdicts whose claim the article no longer has.
    """
    _refuse_unsafe_addresses(report_url, org_url, article_url)
    report = _gather(ws, article_url)
    chosen = load_scale(scale) if scale is not None else scale_for_labels(ws.labels)
    article = report.article
    appearance = _appearance(report)
    author = _article_author(article)
    base = report_url.split("#", 1)[0]
    reviews = []
    for entry in report.entries:
        if entry.orphaned or entry.verdict is None:
            continue
        verdict = entry.verdict
        rating = chosen.rating(verdict.label).to_schema()
        if verdict.rationale.strip():
            rating["ratingExplanation"] = verdict.rationale.strip()
        item: dict = {"@type": "Claim"}
        if len(appearance) > 1:
            item["appearance"] = [dict(appearance)]
        if author:
            item["author"] = dict(author)
        claim_date = _claim_date(article, report)
        if claim_date:
            item["datePublished"] = claim_date
        review: dict = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": base + _fragment(entry.claim.claim_id),
            "claimReviewed": _one_line(entry.claim.sentence or entry.claim.text),
            "reviewRating": rating,
            "itemReviewed": item,
        }
        if organization.strip():
            review["author"] = {"@type": "Organization", "name": organization.strip(),
                                **({"url": org_url} if org_url else {})}
        elif verdict.checker.strip():
            review["author"] = {"@type": "Person", "name": verdict.checker.strip()}
        if verdict.checked_at:
            review["datePublished"] = verdict.checked_at[:10]
        reviews.append(review)
    if out is not None:
        claimreview_json(reviews, out)
    return reviews


def _refuse_unsafe_addresses(report_url: str, org_url: str, article_url: str) -> None:
    if report_url and not _safe_url(report_url):
        raise ExportError(f"report URL {report_url!r}: give the report's http(s) address, e.g. "
                          "https://example.org/checks/putin-kim", source=report_url)
    for name, url in (("organization URL", org_url), ("article URL", article_url)):
        if url and not _safe_url(url):
            raise ExportError(f"{name} {url!r}: give an http(s) address", source=url)


def _appearance(report: _Report) -> dict:
    """The article as ClaimReview's ``appearance``: a ``CreativeWork`` with what is known."""
    article = report.article
    appearance: dict = {"@type": "CreativeWork"}
    if report.article_url:
        appearance["url"] = report.article_url
    if article is not None and article.title:
        appearance["headline"] = article.title
    author = _article_author(article)
    if author:
        appearance["author"] = author
    if article is not None and article.published:
        appearance["datePublished"] = article.published
    return appearance


def claimreview_json(reviews: Sequence[dict], out: str | Path | IO[str] | None = None) -> str:
    """The JSON-LD text of ``reviews`` (written to ``out`` when given): a JSON array, UTF-8
    characters kept, safe to paste inside a ``<script type="application/ld+json">`` element of
    a page as it is (see ``json_for_html``)."""
    text = json_for_html(list(reviews)) + "\n"
    _write(out, text, "ClaimReview JSON-LD")
    return text


# Inside <script>, a browser ends the element at "</script" and, after "<!--<script", waits for
# a second "</script>": a claim's sentence holding "<!--<script>" would swallow the rest of the
# page. JSON may write any character as \uXXXX, so the markup characters are written that way
# and no text can open or close anything. U+2028 and U+2029 likewise: they end a line in older
# JavaScript, where a JSON string is otherwise valid. A lone surrogate (invalid in UTF-8) is
# written as its escape too, so the text can always be saved.
_HTML_UNSAFE_PATTERN = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def json_for_html(value: object) -> str:
    """``value`` as indented JSON text with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
    ``\\u003c``-style escapes: valid JSON that ``json.loads`` reads back to the same value, and
    safe inside an HTML ``<script>`` element. These characters can only occur inside JSON
    strings, so replacing them in the text changes no structure."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _HTML_UNSAFE_PATTERN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
