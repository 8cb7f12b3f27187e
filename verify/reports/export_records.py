"""What every export says about each claim: its verdict, its evidence links with the figures
that differ, and the consistency findings; gathered once from a worksheet (``gather``) for the
editor CSV, the ClaimReview JSON-LD (``verify.reports.export``) and the HTML report (``verify.reports.report``)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ..checking.consistency import check_article, findings_by_claim
from ..checking.consistency_finding import Finding
from ..checking.consistency_passages import passage_findings
from ..records.model import NOT_CHECKED, Article, Claim
from ..records.output import write_output

if TYPE_CHECKING:  # the worksheet imports the whole pipeline; the exports need only its records
    from ..checking.verdicts import Verdict


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
    kind: str = ""
    """The source's kind in the registry ("fact-check" for a past fact-check kept as evidence)."""
    published: str = ""
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


def gather(ws, article_url: str = "") -> _Report:
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
        kind, published = _source_facts(ws, _get(link, "source_id"))
        out.setdefault(_get(link, "claim_id"), []).append(_Link(
            url=_get(link, "url"), title=_get(link, "title"), publisher=_get(link, "publisher"),
            source_id=_get(link, "source_id"), passage=_get(link, "passage"),
            stance=_get(link, "stance"), agreement=_get(link, "agreement"),
            checker=_get(link, "checker"), linked_at=_get(link, "linked_at"),
            note=_get(link, "note"), kind=kind, published=published))
    return out


def _source_facts(ws, source_id: str) -> tuple[str, str]:
    """The linked source's kind and date, from the worksheet's registry ("" when unknown)."""
    try:
        source = ws.sources.get(source_id)
    except Exception:  # no registry, or the source is gone from it: the link still exports
        return "", ""
    if source is None:
        return "", ""
    return str(getattr(source, "kind", "") or ""), str(getattr(source, "published", "") or "")


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


def claim_anchor(claim_id: str) -> str:
    """The report's anchor of a claim, without the '#': ``claim-<claim_id>``."""
    return f"claim-{claim_id}"


def _fragment(claim_id: str) -> str:
    return "#" + quote(claim_anchor(claim_id), safe="-._~")


# --- writing ------------------------------------------------------------------------------------

def _write(out, text: str, what: str) -> None:
    if out is None:
        return
    if hasattr(out, "write"):
        out.write(text)
        return
    # atomic, a symlink's target, never a folder, FIFO or device, OS errors in words
    write_output(out, text, what=what)
