"""The first look at a text: where a number phrase may start, and which readers to run.

Most sentences have no date, decade, time or vague amount, and a number phrase starts at only a
few places in each; the patterns that find those are costly to try at every character. One scan
of the lower-cased text (``scan``) finds the places where a number phrase may start and the cue
words of the other readers, and ``readers_for`` names the readers worth running. The cue words
and first words are generated from the language data (``verify.grammar.lexicon``): a new row there needs
no change here.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern
from . import lexicon as L
from .calendar import MONTH_FULL_WORDS
from .results import MARKED_TIME_CUE_RE
from .tokens import FIRST_WORDS, IT_PIECES
from .types import Look

_I = re.IGNORECASE
_alt = L.alternation
# Texts are lower-cased once (``_lowered``) for the word patterns and cues that run over them
# without IGNORECASE; see "Searching lower-cased text" in ``verify.grammar.lexicon``.
_lowered, _caseless = L.lowered, L.caseless

# The positions are those that one scan for "a sign, mark, digits or fraction sign, or a word
# start" would find. Three scans find the same ones faster, each written so that the regex engine
# skips most characters (a pattern that opens with a character class is tried only at the
# characters of that class):
# - digits: that class first, then a lookbehind tells which alternative the character began;
# - words, over the lower-cased text (``_lowered``), in one scan with the cue words (``scan``):
#   led by the non-letter before the word, so tried only there (the text's first word on its
#   own). A word is matched whole, so scanning words apart from digits changes no position,
#   except that a fraction sign inside a word ("tre½") is reported too, where the phrase regex
#   (a number needs a non-word character before it) finds nothing;
# - "-esimo" words, the one alternative that reads a whole word before deciding: only where
#   "esim" is in the text.
# (Its first class written by ``latin1_lead``: \d is a Unicode category, slow to test at each
# character. So are the other patterns below that open with \d or [\W\d_].)
_DIGIT_START_RE = compile_pattern(L.latin1_lead(r"[-−+.,\d½⅓⅔¼¾⅕⅙⅛]")
                             + r"(?:(?<=[-−+])\s?(?=[\d.,])|(?<=[.,])(?=\d)|(?<=\d)\d*|(?<=[½⅓⅔¼¾⅕⅙⅛]))")
_WORD = r"(?:(?:%s)[^\W\d_]*|(?:%s)(?![^\W\d_]))" % (
    _alt({w[:3] for w in FIRST_WORDS if len(w) >= 3}),
    _alt({w for w in FIRST_WORDS if len(w) < 3}))
_ESIMO_START = r"(?<![^\W\d_])[^\W\d_]+esim[oaie](?![^\W\d_])"
_ESIMO_START_LOW_RE = compile_pattern(_ESIMO_START)  # for lower-cased text (``_lowered``)
# (the text's first word, a word after a non-letter, an "-esimo" word) over the text as written,
# for the texts ``_lowered`` leaves as they are
_WORD_START_RES = (compile_pattern(_WORD, _I), compile_pattern(r"[\W\d_]" + _WORD, _I),
                   compile_pattern(_ESIMO_START, _I))

# --- Cues ---------------------------------------------------------------------------------------
# Most sentences have no date, decade, time or vague amount, yet each of those patterns costs a
# scan of the whole sentence. So a pattern runs only over a text that holds one of its cues: a
# cue is something every match of the pattern contains, so where none is, the pattern would find
# nothing. Two kinds of cues:
# - words ("maggio", "anni", "migliaia"). Every word-table pattern of ``calendar`` has its words whole: after
#   a non-word character (``(?<![\w])``, ``\s+``) or the start of the text, and before a
#   non-word character, white space or a period ("giu."). So a text can only match if one of the
#   pattern's cue words is there as a whole word. One scan of the lower-cased text (``_lowered``)
#   that tries only the places after a non-letter finds them all at once (``scan``). The cue
#   words come from the word tables, so a new row needs no change here;
# - for the patterns of digits, a small pattern (one character class first: the engine jumps
#   from digit to digit).


def _cue_words(phrases, common=()) -> list[str]:
    """A cue word for each of ``phrases``, one of its words: the first that is one of ``common``
    ("year" for "last year"), else its longest ("scorso" for "lo scorso anno")."""
    cues = []
    for phrase in phrases:
        words = phrase.lower().split()
        cues.append(next((w for w in words if w in common), max(words, key=len)))
    return cues


# Each family's cue words.
_CUE_WORDS = {
    "month": MONTH_FULL_WORDS,  # a month alone: its name written out
    "date": list(L.MONTHS),  # a date with a month's name or abbreviation ("19 giu 2024")
    "decade": [k for k in L.DECADE_WORDS if k.endswith("ies")] + ["anni", "years"],
    "relative": _cue_words(L.RELATIVE_YEARS, common=("year",)),
    "vague": list(L.VAGUE) + list(L.APPROXIMATE),
    "time": ["alle", "dalle", "delle"],  # "alle 10.30"; other times have a colon or "am"/"pm" (see below)
}
_ALL_CUED = frozenset(_CUE_WORDS)
# The scan reports the longest cue word at a place ("settembre"); the cue words it starts with
# may be there too ("set", for dates): for each, (family, its length).
_CUED_BY = {w: tuple({(f, len(c)) for f, cues in _CUE_WORDS.items()
                      for c in cues if w.startswith(c)})
            for words in _CUE_WORDS.values() for w in words}


# --- A first look at each text ------------------------------------------------------------------
# One scan of the lower-cased text finds both the cue words and the words where a number phrase
# may start: at each place after a non-letter (and at the text's start), the longest cue word
# there, if any, and whether a number-like word (``_WORD``) is there.
# ``_WORD`` is either a word that begins with one of a set of three-letter prefixes (``_PREFIXES``)
# or a short word alone (``_SHORT_WORDS``: "un", "a"); the scan of the lower-cased text reads
# four letters instead (``_WORD_STARTS``, below: fewer words). So one alternation is enough: a
# short word alone, or else the longest of the cue words and word starts there (``_look_up``
# tells what it is: the longest cue word it begins with, if any, and whether it begins with a
# word start). The longest cue word at the place is the one that it begins with (a longer one
# would have been found instead), and a word start is there whenever something that begins with
# one is found (else the word start would have been). The long alternation is only looked at, not read
# past, and a short word is letters only, so the next match starts no later than the next
# non-letter: no place after a non-letter is skipped.
# Every cue word and number-like word starts with one of a few letters: a position followed by
# none of them is given up at one test, before the alternations are tried.
_PREFIXES = frozenset(w[:3] for w in FIRST_WORDS if len(w) >= 3)
_SHORT_WORDS = frozenset(w for w in FIRST_WORDS if len(w) < 3)
assert _WORD == r"(?:(?:%s)[^\W\d_]*|(?:%s)(?![^\W\d_]))" % (_alt(_PREFIXES), _alt(_SHORT_WORDS))
# A short word alone is no cue word, nor the start of one (else the scan would miss that cue).
assert not any(c.startswith(w) and not c[len(w):len(w) + 1].isalpha()
               for c in _CUED_BY for w in _SHORT_WORDS)


def _four_letter_starts() -> tuple[frozenset, frozenset]:
    """(the first four letters of the number-like words of four letters or more, the number-like
    words of three letters): the first letters a number word written whole can have. Italian
    writes its numbers as one word of pieces ("trecentoventi"), so the starts of those words are
    here too: a piece of three letters or fewer and what may follow it ("tre", "dued" of
    "duedue"...)."""
    four = {w[:4] for w in FIRST_WORDS if len(w) >= 4}
    three = {w for w in FIRST_WORDS if len(w) == 3}
    begun = [p for p in IT_PIECES if len(p) < 4]
    while begun:  # the pieces' joins, to four letters
        joined = [b + p for b in begun for p in IT_PIECES]
        four |= {j[:4] for j in joined if len(j) >= 4}
        three |= {j for j in joined if len(j) == 3}
        begun = [j for j in joined if len(j) < 3]
    # Only where the three letters find a place too: "un" and a piece ("unmilione") start no
    # phrase there (no prefix is "unm"), and the places stay those the phrases were read at.
    return frozenset(f for f in four if f[:3] in _PREFIXES), frozenset(t for t in three if t in _PREFIXES)


# The look reads four letters where three were read (``_PREFIXES``, for the text as written): a
# word whose first three letters begin a number word but whose first four do not ("non", "elena",
# "quasi", a quarter of the words the three letters find) is no place to read a phrase at: a
# quarter fewer places, each a test of the phrase pattern, 0.05 ms an article. A word of three
# letters that is a number word or a piece ("tre", "sei") still finds any word it begins.
_FOUR, _THREE = _four_letter_starts()
assert all(w[:4] in _FOUR or w[:3] in _THREE for w in FIRST_WORDS if len(w) >= 3)
_WORD_STARTS = _FOUR | _THREE
_LOOK_FIRST = "[%s]" % "".join(sorted({re.escape(w[0]) for w in [*_CUED_BY, *FIRST_WORDS]}))
# One group, which the short word or the long alternation fills (a short word is looked at too,
# not read past, as the long alternation: the next match starts at the next non-letter all the
# same): one ``m[1]`` per match instead of two named groups (a fifth of the scan's time).
_LOOK = r"(?=%s)(?=(%s(?![^\W\d_])|%s))" % (
    _LOOK_FIRST, _alt(_SHORT_WORDS), _alt({*_CUED_BY, *_WORD_STARTS}))
# For each thing the scan finds: (the longest cue word it begins with or None, whether it makes
# a number-like word: its first three or four letters are one of ``_WORD_STARTS`` (the longest
# thing found at a place begins with any shorter one there), or it is a short word alone).
_look_up = {found: (max((c for c in _CUED_BY if found.startswith(c)), key=len, default=None),
                    found[:3] in _THREE or found[:4] in _FOUR)
            for found in {*_CUED_BY, *_WORD_STARTS}}
assert not _SHORT_WORDS & _look_up.keys()
_look_up.update((short, (None, True)) for short in _SHORT_WORDS)
if _caseless(_CUED_BY) and _caseless(FIRST_WORDS):
    _LOOK_RE = compile_pattern(L.latin1_lead(r"[\W\d_]", costly=True) + _LOOK)  # (7% of this scan)
else:  # a word that cannot be looked for in lower-cased text: ``scan`` takes the slow way
    _LOOK_RE = None
_NOTHING_CUED = frozenset()
_START = re.Match.start  # list(map(_START, matches)): no list comprehension's frame (3.11)


def scan(text: str) -> Look:
    """A first look at ``text``.

    ``low`` is ``_lowered(text)``; ``cued`` the families of ``_CUE_WORDS`` with a cue word in the
    text, whole (all of them when it cannot tell); ``starts`` the positions where ``PHRASE_RE``
    may match, in order (a superset: it decides); ``cue_at`` where the cue words are (None when
    it cannot tell).
    """
    low = _lowered(text)
    starts = list(map(_START, _DIGIT_START_RE.finditer(text)))
    # Each run of digits begins one of these matches (a sign or mark before it is one of its own);
    # most often the first.
    has_digits = bool(starts) and (text[starts[0]].isdecimal()
                                   or any(text[at].isdecimal() for at in starts))
    digits_from = starts[0] if starts else 0
    if low is None or _LOOK_RE is None:
        return Look(low, _ALL_CUED, has_digits, _word_starts_as_written(text, starts), None, digits_from)
    # One scan of the words: where a number-like word is, where a cue word is and which.
    words, cue_at, cues = [], [], []
    # After a space put before the text, the text's first word is after a non-letter too: its
    # place in the text is where the space matched.
    for m in _LOOK_RE.finditer(" " + low):
        cue, word = _look_up[m[1]]
        if word:
            words.append(m.start())
        if cue:
            cue_at.append(m.start())
            cues.append(cue)
    # The digits' places and the words' are apart (a word starts with a letter), and each list
    # is in order: one merge, without a set, unless "-esimo" words may repeat a word's place.
    if "esim" in low:
        starts = sorted({*starts, *words, *(m.start() for m in _ESIMO_START_LOW_RE.finditer(low))})
    elif starts and words:
        starts = sorted(starts + words)
    elif words:
        starts = words
    # (tuple.__new__: without the named tuple's own __new__, a Python call, for every sentence)
    return tuple.__new__(Look, (low, _families_cued(low, cue_at, cues) if cues else _NOTHING_CUED,
                                has_digits, starts, cue_at, digits_from))


def _families_cued(low: str, cue_at: list[int], cues: list[str]) -> set[str]:
    """The families of the cue words ``cues`` found at ``cue_at``, each cue word whole (it ends
    where the word does)."""
    cued = set()
    for at, cue in zip(cue_at, cues):
        for family, n in _CUED_BY[cue]:
            if not low[at + n:at + n + 1].isalpha():
                cued.add(family)
    return cued


def _word_starts_as_written(text: str, starts: list[int]) -> list[int]:
    """``starts`` and the places where a number word may start, found in the text as written
    (the slow way, for a text that lower-casing would change in length)."""
    first, after_separator, esimo = _WORD_START_RES
    if first.match(text):
        starts.append(0)
    starts += [m.start() + 1 for m in after_separator.finditer(text)]
    starts += [m.start() for m in esimo.finditer(text)]
    return sorted(set(starts))


NUMERIC_DATE_CUE_RE = compile_pattern(r"\d(?:-\d|[/.]\d\d?[/.]\d|\d/\d\d)")  # "2024-06-19", "19/06/2024", "2020/21"
TIME_CUE_RE = compile_pattern(r"\d\s*[ap]\.?m", _I)  # "10 pm", "10.30 a.m."
DIGIT_ORDINAL_CUE_RE = compile_pattern(r"\d[°ºªsnrtem]", _I)  # "3°", "21st", "5th", "15esimo", "2nd"
DECADE_CUE_RE = compile_pattern(r"\d['’]?s", _I)  # "1980s", "’80s"
# What every time of ``calendar.times`` holds, when it has no "10 pm" (``TIME_CUE_RE``): "10:30",
# or a digit after "alle", "dalle", "delle", "verso le", "ore" ("alle 10.30", "alle ore 15"). A
# colon ("ha detto:") or "alle" ("alle munizioni") is in one sentence of ten, a time in few of
# them: ``calendar._TIME_RE`` tried at each character of each cost 0.15 ms an article, these
# two searches a tenth of that. The second over lower-cased text (``_lowered``).
CLOCK_CUE_RE = compile_pattern(r"\d:\d")
HOUR_AFTER_WORD_CUE_RE = compile_pattern(r"[lr]e\s+\d", _I)
HOUR_AFTER_WORD_CUE_LOW_RE = L.lower_case_twin(HOUR_AFTER_WORD_CUE_RE)
# Any of the four cues above: most texts with digits have none, and one search for all four costs
# what a search for one does.
_AFTER_A_DIGIT = r"-\d|[/.]\d\d?[/.]\d|\d/\d\d|\s*[ap]\.?m|[°ºªsnrtem]|['’]?s"  # (each cue's digit first)
DIGIT_CUES_RE = compile_pattern(r"\d(?:%s)" % _AFTER_A_DIGIT, _I)
# Those or a marked time's cue (``results.MARKED_TIME_CUE_RE``: "2'58", "10h30"), in one search:
# most texts with digits have neither, and a search costs the same for one cue or for all
# (0.03 ms an article saved). IGNORECASE finds more than the marked cue ("10H30"): that cue's own
# pattern decides, where this one finds something.
_MARKED_ALTERNATIVES = MARKED_TIME_CUE_RE.pattern.split("|")
assert all(a.startswith(r"\d") and "(" not in a for a in _MARKED_ALTERNATIVES)
DIGIT_OR_MARKED_CUES_RE = compile_pattern(r"\d(?:%s|%s)" % (
    _AFTER_A_DIGIT, "|".join(a[len(r"\d"):] for a in _MARKED_ALTERNATIVES)), _I)
# A decade in words: "anni" or "years" then what a decade needs after them ("anni ’40", "anni
# quaranta"), or "the forties". "anni" alone ("24 anni") is in many sentences without one, and
# ``calendar._DECADE_RE`` costs ten times this search; over lower-cased text (``_lowered``).
# Only whether it finds something counts: each alternative opens with a letter, so the regex
# engine jumps to the places where an "a", "y" or "i" is (an "-ies" word is found at its end,
# looked back at): six times faster than "(?:anni|years)..." tried at every character.
_DECADE_AFTER = r"\s+(?:['’‘]?\d0|1\d\d0|20\d0|%s)(?![\w])" % _alt(k for k in L.DECADE_WORDS if not k.endswith("ies"))
DECADE_WORDS_CUE_LOW_RE = compile_pattern(r"anni%s|years%s|ies(?![\w])(?:%s)" % (
    _DECADE_AFTER, _DECADE_AFTER, "|".join("(?<=%s)" % re.escape(k) for k in L.DECADE_WORDS if k.endswith("ies"))))


def readers_for(text: str, look: Look, year: int | None) -> list[str]:
    """The readers worth running on ``text``, in the order their candidates are proposed (which
    breaks ties between equal ones): each runs only where its cues are (see "Cues")."""
    cued, has_digits = look.cued, look.has_digits
    readers = ["world_war"] if look.low is None or "world" in look.low else []
    # Dates, times and digit ordinals are written with digits: most sentences have none.
    digit_cues = marked_cue = False
    # (Each pattern of digits below opens with a digit: searched from the first, ``digits_from``.)
    if has_digits:
        if DIGIT_OR_MARKED_CUES_RE.search(text, look.digits_from):
            digit_cues, marked_cue = DIGIT_CUES_RE.search(text, look.digits_from) is not None, True
        readers += _digit_readers(text, look, digit_cues, marked_cue)
    if ("decade" in cued and (look.low is None or DECADE_WORDS_CUE_LOW_RE.search(look.low))) or (
            digit_cues and DECADE_CUE_RE.search(text, look.digits_from)):
        readers.append("decades")
    if year is not None and "relative" in cued:
        readers.append("relative_years")
    readers.append("numbers")
    if "month" in cued:  # (two tests, not a list comprehension's frame: called for every sentence)
        readers.append("month")
    if "vague" in cued:
        readers.append("vague")
    return readers


def _digit_readers(text: str, look: Look, digit_cues: bool, marked_cue: bool) -> list[str]:
    """The readers of figures written with digits (dates, times, "3°") that ``text`` may hold
    (``marked_cue`` False: ``DIGIT_OR_MARKED_CUES_RE`` found nothing)."""
    readers, cued, at = [], look.cued, look.digits_from
    if "date" in cued or digit_cues and NUMERIC_DATE_CUE_RE.search(text, at):
        readers.append("dates")
    # "10:30": what every race time with colons holds too. Most colons are after a word ("ha
    # detto:"), and the race times' pattern, led by a look-behind, is tried at every character.
    clock = ":" in text and CLOCK_CUE_RE.search(text, at) is not None
    if clock:  # race times before clock times: "1:43" in a race is a time of 103 s
        readers.append("results")
    if marked_cue and MARKED_TIME_CUE_RE.search(text, at):  # 2'58"12, 10"85
        readers.append("marked_times")
    if digit_cues and TIME_CUE_RE.search(text, at) or ("time" in cued or ":" in text) and _clock_cued(
            text, look.low, clock):
        readers.append("times")
    if digit_cues and DIGIT_ORDINAL_CUE_RE.search(text, at):
        readers.append("digit_ordinals")
    return readers


def _clock_cued(text: str, low: str | None, clock: bool) -> bool:
    """Whether ``text`` holds "10:30" (``clock``: ``CLOCK_CUE_RE`` found it) or a digit after
    "alle", "le" or "ore"."""
    if clock:
        return True
    if low is not None and HOUR_AFTER_WORD_CUE_LOW_RE:
        return HOUR_AFTER_WORD_CUE_LOW_RE.search(low) is not None
    return HOUR_AFTER_WORD_CUE_RE.search(text) is not None
