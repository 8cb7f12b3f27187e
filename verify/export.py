"""Exports for the people who read the checking, not the code: an editor's CSV, an HTML report,
and ClaimReview JSON-LD for publishing.

    export_csv(ws, "out/verdicts.csv", bom=True)       # a spreadsheet table, one row per claim
    export_html(ws, "out/report.html", organization="Pagella Politica")
    reviews = export_claimreview(ws, report_url="https://example.org/check/42",
                                 organization="Facta", org_url="https://facta.example")
    claimreview_json(reviews)                           # the JSON-LD text

``ws`` is a ``verify.Worksheet`` (anything with its ``claims``, ``verdict``, ``orphans``,
``labels`` and ``article``; its evidence links are read with ``ws.evidence()`` when the worksheet
has them). Each export returns its text and writes it to ``out`` when given one (a path, written
atomically, or an open text file).

**The editor CSV** (``EDITOR_COLUMNS``): one row per claim in article order, then the verdicts
whose claim the article no longer has (``orphaned`` = yes). A claim's evidence links give one
line each, in link order, in ``evidence`` (the passage), ``stance`` and ``agreement``: line *n* of
the three is link *n*. ``sources`` lists the linked sources' addresses (each once), then the
checker's free-text ``sources`` cell. ``flags`` holds the consistency warnings about the claim
(``verify.consistency``: the article's own dates and figures, and each linked passage's figures
against the claim's), one a line.

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

**ClaimReview**: see ``export_claimreview`` and ``verify.scales`` for how labels become ratings.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Sequence
from urllib.parse import quote, urlsplit

from . import store
from .consistency import Finding, check_article, findings_by_claim, passage_findings
from .errors import VerifyError
from .model import Article, Claim
from .output import write_output
from .scales import Scale, load_scale, scale_for_labels

if TYPE_CHECKING:  # the worksheet imports the whole pipeline; the exports need only its records
    from .worksheet import Verdict

__all__ = [
    "export_csv", "export_html", "export_claimreview", "claimreview_json", "json_for_html",
    "editor_rows", "read_editor_csv", "neutralize_formula", "restore_formula", "claim_anchor",
    "EDITOR_COLUMNS", "ExportError",
]

NOT_CHECKED = "not checked"

EDITOR_COLUMNS = (
    "claim_id", "article_id", "article_title", "article_url", "block", "kind", "claim",
    "sentence", "value", "value_max", "unit", "qualifier",
    "verdict", "rationale", "checker", "checked_at",
    "sources", "evidence", "stance", "agreement", "flags", "orphaned",
)
"""The editor CSV's columns, in order. ``claim`` is the claim's exact words in the article."""


class ExportError(VerifyError):
    """An export could not be written (its folder is missing) or its options do not fit."""


# --- what every export reads ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Link:
    """An evidence link as the exports need it, whatever object the worksheet returned."""

    url: str
    title: str
    publisher: str
    source_id: str
    passage: str
    stance: str
    agreement: str
    checker: str
    linked_at: str
    note: str
    flags: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class _Entry:
    """One claim of the export: the claim, its verdict (None: not checked), links and flags."""

    claim: Claim
    verdict: Verdict | None
    links: tuple[_Link, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Consistency findings about the claim's own words."""
    related: tuple[Finding, ...] = ()
    """Findings about other words that used this claim (the dates an exact duration was
    checked against): shown in the report, not counted as the claim's flags."""
    orphaned: bool = False

    @property
    def label(self) -> str:
        return self.verdict.label if self.verdict is not None else NOT_CHECKED

    @property
    def flags(self) -> list[Finding]:
        """Warnings from the article's own text, then from the linked passages."""
        return ([f for f in self.findings if f.severity == "warning"]
                + [f for link in self.links for f in link.flags if f.severity == "warning"])


@dataclass
class _Report:
    article: Article | None
    article_url: str
    entries: list[_Entry] = field(default_factory=list)
    article_findings: list[Finding] = field(default_factory=list)
    """Findings no claim's span touches (the dateline, mostly)."""


