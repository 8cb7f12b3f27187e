"""Has this claim been checked before? Past fact-checks ranked by how likely they check the same
claim, not only the same topic.

    matches = match_text(archive, "La Russia ha ricevuto più di 10.000 container", "it")
    matches[0].score, matches[0].same_claim, matches[0].reasons

Two steps:

1. **Retrieval**: the archive's full-text index (SQLite FTS5, BM25) returns the ``CANDIDATES``
   fact-checks that share the most telling words with the claim, its words folded across
   Italian and English (``folding``), its figures and years as index words (``n10000``,
   ``y2023``). An Italian claim finds an English fact-check through the names, figures, years
   and topic words they share.
2. **Re-ranking** on what a checker compares (``_compare``): the same figures (read by the
   number grammar and compared by ``verify.evidence.comparison``: units converted, formats equated),
   the same names, the same topic words, the same time frame, the claimant. A different figure
   or year is a *difference*: it lowers the score a lot, and a fact-check with a difference is
   never ``same_claim``: it is a near-miss, the same topic but another claim.

``score`` (0..1) is a weighted sum of the shares (``WEIGHTS``), with bonuses for a shared figure
and year, halved by each difference (another figure, another year). ``same_claim`` needs ``score >= SAME_CLAIM``, no
difference, and a shared figure or most of the claim's telling words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from ..comparison import ABOUT_TOLERANCE, claim_reading, read
from ...reading.language import detect_language
from ...records.model import Claim
from ...reading.terms import normalize
from .archive import Archive, Stored
from .folding import Features, features, fold_words
from .records import FactCheck

CANDIDATES = 80
"""Fact-checks the index returns for re-ranking."""
MAX_QUERY_WORDS = 16
COMMON_SHARE = 0.05
"""A word in more than this share of the archive is not looked up (it is still compared)."""
COMMON_FLOOR = 200
MIN_SCORE = 0.2
"""Weaker matches are not listed: they share a word or two, nothing a checker would open.
(Compared before the differences: a near-miss of the same topic is listed, ranked low.)"""
DIFFERENCE_FACTOR = 0.5
"""What a differing figure, or a differing year, does to the score."""
SAME_CLAIM = 0.5
"""The score from which a match without differences is "likely the same claim"."""
SAME_FIGURE_TOLERANCE = 0.02
"""Two values within 2% are the same figure written with another rounding (2.8 trillion,
2,815 billion)."""
WORDS_FOR_SAME = 0.45
"""Without a shared figure, the share of telling words a same claim needs."""


# News names a country by its capital or seat of power ("Moscow vetoed"): for comparing actors,
# each stands for its country too.
SEATS_OF_POWER = {
    "moscow": "russia", "kremlin": "russia", "pyongyang": "north korea",
    "seoul": "south korea", "beijing": "china", "kyiv": "ukraine",
    "washington": "united states", "white house": "united states",
    "state department": "united states", "rome": "italy", "paris": "france",
    "london": "britain", "berlin": "germany", "madrid": "spain", "brussels": "european union",
}


def _actors(names: frozenset[str]) -> set[str]:
    return set(names) | {SEATS_OF_POWER[n] for n in names if n in SEATS_OF_POWER}


class Weights(NamedTuple):
    words: float = 0.40       # the idf-weighted share of folded words (Dice)
    names: float = 0.20       # the share of names of actors and places
    topics: float = 0.10      # the share of topic words
    claimant: float = 0.05    # the fact-check's claimant named in the claim
    figure: float = 0.25      # bonus for the claim's figures the fact-check states (a share)
    year: float = 0.10        # bonus for a shared year


WEIGHTS = Weights()


@dataclass(frozen=True)
class Match:
    """A past fact-check that may check the claim, and why."""

    fact_check: FactCheck
    score: float
    """0..1: how likely it checks the same claim."""
    same_claim: bool
    """True when it is judged the same claim (not only the same topic)."""
    reasons: tuple[str, ...]
    """What the two share, and how they differ, in words ("figure differs: 6,700 vs 10,000")."""

    def to_json(self) -> dict:
        """The match as the ``verify factchecks match`` contract prints it."""
        fc = self.fact_check
        return {"url": fc.url, "claim_reviewed": fc.claim_reviewed, "rating": fc.rating,
                "author": fc.author, "date_published": fc.date_published,
                "language": fc.language, "score": round(self.score, 3),
                "same_claim": self.same_claim, "reasons": list(self.reasons)}


class _Query(NamedTuple):
    features: Features
    readings: tuple           # the figures to compare: the claim's own, else the sentence's
    text: str


class _Comparison(NamedTuple):
    score: float
    related: float            # the score before the differences: how close the topic is
    same_claim: bool
    reasons: tuple[str, ...]


def match_text(archive: Archive, text: str, lang: str | None = None, *, limit: int = 5,
               claim: Claim | None = None) -> list[Match]:
    """The past fact-checks of ``archive`` that may check ``text`` (a claim's sentence), best
    first, at most ``limit``. With ``claim``, its own figure is the one compared."""
    lang = lang or detect_language(text)
    query = _query(text, lang, claim)
    found = archive.search(_telling_words(archive, query.features), CANDIDATES)
    weights = _idf(archive, found, query.features)
    ranked = []
    for stored in found:
        result = _compare(query, stored, weights)
        if result.related >= MIN_SCORE:
            ranked.append(Match(stored.fact_check, result.score, result.same_claim,
                                result.reasons))
    ranked.sort(key=lambda m: (-m.score, not m.same_claim, m.fact_check.url))
    return ranked[:max(0, limit)]


def match_claim(archive: Archive, claim: Claim, lang: str | None = None, *,
                limit: int = 5) -> list[Match]:
    """``match_text`` for a claim of an article or worksheet: its sentence, its figure."""
    return match_text(archive, claim.sentence or claim.text, lang, limit=limit, claim=claim)


def match_claims(archive: Archive, claims: Iterable[Claim], lang: str | None = None, *,
                 limit: int = 5) -> list[tuple[Claim, list[Match]]]:
    """Every claim with its matches, in the claims' order (claims without any are kept, with
    an empty list). Claims of one sentence share its retrieval."""
    return [(claim, match_claim(archive, claim, lang, limit=limit)) for claim in claims]


# --- The query ------------------------------------------------------------------------------

def _query(text: str, lang: str, claim: Claim | None) -> _Query:
    feats = features(text, lang)
    own = claim_reading(claim) if claim is not None else None
    if own is not None and own.amount is not None:
        readings = (own,)
    else:
        readings = read(f.mention() for f in feats.figures)
    return _Query(feats, tuple(r for r in readings if r.amount is not None), text)


def _telling_words(archive: Archive, feats: Features) -> list[str]:
    """The words to look up in the index: the rarest first, at most ``MAX_QUERY_WORDS``, and
    none that most fact-checks have (``COMMON_SHARE``): a word in a tenth of 100,000
    fact-checks would make BM25 score 10,000 of them and tell nothing. The re-ranking still
    counts every word."""
    words = list(dict.fromkeys(feats.index_words))
    counts = archive.document_counts(words)
    words.sort(key=lambda w: counts.get(w, 0))
    common = max(COMMON_FLOOR, COMMON_SHARE * archive.count_cached())
    # A word no fact-check has finds nothing: it would only take the place of one that does.
    telling = [w for w in words if 0 < counts.get(w, 0) <= common]
    # A claim made only of common words still needs a few to be found by.
    return (telling or [w for w in words if counts.get(w, 0)][:3])[:MAX_QUERY_WORDS]


def _idf(archive: Archive, found: list[Stored], query: Features) -> dict[str, float]:
    """Each word's weight: rare words tell more than common ones (log of the share of the
    archive's fact-checks that do not have it)."""
    words = set(query.words)
    for stored in found:
        words.update(stored.features.words)
    total = max(archive.count_cached(), 1)
    counts = archive.document_counts(words)
    return {w: math.log(1 + total / (1 + counts.get(w, 0))) for w in words}


