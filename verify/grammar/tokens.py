"""The pieces a number phrase is made of: digits, number words, separators.

Built once, at import, from the language data in ``verify.grammar.lexicon``: the pattern of a number
phrase (``PHRASE_RE``, per language: it decides "10.000" vs "10,000"), the tokenizer that
splits a phrase into its digits and words (``TOKENIZE_RE``), and the word tables ``compose``
reads them with.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .pattern_cache import compile_pattern
from . import lexicon as L
from .types import Atom

_I = re.IGNORECASE
_alt = L.alternation

# --- Digits -------------------------------------------------------------------------------------
# Grouped forms first ("1.234.567", "1,234,567", "40 000"), then plain ones ("3,5", "1.5", "42").
# Built per language so that a language may read its decimal mark its own way.
_DECIMAL_MARK = {"it": "[.,]", "en": "[.,]"}
# Its letters are written in lower case (the pattern is case-insensitive: "k" is also "K"), so that
# the phrase pattern may also run case-sensitively over lower-cased text (see ``candidates``).
_DIGITS_TEMPLATE = (
    r"(?<![\w.,])(?:[-−+]\s?)?(?:"
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?(?!\d|[.,]\d)"
    r"|\d+/[1-9]\d*(?![\d/])|[½⅓⅔¼¾⅕⅙⅛]"
    r"|\d+(?:DEC\d+)?|[.,]\d+)"
    r"(?:e[-+]?\d+|\^[-+]*\d+|\s?[x×]\s?10\^[-+]?\d+)?"
    r"(?:(?:GLUED)(?![\w])|\s{1,2}(?:k|m)(?![\w'’]))?"
).replace("GLUED", _alt(L.SUFFIX_SCALE))
# The scale after the digits: "10k", "£2tn", "12mila", "1,5mld" (the packs' suffix rows), and
# "10M", "3B", "2T" in capitals. Lower-case "mm" is millimetres ("234mm di pioggia"): no scale.
SUFFIX_RE = compile_pattern(r"(?:K|M|B|T|%s)$" % _alt(L.SUFFIX_SCALE))
# A lower-case "m" right after the digits: millions after a currency ("£300m"), else metres
# ("a 300m race", "8.848 m"); see ``read_figure``.
METRES_RE = compile_pattern(r"\d\s{0,2}m$")

# --- Words --------------------------------------------------------------------------------------
IT_PIECES = {**{k: Atom("small", v) for k, v in L.IT_SMALL.items()},
              **{k: Atom("hundred", v) for k, v in L.IT_HUNDRED.items()},
              **{k: Atom("scale", v) for k, v in L.IT_SCALE.items()}}
EN_WORDS = {**{k: Atom("small", v) for k, v in L.EN_SMALL.items()},
             **{k: Atom("hundred", v) for k, v in L.EN_HUNDRED.items()},
             **{k: Atom("scale", v) for k, v in L.EN_SCALE.items()},
             "mln": Atom("scale", 10**6), "mld": Atom("scale", 10**9), "mrd": Atom("scale", 10**9),
             "bn": Atom("scale", 10**9), "bln": Atom("scale", 10**9), "tln": Atom("scale", 10**12)}
_IT_WORD = r"(?:%s)+" % _alt(IT_PIECES)
# Any "-esimo" word: ``compose`` decides whether its stem is a number.
_IT_ORDINAL_WORD = r"[^\W\d_]+esim[oaie]|%s" % _alt(L.IT_ORDINALS)
_WORD_TOKEN = r"(?:%s|%s|%s|%s|%s|%s|%s)" % (
    _alt(EN_WORDS), _alt(L.EN_ORDINALS), _alt(L.FRACTIONS), _alt(L.DOZEN), _IT_ORDINAL_WORD,
    _IT_WORD, r"un['’]?|una|uno|an?")
_TOKEN = r"(?:DIGITS|(?<![\w])%s(?![\w]))" % _WORD_TOKEN
_SEP = r"(?:\s*[-–]\s*|\s+(?:(?:and|e|&)\s+)?|\s*,\s+(?=(?:%s)\b))" % _alt(
    list(L.EN_SMALL) + list(L.EN_HUNDRED))
# Where a number phrase can start: a sign or decimal mark before a digit, a run of digits, a
# fraction sign, or a word that begins like a number word (its first three letters, or four in
# ``prefilter``'s scan; the whole word when it is shorter: "un", "a"), or an "-esimo" ordinal. The big phrase regex then runs at
# these few places per sentence instead of at every character.
FIRST_WORDS = {w.split()[0].lower() for w in (
    list(EN_WORDS) + list(L.EN_ORDINALS) + list(L.FRACTIONS) + list(L.DOZEN)
    + list(IT_PIECES) + list(L.IT_ORDINALS) + ["un", "una", "uno", "a", "an"])}


# A number phrase is matched a window of tokens at a time: ``PHRASE_TOKENS`` (a bounded
# repetition). A phrase pattern that ran over a whole run of numbers ("1 1 1 ...", "uno due uno
# due ...") read the rest of the run again at each number of it, whose reading uses a few tokens:
# time grew with the square of the run. When the reading of a phrase goes on to its window's end,
# the phrase is matched again in a window twice as long (``phrase_re_of``), up to
# ``LONG_PHRASE_TOKENS``: more than any number written out in words takes ("two hundred
# thirty-four billion ..."), since ``compose`` reads scales in decreasing order, each once.
PHRASE_TOKENS = 4
LONG_PHRASE_TOKENS = 64
_PHRASE_TEMPLATE = r"%s(?:%s%s){0,%d}"

PHRASE_RE, PHRASE_LOW_RE, TOKENIZE_RE, _TOKEN_OF = {}, {}, {}, {}
for _lang, _mark in _DECIMAL_MARK.items():
    _digits = _DIGITS_TEMPLATE.replace("DEC", _mark)
    _TOKEN_OF[_lang] = _token = _TOKEN.replace("DIGITS", _digits)
    PHRASE_RE[_lang] = compile_pattern(_PHRASE_TEMPLATE % (_token, _SEP, _token, PHRASE_TOKENS - 1), _I)
    PHRASE_LOW_RE[_lang] = L.lower_case_twin(PHRASE_RE[_lang])  # for lower-cased text
    TOKENIZE_RE[_lang] = compile_pattern(r"(?P<d>%s)|(?P<w>[^\W\d_]+['’]?)|(?P<amp>&)" % _digits, _I)


@lru_cache(maxsize=None)
def phrase_re_of(lang: str, lowered: bool, tokens: int) -> re.Pattern:
    """The phrase pattern of ``lang`` with a window of ``tokens`` tokens (for lower-cased text
    when ``lowered``, as ``PHRASE_LOW_RE``), compiled on first use."""
    token = _TOKEN_OF[lang]
    pattern = compile_pattern(_PHRASE_TEMPLATE % (token, _SEP, token, tokens - 1), _I)
    return L.lower_case_twin(pattern) if lowered else pattern


class PhraseTokens(NamedTuple):
    """The tokens of a number phrase."""

    texts: list[str]   # each token's text
    first: int         # where the first token starts in the phrase
    ends: list[int]    # where each token ends in the phrase


def phrase_tokens(phrase: str, lang: str) -> PhraseTokens:
    """The tokens of a number phrase (a window of at most ``LONG_PHRASE_TOKENS`` of them)."""
    if phrase.isdecimal() or phrase.isalpha():
        # Most phrases, "2024" or "tre": one token, the whole phrase, as the tokenizer reads a run
        # of digits (its plain-number alternative) or of letters (its word alternative).
        return PhraseTokens([phrase], 0, [len(phrase)])
    found = list(TOKENIZE_RE[lang].finditer(phrase))
    return PhraseTokens([t.group() for t in found], found[0].start() if found else 0, [t.end() for t in found])


# Small patterns of the hot paths, compiled once (``re.sub(pattern, ...)`` looks its pattern up
# in re's cache on every call).
SPACES_RE = compile_pattern(r"\s+")

FOUR_DIGITS_RE = compile_pattern(r"\d{4}")

VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅙": 1 / 6, "⅛": 0.125}

# The words ``compose.atoms`` reads as an article, which stands for 1 only before a scale or a fraction.
ARTICLES = frozenset(("un", "una", "un'", "un’", "a", "an"))
