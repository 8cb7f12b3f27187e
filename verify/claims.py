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
from itertools import islice
from pathlib import Path
from typing import IO, Iterable

from .lexicon import alternation, caseless, lowered
from .model import CLAIM_COLUMNS, Article, Claim, Sentence
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
    lower-cased text" in ``verify.lexicon``). None when a letter of the cues rules that out.
    Plain words and phrases become a trie, which the engine also tries faster than a flat list;
    a sentence only asks whether there is a match, and the trie matches the same phrases (the
    other alternatives, "raddoppiat\\w*", stay as written)."""
    if not caseless([alternatives]):
        return None
    plain, other = [], []
    for phrase in alternatives.split("|"):
        (plain if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", phrase) else other).append(phrase)
    alternatives = "|".join(([alternation(plain, space=" ")] if plain else []) + other)
    return re.compile(rf"\b(?:{alternatives})\b")


_ATTRIBUTION_LOW_RE = {k: _lower_case_pattern(v) for k, v in _ATTRIBUTION.items()}
_COMPARISON_LOW_RE = {k: _lower_case_pattern(v) for k, v in _COMPARISON.items()}

# A quotation between typographic or straight quotes, not across paragraphs.
_QUOTE_RE = re.compile(r"“([^”\n]+)”|«([^»\n]+)»|\"([^\"\n]+)\"")
_WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")
# A capitalised word that is not the sentence's first: a named actor (Putin, Mosca, TASS). The
# capital is matched first and the character before it looked back at: capitals are few, so
# the regex engine skips from one to the next.
_NAME_RE = re.compile(r"[A-ZÀ-Ý](?<=[\s(“\"«'’][A-ZÀ-Ý])[\w’'-]+")

MIN_QUOTE_WORDS = 3      # a shorter quote is a scare quote unless someone is reported saying it
MIN_FACT_WORDS = 6       # shorter fragments ("Cooperazione militare.") state nothing checkable

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
    # Each claim is gathered as a dict of its fields and made a Claim once its id is known.
    rows: list[dict] = []
    for sentence in sentences:
        why = _sentence_reasons(sentence, article.lang)  # once per sentence: it scans it all
        rows += _figures(sentence, article, why) + _quotes(sentence, article, why)
        fact = _fact(sentence, article, why)
        if fact is not None:
            rows.append(fact)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return _with_ids(rows)


# --- the three sources of claims -----------------------------------------------------------------

def _figures(sentence: Sentence, article: Article, why: list[str]) -> list[dict]:
    claims = []
    for m in find_mentions(sentence.text, article.lang, year=article.year):
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
    claims = []
    for match in _QUOTE_RE.finditer(sentence.text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        inner = match.group(group)
        reasons = ["quote"] + why
        # A one- or two-word quote is a scare quote unless someone is reported saying it:
        # 'Putin ha affermato che ... sono “ostili”' puts the word in his mouth, and a checker
        # must find that he said it.
        if len(_WORD_RE.findall(inner)) < MIN_QUOTE_WORDS and "attribution" not in reasons:
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
    reasons = list(why)
    if not ({"attribution", "named actor"} & set(reasons)):  # first: it costs nothing
        return None
    if sentence.text.rstrip().endswith("?"):
        return None
    # At least MIN_FACT_WORDS words: reading that many is enough.
    if next(islice(_WORD_RE.finditer(sentence.text), MIN_FACT_WORDS - 1, None), None) is None:
        return None
    text = sentence.text.rstrip(" .;:")
    return dict(
        article_id=article.article_id, kind="fact", text=text,
        start=sentence.start, end=sentence.start + len(text), sentence=sentence.text,
        block=sentence.block, sentence_start=sentence.start, sentence_end=sentence.end,
        checkworthiness=_clip(0.1 + _score_of(reasons, sentence)), reasons=tuple(reasons),
    )


# --- check-worthiness -----------------------------------------------------------------------------

_REASON_WEIGHT = {
    "hedged figure": 0.1, "attribution": 0.15, "named actor": 0.15, "comparison": 0.15,
    "quote": 0.1, "headline": 0.1,
}


def _sentence_reasons(sentence: Sentence, lang: str) -> list[str]:
    lang = lang if lang in _ATTRIBUTION_RE else "en"
    low = lowered(sentence.text)

    def says(cues, low_cues) -> bool:
        if low is not None and low_cues[lang] is not None:
            return low_cues[lang].search(low) is not None
        return cues[lang].search(sentence.text) is not None

    reasons = []
    if says(_ATTRIBUTION_RE, _ATTRIBUTION_LOW_RE):
        reasons.append("attribution")
    if _NAME_RE.search(sentence.text):
        reasons.append("named actor")
    if says(_COMPARISON_RE, _COMPARISON_LOW_RE):
        reasons.append("comparison")
    if sentence.block == "headline":
        reasons.append("headline")
    return reasons


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
        out.append(Claim(claim_id=f"c-{digest}", **row))
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
