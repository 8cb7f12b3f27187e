"""Consistency check 4, the same quantity twice: one unit in two sentences about the same thing
with two different values (``quantity_conflict``), each figure compared with the last
``CONFLICT_WINDOW`` figures of its unit, so a page of thousands is checked in linear time."""

from __future__ import annotations

import re
from collections import deque
from typing import Sequence

from ..reading.claims import span_in_sentence
from ..records.model import Claim
from .consistency_figures import (_decimal, _fmt, _interval, _overlap, _quote, _same_figure,
                                  _say_figure, _unit_words)
from .consistency_finding import Finding, _span

_QUANTITY_KINDS = ("count", "quantity", "money", "percent", "duration")
CONFLICT_WINDOW = 64
"""How many earlier figures of its unit a figure is compared with (the most recent ones)."""
_STOPWORDS = frozenset((
    "della dello delle degli dell questo questa questi queste quello quella quelli quelle sono "
    "stato stata stati state essere hanno aveva avevano anche come dopo prima ogni loro nella "
    "nelle negli sulla sulle dalla dalle alla alle agli secondo circa oltre almeno più meno "
    "ancora però mentre quando dove perché tutto tutti tutte that this these those with from "
    "have been were their there which about more than least after before since into over "
    "they them also said says will would could should some only other such what when"
).split())
_CONTENT_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()–—]")


def _stems(text: str) -> list[str]:
    return [w.lower()[:5] for w in _CONTENT_WORD_RE.findall(text) if w.lower() not in _STOPWORDS]


def _context(claim: Claim, article_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the content words of the claim's sentence (the claim's own words left out),
    and of the words next to the figure in its clause: the nearest one on each side ("ricevuto",
    "munizioni"; not the "ha detto" after a comma). A long sentence is the claim's window of it."""
    at, end = span_in_sentence(claim, article_text)
    if at < 0:  # a hand-edited row: the claim's offset in its sentence, as it was
        at = max(claim.start - claim.sentence_start, 0)
        end = at + len(claim.text)
    before, after = claim.sentence[:at], claim.sentence[end:]
    near = (_stems(_CLAUSE_BREAK_RE.split(before)[-1])[-1:]
            + _stems(_CLAUSE_BREAK_RE.split(after)[0])[:1])
    return frozenset(_stems(before) + _stems(after)), frozenset(near)


def _quantity_conflicts(figures: Sequence[Claim], article_text: str) -> list[Finding]:
    quantities = [c for c in figures if c.kind in _QUANTITY_KINDS and c.unit
                  and _decimal(c.value) is not None]
    # The dates and years each sentence states: two figures of two different times are a
    # change over time, not a contradiction.
    times: dict[int, set[str]] = {}
    for c in figures:
        if c.kind in ("date", "year", "decade"):
            times.setdefault(c.sentence_start, set()).add(c.value)
    contexts = [_context(c, article_text) for c in quantities]
    findings = []
    # Each figure is compared with the last CONFLICT_WINDOW figures of its unit, oldest first: a
    # news article never gives that many of one unit before restating one, and a page of
    # thousands (a table, a pasted list) is checked in time linear in its length.
    earlier_of: dict[str, deque[int]] = {}
    for i, later in enumerate(quantities):
        window = earlier_of.setdefault(later.unit, deque(maxlen=CONFLICT_WINDOW))
        candidates = list(window)
        window.append(i)
        for j in candidates:
            earlier = quantities[j]
            if earlier.sentence_start == later.sentence_start or _same_figure(earlier, later):
                continue
            t1, t2 = times.get(earlier.sentence_start), times.get(later.sentence_start)
            if t1 and t2 and not t1 & t2:
                continue
            (words_i, next_i), (words_j, next_j) = contexts[i], contexts[j]
            shared = words_i & words_j
            # About the same thing: the sentences share words, and the words next to one figure
            # are in the other's sentence ("ricevuto"), unlike "morte 10 persone" and "ferite 30".
            if len(shared) < 2 or not (next_i & words_j or next_j & words_i):
                continue
            findings.append(_conflict(earlier, later, sorted(shared)))
            break  # one finding per figure: against the first that differs
    return findings


def _conflict(earlier: Claim, later: Claim, shared: list[str]) -> Finding:
    a, b = _decimal(earlier.value), _decimal(later.value)
    diff = abs(a - b)
    pct = f", {_fmt(diff / max(a, b) * 100, 0)}% of the larger" if max(a, b) > 0 else ""
    arithmetic = (f"{_say_figure(earlier)} vs {_say_figure(later)}: "
                  f"they differ by {_fmt(diff)} {_unit_words(later.unit, diff)}{pct}")
    compatible = _overlap(_interval(earlier), _interval(later))
    message = (f"The article gives {_quote(earlier)} and later {_quote(later)} for what reads as "
               f"the same thing"
               + (": the hedges let both hold, but the figures differ." if compatible
                  else ": both cannot be true."))
    return Finding("quantity_conflict", later.start, later.end, later.text, message,
                   "warning", {
                       "arithmetic": arithmetic, "unit": later.unit,
                       "values": [earlier.value, later.value], "compatible": compatible,
                       "shared_words": shared,
                       "related": [_span(earlier.start, earlier.end, earlier.text, "the other figure")],
                   })
