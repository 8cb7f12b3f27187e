"""Names and common words of a text, Italian and English folded to one English form.

    >>> [(t.key, t.kind) for t in find_terms("La Corea del Nord ha inviato munizioni a Mosca.")]
    [('north korea', 'name'), ('sent', 'term'), ('munitions', 'term'), ('moscow', 'name')]
    >>> [t.key for t in find_terms("North Korea sent munitions to Moscow, the UN said.")]
    ['north korea', 'sent', 'munitions', 'moscow', 'united nations']
    >>> normalize("Corea del Nord: più di 10.000 container")
    'north korea più di 10 000 container'

A fact-checker reads an Italian article against English sources. Sentences in two languages share
little text, but they share names (Putin, Corea del Nord = North Korea, Mosca = Moscow, ONU = UN)
and a few common words (munizioni = munitions, tonnellate = tonnes). This module finds those and
folds each to one key, so that the evidence ranking (``verify.evidence.passages``) can count what a claim
and a passage share. It is a small table, not a translator: ``terms.csv`` in the language packs'
folder (``verify/lang/terms.csv``), one row per name or word, so a new one is a new row. Words it
does not know are left as they are, and a capitalised word it does not know is taken as a name as
written ("TASS", "Kim").

Three kinds of match, in this order (a later one never overlaps an earlier one):

1. ``ALIASES``: phrases in either language, any case ("corea del nord", "Kim Jong-un"); the
   rows of ``terms.csv``, and the months of the language packs.
2. ``ACRONYMS``: upper-case only, so "UN" (United Nations) is not the Italian article "un"
   (the ``acronyms`` column of ``terms.csv``).
3. Any other capitalised word that is not a common word (``COMMON_WORDS``): a name as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lang
from ..grammar import lexicon as L
from ..lang.tables import (LIST_SEPARATOR, CellProblem, Column, Row, Table, one_of, problem,
                           read_table, word, words)
from .language import STOPWORDS


def _acronyms(text: str) -> tuple[str, ...]:
    """Acronyms separated by "|" ("ONU|UN"), each written in capitals."""
    found = tuple(a.strip() for a in text.split(LIST_SEPARATOR))
    for acronym in found:
        if not acronym or acronym != acronym.upper():
            raise CellProblem(f"{acronym!r} is not an acronym in capitals: write it as the text "
                              f"does (UN, U.S.), separated by {LIST_SEPARATOR!r}, or leave it out")
    return found


TERMS_TABLE = Table("terms.csv", (
    Column("key", word), Column("kind", one_of("name", "term")), Column("display", str),
    Column("unit", str, required=False), Column("surfaces", words, required=False),
    Column("acronyms", _acronyms, required=False)), key="key")
"""The folding table, ``terms.csv`` in the language packs' folder (``verify.lang``): one row per
name or common word, its key (lower case English), its kind ("name" or "term"), how it is shown,
and its surfaces in every language ("corea del nord|north korea"). A ``unit`` of ``units.csv``
brings that unit's words in every language; ``acronyms`` are matched in capitals only."""


def _unit_words(unit: str, *more: str) -> tuple[str, ...]:
    """The words for ``unit`` in every language of ``units.csv`` (not its symbols), then ``more``."""
    found = next(u for u in lang.units() if u.name == unit)
    return tuple(dict.fromkeys((*(w for words in found.words.values() for w in words), *more)))


def _read_terms(folder: Path) -> tuple[dict[str, tuple[str, str, tuple[str, ...]]], dict[str, str]]:
    """The aliases (key -> (kind, display, surfaces)) and acronyms (acronym -> key) of
    ``folder/terms.csv``, checked."""
    aliases: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    acronyms: dict[str, str] = {}
    units = {u.name for u in lang.units()}
    for row in read_table(folder, TERMS_TABLE):
        v = row.values
        if v["unit"] and v["unit"] not in units:
            raise _problem(folder, row, "unit", f"{v['unit']!r} is not a unit of units.csv: write "
                           "its name as the unit column of units.csv does, or leave it empty")
        surfaces = _unit_words(v["unit"], *v["surfaces"]) if v["unit"] else v["surfaces"]
        if not surfaces:
            raise _problem(folder, row, "surfaces", "no surfaces: write the ways a text writes "
                           "it, separated by '|' (corea del nord|north korea), or give a unit")
        aliases[v["key"]] = (v["kind"], v["display"], surfaces)
        for acronym in v["acronyms"] or ():
            if acronym in acronyms:
                raise _problem(folder, row, "acronyms", f"{acronym!r} already stands for "
                               f"{acronyms[acronym]!r}: an acronym folds to one key; keep one")
            acronyms[acronym] = v["key"]
    return aliases, acronyms


def _problem(folder: Path, row: Row, column: str, message: str):
    return problem(folder / TERMS_TABLE.file, message, line=row.line, column=column)