def _gather(ws, article_url: str = "") -> _Report:
    article = ws.article
    claims = list(ws.claims)
    findings = check_article(article, claims) if article is not None else []
    own, related, rest = findings_by_claim(findings, claims)
    links = _links_by_claim(ws)
    year = article.year if article is not None else None
    report = _Report(article, article_url or _article_url(article))
    for claim in claims:
        report.entries.append(_Entry(
            claim, ws.verdict(claim.claim_id),
            tuple(_with_flags(link, claim, year) for link in links.get(claim.claim_id, ())),
            tuple(own.get(claim.claim_id, ())), tuple(related.get(claim.claim_id, ()))))
    for verdict in getattr(ws, "orphans", ()):
        claim = verdict.claim
        report.entries.append(_Entry(
            claim, verdict if verdict.label != NOT_CHECKED else None,
            tuple(_with_flags(link, claim, year) for link in links.get(claim.claim_id, ())),
            orphaned=True))
    report.article_findings = rest
    return report


def _links_by_claim(ws) -> dict[str, list[_Link]]:
    # Evidence links come from the sources-and-evidence work; a worksheet without them has none.
    evidence = getattr(ws, "evidence", None)
    if evidence is None:
        return {}
    out: dict[str, list[_Link]] = {}
    for link in evidence():
        out.setdefault(_get(link, "claim_id"), []).append(_Link(
            url=_get(link, "url"), title=_get(link, "title"), publisher=_get(link, "publisher"),
            source_id=_get(link, "source_id"), passage=_get(link, "passage"),
            stance=_get(link, "stance"), agreement=_get(link, "agreement"),
            checker=_get(link, "checker"), linked_at=_get(link, "linked_at"),
            note=_get(link, "note")))
    return out


def _get(record, name: str) -> str:
    value = record.get(name, "") if isinstance(record, dict) else getattr(record, name, "")
    return "" if value is None else str(value)


def _with_flags(link: _Link, claim: Claim, year: int | None) -> _Link:
    """The link with what differs between the claim's figure and the passage's."""
    flags = tuple(passage_findings(claim, link.passage, year=year))
    return replace(link, flags=flags) if flags else link


def _article_url(article: Article | None) -> str:
    if article is None:
        return ""
    return article.source if _safe_url(article.source) else ""


def _claim_date(article: Article | None, report: _Report) -> str:
    """When the claim was made: the page's date, unless the consistency check found that the
    dateline is a republisher's (then the events' date the article itself gives)."""
    if article is None:
        return ""
    for finding in report.article_findings:
        if finding.kind == "dateline_mismatch":
            return str(finding.detail.get("events_date", ""))
    return article.published


def _article_author(article: Article | None) -> dict | None:
    """The byline as a schema.org author: a Person when it reads "By X" / "Di X", else an
    Organization ("CNN"). None without a byline."""
    if article is None:
        return None
    byline = next((b.text.strip() for b in article.blocks if b.kind == "byline" and b.text.strip()),
                  "")
    if not byline:
        return None
    person = re.match(r"(?i)^(by|di|da)\s+(.+)$", byline)
    if person:
        return {"@type": "Person", "name": person.group(2).strip()}
    return {"@type": "Organization", "name": byline}


def _finding_line(finding: Finding) -> str:
    arithmetic = str(finding.detail.get("arithmetic", "") or "")
    if arithmetic and arithmetic not in finding.message:
        return f"{finding.message} [{arithmetic}]"
    return finding.message


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- writing ------------------------------------------------------------------------------------

def _write(out, text: str, what: str) -> None:
    if out is None:
        return
    if hasattr(out, "write"):
        out.write(text)
        return
    # atomic, a symlink's target, never a folder, FIFO or device, OS errors in words
    write_output(out, text, what=what)


# --- the editor CSV -------------------------------------------------------------------------------

# One rule for what a spreadsheet could run, shared with the worksheet's own files
# (``verify.store.could_run``). The editor CSV marks every such cell, plain negative numbers
# included ("-0.5"): it is made for reading, and a cell an editor sorts as text is harmless.
_is_formula_like = store.could_run


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
        })
    return rows


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