# --- The comparison -------------------------------------------------------------------------

def _dice(a: set, b: set, weight=None) -> float:
    if not a or not b:
        return 0.0
    if weight is None:
        return 2 * len(a & b) / (len(a) + len(b))
    shared = sum(weight.get(w, 1.0) for w in a & b)
    return 2 * shared / (sum(weight.get(w, 1.0) for w in a) + sum(weight.get(w, 1.0) for w in b))


def _coverage(theirs: set, ours: set, weight: dict[str, float]) -> float:
    """The idf-weighted share of ``theirs`` found in ``ours``."""
    total = sum(weight.get(w, 1.0) for w in theirs)
    return sum(weight.get(w, 1.0) for w in theirs & ours) / total if total else 0.0


class _Shared(NamedTuple):
    """What a claim and a fact-check have in common, and where they differ."""

    words: float              # the folded words (0..1)
    actors: tuple[set, set]   # the claim's and the fact-check's actors (capitals as countries)
    topics: set
    figures: "_Figures"
    years: list[int]
    year_gap: str             # "2023 vs 2024", or empty
    claimant: bool

    @property
    def names(self) -> set:
        return self.actors[0] & self.actors[1]


def _share(query: _Query, stored: Stored, weights: dict[str, float]) -> _Shared:
    q, d = query.features, stored.features
    # A claim's sentence is often longer than the fact-check's summary of it: what counts is
    # how much of the fact-check the claim says (coverage), as much as their overlap (Dice).
    words = (_dice(set(q.words), set(d.words), weights)
             + _coverage(set(d.words), set(q.words), weights)) / 2
    topics = set(q.topics & d.topics)
    years, gap = _years(q.years, d.years)
    return _Shared(words, (_actors(q.names), _actors(d.names)), topics,
                   _figures(query, d, same_topic=bool(topics)), years, gap,
                   _claimant_named(stored.fact_check.claimant, q))


