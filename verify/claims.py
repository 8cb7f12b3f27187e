"""From an article's sentences and figures to the claims table.

One row per figure (two figures in a sentence give two rows), one row per substantial quote, and
one `fact` row per sentence that states who did or said what. Each claim carries a
check-worthiness score with the reasons that raised it, so a checker sees why it ranks where it does.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from operator import itemgetter
from pathlib import Path
from typing import IO, Iterable

from .lexicon import alternation, caseless, lowered
from .model import CLAIM_COLUMNS, Article, Claim, Mention, Sentence, _make_claim
from .numbers import find_mentions
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
    lower-cased text" in ``verify.lexicon``). None when a letter of the cues rules that out, or
    a cue does not start with a letter (then the IGNORECASE pattern serves).

    A sentence only asks whether there is a match, so the pattern may be any that matches the
    same cues at the same places. It is built for the engine's speed: the cues are grouped by
    first letter ("a(?:...)|d(?:...)|..."), which lets the engine skip every character that
    starts no cue instead of trying the pattern there, and the leading word boundary is checked
    just after that letter, as "(?<!\\w.)" (before a letter, the same test as "\\b"). Plain
    words and phrases become a trie, which the engine also tries faster than a flat list; the
    other alternatives ("raddoppiat\\w*") stay as written.
    """
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
        branches.append(re.escape(first) + r"(?<!\w.)(?:%s)" % "|".join(rests))
    return re.compile(r"(?:%s)\b" % "|".join(branches))


_ATTRIBUTION_LOW_RE = {k: _lower_case_pattern(v) for k, v in _ATTRIBUTION.items()}
_COMPARISON_LOW_RE = {k: _lower_case_pattern(v) for k, v in _COMPARISON.items()}
# A cue of either kind; None exactly when one of the two above is None.
_ANY_CUE_LOW_RE = {k: _lower_case_pattern(f"{v}|{_COMPARISON[k]}")
                   for k, v in _ATTRIBUTION.items()}

# A quotation between typographic or straight quotes, not across paragraphs.
_QUOTE_RE = re.compile(r"“([^”\n]+)”|«([^»\n]+)»|\"([^\"\n]+)\"")
# A word: letters and digits, with inner apostrophes and hyphens ("l'uomo", "nord-coreano").
# Possessive ("*+"): a word is always taken whole, as a scan from one word to the next does.
_WORD = r"\w+(?:[’'-]\w+)*+"
# A capitalised word that is not the sentence's first: a named actor (Putin, Mosca, TASS). The
# capital is matched first and the character before it looked back at: capitals are few, so
# the regex engine skips from one to the next.
_NAME_RE = re.compile(r"[A-ZÀ-Ý](?<=[\s(“\"«'’][A-ZÀ-Ý])[\w’'-]+")

MIN_QUOTE_WORDS = 3      # a shorter quote is a scare quote unless someone is reported saying it
MIN_FACT_WORDS = 6       # shorter fragments ("Cooperazione militare.") state nothing checkable


def _at_least_words(n: int) -> re.Pattern:
    """A pattern found in a text that has ``n`` words: one search rather than a scan of n words.
    Between two words are only non-word characters; possessive words never split "l'uomo" into
    "l" and "uomo" to make up the count."""
    return re.compile(rf"{_WORD}(?:\W+{_WORD}){{{n - 1}}}")


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
    sentences = split_sentences(article.text, list(article.blocks))
    # Each pass over all the sentences before the next, rather than sentence by sentence: the
    # number grammar's many patterns, then the cue patterns, stay in the processor's caches
    # (measured: 4% of the call).
    year = article.year
    mentions = [find_mentions(sentence.text, article.lang, year=year) for sentence in sentences]
    whys = [_sentence_reasons(sentence, article.lang) for sentence in sentences]  # scan it all
    # Each claim is gathered as a dict of its fields and made a Claim once its id is known.
    rows: list[dict] = []
    for sentence, found, why in zip(sentences, mentions, whys):
        rows += _figures(sentence, article, why, found)
        rows += _quotes(sentence, article, why)
        fact = _fact(sentence, article, why)
        if fact is not None:
            rows.append(fact)
    rows.sort(key=itemgetter("start", "end"))
    return _with_ids(rows)


# --- the three sources of claims -----------------------------------------------------------------

def _figures(sentence: Sentence, article: Article, why: list[str],
             mentions: list[Mention] | None = None) -> list[dict]:
    """The sentence's figure claims, from its ``mentions`` (found here when not given)."""
    if mentions is None:
        mentions = find_mentions(sentence.text, article.lang, year=article.year)
    claims = []
    for m in mentions:
        if not m.checkable:
            continue
        reasons = ["figure"]
        if m.qualifier not in ("exact", ""):
            reasons.append("hedged figure")
        reasons += why
        score = _FIGURE_WEIGHT.get(m.kind, 0.2) + _score_of(reasons[1:], sentence)
        note = m.note
        if m.kind == "date" and m.value.startswith("--"):
            note = note or "date without a year in the text"
        claims.append(dict(
            article_id=article.article_id, kind=m.kind, text=m.text,
            start=sentence.start + m.start, end=sentence.start + m.end,  # article offsets
            value=m.value, value_max=m.value_max, unit=m.unit,
            qualifier=m.qualifier or "exact", sentence=sentence.text, block=sentence.block,
            sentence_start=sentence.start, sentence_end=sentence.end,
            checkworthiness=_clip(score), reasons=tuple(reasons), note=note,
        ))
    return claims


