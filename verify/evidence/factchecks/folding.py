"""What a checker compares in two claims, read once per text: its words folded across Italian and
English, its figures, its years, its names and its topic words.

    >>> f = features("La Russia ha ricevuto più di 10.000 container dalla Corea del Nord nel 2023.", "it")
    >>> sorted(f.names), f.years, [fig.value for fig in f.figures]
    (['north korea', 'russia'], (2023,), ['10000'])
    >>> g = features("North Korea shipped over 10,000 containers to Russia in 2023.", "en")
    >>> sorted(set(f.words) & set(g.words))
    ['container', 'korea', 'north', 'russia']
    >>> "n10000" in g.index_words and "y2023" in g.index_words
    True

Three tables fold the two languages to one: the names and common words of ``verify.reading.terms``
(Corea del Nord = North Korea), the bilingual topic words of ``data/factchecks/topic_words.csv``
(disoccupazione = unemployment), and the figures read by ``verify.grammar.find_mentions``
(10.000, 10,000, diecimila and 10 mila are all ``n10000``). Words no table knows stay as they
are: an Italian word shared with English ("container") still matches.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..comparison import TIME_POINT_KINDS
from ...reading.language import STOPWORDS
from ...records.model import Mention
from ...grammar import find_mentions
from ...reading.terms import find_terms, normalize

MAX_TEXT_CHARS = 2_000
"""Only a claim's first characters are read: a claim is a sentence or two (a bounded cost)."""

# Words of either language that say nothing about which claim it is.
_EXTRA_STOPWORDS = frozenset((
    "ha hanno è sono stato stata stati state essere ci si ne lo gli del dei degli delle dal "
    "dalla dai dalle nel nei nelle sul sui sulle col coi tra fra per con che chi non più meno "
    "oltre circa quasi almeno the a an of in on at to by for from with as is are was were be been "
    "has have had that this these those which who it its than more less over about around nearly "
    "almost least since said says say dice detto afferma affermato secondo claim claims claimed "
    "post posts video shows show mostra social facebook twitter viral virale".split()))
