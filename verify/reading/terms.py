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
and a passage share. It is a small table, not a translator: words it does not know are left as
they are, and a capitalised word it does not know is taken as a name as written ("TASS", "Kim").

Three kinds of match, in this order (a later one never overlaps an earlier one):

1. ``ALIASES``: phrases in either language, any case ("corea del nord", "Kim Jong-un").
2. ``ACRONYMS``: upper-case only, so "UN" (United Nations) is not the Italian article "un".
3. Any other capitalised word that is not a common word (``COMMON_WORDS``): a name as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from .. import lexicon as L
from .language import STOPWORDS


def _unit_words(unit: str, *more: str) -> tuple[str, ...]:
    """The words for ``unit`` in every language of ``units.csv`` (not its symbols), then ``more``."""
    found = next(u for u in lang.units() if u.name == unit)
    return tuple(dict.fromkeys((*(w for words in found.words.values() for w in words), *more)))


# key -> (kind, display, surfaces). Surfaces are matched whole-word, in any case.
ALIASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # countries, capitals, bodies
    "north korea": ("name", "North Korea", (
        "corea del nord", "nord corea", "north korea", "democratic people's republic of korea",
        "democratic people’s republic of korea", "repubblica popolare democratica di corea",
        "nordcoreano", "nordcoreana",
        "nordcoreani", "nordcoreane", "north korean", "north koreans")),
    "south korea": ("name", "South Korea", (
        "corea del sud", "sud corea", "south korea", "republic of korea", "sudcoreano",
        "sudcoreana", "sudcoreani", "sudcoreane", "south korean", "south koreans")),
    "korea": ("name", "Korea", ("corea", "korea", "coreano", "coreana", "korean")),
    "russia": ("name", "Russia", (
        "russia", "federazione russa", "russian federation", "russo", "russa", "russi", "russe",
        "russian", "russians")),
    "united states": ("name", "United States", (
        "stati uniti d'america", "stati uniti d’america", "stati uniti", "united states of america",
        "united states", "statunitense", "statunitensi", "americano", "americana", "americani",
        "americane", "american", "americans")),
    "china": ("name", "China", ("cina", "china", "cinese", "cinesi", "chinese")),
    "japan": ("name", "Japan", ("giappone", "japan", "giapponese", "giapponesi", "japanese")),
    "ukraine": ("name", "Ukraine", (
        "ucraina", "ukraine", "ucraino", "ucraini", "ucraine", "ukrainian", "ukrainians")),
    "soviet union": ("name", "Soviet Union", (
        "unione sovietica", "soviet union", "sovietico", "sovietica", "sovietici", "soviet")),
    "european union": ("name", "European Union", ("unione europea", "european union")),
    "united nations": ("name", "United Nations", ("nazioni unite", "united nations")),
    "security council": ("name", "Security Council", ("consiglio di sicurezza", "security council")),
    "moscow": ("name", "Moscow", ("mosca", "moscow")),
    "seoul": ("name", "Seoul", ("seul", "seoul")),
    "beijing": ("name", "Beijing", ("pechino", "beijing")),
    "kyiv": ("name", "Kyiv", ("kiev", "kyiv")),
    "pyongyang": ("name", "Pyongyang", ("pyongyang",)),
    "washington": ("name", "Washington", ("washington",)),
    "white house": ("name", "White House", ("casa bianca", "white house")),
    "kremlin": ("name", "Kremlin", ("cremlino", "kremlin")),
    "state department": ("name", "State Department", (
        "dipartimento di stato", "state department", "department of state")),
    # people whose names are written several ways
    "kim jong un": ("name", "Kim Jong Un", ("kim jong un", "kim jong-un", "kim jong‑un")),
    "kim jong il": ("name", "Kim Jong Il", ("kim jong il", "kim jong-il", "kim jong‑il")),
    "putin": ("name", "Putin", ("vladimir putin", "vladimir vladimirovich putin", "putin")),
    # common words of the reporting this workbench checks (war, treaties, trade)
    "munitions": ("term", "munitions", (
        "munizioni", "munizione", "munitions", "munition", "ammunition")),
    # (the units among them: their words in every language, from verify/lang/units.csv, and
    # the forms the grammar does not read after a number)
    "missile": ("term", "missiles", _unit_words("missile")),
    "rocket": ("term", "rockets", _unit_words("rocket", "razzo", "rocket")),
    "tonne": ("term", "tonnes", _unit_words("tonne")),
    "container": ("term", "containers", _unit_words("container")),
    "weapon": ("term", "weapons", _unit_words("weapon", "arma", "armamenti", "weapon", "arms")),
    "explosive": ("term", "explosives", ("esplosivi", "esplosivo", "explosives", "explosive")),
    "sanctions": ("term", "sanctions", ("sanzioni", "sanzione", "sanctions", "sanction")),
    "treaty": ("term", "treaty", ("trattato", "trattati", "treaty", "treaties")),
    "agreement": ("term", "agreement", (
        "accordo", "accordi", "patto", "agreement", "agreements", "pact")),
    "partnership": ("term", "partnership", ("partenariato", "partnership")),
    "alliance": ("term", "alliance", ("alleanza", "alliance")),
    "assistance": ("term", "assistance", ("assistenza", "aiuto", "assistance", "aid")),
    "aggression": ("term", "aggression", ("aggressione", "aggression")),
    "visit": ("term", "visit", ("visita", "visite", "visit", "visits")),
    "summit": ("term", "summit", ("vertice", "summit")),
    "trip": ("term", "trip", ("viaggio", "viaggi", "trip", "trips", "journey")),
    "train": ("term", "train", ("treno", "train")),
    "president": ("term", "president", ("presidente", "president")),
    "minister": ("term", "minister", ("ministro", "minister")),
    "official": ("term", "official", ("funzionario", "funzionari", "official", "officials")),
    "report": ("term", "report", ("rapporto", "report")),
    "war": ("term", "war", ("guerra", "war")),
    "defence": ("term", "defence", ("difesa", "defence", "defense")),
    "military": ("term", "military", ("militare", "militari", "military")),
    "exercise": ("term", "exercises", (
        "esercitazioni", "esercitazione", "exercises", "exercise", "drills")),
    "veto": ("term", "veto", ("veto", "vetoed")),
    "panel of experts": ("term", "panel of experts", ("gruppo di esperti", "panel of experts")),
    "gift": ("term", "gifts", ("regalo", "regali", "dono", "doni", "gift", "gifts")),
    "car": ("term", "car", ("automobile", "limousine", "limousina", "car")),
    "tea set": ("term", "tea set", ("servizio da tè", "servizio da te", "tea set")),
    "launched": ("term", "launched", ("lanciato", "lanciati", "lanciate", "launched", "fired")),
    "received": ("term", "received", ("ricevuto", "ricevuti", "received")),
    "sent": ("term", "sent", ("inviato", "inviati", "spedito", "spediti", "sent", "shipped")),
    "forces": ("term", "forces", ("forze", "forces", "troops")),
}
# Months fold to their English name: "settembre" and "September" are the same word to a reader.
# The names come from the language packs (verify/lang/*/months.csv), where months are defined.
_ENGLISH = lang.pack("en")
for _key, _n in _ENGLISH.month_names.items():
    # "may", "march", "august" are also common English words: only their other names fold.
    _own = () if _key in _ENGLISH.capitalised_months else (_key,)
    _others = tuple(w for code in lang.available() if code != "en"
                    for w, n in lang.pack(code).month_names.items() if n == _n)
    ALIASES[_key] = ("term", _key.title(), _own + _others)

ACRONYMS: dict[str, str] = {
    "ONU": "united nations", "UN": "united nations", "USA": "united states",
    "US": "united states", "U.S.": "united states", "U.S.A.": "united states",
    "UE": "european union", "EU": "european union", "URSS": "soviet union",
    "USSR": "soviet union", "DPRK": "north korea", "RPDC": "north korea",
    "ROK": "south korea",
}

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
