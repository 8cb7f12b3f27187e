"""Does a passage agree with a claim? The passage's figures against the claim's value, unit and
qualifier (``verify.evidence.passages.agreement`` is the public entry; this module holds the rules).

    >>> from verify.grammar import find_mentions
    >>> from verify.records.model import Claim
    >>> claim = Claim("c-1", "a", "count", "più di 10.000 container", 0, 23, value="10000",
    ...               unit="container", qualifier="more_than")
    >>> j = judge(claim_reading(claim), read(find_mentions("at least 10,000 containers", "en")))
    >>> j.label, j.reasons[1]
    ('agrees', 'hedge differs: at least (passage) vs more than (claim)')

The rules, in order:

1. Only comparable figures count: the same unit, or units that convert (``UNIT_SCALE``: tonne =
   metric ton = t, kilotonne, kilogram; kilometre, mile, metre; day, week, month, year...).
   Scales (thousand, million, "10k") are already normalized by the number grammar. Money
   compares only in the same currency: no exchange rates.
2. A figure is an interval: exact = the value within half a percent (a round figure's
   rounding); about = within a tenth either way; more than = above; at least = from; less
   than = below; at most = up to; a range = its two ends. The same reading as
   ``verify.checking.consistency`` (except the half percent an exact figure is allowed here).
3. ``agrees`` when a comparable figure's interval overlaps the claim's (a passage with two
   figures, one agreeing, agrees); the closest agreeing figure decides. A different hedge
   ("at least 10,000" for the claim's "more than 10,000") still agrees, with the reason "hedge
   differs: at least (passage) vs more than (claim)": both can hold, and the checker sees the
   difference in the reasons.
4. ``disagrees`` when there are comparable figures and none overlaps ("about 6,700 containers"
   against "more than 10,000"); the closest in value decides.
5. Dates, years, decades and times agree when they match in every part both give ("settembre"
   and "September 2023"; "2000" and "19 July 2000"). A passage with only other dates is
   ``not_stated``, not ``disagrees``: sources name many dates of many events, and a different
   date says nothing against the claim's unless it is about the same event, which only the
   checker can tell. Durations are amounts (rules 1-4): "24 anni" against "23 years" disagrees.
6. A figure without a unit (a bare count, an ordinal) agrees only with the same value of the
   same sort (an ordinal with an ordinal), and is otherwise ``not_stated``: without a unit
   nothing says the two count the same thing.
7. A quote agrees when found near-verbatim in the passage (rapidfuzz ``partial_ratio`` of at
   least ``QUOTE_MATCH``, case and quote marks folded); otherwise, and for a factual statement,
   ``not_stated``: whether a passage in other words (or another language) supports a statement
   is the checker's judgement.
8. No comparable figure: ``not_stated``. Figures the grammar marks as not checkable (part of a
   name, "World War II"; an ordinal after a possessive, "his third trip") are not compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz

from ..lang import units
from ..records.model import Claim, Mention

EXACT_TOLERANCE = 0.005   # an exact figure is its value within half a percent
ABOUT_TOLERANCE = 0.10    # "about" is within a tenth either way
QUOTE_MATCH = 95          # partial_ratio for a quote to count as found verbatim

# unit -> (dimension, factor to the dimension's base unit), from the one unit table the grammar
# reads too (verify/lang/units.csv: tonne is ("mass", 1000.0), in kilograms). A unit with no
# dimension there compares only with itself.
UNIT_SCALE = {u.name: (u.dimension, u.factor) for u in units() if u.dimension}
TIME_POINT_KINDS = ("date", "year", "decade", "time")
_QUALIFIER_WORDS = {"exact": "exact", "more_than": "more than", "at_least": "at least",
                    "about": "about", "less_than": "less than", "at_most": "at most",
                    "range": "range"}


# --- Figures as intervals and calendar points ------------------------------------------------

@dataclass(frozen=True)
class _Amount:
    """A figure as the interval of values it allows, in its dimension's base unit."""

    dimension: str       # "mass", "unit:container"; "bare:number" or "bare:ordinal" without a unit
    value: float         # the figure's own value, in base units
    low: float
    low_in: bool         # whether ``low`` itself is allowed
    high: float
    high_in: bool


@dataclass(frozen=True)
class Reading:
    """A figure read for comparison: the mention, and its interval or its calendar point."""

    mention: Mention
    amount: _Amount | None = None
    point: tuple | None = None
    """(first year, last year, month, day, time), None for each part the figure does not say."""


def read(mentions: Iterable[Mention]) -> tuple[Reading, ...]:
    """The checkable mentions of a passage, read once for every claim compared with them."""
    out = []
    for m in mentions:
        if not m.checkable:
            continue
        if m.kind in TIME_POINT_KINDS:
            point = _time_point(m.kind, m.value)
            if point is not None:
                out.append(Reading(m, point=point))
        else:
            amount = _amount(m.kind, m.value, m.value_max, m.unit, m.qualifier)
            if amount is not None:
                out.append(Reading(m, amount=amount))
    return tuple(out)


