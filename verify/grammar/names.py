"""Names that hold figures, which are not claims: "Movimento 5 Stelle", "Rai 3", "Industria 4.0",
"Agenda 2030", "Strategia 2021-2027", the "4x400" relay, "the 400m hurdles", "i 100 metri",
"il 118".

- A name word written with a capital, then a number: "Rai 3", "Fiat 500" (``name_word_before``);
  an identifier's word in any case: "la statale 36", "il binario 3", "Section 230"; an address:
  "in via Garibaldi 12"; a version after a capitalised word: "Industria 4.0", "Web 3.0".
- A title written with a capital, then a year or a span of years: "Agenda 2030", "Vision 2030",
  "Programma Nazionale 2021-2027" (``title_before``; up to two capitalised words between); a
  span of years after any name ("Pnrr 2021-2026"); a year between two names ("the Paris 2024
  Olympics": ``year_in_a_name``).
- A service's number after an article or a verb of calling: "del 118", "call 911"
  (``number_name``).
- Two numbers joined by "x": a relay ("4x400", "staffetta 4x100"), a name kept whole
  (``relays``).
- A race: a distance in metres after the race's article ("ha vinto i 100 metri", "won the
  100m") or before a race word ("400 metri ostacoli", "the 400m hurdles"), at the distances
  races are run over (``race_name``). "Una corsa di 100 metri" is a distance, a claim.

The words are rows of each pack's ``context.csv`` (``context_words``).
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from ..records.model import _make_mention
from .context_words import context_words
from .types import Candidate, Priority

_alt = L.alternation
_CAPITAL = "A-ZÀ-ÖØ-Ý"


def _reversed_capitalised(words) -> str:
    """An alternation of ``words`` as a text writes them with a capital ("Rai", "RAI"), reversed."""
    forms = {form for w in words for form in (w[:1].upper() + w[1:], w.upper())}
    return _alt(f[::-1] for f in forms)


# Read backwards from the number: the name word, with a space or a hyphen between ("Rai 3").
_NAME_WORD_BEFORE = compile_pattern(r"\s*-?\s*(?:%s)(?![\w])" % _reversed_capitalised(
    context_words("name_before")))
# A capitalised word just before the number (read backwards): "Industria 4.0".
_CAPITALISED_WORD_BEFORE = compile_pattern(r"\s+[^\W\d_]*[%s](?![\w])" % _CAPITAL)
_VERSION_RE = compile_pattern(r"\d{1,2}\.0")
# A title, then up to two capitalised words, then the year, maybe after "of" ("the Recovery Act
# of 1976"); read backwards.
_TITLE_BEFORE = compile_pattern(r"\s+(?:fo\s+)?(?:[^\W\d_]*[%s]\s+){0,2}(?:%s)(?![\w])" % (
    _CAPITAL, _reversed_capitalised(context_words("title"))))


# An identifier's word, in any case ("la statale 36", "Section 230"), read backwards.
_IDENTIFIER_BEFORE = compile_pattern(r"\s*-?\s*(?:%s)(?![\w])" % _alt(
    w[::-1] for w in context_words("identifier_before")), re.IGNORECASE)
# An address: a street word, up to three capitalised words, the number ("in via Garibaldi 12",
# "piazza San Marco 1"), read backwards.
_ADDRESS_BEFORE = compile_pattern(r"\s*,?\s+(?:[^\W\d_]*[%s]['’]?\s+){1,3}(?:%s)(?![\w])" % (
    _CAPITAL, _alt(f[::-1] for w in context_words("street") for f in (w, w.capitalize()))))

# The three above as one pattern: one match instead of three (a third of this test's time).
_NAMED_BEFORE = compile_pattern("%s|(?i:%s)|%s" % (
    _NAME_WORD_BEFORE.pattern, _IDENTIFIER_BEFORE.pattern, _ADDRESS_BEFORE.pattern))
assert _NAME_WORD_BEFORE.flags == _ADDRESS_BEFORE.flags == _IDENTIFIER_BEFORE.flags & ~re.IGNORECASE

# Each of those patterns (and the version's) reads, after blanks, commas or a hyphen, a run of
# letters: a name word written with a capital, a capitalised word, or an identifier's word (its
# last word, in any case). Most numbers follow a word in lower case that is none ("il", "di"):
# the run found first, and its first letter and its word looked up, tell so (two thirds of this
# test's time). A run that is not ASCII goes to the patterns (case rules beyond ASCII).
_WORD_RUN_BEFORE = compile_pattern(r"[\s,-]*([^\W\d_]+)")
_CAPITALS = frozenset(c for c in map(chr, range(0x300)) if re.fullmatch("[%s]" % _CAPITAL, c))
_IDENTIFIER_LAST_WORDS = frozenset(w.split()[-1] for w in context_words("identifier_before"))
assert all(w.isalpha() and w.isascii() and w.islower() for w in _IDENTIFIER_LAST_WORDS)
assert all(w.isalpha() and w[:1].upper() in _CAPITALS for w in context_words("name_before"))


def name_word_before(text: str, start: int, end: int, back: str | None = None) -> bool:
    """Whether the number ``text[start:end]`` follows a name word ("Rai 3"), an identifier's word
    ("la statale 36") or a street's name ("via Garibaldi 12"), or is a version after a
    capitalised word ("Industria 4.0"). ``back``, when given, is the 50 characters before
    ``start``, reversed (the window these patterns read)."""
    if back is None:
        back = text[max(0, start - 50):start][::-1]
    run = _WORD_RUN_BEFORE.match(back)
    if run is None:
        return False  # most numbers: every one of these ends with a word just before the number
    word = run.group(1)
    if word[-1] not in _CAPITALS and word.isascii() and word[::-1].lower() not in _IDENTIFIER_LAST_WORDS:
        return False
    if _NAMED_BEFORE.match(back):
        return True
    return bool(_VERSION_RE.fullmatch(text, start, end) and _CAPITALISED_WORD_BEFORE.match(back))


_NUMBER_NAMES = frozenset(context_words("number_name"))
NUMBER_NAMES = _NUMBER_NAMES
"""The numbers that may name a service ("118", "911"): ``number_name`` tests them only."""
_NUMBER_NAME_BEFORE = compile_pattern(r"\s+(?:%s)(?![\w'’])" % _alt(w[::-1] for w in {
    *context_words("number_name_before"), *context_words("article"), *context_words("articulated")}),
    re.IGNORECASE)


def number_name(text: str, start: int, end: int) -> bool:
    """Whether the number ``text[start:end]`` names a service: "il personale del 118"."""
    return (text[start:end] in _NUMBER_NAMES
            and _NUMBER_NAME_BEFORE.match(text[max(0, start - 16):start][::-1]) is not None)


# Where a sentence or a heading starts, read backwards: a capitalised word there says nothing.
_SENTENCE_START = compile_pattern(r"\s*(?:$|[.!?…:;\n\"“”«»(\[])")


# A word in lower case, read backwards: "the" of "the Paris 2024 Olympics".
_LOWER_CASE_WORD = compile_pattern(r"\s+[^\W\d_]*[a-zà-ÿ](?![\w])")


def _name_word_just_before(text: str, start: int, *, in_prose: bool = False) -> bool:
    """Whether a capitalised word that does not open a sentence ends just before ``start``;
    ``in_prose``: after a word in lower case (a headline in Title Case capitalises every word)."""
    back = text[max(0, start - 40):start][::-1]
    word = _CAPITALISED_WORD_BEFORE.match(back)
    if not word or _SENTENCE_START.match(back, word.end()):
        return False
    return not in_prose or _LOWER_CASE_WORD.match(back, word.end()) is not None


def title_before(text: str, start: int, *, span: bool = False) -> bool:
    """Whether the year (or the first year of a ``span`` of years) at ``start`` ends a title:
    "Agenda 2030", "Programma Nazionale 2021-2027". A span of years after any name ("Pnrr
    2021-2026", "Serie A 2023-2024") is one too."""
    return bool(_TITLE_BEFORE.match(text[max(0, start - 60):start][::-1])
                or span and _name_word_just_before(text, start))


_NAME_AFTER_RE = compile_pattern(r"\s+[%s][^\W\d_]" % _CAPITAL)


def year_in_a_name(text: str, start: int, end: int) -> bool:
    """Whether the year ``text[start:end]`` stands between two names: "the Paris 2024 Olympics",
    "the Tokyo 2020 Games"; not "In 2024 Trump" (the sentence starts there), nor a headline in
    Title Case ("Inflation Hits 2024 High")."""
    return bool(_NAME_AFTER_RE.match(text, end) and _name_word_just_before(text, start, in_prose=True))


# --- Relays -------------------------------------------------------------------------------------------
_RELAY_RE = compile_pattern(r"(?<![\w.,])(\d{1,2})\s?[x×]\s?\d{2,5}(?:m(?![\w]))?(?![\w^]|[.,]\d|\s?[x×])")


def relays(text: str):
    """"4x400", "staffetta 4x100": two numbers joined by "x" name a relay; kept whole."""
    for m in _RELAY_RE.finditer(text):
        yield Candidate(Priority.DATE, m.start(), m.end(), _make_mention(
            text=m.group(), start=m.start(), end=m.end(), kind="count", value=m.group(1),
            checkable=False, note="a name (a relay or a format): " + m.group()))


# --- Races ------------------------------------------------------------------------------------------
# The distances races are run (and swum) over, in metres.
RACE_DISTANCES = frozenset((50, 60, 100, 110, 200, 400, 800, 1500, 3000, 5000, 10000))
_EVENT_AFTER_RE = compile_pattern(r"\s+(?:%s)(?![\w])" % _alt(context_words("event")), re.IGNORECASE)
_EVENT_ARTICLE_BEFORE = compile_pattern(r"\s+(?:%s)(?![\w'’])" % _alt(
    w[::-1] for w in context_words("event_article")), re.IGNORECASE)
# "i 200 metri di spiaggia", "the 100 metres of road": a distance of something.
_OF_AFTER_RE = compile_pattern(r"\s+(?:di|d['’]|of|da|from)(?![\w])", re.IGNORECASE)


def race_name(text: str, start: int, end: int, value) -> bool:
    """Whether a distance in metres, ``text[start:end]`` with its unit, names a race: "i 400
    metri ostacoli", "won the 100m"."""
    if _EVENT_AFTER_RE.match(text, end):
        return True
    if value not in RACE_DISTANCES or _OF_AFTER_RE.match(text, end):
        return False
    return bool(_EVENT_ARTICLE_BEFORE.match(text[max(0, start - 12):start][::-1]))
