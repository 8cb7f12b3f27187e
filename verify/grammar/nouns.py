"""Number words that are nouns: the word a number phrase ends with may be the thing counted.

Italian and English have plurals that are also fraction or ordinal words: "50 mezzi" are fifty
vehicles, not 25 (fifty halves); "4 quarti di finale" and "four quarter-finals" are four matches,
not one; "un mezzo pesante" is a heavy vehicle, "in mezzo a" is "among". Which words those are
is data: a word of the unit table (``verify/lang/units.csv``: "mezzi", "quarti di finale",
"quarter-finals") that starts where the number phrase's last word does is the noun, and the
number is the phrase without it.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from .context import unit_after
from .tokens import ARTICLES

_alt = L.alternation
# A unit's words, matched where a word starts (the symbols are for after digits: "5 m").
_UNIT_WORD_AT_RE = compile_pattern(r"(%s)(?![\w])" % _alt(
    w for w in L.UNITS if w[:1].isalpha() and w not in L.TIGHT_UNITS), re.IGNORECASE)
# Half words that alone are a noun or an adjective ("in mezzo a", "il mezzo", "mezza Italia"):
# a number only before a measure ("mezzo litro", "mezza giornata").
_HALF_NOUNS = frozenset(("mezzo", "mezza"))
_AND_WORDS = frozenset(("e", "and", "&"))
# The number words that may be a noun: fraction and ordinal words ("mezzi", "quarti", "secondi").
_FRACTION_OR_ORDINAL = frozenset((*L.FRACTIONS, *L.HALF_WORDS, *L.IT_ORDINALS, *L.EN_ORDINALS))


def number_tokens(text: str, at: int, words: list[str], ends: list[int], used: int) -> int:
    """How many of the ``used`` tokens of the number phrase at ``at`` are the number: one fewer
    when the last is the noun counted ("50 mezzi", "4 quarti di finale"), none for a half word
    alone that no measure follows ("un mezzo pesante"). A word right after "e"/"and" stays a
    number word ("due e mezzo"), and so does one that a measure follows ("un mezzo litro")."""
    word = words[used - 1]
    end = at + ends[used - 1]
    if used == 1:
        return 0 if word.lower() in _HALF_NOUNS and not _measure_after(text, end) else 1
    if word.lower() not in _FRACTION_OR_ORDINAL or _after_and(words, used - 1):
        return used
    noun = _UNIT_WORD_AT_RE.match(text, end - len(word))
    if not noun:
        return used
    if noun.end() > end or not _measure_after(text, end):
        return used - 1
    return used


def _after_and(words: list[str], k: int) -> bool:
    """Whether the word ``k`` follows "e"/"and", an article between them ("due e un mezzo")."""
    before = words[k - 1].lower()
    if before in ARTICLES and k > 1:
        before = words[k - 2].lower()
    return before in _AND_WORDS


def _measure_after(text: str, end: int) -> bool:
    """Whether a measure, a duration or a currency follows ``end`` (not a counted noun)."""
    after = unit_after(text, end)
    return after is not None and after.kind != "count"
