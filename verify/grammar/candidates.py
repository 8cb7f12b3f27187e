"""The number grammar's engine: every candidate mention of a text, and the overlaps settled.

    >>> [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_mentions("più di 10.000 container")]
    [('più di 10.000 container', 'count', '10000', 'container', 'more_than')]

How it reads a text:

1. ``prefilter.scan`` takes a first look: where a number phrase may start, which cue words
   (months, "anni", "migliaia"...) are there; ``prefilter.readers_for`` names the readers worth
   running.
2. The readers propose candidates: full dates, times, decades, relative years (``calendar``),
   number phrases ("260.000", "due milioni", "twenty-four", "10k": ``_numbers`` here), months
   alone and vague amounts ("migliaia").
3. A number phrase is read by ``compose``: the longest prefix of its tokens that is a
   well-formed number ("venti e trenta" is two numbers, not 50).
4. ``context`` looks around each number: a currency sign or hedge before it, a unit after it, a
   second number that makes a range ("tra 20 e 30") or a ratio, a cue that makes it a year.
5. Overlapping candidates are resolved by priority (``types.Priority``), then length; the
   survivors are sorted.

Conventions (documented in the README): a number followed by a noun that is not in
``lexicon.UNITS`` is a ``count`` with an empty unit; a range has qualifier ``range`` and the kind
of its figure (money, duration...) or ``range`` when the figure is a bare number; ordinals that are
part of a name ("seconda guerra mondiale") and numbers inside identifiers ("COVID-19",
"Boeing 737") are returned with ``checkable=False`` and a note.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from functools import lru_cache

from .pattern_cache import compile_pattern
from . import lexicon as L
from .lexicon import ASCII_DIGITS
from ..records.model import Mention, _make_mention
from . import calendar
from . import comparisons
from . import names
from .compose import atoms, compose, format_value
from .context import DECIMAL_WORD_RE, decimal_words, digit_ordinals, hedge_before, read_figure, read_range, read_ratio, signed, unit_after, world_war
from .nouns import number_tokens
from . import number_words
from . import rates
from . import results
from . import symbols
from .languages import language_of
from .prefilter import readers_for, scan
from .tokens import (ARTICLES, EN_WORDS, IT_PIECES, PHRASE_LOW_RE, PHRASE_RE, LONG_PHRASE_TOKENS, PHRASE_TOKENS,
                     PhraseTokens, phrase_re_of, phrase_tokens)
from .types import Candidate, Figure, Look, Priority, Reading

# Internal errors: a figure or a reader that fails is logged here and left out (``verify`` adds
# a NullHandler: nothing is printed unless the application configures logging).
log = logging.getLogger("verify.grammar")


# A phrase that starts with an article ("un", "una", "a", "an": a third of the places where a
# phrase may start) goes on only if a separator and a second token follow it. Every token is one
# word or a number (the tables' words are letters only; see the assertion), so the first token is
# the article (or "un'"); the second starts where a phrase may start, so at one of the next
# places of ``starts`` (which holds every place where the phrase pattern matches); and all
# between them is the rest of the article and a separator (``tokens._SEP``): white space, "-", "–", ",", "&", "and", "e", or the apostrophe of "un'". So when the
# text up to the next place holds any other character, or there is no next place, the phrase
# is the article alone (or no match) and nothing is to be read there.
_ARTICLE_THEN_SEPARATOR_LOW_RE = compile_pattern(r"(?:una?|an?)(?![^\W\d_])[\s\-–,&'’ande]*")
assert all(re.fullmatch(r"[^\W\d_]+", w) for w in [
    *EN_WORDS, *L.EN_ORDINALS, *L.FRACTIONS, *L.DOZEN, *L.IT_ORDINALS, *IT_PIECES])


# "a 10", "un 2024": an article, blanks, then digits at the next place. The phrase there is the
# article and the digits (its second token starts at that place, the only one the blanks can
# reach), and an article before digits makes no number: ``_figure_of`` gives none and reads on
# after the article. (A seventh of the phrases: the Italian preposition "a".)
_ARTICLE_THEN_BLANKS_LOW_RE = compile_pattern(r"(una?|an?)\s+")


def _article_without_number(low: str, starts: list[int], k: int) -> int | None:
    """Where to read on when the phrase that may start at ``starts[k]`` is sure to be an article
    and no number: there (an article alone, or nothing: no separator up to the next place), or
    after the article (blanks then digits follow it); None when the phrase is to be read. (One
    function for both tests, above: a call fewer at a third of the places.)"""
    at = starts[k]
    if k + 1 == len(starts):
        return at if _ARTICLE_THEN_SEPARATOR_LOW_RE.match(low, at) is not None else None
    nxt = starts[k + 1]
    m = _ARTICLE_THEN_SEPARATOR_LOW_RE.match(low, at, nxt)
    if m is not None and m.end() < nxt:
        return at  # an article alone
    if low[nxt] not in ASCII_DIGITS:
        return None
    m = _ARTICLE_THEN_BLANKS_LOW_RE.match(low, at, nxt)
    return m.end(1) if m is not None and m.end() == nxt else None  # after the article


def _numbers(text: str, lang: str, look: Look):
    """Number phrases, each read into the longest well-formed number, with its context: two
    numbers in a row may make a range or a ratio."""
    figures = _read_phrases(text, lang, look)
    if not figures:  # most sentences
        return
    # A bare result takes its sport's unit ("in 10.12" in a race: seconds); see ``results``.
    sport = results.Sport(text, lang) if look.has_digits and results.may_hold_results(text, look.digits_from) else None
    i, count = 0, len(figures)
    while i < count:
        try:
            cand, read = _in_context(text, lang, figures, i, sport, look.low)
        except Exception:  # this figure is left out; the next are read
            log.warning("a figure that cannot be read is left out: %r",
                        _excerpt(text, figures[i].start), exc_info=True)
            cand, read = None, 1
        i += read
        if cand:
            yield cand


def _in_context(text: str, lang: str, figures: list[Figure], i: int, sport, low: str | None) -> tuple[Candidate | None, int]:
    """(the candidate of figure ``i`` read in its context, how many figures it took): with the
    next one, a rate, ratio or range; else the figure alone (``low``: the text lower-cased)."""
    fig = figures[i]
    nxt = figures[i + 1] if i + 1 < len(figures) else None
    # Two numbers with only blanks between them make no rate, ratio or range (their readers
    # need a word or a mark between): a bare number is read at once (``bare_figure``).
    if (nxt and fig.kind == nxt.kind == "number"
            and not _BLANKS_RE.fullmatch(text, fig.end, nxt.start)):
        cand = (rates.read_rate(text, lang, fig, nxt, read_figure)
                or read_ratio(text, lang, fig, nxt) or read_range(text, fig, nxt))
        if cand:
            return cand, 2
    if sport is not None:
        return read_figure(text, lang, results.sport_unit(text, fig, sport)), 1
    # ``bare_figure``'s first test, before the call (most figures fail it): a tenth of this reader.
    if fig.after is None and fig.end - fig.start <= 3:
        bare = bare_figure(text, fig)
        if bare:
            return bare, 1
    return read_figure(text, lang, fig, low), 1


# A number of one to three digits with nothing but digits, spaces, tabs, hyphens and the words
# "e" and "and" for BARE_BEFORE characters before it and BARE_AFTER after it (or up to the
# sentence's edge): one of a run of bare numbers ("1 1 1 ...", "1-1 1-1 ...", "1 e 1 e ...", a
# column of counts between tabs). Every rule of ``read_figure`` needs another word, a sign
# other than a hyphen, a mark or four digits within those windows (the longest looks: 60
# characters back for a title, 80 ahead for a threshold verb), so such a number, when it makes
# no range or score with the next, is a plain count, exact, checkable: made here at once, not
# after a dozen look-ups that find nothing (half the time of 100 KB of "1 ").
# tests/grammar/test_bare_runs.py checks it against ``read_figure`` on runs with words around.
BARE_BEFORE, BARE_AFTER = 64, 88
_BARE_AROUND_RE = compile_pattern(r"(?:[0-9 \t-]|(?<!\w)(?:e|and)(?!\w))*")
_BARE_CHARS_RE = compile_pattern(r"[0-9 \t-]*")  # the same without the words, four times faster
_BLANKS_RE = compile_pattern(r"[ \t]*")


def bare_figure(text: str, fig: Figure) -> Candidate | None:
    """The candidate of ``fig`` read alone when it is a number in a run of bare numbers
    (above), else None (to be read in full)."""
    start, end = fig.start, fig.end
    if fig.after is not None or end - start > 3 or fig.kind != "number":
        return None
    lo, hi = max(0, start - BARE_BEFORE), end + BARE_AFTER
    if not (_BARE_CHARS_RE.fullmatch(text, lo, hi) or _BARE_AROUND_RE.fullmatch(text, lo, hi)):
        return None
    surface = text[start:end]
    if not surface.isdigit():  # "-1": a sign
        return None
    return tuple.__new__(Candidate, (Priority.FIGURE, start, end, _make_mention(  # (see ``_digits_figure``)
        text=surface, start=start, end=end, kind="count", value=format_value(fig.value))))


def _read_phrases(text: str, lang: str, look: Look) -> list[Figure]:
    """The number read from each number phrase, in order, with the unit right after it."""
    figures = []
    low, starts = look.low, look.starts
    pos = 0
    # Over the lower-cased text when there is one: the same matches, found faster.
    phrase_re, subject, article_firsts = PHRASE_RE[lang], text, ""
    if low is not None and PHRASE_LOW_RE[lang] is not None:
        # (The articles' tests below read the lower-cased text: only then are they made.)
        phrase_re, subject, article_firsts = PHRASE_LOW_RE[lang], low, "ua"
    for k, at in enumerate(starts):
        if at < pos:
            continue
        first = subject[at]
        if at:
            before = subject[at - 1]  # "After a word", below: a tenth of the places, at one test
            if before.isalnum() or before == "_" or before in ".," and first in _DIGITS_OR_MARKS:
                continue  # what the phrase pattern and ``bare_phrase`` would say
        alone = None
        if first in ASCII_DIGITS:
            # Digits no other token follows (``_DIGITS_ALONE_RE``, most), read at once: 0.1 ms an article.
            alone = _DIGITS_ALONE_RE.match(subject, at)
            if alone is not None and alone.start(1) >= 0 and k + 1 < len(starts) and starts[k + 1] == alone.start(1):
                alone = None  # a token may follow
        elif first in article_firsts:
            read_on = _article_without_number(low, starts, k)
            if read_on is not None:
                pos = read_on  # what the phrase pattern and the tests below would say, five times faster
                continue
        if alone is None:
            read = _phrase_at(text, lang, at, first, subject, phrase_re)
            if read is None:
                continue
            figure, pos = read
        else:
            try:
                figure, pos = _digits_figure(text, lang, at, text[at:alone.end()],  # spoken decimals: blanks, "p"/"v"
                                             alone.start(1) >= 0 and subject[alone.start(1)] in "pvPV")
            except Exception:  # as in ``_phrase_at``
                log.warning("a number phrase that cannot be read is left out: %r", _excerpt(text, at),
                            exc_info=True)
                continue
        if figure:
            figures.append(figure)
    return figures


def _phrase_at(text: str, lang: str, at: int, first: str, subject: str,
               phrase_re: re.Pattern) -> tuple[Figure | None, int] | None:
    """(the figure of the phrase at ``at`` or None, where to read on), read with ``phrase_re`` over
    ``subject`` (``text`` or its lower-cased twin); None when none starts there or cannot be read."""
    # (``bare_phrase`` needs a digit, and its pattern, tested before the call: most digits are no run.)
    bare = bare_phrase(text, lang, at) if first in ASCII_DIGITS and _BARE_PHRASE_RE.match(text, at) else None
    m = None if bare else phrase_re.match(subject, at)
    if not bare and not m:
        return None
    if m:
        phrase = text[at:m.end()]
        if phrase.lower() in ARTICLES:
            # An article alone ("un", "a": half the phrases of a text) is no number: what
            # ``compose`` would say, at the cost of a dictionary look-up.
            return None, m.end()
    try:
        # Most phrases are one token: digits ("2024", "1.598.871") or a word ("secondo"),
        # read here without the tokenizer and, for digits, ``compose`` and ``_figure_of``
        # (what they would make of them; a third of this reader's time).
        if m is None:
            return _figure_of(text, lang, at, *bare)
        if phrase.isdecimal() or not phrase.strip(_DIGITS_AND_MARKS):  # no separator: one token
            return _digits_figure(text, lang, at, phrase)
        if phrase.isalpha():
            return _figure_of(text, lang, at, PhraseTokens([phrase], 0, [len(phrase)]), compose([phrase], lang))
        return _figure_of(text, lang, at, *_read_phrase(text, lang, at, m, subject))
    except Exception:  # this phrase is left out, from its first character; the next are read
        log.warning("a number phrase that cannot be read is left out: %r", _excerpt(text, at),
                    exc_info=True)
        return None


# ASCII digits that make a phrase alone: then the text's end, a "." before no digit, a mark that
# begins no token, separator, decimal, group, fraction, exponent or scale ("%", ")"; a digit of
# another script is \w), or blanks then a word (its first letter in group 1) that is not "k"/"m"
# alone (scales), "x..." ("x 10^"), "and"/"e" then a blank (separators), "un..." (the one piece
# shorter than the scan's prefixes: "unmilione"), and is no token: not the next of the unique,
# ordered ``starts`` (every other token starts where the phrase pattern may match), in any case.
# tests/grammar/test_digits_alone.py.
_DIGITS_ALONE_RE = compile_pattern(
    r"[0-9]+(?=\Z|\.(?!\d)|[^\w\s.,/^×\-–]|\s+(?!(?i:[km](?![\w'’])|x|and\s|e\s|un))([^\W\d_]))")


# After a word: where a phrase may start, the character before tells when the phrase pattern
# finds nothing there: both its token kinds need a non-word character before them (\w is what
# ``isalnum`` or "_" is), and digits, a sign or a decimal mark need no "." or "," before them
# either ("1.598" holds three places: "598" and ".598" start no phrase). Digits and marks begin
# no word.
_DIGITS_OR_MARKS = frozenset("0123456789-−+.,")
# A phrase of these characters alone holds no separator (each needs a blank or a dash), so it is
# one token; the tokenizer would find it whole (checked on 48,000 such phrases).
_DIGITS_AND_MARKS = "0123456789.,"


def _digits_figure(text: str, lang: str, at: int, digits: str, spoken: bool = True) -> tuple[Figure | None, int]:
    """``_figure_of`` of a phrase that is one token of digits and marks: its value as ``compose``
    reads a number alone (an int for digits alone), no noun in it (``number_tokens``), then its
    context; no figure, read on after it, when the marks make no number ("1.2,3.4"). ``spoken``
    False: no spoken decimals ("virgola cinque") can follow, not looked for."""
    end = at + len(digits)
    if digits.isdecimal():
        value = int(digits)  # what ``atoms`` reads, without its look-up
    else:
        found = atoms(digits, lang)
        if found is None:
            return None, end
        value = found[0][1]
    # ``decimal_words``' and ``signed``'s first tests before the call: most numbers have neither.
    number_end, start = end, at
    if spoken and DECIMAL_WORD_RE.match(text, end):
        value, number_end = decimal_words(text, end, lang, value)
    if lang == "en":
        start, value = signed(text, at, value, lang)
    after = unit_after(text, number_end, lang)
    # ``tuple.__new__``: the named tuple without its own ``__new__`` (a Python call per figure).
    return tuple.__new__(Figure, (start, number_end, value, "number", after)), max(
        after.end if after else number_end, end)


# Digits, blanks, a hyphen or "e"/"and" between blanks, digits: the phrase of a run of bare
# numbers ("1 1 1 ...", "1-1", "1 e 1", counts between tabs). Its first token is the digits (the phrase pattern's digits, as no
# decimal mark, scale letter, "x 10^" or fraction bar follows them), and ``compose`` reads
# digits then digits, with "e"/"and" between them too, as the first alone (see there): what ``_read_phrase`` gives, without
# matching a window of tokens and splitting it. Not when the second digits are a fraction ("1 1/2") or may group with the first
# ("1 500" is 1500: three digits after one space).
_BARE_PHRASE_RE = compile_pattern(r"(?<![\w.,])([0-9]+)([ \t]+|[ \t]*-[ \t]*|[ \t]+(?:e|and)[ \t]+)([0-9]+)(?![0-9/])")


def bare_phrase(text: str, lang: str, at: int) -> tuple[PhraseTokens, Reading] | None:
    """``_read_phrase``'s (tokens, reading) of the phrase at ``at`` when it is digits, blanks, a
    hyphen or "e"/"and", and digits (above), else None."""
    m = _BARE_PHRASE_RE.match(text, at)
    if m is None or m.group(2) == " " and len(m.group(3)) == 3:
        return None
    digits = m.group(1)
    value = 0.0 + atoms(digits, lang)[0][1]  # a float, as compose makes it
    return PhraseTokens([digits], 0, [len(digits)]), Reading(value, 1, "number", 3)


def _read_phrase(text: str, lang: str, at: int, m: re.Match, subject: str) -> tuple[PhraseTokens, Reading]:
    """The tokens of the phrase ``m`` found at ``at`` and the number they begin with: in a window
    of ``PHRASE_TOKENS`` tokens, or a longer one when the reading goes on to the end of a full
    window (the number may go on after it)."""
    tokens = phrase_tokens(text[at:m.end()], lang)
    reading = compose(tokens.texts, lang)
    window = PHRASE_TOKENS
    # The reading stops before the window's last token (which a window cut short may read
    # otherwise), or the phrase is shorter than its window: the same as without a window.
    while len(tokens.texts) <= reading.looked_at and len(tokens.texts) >= window < LONG_PHRASE_TOKENS:
        window *= 2
        longer = phrase_re_of(lang, subject is not text, window).match(subject, at)
        if longer.end() == m.end():
            break
        m = longer
        tokens = phrase_tokens(text[at:m.end()], lang)
        reading = compose(tokens.texts, lang)
    return tokens, reading


def _figure_of(text: str, lang: str, at: int, tokens: PhraseTokens, reading: Reading) -> tuple[Figure | None, int]:
    """(the figure a phrase at ``at`` begins with or None, where the next phrase may start)."""
    value, used, kind, _ = reading
    keep = number_tokens(text, at, tokens.texts, tokens.ends, used) if used else 0
    if keep != used:  # its last word is the noun counted: "50 mezzi", "4 quarti di finale"
        value, used, kind, _ = compose(tokens.texts[:keep], lang) if keep else (0, 0, "number", 0)
    if not used:
        return None, at + max(1, tokens.ends[0] if tokens.ends else 1)
    start, end = at + tokens.first, at + tokens.ends[used - 1]
    if kind == "number":  # (``decimal_words``' and ``signed``'s first tests: see ``_digits_figure``)
        if DECIMAL_WORD_RE.match(text, end):
            value, end = decimal_words(text, end, lang, value)
        if lang == "en":
            start, value = signed(text, start, value, lang)
    after = unit_after(text, end, lang)  # "3,5 per cento": "cento" is the unit's, not a number
    return tuple.__new__(Figure, (start, end, value, kind, after)), max(  # (see ``_digits_figure``)
        after.end if after and kind == "number" else end, at + tokens.ends[used - 1])


# The readers of ``prefilter.readers_for``, by name; "numbers" is ``_numbers``.
_READERS = {
    "world_war": lambda text, look, places, when, lang: world_war(text),
    "dates": lambda text, look, places, when, lang: calendar.dates(text, look.low, places, lang=lang, when=when,
                                                                   month_named="date" in look.cued, look=look),
    "times": lambda text, look, places, when, lang: calendar.times(text),
    "digit_ordinals": lambda text, look, places, when, lang: digit_ordinals(text),
    "decades": lambda text, look, places, when, lang: calendar.decades(text),
    "relative_years": lambda text, look, places, when, lang: calendar.relative_years(text, when.year),
    # A month alone is a cue word, whole: tried only where the scan found one (a third of this reader).
    "month": lambda text, look, places, when, lang: calendar.months(text, look.low, look.cue_at, lang=lang, when=when),
    "results": lambda text, look, places, when, lang: results.colon_times(text, lang, hedge_before),
    "marked_times": lambda text, look, places, when, lang: results.marked_times(text, hedge_before),
    "vague": lambda text, look, places, when, lang: calendar.vague_amounts(text, lang, look.low, look.cue_at),
}


def _candidates(text: str, lang: str, when: calendar.ArticleDate) -> list[Candidate]:
    """Every candidate mention of ``text``, in the order of its readers (which breaks ties). A
    reader that fails (a bug) loses its own candidates from there on, not the others'."""
    found: list[Candidate] = []
    for name, reading in _readings(text, lang, when):
        try:
            found.extend(reading)  # keeps what the reader gave before it failed, if it does
        except Exception:
            log.exception("the %s reader failed on %r (%d characters): its other candidates are "
                          "left out", name, _excerpt(text), len(text))
    return found


