"""Comparisons that a hedge word alone does not make: how news writes "more than", "at most",
"doubled" and "half" around a figure.

- A hedge takes the article of the figure after it: "oltre *il* 50%", "più *dell'*80%", "fino
  *all'*80%" (``with_articles``: each hedge of a pack, with each article or articulated
  preposition its ``context.csv`` lists; an elided one, "dell'", is glued to the figure).
- A negation before a hedge turns it round: "non più del 50%", "did not exceed 40 percent" are
  at most 50 and 40 percent (``negation_before``, ``NEGATED``).
- A threshold verb after the figure hedges it: "la soglia del 50% è stata superata" is more than
  50 percent, "the 50% threshold was not reached" less than 50 (``threshold_after``).
- A multiplicative claim is a count of times, as "tre volte" and "three times" are: "più che
  raddoppiato" is more than 2 times (``multiplied``). The claims table has no ratio kind; a count
  of "time" is what a checker compares with "2 volte", "twice as many", "+100%" in a source.
- A change: "è sceso dal 7,8% al 7,5%" is two figures, not a range (``is_change``).
- A share: "more than half of voters" is more than 50 percent too (``share_of``); "oltre la metà degli intervistati" is more than 50 percent (``shares``); "entro la
  metà del 2025" is a time, not a share.

The words are rows of each pack's ``context.csv`` (``context_words``).
"""

from __future__ import annotations

import re
from typing import Callable

from .pattern_cache import compile_pattern
from . import lexicon as L
from ..lang import Hedge, available, pack, packs_folder
from ..records.model import _make_mention
from .compose import format_value
from .context_words import context_words
from .types import Candidate, Priority

_I = re.IGNORECASE
_alt = L.alternation
_APOSTROPHES = ("'", "’")

# The looks of these functions are bounded: a window of ``_SPAN`` characters before a figure, or
# a few words after it.
_SPAN = 40


# --- A hedge takes the figure's article ------------------------------------------------------------

def with_articles(hedges: dict[str, str]) -> dict[str, str]:
    """``hedges`` ({words: qualifier}, before the number) and, for each pack that lists articles,
    each of its hedges with the article after it: a hedge that ends in a preposition takes that
    preposition's articulated forms ("più di" -> "più del", "più dell'"), any other the bare
    articles ("oltre" -> "oltre il", "oltre l'"). A hedge that already ends in an article
    ("oltre il") is left as it is. Such a pack's threshold verbs of "more than" are hedges
    before the figure too ("superati i 300 mm")."""
    found = dict(hedges)
    for code in available(packs_folder()):
        articles = context_words("article", code)
        articulated = context_words("articulated", code)
        if not articles and not articulated:
            continue
        verbs = [Hedge(verb, qualifier, "before") for verb, qualifier in
                 context_words("threshold_verb", code).items() if qualifier == "more_than"]
        for hedge in (*pack(code).hedges, *verbs):
            if hedge.position == "before":
                for form in (hedge.word, *_article_forms(hedge.word, articles, articulated)):
                    found.setdefault(form, hedge.qualifier)
    return found


def _article_forms(hedge: str, articles, articulated) -> list[str]:
    """``hedge`` followed by each article it may take: the articulated forms of its last word
    when that is a preposition ("più di" -> "più del"), else the bare articles ("oltre il");
    none when it ends in an article already."""
    head, _, last = hedge.rpartition(" ")
    if last in articles or last in articulated:
        return []
    if head and last in articulated.values():
        return [head + " " + form for form, preposition in articulated.items() if preposition == last]
    return [hedge + " " + article for article in articles]


def elided(words) -> list[str]:
    """Of ``words``, those that end in an apostrophe: written glued to the number ("dell'80%")."""
    return [w for w in words if w.endswith(_APOSTROPHES)]


# --- A negation before a hedge ---------------------------------------------------------------------

NEGATED = {"more_than": "at_most", "at_most": "more_than", "less_than": "at_least",
           "at_least": "less_than"}
"""The qualifier of a negated hedge: "non più di 50" is at most 50. "about" has no opposite."""


def _reversed_words(words) -> str:
    return _alt(w[::-1] for w in words)


_NEGATION_WORDS = context_words("negation")
# Read backwards from the hedge: up to three auxiliaries ("non *ha* superato", "has not *been*
# above"), then the negation, a whole word; an English contraction ("didn't") is one too.
_NEGATION_BEFORE = compile_pattern(
    r"\s+(?:(?:%s)\s+){0,3}(?:(%s)|t['’]n[^\W\d_]+)(?![\w'’])" % (
        _reversed_words(context_words("auxiliary")), _reversed_words(_NEGATION_WORDS)), _I)


def negation_before(text: str, start: int) -> int | None:
    """Where a negation starts that turns round the hedge starting at ``start``, else None."""
    back = text[max(0, start - _SPAN):start][::-1]
    m = _NEGATION_BEFORE.match(back)
    return start - m.end() if m else None


# --- A threshold verb after the figure ---------------------------------------------------------------

