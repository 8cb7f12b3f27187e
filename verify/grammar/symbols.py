"""Unit letters that one language glues to the digits: English "45C (113F)", "1.5C of warming".

A capital letter right after the digits is a unit only in a language whose pack says so (the
``glued_symbol`` rows of ``number_words.csv``, with the unit they stand for): in Italian "la 5C"
is a school class. Written with a degree sign ("45 °C") the unit is the unit table's, in any
language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .pattern_cache import compile_pattern
from ..records.model import _make_mention
from .compose import format_value, parse_number
from .number_words import rows_of
from .types import Candidate, Priority


# The temperatures news reports, so that a letter after another number is not read as one.
_WEATHER = {"degree Celsius": (-90, 60), "degree fahrenheit": (-130, 140)}


@lru_cache(maxsize=None)
def _glued(lang: str) -> tuple[re.Pattern | None, re.Pattern | None, dict[str, str]]:
    """The pattern of ``lang``'s glued letters after digits, its cue (what every match holds: a
    digit, the letter, no word character after), and the unit of each letter (upper case)."""
    units = {letter.upper(): unit for letter, unit in rows_of(lang, "glued_symbol").items()}
    if not units:
        return None, None, units
    letters = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return (compile_pattern(r"(?<![\w.,])([-−]?\d{1,3}(?:[.,]\d{1,2})?)(%s)(?![\w])" % letters),
            compile_pattern(r"\d(?:%s)(?![\w])" % letters), units)


def glued_symbols(text: str, lang: str, hedge_before, digits_from: int = 0):
    """"45C", "113F": the number with the unit its letter stands for, and the hedge before it
    (the text's digits start at ``digits_from`` or later: ``Look.digits_from``)."""
    pattern, cue, units = _glued(lang)
    if pattern is None or cue.search(text, digits_from) is None:
        # most texts: no digit with a glued letter. The cue's search jumps from digit to digit,
        # the pattern (led by a look-behind) is tried at every character: a third of its cost.
        return
    for m in pattern.finditer(text):
        value = parse_number(m.group(1).replace("−", "-"), lang)
        low, high = _WEATHER.get(units[m.group(2)], (float("-inf"), float("inf")))
        if value is None or not low <= value <= high:
            continue  # "section 45C" of a tax code: no temperature news reports
        qualifier, start = hedge_before(text, m.start())
        yield Candidate(Priority.FIGURE, start, m.end(), _make_mention(
            text[start:m.end()], start, m.end(), "quantity", format_value(value),
            unit=units[m.group(2)], qualifier=qualifier,
            number_start=m.start() if start != m.start() else -1, number_end=m.end(1)))
