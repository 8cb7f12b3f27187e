"""Word tables of the number grammar (Italian and English), built from the language packs.

The words live in data files, one folder per language (``verify/lang/it/``, ``verify/lang/en/``,
and ``verify/lang/units.csv`` for the units of both; see ``verify.lang``). This module gives the
grammar the tables it reads, under the names it has always read (``IT_SMALL``, ``UNITS``,
``MONTHS``, ``HEDGES``...), built from the packs once, at import; ``verify.grammar`` builds its
regular expressions from them. To teach the grammar a new unit, hedge or month, add a row to a
pack's file; no code changes are needed.

Where a table serves both languages (``UNITS``, ``MONTHS``, ``FRACTIONS``...), it is the Italian
pack's words, then the English pack's.
"""

from __future__ import annotations

import re

from .pattern_cache import compile_pattern, remembered_text
from .. import lang as _lang
from ..errors import LanguagePackError

_IT, _EN = _lang.pack("it"), _lang.pack("en")
_UNITS = _lang.units()


def _both(it, en, *, name: str) -> dict:
    """The Italian table, then the English one's other words. A word both packs list must mean
    the same in both, as long as the grammar reads the two languages' words together."""
    merged = dict(it)
    for word, value in en.items():
        if merged.setdefault(word, value) != value:
            raise LanguagePackError(
                f"{word!r} means {it[word]} in the Italian pack and {value} in the English one "
                f"({name}): the grammar reads the two together; give it one meaning",
                source=str(_IT.folder))
    return merged


def _hedges(position: str) -> dict[str, list[str]]:
    """qualifier -> its words, of both packs, in the order of ``lang.QUALIFIERS``."""
    table = {q: [h.word for p in (_IT, _EN) for h in p.hedges
                 if h.qualifier == q and h.position == position] for q in _lang.QUALIFIERS}
    return {q: hs for q, hs in table.items() if hs}