_STOPWORDS = STOPWORDS["it"] | STOPWORDS["en"] | _EXTRA_STOPWORDS
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _table_rows() -> list[dict[str, str]]:
    text = resources.files("verify").joinpath("data/factchecks/topic_words.csv").read_text(
        encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def topic_table() -> dict[str, str]:
    """Surface (one to three lower-case words, Italian or English) -> its key (one word), from
    ``verify/data/factchecks/topic_words.csv`` (columns ``key``, ``kind``, ``words``: surfaces
    separated by ``|``; ``kind`` is ``topic``, or ``name`` for countries and bodies that
    ``verify.reading.terms`` does not fold, "Italia" = "Italy")."""
    table: dict[str, str] = {}
    for row in _table_rows():
        key = row["key"].strip()
        for surface in row["words"].split("|"):
            surface = " ".join(surface.lower().split())
            if surface:
                table[surface] = key
    return table


@lru_cache(maxsize=1)
def table_names() -> frozenset[str]:
    """The table's keys of kind ``name``."""
    return frozenset(row["key"].strip() for row in _table_rows() if row["kind"] == "name")


@lru_cache(maxsize=1)
def topic_keys() -> frozenset[str]:
    """The table's keys of kind ``topic``."""
    return frozenset(topic_table().values()) - table_names()


def fold_words(text: str) -> list[str]:
    """The content words of ``text``, each folded to its English key: names and common words by
    ``verify.reading.terms.normalize``, topic words by ``topic_table`` (phrases of three and two words
    first), digits and stopwords left out."""
    table = topic_table()
    words = _WORD_RE.findall(normalize(text[:MAX_TEXT_CHARS]))
    out: list[str] = []
    i = 0
    while i < len(words):
        # Phrases of three words, then two ("capo di stato", "debito pubblico"): a bounded look
        # ahead, so the loop stays linear.
        phrase = next((n for n in (3, 2) if i + n <= len(words)
                       and " ".join(words[i:i + n]) in table), 0)
        if phrase:
            out.append(table[" ".join(words[i:i + phrase])])
            i += phrase
            continue
        word = words[i]
        i += 1
        folded = _look_up(word, table)
        if folded not in _STOPWORDS:
            out.append(folded)
    return out


def _look_up(word: str, table: dict[str, str]) -> str:
    """The topic key of ``word``, also through its other number or gender: the table lists
    the common forms; "reattori" finds "reattore", "nucleari" "nucleare", "reactors"
    "reactor". Unknown words are returned as they are."""
    if word in table:
        return table[word]
    stem = word[:-1]
    for variant in (stem, stem + "e", stem + "o", stem + "a") if len(word) > 3 else ():
        if variant in table:
            return table[variant]
    return word


@dataclass(frozen=True)
class Figure:
    """A figure of a text, as the number grammar read it (what ``comparison.read`` needs)."""

    kind: str
    value: str
    value_max: str
    unit: str
    qualifier: str
    text: str

    def mention(self) -> Mention:
        return Mention(text=self.text, start=0, end=len(self.text), kind=self.kind,
                       value=self.value, value_max=self.value_max, unit=self.unit,
                       qualifier=self.qualifier)


@dataclass(frozen=True)
class Features:
    """What the matcher compares, for one text."""

    words: tuple[str, ...]
    """The folded content words, in order (``fold_words``)."""
    figures: tuple[Figure, ...]
    """The checkable amounts (counts, money, percentages...), not dates."""
    years: tuple[int, ...]
    """The years the text names (from years, dates, decades), sorted: its time frame."""
    names: frozenset[str]
    """Folded names of actors and places ("north korea", "putin")."""
    topics: frozenset[str]
    """Folded topic words: ``verify.reading.terms`` common words and ``topic_table`` keys."""

    @property
    def index_words(self) -> list[str]:
        """What the full-text index holds: the words, then one word per figure and year."""
        return [*self.words, *{figure_word(f.value) for f in self.figures},
                *(f"y{y}" for y in self.years)]

    def to_json(self) -> str:
        return json.dumps({"w": self.words, "f": [list(_figure_row(f)) for f in self.figures],
                           "y": self.years, "n": sorted(self.names), "t": sorted(self.topics)},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "Features":
        data = json.loads(text)
        return cls(tuple(data["w"]), tuple(Figure(*row) for row in data["f"]), tuple(data["y"]),
                   frozenset(data["n"]), frozenset(data["t"]))


def _figure_row(f: Figure) -> tuple:
    return (f.kind, f.value, f.value_max, f.unit, f.qualifier, f.text)


def figure_word(value: str) -> str:
    """The index word of a figure's value: ``n10000``, ``n6.7`` -> ``n6_7`` is not a word for
    the index's tokenizer, so the decimal point becomes ``d``: ``n6d7``."""
    return "n" + value.replace("-", "m").replace(".", "d")


def _years(m: Mention) -> list[int]:
    head = m.value[:4]
    if not head.isdigit():
        return []
    first = int(head)
    if m.kind == "year" and m.value_max[:4].isdigit():
        last = int(m.value_max[:4])
        return list(range(first, min(last, first + 10) + 1))
    return [first]


def features(text: str, lang: str) -> Features:
    """The ``Features`` of a claim or a fact-check's ``claimReviewed`` in ``lang``."""
    text = text[:MAX_TEXT_CHARS]
    figures, years = [], set()
    for m in find_mentions(text, lang):
        if not m.checkable:
            continue
        if m.kind in TIME_POINT_KINDS:
            years.update(_years(m))
        elif m.kind not in ("ordinal",):
            figures.append(Figure(m.kind, m.value, m.value_max, m.unit, m.qualifier, m.text))
    names, topics = set(), set()
    table, known_names = topic_table(), table_names()
    for term in find_terms(text):
        if term.kind == "name":
            folded = _look_up(term.key, table)  # "italia" and "italy" are one name
            names.add(folded if folded in known_names else term.key)
        else:
            topics.add(term.key)
    words = fold_words(text)
    keys = topic_keys()
    topics.update(w for w in words if w in keys)
    names.update(w for w in words if w in known_names)  # "carceri italiane": Italy
    return Features(tuple(words), tuple(figures), tuple(sorted(years)), frozenset(names),
                    frozenset(topics))
