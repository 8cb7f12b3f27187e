"""Places and results: an ordinal that is a place in a standing, "for the first time", and the
pairs of numbers that are a score or a vote tally rather than a range.

- Italian writes a place without an article: "è terzo in classifica", "si conferma primo
  partito", "arrivata quarta". Such an ordinal is a checkable figure when a rank word follows it
  ("in classifica", "partito", "posto") or a verb of standing or a colon comes before it ("è",
  "resta", "arriva"; "Poste: primo datore di lavoro"); "prima" and "secondo" only with a rank
  word after them ("è arrivato prima" is "earlier", "è secondo me" is "according to me").
- "Per la prima volta", "for the first time" hold no figure (``first_time``); the duration after
  it ("dopo 24 anni") stays a claim. Nor does a period: "the first half", "il primo tempo"
  (``period_after``, ``is_period``). Nor does "the first" of "the first nine months"
  (``first_of_a_count``): the count after it is the figure.
- A score or a tally, "ha perso 1-2", "voted 52-48", "won 2-0", is two figures, not a range
  (``score``): a dash between two whole numbers, no unit after them, and a word of results or
  votes just before or just after ("a 1-3 defeat").

The words are rows of each pack's ``context.csv`` (``context_words``).
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from .context_words import context_words
from .types import Figure

_I = re.IGNORECASE
_alt = L.alternation

_RANK_AFTER_RE = compile_pattern(r"\s+(?:%s)(?![\w])" % _alt(context_words("rank_after")), _I)
_RANK_BEFORE = compile_pattern(r"\s+(?:%s)(?![\w'’])" % _alt(
    w[::-1] for w in context_words("rank_before")), _I)
# The ordinals that are also adverbs or prepositions: a place only with a rank word after them.
_ADVERB_ORDINALS = frozenset(("prima", "secondo"))
# A place in apposition, after a colon: "Poste italiane (141 mila unità): primo datore di lavoro".
_COLON_BEFORE = compile_pattern(r"\s*:")


def is_place(text: str, start: int, end: int) -> bool:
    """Whether the Italian ordinal ``text[start:end]``, with no article before it, is a place in a
    standing: "terzo in classifica", "è terzo"."""
    if _RANK_AFTER_RE.match(text, end):
        return True
    if text[start:end].lower() in _ADVERB_ORDINALS:
        return False
    back = text[max(0, start - 24):start][::-1]
    return bool(_RANK_BEFORE.match(back) or _COLON_BEFORE.match(back))


# After the thing ranked: "il suo quarto scudetto consecutivo".
_RANK_AFTER_NOUN_RE = compile_pattern(r"\s+[^\W\d_]+(?=\s)")


def rank_after(text: str, end: int) -> bool:
    """Whether a rank word follows the ordinal ending at ``end``, or the noun after it: "her
    third *consecutive* win", "il suo quarto scudetto *consecutivo*" count wins and titles; after a
    possessive too, they are no name."""
    noun = _RANK_AFTER_NOUN_RE.match(text, end, end + 40)
    return (_RANK_AFTER_RE.match(text, end) is not None
            or (noun is not None and _RANK_AFTER_RE.match(text, noun.end()) is not None))


_FIRST_TIME_RE = compile_pattern(r"\s+(?:%s)(?![\w])" % _alt(context_words("first_time")), _I)


def first_time(text: str, end: int, value) -> bool:
    """Whether the ordinal ending at ``end`` is the "first" of "for the first time"."""
    return value == 1 and _FIRST_TIME_RE.match(text, end) is not None


_PERIODS = frozenset(context_words("period"))
PERIODS = _PERIODS
"""The period words ("half", "tempo"): ``is_period``, ``period_after``."""
_PERIOD_AFTER_RE = compile_pattern(r"\s+(?:%s)(?![\w-])" % _alt(_PERIODS), _I)
_PERIOD_BEFORE = compile_pattern(r"\s+(?:%s)(?![\w])" % _alt(
    w[::-1] for w in [*L.IT_ORDINALS, *L.EN_ORDINALS]), _I)


def period_after(text: str, end: int) -> bool:
    """Whether the ordinal ending at ``end`` names a period: "the first half", "il primo tempo",
    "nella prima metà del 2024"."""
    return _PERIOD_AFTER_RE.match(text, end) is not None


def is_period(text: str, start: int, end: int) -> bool:
    """Whether the word ``text[start:end]`` ("half") is a period after an ordinal: "the first
    half"."""
    return (text[start:end].lower() in _PERIODS
            and _PERIOD_BEFORE.match(text[max(0, start - 16):start][::-1]) is not None)


