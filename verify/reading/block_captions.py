"""Captions: the rules by which a line reads as a photo's caption by its own words
(``CAPTION_RULES``). Where a line stands decides whether they are asked: ``verify.reading.blocks``
asks them of the lines near a photo credit and of the lines no other rule typed.

A caption names what the photo shows: it ends with its credit ("(Foto: Ansa)", "REUTERS/Jane
Roe"), holds a position cue ("(a destra)", "pictured"), or is one present-tense sentence that
ends with a place and a date ("Putin e Kim partecipano a una cerimonia a Pyongyang, il 19
giugno 2024."). The rules are written with ``BlockRule`` (``verify.reading.block_rules``), tried
in order; to add one, add its test and its entry.
"""

from __future__ import annotations

import re

from ..grammar.lexicon import alternation, lower_case_twin
from .block_rules import BlockRule, Line, photo_credit
from .block_words import INNER_SENTENCE_RE, LAST_SENTENCE_RE, MONTHS, TRAILING_CREDIT_RE, holds_any

_I = re.IGNORECASE

# Caption cues: position words in brackets, "pictured", "nella foto".
_CAPTION_CUE_BRACKETED = (
    r"\((?:a destra|a sinistra|al centro|da sinistra|da destra|in alto|in basso|nella foto|"
    r"left|right|center|centre|second left|second right|l-r|r-l|l to r|from left|from right|"
    r"top|bottom|pictured|file)\)")
_CAPTION_CUE_PHRASE = (
    r"\b(?:pictured|nella foto|in foto|in this (?:photo|picture|image|handout|file)|"
    r"file photo|foto d'archivio|foto di archivio|handout photo)\b")
_CAPTION_CUE_RE = re.compile(f"{_CAPTION_CUE_BRACKETED}|{_CAPTION_CUE_PHRASE}", _I)
# Its two alternatives, each for lower-cased text: a line holds a cue when it holds either, and
# each is searched only where it may match (a bracket; one of _CAPTION_CUE_WORDS).
_CAPTION_CUE_BRACKETED_LOW_RE = lower_case_twin(re.compile(_CAPTION_CUE_BRACKETED, _I))
_CAPTION_CUE_PHRASE_LOW_RE = lower_case_twin(re.compile(_CAPTION_CUE_PHRASE, _I))
# Each phrase cue has one of these words: a line without them holds none.
_CAPTION_CUE_WORDS = ("pictured", "foto", "photo", "in this")


_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")  # \d{4}, spelt out: the engine then skips to digits
# A caption's usual ending: a date ("il 19 giugno 2024.", "on June 19, 2024.").
_CAPTION_DATE_END_RE = re.compile(
    rf"(?:\d{{1,2}}\s+(?:{alternation(MONTHS)})\s+\d{{4}}|(?:{alternation(MONTHS)})\.?\s+\d{{1,2}},?\s+\d{{4}})"
    r"(?:[,\s]+[\w’' ,.-]{0,60})?\.?$", _I)
_CAPTION_DATE_END_LOW_RE = lower_case_twin(_CAPTION_DATE_END_RE)  # for lower-cased text
# What every match of _CAPTION_DATE_END_RE holds: a month, then a number ("giugno 2024",
# "June 19"). Over lower-cased text this one opens with a letter and the engine skips to the
# months' first letters, several times faster than the whole pattern: a line without it is not
# searched further.
_MONTH_THEN_NUMBER_LOW_RE = lower_case_twin(
    re.compile(rf"(?:{alternation(MONTHS)})\.?\s+\d", _I))
# Present-tense verbs of captions ("partecipano", "shakes hands").
_CAPTION_VERBS = (
    "partecipa", "partecipano", "stringe", "stringono", "parla", "parlano", "arriva", "arrivano",
    "posa", "posano", "saluta", "salutano", "cammina", "camminano", "guarda", "guardano",
    "ascolta", "ascoltano", "incontra", "incontrano", "tiene", "tengono", "visita", "visitano",
    "assiste", "assistono", "si stringono", "partono", "gesticola",
    "attend", "attends", "shake", "shakes", "speak", "speaks", "arrive", "arrives", "walk",
    "walks", "wave", "waves", "look", "looks", "listen", "listens", "meet", "meets", "hold",
    "holds", "pose", "poses", "gesture", "gestures", "greet", "greets", "visit", "visits", "sit",
    "sits", "stand", "stands", "is seen", "are seen", "take part", "takes part")
