"""The claim's side of the evidence ranking and what a checker is shown: a claim read for
ranking, what each passage shares with it, the best scores kept while figures are judged, and the
``Passage`` built with the reasons for its rank, in words. The scores themselves are in
``verify.evidence.passages``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .comparison import Judgement, Reading, claim_reading, figure_keys, judge, read
from ..reading.language import detect_language
from ..records.model import Claim, Mention
from ..grammar import find_mentions
from .passage_features import _Corpus, _Features, _features


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
    """0 to 100: how strongly it bears on the claim (see ``verify.evidence.passages``)."""
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


@dataclass
class _Shared:
    """Per passage of the corpus: what it shares with the claim."""

    weight: np.ndarray      # shared keys, weighted by kind and rarity: picks the candidates
    names: np.ndarray       # how many of the claim's names
    terms: np.ndarray
    others: np.ndarray      # how many of the claim sentence's other figures
    own: np.ndarray         # whether it has a figure keyed like the claim's
    similarity: np.ndarray | None = None   # rapidfuzz, for the chosen candidates


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
