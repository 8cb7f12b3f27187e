"""The context of a number: what is written around it makes it a figure, a range, a ratio, an
ordinal, or part of a name.

- before it: a currency ("€ 10"), a hedge ("più di", "about"), a year cue ("nel"), a sign word
  ("minus"), a name ("Boeing 737", "art. 5"), an article that points back ("i due");
- after it: a unit ("per cento", "tonnellate"), spoken decimals ("virgola cinque"), a hedge
  ("o più", "or more"), a name ("guerra mondiale" after an ordinal);
- a second number: a range ("tra 20 e 30", "20-30") or a ratio ("uno su tre").

The words come from ``verify.grammar.lexicon``.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from .lexicon import ASCII_DIGITS
from ..records.model import _make_mention
from . import comparisons
from . import names
from . import standings
from .compose import atoms, format_value
from .tokens import FOUR_DIGITS_RE, METRES_RE, SPACES_RE, TOKENIZE_RE
from .types import Candidate, Figure, Priority, UnitAfter

_I = re.IGNORECASE
_alt = L.alternation
_TWO_TO_FOUR_DIGITS_RE = compile_pattern(r"\d{2,4}")

# --- Patterns -----------------------------------------------------------------------------------
# --- Context patterns ---------------------------------------------------------------------------
# Each hedge also with the article of the figure after it: "oltre il", "più dell'" (``comparisons``).
_HEDGE_OF = comparisons.with_articles({h.lower(): q for q, hs in L.HEDGES.items() for h in hs}) | L.HEDGE_SIGNS
_HEDGE_AFTER_OF = {h: q for q, hs in L.HEDGES_AFTER.items() for h in hs}
assert "exact" not in L.HEDGES_AFTER  # (a hedge after a figure ends ``read_figure``'s looks after it)
_HEDGE_AFTER_RE = compile_pattern(r"\s+(%s)(?![\w])" % _alt(_HEDGE_AFTER_OF), _I)
_CURRENCY_BEFORE_RE = compile_pattern(r"(US\$|[€$£¥]|USD|EUR|GBP|CHF)\s?$")
_SPACED_UNITS = {u: v for u, v in L.UNITS.items() if u not in L.TIGHT_UNITS or u in L.SPACED_ABBREVIATIONS}
_UNIT_TIGHT_RE = compile_pattern(r"(%s)(?![\w])" % _alt(L.TIGHT_UNITS), _I)
_UNIT_AFTER_RE = compile_pattern(
    r"(?:\s*-\s*|\s+|(?=[%%€°]))(?:(?:di|d['’]|of|de(?:i|gli|lle))\s+)?(%s)(?![\w])" % _alt(_SPACED_UNITS), _I)
DECIMAL_WORD_RE = compile_pattern(r"\s+(?:point|punto|virgola)\s+(?=\w)", _I)
_SIGN_WORD_BEFORE_RE = compile_pattern(r"(?<![\w])(?:minus|negative)\s+$", _I)
# Words between two numbers that make them a ratio ("uno su tre", "one in five").
# Italian may name the counted noun between the two: "1 italiano su 4", "due famiglie su tre".
_RATIO_GAP_RE = {"it": compile_pattern(r"\s+(?:[^\W\d_]+\s+)?su\s+", _I),
                 "en": compile_pattern(r"\s+(?:over|out\s+of|in)\s+", _I)}
_RANGE_OPEN_RE = compile_pattern(
    r"(?<![\w])(tra|fra|compres[oaie]\s+tra|between|from|da|dal|dai|dalle|dagli|dallo)\s+(?:(?:il|i|le|the)\s+)?$", _I)
_RANGE_GAP_OPEN_RE = compile_pattern(r"\s+(?:e|and|a|al|ai|alle|agli|to|fino\s+a|fino\s+al)\s+(?:(?:il|i|le|the)\s+)?$", _I)
_RANGE_GAP_RE = compile_pattern(r"\s*[-–—~]\s*|\s+(?:to|through)\s+", _I)
_ORDINAL_NAME_AFTER_RE = compile_pattern(r"\s+(?:%s)" % L.ORDINAL_NAMES_AFTER, _I)
_NOT_ORDINAL_AFTER_RE = compile_pattern(
    r"\s+(?:l['’]|il\b|lo\b|la\b|i\b|gli\b|le\b|me\b|noi\b|lui\b|lei\b|loro\b|quanto\b|cui\b|"
    r"di\b|del\b|della\b|dei\b|delle\b|dell['’]|degli\b|che\b|[A-Z])")
# "per la prima volta dopo 24 anni", "for the first time in 24 years": the duration is the claim.
_FIRST_TIME_AFTER_RE = compile_pattern(
    r"\s+(?:volta\s+(?:dopo|in|da)|time\s+(?:in|since))\s+[\w'’ ]{0,20}?\d", _I)

# --- Words just before a number -----------------------------------------------------------------
# A hedge ("più di"), a year cue ("nel"), an article ("i due"): words that end the text before a
# number, then white space. ``re.search(r"(?<![\w])(?:words)\s+$", window)`` tries the words at
# each of the window's forty places; a pattern of the reversed words, matched at the start of the
# reversed window (``_words_before``), tries them once and finds the same words. When several end
# the window ("più di", "poco più di") it finds the longest, as the search's leftmost match is.

def _ending(words, *, space: str = r"\s+", flags=_I, whole: bool = True) -> re.Pattern:
    """The pattern ``_words_before`` matches: one of ``words`` reversed, after ``space``
    (the white space between them and the number), before a non-word character or the end
    (unless not ``whole``: a sign may follow a letter, "x>10")."""
    return compile_pattern(r"%s(%s)%s" % (space, _alt(w[::-1] for w in words), r"(?![\w])" if whole else ""),
                      flags)


def _words_before(ending: re.Pattern, text: str, start: int, span: int, back: str | None = None):
    """(the words, where they start) when ``ending`` finds them closing ``text[start-span:start]``.

    ``back``, when given, is ``_back(text, start)``, shared by the calls about one number: its
    first ``span`` characters are that window reversed, and the match is cut there."""
    if back is None:
        back = text_before(text, start, span)[::-1]
    m = ending.match(back, 0, span)
    return (m.group(1)[::-1], start - m.end()) if m else None


_HEDGE_BEFORE = _ending([h for h in _HEDGE_OF if h not in L.HEDGE_SIGNS])
_HEDGE_SIGN_BEFORE = _ending(L.HEDGE_SIGNS, space=r"\s*", whole=False)
# An elided article ends the hedge, glued to the number: "più dell'80%", "quasi l'85%".
_HEDGE_ELIDED_BEFORE = _ending(comparisons.elided(_HEDGE_OF), space="", whole=False)
_YEAR_CUE_BEFORE = _ending(L.YEAR_CUES, space=r"\s*")
# "i due paesi", "tra i due", "the two leaders": a small number after a definite article or a
# possessive points back at people or things already named; it is not a figure to check.


def _words_of(alternation: str) -> list[str]:
    """The words of an alternation of plain words ("il|l['’]|per\\s+la"): a space for "\\s+",
    each apostrophe for "['’]"."""
    words = []
    for word in alternation.replace(r"\s+", " ").split("|"):
        words += [word.replace("['’]", q) for q in "'’"] if "['’]" in word else [word]
    assert all(re.fullmatch(r"[a-z'’ ]+", w) for w in words), words
    return words


# "la seconda", "his first": the determiner an ordinal needs ("secondo l'agenzia" has none).
_DETERMINER_BEFORE = _ending(_words_of(L.IT_ORDINAL_DETERMINERS) + [
    "di", "in", "a", "the", "his", "her", "its", "their", "our", "my", "for the"], space=r"\s*")
# "il suo primo insediamento", "his first term": an ordinal after a possessive names the thing.
_POSSESSIVE_BEFORE = _ending((
    "il suo", "la sua", "il loro", "la loro", "il mio", "la mia", "his", "her", "its", "their",
    "our", "my"))
_BACK_REFERENCE_BEFORE = _ending((
    "i", "gli", "le", "dei", "degli", "delle", "ai", "agli", "alle", "nei", "negli", "nelle",
    "coi", "sui", "sugli", "sulle", "tra i", "fra i", "entrambi i", "the", "both", "these",
    "those", "its", "their", "our", "his", "her", "my", "your"))
# "Boeing 737", "art. 5", "Covid-19", "F-16": a number that is part of a name or an identifier.
_NAME_WORDS = ("articolo", "article", "art.", "n.", "no.", "nr.", "numero", "number",
               "capitolo", "chapter", "versione", "version", "legge")  # also capitalised
_NAME_BEFORE = _ending((
    "Boeing", "Airbus", "Gara", "Game", "Partita", "Apollo", "Windows", "iPhone", "Formula",
    "Agenda", "Covid", "COVID", *_NAME_WORDS, *(w.capitalize() for w in _NAME_WORDS)),
    space=r"\s*-?\s*", flags=0)
# Figures that are names of days or fixed expressions: "9/11", "24/7", "50/50".
_EXPRESSIONS = frozenset(("9/11", "24/7", "50/50", "7/7", "11/9"))
# A letter and a hyphen ("F-16"); "\n?" because "$" matched before a final newline too.
_LETTER_HYPHEN_BEFORE_RE = compile_pattern(r"\n?-[A-Za-z]")
_WORD_NUMBER_RE = compile_pattern(r"[^\W\d]+(?:[-'’ ][^\W\d]+)*")
_EN_ONE_DETERMINER_RE = compile_pattern(r"(?<![\w])(?:the|this|that|which|each|every|any|no|some|another|no)\s+$", _I)
_WORLD_WAR_RE = compile_pattern(r"world\s+war\s+(?:i{1,3}|one|two)\b", _I)


# --- Reading the context ------------------------------------------------------------------------

def decimal_words(text: str, end: int, lang: str, value):
    """"duecento virgola settantuno", "five point zero three": the spoken decimal digits after a
    number, each word giving its own digits. Returns (value, end), unchanged when there are none."""
    m = DECIMAL_WORD_RE.match(text, end)
    if not m or not float(value).is_integer():
        return value, end
    digits, after_ten, pos = "", False, m.end()
    for tok in TOKENIZE_RE[lang].finditer(text, pos, pos + 60):
        if text[pos:tok.start()].strip() not in ("", "-"):
            break
        found = atoms(tok.group(), lang)
        if not found or any(c not in ("small", "num") or v < 0 or not float(v).is_integer()
                            for c, v in found):
            break
        piece = str(int(sum(v for _, v in found)))
        if after_ten and len(piece) == 1:
            digits = digits[:-1] + piece  # "seventy-one" is 71, not 701
        else:
            digits += piece
        after_ten = len(piece) == 2 and piece.endswith("0")
        pos = end = tok.end()
    if not digits:
        return value, end
    fraction = float("0." + digits)
    return (value - fraction if value < 0 else value + fraction), end


def read_ratio(text: str, lang: str, a: Figure, b: Figure) -> Candidate | None:
    """"uno su tre", "one in five", "2 out of 3", "quasi 1 italiano su 4": a ratio, read as
    the fraction a/b, with the hedge before it."""
    if not _RATIO_GAP_RE[lang].fullmatch(text, a.end, b.start) or not b.value or not abs(a.value) <= b.value:
        return None
    if FOUR_DIGITS_RE.fullmatch(text[b.start:b.end]):
        return None  # "3 in 2019": a year
    if b.after and b.after.kind != "count":
        return None  # "5 over 10 years", "1 in 10 minutes"
    qualifier, start = _hedge_before(text, a.start)
    end = b.end
    return Candidate(Priority.FIGURE, start, end, _make_mention(
        text=text[start:end], start=start, end=end, kind="count", value=format_value(a.value / b.value),
        qualifier=qualifier, number_start=a.start if a.start != start else -1,
        note="a ratio: " + text[a.start:end]))
def unit_after(text: str, end: int, lang: str | None = None) -> UnitAfter | None:
    """The unit written right after a number ("tonne", "quantity", new end), if any: a word of
    ``lang`` or of a language its pack borrows units from ("case" is no unit in English), or a
    symbol; any language's word when ``lang`` is None."""
    # (No tight unit opens with white space, as most numbers go on: the second pattern only.)
    m = (None if text[end:end + 1].isspace() else _UNIT_TIGHT_RE.match(text, end)) or _UNIT_AFTER_RE.match(text, end)
    if not m:
        return None
    units = L.UNITS if lang is None else L.UNITS_BY_LANGUAGE[lang]
    # A unit of one space between words (as every name of the tables) is found as it is written.
    low = m.group(1).lower()
    unit, kind = units.get(low) or units.get(SPACES_RE.sub(" ", low), (None, None))
    return tuple.__new__(UnitAfter, (unit, kind, m.end())) if unit else None  # (see ``read_figure``)