def _excerpt(text: str, at: int = 0) -> str:
    """The 60 characters of ``text`` from ``at``, for a log line."""
    return text[at:at + 60] + ("…" if len(text) > at + 60 else "")


def _readings(text: str, lang: str, when: calendar.ArticleDate):
    """(name, candidates) of each reader worth running on ``text``, in order; the candidates
    are read as they are asked for."""
    look = scan(text)
    readers = readers_for(text, look, when.year)
    # Where a date may start (see ``calendar._found``), for that reader only (most sentences do
    # not run it; it runs only on a text with digits). A month alone starts at a cue word.
    places = None if look.cue_at is None or "dates" not in readers else sorted({*look.starts, *look.cue_at})
    for reader in readers:
        if reader == "numbers":
            yield reader, _numbers(text, lang, look)
        else:
            yield reader, _READERS[reader](text, look, places, when, lang)
    # The readers below give up at once on a lower-cased text without their cue words, as most
    # sentences are: one search for all those words tells, instead of each reader's own tests.
    cued = look.low is None or _quiet_cues_low_re(lang).search(look.low) is not None
    if cued:
        yield "ages", number_words.ages(text, look.low, lang)  # "un trentenne", "un 45enne"
        yield "exactly_one", number_words.exactly_one(text, look.low, lang)  # "un solo caso"
        yield "not_numbers", number_words.not_numbers(text, look.low, lang)  # "forti venti" (winds)
    if look.has_digits:
        yield "glued_symbols", symbols.glued_symbols(text, lang, hedge_before, look.digits_from)  # English "45C"
    if cued or look.has_digits and ("x" in text or "×" in text):
        yield "without_a_number", _without_a_number(text, look)


