"""Readers tried only where ``prefilter.scan`` found a cue word find what they find everywhere.

Months alone are tried at the scan's cue words only, vague amounts there and at the "un"/"una"
before them, the decade cue is one search of three alternatives, the cues of digits are searched
from the first digit: on random texts of those words, their neighbours and look-alikes, each gives
what the reader's pattern gives over the whole text.
"""

from __future__ import annotations

import random
import re

import pytest

from verify.grammar import calendar
from verify.grammar import lexicon as L
from verify.grammar import number_words
from verify.grammar import periods
from verify.grammar import prefilter
from verify.grammar import results
from verify.grammar import symbols
from verify.grammar.prefilter import scan

_WORDS = [*L.VAGUE, *L.APPROXIMATE, *calendar.MONTH_FULL_WORDS, *L.DECADE_WORDS, "un", "una", "Un", "UNA",
          "di", "d'", "of", "persone", "euro", "anni", "years", "the", "xmigliaia", "migliaiax", "marzo2",
          "dmarzo", "Maggio", "May", "decinaa", "unun", "undecina", "una-decina", "’40", "1980", "40",
          "danni", "yearsies", "sixtiesx", "xsixties"]
_GAPS = [" ", " ", "  ", "\t", "\n", "-", ",", ", ", ".", "'", "’", "_", "3", "(", " \u00a0"]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 10)):
        word = rng.choice(_WORDS)
        parts.append(word.capitalize() if rng.random() < 0.2 else word)
        parts.append(rng.choice(_GAPS))
    return "".join(parts).strip() if rng.random() < 0.5 else "".join(parts)


@pytest.mark.parametrize("seed", range(3))
def test_cue_places_find_what_the_whole_text_holds(seed):
    rng = random.Random(seed)
    for _ in range(4000):
        text = _text(rng)
        look = scan(text)
        if look.cue_at is None:
            continue
        low = look.low
        spans = lambda found: [m.span() for m in found]  # noqa: E731
        if calendar._VAGUE_LOW_RE:
            assert spans(calendar._found(calendar._VAGUE_LOW_RE, low, calendar._vague_places(low, look.cue_at))) \
                == spans(calendar._VAGUE_LOW_RE.finditer(low)), text
        places = sorted({*look.starts, *look.cue_at})
        assert periods._month_range_begin(low, look.cue_at) == periods._month_range_begin(low, places), text
        if calendar._MONTH_ALONE_LOW_RE:
            assert spans(calendar._found(calendar._MONTH_ALONE_LOW_RE, low, look.cue_at)) \
                == spans(calendar._MONTH_ALONE_LOW_RE.finditer(low)), text
        decade = "(?:anni|years)" + prefilter._DECADE_AFTER + "|(?:%s)(?![\\w])" % "|".join(
            k for k in L.DECADE_WORDS if k.endswith("ies"))
        assert bool(prefilter.DECADE_WORDS_CUE_LOW_RE.search(low)) == bool(re.search(decade, low)), text


_DIGIT_PIECES = ["1", "23", "2024", "٣", "0", "-", "−", "+", "- ", ".", ",", ":", "/", "½", " ", "  ", "h", "pm",
                 "a.m.", "’", "'", "\"", "s", "th", "°", "C", "F", "-0", "x", "marzo", "alle ", "anni"]


@pytest.mark.parametrize("seed", range(3))
def test_digit_cues_are_searched_from_the_first_digit(seed):
    rng = random.Random(seed)
    patterns = [prefilter.DIGIT_OR_MARKED_CUES_RE, prefilter.DIGIT_CUES_RE, prefilter.DECADE_CUE_RE,
                prefilter.NUMERIC_DATE_CUE_RE, prefilter.CLOCK_CUE_RE, prefilter.TIME_CUE_RE,
                prefilter.DIGIT_ORDINAL_CUE_RE, prefilter.MARKED_TIME_CUE_RE, results._RESULT_CUE_RE,
                symbols._glued("en")[1], symbols._glued("it")[1], periods._DAY_PAIR_CUE_RE]
    for _ in range(5000):
        text = "".join(rng.choice(_DIGIT_PIECES) for _ in range(rng.randint(0, 14)))
        look = scan(text)
        assert all(not c.isdecimal() for c in text[:look.digits_from]), text
        for pattern in patterns:
            if pattern is not None:
                assert bool(pattern.search(text)) == bool(pattern.search(text, look.digits_from)), (pattern, text)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_words_after_a_non_word_open_with_their_letter(lang):
    ones = number_words._by_role(lang).get("exactly_one", {})
    homographs = number_words._homographs(lang)[1]
    pairs = [(number_words._words(lang).one, re.compile(r"(?<![\w])(%s)(?![\w])" % L.alternation(ones)), ones),
             (number_words._homographs(lang)[0],
              re.compile(r"(?<![\w])(%s)(?![\w])" % L.alternation(homographs, space=" ")), homographs)]
    rng = random.Random(lang)
    for new, old, words in pairs:
        if new is None:
            continue
        pieces = [*words, *(w[1:] for w in words), *(w + "x" for w in words), " ", "  ", "x", "_", "'", "’", "3", "."]
        for _ in range(3000):
            low = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
            assert [m.span(1) for m in new.finditer(low)] == [m.span(1) for m in old.finditer(low)], low