assert not any(u[:1].isspace() for u in L.TIGHT_UNITS)
assert all(SPACES_RE.sub(" ", u) == u and units[u] for units in (L.UNITS, *L.UNITS_BY_LANGUAGE.values()) for u in units)


def signed(text: str, start: int, value, lang: str) -> tuple[int, float]:
    """(start, value) with a sign word before the number: "minus 5 degrees" is -5."""
    sign = _SIGN_WORD_BEFORE_RE.search(text_before(text, start, 12)) if lang == "en" else None
    if sign and value > 0 and text[start] not in "+-−":
        return start - len(sign.group()), -value
    return start, value
def text_before(text: str, start: int, span: int = 40) -> str:
    """The ``span`` characters before ``start``."""
    return text[max(0, start - span):start]


def _back(text: str, start: int) -> str:
    """The 50 characters before ``start``, reversed: the window of the longest look back,
    ``names.name_word_before``'s (``_words_before`` cuts it: see ``back`` there)."""
    return text[max(0, start - 50):start][::-1]


# The last character of each currency of ``_CURRENCY_BEFORE_RE``: it ends one of the last three
# characters before the number (then an optional space, then the end or a final newline).
_CURRENCY_LAST = frozenset("$€£¥DRPF")
assert _CURRENCY_BEFORE_RE.pattern == r"(US\$|[€$£¥]|USD|EUR|GBP|CHF)\s?$"


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    """(the currency, where its sign starts) written just before the number at ``start``."""
    if _CURRENCY_LAST.isdisjoint(text[max(0, start - 3):start]):
        return None  # most numbers: a test of three characters instead of a search
    m = _CURRENCY_BEFORE_RE.search(text_before(text, start, 5))
    if not m:
        return None
    return L.CURRENCY_SYMBOLS[m.group(1).lower()], start - (len(m.group()))


