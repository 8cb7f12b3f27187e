"""Digits read alone (``candidates._DIGITS_ALONE_RE``) are what the phrase pattern reads there.

``_read_phrases`` reads a run of digits at once when what follows it can start no other token of
a phrase: the text's end, a mark, or blanks then a word that is not at the next place where a
phrase may start. These tests try it at every place of random texts made of the grammar's own
words (number words, units, months, "un" and its pieces), digits, blanks and marks, and check
that the phrase pattern ends where the digits do and that no run of bare numbers starts there.
"""

from __future__ import annotations

import random

import pytest

from verify.grammar import candidates
from verify.grammar import lexicon as L
from verify.grammar import tokens as T
from verify.grammar.context import DECIMAL_WORD_RE
from verify.grammar.prefilter import scan

_WORDS = sorted({*T.FIRST_WORDS, *T.EN_WORDS, *T.IT_PIECES, *L.MONTHS, *L.UNITS, "unmilione", "undue",
                 "ventesimo", "xyzesimo", "e", "and", "un", "una", "a", "di", "tra", "mila", "k", "m", "x",
                 "K", "M", "X", "E", "AND", "Un", "per", "cento", "Roma", "il", "anni", "mesi", "m'", "m’",
                 "K’", "ex", "ettari", "andare", "unto", "And", "x10^3", "E-", "punto", "virgola", "Point", "VIRGOLA"})
_MARKS = [" ", "  ", "\t", "\n", " ", " ", "-", "–", "—", ",", ", ", ".", ". ", "/", ":", "%", "€",
          "$", "°", "'", "’", "(", ")", "^", "×", "+", "−", "½", "e", "E", "k", "m", "x", ";", "&",
          "\u212a", "٣", "_"]
_DIGITS = ["1", "2", "5", "10", "12", "30", "100", "250", "1000", "2024", "007", "1.000", "10,5",
           "3.5", "1,234", "40 000", "1/2", "19/06/2024", "2024-06-19", "10:30", "1e5", "10^3"]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.4:
            parts.append(rng.choice(_DIGITS))
        elif r < 0.75:
            word = rng.choice(_WORDS)
            parts.append(word.capitalize() if rng.random() < 0.2 else word)
        else:
            parts.append(rng.choice(_MARKS))
        if rng.random() < 0.6:
            parts.append(rng.choice((" ", " ", "  ", "\t")))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_digits_alone_are_the_phrase(seed):
    rng = random.Random(seed)
    tried = 0
    for _ in range(5000):
        text = _text(rng)
        look = scan(text)
        starts = look.starts
        for lang in ("it", "en"):
            lowered = look.low is not None and T.PHRASE_LOW_RE[lang] is not None
            subject, phrase_re = (look.low, T.PHRASE_LOW_RE[lang]) if lowered else (text, T.PHRASE_RE[lang])
            for k, at in enumerate(starts):
                if subject[at] not in "0123456789" or at and (subject[at - 1].isalnum() or subject[at - 1] in "_.,"):
                    continue
                alone = candidates._DIGITS_ALONE_RE.match(subject, at)
                if alone is None or (alone.start(1) >= 0 and k + 1 < len(starts) and starts[k + 1] == alone.start(1)):
                    continue
                tried += 1
                m = phrase_re.match(subject, at)
                assert m is not None and m.end() == alone.end(), (text, at)
                assert candidates.bare_phrase(text, lang, at) is None, (text, at)
                spoken = alone.start(1) >= 0 and subject[alone.start(1)] in "pvPV"
                assert spoken or not DECIMAL_WORD_RE.match(text, alone.end()), (text, at)
    assert tried > 1000