def claim_reading(claim: Claim) -> Reading | None:
    """The claim's figure read like a passage's, or None for a fact or a quote."""
    if claim.kind in ("fact", "quote") or not claim.value:
        return None
    mention = Mention(text=claim.text, start=claim.start, end=claim.end, kind=claim.kind,
                      value=claim.value, value_max=claim.value_max, unit=claim.unit,
                      qualifier=claim.qualifier or "exact")
    readings = read([mention])
    return readings[0] if readings else Reading(mention)


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _amount(kind: str, value: str, value_max: str, unit: str, qualifier: str) -> _Amount | None:
    v = _number(value)
    if v is None:
        return None
    # Without a unit, an ordinal ("the third trip") compares only with ordinals, and a number
    # only with numbers.
    bare = "bare:ordinal" if kind == "ordinal" else "bare:number"
    dimension, factor = UNIT_SCALE.get(unit, (f"unit:{unit}" if unit else bare, 1.0))
    v *= factor
    top = _number(value_max)
    q = qualifier or "exact"
    if top is not None:
        return _Amount(dimension, v, min(v, top * factor), True, max(v, top * factor), True)
    if q == "more_than":
        return _Amount(dimension, v, v, False, math.inf, False)
    if q == "at_least":
        return _Amount(dimension, v, v, True, math.inf, False)
    if q == "less_than":
        return _Amount(dimension, v, -math.inf, False, v, False)
    if q == "at_most":
        return _Amount(dimension, v, -math.inf, False, v, True)
    spread = abs(v) * (ABOUT_TOLERANCE if q == "about" else EXACT_TOLERANCE)
    return _Amount(dimension, v, v - spread, True, v + spread, True)


def _overlap(a: _Amount, b: _Amount) -> bool:
    """Whether both figures can hold: their intervals share a value."""
    # The higher low bound and the lower high bound; on a tie, excluded if either excludes it.
    if a.low != b.low:
        lo, lo_in = (a.low, a.low_in) if a.low > b.low else (b.low, b.low_in)
    else:
        lo, lo_in = a.low, a.low_in and b.low_in
    if a.high != b.high:
        hi, hi_in = (a.high, a.high_in) if a.high < b.high else (b.high, b.high_in)
    else:
        hi, hi_in = a.high, a.high_in and b.high_in
    return lo < hi or (lo == hi and lo_in and hi_in)


def _distance(a: _Amount, b: _Amount) -> float:
    """How far apart two values are, as a share of the larger (0: the same value)."""
    if a.value == b.value:
        return 0.0
    return abs(a.value - b.value) / max(abs(a.value), abs(b.value))