def _hedge_before(text: str, start: int, back: str | None = None) -> tuple[str, int]:
    """(the qualifier, where its words start) of the hedge before ``start``; "exact" if none."""
    if back is None:
        back = _back(text, start)
    # Each pattern is tried only where its first character is (``_words_before`` inlined):
    # white space, an apostrophe, a sign after blanks. A third of this function's time.
    first = back[:1]
    if first.isspace():
        m = _HEDGE_BEFORE.match(back, 0, 40)
        sign = None if m else back[:6].lstrip()[:1]
    else:
        m = _HEDGE_ELIDED_BEFORE.match(back, 0, 40) if first in _APOSTROPHES else None
        sign = first
    if m is None and sign in _SIGN_LAST:
        m = _HEDGE_SIGN_BEFORE.match(back, 0, 6)
    if m is None:
        return "exact", start
    hedge_start = start - m.end()
    words = m.group(1)[::-1].lower()
    qualifier = _HEDGE_OF.get(words) or _HEDGE_OF[SPACES_RE.sub(" ", words)]  # (most as written)
    negation = comparisons.negation_before(text, hedge_start) if qualifier in comparisons.NEGATED else None
    if negation is not None:  # "non più del 50%", "did not exceed 40 percent"
        return comparisons.NEGATED[qualifier], negation
    return qualifier, hedge_start


