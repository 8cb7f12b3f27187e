"""Evidence: the passages of a checker's sources that bear on a claim, ranked, each with whether
its figures agree with the claim's.

    >>> from verify.records.model import Claim
    >>> claim = Claim(claim_id="c-1", article_id="a", kind="count", text="più di 10.000 container",
    ...     start=22, end=45, value="10000", unit="container", qualifier="more_than",
    ...     sentence="La Russia ha ricevuto più di 10.000 container dalla Corea del Nord.")
    >>> source = ("South Korea's defence minister said about 6,700 containers had been shipped. "
    ...     "Since September 2023, North Korea has sent more than 10,000 containers to Russia.")
    >>> [(p.agreement, p.figure.text) for p in suggest(claim, [("state-dept", source)])]
    [('agrees', 'more than 10,000 containers'), ('disagrees', 'about 6,700 containers')]

**Passages** (``split_passages``): the source text's lines (a hard-wrapped line continues when
the next one starts in lower case), cut into sentences by the article splitter; a sentence
shorter than ``MIN_PASSAGE_CHARS`` is joined to the next one of its paragraph (the last one to
the one before), one longer than ``MAX_PASSAGE_CHARS`` is cut at white space. Spans index the
source text exactly.

**Ranking** (``suggest``): a score from 0 to 100, the sum of (capped at 100):

- text similarity: rapidfuzz ``ratio`` of the two texts' content words, sorted, after
  ``verify.reading.terms.normalize`` has folded Italian and English names and common words to one
  form; times ``TEXT_WEIGHT``;
- the claim's own figure in the passage: the same value (``FIGURE_POINTS``), a value its hedge
  allows (``COMPATIBLE_POINTS``), another value in its unit (``SAME_UNIT_POINTS``: a
  contradiction is evidence too; ``COMMON_UNIT_POINTS`` for years, percent or money, where
  another value is usually another subject), its date (``DATE_POINTS``) or a date that agrees
  but says less ("July 2000" for "19 July 2000", ``PARTIAL_DATE_POINTS``);
- the claim sentence's other figures found in the passage, the names it shares (Putin, North
  Korea = Corea del Nord) and the common words (munitions = munizioni), each capped.

A passage that shares nothing and is less than ``SIMILAR_ENOUGH`` alike is left out. Every
point is listed in ``Passage.reasons``. So an Italian claim and an English source match on
figures and names even though their words differ.

Speed: a source text is read once (passages, figures, names, words; cached by the text
itself, which the registry reads once per snapshot), and only so much of it: its first
``MAX_SOURCE_CHARS`` characters, and in each passage its first ``MAX_FIGURES_PER_PASSAGE``
numbers, so a huge or hostile source costs a bounded time, once. Ranking a claim then runs in two stages: a count of the keys (figures, names, words)
each passage shares with the claim, weighted by rarity, over all passages at once with numpy;
then rapidfuzz's batch ``cdist`` over the ``CANDIDATES`` best. A corpus of no more than
``CANDIDATES`` passages is scored whole (``candidates=None`` scores every one); either way the
passages returned carry their exact scores.

**Agreement** (``agreement``): the passage's figures, read by the same number grammar, against
the claim's value, unit and qualifier. In short: the same figure, or one its hedge allows, in the
claim's unit (converted: tonnes, metric tons, kilotonnes...) agrees; another value in that unit
disagrees; no figure in that unit is not_stated. Dates agree or are not_stated (another date is
another event, not a contradiction); figures without a unit agree only with the same value;
quotes agree when found verbatim; facts are not_stated. The rules, with their reasons, are in
``verify.evidence.comparison``.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from .. import lexicon
from .comparison import Judgement, Reading, claim_reading, figure_keys, judge, read
from ..reading.language import STOPWORDS, detect_language
from ..records.model import Block, Claim, Mention
from ..numbers import find_mentions
from ..reading.sentences import split_sentences
from ..reading.terms import find_terms, normalize

__all__ = [
    "Passage", "split_passages", "suggest", "agreement", "clear_cache", "AGREEMENTS",
    "MIN_PASSAGE_CHARS", "MAX_PASSAGE_CHARS", "CANDIDATES", "MAX_SOURCE_CHARS",
    "MAX_FIGURES_PER_PASSAGE", "searched_part",
]

AGREEMENTS = ("agrees", "disagrees", "not_stated")

# The passage limits' one home is verify.settings (what each changes, and why its default).
from ..settings import DEFAULTS as _SETTINGS  # noqa: E402 - beside the limits it sets

MIN_PASSAGE_CHARS = _SETTINGS.passage_min_chars  # a shorter sentence is joined to the next
MAX_PASSAGE_CHARS = _SETTINGS.passage_max_chars  # a longer one is cut at white space
MAX_SOURCE_CHARS = _SETTINGS.passage_max_source_chars
"""How much of a source's text is searched for evidence (``passage_max_source_chars``). The
rest is kept in the snapshot but never read; the registry's message on such a source says so."""
MAX_FIGURES_PER_PASSAGE = _SETTINGS.passage_max_figures
"""How many numbers (digit groups and number words) of one passage the grammar reads
(``passage_max_figures``; the grammar's time grows with the square of a run of numbers)."""