# key -> (kind, display, surfaces). Surfaces are matched whole-word, in any case.
ALIASES, ACRONYMS = _read_terms(lang.packs_folder())
# Months fold to their English name: "settembre" and "September" are the same word to a reader.
# The names come from the language packs (verify/lang/*/months.csv), where months are defined.
_ENGLISH = lang.pack("en")
for _key, _n in _ENGLISH.month_names.items():
    # "may", "march", "august" are also common English words: only their other names fold.
    _own = () if _key in _ENGLISH.capitalised_months else (_key,)
    _others = tuple(w for code in lang.available() if code != "en"
                    for w, n in lang.pack(code).month_names.items() if n == _n)
    ALIASES[_key] = ("term", _key.title(), _own + _others)

# Capitalised words that are not names: sentence openers, weekdays, months (figures carry them).
COMMON_WORDS = frozenset(
    STOPWORDS["it"] | STOPWORDS["en"] | set(L.MONTHS) | set(L.WEEKDAYS.split("|")) | set((
        "since however meanwhile according during while although earlier later last first "
        "yesterday today on in at after before then there here this these those some many "
        "secondo inoltre intanto oggi ieri mentre dopo prima durante anche nel nella negli "
        "questo questa questi queste alcuni molti poi però quindi infatti ma se a i e o "
        "read leggi mr mrs ms dr sig"
    ).split())
)

_DISPLAY = {key: display for key, (_, display, _) in ALIASES.items()}
_KIND = {key: kind for key, (kind, _, _) in ALIASES.items()}
_SURFACE_KEY = {s.lower(): key for key, (_, _, surfaces) in ALIASES.items() for s in surfaces}


# A trie, not a flat "a|b|c" of a few hundred phrases (see ``lexicon.alternation``): longer
# phrases win ("corea del nord" over "corea"); a space matches any white space.
_ALIAS_RE = re.compile(r"(?<![\w])(%s)(?![\w])" % L.alternation(_SURFACE_KEY), re.IGNORECASE)
_ACRONYM_RE = re.compile(r"(?<![\w.])(%s)(?![\w])" % "|".join(
    re.escape(a) for a in sorted(ACRONYMS, key=len, reverse=True)))
# A capitalised word (or an all-capitals one: "TASS"); apostrophes and hyphens inside it.
_CAPITALISED_RE = re.compile(r"(?<![\w’'-])[A-ZÀ-ÖØ-Þ][\w’'-]*\w")
_SPACES_RE = re.compile(r"\s+")
_NOT_WORD_RE = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Term:
    """A name or common word found in a text, with its folded key."""

    key: str
    """The folded form, lower case English ("north korea", "munitions", "tass")."""
    kind: str
    """"name" (a country, place, body or person) or "term" (a common word of ``ALIASES``)."""
    display: str
    """How to show it to a checker ("North Korea", "TASS")."""
    start: int
    """Offset of the surface in the text."""
    end: int
    """Offset just past the surface."""


def find_terms(text: str) -> list[Term]:
    """The names and known common words of ``text``, in order, with their folded keys."""
    found: list[Term] = []
    for m in _ALIAS_RE.finditer(text):
        key = _SURFACE_KEY.get(_SPACES_RE.sub(" ", m.group(1).lower()))
        if key is not None:
            found.append(Term(key, _KIND[key], _DISPLAY[key], m.start(1), m.end(1)))
    for m in _ACRONYM_RE.finditer(text):
        if not _overlaps(m.start(1), m.end(1), found):
            key = ACRONYMS[m.group(1)]
            _insert(found, Term(key, "name", _DISPLAY.get(key, m.group(1)), m.start(1), m.end(1)))
    for m in _CAPITALISED_RE.finditer(text):
        word = m.group()
        if len(word) >= 2 and word.lower() not in COMMON_WORDS \
                and not _overlaps(m.start(), m.end(), found):
            _insert(found, Term(word.lower(), "name", word, m.start(), m.end()))
    return found


def _overlaps(start: int, end: int, terms: list[Term]) -> bool:
    """Whether [start, end) overlaps a term of ``terms`` (sorted, not overlapping each other)."""
    i = bisect_left(terms, start, key=lambda t: t.start)
    return (i < len(terms) and terms[i].start < end) or (i > 0 and terms[i - 1].end > start)


def _insert(terms: list[Term], term: Term) -> None:
    terms.insert(bisect_left(terms, term.start, key=lambda t: t.start), term)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """``text`` in lower case with every known name and word folded to its key, punctuation
    turned to spaces: what the text-similarity scorer compares."""
    folded = _ALIAS_RE.sub(lambda m: _SURFACE_KEY.get(
        _SPACES_RE.sub(" ", m.group(1).lower()), m.group(1)), text)
    folded = _ACRONYM_RE.sub(lambda m: ACRONYMS[m.group(1)], folded)
    return _NOT_WORD_RE.sub(" ", folded.lower()).strip()
