"""A past fact-check kept as evidence: one call records it as a source of the worksheet's
registry (kind ``fact-check``) and links it to the claim, so the editor CSV and the HTML report
show the check the checker relied on, and the team sees it beside the other sources.

    from verify.evidence.factchecks import checked_before, record_match
    claim, matches = checked_before(ws.claims, "it")[0]
    record_match(ws, claim.claim_id, matches[0])                     # stance "context"
    record_match(ws, claim.claim_id, matches[0], stance="supports")  # the checker's judgement
"""

from __future__ import annotations

from ..sources import FACT_CHECK_KIND
from .matching import Match



def match_passage(match: Match) -> str:
    """The text a recorded fact-check holds: what it reviewed, and its rating."""
    fc = match.fact_check
    rating = f"Rating: {fc.rating}" if fc.rating else "Rating: (none given)"
    return f"{fc.claim_reviewed.strip()}\n{rating}"


def record_match(ws, claim_id: str, match: Match, *, stance: str = "context", checker: str = "",
                 note: str = ""):
    """Record ``match`` (from ``checked_before`` or ``match_claim``) as a source of ``ws`` and
    link its text to the claim with ``stance``; returns the EvidenceLink. Recording the same
    fact-check again for the claim updates the link (one link per passage and claim): the
    registry keeps one source per address and text."""
    fc = match.fact_check
    text = match_passage(match)
    source = ws.add_source(url=fc.url or None, text=text,
                           title=f"Fact-check: {fc.rating}" if fc.rating else "Fact-check",
                           publisher=fc.author, published=_date_only(fc.date_published),
                           kind=FACT_CHECK_KIND, added_by=checker or ws.checker)
    passage = {"source_id": source.source_id, "text": text, "start": 0, "end": len(text)}
    return ws.link_evidence(claim_id, passage, stance, checker=checker,
                            note=note or "checked before: " + "; ".join(match.reasons[:3]))


def _date_only(published: str) -> str:
    """The registry keeps a day (YYYY-MM-DD) or less; a fact-check may give a time too."""
    return (published or "")[:10]