# Ranking weights (see the module's notes). A figure match outweighs most text similarity, so a
# cross-language passage with the claim's figure beats a same-language one without it.
TEXT_WEIGHT = 0.45
FIGURE_POINTS = 35        # the claim's value
COMPATIBLE_POINTS = 30    # a value the claim's hedge allows
SAME_UNIT_POINTS = 25     # another value in the claim's unit: a contradiction is evidence too
COMMON_UNIT_POINTS = 10   # the same, in years, days, percent or money: another value says little
DATE_POINTS = 25          # the claim's date or year
PARTIAL_DATE_POINTS = 15  # a date that agrees but says less ("July 2000" for "19 July 2000")
OTHER_FIGURE_POINTS, OTHER_FIGURE_CAP = 4, 8     # the claim sentence's other figures
NAME_POINTS, NAME_CAP = 8, 24
TERM_POINTS, TERM_CAP = 3, 9
SIMILAR_ENOUGH = 50       # a passage sharing nothing else must be at least this alike
CANDIDATES = 64           # passages rapidfuzz scores per claim after the key-count stage
# How much each kind of shared key counts in the key-count stage (times its rarity).
_KEY_WEIGHT = {"f": 6.0, "u": 2.0, "d": 2.0, "n": 3.0, "t": 1.5, "w": 1.0}


@dataclass(frozen=True)
class Passage:
    """A window of a source's text suggested as evidence for a claim."""

    source_id: str
    """The source it comes from (``verify.evidence.sources.Source.source_id``)."""
    text: str
    """The passage, exactly as in the source's text: ``source_text[start:end] == text``."""
    start: int
    """Offset of the passage in the source's text (code points)."""
    end: int
    """Offset just past the passage."""
    score: float
    """0 to 100: how strongly it bears on the claim (see the module's notes)."""
    agreement: str
    """One of AGREEMENTS: the passage's figures against the claim's."""
    figures: tuple[Mention, ...] = ()
    """Every figure the grammar found in the passage; their offsets index the source's text."""
    reasons: tuple[str, ...] = ()
    """Why it ranks where it does and why it (dis)agrees, in words ("same figure 10000
    container", "names: Russia, North Korea", "text similarity 41")."""
    figure: Mention | None = None
    """The figure that decided ``agreement`` (one of ``figures``); None when not_stated, and
    for a quote (it agrees by its words)."""

    def __post_init__(self):
        object.__setattr__(self, "figures", tuple(self.figures))
        object.__setattr__(self, "reasons", tuple(self.reasons))


# --- Passages ------------------------------------------------------------------------------------

