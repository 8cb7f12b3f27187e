"""What a passage offers to the evidence ranking, and the records a source is read into once.

A text's features are its content words (what rapidfuzz compares), the names and common words it
shares across languages (``verify.reading.terms``) and the keys of its figures
(``verify.evidence.comparison.figure_keys``). A source is read once into its passages and their
features, and a set of sources into a numbered corpus with an inverted index of those keys; both
are kept in bounded caches keyed by the texts themselves. How they are ranked is in
``verify.evidence.passages``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from ..grammar import lexicon
from .comparison import Reading, figure_keys
from ..reading.language import STOPWORDS
from ..records.model import Mention
from ..reading.terms import find_terms, normalize


# --- What a text offers to the ranking ---------------------------------------------------------

_CONTENT_STOPWORDS = STOPWORDS["it"] | STOPWORDS["en"]


@dataclass(frozen=True)
class _Features:
    """What a passage (or a claim's sentence) can share with another text."""

    signature: str
    """Its content words, folded and sorted: what rapidfuzz compares. Word order differs
    between languages and paraphrases, and stopwords only add noise."""
    names: dict[str, str]           # folded key -> as shown ("North Korea")
    terms: dict[str, str]
    figure_keys: dict[str, str]     # comparison.figure_keys -> the figure as written
    keys: frozenset[str]
    """Everything above as index keys: "n:russia", "t:munitions", "w:satellite", figure keys."""


def _features(text: str, readings: tuple[Reading, ...]) -> _Features:
    names, terms = {}, {}
    for t in find_terms(text):
        (names if t.kind == "name" else terms).setdefault(t.key, t.display)
    words = {w for w in normalize(text).split() if w not in _CONTENT_STOPWORDS}
    signature = " ".join(sorted(words))
    keyed = {k: r.mention.text for r in readings for k in figure_keys(r)}
    keys = (keyed.keys() | {f"n:{k}" for k in names} | {f"t:{k}" for k in terms}
            | {f"w:{w}" for w in words if len(w) >= 4 and not w.isdigit()})
    return _Features(signature, names, terms, keyed, frozenset(keys))


# --- The index of a source, and of a set of sources ------------------------------------------

@dataclass(frozen=True)
class _SourcePassages:
    """One source text read once: its passages and what each offers."""

    lang: str
    spans: list[tuple[int, int]]
    figures: list[tuple[Mention, ...]]      # per passage; offsets index the source text
    readings: list[tuple[Reading, ...]]
    features: list[_Features]


@dataclass(frozen=True)
class _Corpus:
    """The passages of a set of sources, numbered, with an inverted index of their keys."""

    sources: list[tuple[str, str, _SourcePassages]]   # (source_id, text, passages)
    where: list[tuple[int, int]]          # passage number -> (source number, passage in it)
    signatures: list[str]
    postings: dict[str, np.ndarray]       # key -> numbers of the passages that have it
    idf: dict[str, float]                 # key -> how rare it is

    def passage(self, i: int) -> tuple[str, str, _SourcePassages, int]:
        s, j = self.where[i]
        source_id, text, index = self.sources[s]
        return source_id, text, index, j


_CACHE_LOCK = threading.RLock()  # the widgets may ask for suggestions from other threads


def _cached(cache: OrderedDict, size: int, key, build, *, weight=lambda key: 1):
    """``cache[key]``, built once; the least recently used entries go when the total weight
    passes ``size``."""
    # Keyed by the texts themselves: Python keeps a string's hash, so finding a megabyte of
    # source text again costs nothing, and two equal texts share one entry.
    with _CACHE_LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        value = build()
        cache[key] = value
        total = sum(weight(k) for k in cache)
        while len(cache) > 1 and total > size:
            total -= weight(cache.popitem(last=False)[0])
        return value


# a digit group, or a word the grammar may read as a number ("ten", "dieci", "million")
_NUMBER_TOKEN = re.compile(r"\d+|\b(?:" + "|".join(sorted(
    (re.escape(w) for w in {*lexicon.IT_SMALL, *lexicon.EN_SMALL, *lexicon.IT_HUNDRED,
                            *lexicon.EN_HUNDRED, *lexicon.IT_SCALE, *lexicon.EN_SCALE,
                            *lexicon.IT_ORDINALS, *lexicon.EN_ORDINALS} if len(w) > 1),
    key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _shift(m: Mention, offset: int) -> Mention:
    """A passage's mention with offsets into the whole source text."""
    if not offset:
        return m
    return Mention(
        text=m.text, start=m.start + offset, end=m.end + offset, kind=m.kind, value=m.value,
        value_max=m.value_max, unit=m.unit, qualifier=m.qualifier,
        number_start=m.number_start + offset if m.number_start >= 0 else -1,
        number_end=m.number_end + offset if m.number_end >= 0 else -1,
        checkable=m.checkable, note=m.note)