def _alternatives(words) -> str:
    """Plain words as a regex alternation: a space is any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


# --- Cardinal number words --------------------------------------------------------------------
# Italian writes numbers as one word made of pieces ("duecentosessantamila"), so these are the
# *pieces*; the parser joins them. Elided forms ("vent" of "ventuno") are listed as pieces too.
IT_SMALL = dict(_IT.small)
IT_HUNDRED = dict(_IT.hundreds)
IT_SCALE = dict(_IT.scales)
EN_SMALL = dict(_EN.small)
EN_HUNDRED = dict(_EN.hundreds)
EN_SCALE = dict(_EN.scales)
# An article stands for 1 only before a scale or a fraction ("un milione", "a hundred",
# "a half"); alone it is a determiner, not a number (Recognizers counts it: a known difference).
ARTICLES = _both(_IT.articles, _EN.articles, name="numbers.csv, article")
# Abbreviated scales written after digits: "10k", "$95bn", "2 mln", "1,2 mld".
SUFFIX_SCALE = _both(_IT.suffix_scales, _EN.suffix_scales, name="numbers.csv, suffix")

# --- Fractions ---------------------------------------------------------------------------------
# Denominators after a numerator ("due terzi", "three quarters"); "mezzo"/"half" also alone.
FRACTIONS = _both(_IT.fractions, _EN.fractions, name="fractions.csv")
HALF_WORDS = set(_IT.halves | _EN.halves)
DOZEN = _both(_IT.dozens, _EN.dozens, name="numbers.csv, dozen")
# Their plurals count only after a number ("three dozens"): alone, "dozens" is vague (VAGUE).
DOZENS = set(_IT.dozen_plurals | _EN.dozen_plurals)

# --- Ordinals ----------------------------------------------------------------------------------
IT_ORDINALS = dict(_IT.ordinals)
EN_ORDINALS = dict(_EN.ordinals)
# Ordinals that are part of a name, not a claim: the words that follow them.
ORDINAL_NAMES_AFTER = "|".join(dict.fromkeys((*_IT.ordinal_names, *_EN.ordinal_names)))
# Words that make "secondo"/"prima" something else: "secondo l'agenzia" (according to),
# "prima di" (before). An ordinal in Italian needs an article or determiner before it.
IT_ORDINAL_DETERMINERS = _alternatives(_IT.ordinal_determiners)

# --- Hedges (qualifiers); the words are part of the mention's span ---------------------------
HEDGES = _hedges("before")
# Comparison signs before a number (">30", "≤ 100"), as data tables and some reports write them.
HEDGE_SIGNS = dict(_lang.hedge_signs())
# Hedges written after the number ("200 or more", "cinque o più"); part of the mention too.
HEDGES_AFTER = _hedges("after")
# Hedges that are *not* qualifiers before a year or a date ("fino al 2030" is a time limit).
# Kept simple: hedges apply to counts, quantities, money, percentages and durations only.

# Vague quantity words: "migliaia" (thousands) is more than 1000.
VAGUE = _both(_IT.vague, _EN.vague, name="vague.csv")
# Of those, the ones that multiply another ("decine di migliaia": more than ten thousand).
VAGUE_SCALES = tuple(dict.fromkeys((*_IT.vague_scales, *_EN.vague_scales)))
# Approximate numerals: "una decina di feriti" is about ten, "un centinaio" about a hundred.
APPROXIMATE = _both(_IT.approximate, _EN.approximate, name="vague.csv, approximate")

# --- Units and counted nouns: surface (lower case) -> (unit, kind) ---------------------------
# One table, ``verify/lang/units.csv``: each unit with its symbols and its words in each language.
CURRENCY_SYMBOLS = {sign: u.name for u in _UNITS for sign in u.before}
UNITS = {w: (u.name, u.kind) for u in _UNITS for w in (*u.words.get("it", ()),
                                                        *u.words.get("en", ()), *u.symbols)}
# The same, for a text in one language: its own words, the symbols, and the words of the
# languages its pack borrows units from (borrows.csv: "10 miles" in Italian; "case" is no unit
# in English).
UNITS_BY_LANGUAGE = {p.code: {w: (u.name, u.kind) for u in _UNITS for c in (p.code, *p.borrows["units"])
                              for w in (*u.words.get(c, ()), *u.symbols)} for p in (_IT, _EN)}
# Unit words that are too ambiguous on their own after a bare number ("2 in", "3 a",
# "5 m"): accepted only right after the digits (no space) or never.
TIGHT_UNITS = {s for u in _UNITS if u.spacing in ("tight", "any") for s in u.symbols}
# Measures that can be written with no space and also with a space ("4,000 km", "10 kg").
SPACED_ABBREVIATIONS = {s for u in _UNITS if u.spacing == "any" for s in u.symbols}

# --- Calendar ----------------------------------------------------------------------------------
MONTHS = _both(_IT.months, _EN.months, name="months.csv")
# The same, for a text in one language: its own, and those of the languages its pack borrows
# months or month names from ("settembre" in English, but "10 set" is no date in English).
MONTHS_BY_LANGUAGE = {p.code: {**{w: n for c in (p.code, *p.borrows["months"])
                                  for w, n in _lang.pack(c).months.items()},
                               **{w: n for c in p.borrows["month_names"]
                                  for w, n in _lang.pack(c).month_names.items()}}
                      for p in (_IT, _EN)}
# Of those, the names written out ("maggio", "May"), not abbreviated: a month alone is one of them.
MONTH_NAMES = _both(_IT.month_names, _EN.month_names, name="months.csv")
# English month names that are also common words: a month only when capitalised.
ENGLISH_MONTH_WORDS = set(_EN.capitalised_months)
WEEKDAYS = _alternatives(dict.fromkeys((*_IT.weekdays, *_EN.weekdays)))
DECADE_WORDS = _both(_IT.decades, _EN.decades, name="decades.csv")
# Words before a 4-digit number that make it a year ("nel 1961", "in 2022"); a space in one is
# any run of white space.
YEAR_CUES = tuple(dict.fromkeys((*_IT.year_cues, *_EN.year_cues)))
RELATIVE_YEARS = _both(_IT.relative_years, _EN.relative_years, name="relative_years.csv")


# The digits a figure written in digits starts with (``str.isdigit`` also takes "²" and "٣"):
# tested by the readers before they try a pattern.
ASCII_DIGITS = frozenset("0123456789")


def alternation(words, *, space: str = r"\s+") -> str:
    """A regex alternation of ``words`` that prefers the longest ("milioni" wins over "mila").

    Built as a trie ("du(?:e|ecento|...)") rather than a flat "a|b|c": Python's regex engine
    tries a flat alternation's words one by one at every word start, and with a few hundred
    number words that was most of the extractor's time. The words matched, and the preference
    for the longer word at each branch, are the same. A space in a word matches ``space``: any
    run of whitespace unless told otherwise (" " for exactly one space). Kept in the pattern
    cache, as the compiled patterns are: building them took 38 ms at every start.
    """
    words = tuple(sorted(set(words)))  # the key: the same words in any order, the same text
    return remembered_text(("alternation", space, words),
                           lambda: _trie_regex(_trie(words), space))


def _trie(words) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: dict, space: str) -> str:
    branches = [(space if ch == " " else re.escape(ch)) + _trie_regex(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
    # Longer words first, then the word that ends here: (?:...)? is greedy, so it tries them first.
    return "(?:%s)?" % body if "" in node else body


# --- Searching lower-cased text -------------------------------------------------------------------
# A case-insensitive pattern costs the regex engine a case-folding at every character it tries.
# Where that matters, the extractor runs a pattern case-sensitively over ``text.lower()`` instead,
# or looks for a word in it with a plain substring test. Both find what the IGNORECASE pattern
# finds over ``text``, at the same offsets, because (checked over all of Unicode):
# - a character that case-insensitively matches a lower-case Latin letter (a-z, U+00DF-U+024F)
#   lowers to that letter, except "İ", "ı" and "ſ" (Python's re takes "ı" for "i", "ſ" for "s");
# - ``lower()`` keeps the length of every other character and its membership of \w, \d and \s.
# So ``lowered`` gives no lower-cased copy of a text with one of those three characters, and a
# pattern may run over the copy only when its letters are all in that range (``caseless``); the
# IGNORECASE pattern runs over the text as written otherwise.
CASE_ODDITIES = ("\u0130", "\u0131", "\u017f")


def caseless(words) -> bool:
    """Whether the lower-case ``words`` (or a pattern's text) may be looked for in ``lowered``
    text: each character is caseless ("'", " ", "|") or a lower-case letter of the checked range."""
    return all(ch == ch.lower() == ch.upper()
               or (ch.islower() and ("a" <= ch <= "z" or "\u00df" <= ch <= "\u024f")
                   and ch not in "ıſ")
               for ch in set("".join(words)))  # each character once: 15,000 at import


def lowered(text: str) -> str | None:
    """``text.lower()``, or None when ``text`` holds a character that lower-casing does not treat
    the way an IGNORECASE pattern does (see above)."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:  # CASE_ODDITIES, unrolled
        return None
    return text.lower()


# In a pattern's text: what names no character to match ("(?P<day>", the classes \W, \D, \S, \B),
# and the escapes that name one by its code (\u00a0).
_NOT_MATCHED_RE = compile_pattern(r"\(\?P<\w+>|\(\?P=\w+\)|\\[WDSB]")
_CODE_ESCAPE_RE = compile_pattern(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def lower_case_twin(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern``, an IGNORECASE pattern, compiled without IGNORECASE to run over ``lowered``
    text, where it matches what ``pattern`` matches in the text, at the same offsets: when every
    character it names is caseless or a lower-case letter of the checked range (``caseless``).
    None otherwise (an upper-case letter, a "\\N{...}" escape)."""
    named = _NOT_MATCHED_RE.sub("", pattern.pattern)
    named = _CODE_ESCAPE_RE.sub(lambda m: chr(int(m.group(m.lastindex), 16)), named)
    if not caseless([named]):
        return None
    return compile_pattern(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# --- Patterns that open with a class of characters ----------------------------------------------
# A pattern that opens with a class is tried only at the characters of that class: the regex
# engine runs through the text testing each character against the class. A class that names a
# Unicode category (\d, \W) costs a look-up in Unicode's tables for every character, several
# times a test against the 256-bit table that a class of explicit characters below U+0100 gets.
# ``latin1_lead`` writes the class so: its own characters below U+0100, listed, or any other
# character, which the look-behind then tests against the class itself (rare in a text in Latin
# script: curly quotes, dashes). The pattern matches what it did, at the same places.

def latin1_lead(char_class: str, flags: int = 0, *, costly: bool = False) -> str:
    """``char_class`` (a class such as ``r"[\\W\\d_]"``, to open a pattern) as a class that is
    cheaper to test: the characters below U+0100 that ``char_class`` matches (with ``flags``), or
    a character at or above U+0100 that a look-behind finds in ``char_class``. ``costly``: the
    look-behind skips the class for a character below U+0100, listed already (worth it where the
    class names a category such as \\W, slower where it lists characters first)."""
    member = compile_pattern(char_class, flags)
    # Written as "not one of the characters below U+0100 that it does not match": the same set
    # as "the ones it matches, or U+0100 and above", compiled ten times faster (the range up to
    # U+10FFFF is a 64K-entry table to build: 8 ms a pattern at import) and tested as fast.
    unlisted = "".join(re.escape(chr(i)) for i in range(256) if not member.fullmatch(chr(i)))
    behind = r"[\x00-\xff]|" + char_class if costly else char_class
    return r"[^%s](?<=%s)" % (unlisted, behind)