@lru_cache(maxsize=None)
def _quiet_cues_low_re(lang: str) -> re.Pattern:
    """The cue words of ``number_words``' readers and of the multiplier and share readers
    (``comparisons``) in ``lang``, as one pattern for lower-cased text (see ``_readings``)."""
    return compile_pattern(L.alternation(
        {*number_words.cue_substrings(lang), *comparisons.CUE_SUBSTRINGS}, space=" "))


def _without_a_number(text: str, look: Look):
    """Figures written without a number ("raddoppiato", "la metà") and relays ("4x400")
    (``comparisons``, ``names``)."""
    yield from comparisons.multiplied(text, hedge_before, look.low)
    yield from comparisons.shares(text, hedge_before, look.low)
    if look.has_digits and ("x" in text or "×" in text):
        yield from names.relays(text)


def _rank(candidate: Candidate) -> tuple:
    """Which of two overlapping candidates wins: the lower priority, then the longer, then the
    first (a stable sort keeps the order of ``_candidates`` between equal ones)."""
    priority, start, end, _ = candidate
    return priority, start - end, start


def _without_overlaps(cands: list[Candidate], size: int) -> list[Mention]:
    """The mentions of the candidates that win their overlaps, sorted by start (``size``: the
    text's length)."""
    if len(cands) < 2:  # most texts: what the loop below keeps of none or one
        return [cands[0].mention] if cands and cands[0].start < cands[0].end else []
    cands.sort(key=_rank)
    if len(cands) > _FEW_CANDIDATES:
        return _without_overlaps_marked(cands, size)
    starts, ends, kept = [], [], []
    for _, s, e, mention in cands:
        if s >= e:
            continue
        i = bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.insert(i, mention)
    return kept