_LINE_RE = re.compile(r"[^\n]+")
_SENTENCE_END = tuple(".!?:;\"”»)]…")


def split_passages(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """The passages of a source text as (start, end) spans, in order, never overlapping.

    ``lang`` is accepted for symmetry with the other stages: the sentence splitter reads Italian
    and English alike. Spans never start or end with white space.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    blocks = _paragraphs(text)
    sentences = split_sentences(text, blocks)
    spans: list[tuple[int, int]] = []
    for group in _by_block(sentences, [b.end for b in blocks]):
        for start, end in _join_short(group):
            spans += _cut(text, start, end)
    return spans


def _by_block(sentences, block_ends: list[int]) -> list[list[tuple[int, int]]]:
    """The sentences' spans, grouped by the block (paragraph) they belong to."""
    groups: list[list[tuple[int, int]]] = []
    b, current = 0, -1
    for s in sentences:
        while b < len(block_ends) - 1 and block_ends[b] < s.end:
            b += 1
        if b != current:
            groups.append([])
            current = b
        groups[-1].append((s.start, s.end))
    return groups


def _join_short(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A paragraph's sentences, each shorter than MIN_PASSAGE_CHARS joined to the next one; a
    short last one joins the one before ("It began on 19 July 2000." needs its subject)."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and joined[-1][1] - joined[-1][0] < MIN_PASSAGE_CHARS:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    if len(joined) > 1 and joined[-1][1] - joined[-1][0] < MIN_PASSAGE_CHARS \
            and joined[-1][1] - joined[-2][0] <= MAX_PASSAGE_CHARS:
        last = joined.pop()
        joined[-1] = (joined[-1][0], last[1])
    return joined


def _paragraphs(text: str) -> list[Block]:
    """The text's lines as body blocks; a hard-wrapped line (no end punctuation, next line in
    lower case) continues into the next."""
    blocks: list[Block] = []
    open_block = False
    for m in _LINE_RE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            open_block = False
            continue
        start = m.start() + len(line) - len(line.lstrip())
        end = start + len(stripped)
        if open_block and blocks and stripped[0].islower():
            blocks[-1] = Block("body", blocks[-1].start, end, text[blocks[-1].start:end])
        else:
            blocks.append(Block("body", start, end, stripped))
        open_block = not stripped.endswith(_SENTENCE_END)
    return blocks


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) cut into windows of at most MAX_PASSAGE_CHARS, at white space when it can."""
    spans = []
    while end - start > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", start + MAX_PASSAGE_CHARS // 2, start + MAX_PASSAGE_CHARS)
        if cut <= start:
            cut = start + MAX_PASSAGE_CHARS
        piece = text[start:cut].rstrip()
        if piece:
            spans.append((start, start + len(piece)))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))
    return spans


# --- Agreement -----------------------------------------------------------------------------------

def agreement(claim: Claim, passage_text: str,
              lang: str | None = None) -> tuple[str, Mention | None]:
    """Whether ``passage_text`` agrees with ``claim``: ("agrees" | "disagrees" | "not_stated",
    the passage figure that decided it, or None).

    The passage's figures are read by ``verify.numbers.find_mentions`` in ``lang`` (detected
    when None); the returned mention's offsets index ``passage_text``. The rules are in
    ``verify.evidence.comparison``.

    >>> from verify.records.model import Claim
    >>> claim = Claim("c-2", "a", "quantity", "260.000 tonnellate", 0, 18, value="260000",
    ...               unit="tonne", qualifier="exact")
    >>> label, figure = agreement(claim, "an estimated 74,000 metric tons of explosives")
    >>> label, figure.text
    ('disagrees', 'an estimated 74,000 metric tons')
    >>> agreement(claim, "North Korea shipped 260 kilotonnes of materiel.")[0]
    'agrees'
    """
    try:
        if not isinstance(passage_text, str):
            return "not_stated", None
        lang = lang or detect_language(passage_text)
        judged = judge(claim, read(find_mentions(passage_text, lang)), passage_text)
        return judged.label, judged.mention
    except Exception:  # one odd passage must not stop a checker's session
        return "not_stated", None


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


_SOURCE_CACHE: OrderedDict = OrderedDict()
_CORPUS_CACHE: OrderedDict = OrderedDict()
# Sources are kept by the characters they hold, not by count: a project with a hundred short
# sources must not read them all again for every claim, and a few huge ones must not fill memory.
SOURCE_CACHE_CHARS = 20_000_000
CORPUS_CACHE_SIZE = 8


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


def _source_weight(key) -> int:
    return min(len(key[0]), MAX_SOURCE_CHARS) + 1


def _index_source(text: str, lang: str | None) -> _SourcePassages:
    def build():
        searched = searched_part(text)
        language = lang or detect_language(searched)
        spans = split_passages(searched, language)
        figures, readings, features = [], [], []
        for start, end in spans:
            passage = text[start:end]
            found = tuple(_shift(m, start)
                          for m in find_mentions(_figure_part(passage), language))
            figures.append(found)
            readings.append(read(found))
            features.append(_features(passage, readings[-1]))
        return _SourcePassages(language, spans, figures, readings, features)
    return _cached(_SOURCE_CACHE, SOURCE_CACHE_CHARS, (text, lang), build, weight=_source_weight)


def searched_part(text: str) -> str:
    """The part of a source's text that is searched for evidence: its first MAX_SOURCE_CHARS
    characters, cut at the last white space before the limit (never inside a word)."""
    if len(text) <= MAX_SOURCE_CHARS:
        return text
    cut = text.rfind(" ", MAX_SOURCE_CHARS - 200, MAX_SOURCE_CHARS)
    return text[:cut if cut > 0 else MAX_SOURCE_CHARS]


# a digit group, or a word the grammar may read as a number ("ten", "dieci", "million")
_NUMBER_TOKEN = re.compile(r"\d+|\b(?:" + "|".join(sorted(
    (re.escape(w) for w in {*lexicon.IT_SMALL, *lexicon.EN_SMALL, *lexicon.IT_HUNDRED,
                            *lexicon.EN_HUNDRED, *lexicon.IT_SCALE, *lexicon.EN_SCALE,
                            *lexicon.IT_ORDINALS, *lexicon.EN_ORDINALS} if len(w) > 1),
    key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _figure_part(passage: str) -> str:
    """The passage up to just before its (MAX_FIGURES_PER_PASSAGE + 1)-th number: what the
    grammar reads for figures. A passage of ordinary prose is read whole."""
    for count, match in enumerate(_NUMBER_TOKEN.finditer(passage), start=1):
        if count > MAX_FIGURES_PER_PASSAGE:
            return passage[:match.start()]
    return passage


def _index_corpus(sources: tuple[tuple[str, str], ...], lang: str | None) -> _Corpus:
    def build():
        indexed, where, signatures, lists = [], [], [], {}
        for s, (source_id, text) in enumerate(sources):
            index = _index_source(text, lang)
            indexed.append((source_id, text, index))
            for j, feats in enumerate(index.features):
                n = len(where)
                where.append((s, j))
                signatures.append(feats.signature)
                for key in feats.keys:
                    lists.setdefault(key, []).append(n)
        total = len(where)
        postings = {k: np.asarray(v, dtype=np.intp) for k, v in lists.items()}
        idf = {k: math.log(1 + total / len(v)) for k, v in lists.items()}
        return _Corpus(indexed, where, signatures, postings, idf)
    return _cached(_CORPUS_CACHE, CORPUS_CACHE_SIZE, (sources, lang), build)


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


def clear_cache() -> None:
    """Forget every source read so far (the caches are bounded; this is for tests and memory)."""
    _SOURCE_CACHE.clear()
    _CORPUS_CACHE.clear()
    _claim_sentence.cache_clear()


# --- Ranking -------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _claim_sentence(sentence: str, lang: str) -> tuple[tuple[Reading, ...], _Features]:
    # Several claims share a sentence: read it once.
    readings = read(find_mentions(sentence, lang))
    return readings, _features(sentence, readings)


@dataclass(frozen=True)
class _Query:
    """A claim, read for ranking."""

    claim: Claim
    own: Reading | None          # the claim's figure, None for a fact or a quote
    own_keys: tuple[str, ...]
    others: tuple[tuple[str, ...], ...]   # the keys of each other figure of its sentence
    features: _Features


def _query(claim: Claim, claim_lang: str | None) -> _Query:
    sentence = claim.sentence or claim.text or ""
    readings, feats = _claim_sentence(sentence, claim_lang or detect_language(sentence))
    own = claim_reading(claim)
    own_keys = tuple(figure_keys(own)) if own is not None else ()
    others = tuple(keys for keys in (tuple(figure_keys(r)) for r in readings)
                   if keys and keys[0] not in own_keys)
    return _Query(claim, own, own_keys, others, feats)


def suggest(claim: Claim, sources: Iterable[tuple[str, str]], *, limit: int = 5,
            lang: str | None = None, claim_lang: str | None = None,
            candidates: int | None = CANDIDATES) -> list[Passage]:
    """The ``limit`` passages of ``sources`` that bear most on ``claim``, best first.

    ``sources`` are (source_id, text) pairs; every passage's offsets index its source's text.
    ``lang`` is the sources' language ("it" or "en"; None: detected per source) and
    ``claim_lang`` the claim's (None: detected from its sentence). ``candidates`` is how many
    passages the key-count stage hands to rapidfuzz (None: every passage; slower, and the
    same ranking in practice: ``bench/bench_evidence.py`` counts how often the top differs).
    Passages that share nothing with the claim and are not alike are left out. Never raises
    on odd text.
    """
    sources = tuple((str(sid), text if isinstance(text, str) else "") for sid, text in sources)
    if limit <= 0 or not sources:
        return []
    corpus = _index_corpus(sources, lang)
    if not corpus.where:
        return []
    query = _query(claim, claim_lang)
    n = len(corpus.where)
    k = n if candidates is None else max(candidates, 4 * limit)
    shared = _shared_keys(corpus, query, k)
    chosen = np.arange(n) if k >= n else np.sort(np.argpartition(-shared.weight, k - 1)[:k])
    scores, judged = _scores(corpus, query, shared, chosen, limit)
    best = np.lexsort((chosen, -scores))[:limit]
    return [_passage(corpus, query, int(chosen[b]), float(scores[b]), judged.get(int(chosen[b])),
                     int(shared.similarity[b]))
            for b in best if scores[b] > 0]


@dataclass
class _Shared:
    """Per passage of the corpus: what it shares with the claim."""

    weight: np.ndarray      # shared keys, weighted by kind and rarity: picks the candidates
    names: np.ndarray       # how many of the claim's names
    terms: np.ndarray
    others: np.ndarray      # how many of the claim sentence's other figures
    own: np.ndarray         # whether it has a figure keyed like the claim's
    similarity: np.ndarray | None = None   # rapidfuzz, for the chosen candidates


def _shared_keys(corpus: _Corpus, query: _Query, k: int) -> _Shared:
    """Count, over every passage at once, the keys each shares with the claim (numpy adds over
    the passages that hold each key: the cost follows the keys, not the corpus). ``k``: how
    many candidates the weights must tell apart."""
    n = len(corpus.where)
    shared = _Shared(np.zeros(n, np.float32), np.zeros(n, np.int16), np.zeros(n, np.int16),
                     np.zeros(n, np.int16), np.zeros(n, bool))
    feats = query.features
    common: list[str] = []

    def add(key: str, counter: np.ndarray | None = None, mask: np.ndarray | None = None):
        ids = corpus.postings.get(key)
        if ids is None:
            return
        if counter is None and mask is None and 4 * len(ids) > n:
            common.append(key)  # in a quarter of the passages: tells little, costs much
            return
        # A passage holds each key once, so a fancy-index add never double-counts.
        shared.weight[ids] += _KEY_WEIGHT[key[0]] * corpus.idf[key]
        if counter is not None:
            counter[ids] += 1
        if mask is not None:
            mask[ids] = True

    for key in feats.names:
        add(f"n:{key}", shared.names)
    for key in feats.terms:
        add(f"t:{key}", shared.terms)
    for key in feats.keys:
        if key[0] == "w":
            add(key)
    for key in query.own_keys:
        add(key, mask=shared.own)
    for keys in query.others:  # a figure counts once however many of its keys match
        hit = np.zeros(n, bool)
        for key in keys:
            add(key, mask=hit)
        shared.others += hit
    if common and np.count_nonzero(shared.weight) < k:
        for key in common:  # too few passages share a rarer key: the common words decide
            shared.weight[corpus.postings[key]] += _KEY_WEIGHT[key[0]] * corpus.idf[key]
    return shared


_STRENGTH_POINTS = {"same": FIGURE_POINTS, "compatible": COMPATIBLE_POINTS,
                    "same_unit": SAME_UNIT_POINTS, "date": DATE_POINTS,
                    "partial_date": PARTIAL_DATE_POINTS}
_MOST_FIGURE_POINTS = max(_STRENGTH_POINTS.values())
# Units so common that another value in them is no sign of the same subject ("24 anni" and
# "5 anni" are about different things more often than not).
_COMMON_UNIT_KINDS = ("duration", "percent", "money")


def _figure_points(query: _Query, judged: Judgement) -> float:
    if judged.strength == "same_unit" and query.claim.kind in _COMMON_UNIT_KINDS:
        return COMMON_UNIT_POINTS
    return _STRENGTH_POINTS.get(judged.strength, 0)


def _scores(corpus: _Corpus, query: _Query, shared: _Shared, chosen: np.ndarray,
            limit: int) -> tuple[np.ndarray, dict[int, Judgement]]:
    """The score (0-100) of each chosen passage, and the figure judgements made on the way.

    Scores are exact for every passage that can be among the best ``limit``; a passage that
    cannot (even the most figure points would leave it below the ``limit``-th best score) is
    not judged, and keeps its score without figure points."""
    ratios = process.cdist([query.features.signature],
                           [corpus.signatures[i] for i in chosen.tolist()],
                           scorer=fuzz.ratio, dtype=np.float64)[0]
    similarity = np.rint(ratios)  # whole points, rounded as Python's round() does
    shared.similarity = similarity.astype(np.int64)
    names, terms, others = shared.names[chosen], shared.terms[chosen], shared.others[chosen]
    points = (TEXT_WEIGHT * similarity
              + np.minimum(NAME_CAP, NAME_POINTS * names)
              + np.minimum(TERM_CAP, TERM_POINTS * terms)
              + np.minimum(OTHER_FIGURE_CAP, OTHER_FIGURE_POINTS * others))
    bears = (names + terms + others > 0) | (similarity >= SIMILAR_ENOUGH)
    scores = np.where(bears, np.minimum(100.0, points), 0.0)
    judged: dict[int, Judgement] = {}
    # Judging needs a figure of the claim's unit (or date) in the passage: its keys say so.
    # Judge the most promising first, and stop when even the most figure points could not
    # lift the next one to the ``limit``-th best score so far.
    hopeful = np.flatnonzero(shared.own[chosen])
    best = _Best(scores, limit)
    for b in hopeful[np.argsort(-points[hopeful], kind="stable")].tolist():
        if points[b] + _MOST_FIGURE_POINTS < best.bar:
            break
        i = int(chosen[b])
        _, _, index, j = corpus.passage(i)
        judged[i] = judge(query.own, index.readings[j])
        figure = _figure_points(query, judged[i])
        if figure:
            scores[b] = min(100.0, points[b] + figure)
            best.raised(b, scores[b])
    return scores, judged


class _Best:
    """The ``limit`` best scores so far, kept as scores rise one by one (a passage's score only
    rises when its figure is judged): ``bar`` is the lowest of them."""

    def __init__(self, scores: np.ndarray, limit: int):
        top = np.argpartition(-scores, limit - 1)[:limit] if len(scores) > limit else []
        self.top = {int(b): float(scores[b]) for b in top}
        self.bar = min(self.top.values()) if self.top else 0.0

    def raised(self, b: int, score: float) -> None:
        if not self.top:
            return
        if b in self.top:
            self.top[b] = score
        elif score > self.bar:
            del self.top[min(self.top, key=self.top.get)]
            self.top[b] = score
        self.bar = min(self.top.values())


def _passage(corpus: _Corpus, query: _Query, i: int, score: float, judged: Judgement | None,
             similarity: int) -> Passage:
    source_id, text, index, j = corpus.passage(i)
    start, end = index.spans[j]
    passage_text = text[start:end]
    claim = query.claim
    reasons = _ranking_reasons(query, index.features[j], judged, similarity)
    final = judged
    if final is None or claim.kind == "quote":  # a quote is judged on the passage's words
        final = judge(query.own, index.readings[j], passage_text,
                      quote=claim.text if claim.kind == "quote" else "")
    return Passage(source_id=source_id, text=passage_text, start=start, end=end,
                   score=round(score, 1), agreement=final.label, figures=index.figures[j],
                   reasons=tuple(reasons) + final.reasons, figure=final.mention)


def _ranking_reasons(query: _Query, passage: _Features, judged: Judgement | None,
                     similarity: int) -> list[str]:
    reasons = []
    if judged is not None and judged.mention is not None:
        m, claim = judged.mention, query.claim
        reasons.append({
            "same": f"same figure {claim.value} {claim.unit}".strip(),
            "compatible": f"compatible figure {m.value} {m.unit}".strip(),
            "same_unit": f"same unit, other value: {m.value} {m.unit}".strip(),
            "date": f"same date {claim.value}",
            "partial_date": f"date that agrees: {m.value}",
        }.get(judged.strength, ""))
    others = sorted({passage.figure_keys[k] for keys in query.others for k in keys
                     if k in passage.figure_keys})
    if others:
        reasons.append("also shares: " + ", ".join(others[:4]))
    names = [passage.names[k] for k in query.features.names if k in passage.names]
    if names:
        reasons.append("names: " + ", ".join(names))
    terms = [passage.terms[k] for k in query.features.terms if k in passage.terms]
    if terms:
        reasons.append("words: " + ", ".join(terms))
    reasons.append(f"text similarity {similarity}")
    return [r for r in reasons if r]


def _score_one(corpus: _Corpus, query: _Query, i: int, similarity: int) -> float:
    """The score of passage ``i`` computed the obvious way, one passage at a time: the oracle
    ``_scores`` is checked against (tests) and timed beside (bench)."""
    _, _, index, j = corpus.passage(i)
    passage = index.features[j]
    names = sum(1 for k in query.features.names if k in passage.names)
    terms = sum(1 for k in query.features.terms if k in passage.terms)
    others = sum(1 for keys in query.others if any(k in passage.figure_keys for k in keys))
    figure = 0
    if any(k in passage.figure_keys for k in query.own_keys):
        figure = _figure_points(query, judge(query.own, index.readings[j]))
    if not (names + terms + others or figure or similarity >= SIMILAR_ENOUGH):
        return 0.0
    points = (TEXT_WEIGHT * similarity + min(NAME_CAP, NAME_POINTS * names)
              + min(TERM_CAP, TERM_POINTS * terms)
              + min(OTHER_FIGURE_CAP, OTHER_FIGURE_POINTS * others) + figure)
    return min(100.0, points)