def _reasons(shared: _Shared, claimant: str) -> tuple[str, ...]:
    reasons: list[str] = []
    if shared.names:
        reasons.append("same names: " + ", ".join(sorted(shared.names)))
    reasons += [f"same figure: {s}" for s in shared.figures.shared + shared.figures.loosely]
    reasons += [f"figure differs: {s}" for s in shared.figures.differing]
    if shared.years:
        reasons.append("same year: " + ", ".join(map(str, shared.years)))
    if shared.year_gap:
        reasons.append(f"same topic, but {shared.year_gap}")
    if shared.claimant:
        reasons.append(f"same claimant: {claimant}")
    if shared.topics:
        reasons.append("same topic words: " + ", ".join(sorted(shared.topics)))
    return tuple(reasons)


def _compare(query: _Query, stored: Stored, weights: dict[str, float]) -> _Comparison:
    q, d = query.features, stored.features
    shared = _share(query, stored, weights)
    figures = shared.figures
    stated = figures.shared + figures.loosely
    w = WEIGHTS
    related = min(1.0, w.words * shared.words + w.names * _dice(*shared.actors)
                  + w.topics * _dice(q.topics, d.topics) + w.claimant * shared.claimant
                  + w.figure * len(stated) / max(1, len(query.readings))
                  + w.year * bool(shared.years))
    figure_differs = bool(figures.differing) and not stated
    # Each difference halves the score: a near-miss stays listed (the checker learns the topic
    # was checked, for another figure or year) but ranks below the claim's own fact-check.
    score = related * DIFFERENCE_FACTOR ** (figure_differs + bool(shared.year_gap))
    return _Comparison(score, related, _same_claim(score, shared, query, d, figure_differs),
                       _reasons(shared, stored.fact_check.claimant))


def _same_claim(score: float, shared: _Shared, query: _Query, d: Features,
                figure_differs: bool) -> bool:
    if score < SAME_CLAIM or figure_differs or shared.year_gap:
        return False
    # Two claims about different actors (Italy, the European Union) are not one claim.
    if all(shared.actors) and not shared.names:
        return False
    # A figure whose noun only one side names is the same figure when the topic is too.
    if shared.figures.shared or (shared.figures.loosely and shared.topics):
        return True
    # When both state figures, one of the claim's must be among them: a fact-check that says
    # other things of the same topic is not yet the same claim.
    return shared.words >= WORDS_FOR_SAME and not (query.readings and d.figures)


