"""Sport results: a time or a length whose unit is the sport's, not written after the number.

"Ha corso i 100 metri in 10.12", "won the long jump with 8.21": a result is written bare, and
the sentence's sport words say what it measures (seconds for a race, metres for a jump or a
throw). Each pack's ``results.csv`` lists those words with their sport ("maratona": time,
"giavellotto": length); the nearest one to the number decides, and a number with no sport word
in its sentence stays a number ("l'inflazione era al 2,35"). Only the shapes results are written
in are read so: a number with two decimals ("10.12", "8,21"), and times with colons ("2:03:45",
"1:56.45", which no clock shows; "1:43" only in a race's sentence), and with the marks Italian
results use (2'58"12, 10"85, 2h08'15").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from .pattern_cache import compile_pattern
from . import lexicon as L
from ..lang import pack
from ..lang.tables import Column, Table, one_of, read_table, word
from ..records.model import _make_mention
from .types import Candidate, Figure, Priority, UnitAfter

RESULTS_TABLE = Table("results.csv", (Column("word", word), Column("sport", one_of("time", "length"))),
                      key="word")
SPORT_UNITS = {"time": UnitAfter("second", "duration", 0), "length": UnitAfter("metre", "quantity", 0)}
"""The unit a result of each sport is in."""

# A race's distance is a time cue too: "i 100 metri", "the 400m", "nei 1500 m".
_DISTANCE = r"(?<![\d.,])\d{2,5}\s?(?:m|metri|metres|meters)(?![\w²]|\s+quadr|\s+square)"
# Where a result may be: two decimals after one or two digits, or a colon and two digits.
# (The mark first, then the digit before it: a search that tests each character for a digit, a
# Unicode category, took four times as long.)
_RESULT_CUE_RE = compile_pattern(r"[.,:](?<=\d[.,:])\d\d")
_TWO_DECIMALS_RE = compile_pattern(r"[-+]?\d{1,2}[.,]\d\d")
_COLON_TIME_RE = compile_pattern(
    r"(?<![\w.,:])(?:(?P<h>\d{1,2}):(?P<hm>[0-5]\d):(?P<hs>[0-5]\d(?:[.,]\d{1,2})?)"
    r"|(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?P<frac>[.,]\d{1,2})?)(?![\d:]|[.,]\d)")
# Times as Italian results write them: 2'58"12 (2 min 58.12 s), 10"85, 2h08'15".
_MARKED_TIME_RE = compile_pattern(
    r"(?<![\w.,'’′])(?:(?P<h>\d{1,2})h\s?(?P<hm>\d{2})['’′](?:(?P<hs>\d{2})[\"”″]?)?"
    r"|(?P<m>\d{1,2})['’′](?P<s>\d{2})[\"”″](?P<c>\d{1,2})?"
    r"|(?P<s2>\d{1,2})[\"”″](?P<c2>\d{1,2}))(?![\w'’′\"”″])")
MARKED_TIME_CUE_RE = compile_pattern(r"\d['’′\"”″]\d|\dh\s?\d")
# A clock's time, not a result: "alle 10:30", "at 10:30", "ore 10:30", "10:30 am".
_CLOCK_BEFORE_RE = compile_pattern(r"(?:alle|dalle|delle|ore|at|by|from|until)\s+$", re.IGNORECASE)
_CLOCK_AFTER_RE = compile_pattern(r"\s*(?:[ap]\.?m\b|h\b|GMT|UTC|CET)", re.IGNORECASE)


class SportWord(NamedTuple):
    """A sport word of a sentence and where it is."""

    at: int
    end: int
    sport: str   # "time" or "length"


@lru_cache(maxsize=None)
def _sport_pattern(lang: str) -> re.Pattern:
    """The sport words of ``lang``'s pack as one pattern over lower-cased text."""
    rows = read_table(pack(lang).folder, RESULTS_TABLE)
    words = {r.values["word"]: r.values["sport"] for r in rows}
    _SPORT_OF[lang] = words
    return compile_pattern(r"(?<![\w])(?:(%s)(?![\w])|%s(?![\w]))" % (L.alternation(words), _DISTANCE))


_SPORT_OF: dict[str, dict[str, str]] = {}