def _quotes(sentence: Sentence, article: Article, why: list[str]) -> list[dict]:
    # Most sentences hold no quote mark: three substring tests cost less than a regex scan.
    if "“" not in sentence.text and "«" not in sentence.text and '"' not in sentence.text:
        return []
    claims = []
    for match in _QUOTE_RE.finditer(sentence.text):
        group = match.lastindex  # the one alternative's group that matched
        inner = match.group(group)
        reasons = ["quote"] + why
        # A one- or two-word quote is a scare quote unless someone is reported saying it:
        # 'Putin ha affermato che ... sono “ostili”' puts the word in his mouth, and a checker
        # must find that he said it.
        if "attribution" not in why and not _has_words(inner, MIN_QUOTE_WORDS):
            continue
        # Anchor on the quoted words themselves, without the quote marks or edge spaces.
        lead = len(inner) - len(inner.lstrip())
        quote = inner.strip()
        start = sentence.start + match.start(group) + lead
        claims.append(dict(
            article_id=article.article_id, kind="quote", text=quote,
            start=start, end=start + len(quote), sentence=sentence.text, block=sentence.block,
            sentence_start=sentence.start, sentence_end=sentence.end,
            checkworthiness=_clip(0.15 + _score_of(reasons, sentence)), reasons=tuple(reasons),
        ))
    return claims


def _fact(sentence: Sentence, article: Article, why: list[str]) -> dict | None:
    """The sentence as a factual statement, when it names an actor or reports what one said."""
    if "attribution" not in why and "named actor" not in why:  # first: it costs nothing
        return None
    if sentence.text.rstrip().endswith("?"):
        return None
    if not _has_words(sentence.text, MIN_FACT_WORDS):
        return None
    text = sentence.text.rstrip(" .;:")
    return dict(
        article_id=article.article_id, kind="fact", text=text,
        start=sentence.start, end=sentence.start + len(text), sentence=sentence.text,
        block=sentence.block, sentence_start=sentence.start, sentence_end=sentence.end,
        checkworthiness=_clip(0.1 + _score_of(why, sentence)), reasons=tuple(why),
    )


def _has_words(text: str, n: int) -> bool:
    """Whether ``text`` has at least ``n`` words (n is MIN_QUOTE_WORDS or MIN_FACT_WORDS)."""
    return _AT_LEAST_WORDS_RE[n].search(text) is not None


# --- check-worthiness -----------------------------------------------------------------------------

_REASON_WEIGHT = {
    "hedged figure": 0.1, "attribution": 0.15, "named actor": 0.15, "comparison": 0.15,
    "quote": 0.1, "headline": 0.1,
}


def _sentence_reasons(sentence: Sentence, lang: str) -> list[str]:
    lang = lang if lang in _ATTRIBUTION_RE else "en"
    attribution, comparison = _cues(sentence.text, lang)
    reasons = []
    if attribution:
        reasons.append("attribution")
    if _NAME_RE.search(sentence.text):
        reasons.append("named actor")
    if comparison:
        reasons.append("comparison")
    if sentence.block == "headline":
        reasons.append("headline")
    return reasons


def _cues(text: str, lang: str) -> tuple[bool, bool]:
    """Whether ``text`` holds an attribution cue, and whether a comparison cue."""
    low = lowered(text)
    if low is None or _ANY_CUE_LOW_RE[lang] is None:  # the IGNORECASE patterns, over ``text``
        return (_ATTRIBUTION_RE[lang].search(text) is not None,
                _COMPARISON_RE[lang].search(text) is not None)
    # Most sentences hold neither kind: one scan for either answers both. Else each kind's
    # first cue is at or after the first cue found, and its search starts there.
    first = _ANY_CUE_LOW_RE[lang].search(low)
    if first is None:
        return False, False
    return (_ATTRIBUTION_LOW_RE[lang].search(low, first.start()) is not None,
            _COMPARISON_LOW_RE[lang].search(low, first.start()) is not None)


def _score_of(reasons: Iterable[str], sentence: Sentence) -> float:
    score = sum(_REASON_WEIGHT.get(r, 0.0) for r in reasons)
    # A caption restates what a photo shows: worth less than the reporting around it.
    if sentence.block == "caption":
        score -= 0.1
    return score


def _clip(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 2)


# --- ids ----------------------------------------------------------------------------------------

def claim_key(kind: str, sentence: str, text: str) -> str:
    """What a claim's id is made of: its kind, its sentence (white space folded) and its anchor.

    Not its offsets, so an edit elsewhere in the article keeps every other claim's id.
    """
    return "\x1f".join((kind, _fold(sentence), text))


def _fold(sentence: str) -> str:
    return " ".join(sentence.split())


def _with_ids(rows: list[dict]) -> list[Claim]:
    """The claims, from their fields (``rows``, in article order), each with its id."""
    seen: dict[str, int] = {}
    folded: dict[str, str] = {}  # each sentence folded once, not once per claim in it
    out = []
    for row in rows:
        sentence = row["sentence"]
        if sentence not in folded:
            folded[sentence] = _fold(sentence)
        key = "\x1f".join((row["kind"], folded[sentence], row["text"]))  # claim_key()
        # The same words twice in the same sentence: the occurrence number tells them apart.
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.sha1(f"{key}\x1f{n}".encode("utf-8")).hexdigest()[:12]
        out.append(_make_claim(f"c-{digest}", row))  # Claim(claim_id=..., **row), quicker
    return out


# --- the table ----------------------------------------------------------------------------------

def write_claims_csv(claims: Iterable[Claim], out: str | Path | IO[str]) -> None:
    """Write the claims table (DESIGN.md columns first) as UTF-8 CSV to a path or an open file."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as f:
            write_claims_csv(claims, f)
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


__all__ = [
    "extract_claims", "claim_key", "write_claims_csv", "read_claims_csv", "claims_csv",
]
