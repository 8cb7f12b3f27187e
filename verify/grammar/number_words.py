"""Numbers inside words, and number words that say "exactly one".

- Italian writes an age as one word: "un trentenne" is 30 years old, "un 45enne" 45, "gli
  ultracinquantenni" are over 50; and a span of years: "un mutuo trentennale". The stem is a number word (its last vowel dropped) or digits,
  between 10 and 120 ("ottenne", obtained, is no age: 8 is too few; "millenni" too many).
- "un solo caso", "una sola vittima", "a single vote": exactly one, a figure; in English only
  before a unit ("a single market" is none).

The words are each pack's ``number_words.csv`` (roles ``age_suffix``, ``age_prefix`` with the
qualifier it gives, ``exactly_one`` with "unit" when the phrase is one only before a unit;
``glued_symbol``, a unit letter glued to the digits: see ``symbols``; ``not_a_number``, a
phrase in which a number word is another word: "forti venti" are winds, "tu sei" is "you are";
``negation``, besides the packs' negations, a word that makes "un solo" none: "senza un solo").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .pattern_cache import compile_pattern
from . import lexicon as L
from ..lang import pack
from ..lang.tables import QUALIFIERS, Column, Table, one_of, problem, read_table, word
from ..records.model import _make_mention
from .compose import parse_number
from .context import unit_after
from .context_words import context_words
from .types import Candidate, Priority

NUMBER_WORDS_TABLE = Table("number_words.csv", (
    Column("word", word), Column("role", one_of(
        "age_suffix", "age_prefix", "exactly_one", "glued_symbol", "not_a_number", "negation")),
    Column("value", str, required=False)), key="word")
_VOWELS = ("", "a", "e", "i", "o")  # the vowel an age word drops: "trent(a)enne", "diciott(o)enne"
_YOUNGEST, _OLDEST = 10, 120


class Words(NamedTuple):
    """One pack's words of this module, as patterns over lower-cased text."""

    age: re.Pattern | None
    prefixes: dict
    one: re.Pattern | None
    one_needs_unit: frozenset   # the "exactly one" phrases that are one only before a unit
    one_cues: tuple             # a word each "exactly one" phrase holds: "solo", "single"


@lru_cache(maxsize=None)
def _by_role(lang: str) -> dict[str, dict[str, str]]:
    """role -> {word: value} of ``lang``'s ``number_words.csv``, every row checked."""
    by_role: dict[str, dict[str, str]] = {}
    for row in read_table(pack(lang).folder, NUMBER_WORDS_TABLE):
        role, value = row.values["role"], row.values["value"] or ""
        if role == "age_prefix" and value not in QUALIFIERS:
            raise problem(pack(lang).folder / NUMBER_WORDS_TABLE.file, f"an age_prefix needs the "
                          f"qualifier it gives ({', '.join(QUALIFIERS)}), not {value!r}",
                          line=row.line, column="value")
        by_role.setdefault(role, {})[row.values["word"]] = value
    return by_role


def rows_of(lang: str, role: str) -> dict[str, str]:
    """{word: value} of ``role`` in ``lang``'s ``number_words.csv``."""
    return dict(_by_role(lang).get(role, {}))


@lru_cache(maxsize=None)
def _words(lang: str) -> Words:
    by_role = _by_role(lang)
    suffixes, prefixes = by_role.get("age_suffix"), by_role.get("age_prefix", {})
    age = compile_pattern(r"(?<![^\W\d_])(%s)?(\d{1,3}|[^\W\d_]{3,30}?)(?:%s)(?![^\W\d_])" % (
        L.alternation(prefixes) if prefixes else "(?!)", L.alternation(suffixes))) if suffixes else None
    ones = by_role.get("exactly_one", {})
    one = compile_pattern(r"%s(?![\w])" % _after_a_non_word(ones)) if ones else None
    return Words(age, prefixes, one, frozenset(w for w, v in ones.items() if v == "unit"),
                 tuple({w.replace("’", "'").split("'")[-1].split()[-1] for w in ones}))