def _figures(query: _Query, d: Features, same_topic: bool) -> "_Figures":
    """The claim's figures the fact-check states too ("10,000 container"), and those it states
    otherwise ("6,700 vs 10,000": the fact-check's, then the claim's).

    Values are compared, not what their hedges allow: "more than 5,000" and "more than 10,000"
    may both hold, but they are two claims. Units are converted and formats equated by the
    number grammar and ``verify.evidence.comparison.read`` (tonnes and kilotonnes, "2.8 trillion" and
    "2.800 miliardi"). A count's noun is folded across languages ("migranti", "migrants"); a
    count whose noun the other text does not repeat ("circa 66.000") is the same figure when
    the value is, but says nothing when it is not (it may count something else). Two counts
    without their nouns ("18 reattori", "18 turisti": the grammar knows neither noun) are
    compared only when the texts share a topic word."""
    if not query.readings or not d.figures:
        return _Figures([], [], [])
    theirs = [r for r in read(f.mention() for f in d.figures) if r.amount is not None]
    found = _Figures([], [], [])
    for reading in query.readings:
        strict = [r for r in theirs if _dimension(r) == _dimension(reading)
                  and (same_topic or not _dimension(r).startswith("bare:"))]
        loose = [r for r in theirs if _loosely_comparable(reading, r)]
        said = _show(reading.mention.value, reading.mention.unit)
        if any(_distance(reading, r) <= _tolerance(reading, r) for r in strict):
            found.shared.append(said)
        elif any(_distance(reading, r) <= _tolerance(reading, r) for r in loose):
            found.loosely.append(said)
        elif strict:
            closest = min(strict, key=lambda r: _distance(reading, r))
            found.differing.append(f"{_show(closest.mention.value, closest.mention.unit)} vs "
                                   f"{said}")
    return found


class _Figures(NamedTuple):
    shared: list[str]         # the same value of the same thing
    loosely: list[str]        # the same value, one of the two counts without its noun
    differing: list[str]      # "6,700 container vs 10,000 container": the same thing, not the value


def _dimension(reading) -> str:
    """What a figure measures: a physical dimension ("mass"), a currency, or a count's noun
    folded across languages ("unit:migrants")."""
    dimension = reading.amount.dimension
    if dimension.startswith("unit:") and reading.mention.kind == "count":
        folded = fold_words(dimension[5:])
        return "unit:" + (folded[0] if folded else dimension[5:])
    return dimension


LOOSE_KINDS = frozenset(("count", "money"))


def _loosely_comparable(a, b) -> bool:
    """A count without its noun and a count or a sum ("circa 66.000" and "66,000 migrants",
    "2.800 miliardi" and "2.800 miliardi di euro"): the same value says they are likely the
    same figure, another value says nothing. (Two nouns that differ, "25 missiles" and "25
    murders", count different things; a bare number is not a percentage.)"""
    bare = a.amount.dimension.startswith("bare:") or b.amount.dimension.startswith("bare:")
    return bare and {a.mention.kind, b.mention.kind} <= LOOSE_KINDS


def _distance(a, b) -> float:
    """How far apart two figures' values are, as a share of the larger (0: the same)."""
    x, y = a.amount.value, b.amount.value
    return 0.0 if x == y else abs(x - y) / max(abs(x), abs(y))


def _tolerance(a, b) -> float:
    """A round figure's rounding; an "about" allows a tenth."""
    hedged = "about" in (a.mention.qualifier, b.mention.qualifier)
    return ABOUT_TOLERANCE if hedged else SAME_FIGURE_TOLERANCE


def _show(value: str, unit: str = "") -> str:
    """A figure as a reader writes it in English: 10000 -> "10,000"; 6.7e9 -> "6,700,000,000"."""
    try:
        number = float(value)
    except ValueError:
        return value
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.6g}"
    return f"{text} {unit}".strip()


def _years(ours: tuple[int, ...], theirs: tuple[int, ...]) -> tuple[list[int], str]:
    """The years both name; or, when each names years and none is shared, "2023 vs 2024"
    (the fact-check's, then the claim's)."""
    if not ours or not theirs:
        return [], ""
    shared = sorted(set(ours) & set(theirs))
    if shared:
        return shared, ""
    return [], f"{', '.join(map(str, theirs))} vs {', '.join(map(str, ours))}"


def _claimant_named(claimant: str, q: Features) -> bool:
    """Whether the claim names the fact-check's claimant (by surname: "Meloni")."""
    if not claimant:
        return False
    words = normalize(claimant).split()
    return bool(words) and (words[-1] in q.names or " ".join(words) in q.names)