# Above this many candidates, the text's characters taken are marked in a byte array (one pass
# over each candidate's characters), not kept in sorted lists (an insertion moves the list's tail:
# the square of the count for a sentence of thousands of figures).
_FEW_CANDIDATES = 64


def _without_overlaps_marked(cands: list[Candidate], size: int) -> list[Mention]:
    """``_without_overlaps`` for many candidates, already sorted by rank."""
    taken = bytearray(size)
    kept = []
    for _, s, e, mention in cands:
        if s < e and taken.find(1, s, e) < 0:
            taken[s:e] = b"\x01" * (e - s)
            kept.append((s, mention))
    kept.sort(key=lambda pair: pair[0])
    return [mention for _, mention in kept]


def find_mentions(text: str, lang: str = "it", *, year: int | None = None,
                  published: str = "") -> list[Mention]:
    """Every number mention in ``text``, sorted by start and non-overlapping.

    ``lang`` is "it" or "en" (it decides "10.000" vs "10,000"; "en-GB" is "en"); ``year`` is the
    article's year, used only for "lo scorso anno" / "last year"; ``published`` is the article's
    date (ISO, as ``Article.published``), for "lo scorso marzo" / "next January".

    Raises ``UnknownLanguageError`` (a ``VerifyError``) for a language it cannot read ("fr").
    Any text is read: a figure that cannot be read (a bug, a value past the largest float) is
    left out, the others kept, and the error logged on the ``verify.grammar`` logger.
    """
    lang = language_of(lang)
    if not isinstance(text, str) or not text:
        return []
    return _without_overlaps(_candidates(text, lang, calendar.article_date(year, published)),
                             len(text))