# The first characters ``_hedge_before`` tests: an elided hedge ends in an apostrophe ("dell'"), a
# sign in one of these, after blanks (none in a blank).
_APOSTROPHES = ("'", "’")
assert all(h.endswith(_APOSTROPHES) for h in comparisons.elided(_HEDGE_OF))
_SIGN_LAST = frozenset(sign[-1] for sign in L.HEDGE_SIGNS)
assert not any(sign[-1].isspace() or sign[-1].lower() != sign[-1].upper() for sign in L.HEDGE_SIGNS)
assert all(SPACES_RE.sub(" ", h) == h and _HEDGE_OF[h] for h in _HEDGE_OF)  # (``.get`` above)


def hedge_before(text: str, start: int) -> tuple[str, int]:
    """(the qualifier, where its words start) of the hedge before ``start``; "exact" if none."""
    return _hedge_before(text, start)


# Whether a number is part of a name or identifier by what precedes it, read in the first 20
# characters of ``_back``: ``_LETTER_HYPHEN_BEFORE_RE`` or ``_NAME_BEFORE``, one match, not two.
_NAME_OR_LETTER_HYPHEN_BEFORE = compile_pattern("%s|%s" % (_LETTER_HYPHEN_BEFORE_RE.pattern, _NAME_BEFORE.pattern))
assert _LETTER_HYPHEN_BEFORE_RE.flags == _NAME_BEFORE.flags


