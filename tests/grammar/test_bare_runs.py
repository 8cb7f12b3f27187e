"""A number in a run of bare numbers is read at once (``candidates.bare_figure``), as the full
reading (``context.read_figure`` and the readers of two numbers) reads it.

The fast path says a number of one to three digits with only digits, spaces and tabs around it
is a plain count. That holds only while no rule of the full reading looks further than its
windows or fires on digits alone: these tests put words, signs, marks and years at every
distance from runs of numbers, in both languages, and compare the two readings of each number
the fast path answers for. A new rule of ``read_figure`` that sees something in such a run
fails here, and says which text.
"""

from __future__ import annotations

import random

import pytest

from verify.grammar import candidates
from verify.grammar.context import read_figure, read_range, read_ratio
from verify.grammar.prefilter import scan
from verify.grammar.rates import read_rate
from verify.grammar import find_mentions

# What may stand near a run of numbers in news and tables: hedges, units, currencies, signs,
# range and ratio words, years, names and titles, threshold verbs, decimals.
NEAR = {
    "it": ["circa", "oltre", "quasi", "tra", "e", "dal", "al", "euro", "%", "per cento", "anni",
           "km", "milioni", "mila", "€", "$", "-", "+", "~", "<", "su", "ogni", "per", "via Roma",
           "Formula", "il personale del", "Agenda", "Serie A", "la soglia dei", "è stata superata",
           "2024", "1.500", "3,5", "il 118", "Covid-", "x", "/", ":", "°", "ore", "alle", "n.",
           "articolo", "comma", "uno", "il primo", "la metà dei", "contro", "a", "fino a"],
    "en": ["about", "more than", "nearly", "between", "and", "to", "from", "dollars", "%",
           "percent", "years", "miles", "million", "£", "$", "-", "+", "~", ">", "in", "out of",
           "per", "Route", "Formula", "Section", "the 1,000 mark", "was passed", "1990", "2,500",
           "4.5", "the", "one", "first", "half of", "vs", "at", "No.", "page", "up to"],
}


def _run(rng: random.Random) -> str:
    """A run of bare numbers: one to three digits each, between spaces, tabs, hyphens, "e" and
    "and" (glued to a number too: "1e5")."""
    blanks = (" ", "\t", "  ", " \t", "-", " - ", "--", "-\t", " e ", " and ")
    glued = ("e", " e", "and ", "e ")  # "1e5" is another number: rare, or no run is bare
    return "".join(str(rng.randint(0, 999) if rng.random() < 0.3 else rng.randint(1, 9))
                   + rng.choice(glued if rng.random() < 0.02 else blanks)
                   for _ in range(rng.randint(5, 60)))


def _text(rng: random.Random, lang: str) -> str:
    """Runs of numbers with words of ``NEAR`` between them, at every distance."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        parts.append(_run(rng))
        parts.append(rng.choice(NEAR[lang]) + rng.choice((" ", "", "\t")))
    return "".join(parts).strip()


def _fast_and_full(text: str, lang: str):
    """(fast, full) of each number the fast path answers for in ``text``: its candidate, and
    what the full reading makes of it (the two-number readings with the next first: when they
    make something of two numbers with only blanks between them, the fast path was wrong to
    skip them; with more between them, they are asked first, and the number is read alone
    only when they make nothing)."""
    figures = candidates._read_phrases(text, lang, scan(text))
    for i, fig in enumerate(figures):
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        fast = candidates.bare_figure(text, fig)
        if fast is None:
            continue
        pair = None
        if nxt is not None and nxt.kind == "number":
            pair = (read_rate(text, lang, fig, nxt, read_figure) or read_ratio(text, lang, fig, nxt)
                    or read_range(text, fig, nxt))
        if pair is not None and text[fig.end:nxt.start].strip(" \t"):
            continue  # read as a pair before the fast path is asked
        yield fast, pair or read_figure(text, lang, fig)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_bare_number_reads_as_the_full_reading_reads_it(lang):
    rng = random.Random(9)
    answered = 0
    for _ in range(400):
        text = _text(rng, lang)
        for fast, full in _fast_and_full(text, lang):
            answered += 1
            assert fast == full, f"{text!r}: fast {fast}, full {full}"
    assert answered > 2000  # the fast path answers for most numbers of these runs


def test_a_number_with_a_word_near_it_is_read_in_full():
    # Each of these numbers has a word, a sign or a year within the windows: not a bare one.
    for text, at in [("circa 5 6 7", 6), ("5 6 7 euro", 4), ("tra 5 e 6", 4), ("1 2 3 4 – 5", 6),
                     ("5 " * 20 + "per cento", 38)]:
        figures = candidates._read_phrases(text, "it", scan(text))
        i = next(k for k, f in enumerate(figures) if f.start == at)
        assert candidates.bare_figure(text, figures[i]) is None, text


def test_a_run_of_numbers_gives_each_number_as_a_plain_count():
    text = "\t".join(str(n) for n in range(1, 400))
    mentions = find_mentions(text, "it")
    assert [m.value for m in mentions] == [str(n) for n in range(1, 400)]
    assert {(m.kind, m.unit, m.qualifier, m.checkable) for m in mentions} == {("count", "", "exact", True)}


# Next to digits: what may make them one number with the digits after them, or another token.
GLUED = ["", "", "", ",5", ".5", "/2", "/3", "e5", "k", " k", " m", "km", "%", "½", "x", " x 10^3",
         "°", "a", "-", "–", ".", ","]


def _digits_text(rng: random.Random) -> str:
    """Numbers of one to four digits with something glued to some, between blanks, words and
    signs: the shapes the phrase pattern reads otherwise than "digits, blanks, digits"."""
    out = []
    for _ in range(rng.randint(5, 40)):
        out.append(rng.choice(("", "", "", "-", "+", "a", "x", "meno ", "n.")))
        out.append(str(rng.choice((rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999),
                                    rng.randint(1000, 9999)))))
        out.append(rng.choice(GLUED) if rng.random() < 0.25 else "")
        out.append(rng.choice((" ", " ", "\t", "  ", " \t", "\u00a0", " e ", " - ", ", ", "-", "--",
                               "-\t", " -", "- ", "–")))
    return "".join(out).strip()


@pytest.mark.parametrize("lang", ["it", "en"])
def test_digits_then_digits_read_as_the_phrase_pattern_and_compose_read_them(lang):
    rng = random.Random(10)
    answered = 0
    for _ in range(600):
        text = _digits_text(rng)
        for at in scan(text).starts:
            fast = candidates.bare_phrase(text, lang, at)
            if fast is None:
                continue
            answered += 1
            m = candidates.PHRASE_RE[lang].match(text, at)
            assert m is not None, f"{text!r} at {at}: no phrase"
            full = candidates._read_phrase(text, lang, at, m, text)
            assert fast[1][:3] == full[1][:3], f"{text!r} at {at}: {fast[1]} != {full[1]}"
            assert (candidates._figure_of(text, lang, at, *fast)
                    == candidates._figure_of(text, lang, at, *full)), f"{text!r} at {at}"
    assert answered > 1000
