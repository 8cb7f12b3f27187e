"""Consistency checks: what a careful checker finds in the article itself, with no source.

    >>> from verify import load_article
    >>> text = ("Vertice a Roma\\nIl vertice si è aperto martedì 19 luglio 2000 a Roma, "
    ...         "con i ministri di dieci paesi.")
    >>> [(f.kind, f.detail["arithmetic"]) for f in check_article(load_article(text=text))]
    [('weekday_mismatch', '19 July 2000 = Wednesday, not Tuesday')]

``check_article`` runs four checks over the article's figure claims, in this order:

1. **weekdays**: a weekday written next to a date ("mercoledì 19 luglio 2000") is checked
   against the calendar; a match is an ``info`` finding (``weekday_checked``), a mismatch a
   warning (``weekday_mismatch``).
2. **dateline**: the page's dateline (or publication date) against the date of the events the
   article reports: the full date it states most often (``dateline_mismatch``).
3. **exact durations**: "esattamente 24 anni", "exactly 24 years" against the article's own full
   dates (``duration_mismatch``, or ``duration_checked`` when the dates bear it out).
4. **repeated quantities**: the same unit in two sentences about the same thing with two
   different values (``quantity_conflict``).

After evidence is linked, ``compare_with_passage`` compares a claim with the figures of its
passage: a changed hedge (``hedge_changed``) or a different figure (``figure_differs``).

Every finding carries its span in the article (``article.text[start:end] == finding.text``), a
message in words naming the figures, and the arithmetic in ``detail["arithmetic"]``.

This module runs the checks and sorts their findings by claim; each kind of check has a module
of its own: ``consistency_dates`` (1, 2), ``consistency_durations`` (3),
``consistency_quantities`` (4) and ``consistency_passages``, on the article's dates
(``consistency_calendar``), figures said in words (``consistency_figures``) and the
``Finding`` record (``consistency_finding``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Sequence

from ..records.model import Article, Claim
from .consistency_calendar import _event_date, _full_dates
from .consistency_dates import _dateline_findings, _weekday_findings
from .consistency_durations import _duration_findings
from .consistency_finding import Finding
from .consistency_quantities import _quantity_conflicts


def check_article(article: Article, claims: Sequence[Claim] | None = None, *,
                  dateline_tolerance_days: int = 2) -> list[Finding]:
    """The consistency findings of ``article``, in article order.

    ``claims`` are the article's claims (``extract_claims(article)`` when not given: pass a
    worksheet's claims to check those). A dateline more than ``dateline_tolerance_days`` after
    the events' date, or any day before it, is flagged.
    """
    if claims is None:
        from ..reading.claims import extract_claims

        claims = extract_claims(article)
    figures = [c for c in claims if c.kind not in ("fact", "quote")]
    dates = _full_dates(article, figures)
    event = _event_date(dates)
    findings = (
        _weekday_findings(article, figures)
        + _dateline_findings(article, event, dateline_tolerance_days)
        + _duration_findings(article, figures, dates, event)
        + _quantity_conflicts(figures, article.text)
    )
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind))


# --- per claim: what the workbench and the report show beside each claim --------------------------

def findings_by_claim(findings: Iterable[Finding], claims: Iterable[Claim]
                      ) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]], list[Finding]]:
    """Sort ``findings`` by the claim they are about.

    Returns ``(own, related, rest)``: ``own[claim_id]`` are the findings whose span overlaps the
    claim, ``related[claim_id]`` those that name the claim's span among their related spans (the
    "19 luglio 2000" a duration was measured from), and ``rest`` the findings about no claim (the
    article as a whole, e.g. its dateline).
    """
    index = _ClaimIndex(claims)
    own: dict[str, list[Finding]] = {}
    related: dict[str, list[Finding]] = {}
    rest: list[Finding] = []
    for finding in findings:
        mine = index.overlapping(finding.start, finding.end)
        for claim in mine:
            own.setdefault(claim.claim_id, []).append(finding)
        if not mine:
            rest.append(finding)
        named = {c.claim_id for a, b in _related_spans(finding) for c in index.overlapping(a, b)}
        for claim_id in sorted(named - {c.claim_id for c in mine}):
            related.setdefault(claim_id, []).append(finding)
    return own, related, rest


class _ClaimIndex:
    """Claims sorted by start, to find those overlapping a span without scanning them all
    (a 10,000-claim worksheet has thousands of findings)."""

    def __init__(self, claims: Iterable[Claim]):
        self.claims = sorted(claims, key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.claims]
        self.longest = max((c.end - c.start for c in self.claims), default=0)

    def overlapping(self, start: int, end: int) -> list[Claim]:
        """The claims with ``claim.start < end`` and ``start < claim.end``, in article order."""
        found = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.claims[i].start > start - self.longest - 1:
            if start < self.claims[i].end and self.claims[i].start < end:
                found.append(self.claims[i])
            i -= 1
        return found[::-1]


def _related_spans(finding: Finding) -> list[tuple[int, int]]:
    """The other spans a finding names (``detail["related"]``)."""
    spans = []
    for related in finding.detail.get("related", ()) or ():
        if isinstance(related, dict) and isinstance(related.get("start"), int) \
                and isinstance(related.get("end"), int):
            spans.append((related["start"], related["end"]))
    return spans