def read_figure(text: str, lang: str, fig: Figure, low: str | None = None) -> Candidate | None:
    """The mention of one number with its context: currency or unit, hedge, year, name (``low``:
    the text lower-cased, ``lexicon.lowered``, when at hand)."""
    start, end, value, kind, after = fig
    if kind == "ordinal":
        return _ordinal(text, lang, start, end, value)
    surface = text[start:end]
    if lang == "en" and surface.lower() == "one" and _EN_ONE_DETERMINER_RE.search(text_before(text, start, 12)):
        return None  # "which one", "the one": a pronoun
    unit, ukind, value, mstart, mend, currency = _unit_of(text, fig, surface)
    back = text[max(0, start - 50):start][::-1]  # ``_back``, for the looks back below (inlined: a call fewer)
    is_year = bool(not unit and len(surface) == 4 and FOUR_DIGITS_RE.fullmatch(surface) and 1000 <= value <= 2100
                   and (_words_before(_YEAR_CUE_BEFORE, text, start, 24, back) or value >= 1900))
    if is_year:
        ukind, checkable, note = "year", True, ""
        if names.title_before(text, start) or names.year_in_a_name(text, start, end):  # "Agenda 2030"
            checkable, note = False, "part of a title: " + text[max(0, start - 20):end].strip()
        qualifier, hstart = "exact", mstart
    else:
        checkable, note = _not_a_figure(text, fig, value, unit, currency, back, surface)
        if checkable and unit == "metre" and names.race_name(text, start, mend, value):
            checkable, note = False, "the name of a race: " + text[max(0, start - 4):mend + 12].strip()
        qualifier, hstart = _hedge_before(text, mstart, back if mstart == start else None)
        if qualifier == "exact":  # "200 or more", "200 e oltre": a hedge after it; "la soglia del 50% è
            after_hedge = _HEDGE_AFTER_RE.match(text, mend)  # stata superata": a threshold verb
            if after_hedge:
                qualifier, mend = _HEDGE_AFTER_OF[SPACES_RE.sub(" ", after_hedge.group(1).lower())], after_hedge.end()
            else:
                qualifier, mend = comparisons.threshold_after(text, hstart, mend, ukind, low) or (qualifier, mend)
    # (``tuple.__new__``: the tuple without the named tuple's own ``__new__``, a Python call.)
    return tuple.__new__(Candidate, (Priority.FIGURE, hstart, mend, _make_mention(
        text=text[hstart:mend], start=hstart, end=mend, kind=ukind, value=format_value(value), unit=unit,
        qualifier=qualifier, number_start=start if start != hstart else -1,
        number_end=end if end != mend else -1, checkable=checkable, note=note)))


