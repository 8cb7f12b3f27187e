"""A match as HTML for a notebook or a report: every text from the archive escaped, a link only
for an http(s) address.

    >>> from verify.evidence.factchecks.records import FactCheck
    >>> from verify.evidence.factchecks.matching import Match
    >>> fc = FactCheck("https://c.example/1", "Chips <script>x()</script> in vaccines", "False")
    >>> "<script" in match_html(Match(fc, 0.8, True, ("same figure: 5",)))
    False

Text from an archive is untrusted (a feed may carry ``<script>`` in a claim): it is escaped
with ``html.escape`` here, and every other place that shows it must do the same.
"""

from __future__ import annotations

from html import escape

from .matching import Match


def _link(url: str, text: str) -> str:
    if url.lower().startswith(("http://", "https://")):
        return (f'<a href="{escape(url, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{escape(text)}</a>')
    return escape(text)


def match_html(match: Match) -> str:
    """One match as a small HTML block: publisher, date, rating (linked to the fact-check),
    the claim it reviewed, whether it is the same claim, and the reasons."""
    fc = match.fact_check
    head = " · ".join(escape(part) for part in (fc.author, fc.date_published, fc.language) if part)
    verdict = "same claim" if match.same_claim else "related"
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in match.reasons)
    return (f'<div class="verify-factcheck"><div>{_link(fc.url, fc.rating or "fact-check")} '
            f"<small>{head}</small></div><blockquote>{escape(fc.claim_reviewed)}</blockquote>"
            f"<div><small>{verdict}, score {match.score:.2f}</small></div>"
            f"<ul>{reasons}</ul></div>")
