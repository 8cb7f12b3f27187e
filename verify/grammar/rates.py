"""Rates per a round population: "38 per 100.000 abitanti", "12 casi ogni 100mila abitanti",
"5 deaths per million people", "38 casi su 100.000 abitanti", "12 out of 100,000 people".

A figure, then "per", "ogni" or "every", then a power of ten (100 or more) with the population's
noun: one figure, the rate, not two. Its value is the figure as written (38); its unit says what
it counts per how many of what, in the claims table's words (English, singular): "per 100000
inhabitant", "case per 100000 inhabitant", "death per 1000000 person". A number after "per" that
is not a round population ("10 euro per 3 persone") makes no rate.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from ..records.model import _make_mention
from .compose import format_value
from .types import Candidate, Figure

# The words between the figure and its population ("per", "ogni", "every", "for every").
_PER_RE = compile_pattern(r"\s+(?:per|ogni|every|for\s+every|per\s+ogni)\s+", re.IGNORECASE)
# "38 casi su 100.000 abitanti", "12 out of 100,000 people": a ratio's words, a rate when the
# population is a thousand or more (a ratio's "uno su quattro", "30 su 100" stay ratios).
_OUT_OF_RE = {"it": compile_pattern(r"\s+su\s+", re.IGNORECASE),
              "en": compile_pattern(r"\s+(?:out\s+of|in)\s+", re.IGNORECASE)}


def read_rate(text: str, lang: str, a: Figure, b: Figure, read_figure) -> Candidate | None:
    """The rate that figure ``a`` per population ``b`` make, or None. ``read_figure`` reads ``a``
    with its hedge and unit (``context.read_figure``)."""
    gap_from = a.after.end if a.after else a.end
    out_of = _OUT_OF_RE.get(lang)
    if not _round_population(b.value) or not (_PER_RE.fullmatch(text, gap_from, b.start) or (
            b.value >= 1000 and out_of is not None and out_of.fullmatch(text, gap_from, b.start))):
        return None
    if b.value == 100 and b.after is None:
        return None  # "24 per cento" is a percentage, the unit's words
    if b.after is not None and b.after.kind != "count":
        return None  # "3 euro per 100 grammi" is a price, "5 per 100 km" a consumption
    figure = read_figure(text, lang, a)
    if figure is None or figure.mention.kind != "count" or not figure.mention.checkable:
        return None
    counted = a.after.unit if a.after else ""
    per = f"per {format_value(b.value)}" + (f" {b.after.unit}" if b.after else "")
    unit = f"{counted} {per}" if counted else per
    start, end = figure.start, b.after.end if b.after else b.end
    return Candidate(figure.priority, start, end, _make_mention(
        text[start:end], start, end, "count", figure.mention.value, unit=unit,
        qualifier=figure.mention.qualifier, number_start=a.start if a.start != start else -1,
        number_end=a.end))


def _round_population(value) -> bool:
    """Whether ``value`` is a power of ten of 100 or more (100, 1000, 100000, a million)."""
    if value != int(value) or value < 100:
        return False
    digits = str(int(value))
    return digits.strip("0") == "1"