# Words, not digits: a share ("half"), a period ("the first half"), a number word used as an
# article ("one"). A figure that starts with a digit skips their tests (a tenth of the figure's time).
assert not any(w[:1].lower() in ASCII_DIGITS for w in (*comparisons.NUMBER_WORD_SHARES, *standings.PERIODS))


def _unit_of(text: str, fig: Figure, surface: str):
    """(unit, kind, value, start, end, currency): the figure's unit, the kind of figure it makes,
    its value in that unit, and where the mention starts and ends (a currency before it, a unit
    after it; a share, "half of voters", is a percent); ``currency`` says whether a currency sign
    is written before it. ``surface`` is the figure's text."""
    start, end, value, _, after = fig
    unit, ukind, mend, mstart = "", "count", end, start
    # (``_currency_before``'s first test here: most numbers have no currency.)
    cur = None if _CURRENCY_LAST.isdisjoint(text[max(0, start - 3):start]) else _currency_before(text, start)
    if cur:
        unit, ukind, mstart = cur[0], "money", cur[1]
    elif not after and "m" in surface[-2:] and METRES_RE.search(surface):  # read as millions: metres,
        value, unit, ukind = value / 10**6, "metre", "quantity"  # without a currency or a counted noun
    if after and (not cur or after.kind in ("money", "percent")) and (not cur or after.unit == unit):
        unit, ukind, mend = after
    share = None if cur or surface[:1] in ASCII_DIGITS else comparisons.share_of(text, start, end)
    if share is not None:  # "more than half of voters": more than 50 percent
        unit, ukind, value, mend = "percent", "percent", share, end
    return unit, ukind, value, mstart, mend, cur is not None


def _not_a_figure(text: str, fig: Figure, value, unit: str, currency: bool, back: str,
                  surface: str) -> tuple[bool, str]:
    """(checkable, note): False and why when the number is a name, an expression or a pronoun."""
    start, end = fig.start, fig.end
    if surface in _EXPRESSIONS:
        return False, "a name or an expression, not a figure: " + surface
    words = surface[:1] not in ASCII_DIGITS
    if words and standings.is_period(text, start, end):  # "the first half of 2024"
        return False, "a period, not a figure: " + text[max(0, start - 10):end].strip()
    # (A figure with a unit is no name: that test first, a fifth of this function's time.)
    if not unit and (_NAME_OR_LETTER_HYPHEN_BEFORE.match(back, 0, 20) or names.name_word_before(text, start, end, back)
                     or surface in names.NUMBER_NAMES and names.number_name(text, start, end)):
        return False, "part of a name or identifier: " + text[max(0, start - 12):end].strip()
    if words and _WORD_NUMBER_RE.fullmatch(surface) and not currency:
        if value == 1 and not unit:
            return False, "'%s' used as an article or pronoun" % surface
        if value <= 10 and _words_before(_BACK_REFERENCE_BEFORE, text, start, 16, back):
            return False, "refers back to things already named: " + text[max(0, start - 8):end].strip()
    return True, ""


_SCALE_END_RE = compile_pattern(r"(?<![^\W\d_])(%s)$" % _alt([*L.IT_SCALE, *L.EN_SCALE, *L.SUFFIX_SCALE]), _I)


_HYPHEN_CHAIN_RE = compile_pattern(r"-\d")  # a third group of digits after the range's second
_HYPHEN_CHAIN_BEFORE_RE = compile_pattern(r"\d-$")  # ... or a first one before its first (searched in
# the three characters before it: "$" also matches before a final newline)


