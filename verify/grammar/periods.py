"""Periods written as one figure: ranges of months and days, and sports seasons.

"marzo-luglio 2022", "tra marzo e luglio 2022", "from March to July 2022" are one range of
months; "dal 3 al 7 marzo 2022", "3-7 marzo", "March 3-7, 2022" one range of days; "2020/2021"
a season (two years, not the fraction 2020/2021). Each is one mention with ``value`` and
``value_max``; ``calendar.dates`` proposes them with the dates.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from .calendar import _LEADING_DIGITS_RE, _MONTH_ANY, _MONTH_FULL, _YEAR, _I, _mention
from .tokens import SPACES_RE
from .types import Candidate, Priority

# A word between the two bounds ("e", "a", "to") needs its opener before the first ("tra", "da",
# "from"): "marzo e aprile 2023" is a list of months, "il 3 e il 5 marzo" two days.
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:°|º|st|nd|rd|th)?"
# What the word between the bounds needs before the first: "tra marzo e luglio", "da marzo a
# luglio"; "to" and "through" need nothing ("March to July 2022").
_GAP_NEEDS = {"e": "between", "and": "between", "e il": "between", "e l'": "between", "e l’": "between",
              "a": "from", "al": "from", "all'": "from", "all’": "from", "until": "from",
              "to": "", "through": ""}
_OPENER_OF = {"tra": "between", "fra": "between", "tra il": "between", "fra il": "between",
              "between": "between", "da": "from", "dal": "from", "dall'": "from", "dall’": "from",
              "from": "from"}
# Between the two days of a range: a dash, or a word that may need an opener ("al", "e il").
_DAY_GAP = r"(?:\s*[-–]\s*|\s+(?P<gap>al|e\s+il|e|and|to|through|until)\s+|\s+(?P<gap2>all['’]|e\s+l['’]))"
_MONTH_RANGE_RE = compile_pattern(
    r"(?<![\w])(?:(?P<open>tra|fra|between|from|da)\s+)?"
    r"(?P<m1>%(mfull)s)(?:\s+(?:(?:del|of)\s+)?(?P<y1>%(year)s))?"
    r"(?:\s*[-–—/]\s*|\s+(?P<gap>e|and|a|to|through|until)\s+)"
    r"(?P<m2>%(mfull)s)(?![\w])(?:,?\s+(?:(?:del|of)\s+)?(?P<y2>%(year)s))?" % {
        "mfull": _MONTH_FULL, "year": _YEAR}, _I)
_DAY_RANGE_RE = compile_pattern(
    r"(?<![\w])(?:(?P<open>tra\s+il|fra\s+il|between|from|dal|da)\s+|(?P<open2>dall['’]))?"
    r"(?P<d1>%(day)s)%(gap)s"
    r"(?P<d2>%(day)s)\s+(?:(?:di|of)\s+)?(?P<m>%(mfull)s|(?:%(many)s)\.)(?![\w])"
    r"(?:,?\s+(?:(?:del|of)\s+)?(?P<y>%(year)s))?"
    r"|(?<![\w])(?P<em>%(mfull)s)\s+(?P<ed1>%(day)s)\s*[-–]\s*(?P<ed2>%(day)s)(?![\w])(?:,?\s+(?P<ey>%(year)s))?" % {
        "day": _DAY_NUMBER, "gap": _DAY_GAP, "mfull": _MONTH_FULL, "many": _MONTH_ANY, "year": _YEAR}, _I)
_MONTH_RANGE_LOW_RE, _DAY_RANGE_LOW_RE = L.lower_case_twin(_MONTH_RANGE_RE), L.lower_case_twin(_DAY_RANGE_RE)
# What every range of days holds: a day's last digit (and "st", "°"...), the gap, the next
# day's first digit. Tried first: a digit leads it, so the regex engine jumps from digit to digit,
# where the range's own pattern (led by a look-behind) is tried at every character.
_DAY_PAIR_CUE_RE = compile_pattern(r"\d(?:°|º|st|nd|rd|th)?%s\d" % _DAY_GAP, _I)


# A month's name written out, at a place (over lower-cased text; see ``date_ranges``).
_MONTH_FULL_LOW_RE = compile_pattern(_MONTH_FULL)


def date_ranges(text: str, low: str | None, lang: str | None = None, places: list[int] | None = None,
                look=None):
    """Ranges of months and of days, each one mention with ``value`` and ``value_max``.

    ``places`` (``calendar._found``'s) hold every place after a non-letter where a month's name
    starts: a range of months names two months there, each after a non-letter, so with fewer
    than two names at those places there is none, and its pattern (tried at each character, 0.03
    ms an article) is not run. ``look``, when given, is ``prefilter.scan``'s: a month's name starts
    at one of its cue words' places (``cue_at``, fewer than ``places``), and a range of days at
    a digit, at its first digit's place (``digits_from``) or after."""
    for pattern, low_pattern, read in ((_MONTH_RANGE_RE, _MONTH_RANGE_LOW_RE, _month_range),
                                       (_DAY_RANGE_RE, _DAY_RANGE_LOW_RE, _day_range)):
        if pattern is _DAY_RANGE_RE and _DAY_PAIR_CUE_RE.search(text, look.digits_from if look else 0) is None:
            continue  # most texts with a date: no two days joined
        begin = 0
        if pattern is _MONTH_RANGE_RE and places is not None and low is not None:
            begin = _month_range_begin(low, places if look is None or look.cue_at is None else look.cue_at)
            if begin is None:
                continue
        found = low_pattern.finditer(low, begin) if low is not None and low_pattern else pattern.finditer(text)
        for m in found:
            bounds = read(text, m, lang)
            if bounds:
                start, (lo, hi) = bounds
                yield Candidate(Priority.DATE, start, m.end(), _mention(
                    text, start, m.end(), "date", lo, value_max=hi, qualifier="range"))


# The longest word that may open a range of months (``_MONTH_RANGE_RE``'s "open" group).
_LONGEST_OPENER = len("between")


def _month_range_begin(low: str, places: list[int]) -> int | None:
    """Where in the lower-cased text a range of months may begin, or None when a month's name
    starts at fewer than two of ``places``: no range begins before the first month's name, its
    opener and the spaces between them, so its pattern is tried from there (not from the text's
    start: a third of this reader's time on the seed)."""
    first = None
    for at in places:
        if _MONTH_FULL_LOW_RE.match(low, at):
            if first is not None:
                while first > 0 and low[first - 1].isspace():  # the spaces before the first month
                    first -= 1
                return max(0, first - _LONGEST_OPENER)
            first = at
    return None


def _opened(m: re.Match, first: int, gap: str | None, opener: str | None) -> int | None:
    """Where the range ``m`` starts: at its opener when there is one its gap word goes with, at
    its first bound (``first``) after a dash or "to"; None when the gap word's opener is missing."""
    if gap is None:  # a dash: no opener needed
        return first
    needed = _GAP_NEEDS[SPACES_RE.sub(" ", gap.lower())]
    family = _OPENER_OF.get(SPACES_RE.sub(" ", opener.lower())) if opener else None
    if needed == "":
        return m.start() if family == "from" else first
    return m.start() if family == needed else None


def _month_named(text: str, m: re.Match, group: str, lang: str | None) -> int | None:
    """The month of ``group``, as written (English month words need their capital), a month
    of ``lang`` (any language's when None)."""
    word = text[m.start(group):m.end(group)]
    if word.lower() in L.ENGLISH_MONTH_WORDS and not word[0].isupper():
        return None
    return (L.MONTHS if lang is None else L.MONTHS_BY_LANGUAGE[lang]).get(word.lower().rstrip("."))


def _month_range(text: str, m: re.Match, lang: str | None):
    """(where it starts, ("2022-03", "2022-07")) for "marzo-luglio 2022", or None."""
    start = _opened(m, m.start("m1"), m.group("gap"), m.group("open"))
    first, last = _month_named(text, m, "m1", lang), _month_named(text, m, "m2", lang)
    if start is None or not first or not last:
        return None
    y1, y2 = m.group("y1"), m.group("y2")
    if y2 and not y1:  # "novembre-febbraio 2023" begins in 2022
        y1 = str(int(y2) - 1) if first > last else y2
    elif y1 and not y2:
        y2 = str(int(y1) + 1) if first > last else y1
    if (y1 or "") + f"{first:02d}" >= (y2 or "") + f"{last:02d}":
        return None
    return start, (f"{y1 or '-'}-{first:02d}", f"{y2 or '-'}-{last:02d}")


def _day_range(text: str, m: re.Match, lang: str | None):
    """(where it starts, ("2022-03-03", "2022-03-07")) for "dal 3 al 7 marzo 2022", or None."""
    if m.group("em"):
        month, d1, d2, year, start = _month_named(text, m, "em", lang), m.group("ed1"), m.group("ed2"), m.group("ey"), m.start()
    else:
        month, d1, d2, year = _month_named(text, m, "m", lang), m.group("d1"), m.group("d2"), m.group("y")
        start = _opened(m, m.start("d1"), m.group("gap") or m.group("gap2"), m.group("open") or m.group("open2"))
    first, last = (int(_LEADING_DIGITS_RE.match(d).group()) for d in (d1, d2))
    if start is None or not month or not first < last:
        return None
    prefix = f"{year or '-'}-{month:02d}"
    return start, (f"{prefix}-{first:02d}", f"{prefix}-{last:02d}")


_SEASON_RE = compile_pattern(r"(?<![\w.,/])((?:19|20)\d\d)/((?:19|20)?\d\d)(?![\w/]|[.,]\d)")


def seasons(text: str):
    """A season written with its two years: "2020/2021", "2020/21" (not the fraction 2020/2021)."""
    if "/" not in text:  # most texts: a substring test instead of the pattern tried at each character
        return
    for m in _SEASON_RE.finditer(text):
        first, second = int(m.group(1)), m.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last == first + 1:
            yield Candidate(Priority.TIME, m.start(), m.end(), _mention(
                text, m.start(), m.end(), "year", str(first), value_max=str(last), qualifier="range"))