# An ordinal joined by a hyphen to a word: a compound adjective ("second-degree murder",
# "third-party candidates"), unless the word makes it a place ("the second-largest party",
# "second-placed"): a superlative, or a word of rank.
_COMPOUND_AFTER_RE = compile_pattern(r"-[^\W\d_]+")
_PLACE_COMPOUND_RE = compile_pattern(r"-(?:[^\W\d_]+est|most|least|place|placed|ranked|ranking)(?![\w])", _I)


def compound(text: str, end: int) -> bool:
    """Whether the ordinal ending at ``end`` begins a compound adjective that is no place:
    "second-degree", "third-party" (not "second-largest")."""
    return bool(_COMPOUND_AFTER_RE.match(text, end) and not _PLACE_COMPOUND_RE.match(text, end))


# A number after "first": "the first nine months", "i primi 100 giorni"; not "one", a pronoun
# there ("the first one").
_NUMBER_AFTER_RE = compile_pattern(r"\s+(?:\d|(?:%s)(?![\w]))" % _alt(
    w for w in [*L.IT_SMALL, *L.EN_SMALL, *L.IT_HUNDRED, *L.EN_HUNDRED] if w not in L.ARTICLES
    and w != "one"), _I)


def first_of_a_count(text: str, end: int, value) -> bool:
    """Whether the ordinal ending at ``end`` is the "first" of "the first nine months": the
    number after it is the figure."""
    return value == 1 and _NUMBER_AFTER_RE.match(text, end) is not None


_SCORE_BEFORE_RE = compile_pattern(r"(?<![\w])(?:%s)(?![\w])" % _alt(context_words("score")), _I)
# The result after the score, maybe after one word: "a 1-3 defeat", "a 1-3 home defeat".
_SCORE_AFTER_RE = compile_pattern(r"\s+(?:[^\W\d_]+\s+)?(?:%s)(?![\w])" % _alt(context_words("score_after")), _I)
_DASH_RE = compile_pattern(r"\s*[-–—]\s*")
# A table of results: a team's name on each side, "Watford 0 – 3 Liverpool", or the score in
# brackets after the name, "contro il Bologna (0-1)" (a capitalised word just before the first
# number, read backwards, maybe with the bracket; and just after the second).
_NAME_BEFORE = compile_pattern(r"(\()?\s*[^\W\d_]*[A-ZÀ-Ý](?![\w])")
_NAME_AFTER_RE = compile_pattern(r"\s+[A-ZÀ-Ý]")


def score(text: str, a: Figure, b: Figure) -> bool:
    """Whether two whole numbers joined by a dash, with no unit after them, are a score or a
    tally ("ha perso 1-2", "a 1-1 draw", "fa 0-2", "Watford 0 – 3 Liverpool", "Bologna (0-1)")."""
    if not (_DASH_RE.fullmatch(text, a.end, b.start) and text[a.start:a.end].isdigit()
            and text[b.start:b.end].isdigit() and not b.after):
        return False
    if a.value == b.value or a.value == 0:  # "1-1", "0-2": no range is written so
        return True
    if _SCORE_BEFORE_RE.search(text, max(0, a.start - 24), a.start) or _SCORE_AFTER_RE.match(
            text, b.end, b.end + 40):
        return True
    name = _NAME_BEFORE.match(text[max(0, a.start - 30):a.start][::-1])
    return bool(name and (name.group(1) or _NAME_AFTER_RE.match(text, b.end)))