def _shared_scale(text: str, a: Figure, b: Figure):
    """The value of ``a`` read with the scale written once after ``b``: "tra 2 e 3 milioni",
    "2,5-3 milioni", "between 1 and 1.5 billion" (2 million, 2.5 million, 1 billion), when
    ``a`` has no scale of its own and is no larger than ``b``'s number before its scale.
    Otherwise ``a``'s value ("tra 500 e 3 milioni" starts at 500)."""
    scale = _SCALE_END_RE.search(text, b.start, b.end)
    if not scale or _SCALE_END_RE.search(text, a.start, a.end):
        return a.value
    factor = L.IT_SCALE.get(scale.group(1).lower()) or L.EN_SCALE.get(scale.group(1).lower()) \
        or L.SUFFIX_SCALE[scale.group(1).lower()]
    return a.value * factor if 0 < a.value <= b.value / factor else a.value
def read_range(text: str, a: Figure, b: Figure) -> Candidate | None:
    """"tra 20 e 30", "between 20 and 30", "dal 2000 al 2005", "20-30 anni" -> one range mention."""
    if a.after and not b.after:
        return None  # "44 mg to 50 mg": the unit written twice
    gap = text[a.end:b.start]
    if not _joins_a_range(text, a, b, gap):
        return None
    opener = _range_opener(text, a)
    if opener and comparisons.is_change(text, opener.start() + max(0, a.start - 30), a.start):
        return None  # "è sceso dal 7,8% al 7,5%": the old figure and the new
    bounds = _range_bounds(text, a, b, gap)
    if bounds is None:
        return None
    lo, hi = bounds
    start = opener.start() + max(0, a.start - 30) if opener else a.start
    unit, kind, end = "", "range", b.end
    cur = _currency_before(text, a.start)
    if cur:
        unit, kind = cur[0], "money"
        if not opener:
            start = cur[1]
    elif b.after:
        unit, kind, end = b.after
    elif FOUR_DIGITS_RE.fullmatch(text[a.start:a.end]) and 1000 <= lo <= 2100 and 1000 <= hi <= 2100:
        kind = "year"
    checkable, note = True, ""
    if kind == "year" and names.title_before(text, a.start, span=True):  # "Strategia 2021-2027"
        checkable, note = False, "part of a title: " + text[max(0, a.start - 20):b.end].strip()
    return Candidate(Priority.FIGURE, start, end, _make_mention(
        text=text[start:end], start=start, end=end, kind=kind, value=format_value(lo),
        value_max=format_value(hi), unit=unit, qualifier="range",
        number_start=a.start if a.start != start else -1, number_end=b.end if b.end != end else -1,
        checkable=checkable, note=note))


def _range_opener(text: str, a: Figure) -> re.Match | None:
    """"tra", "between", "dal" (in the 30 characters) before the first number of a range."""
    return _RANGE_OPEN_RE.search(text_before(text, a.start, 30))


def _joins_a_range(text: str, a: Figure, b: Figure, gap: str) -> bool:
    """Whether what is between two numbers (and before the first: ``_range_opener``) makes them
    a range."""
    a_surface, b_surface = text[a.start:a.end], text[b.start:b.end]
    if _RANGE_GAP_RE.fullmatch(gap):
        if ("-" in gap and FOUR_DIGITS_RE.fullmatch(a_surface)
                and not _TWO_TO_FOUR_DIGITS_RE.fullmatch(b_surface)):
            return False
    elif not (len(gap) < 20 and _RANGE_GAP_OPEN_RE.search(gap) and _range_opener(text, a)):
        return False  # (the length first: the search costs the square of a long gap's length)
    if b.value < a.value and not ("-" in gap and len(b_surface) == 2 and len(a_surface) == 4):
        return False  # "78-65": a score; "2013-14" is a range of years
    if standings.score(text, a, b):  # "ha perso 1-2", "voted 52-48"
        return False
    if "-" in gap and (text[a.start] == "+" or b.value == a.value or _HYPHEN_CHAIN_RE.match(text, b.end)
                       or _HYPHEN_CHAIN_BEFORE_RE.search(text, max(0, a.start - 3), a.start)):
        return False  # "+1-222-2222", "06-1234-5678": a telephone number; "2222-2222" no range
    return True