_THRESHOLD_VERBS = context_words("threshold_verb")
_THRESHOLD_NOUNS = context_words("threshold")
_BETWEEN_WORDS = {*context_words("auxiliary"), *_NEGATION_WORDS}
_THRESHOLD_AFTER_RE = compile_pattern(
    r"(?P<noun>\s+(?:%s))?(?P<between>(?:,?\s+(?:%s)){1,4})\s+(?P<verb>%s)(?![\w])" % (
        _alt(_THRESHOLD_NOUNS), _alt(_BETWEEN_WORDS), _alt(_THRESHOLD_VERBS)), _I)
# What ``_THRESHOLD_AFTER_RE`` opens with: a threshold noun, or a word that may stand before the
# verb ("è", "non"), then a comma or white space. The pattern's groups and repeat cost thrice
# this one's match, which tells most figures (followed by a noun, "10 persone") at once.
_THRESHOLD_OPENS_RE = compile_pattern(r",?\s+(?:%s)(?=[,\s])" % _alt({*_THRESHOLD_NOUNS, *_BETWEEN_WORDS}), _I)
assert _THRESHOLD_AFTER_RE.pattern.startswith(r"(?P<noun>\s+(?:")
_THRESHOLD_OPENS_LOW_RE = L.lower_case_twin(_THRESHOLD_OPENS_RE)  # over lower-cased text: twice as fast
# "la soglia del 50%", "the threshold of 50%", "quota 100": the noun before the figure, read
# backwards, with "of" or a preposition of one short word between them.
_THRESHOLD_NOUN_BEFORE = compile_pattern(
    r"\s*(?:(?:eht\s+)?[^\W\d_]{1,6}['’]?\s*)?(?:%s)(?![\w])" % _reversed_words(_THRESHOLD_NOUNS), _I)


def threshold_after(text: str, start: int, end: int, kind: str, low: str | None = None) -> tuple[str, int] | None:
    """(qualifier, new end) when a threshold verb follows the figure ``text[start:end]``: "il
    50% è stato superato". The figure must be a threshold: a percentage, or a figure with a
    threshold noun before it ("la soglia dei 1.000 contagi") or after it ("the 1,000 mark"). ``low``:
    the text lower-cased (``lexicon.lowered``), where the first test runs without IGNORECASE."""
    if (_THRESHOLD_OPENS_RE.match(text, end, end + 80) if low is None or _THRESHOLD_OPENS_LOW_RE is None
            else _THRESHOLD_OPENS_LOW_RE.match(low, end, end + 80)) is None:
        return None  # most figures: the first test, a third of the pattern's cost
    m = _THRESHOLD_AFTER_RE.match(text, end, end + 80)
    if not m:
        return None
    if not (m.group("noun") or kind == "percent"
            or _THRESHOLD_NOUN_BEFORE.match(text[max(0, start - _SPAN):start][::-1])):
        return None
    qualifier = _THRESHOLD_VERBS[m.group("verb").lower()]
    if any(w.lower() in _NEGATION_WORDS for w in m.group("between").replace(",", " ").split()):
        qualifier = NEGATED.get(qualifier, qualifier)
    return qualifier, m.end()


# --- A change from one figure to another ----------------------------------------------------------
# "è sceso dal 7,8% al 7,5%", "revised up from +151,000 to +167,000": a verb of change (read
# backwards) just before "from", or a plus sign on the first figure ("da +4% a +4,4%"): two
# figures, the old and the new, not a range.
_CHANGE_BEFORE = compile_pattern(r"\s+(?:[^\W\d_]{1,4}\s+)?(?:%s)(?![\w'’])" % _reversed_words(
    context_words("change")), _I)


def is_change(text: str, opener: int, first: int) -> bool:
    """Whether the "from" (or "da", "dal") at ``opener``, before a number at ``first``, opens a
    change, not a range."""
    return text[first] == "+" or _CHANGE_BEFORE.match(text[max(0, opener - 30):opener][::-1]) is not None


# --- Multiplicative claims and shares ------------------------------------------------------------------

HedgeBefore = Callable[[str, int], tuple[str, int]]
"""``context._hedge_before``: (qualifier, where the hedge starts) before a position."""

_MULTIPLIER_NOUNS = context_words("multiplier_noun")
_MULTIPLIERS = {**context_words("multiplier"), **_MULTIPLIER_NOUNS}
# A multiplier that is also an adjective is one only before a preposition, a determiner or a
# punctuation mark: "il doppio dei voti", "double the rate", "costa il triplo."; not "il doppio
# turno", "a double murder", "double-digit".
_AFTER_A_MULTIPLIER_NOUN_RE = compile_pattern(r"\s*(?:[.,;:!?)]|$)|\s+(?:%s)(?![\w])" % _alt(
    context_words("multiplier_noun_next")), _I)
_MULTIPLIER_RE = compile_pattern(r"(?<![\w])(%s)(?![\w])" % _alt(_MULTIPLIERS), _I)
_MULTIPLIER_LOW_RE = L.lower_case_twin(_MULTIPLIER_RE)
# Every multiplier word begins with one of these: most texts hold none, and a search for any of
# them in the lower-cased text says so faster than the pattern's scan (one search of their
# alternation: half the time of a substring test for each of the seventeen).
_MULTIPLIER_STARTS = frozenset(w[:4] for w in _MULTIPLIERS)
_MULTIPLIER_START_LOW_RE = compile_pattern(_alt(_MULTIPLIER_STARTS, space=" "))