def _after_a_non_word(words, space: str = r"\s+") -> str:
    r"""``(?<![\w])(words)`` (one group) written so that each word's first letter opens it, its
    look-behind after that letter: the regex engine jumps from one of those letters to the next,
    where the look-behind first is tried at every character (four times slower over a sentence)."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    return "(%s)" % "|".join(r"%s(?<![\w]%s)%s" % (re.escape(first), re.escape(first), L.alternation(rests, space=space))
                             for first, rests in sorted(by_first.items()))


def ages(text: str, low: str | None, lang: str):
    """Ages written as one word: "trentenne" (30 years), "45enne", "ultracinquantenni" (over 50)."""
    words = _words(lang)
    if words.age is None or low is None or "enn" not in low:
        return
    for m in words.age.finditer(low):
        years = _age(m.group(2))
        if years is None:
            continue
        qualifier = words.prefixes.get(m.group(1), "exact") if m.group(1) else "exact"
        yield Candidate(Priority.DIGIT_ORDINAL, m.start(), m.end(), _make_mention(
            text[m.start():m.end()], m.start(), m.end(), "duration", str(years), unit="year",
            qualifier=qualifier, note="years written as one word: " + text[m.start():m.end()]))


@lru_cache(maxsize=1024)
def _age(stem: str) -> int | None:
    """The years of an age word's stem ("trent" 30, "diciott" 18, "45"), or None."""
    if stem.isdigit():
        years = int(stem)
    else:
        years = next((v for v in (parse_number(stem + vowel, "it") for vowel in _VOWELS)
                      if isinstance(v, int)), None)
    return years if years is not None and _YOUNGEST <= years <= _OLDEST else None


@lru_cache(maxsize=None)
def _negation_before(lang: str) -> re.Pattern:
    """A negation before "un solo" in the same clause ("non ... un solo", "senza un solo"): the
    packs' negations (``context.csv``) and this file's ``negation`` rows."""
    words = [*context_words("negation", lang), *rows_of(lang, "negation")]
    return compile_pattern(r"(?<![\w])(?:%s)(?![\w])[^.;:!?]*$" % L.alternation(words), re.IGNORECASE)


def exactly_one(text: str, low: str | None, lang: str):
    """"un solo caso", "una sola vittima", "a single vote": the figure 1, with its unit."""
    words = _words(lang)
    if words.one is None or low is None or not any(cue in low for cue in words.one_cues):
        return
    for m in words.one.finditer(low):
        after = unit_after(text, m.end(), lang)
        if after is None and m.group(1) in words.one_needs_unit:
            continue
        unit, kind, end = (after.unit, after.kind, after.end) if after else ("", "count", m.end())
        # "non c'è stato un solo caso", "not a single vote": none at all
        negated = _negation_before(lang).search(text, max(0, m.start() - 40), m.start())
        yield Candidate(Priority.FIGURE, m.start(), end, _make_mention(
            text[m.start():end], m.start(), end, kind, "0" if negated else "1", unit=unit,
            number_end=m.end(), note="negated: none at all" if negated else ""))


@lru_cache(maxsize=None)
def _homographs(lang: str) -> tuple[re.Pattern | None, dict[str, tuple[int, int, str]]]:
    """The pattern of ``lang``'s ``not_a_number`` phrases, and for each where its number word is."""
    where = {}
    for phrase in _by_role(lang).get("not_a_number", {}):
        at = 0
        for w in phrase.split():
            if parse_number(w, "it" if lang == "it" else "en") is not None:
                where[phrase] = (at, at + len(w), w)
                break
            at += len(w) + 1
    if not where:
        return None, where
    return compile_pattern(r"%s(?![\w])" % _after_a_non_word(where, space=" ")), where


@lru_cache(maxsize=None)
def _homograph_words(lang: str) -> tuple[str, ...]:
    """The number words of ``lang``'s ``not_a_number`` phrases, each once: a few words ("venti",
    "sei", "mille") for a few dozen phrases, so the test of every sentence looks for each once."""
    return tuple(dict.fromkeys(w for _, _, w in _homographs(lang)[1].values()))


def cue_substrings(lang: str) -> tuple[str, ...]:
    """What a lower-cased text holds when ``ages``, ``exactly_one`` or ``not_numbers`` may find
    something in it (each reader gives up at once without its own): "enn", the "exactly one"
    words, the number words of ``not_a_number`` phrases."""
    return ("enn", *_words(lang).one_cues, *_homograph_words(lang))


def not_numbers(text: str, low: str | None, lang: str):
    """The number words that another word of their phrase makes no number ("forti venti"): a
    mention that is no figure, over the number word alone, so that no figure is read there."""
    pattern, where = _homographs(lang)
    if pattern is None or low is None or not any(w in low for w in _homograph_words(lang)):
        return
    for m in pattern.finditer(low):
        start, end, w = where[m.group(1)]
        s, e = m.start() + start, m.start() + end
        yield Candidate(Priority.DATE, s, e, _make_mention(
            text[s:e], s, e, "count", str(parse_number(w, lang)), checkable=False,
            note="a word, not a number: " + text[m.start():m.end()]))