def _range_bounds(text: str, a: Figure, b: Figure, gap: str):
    """(low, high) of a range, a scale written once shared ("tra 2 e 3 milioni"), a year's two
    last digits read in full ("2013-14"); None for a year and its month ("1995-01")."""
    lo, hi = _shared_scale(text, a, b), b.value
    if "-" in gap and b.end - b.start == 2 and a.end - a.start == 4 and hi < lo:  # "2013-14"
        hi = int(str(int(lo))[:2] + text[b.start:b.end])
        if hi <= lo:
            return None  # "1995-01": a year and its month
    return lo, hi
def _ordinal(text: str, lang: str, start: int, end: int, value) -> Candidate | None:
    """An ordinal word ("la seconda", "third"): a name's part, or not an ordinal at all
    ("secondo l'agenzia", "Prima dei colloqui"), by the words around it."""
    word = text[start:end].lower()
    back = text[max(0, start - 14):start][::-1]  # one look back for both tests below (``_words_before``)
    if word in L.IT_ORDINALS and lang == "it" or word in ("prima", "secondo", "seconda", "primo"):
        if not (_words_before(_DETERMINER_BEFORE, text, start, 14, back) or standings.is_place(text, start, end)):
            return None  # "secondo l'agenzia" (according to), "Prima dei colloqui" (before)
        if word in ("secondo", "prima") and _NOT_ORDINAL_AFTER_RE.match(text, end):
            return None
    checkable, note = True, ""
    if _ORDINAL_NAME_AFTER_RE.match(text, end):
        checkable, note = False, "part of a name: " + text[start:end + 20].split(".")[0].strip()
    elif _words_before(_POSSESSIVE_BEFORE, text, start, 14, back) and not standings.rank_after(text, end):
        checkable, note = False, "names the thing, after a possessive: " + text[max(0, start - 8):end + 12].strip()
    elif _FIRST_TIME_AFTER_RE.match(text, end):
        checkable, note = False, "part of 'first time in N years': the duration after it is the claim"
    elif standings.first_time(text, end, value):
        checkable, note = False, "'for the first time': an expression, not a figure"
    elif standings.first_of_a_count(text, end, value):
        checkable, note = False, "'the first' of a count: the number after it is the claim"
    elif standings.period_after(text, end):
        checkable, note = False, "a period, not a figure: " + text[start:end + 12].strip()
    elif standings.compound(text, end):
        checkable, note = False, "part of a compound word: " + text[start:end + 12].split()[0]
    return Candidate(Priority.ORDINAL, start, end, _make_mention(
        text=text[start:end], start=start, end=end, kind="ordinal", value=format_value(value),
        checkable=checkable, note=note))


_DIGIT_ORDINAL_RE = compile_pattern(
    r"(?<![\w.,])(\d+)(?:°|º|ª|st|nd|rd|th|esim[oaie]|mo|ma)(?![\w])", _I)


def digit_ordinals(text: str):
    """Ordinals written with digits: "3°", "21st", "15esimo"."""
    for m in _DIGIT_ORDINAL_RE.finditer(text):
        s, e = m.span()
        checkable, note = True, ""
        if _ORDINAL_NAME_AFTER_RE.match(text, e) or text[e:e + 1] == "-":
            checkable, note = False, "part of a name: " + text[s:e + 20].strip()
        yield Candidate(Priority.DIGIT_ORDINAL, s, e, _make_mention(
            text=text[s:e], start=s, end=e, kind="ordinal", value=m.group(1).lstrip("0") or "0",
            checkable=checkable, note=note))
def world_war(text: str):
    """"World War II": a name that holds an ordinal, not a figure."""
    for m in _WORLD_WAR_RE.finditer(text):
        low = m.group().lower()
        value = "3" if low.endswith("iii") else "2" if low.endswith(("ii", "two")) else "1"
        yield Candidate(Priority.DATE, m.start(), m.end(), _make_mention(
            text=m.group(), start=m.start(), end=m.end(), kind="ordinal", value=value,
            checkable=False, note="part of a name: " + m.group()))