def claim_anchor(claim_id: str) -> str:
    """The report's anchor of a claim, without the '#': ``claim-<claim_id>``."""
    return f"claim-{claim_id}"


def _fragment(claim_id: str) -> str:
    return "#" + quote(claim_anchor(claim_id), safe="-._~")


def export_claimreview(ws, *, report_url: str = "", organization: str = "", org_url: str = "",
                       article_url: str = "", scale: str | Path | Scale | None = None
                       ) -> list[dict]:
    """One schema.org ClaimReview (a dict, ready for ``json.dumps``) per checked claim of the
    article, in article order. ``claimreview_json`` makes the JSON-LD text.

    - ``claimReviewed``: the claim's sentence (the figure alone says nothing out of it);
    - ``reviewRating``: a ``Rating`` with the verdict as ``alternateName`` and, for a label that
      is a rating, ``ratingValue``, ``bestRating`` and ``worstRating`` as integers from
      ``scale`` (a ``verify.scales`` name, file or Scale; default: the built-in scale that has
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
    if report_url and not _safe_url(report_url):
        raise ExportError(f"report URL {report_url!r}: give the report's http(s) address, e.g. "
                          "https://example.org/checks/putin-kim", source=report_url)
    for name, url in (("organization URL", org_url), ("article URL", article_url)):
        if url and not _safe_url(url):
            raise ExportError(f"{name} {url!r}: give an http(s) address", source=url)
    report = _gather(ws, article_url)
    chosen = load_scale(scale) if scale is not None else scale_for_labels(ws.labels)
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
    return reviews


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


# --- the HTML report ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _esc(text: object) -> str:
    """Text for HTML content and quoted attributes: markup characters escaped, and control
    characters (invalid in HTML) shown as U+FFFD."""
    return html.escape(_CONTROL.sub("\ufffd", str(text)), quote=True)


def _safe_url(url: str) -> bool:
    """Whether ``url`` may go in an href: an absolute http(s) address with a host, nothing
    that a browser would read as another scheme or strip (spaces, control characters)."""
    if not isinstance(url, str) or not url or url != url.strip():
        return False
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _link(url: str, text: str = "") -> str:
    """An external link when ``url`` is http(s), else the address as plain text."""
    shown = _esc(text or url)
    if _safe_url(url):
        return f'<a href="{_esc(url)}" rel="noopener noreferrer nofollow">{shown}</a>'
    return f'<span class="plain-url">{shown}</span>'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "label"


def _verdict_style(scale: Scale, label: str) -> str:
    """A colour for the label from its place on the scale: red (worst) to green (best), grey
    for labels that are not a rating. Computed, so it is a number, never report text."""
    rating = scale.rating(label)
    if label == NOT_CHECKED:
        return "background:#eceff1;color:#37474f"
    if not rating.is_rating or rating.best_rating == rating.worst_rating:
        return "background:#546e7a;color:#fff"
    share = (rating.rating_value - rating.worst_rating) / (rating.best_rating - rating.worst_rating)
    return f"background:hsl({round(share * 125)},60%,34%);color:#fff"


def _badge(scale: Scale, label: str) -> str:
    return (f'<span class="verdict" data-verdict="{_esc(label)}" '
            f'style="{_verdict_style(scale, label)}">{_esc(label)}</span>')


def _highlighted_sentence(claim: Claim) -> str:
    sentence = claim.sentence or claim.text
    offset = claim.start - claim.sentence_start
    if not (0 <= offset and sentence[offset:offset + len(claim.text)] == claim.text):
        offset = sentence.find(claim.text) if claim.text else -1
    if offset < 0 or not claim.text:
        return _esc(sentence)
    end = offset + len(claim.text)
    return (f"{_esc(sentence[:offset])}<mark>{_esc(sentence[offset:end])}</mark>"
            f"{_esc(sentence[end:])}")


def _finding_html(finding: Finding, related: bool = False) -> str:
    arithmetic = str(finding.detail.get("arithmetic", "") or "")
    shown = (f' <span class="arithmetic">{_esc(arithmetic)}</span>'
             if arithmetic and arithmetic not in finding.message else "")
    kind = finding.kind.replace("_", " ")
    classes = f"finding {_esc(finding.severity)}" + (" related" if related else "")
    about = (f'<span class="about">about \u201c{_esc(finding.text)}\u201d, which uses this '
             "claim:</span> " if related else "")
    return (f'<li class="{classes}" data-kind="{_esc(finding.kind)}">'
            f'<span class="finding-kind">{_esc(kind)}</span> {about}{_esc(finding.message)}'
            f"{shown}</li>")


def _link_html(link: _Link) -> str:
    name = link.title or link.publisher or link.url or link.source_id
    if link.title and link.publisher:
        name = f"{link.title} ({link.publisher})"
    source = _link(link.url, name) if link.url else _esc(name)
    bits = [f'<span class="stance stance-{_slug(link.stance)}">{_esc(link.stance)}</span>']
    if link.agreement:
        bits.append(f'<span class="agreement agreement-{_slug(link.agreement)}">'
                    f'figures: {_esc(link.agreement.replace("_", " "))}</span>')
    if link.checker:
        bits.append(f'<span class="who">linked by {_esc(link.checker)}</span>')
    note = f'<p class="note">{_esc(link.note)}</p>' if link.note else ""
    flags = ("<ul class=\"findings\">" + "".join(_finding_html(f) for f in link.flags) + "</ul>"
             if link.flags else "")
    return (f'<li class="evidence-link"><blockquote class="passage">{_esc(link.passage)}'
            f'</blockquote><p class="source">— {source} {" ".join(bits)}</p>{note}{flags}</li>')


def _entry_html(entry: _Entry, scale: Scale) -> str:
    claim, verdict = entry.claim, entry.verdict
    classes = ["claim", "checked" if verdict is not None else "unchecked"]
    if entry.flags:
        classes.append("flagged")
    anchor = claim_anchor(claim.claim_id)
    what = " · ".join(x for x in (
        claim.kind, f"{claim.value} {claim.unit}".strip(),
        claim.qualifier.replace("_", " ") if claim.qualifier not in ("", "exact") else "",
        f"in the {claim.block}" if claim.block else "") if x)
    parts = [
        f'<article class="{" ".join(classes)}" id="{_esc(anchor)}">',
        f'<header><a class="anchor" href="{_esc(_fragment(claim.claim_id))}" '
        f'title="link to this claim">#</a> {_badge(scale, entry.label)} '
        f'<span class="claim-text">{_esc(claim.text)}</span> '
        f'<span class="kind">{_esc(what)}</span></header>',
        f'<blockquote class="sentence">{_highlighted_sentence(claim)}</blockquote>',
    ]
    if verdict is not None:
        if verdict.rationale:
            parts.append(f'<div class="rationale">{_esc(verdict.rationale)}</div>')
        who = verdict.checker or "an unnamed checker"
        when = f" on {verdict.checked_at}" if verdict.checked_at else ""
        parts.append(f'<p class="checked-by">Checked by <span class="checker">{_esc(who)}</span>'
                     f"{_esc(when)}</p>")
        if verdict.sources:
            parts.append(f'<p class="sources-note"><span class="label">Sources noted:</span> '
                         f"{_esc(verdict.sources)}</p>")
    if entry.links:
        parts.append('<h4>Evidence</h4><ul class="evidence">'
                     + "".join(_link_html(link) for link in entry.links) + "</ul>")
    if entry.findings or entry.related:
        parts.append('<h4>Consistency</h4><ul class="findings">'
                     + "".join(_finding_html(f) for f in entry.findings)
                     + "".join(_finding_html(f, related=True) for f in entry.related) + "</ul>")
    parts.append(f'<p class="claim-id">{_esc(claim.claim_id)}</p></article>')
    return "\n".join(parts)


_CSS = """
:root{--ink:#1d2329;--muted:#5f6b76;--line:#d9dee3;--paper:#fff;--wash:#f5f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--wash);color:var(--ink);font:16px/1.5 Georgia,"Times New Roman",serif}
main{max-width:920px;margin:0 auto;padding:24px 28px 64px;background:var(--paper)}
h1,h2,h3,h4,header,.counts,.kind,.verdict,.finding-kind,.claim-id,.meta,.checked-by,.source{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2rem}
h4{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:.9rem 0 .3rem}
.org{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem;margin:0}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.counts{border-collapse:collapse;font-size:.95rem;min-width:60%}
.counts td,.counts th{padding:.3rem .6rem;border-bottom:1px solid var(--line);text-align:left}
.counts td.count{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.counts .bar{width:40%}.counts .bar span{display:block;height:.7rem;background:#90a4ae;border-radius:2px}
.counts tfoot th,.counts tfoot td{border-bottom:0;font-weight:600}
.verdict{display:inline-block;padding:.05rem .5rem;border-radius:3px;font-size:.8rem;font-weight:600;white-space:nowrap}
.claim{border:1px solid var(--line);border-left:5px solid #90a4ae;border-radius:4px;padding:.6rem 1rem .4rem;margin:1rem 0;break-inside:avoid}
.claim.flagged{border-left-color:#e65100}.claim.unchecked{background:var(--wash)}
.claim:target{outline:3px solid #1565c0}
.claim header{font-size:.95rem}.claim-text{font-weight:600}
.kind,.where,.claim-id,.who{color:var(--muted);font-size:.8rem}
.anchor{color:var(--muted);text-decoration:none}
.sentence{margin:.5rem 0;padding:.2rem 0 .2rem .8rem;border-left:3px solid var(--line)}
mark{background:#fff59d;padding:0 .1em}
.rationale{white-space:pre-wrap;overflow-wrap:anywhere}
.checked-by,.sources-note,.source{font-size:.85rem;color:var(--muted);margin:.3rem 0}
.sources-note{white-space:pre-wrap;overflow-wrap:anywhere}
.evidence,.findings{list-style:none;padding:0;margin:0}
.passage{margin:.3rem 0;padding:.3rem .8rem;background:var(--wash);border-radius:3px;white-space:pre-wrap;overflow-wrap:anywhere}
.stance,.agreement{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;border:1px solid var(--line);color:var(--ink)}
.stance-supports{border-color:#2e7d32;color:#2e7d32}.stance-contradicts{border-color:#c62828;color:#c62828}
.agreement-disagrees{border-color:#c62828;color:#c62828}.agreement-agrees{border-color:#2e7d32;color:#2e7d32}
.finding{font-size:.9rem;margin:.25rem 0;padding:.25rem .6rem;border-radius:3px}
.finding.warning{background:#fff3e0;border-left:3px solid #e65100}
.finding.info{background:#e8f5e9;border-left:3px solid #2e7d32}
.finding.related{background:var(--wash);border-left-color:#90a4ae}.about{color:var(--muted)}
.finding-kind{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;margin-right:.3rem}
.arithmetic{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;color:var(--muted)}
a{color:#1565c0;overflow-wrap:anywhere}
.plain-url{overflow-wrap:anywhere}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted)}
@media print{body{background:#fff}main{padding:0}.claim{border-color:#999}}
"""

# No script, no outside resource, even if some text slipped past the escaping: the browser
# refuses both. Links still open (navigation is not a fetch).
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def export_html(ws, out: str | Path | IO[str] | None = None, *, organization: str = "",
                article_url: str = "", scale: str | Path | Scale | None = None) -> str:
    """Write the HTML report to ``out``; returns its text (see the module's notes).

    The article's title, address, dates and byline; the counts of claims by verdict; the
    consistency findings about the article as a whole; then every claim in article order
    (anchor ``#claim-<claim_id>``) with its sentence (the claim's words highlighted), verdict,
    rationale, checker, evidence (passage, source link, stance, agreement) and consistency
    findings; last, the verdicts whose claim the article no longer has.
    """
    report = _gather(ws, article_url)
    chosen = load_scale(scale) if scale is not None else scale_for_labels(ws.labels)
    article = report.article
    current = [e for e in report.entries if not e.orphaned]
    orphans = [e for e in report.entries if e.orphaned]
    title = (article.title if article is not None and article.title else "") or (
        current[0].claim.article_id if current else Path(str(ws.path)).stem)
    counts = Counter(e.label for e in current)
    labels = list(dict.fromkeys([*ws.labels, *counts]))
    total = len(current)
    checked = total - counts.get(NOT_CHECKED, 0)

    out_parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_esc(article.lang if article is not None else "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Fact-check report: {_esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body><main>",
        '<header class="report-header">',
    ]
    if organization.strip():
        out_parts.append(f'<p class="org">{_esc(organization.strip())}</p>')
    out_parts.append(f'<h1 class="article-title">{_esc(title)}</h1>')
    out_parts.append(_meta_html(ws, report, checked, total))
    out_parts.append("</header>")

    out_parts.append('<section id="summary"><h2>Verdicts</h2>')
    out_parts.append('<table class="counts"><thead><tr><th>Verdict</th><th>Claims</th>'
                     "<th></th></tr></thead><tbody>")
    for label in labels:
        n = counts.get(label, 0)
        width = round(100 * n / total) if total else 0
        out_parts.append(
            f'<tr data-verdict="{_esc(label)}"><th>{_badge(chosen, label)}</th>'
            f'<td class="count" data-verdict="{_esc(label)}">{n}</td>'
            f'<td class="bar"><span style="width:{width}%"></span></td></tr>')
    out_parts.append(f'</tbody><tfoot><tr><th>All claims</th><td class="count total">{total}'
                     "</td><td></td></tr></tfoot></table>")
    flagged = sum(1 for e in current if e.flags)
    if flagged:
        out_parts.append(f'<p class="flag-count">{flagged} claim{"s" if flagged != 1 else ""} '
                         "with a consistency warning.</p>")
    out_parts.append("</section>")

    if report.article_findings:
        out_parts.append('<section id="article-findings"><h2>About the article as a whole</h2>'
                         '<ul class="findings">'
                         + "".join(_finding_html(f) for f in report.article_findings)
                         + "</ul></section>")

    out_parts.append('<section id="claims"><h2>Claims</h2>')
    out_parts.extend(_entry_html(entry, chosen) for entry in current)
    out_parts.append("</section>")
    if orphans:
        out_parts.append('<section id="orphans"><h2>Verdicts on claims no longer in the article'
                         "</h2><p>The article changed since these were checked.</p>")
        out_parts.extend(_entry_html(entry, chosen) for entry in orphans)
        out_parts.append("</section>")
    out_parts.append(f'<footer>Worksheet {_esc(Path(str(ws.path)).name)}; verdict scale: '
                     f"{_esc(chosen.name)}.</footer>")
    out_parts.append("</main></body></html>\n")
    text = "\n".join(out_parts)
    _write(out, text, "HTML report")
    return text


def _meta_html(ws, report: _Report, checked: int, total: int) -> str:
    article = report.article
    rows: list[tuple[str, str]] = []
    if report.article_url:
        rows.append(("Article", _link(report.article_url)))
    elif article is not None and article.source and article.source != "<text>":
        rows.append(("Article", f'<span class="plain-url">{_esc(Path(article.source).name)}'
                                "</span>"))
    if article is not None:
        if article.published or article.dateline:
            date = _esc(article.published)
            if article.dateline:
                date += (" " if date else "") + f'<span class="kind">(dateline: ' \
                                                f"{_esc(article.dateline)})</span>"
            rows.append(("Published", date))
        author = _article_author(article)
        if author:
            rows.append(("Byline", _esc(author["name"])))
    dates = sorted(e.verdict.checked_at for e in report.entries
                   if e.verdict is not None and e.verdict.checked_at)
    progress = f'<span class="checked-count">{checked}</span> of {total} claims checked'
    if dates:
        progress += f", last on {_esc(dates[-1])}"
    rows.append(("Checked", progress))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"
