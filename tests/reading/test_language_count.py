"""``detect_language`` counts words its quick way (white-space tokens, the pattern only on the
tokens that are not all letters): the same answer as counting the pattern's words over the whole
opening, on random texts of stopwords, odd letters, digits and marks."""

from __future__ import annotations

import random
import re

from verify.reading.language import SAMPLE_CHARS, STOPWORDS, detect_language


def _by_the_pattern(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text[:SAMPLE_CHARS].lower())
    counts = {lang: sum(w in STOPWORDS[lang] for w in words) for lang in STOPWORDS}
    return "en" if counts["en"] > counts["it"] else "it"


def test_the_quick_count_gives_the_patterns_answer():
    rng = random.Random(3)
    words = sorted(STOPWORDS["it"] | STOPWORDS["en"]) + [
        "Il", "THE", "İl", "ſ", "l'", "dell'", "x_y", "a1b", "²", "½", "٣", "è", "Più", "ǅ"]
    marks = [" ", "\n", "'", "’", ",", ".", "_", "1", "٣", "«", "\u00a0", "\u2028", "-", "\x1c",
             "ﬁ", ""]
    answers = set()
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice(marks) if rng.random() < 0.8
                       else rng.choice(marks) for _ in range(rng.randint(0, 30)))
        answers.add(detect_language(text))
        assert detect_language(text) == _by_the_pattern(text), repr(text)
    assert answers == {"it", "en"}
    long = "the " * (SAMPLE_CHARS // 4 - 1) + "il " * 50  # only the opening counts
    assert detect_language(long) == _by_the_pattern(long) == "en"
