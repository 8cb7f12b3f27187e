"""From an article's sentences and figures to the claims table.

One row per figure (two figures in a sentence give two rows), one row per substantial quote, and
one `fact` row per sentence that states who did or said what. Each claim carries a
check-worthiness score with the reasons that raised it, so a checker sees why it ranks where it does.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import io
import itertools
import re
from collections import Counter
from operator import itemgetter
from pathlib import Path
from typing import IO, Iterable

from ..grammar.lexicon import alternation, caseless, latin1_lead, lowered
from ..records.model import CLAIM_COLUMNS, Article, Claim, Mention, Sentence, _filled
from ..grammar import find_mentions
from .sentences import split_sentences

# --- cue words ------------------------------------------------------------------------------
# Attribution: someone said it. A claim that is reported can be checked twice: did they say
# it, and is it true.
_ATTRIBUTION = {
    "it": r"secondo|ha detto|hanno detto|ha dichiarato|hanno dichiarato|ha affermato|hanno affermato|"
          r"afferma|affermano|ha aggiunto|ha spiegato|ha annunciato|hanno annunciato|ha riferito|"
          r"riferisce|riferiscono|ha sostenuto|sostiene|ha definito|definendo|ha scritto|ha ribadito|"
          r"ha espresso|ha accusato|hanno accusato|ha negato|hanno negato|ha confermato|"
          r"ha smentito|disse|dice|dicono|ha elogiato|riporta|riportano|stando a|a detta di",
    "en": r"according to|said|says|told|stated|states|claimed|claims|announced|added|reported|"
          r"reports|confirmed|denied|accused|wrote|tweeted|declared|insisted|argued|warned|"
          r"estimated|estimates",
}
# Comparisons and superlatives make a statement checkable against a record.
_COMPARISON = {
    "it": r"più|meno|primo|prima volta|ultimo|ultima|record|maggiore|minore|massimo|minimo|"
          r"doppio|triplo|raddoppiat\w*|dimezzat\w*|aumentat\w*|diminuit\w*|cresciut\w*|"
          r"calat\w*|superiore|inferiore|storic\w+|senza precedenti|mai",
    "en": r"more|less|fewer|first|last|record|largest|biggest|highest|lowest|most|least|"
          r"double[sd]?|tripled|halved|increased|decreased|rose|fell|grew|than|ever|"
          r"unprecedented|historic",
}
_ATTRIBUTION_RE = {k: re.compile(rf"\b(?:{v})\b", re.IGNORECASE) for k, v in _ATTRIBUTION.items()}
_COMPARISON_RE = {k: re.compile(rf"\b(?:{v})\b", re.IGNORECASE) for k, v in _COMPARISON.items()}


def _lower_case_pattern(alternatives: str) -> re.Pattern | None:
    """The cue pattern to search a sentence's lower-cased text with, case-sensitively: it finds
    a cue exactly where the IGNORECASE pattern does, several times faster (see "Searching
    lower-cased text" in ``verify.grammar.lexicon``). None when a letter of the cues rules that out, or
    a cue does not start with a letter (then the IGNORECASE pattern serves).

    Built for the engine's speed: the cues grouped by first letter ("a(?:...)|d(?:...)"), plain
    words as a trie, other alternatives ("raddoppiat\\w*") as written; no leading word boundary:
    ``_led`` puts the character before the cue in front."""
    phrases = alternatives.split("|")
    if not caseless([alternatives]):
        return None
    if not all(re.match(r"[^\W\d_](?![*+?{])", p) for p in phrases):  # a letter, not quantified
        return None
    by_first: dict[str, tuple[list[str], list[str]]] = {}  # letter -> (plain rests, other rests)
    for phrase in phrases:
        plain, other = by_first.setdefault(phrase[0], ([], []))
        is_plain = re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", phrase)
        (plain if is_plain else other).append(phrase[1:])
    branches = []
    for first, (plain, other) in sorted(by_first.items()):
        rests = ([alternation(plain, space=" ")] if plain else []) + other
        branches.append(re.escape(first) + r"(?:%s)" % "|".join(rests))
    return re.compile(r"(?:%s)\b" % "|".join(branches))


_ATTRIBUTION_LOW_RE = {k: _lower_case_pattern(v) for k, v in _ATTRIBUTION.items()}
_COMPARISON_LOW_RE = {k: _lower_case_pattern(v) for k, v in _COMPARISON.items()}
# A cue of either kind; None exactly when one of the two above is None.
_ANY_CUE_LOW_RE = {k: _lower_case_pattern(f"{v}|{_COMPARISON[k]}") for k, v in _ATTRIBUTION.items()}


def _led(lead: str, pattern: re.Pattern | None) -> re.Pattern | None:
    """``pattern``'s cues after ``lead``, the character before a word: a space (the search jumps
    from space to space as ``str.find`` does: 10x a search tried at each letter) or a mark."""
    return None if pattern is None else re.compile(lead + pattern.pattern)


_OTHER_MARK = latin1_lead(r"[^\w ]")  # a non-word character but the space
_ATTRIBUTION_SPACE_RE = {k: _led(" ", p) for k, p in _ATTRIBUTION_LOW_RE.items()}
_COMPARISON_SPACE_RE = {k: _led(" ", p) for k, p in _COMPARISON_LOW_RE.items()}
_ATTRIBUTION_MARK_RE = {k: _led(_OTHER_MARK, p) for k, p in _ATTRIBUTION_LOW_RE.items()}
_COMPARISON_MARK_RE = {k: _led(_OTHER_MARK, p) for k, p in _COMPARISON_LOW_RE.items()}
_ANY_CUE_MARK_RE = {k: _led(_OTHER_MARK, p) for k, p in _ANY_CUE_LOW_RE.items()}

# A quotation between typographic or straight quotes, not across paragraphs: what this regex
# finds, ``_quotations`` finds in linear time (the regex reads from each opening mark to the
# line's end when the mark is never closed, quadratic on a sentence of unclosed “ or «).
_QUOTE_RE = re.compile(r"“([^”\n]+)”|«([^»\n]+)»|\"([^\"\n]+)\"")
# Each opening mark of _QUOTE_RE and the mark that closes it.
_QUOTE_MARKS = {"“": "”", "«": "»", '"': '"'}
# A word: letters and digits, with inner apostrophes and hyphens ("l'uomo", "nord-coreano").
# Possessive ("*+"): a word is always taken whole, as a scan from one word to the next does.
_WORD = r"\w++(?:[’'-]\w++)*+"
# A capitalised word that is not the sentence's first: a named actor (Putin, Mosca, TASS). The
# capital is matched first and the character before it looked back at: capitals are few, so
# the regex engine skips from one to the next.
_NAME_RE = re.compile(r"[A-ZÀ-Ý](?<=[\s(“\"«'’][A-ZÀ-Ý])[\w’'-]+")
# Its matches after a space (nearly every name): led by the space, searched a quarter quicker.
_NAME_AFTER_SPACE_RE = re.compile(r" [A-ZÀ-Ý][\w’'-]")

MIN_QUOTE_WORDS = 3      # a shorter quote is a scare quote unless someone is reported saying it
MIN_FACT_WORDS = 6       # shorter fragments ("Cooperazione militare.") state nothing checkable


def _at_least_words(n: int) -> re.Pattern:
    """A pattern found in a text that has ``n`` words (possessive: "l'uomo" is one word).

    A match starts only where a word starts (the look-behinds), or a 30,000-letter word was read
    again from each of its letters (quadratic); that changes no answer."""
    return re.compile(rf"(?<!\w)(?<!\w[’'-]){_WORD}(?:\W++{_WORD}){{{n - 1}}}")


_AT_LEAST_WORDS_RE = {n: _at_least_words(n) for n in (MIN_QUOTE_WORDS, MIN_FACT_WORDS)}

# Figure kinds by how much a checker gains from checking them.
_FIGURE_WEIGHT = {
    "count": 0.35, "quantity": 0.35, "money": 0.35, "percent": 0.35, "range": 0.3,
    "duration": 0.25, "date": 0.2, "year": 0.2, "decade": 0.2, "time": 0.15, "ordinal": 0.15,
}


def extract_claims(article: Article) -> list[Claim]:
    """Every checkable claim of ``article``, in article order.

    Figures come from the number grammar (only in headline, body and caption blocks: page noise
    gives no claims); quotes and factual statements from the sentences.
    """
    if not isinstance(article, Article):
        from ..errors import ArticleError  # here, not at the top: this check is all that needs it

        raise ArticleError(f"extract_claims needs an Article, not {type(article).__name__}: "
                           "load it first, e.g. extract_claims(load_article('article.txt')) or "
                           "extract_claims(load_article(text=...))")
    # The cycle collector paused meanwhile: it went over the live records every 700 new ones, a
    # fifth of the time of 50,000 figures, for no garbage.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _claims_of(article)
    finally:
        if collecting:
            gc.enable()


def _claims_of(article: Article) -> list[Claim]:
    sentences = split_sentences(article.text, list(article.blocks))
    # One pass over all the sentences per reader, so that its patterns stay in the processor's
    # caches (4% of the call). A sentence that comes again (a feed's short lines) is read once:
    # its figures rest on its text, its cues on text and block type (1 MB of short lines made
    # half a million calls of each). Sentences with one text share one answer.
    year, lang, published = article.year, article.lang, article.published
    mentions: list[list[Mention]] = []
    figures_of: dict[str, list[Mention]] = {}
    for sentence in sentences:
        text = sentence.text
        found = figures_of.get(text)
        if found is None:
            found = figures_of[text] = find_mentions(text, lang, year=year, published=published)
        mentions.append(found)
    whys: list[tuple[str, ...]] = []
    reasons_of: dict[tuple[str, str], tuple[str, ...]] = {}
    for sentence in sentences:  # scan it all
        key = (sentence.text, sentence.block)
        why = reasons_of.get(key)
        if why is None:
            why = reasons_of[key] = _sentence_reasons(sentence, lang)
        whys.append(why)
    # Each claim is gathered as the dict of its fields (``_row``) and made a Claim once its id
    # is known; the three sources are asked only when they may give a row.
    rows: list[dict] = []
    for sentence, found, why in zip(sentences, mentions, whys):
        if found:
            rows += _figures(sentence, article, why, found)
        text = sentence.text
        # Most sentences hold no quote mark: three substring tests cost less than a call.
        if "“" in text or "«" in text or '"' in text:
            rows += _quotes(sentence, article, why)
        if "attribution" in why or "named actor" in why:  # _fact's first test, without a call
            fact = _fact(sentence, article, why)
            if fact is not None:
                rows.append(fact)
    rows.sort(key=itemgetter("start", "end"))
    return _with_ids(rows)


# --- the three sources of claims -----------------------------------------------------------------

def _figures(sentence: Sentence, article: Article, why: tuple[str, ...],
             mentions: list[Mention] | None = None) -> list[dict]:
    """The sentence's figure claims, from its ``mentions`` (found here when not given)."""
    if mentions is None:
        mentions = find_mentions(sentence.text, article.lang, year=article.year,
                                 published=article.published)
    claims = []
    article_id = article.article_id
    text, start, end, block = sentence.text, sentence.start, sentence.end, sentence.block
    plain, plain_scores, hedged, hedged_scores = _figure_reasons(why, block)
    for m in mentions:
        if not m.checkable:
            continue
        kind, qualifier = m.kind, m.qualifier
        if qualifier not in ("exact", ""):
            reasons, score = hedged, hedged_scores.get(kind)
        else:
            reasons, score = plain, plain_scores.get(kind)
        if score is None:  # a kind without a weight of its own
            score = _checkworthiness(_FIGURE_WEIGHT.get(kind, 0.2), reasons[1:], block)
        note = m.note
        if kind == "date" and m.value.startswith("--"):
            note = note or "date without a year in the text"
        claims.append({  # _row(): every field of the Claim, in its order
            "claim_id": "", "article_id": article_id, "kind": kind, "text": m.text,
            "start": start + m.start, "end": start + m.end,  # article offsets
            "value": m.value, "value_max": m.value_max, "unit": m.unit,
            "qualifier": qualifier or "exact", "sentence": text,
            "block": block, "sentence_start": start, "sentence_end": end,
            "checkworthiness": score, "reasons": reasons, "note": note,
        })
    return claims