_DATE_RE = re.compile(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?$")


def _time_point(kind: str, value: str) -> tuple | None:
    if kind == "time":
        return (None, None, None, None, value) if value else None
    if value.isdigit():  # a year, or a decade as its first year
        first = int(value)
        return (first, first + 9 if kind == "decade" else first, None, None, None)
    m = _DATE_RE.match(value)
    if m is None:
        return None
    year = int(m.group(1)) if m.group(1) != "-" else None
    return (year, year, int(m.group(2)), int(m.group(3)) if m.group(3) else None, None)


def _match_points(a: tuple, b: tuple) -> int | None:
    """How many parts (year, month, day, time) two calendar points share when they agree in
    all of them; None when one shared part differs. 0: they share no part (September against
    2023: neither can say)."""
    shared = 0
    if a[0] is not None and b[0] is not None:
        shared += 1
        if a[0] > b[1] or b[0] > a[1]:
            return None
    for i in (2, 3, 4):
        if a[i] is not None and b[i] is not None:
            shared += 1
            if a[i] != b[i]:
                return None
    return shared


def _parts(point: tuple) -> int:
    return sum(1 for i in (0, 2, 3, 4) if point[i] is not None)


def figure_keys(reading: Reading) -> list[str]:
    """Strings a figure shares with the same figure anywhere, however written: "f:mass:2.6e+08"
    for 260,000 tonnes and for 260 kilotonnes; "d:2023-09", "d:2023", "d:--09" for September
    2023. The evidence ranking counts them to find passages worth comparing."""
    if reading.point is not None:
        first, _, month, _, time = reading.point
        keys = [f"d:{reading.mention.value}"]
        if first is not None and reading.mention.kind != "decade":
            keys.append(f"d:{first}")
        if month is not None:
            keys.append(f"d:--{month:02d}")
        if time:
            keys.append(f"d:{time}")
        return keys
    if reading.amount is not None:
        a = reading.amount
        unit_key = [] if a.dimension.startswith("bare:") else [f"u:{a.dimension}"]
        return [f"f:{a.dimension}:{a.value:.6g}"] + unit_key
    return []


# --- The judgement ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Judgement:
    """Whether a passage agrees with a claim, which of its figures decided, and why."""

    label: str
    """"agrees", "disagrees" or "not_stated"."""
    mention: Mention | None
    """The passage figure that decided it; None when none did."""
    reasons: tuple[str, ...] = ()
    strength: str = ""
    """How the figure bears on ranking: "same" (the claim's value), "compatible" (overlapping),
    "same_unit" (another value in the claim's unit), "date" (the same date), "partial_date" (a
    date that agrees but says less: "July 2000" for "19 July 2000"), or ""."""


def judge(claim: Reading | Claim | None, readings: tuple[Reading, ...], passage_text: str = "",
          *, quote: str = "") -> Judgement:
    """The rules of the module's notes: ``claim`` is ``claim_reading(claim)`` (or a Claim),
    ``readings`` is ``read(passage figures)``; ``quote`` the claim's text when it is a quote."""
    if isinstance(claim, Claim):
        quote = claim.text if claim.kind == "quote" else quote
        claim = claim_reading(claim)
    if quote:
        return _judge_quote(quote, passage_text)
    if claim is None:
        return Judgement("not_stated", None, ("a statement without a figure: the checker judges",))
    if claim.point is not None:
        return _judge_point(claim, readings)
    if claim.amount is not None:
        return _judge_amount(claim, readings)
    return Judgement("not_stated", None, ("the claim's figure cannot be read",))


def _judge_amount(claim: Reading, readings: tuple[Reading, ...]) -> Judgement:
    amount = claim.amount
    comparable = [r for r in readings if r.amount is not None
                  and r.amount.dimension == amount.dimension]
    if not comparable:
        return Judgement("not_stated", None, ("no comparable figure",))
    unitless = amount.dimension.startswith("bare:")
    agreeing = [r for r in comparable if (_distance(amount, r.amount) < 1e-9 if unitless
                                          else _overlap(amount, r.amount))]
    said = claim.mention
    if not agreeing:
        closest = min(comparable, key=lambda r: _distance(amount, r.amount))
        if unitless:  # rule 6
            return Judgement("not_stated", None,
                             (f"other figures without a unit: {closest.mention.text!r}",))
        return Judgement("disagrees", closest.mention, (
            f"disagrees: the passage gives {closest.mention.text!r}, the claim {said.text!r}",
        ) + _conversion(said, closest.mention), "same_unit")
    # The closest agreeing figure decides; on a tie, the one with the claim's own hedge.
    best = min(agreeing, key=lambda r: (_distance(amount, r.amount),
                                        _say(r.mention.qualifier) != _say(said.qualifier)))
    reasons = [f"agrees: the passage gives {best.mention.text!r}"]
    if _say(best.mention.qualifier) != _say(said.qualifier):
        reasons.append(f"hedge differs: {_say(best.mention.qualifier)} (passage) "
                       f"vs {_say(said.qualifier)} (claim)")
    reasons += _conversion(said, best.mention)
    same = _distance(amount, best.amount) < 1e-9
    return Judgement("agrees", best.mention, tuple(reasons), "same" if same else "compatible")


def _say(qualifier: str) -> str:
    return _QUALIFIER_WORDS.get(qualifier or "exact", qualifier)


def _conversion(said: Mention, m: Mention) -> tuple[str, ...]:
    """"converted: 74 kilotonne = 74000 tonne" when the passage's unit is not the claim's."""
    if m.unit == said.unit or m.unit not in UNIT_SCALE or said.unit not in UNIT_SCALE:
        return ()
    converted = _number(m.value) * UNIT_SCALE[m.unit][1] / UNIT_SCALE[said.unit][1]
    return (f"converted: {m.value} {m.unit} = {converted:.6g} {said.unit}",)


def _judge_point(claim: Reading, readings: tuple[Reading, ...]) -> Judgement:
    matches, others = [], []
    for r in readings:
        if r.point is None:
            continue
        shared = _match_points(claim.point, r.point)
        if shared:
            matches.append((shared, r))
        elif shared is None:
            others.append(r.mention.text)
    if matches:
        # The most precise match decides: "19 July 2000" rather than "July 2000".
        shared, best = max(matches, key=lambda pair: pair[0])
        strength = "date" if shared == _parts(claim.point) else "partial_date"
        return Judgement("agrees", best.mention, (f"agrees: the passage gives {best.mention.text!r}",),
                         strength)
    if others:  # rule 5: another date is another event, not a contradiction
        return Judgement("not_stated", None, ("other dates only: " + ", ".join(others[:3]),))
    return Judgement("not_stated", None, ("no comparable date",))


_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                             "\u00a0": " ", "\n": " ", "\t": " "})


def _fold(text: str) -> str:
    """Lower case and plain quote marks, one character for one (so offsets still hold)."""
    text = text.translate(_QUOTE_FOLD)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # "İ" lowers to two


def _judge_quote(quote: str, passage_text: str) -> Judgement:
    # One character for one: the alignment's offsets still index the passage.
    needle, haystack = _fold(quote), _fold(passage_text)
    if len(needle.strip()) < 3 or len(haystack) < len(needle):
        return Judgement("not_stated", None, ("quote not found verbatim",))
    found = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=QUOTE_MATCH)
    if found is None:
        return Judgement("not_stated", None, ("quote not found verbatim",))
    where = passage_text[found.dest_start:found.dest_end]
    return Judgement("agrees", None, (f"quote found verbatim ({found.score:.0f}): {where!r}",))