class Sport:
    """The sport words of one text, found once, on the first question."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang, self._words = text, lang, None

    def words(self) -> list[SportWord]:
        if self._words is None:
            pattern = _sport_pattern(self.lang)
            sport_of = _SPORT_OF[self.lang]
            self._words = [SportWord(m.start(), m.end(), sport_of.get(SPACES_RE.sub(" ", m.group(1)), "time")
                                     if m.group(1) else "time")
                           for m in pattern.finditer(self.text.lower())]
        return self._words

    def at(self, start: int, end: int) -> str | None:
        """The sport of the sport word nearest to ``text[start:end]``, or None when none is."""
        words = self.words()
        if not words:
            return None
        i = bisect_left(words, (start,))
        distance, sport = min((start - w.end if w.at < start else w.at - end, w.sport)
                              for w in words[max(0, i - 1):i + 1])
        return sport if distance <= _NEAR else None


SPACES_RE = compile_pattern(r"\s+")
# How near a sport word must be: in its sentence, or its paragraph's neighbourhood when a whole
# page is read at once.
_NEAR = 200


def may_hold_results(text: str, digits_from: int = 0) -> bool:
    """Whether ``text`` has a number in a result's shape (most sentences have none); its digits
    start at ``digits_from`` or later (``Look.digits_from``)."""
    return _RESULT_CUE_RE.search(text, digits_from) is not None


def sport_unit(text: str, fig: Figure, sport: Sport | None) -> Figure:
    """``fig`` with the unit of its sentence's sport, when it is a bare result ("in 10.12",
    "con 8,21"): two decimals, no unit after it, no currency before it."""
    if sport is None or fig.after is not None or fig.kind != "number":
        return fig
    if not _TWO_DECIMALS_RE.fullmatch(text, fig.start, fig.end) or text[fig.start - 1:fig.start] in "$€£":
        return fig
    found = sport.at(fig.start, fig.end)
    if found is None:
        return fig
    return fig._replace(after=SPORT_UNITS[found]._replace(end=fig.end))


def colon_times(text: str, lang: str, hedge_before):
    """Race times written with colons: "2:03:45", "1:56.45" (always), "1:43" (in a race's
    sentence), as durations in seconds, with the hedge before them ("under 1:43")."""
    sport = None
    for m in _COLON_TIME_RE.finditer(text):
        if _CLOCK_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()) or _CLOCK_AFTER_RE.match(text, m.end()):
            continue
        if not m.group("frac"):  # "2:03:45", "1:43": a race's only in a race's sentence
            sport = sport or Sport(text, lang)
            if sport.at(m.start(), m.end()) != "time" and not (
                    m.group("h") and text[max(0, m.start() - 3):m.start()].lower() == "in "):
                continue
        qualifier, start = hedge_before(text, m.start())
        yield Candidate(Priority.TIME, start, m.end(), _make_mention(
            text[start:m.end()], start, m.end(), "duration", _seconds(m), unit="second",
            qualifier=qualifier, number_start=m.start() if start != m.start() else -1))


def marked_times(text: str, hedge_before):
    """Race times written with minute and second marks: 2'58"12 (178.12 s), 10"85, 2h08'15"."""
    for m in _MARKED_TIME_RE.finditer(text):
        g = m.groupdict()
        if g["h"]:
            total = int(g["h"]) * 3600 + int(g["hm"]) * 60 + int(g["hs"] or 0)
        else:
            whole, hundredths = (int(g["m"] or 0) * 60 + int(g["s"]), g["c"]) if g["s"] else (int(g["s2"]), g["c2"])
            total = Decimal(whole) + (Decimal("0." + hundredths) if hundredths else 0)
        qualifier, start = hedge_before(text, m.start())
        yield Candidate(Priority.TIME, start, m.end(), _make_mention(
            text[start:m.end()], start, m.end(), "duration", format(Decimal(total).normalize(), "f"),
            unit="second", qualifier=qualifier, number_start=m.start() if start != m.start() else -1))


def _seconds(m: re.Match) -> str:
    """The time of ``m`` in seconds, as a plain decimal ("2:03:45" is 7425, "1:56.45" 116.45)."""
    if m.group("h"):
        total = int(m.group("h")) * 3600 + int(m.group("hm")) * 60 + Decimal(m.group("hs").replace(",", "."))
    else:
        total = int(m.group("m")) * 60 + Decimal(m.group("s") + (m.group("frac") or "").replace(",", "."))
    text = format(total.normalize(), "f")
    return text
