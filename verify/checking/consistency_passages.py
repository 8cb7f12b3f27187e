"""After evidence is linked: a claim against the figures of its passage, a changed hedge
(``hedge_changed``) or a different figure (``figure_differs``), the passage read in its own
language."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ..records.model import Claim, Mention
from .consistency_calendar import _calendar_gap, _iso_date, _say_gap
from .consistency_figures import (_decimal, _fmt, _interval, _overlap, _quote, _same_figure,
                                  _say_figure, _say_qualifier)
from .consistency_finding import Finding

def compare_with_passage(claim: Claim | Mention, passage_mentions: Iterable[Mention]) -> list[Finding]:
    """What differs between a claim and the figures of a linked passage.

    ``passage_mentions`` are ``find_mentions(passage_text)`` (their offsets index the passage;
    they are reported as ``passage_start`` / ``passage_end``). A passage figure with the claim's
    value but another hedge gives ``hedge_changed``; when no passage figure has the claim's
    value, the nearest one gives ``figure_differs``. No comparable figure: no finding.

    >>> from verify.grammar import find_mentions
    >>> [claim] = find_mentions("più di 10.000 container", "it")
    >>> [f.kind for f in compare_with_passage(claim, find_mentions("at least 10,000 containers", "en"))]
    ['hedge_changed']
    """
    comparable = [m for m in passage_mentions if m.checkable and _comparable(claim, m)]
    if not comparable:
        return []
    same = [m for m in comparable if _same_figure(claim, m)]
    if same:
        if any((m.qualifier or "exact") == (claim.qualifier or "exact") for m in same):
            return []
        source = same[0]
        return [Finding(
            "hedge_changed", claim.start, claim.end, claim.text,
            f"The article says {_quote(claim)}; the linked passage says {_quote(source)}: "
            f"the hedge changed from {_say_qualifier(source.qualifier)} to "
            f"{_say_qualifier(claim.qualifier)}.",
            "warning", {
                "arithmetic": f"passage: {_say_figure(source)} → article: {_say_figure(claim)}",
                "passage_qualifier": source.qualifier or "exact",
                "article_qualifier": claim.qualifier or "exact",
                **_passage_keys(source),
            })]
    source = min(comparable, key=lambda m: _distance(claim, m))
    numeric = _decimal(claim.value) is not None and _decimal(source.value) is not None
    # Two different dates never both hold; two hedged numbers may.
    compatible = numeric and _overlap(_interval(claim), _interval(source))
    detail = {"arithmetic": _difference(claim, source), "passage_value": source.value,
              "article_value": claim.value, "compatible": compatible, **_passage_keys(source)}
    return [Finding(
        "figure_differs", claim.start, claim.end, claim.text,
        f"The article gives {_quote(claim)}; the linked passage gives {_quote(source)}"
        + (", which the article's hedge still allows." if compatible else "."),
        "info" if compatible else "warning", detail)]


def _comparable(claim, m) -> bool:
    if claim.unit:
        return m.unit == claim.unit
    # No unit: only dates and years compare as they are; a bare count matches anything.
    return m.kind == claim.kind and claim.kind in ("date", "year", "decade", "time")


def _distance(claim, m) -> float:
    a, b = _decimal(claim.value), _decimal(m.value)
    if a is None or b is None:
        return 0.0 if claim.value[:4] == m.value[:4] else 1.0
    return float(abs(a - b) / max(abs(a), abs(b), Decimal(1)))


def _difference(claim, source) -> str:
    """"passage: about 6,700 containers → article: more than 10,000 containers: +3,300 (+49%)"."""
    head = f"passage: {_say_figure(source)} → article: {_say_figure(claim)}"
    a, b = _decimal(claim.value), _decimal(source.value)
    if a is None or b is None:
        d1, d2 = _iso_date(claim.value), _iso_date(source.value)
        if d1 and d2:
            lo, hi = sorted((d1, d2))
            return f"{head}: {_say_gap(*_calendar_gap(lo, hi))} apart"
        return head
    diff = a - b
    sign = "+" if diff > 0 else "−"
    pct = f" ({sign}{_fmt(abs(diff) / abs(b) * 100, 0)}%)" if b else ""
    return f"{head}: {sign}{_fmt(abs(diff))}{pct}"


def _passage_keys(m: Mention) -> dict:
    return {"passage_text": m.text, "passage_start": m.start, "passage_end": m.end}


def passage_findings(claim: Claim, passage: str, *, year: int | None = None) -> list[Finding]:
    """What differs between ``claim`` and a linked passage's figures (none for facts and quotes).

    The passage is read in its own language: a source is often in another one than the article.
    """
    if claim.kind in ("fact", "quote") or not passage.strip():
        return []
    from ..reading.language import detect_language  # late: keeps this module's imports to the model
    from ..grammar import find_mentions

    return compare_with_passage(claim, find_mentions(passage, detect_language(passage), year=year))
