"""The article's text is lower-cased once for the language and the blocks' rules: the same
answers as lower-casing each on its own, on random texts made of what could tell them apart."""

import random

from verify.reading.blocks import split_blocks
from verify.reading.language import _SCORE, _WORD_RE, SAMPLE_CHARS, detect_language

# Words the rules look for in lower case, in odd cases; the characters lower-casing treats
# specially (İ, ı, ſ, Σ); white space of several kinds; marks a word may be glued to.
_PIECES = ["Riproduzione RISERVATA", "All Rights Reserved", "(Foto Ansa)", "nella FOTO", "Σ",
           "ΟΔΟΣ", "İ", "ı", "ſ", "il", "IL", "The", "the", "di", "perché", "Più", "l’anno",
           "dell'Italia", "detto:", "2024", "19 GIUGNO 2024.", "Putin", "partecipano", "Σ.",
           "READ", "www.x.it", "Foto", "Getty Images/AFP", "…", "...", ",", ".", "’", "'", "²"]
_SPACES = [" ", " ", " ", "\n", "\n\n", "\r\n", "\xa0", "\u2028", "\x1c", "\t", ""]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) + rng.choice(_SPACES) for _ in range(rng.randint(1, 30)))


def test_blocks_from_the_lowered_text_are_the_blocks():
    rng = random.Random(11)
    for _ in range(3000):
        text = _random_text(rng)
        assert split_blocks(text, lowered=text.lower()) == split_blocks(text), repr(text)


def test_the_language_is_the_stopwords_among_all_runs_of_letters():
    rng = random.Random(12)
    for _ in range(5000):
        text = _random_text(rng)
        runs = _WORD_RE.findall(text[:SAMPLE_CHARS].lower())
        expected = "en" if sum(_SCORE.get(run, 0) for run in runs) > 0 else "it"
        assert detect_language(text) == expected, repr(text)