def _found(pattern: re.Pattern, twin: re.Pattern | None, text: str, low: str | None):
    """``pattern``'s matches in ``text``, found by its case-sensitive ``twin`` over the lower-cased
    ``low`` when there are both (the same places, found faster; see ``verify.grammar.lexicon``)."""
    return twin.finditer(low) if twin is not None and low is not None else pattern.finditer(text)


def multiplied(text: str, hedge_before: HedgeBefore, low: str | None = None):
    """"più che raddoppiato", "nearly tripled", "halved", "a threefold increase", "il doppio dei
    voti", "twice as high": a count of times, its factor the value, its hedge before it. ``low`` is the lower-cased text, if any."""
    if low is not None and _MULTIPLIER_START_LOW_RE.search(low) is None:
        return
    for m in _found(_MULTIPLIER_RE, _MULTIPLIER_LOW_RE, text, low):
        end = m.end()
        if text[m.start():end].lower() in _MULTIPLIER_NOUNS and not _AFTER_A_MULTIPLIER_NOUN_RE.match(text, end):
            continue
        qualifier, start = hedge_before(text, m.start())
        yield Candidate(Priority.FIGURE, start, end, _make_mention(
            text=text[start:end], start=start, end=end, kind="count",
            value=format_value(_MULTIPLIERS[m.group(1).lower()]), unit="time", qualifier=qualifier,
            number_start=m.start() if m.start() != start else -1,
            note="a multiplicative claim: " + text[m.start():m.end()]))


# The share words that are no number word: "metà" ("half" is one, and a share only when it is
# read as a figure: ``share_of``).
_SHARES = {word: value for word, value in context_words("share").items() if word not in L.FRACTIONS}
_NUMBER_WORD_SHARES = {word: value for word, value in context_words("share").items()
                       if word in L.FRACTIONS}
NUMBER_WORD_SHARES = frozenset(_NUMBER_WORD_SHARES)
"""The share words that are number words ("half"): ``share_of`` reads them."""
_SHARE_RE = compile_pattern(r"(?<![\w'’])(%s)(?![\w])" % _alt(_SHARES), _I)
_SHARE_LOW_RE = L.lower_case_twin(_SHARE_RE)
_SHARE_ARTICLE_BEFORE = compile_pattern(
    r"\s+(%s)(?![\w'’])" % _reversed_words(context_words("share_article")), _I)
_TIME_PREPOSITION_BEFORE = compile_pattern(
    r"\s+(?:%s)(?![\w'’])" % _reversed_words(context_words("time_preposition")), _I)
# "la metà del 2025", "la metà dell'anno": a preposition of one short word, then a number or a
# word of time.
_TIME_AFTER_RE = compile_pattern(r"\s+[^\W\d_]{1,6}['’]?\s*(?:\d|(?:%s)(?![\w]))" % _alt(
    context_words("time_noun")), _I)


# The group a share is of, named after it: "half of voters", "half the homes", "half its value";
# not "half an hour", "half-time".
_GROUP_AFTER_RE = compile_pattern(r"\s+(?:of|the|its|their|his|her|our|your|all)(?![\w])", _I)


def share_of(text: str, start: int, end: int) -> float | None:
    """The percent a share written as a number word stands for ("more than half of voters",
    "nearly half the homes": 50), else None ("half an hour", "half-time")."""
    value = _NUMBER_WORD_SHARES.get(text[start:end].lower())
    if value is None or not _GROUP_AFTER_RE.match(text, end):
        return None
    return value


# What a lower-cased text holds when ``multiplied`` or ``shares`` may find something in it
# (each gives up at once without its own).
CUE_SUBSTRINGS = (*_MULTIPLIER_STARTS, *_SHARES)


def shares(text: str, hedge_before: HedgeBefore, low: str | None = None):
    """"oltre la metà degli elettori" (more than 50 percent), "la metà dei seggi" (50 percent):
    a share written as a word, hedged or after its article; not "entro la metà del 2025"."""
    if low is not None and not any(word in low for word in _SHARES):
        return
    for m in _found(_SHARE_RE, _SHARE_LOW_RE, text, low):
        if _TIME_AFTER_RE.match(text, m.end()):
            continue
        qualifier, start = hedge_before(text, m.start())
        if qualifier == "exact":
            back = text[max(0, m.start() - _SPAN):m.start()][::-1]
            article = _SHARE_ARTICLE_BEFORE.match(back)
            if not article or _TIME_PREPOSITION_BEFORE.match(back, article.end()):
                continue
            start = m.start() - article.end()
        end = m.end()
        yield Candidate(Priority.FIGURE, start, end, _make_mention(
            text=text[start:end], start=start, end=end, kind="percent",
            value=format_value(_SHARES[m.group(1).lower()]), unit="percent", qualifier=qualifier,
            number_start=m.start() if m.start() != start else -1,
            note="a share: " + text[m.start():m.end()]))