_CAPTION_VERB_RE = re.compile(r"\b(?:%s)\b" % alternation(_CAPTION_VERBS), _I)
_CAPTION_VERB_LOW_RE = lower_case_twin(_CAPTION_VERB_RE)  # for lower-cased text


def caption_like(line: Line) -> str:
    """Why ``line`` reads as a photo caption by its own words, or ""."""
    # The cues first, the word count (3 to block_caption_max_words) last: most paragraphs have
    # no cue.
    for rule in CAPTION_RULES:
        if rule.test(line):
            if 3 <= len(line.words) <= line.limits.block_caption_max_words:
                return rule.why
            return ""
    return ""


def _trailing_credit(line: Line) -> bool:
    return TRAILING_CREDIT_RE.search(line.text) is not None


def _ends_with_credit(line: Line) -> bool:
    if "/" not in line.text[-60:]:
        return False
    last = LAST_SENTENCE_RE.search(line.text)
    return bool(last and photo_credit(Line(last.group(1), line.limits)))


def _position_cue(line: Line) -> bool:
    """``_CAPTION_CUE_RE.search(line)``, faster: case-sensitively over the lower-cased line
    (see "Searching lower-cased text" in ``verify.grammar.lexicon``), one alternative at a time and
    only when it may be there."""
    text, low = line.text, line.low
    if low is None or _CAPTION_CUE_BRACKETED_LOW_RE is None or _CAPTION_CUE_PHRASE_LOW_RE is None:
        return _CAPTION_CUE_RE.search(text) is not None
    if "(" in text and _CAPTION_CUE_BRACKETED_LOW_RE.search(low) is not None:
        return True
    return holds_any(low, _CAPTION_CUE_WORDS) and _CAPTION_CUE_PHRASE_LOW_RE.search(low) is not None


def _dated_sentence(line: Line) -> bool:
    # The date and what follows it fit in the line's last 120 characters; searching only there
    # keeps this regex from being tried at every position of every paragraph. The cheap tests
    # go first: the date ends with a year (4 digits near the end: rare in a paragraph), and a
    # paragraph of several sentences is no caption.
    end = line.text[-120:]
    return bool(_FOUR_DIGITS_RE.search(end) and not INNER_SENTENCE_RE.search(line.text)
                and _ends_with_date(end, line.low) and _has_caption_verb(line.text, line.low))


def _ends_with_date(end: str, low: str | None) -> bool:
    """``_CAPTION_DATE_END_RE.search(end)``, where ``end`` is the line's last 120 characters,
    faster: over the same characters of ``low``, the lower-cased line, and only when a month
    and a number are there. The twin patterns hold no look-behind, so a search from the
    offset of ``end`` sees what a search of ``end`` sees. (Lower-casing a part of a text can
    differ from the same part of the lower-cased text only by a "ς" for a "σ": both are word
    letters, which is all these patterns ask of them.)"""
    if low is None or _CAPTION_DATE_END_LOW_RE is None or _MONTH_THEN_NUMBER_LOW_RE is None:
        return _CAPTION_DATE_END_RE.search(end) is not None
    offset = len(low) - len(end)
    return (_MONTH_THEN_NUMBER_LOW_RE.search(low, offset) is not None
            and _CAPTION_DATE_END_LOW_RE.search(low, offset) is not None)


def _has_caption_verb(line: str, low: str | None) -> bool:
    """``_CAPTION_VERB_RE.search(line)``, over the lower-cased line when there is one."""
    if low is None or _CAPTION_VERB_LOW_RE is None:
        return _CAPTION_VERB_RE.search(line) is not None
    return _CAPTION_VERB_LOW_RE.search(low) is not None


CAPTION_RULES: tuple[BlockRule, ...] = (
    BlockRule("caption", "caption: ends with a (Foto: ...) credit", _trailing_credit),
    BlockRule("caption", "caption: ends with a photo credit (AGENCY/Name)", _ends_with_credit),
    BlockRule("caption", "caption: a position cue such as '(a destra)' or 'pictured'",
              _position_cue),
    BlockRule("caption", "caption: one present-tense sentence ending with a place and date",
              _dated_sentence),
)
"""The caption rules, in the order they are tried."""