@functools.cache
def _figure_reasons(why: tuple[str, ...], block: str) -> tuple:
    """(reasons, checkworthiness by kind) of an exact figure in a sentence of ``block`` with
    reasons ``why``, then of a hedged one: worked out once per key (a few dozen, no text)."""
    plain, hedged = ("figure", *why), ("figure", "hedged figure", *why)
    return (plain, {kind: _checkworthiness(weight, plain[1:], block)
                    for kind, weight in _FIGURE_WEIGHT.items()},
            hedged, {kind: _checkworthiness(weight, hedged[1:], block)
                     for kind, weight in _FIGURE_WEIGHT.items()})


def _quotes(sentence: Sentence, article: Article, why: tuple[str, ...]) -> list[dict]:
    if "“" not in sentence.text and "«" not in sentence.text and '"' not in sentence.text:
        return []
    claims = []
    reasons = ("quote", *why)
    text = sentence.text
    for inner_start, inner_end in _quotations(text):
        inner = text[inner_start:inner_end]
        # A one- or two-word quote is a scare quote unless someone is reported saying it ('Putin
        # ha affermato che ... sono “ostili”': a checker must find that he said it).
        if "attribution" not in why and _AT_LEAST_WORDS_RE[MIN_QUOTE_WORDS].search(inner) is None:
            continue
        # Anchor on the quoted words themselves, without the quote marks or edge spaces.
        lead = len(inner) - len(inner.lstrip())
        quote = inner.strip()
        start = sentence.start + inner_start + lead
        claims.append(_row(article, sentence, "quote", quote, start, start + len(quote),
                           _checkworthiness(0.15, reasons, sentence.block), reasons))
    return claims


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words of each quotation of ``text``, without the marks: the group
    of each match of ``_QUOTE_RE.finditer(text)``, found in linear time.

    At each opening mark, in text order, a quotation runs to the next closing mark when that
    comes before the next line break and a character or more after the opening; the search
    goes on after it, else at the next character. Each next closing mark and line break is
    looked up once, and a mark never closed again rules out later openings of its kind."""
    found: list[tuple[int, int]] = []
    next_open = {mark: text.find(mark) for mark in _QUOTE_MARKS}
    next_close = {mark: -2 for mark in _QUOTE_MARKS}  # -2: not looked up yet
    next_break = -2
    pos = 0
    while True:
        opening = [(at, mark) for mark, at in next_open.items() if at >= 0]
        if not opening:
            return found
        at, mark = min(opening)
        if next_close[mark] != -1 and next_close[mark] <= at:
            next_close[mark] = text.find(_QUOTE_MARKS[mark], at + 1)
        close = next_close[mark]
        if close == -1:  # never closed again: no later opening of this kind is either
            next_open[mark] = -1
            continue
        if next_break != -1 and next_break <= at:
            next_break = text.find("\n", at + 1)
        if close > at + 1 and (next_break == -1 or close < next_break):
            found.append((at + 1, close))
            pos = close + 1
        else:
            pos = at + 1
        for other, other_at in next_open.items():  # the next opening mark of each kind
            if 0 <= other_at < pos:
                next_open[other] = text.find(other, pos)


def _fact(sentence: Sentence, article: Article, why: tuple[str, ...]) -> dict | None:
    """The sentence as a factual statement, when it names an actor or reports what one said."""
    if "attribution" not in why and "named actor" not in why:  # first: it costs nothing
        return None
    text = sentence.text
    if text.rstrip().endswith("?"):
        return None
    if _AT_LEAST_WORDS_RE[MIN_FACT_WORDS].search(text) is None:  # fewer words than that
        return None
    fact = text.rstrip(" .;:")
    return _row(article, sentence, "fact", fact, sentence.start, sentence.start + len(fact),
                _checkworthiness(0.1, why, sentence.block), why)


def _row(article: Article, sentence: Sentence, kind: str, text: str, start: int, end: int,
         checkworthiness: float, reasons: tuple[str, ...]) -> dict:
    """A quote's or fact's fields: every field of the Claim but its id, in the Claim's order
    (``_with_ids`` makes the dict the claim's own), the figure fields empty as by default."""
    return {
        "claim_id": "", "article_id": article.article_id, "kind": kind, "text": text,
        "start": start, "end": end, "value": "", "value_max": "", "unit": "", "qualifier": "",
        "sentence": sentence.text, "block": sentence.block, "sentence_start": sentence.start,
        "sentence_end": sentence.end, "checkworthiness": checkworthiness, "reasons": reasons,
        "note": "",
    }


# --- check-worthiness -----------------------------------------------------------------------------

_REASON_WEIGHT = {
    "hedged figure": 0.1, "attribution": 0.15, "named actor": 0.15, "comparison": 0.15,
    "quote": 0.1, "headline": 0.1,
}


def _sentence_reasons(sentence: Sentence, lang: str) -> tuple[str, ...]:
    """What raises the score of each claim of ``sentence``: one of the tuples of ``_REASONS``."""
    lang = lang if lang in _ATTRIBUTION_RE else "en"
    text = sentence.text
    attribution, comparison = _cues(text, lang)
    named = _NAME_AFTER_SPACE_RE.search(text) is not None or _NAME_RE.search(text) is not None
    return _REASONS[attribution, named, comparison, sentence.block == "headline"]


# A sentence's reasons, by which of the four it has (sixteen tuples, made once).
_REASONS = {has: tuple(name for name, yes in zip(("attribution", "named actor", "comparison",
                                                  "headline"), has) if yes)
            for has in itertools.product((False, True), repeat=4)}


def _cues(text: str, lang: str) -> tuple[bool, bool]:
    """Whether ``text`` holds an attribution cue, and whether a comparison cue."""
    low = lowered(text)
    if low is None or _ANY_CUE_LOW_RE[lang] is None:  # the IGNORECASE patterns, over ``text``
        return (_ATTRIBUTION_RE[lang].search(text) is not None,
                _COMPARISON_RE[lang].search(text) is not None)
    # A word starts after a space (nearly all: first), another mark, or where a text starts.
    padded = " " + low
    attribution = _ATTRIBUTION_SPACE_RE[lang].search(padded) is not None
    comparison = _COMPARISON_SPACE_RE[lang].search(padded) is not None
    if attribution and comparison:
        return True, True
    # After another mark ("l'ultimo", "(secondo"): one scan for either kind, then each kind's.
    other = _ANY_CUE_MARK_RE[lang].search(padded)
    if other is None:
        return attribution, comparison
    at = other.start()
    return (attribution or _ATTRIBUTION_MARK_RE[lang].search(padded, at) is not None,
            comparison or _COMPARISON_MARK_RE[lang].search(padded, at) is not None)


def _score_in(reasons: Iterable[str], block: str) -> float:
    """The score ``reasons`` give a sentence of a ``block`` (its type)."""
    score = sum(_REASON_WEIGHT.get(r, 0.0) for r in reasons)
    # A caption restates what a photo shows: worth less than the reporting around it.
    if block == "caption":
        score -= 0.1
    return score


@functools.cache
def _checkworthiness(weight: float, reasons: tuple[str, ...], block: str) -> float:
    """A claim's checkworthiness, its kind's ``weight`` plus the ``reasons``' score in a sentence
    of ``block``, rounded (``_clip``): worked out once per key (a few dozen, no text)."""
    return _clip(weight + _score_in(reasons, block))


def _clip(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 2)


# --- ids ----------------------------------------------------------------------------------------

def claim_key(kind: str, sentence: str, text: str) -> str:
    """What a claim's id is made of: its kind, its sentence (white space folded) and its anchor.

    Not its offsets, so an edit elsewhere in the article keeps every other claim's id.
    """
    return "\x1f".join((kind, _fold(sentence), text))


def _fold(sentence: str) -> str:
    # A sentence whose only white space is single spaces between words is its own fold, and
    # most are: told by two scans instead of a split and a join. Every white space character
    # but " " is unprintable (checked over all of Unicode).
    if (sentence.isprintable() and "  " not in sentence
            and not sentence.startswith(" ") and not sentence.endswith(" ")):
        return sentence
    return " ".join(sentence.split())


def _with_ids(rows: list[dict]) -> list[Claim]:
    """The claims, from their fields (``rows``, in article order), each with its id.

    Each row (every field of the Claim, in order; ``sentence`` whole, cut here to a window when
    long; ``reasons`` a tuple) becomes its claim's attribute dict: Claim(**row) without its
    seventeen frozen writes (``rows`` is not to be used afterwards)."""
    folded: dict[str, str] = {}  # each sentence folded once, not once per claim in it
    heads: dict[tuple[str, str], object] = {}  # see _claim_id
    long_rows = []
    out = []
    sha1 = hashlib.sha1
    new, set_attribute = object.__new__, object.__setattr__
    sentence = fold = None
    for row in rows:
        if row["sentence"] is not sentence:  # its claims come together: its fold looked up once
            sentence = row["sentence"]
            fold = folded.get(sentence)
            if fold is None:
                fold = folded[sentence] = _fold(sentence)
        # Each id as occurrence 0 of its key; keys that come again are numbered below.
        if len(fold) <= SENTENCE_KEPT_WHOLE:  # _claim_id(), without a call
            digest = sha1(f"{row['kind']}\x1f{fold}\x1f{row['text']}\x1f0".encode()).hexdigest()
            row["claim_id"] = "c-" + digest[:12]
        else:
            row["claim_id"] = _claim_id(row["kind"], fold, row["text"], 0, heads)
        if len(sentence) > SENTENCE_KEPT_WHOLE:
            long_rows.append((row, sentence))
        claim = new(Claim)  # _filled(Claim, row), without a call per claim
        set_attribute(claim, "__dict__", row)
        out.append(claim)
    ids = [row["claim_id"] for row in rows]
    if len(set(ids)) < len(ids):
        # A key that comes again (the same words twice in a sentence) gave its first id again:
        # the claims of such ids are numbered by key (two keys may share twelve digits).
        again = {claim_id for claim_id, count in Counter(ids).items() if count > 1}
        seen: dict[tuple[str, str, str], int] = {}
        for row, claim_id in zip(rows, ids):
            if claim_id in again:
                kind, fold, text = row["kind"], folded[row["sentence"]], row["text"]
                n = seen[kind, fold, text] = seen.get((kind, fold, text), -1) + 1
                if n:
                    row["claim_id"] = _claim_id(kind, fold, text, n, heads)
    for row, sentence in long_rows:  # the id is made: the sentence may be cut now
        at = row["start"] - row["sentence_start"]
        row["sentence"] = sentence_window(sentence, 0, len(sentence), at,
                                          at + len(row["text"]))[0]
    return out


def _claim_id(kind: str, fold: str, text: str, n: int, heads: dict) -> str:
    """The id of the ``n``-th claim (from 0) of a key (``claim_key``). A long fold's hash is
    kept in ``heads`` for all its claims (20,000 figures in a 400 KB sentence: 8 GB of hashing)."""
    if len(fold) <= SENTENCE_KEPT_WHOLE:
        return "c-" + hashlib.sha1(f"{kind}\x1f{fold}\x1f{text}\x1f{n}".encode("utf-8")).hexdigest()[:12]
    head = heads.get((kind, fold))
    if head is None:
        head = heads[kind, fold] = hashlib.sha1(f"{kind}\x1f{fold}\x1f".encode("utf-8"))
    whole = head.copy()
    whole.update(f"{text}\x1f{n}".encode("utf-8"))
    return "c-" + whole.hexdigest()[:12]


# --- the sentence a claim carries ------------------------------------------------------------------

SENTENCE_KEPT_WHOLE = 600
"""A claim's ``sentence`` is its whole sentence when that has at most this many characters
(nearly every sentence of news). A longer one is cut to a window around the claim, so that a
paragraph of thousands of figures gives a table a small multiple of its size, not gigabytes."""
WINDOW_CONTEXT = 100
"""Characters of the sentence a window keeps on each side of the claim, at most."""
WINDOW_MARK = "…"
"""What stands for the cut part of a sentence at each end of a window."""
_WORD_EDGE_SLACK = 20  # how far a cut moves to fall between words, before it cuts a word


def sentence_window(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, int]:
    """What a claim at ``text[start:end]`` keeps of its sentence ``text[lo:hi]``, and where the
    claim starts in that.

    The whole sentence when it has at most SENTENCE_KEPT_WHOLE characters. Else the claim with
    at most WINDOW_CONTEXT characters of the sentence on each side, cut between words (inside a
    word only when none ends within _WORD_EDGE_SLACK characters), and WINDOW_MARK where the
    sentence was cut. ``text`` may be the article (offsets into it) or the sentence itself
    (``lo`` 0): the window reads only the characters it keeps and a few more.
    """
    if hi - lo <= SENTENCE_KEPT_WHOLE:
        return text[lo:hi], start - lo
    left = _left_cut(text, lo, start)
    right = _right_cut(text, hi, end)
    lead = WINDOW_MARK if left > lo else ""
    tail = WINDOW_MARK if right < hi else ""
    return f"{lead}{text[left:right]}{tail}", len(lead) + start - left


# Cuts found by patterns, not loops over characters (50,000 figures make 50,000 windows); ``\s``
# is ``str.isspace``, and a look-behind sees the characters before the search's start.
_WORD_START_RE, _SPACES_RE = re.compile(r"(?<=\s)\S"), re.compile(r"\s*")
_WORD_END_REVERSED_RE = re.compile(r"\s(?=\S)")  # read backwards: a word's end


def _left_cut(text: str, lo: int, start: int) -> int:
    """Where a window starts: the first word's start at most WINDOW_CONTEXT before ``start``."""
    cut = start - WINDOW_CONTEXT
    if cut <= lo:
        return lo
    word = _WORD_START_RE.search(text, cut, min(cut + _WORD_EDGE_SLACK, start))
    if word is not None:
        return word.start()
    return _SPACES_RE.match(text, cut, start).end()  # no word starts near: cut the word


def _right_cut(text: str, hi: int, end: int) -> int:
    """Where a window ends: the last word's end at most WINDOW_CONTEXT after ``end``."""
    cut = end + WINDOW_CONTEXT
    if cut >= hi:
        return hi
    # The last place in (low, cut] with white space and a word before it: the first, read back.
    low = max(cut - _WORD_EDGE_SLACK, end)
    word_end = _WORD_END_REVERSED_RE.search(text[low:cut + 1][::-1])
    if word_end is not None and word_end.start() < cut - low:
        return cut - word_end.start()
    while cut > end and text[cut - 1].isspace():
        cut -= 1
    return cut


def span_in_sentence(claim: Claim, article_text: str | None = None) -> tuple[int, int]:
    """Where the claim's words are in its ``sentence`` (the whole sentence or a window), or
    (-1, -1) when they are not there (a hand-edited row).

    A window is placed exactly from ``article_text`` (the text the claim's offsets index, when
    the caller has it); without it, at the claim's words nearest its place in a window."""
    text, sentence = claim.text, claim.sentence
    if not text:
        return -1, -1
    lo, hi = claim.sentence_start, claim.sentence_end
    at = claim.start - lo
    if hi - lo <= SENTENCE_KEPT_WHOLE or len(sentence) == hi - lo:  # the whole sentence
        if sentence[at:at + len(text)] != text:
            at = sentence.find(text)  # a hand-edited row: find it by its text
        return (at, at + len(text)) if at >= 0 else (-1, -1)
    if article_text is not None and article_text[claim.start:claim.end] == text:
        window, at = sentence_window(article_text, lo, hi, claim.start, claim.end)
        if window == sentence:
            return at, at + len(text)
    if not sentence.startswith(WINDOW_MARK):  # not cut before the claim: it is where it was
        found = at if sentence[at:at + len(text)] == text else -1
    else:
        # A window keeps at most WINDOW_CONTEXT characters before the claim: its words are the
        # last found at or before that place.
        found = sentence.rfind(text, 0, len(WINDOW_MARK) + min(at, WINDOW_CONTEXT) + len(text))
    return (found, found + len(text)) if found >= 0 else (-1, -1)


# --- the table ----------------------------------------------------------------------------------

def write_claims_csv(claims: Iterable[Claim], out: str | Path | IO[str]) -> None:
    """Write the claims table (docs/design.md columns first) as UTF-8 CSV to a path or an open
    file.

    A path is written atomically (a crash leaves the old file or the new one) and a symlink's
    target is written. A worksheet (a CSV with verdicts), a folder, a FIFO or a device is never
    overwritten: that, and an OS error, is a ``VerifyError`` saying what to do (``verify.records.output``)."""
    if isinstance(out, (str, Path)):
        from ..records.output import write_output

        write_output(out, claims_csv(claims), what="claims table")
        return
    writer = csv.DictWriter(out, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(claim.to_row())


def read_claims_csv(source: str | Path | IO[str]) -> list[Claim]:
    """Read a claims table written by ``write_claims_csv``."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8", newline="") as f:
            return read_claims_csv(f)
    return [Claim.from_row(row) for row in csv.DictReader(source)]


def claims_csv(claims: Iterable[Claim]) -> str:
    """The claims table as a CSV string."""
    buf = io.StringIO()
    write_claims_csv(claims, buf)
    return buf.getvalue()
