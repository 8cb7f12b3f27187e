"""The scan's four letters find every place where a number phrase starts with a word.

``prefilter.scan`` reads a word's first four letters (or a number word of three) where a prefix of
three once did: on random texts of number words, their pieces joined ("trecentoventi",
"undue"), look-alikes ("non", "elena", "settimana") and marks, every place where the phrase
pattern matches and the three letters found a word is still found, and no other place is added.
"""

from __future__ import annotations

import random

import pytest

from verify.grammar import prefilter as P
from verify.grammar import tokens as T

_PIECES = sorted(T.IT_PIECES)
_WORDS = sorted({*T.FIRST_WORDS, "non", "elena", "quasi", "settimana", "trieste", "militare", "nonno", "unmilione"})
_GAPS = [" ", "  ", "-", ", ", "'", "’", "(", "3", "\n", "."]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.4:
            parts.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(2, 3))))
        else:
            parts.append(rng.choice(_WORDS) + ("" if rng.random() < 0.8 else rng.choice(["a", "o", "ni", "x"])))
        parts.append(rng.choice(_GAPS))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(3))
def test_four_letters_keep_the_phrases_places(seed):
    rng = random.Random(seed)
    first, after_separator, _ = P._WORD_START_RES
    for _ in range(3000):
        text = _text(rng)
        look = P.scan(text)
        if look.low is None:
            continue
        three = {m.start() + 1 for m in after_separator.finditer(text)} | ({0} if first.match(text) else set())
        starts = set(look.starts)
        letters = {at for at in starts if look.low[at].isalpha()}
        assert letters <= three | {m.start() for m in P._ESIMO_START_LOW_RE.finditer(look.low)}, text
        for lang in ("it", "en"):
            for at in three - starts:
                assert T.PHRASE_LOW_RE[lang].match(look.low, at) is None, (text, at)
