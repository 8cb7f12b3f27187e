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
shorter than ``passage_min_chars`` (``verify.settings``) is joined to the next one of its paragraph (the last one to
the one before), one longer than ``passage_max_chars`` is cut at white space. Spans index the
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
``passage_max_source_chars`` characters, and in each passage its first ``passage_max_figures``
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
from collections import OrderedDict
from typing import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from .comparison import Judgement, judge, read
from ..reading.language import detect_language
from ..records.model import Block, Claim, Mention
from ..grammar import find_mentions
from ..reading.sentences import split_sentences
# The passage limits' one home is verify.settings, read when a source is cut, so that
# ``verify.settings.using(passage_max_chars=300)`` applies to the next suggestion (and a source
# read under other limits is read again: the limits are part of the cache's key).
from ..settings import current as _settings
# what a text offers to the ranking and the claim's side of it have modules of their own;
# ``Passage`` is imported here so that callers keep one place to import it from
from .passage_features import _NUMBER_TOKEN, _Corpus, _SourcePassages, _cached, _features, _shift
from .passage_query import (Passage, _Best, _claim_sentence, _passage, _Query, _query, _Shared)


AGREEMENTS = ("agrees", "disagrees", "not_stated")

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
    limits = _settings()
    shortest, longest = limits.passage_min_chars, limits.passage_max_chars
    blocks = _paragraphs(text)
    sentences = split_sentences(text, blocks)
    spans: list[tuple[int, int]] = []
    for group in _by_block(sentences, [b.end for b in blocks]):
        for start, end in _join_short(group, shortest, longest):
            spans += _cut(text, start, end, longest)
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


def _join_short(spans: list[tuple[int, int]], shortest: int,
                longest: int) -> list[tuple[int, int]]:
    """A paragraph's sentences, each shorter than ``shortest`` characters joined to the next
    one; a short last one joins the one before ("It began on 19 July 2000." needs its subject)
    when the two fit in ``longest``."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and joined[-1][1] - joined[-1][0] < shortest:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    if len(joined) > 1 and joined[-1][1] - joined[-1][0] < shortest \
            and joined[-1][1] - joined[-2][0] <= longest:
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


def _cut(text: str, start: int, end: int, longest: int) -> list[tuple[int, int]]:
    """(start, end) cut into windows of at most ``longest`` characters, at white space when it
    can."""
    spans = []
    while end - start > longest:
        cut = text.rfind(" ", start + longest // 2, start + longest)
        if cut <= start:
            cut = start + longest
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

    The passage's figures are read by ``verify.grammar.find_mentions`` in ``lang`` (detected
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


# --- The index of a source, and of a set of sources ------------------------------------------

_SOURCE_CACHE: OrderedDict = OrderedDict()
_CORPUS_CACHE: OrderedDict = OrderedDict()
# Sources are kept by the characters they hold, not by count: a project with a hundred short
# sources must not read them all again for every claim, and a few huge ones must not fill memory.
SOURCE_CACHE_CHARS = 20_000_000
CORPUS_CACHE_SIZE = 8


def _source_weight(key) -> int:
    text, _, limits = key
    return min(len(text), limits.passage_max_source_chars) + 1


def _index_source(text: str, lang: str | None) -> _SourcePassages:
    limits = _settings()

    def build():
        searched = searched_part(text)
        language = lang or detect_language(searched)
        spans = split_passages(searched, language)
        figures, readings, features = [], [], []
        for start, end in spans:
            passage = text[start:end]
            found = tuple(_shift(m, start)
                          for m in find_mentions(_figure_part(passage, limits.passage_max_figures),
                                                language))
            figures.append(found)
            readings.append(read(found))
            features.append(_features(passage, readings[-1]))
        return _SourcePassages(language, spans, figures, readings, features)
    return _cached(_SOURCE_CACHE, SOURCE_CACHE_CHARS, (text, lang, limits), build,
                   weight=_source_weight)


def searched_part(text: str) -> str:
    """The part of a source's text that is searched for evidence: its first
    ``passage_max_source_chars`` characters (``verify.settings``), cut at the last white space
    before the limit (never inside a word). The rest is kept in the snapshot but never read;
    the registry's message on such a source says so."""
    most = _settings().passage_max_source_chars
    if len(text) <= most:
        return text
    cut = text.rfind(" ", max(0, most - 200), most)
    return text[:cut if cut > 0 else most]


def _figure_part(passage: str, most: int) -> str:
    """The passage up to just before its (``most`` + 1)-th number: what the grammar reads for
    figures (its time grows with the square of a run of numbers). A passage of ordinary prose
    is read whole."""
    for count, match in enumerate(_NUMBER_TOKEN.finditer(passage), start=1):
        if count > most:
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
    return _cached(_CORPUS_CACHE, CORPUS_CACHE_SIZE, (sources, lang, _settings()), build)


def clear_cache() -> None:
    """Forget every source read so far (the caches are bounded; this is for tests and memory)."""
    _SOURCE_CACHE.clear()
    _CORPUS_CACHE.clear()
    _claim_sentence.cache_clear()


# --- Ranking -------------------------------------------------------------------------------------

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
