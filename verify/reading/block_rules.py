"""The rules that type a line by itself: ``LINE_RULES``, a list of named rules tried in order.

Each ``BlockRule`` gives a block type (``kind``) and a reason (``why``: what a checker sees in
the ``why`` column of ``blocks_table``, and the rule's name) when its ``test`` holds for the
line. The first rule that holds types the line; a line no rule types is left to its place in
the page (``verify.reading.blocks``: headline, byline, caption, body).

To add a rule: write its test, a function of a ``Line`` that is True when the rule applies, and
put one ``BlockRule`` for it in ``LINE_RULES`` where it belongs in the order (the first rule
that holds wins), with a test line in ``tests/reading/test_blocks.py``. A footer phrase is one
``_footer_phrase(pattern, why)`` entry.

Speed: every rule runs on every distinct line of a page, so a test makes its cheap checks first
(the line's length in characters, a marker that must be there) and counts words last; what
several rules need (the words, the lower-cased line, whether any footer phrase may be there)
is found once per line, by ``Line``. The tests are pure, so their order within a rule changes
no result.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..grammar.lexicon import lower_case_twin, lowered
from ..settings import Settings
from .block_words import (
    AGENCY_SET, BREADCRUMB_SEP_RE, COPYRIGHT_CREDIT_RE, CREDIT_LEAD_RE, CREDIT_WORD_RE,
    CREDIT_WORDS, DATE_TOKEN_RE, DATE_WORDS, DATELINE_PLACE_RE, DIGIT_RE, GLUED_RE,
    LIST_HEADING_RE, MENU_EDGES, MENU_WORD_MAX_LEN, MENU_WORDS, MONTHS, NAME_PARTICLES,
    NAME_WORD_RE, NUMERIC_DATE_RE, PHOTO_WORD_RE, READING_TIME_RE, RELATED_RE,
    RIGHTS_NOTICE_WORDS, SENTENCE_END_RE, URL_LINE_RE, WORD_RE, ends_with_ellipsis, holds_any,
)

FOOTER_MAX_WORDS = 25       # a footer note or prompt is short; a longer line is the story's
CREDIT_MAX_CHARS = 120      # a photo credit is short: a longer line is no credit, whatever its words
DATELINE_MAX_CHARS = 80     # a date-only line: a weekday, a date, a time and their words

_UNSET = object()


class Line:
    """One line of the page, and what the rules learn about it, each found on first use and
    at most once: its words (most body paragraphs are never split into words: most rules
    reject them on cheaper evidence, and splitting was a fifth of the time of typing a page),
    its lower-cased copy (``lowered``; see "Searching lower-cased text" in ``verify.grammar.lexicon``)
    and whether a footer phrase may be in it."""

    __slots__ = ("text", "limits", "_words", "_low", "_may_be_footer")

    def __init__(self, text: str, limits: Settings, low=_UNSET):
        self.text = text
        self.limits = limits
        """The settings in force for the page (``verify.settings``): the rules' thresholds."""
        self._words: list[str] | None = None
        self._low = low  # given when known: ``lowered(text)``
        self._may_be_footer: bool | None = None

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = WORD_RE.findall(self.text)
        return self._words

    @property
    def low(self) -> str | None:
        """``lowered(text)``: None when the line holds a character lower-casing treats oddly."""
        if self._low is _UNSET:
            self._low = lowered(self.text)
        return self._low

    @property
    def may_be_footer(self) -> bool:
        """False when no footer phrase can be in the line: none of the anchored ones (their
        union, ``_ANCHORED_FOOTER_RE``, tried at the line's start only) and none of the words
        the unanchored rights notice needs. One search instead of one per phrase."""
        if self._may_be_footer is None:
            low = self.low  # the union over the lower-cased line when it may: twice as quick
            anchored = _ANCHORED_FOOTER_RE.search(self.text) if low is None \
                or _ANCHORED_FOOTER_LOW_RE is None else _ANCHORED_FOOTER_LOW_RE.search(low)
            self._may_be_footer = anchored is not None or holds_any(low, RIGHTS_NOTICE_WORDS)
        return self._may_be_footer


@dataclass(frozen=True)
class BlockRule:
    """A rule that types a line by itself."""

    kind: str
    """The block type it gives (one of ``verify.records.model.BLOCK_TYPES``)."""
    why: str
    """Its name, and the reason a checker sees in the blocks table ("footer: a rights notice")."""
    test: Callable[[Line], bool]
    """True when the rule applies to the line."""
    pattern: re.Pattern | None = None
    """The phrase a footer rule looks for (their union rules a line out at once)."""
    max_chars: int | None = None
    """The rule never holds for a line longer than this: ``line_kind`` skips it untested."""


def line_kind(line: Line) -> tuple[str, str]:
    """(kind, why) of the first rule of ``LINE_RULES`` that holds, or ("", "") when the line's
    place in the page must decide."""
    rules = _RULES_BY_SHAPE[bisect.bisect_left(_LENGTH_STEPS, len(line.text)), line.may_be_footer]
    for rule in rules:
        if rule.test(line):
            return rule.kind, rule.why
    return "", ""


def photo_credit(line: Line) -> str:
    """The reason of the first photo-credit rule that holds for ``line``, or ""."""
    for rule in CREDIT_RULES:
        if rule.test(line):
            return rule.why
    return ""


# --- Links to other stories --------------------------------------------------------------------

def _related_marker(line: Line) -> bool:
    return RELATED_RE.match(line.text) is not None


def _bare_address(line: Line) -> bool:
    return URL_LINE_RE.match(line.text) is not None


# --- Footers -------------------------------------------------------------------------------------

def _footer_phrase(pattern: str, why: str, *, only_credits: bool = False) -> BlockRule:
    """The rule for a footer phrase (a case-insensitive regex): a short line that holds it is
    footer. ``only_credits``: the line must hold nothing but roles and names (``_credits_only``)."""
    compiled = re.compile(pattern, re.IGNORECASE)

    def test(line: Line) -> bool:
        return (line.may_be_footer and compiled.search(line.text) is not None
                and (not only_credits or _credits_only(line.text))
                and len(line.words) <= FOOTER_MAX_WORDS)

    return BlockRule("footer", f"footer: {why}", test, compiled)


def _credits_only(text: str) -> bool:
    """Whether ``text`` is only roles, "by" and capitalised names and places: "Reporting by the
    BBC showed that..." is a sentence of the story, not its credits."""
    words = CREDIT_WORD_RE.findall(text)
    return not any(c.isdigit() for c in text) and all(
        w[0].isupper() or w.lower() in CREDIT_WORDS for w in words)


def _list_heading(line: Line) -> bool:
    """A short line that heads a list of other stories ("Notizie correlate", "Most read")."""
    return (line.may_be_footer and LIST_HEADING_RE.match(line.text) is not None
            and not RELATED_RE.match(line.text) and len(line.words) <= FOOTER_MAX_WORDS)


# --- Photo credits -------------------------------------------------------------------------------

def _credit(why: str, shape: Callable[[Line], bool]) -> BlockRule:
    """A photo-credit rule: a short line (at most ``block_credit_max_words`` words) of
    ``shape``. The word count goes last: most short lines have no credit's shape, and counting
    their words was a third of the time of typing a page of short lines."""

    def test(line: Line) -> bool:
        return (len(line.text) <= CREDIT_MAX_CHARS and shape(line)
                and len(line.words) <= line.limits.block_credit_max_words)

    return BlockRule("photo_credit", f"photo credit: {why}", test, max_chars=CREDIT_MAX_CHARS)


def _credit_lead(line: Line) -> bool:
    return CREDIT_LEAD_RE.match(line.text) is not None


def _photo_and_name(line: Line) -> bool:
    lead = PHOTO_WORD_RE.match(line.text)
    return lead is not None and is_name_chunk(line.text[lead.end():])


def _copyright_and_name(line: Line) -> bool:
    return COPYRIGHT_CREDIT_RE.match(line.text) is not None and len(line.words) <= 6


def _agency_alone(line: Line) -> bool:
    return line.text.lower().rstrip(".") in AGENCY_SET


_CREDIT_SLASH_RE = re.compile(r"\s*/\s*")


def _slash_parts(text: str) -> list[str] | None:
    """The parts of a credit list ("Name Surname/AFP/Getty Images") when every part is a name,
    else None."""
    if "/" not in text:  # one part only: no list
        return None
    parts = [p.strip() for p in _CREDIT_SLASH_RE.split(text)]
    if len(parts) >= 2 and all(is_name_chunk(p) for p in parts):
        return parts
    return None


def _names_and_agencies(line: Line) -> bool:
    parts = _slash_parts(line.text)
    return parts is not None and any(p.lower() in AGENCY_SET or p.split()[-1].lower() in AGENCY_SET
                                     for p in parts)


def _names_and_organisation(line: Line) -> bool:
    # Unknown names only: accept "Name Surname/Org" shapes, not two lone words ("Si/No").
    parts = _slash_parts(line.text)
    return parts is not None and (any(len(p.split()) >= 2 for p in parts)
                                  or all(p.isupper() for p in parts))


_NOT_A_NAME_RE = re.compile(r"[.!?;:]\s*$|\d{3,}")


def is_name_chunk(chunk: str) -> bool:
    """ "Gavriil Grigorov", "Getty Images", "ITAR-TASS", "AFP via Getty Images": capitalised
    words (or known particles), 1 to 5 of them, no sentence punctuation."""
    words = chunk.split()
    if not 1 <= len(words) <= 5 or _NOT_A_NAME_RE.search(chunk):
        return False
    if chunk.lower() in AGENCY_SET:
        return True
    return all(
        NAME_WORD_RE.match(w) or w.lower() in NAME_PARTICLES or w.lower() in AGENCY_SET
        for w in words
    ) and not all(w.lower() in NAME_PARTICLES for w in words)


# --- Dates ---------------------------------------------------------------------------------------

def _date_only(line: Line) -> bool:
    """A short line that is mostly a date: "lunedì, Settembre 16, 2024", "Updated 10:32 AM EDT,
    Wed June 19, 2024", "16/09/2024"."""
    text = line.text
    # A date has a day or a year: a line without a digit is none (most short lines).
    if len(text) > DATELINE_MAX_CHARS or DIGIT_RE.search(text) is None:
        return False
    place = DATELINE_PLACE_RE.match(text)
    if place:
        text = text[place.end():]
    tokens = DATE_TOKEN_RE.findall(text.lower())
    if not tokens:
        return False
    has_day_or_year = any(t[0].isdigit() for t in tokens)  # "16", "2024", "14th"
    has_month = any(t.rstrip(".") in MONTHS for t in tokens)
    numeric_date = NUMERIC_DATE_RE.search(text)
    if not (has_day_or_year and (has_month or numeric_date)):
        return False
    return all(t[0].isdigit() or t.rstrip(".") in DATE_WORDS or t in DATE_WORDS for t in tokens)


# --- Navigation ----------------------------------------------------------------------------------

def _menu_word(line: Line) -> bool:
    return (len(line.text.strip(MENU_EDGES)) <= MENU_WORD_MAX_LEN
            and line.text.lower().strip(MENU_EDGES) in MENU_WORDS)


def _menu_row(line: Line) -> bool:
    # A row of menu words opens with one (tested first: the line's first word only).
    first = WORD_RE.search(line.text)
    if not (first and first.group().lower() in MENU_WORDS):
        return False
    words = line.words
    return 1 < len(words) <= 8 and all(w.lower() in MENU_WORDS for w in words)


def _breadcrumb(line: Line) -> bool:
    text = line.text
    return ((">" in text or "›" in text or "»" in text or "|" in text)
            and BREADCRUMB_SEP_RE.search(text) is not None
            and len(line.words) <= 8 and not SENTENCE_END_RE.search(text))


def _glued_teaser(line: Line) -> bool:
    return (ends_with_ellipsis(line.text) and GLUED_RE.search(line.text[:40]) is not None
            and len(line.words) <= 30)


_READING_TIME_MAX_CHARS = 40


def _reading_time(line: Line) -> bool:
    return len(line.text) <= _READING_TIME_MAX_CHARS and READING_TIME_RE.match(line.text) is not None


# --- The rules, in order -------------------------------------------------------------------------

CREDIT_RULES: tuple[BlockRule, ...] = (
    _credit("starts with Foto/Photo/Credit", _credit_lead),
    _credit("Foto/Photo and a name ('Foto Ansa')", _photo_and_name),
    _credit("© and a name", _copyright_and_name),
    _credit("a photo agency's name alone", _agency_alone),
    _credit("names and agencies separated by '/'", _names_and_agencies),
    _credit("'Name Surname/Organisation' list", _names_and_organisation),
)
"""The photo-credit rules, in order (also read by the caption rules: a caption may end with
its credit)."""

_UPDATE_NOTE = (r"^(?:questa|la) (?:storia|notizia|pagina) è stata aggiornat[ao]"
                r"|^(?:questo|l') ?articolo è stato aggiornato"
                r"|^this (?:story|article|page) (?:has been|was|is being) updated")

# The one footer phrase that may sit anywhere in the line (see Line.may_be_footer).
_RIGHTS_NOTICE = _footer_phrase(
    r"riproduzione riservata|tutti i diritti (?:sono )?riservati|all rights reserved",
    "a rights notice")

LINE_RULES: tuple[BlockRule, ...] = (
    BlockRule("related_link", "related link: starts with a marker (READ, Leggi anche, Related:)",
              _related_marker),
    BlockRule("related_link", "related link: a bare web address", _bare_address),
    # End-of-story notes, rights, newsletter and share prompts, wire credits.
    _footer_phrase(_UPDATE_NOTE, "an update note"),
    _RIGHTS_NOTICE,
    _footer_phrase(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}|[^\n]{0,60}(?:rights|diritti))",
                   "a copyright notice"),
    _footer_phrase(r"^(?:iscriviti|registrati) (?:alla|alle|a)\b.*newsletter|^sign up\b.*newsletter"
                   r"|^(?:subscribe|abbonati)\b", "a subscription prompt"),
    _footer_phrase(r"^(?:condividi|share)(?: (?:this|questo|on|su|via)\b[^\n]{0,40})?:?$",
                   "a share prompt"),
    _footer_phrase(r"^(?:seguici|follow us|segui)\b.{0,40}(?:facebook|twitter|instagram|telegram|"
                   r"whatsapp|social|x)\b", "a follow prompt"),
    _footer_phrase(r"^(?:tag|tags|argomenti|topics)\s*:", "a list of tags"),
    # A wire story's last line: "Reporting by Jane Doe in Northfield; Editing by John Smith".
    _footer_phrase(r"^(?:additional\s+)?(?:reporting|writing|editing|edited)\s+by\s",
                   "reporting and editing credits", only_credits=True),
    _footer_phrase(r"^our standards\s*:", "the publisher's standards note"),
    _footer_phrase(r"^(?:you are receiving this|if you (?:no longer|do not) wish to receive|"
                   r"to unsubscribe\b|unsubscribe\b|per non ricevere più|per cancellarti|"
                   r"ricevi questa (?:e-?mail|newsletter))", "a subscription notice"),
    BlockRule("footer", "footer: heads a list of other stories", _list_heading, LIST_HEADING_RE),
    *CREDIT_RULES,
    BlockRule("dateline", "dateline: a short line that is a date", _date_only,
              max_chars=DATELINE_MAX_CHARS),
    BlockRule("navigation", "navigation: menu or section word", _menu_word),
    BlockRule("navigation", "navigation: a row of menu words", _menu_row),
    BlockRule("navigation", "navigation: breadcrumb (parts separated by '>')", _breadcrumb),
    BlockRule("navigation", "navigation: section label glued to a teaser ending in '...'",
              _glued_teaser),
    BlockRule("navigation", "navigation: the story's reading time", _reading_time,
              max_chars=_READING_TIME_MAX_CHARS),
)
"""Every rule that types a line by itself, in the order they are tried."""

assert len({rule.why for rule in LINE_RULES}) == len(LINE_RULES), "two rules share a name"

# Every footer phrase but the rights notice, and the list heading, are anchored at the line's
# start: their union, tried there only (the regex engine gives up after the first position),
# rules them all out in one call.
_FOOTER_PATTERNS = [rule.pattern for rule in LINE_RULES if rule.pattern is not None]
_ANCHORED_FOOTER_RE = re.compile("|".join(
    f"(?:{p.pattern})" for p in _FOOTER_PATTERNS if p.pattern.startswith("^")), re.IGNORECASE)
_ANCHORED_FOOTER_LOW_RE = lower_case_twin(_ANCHORED_FOOTER_RE)  # see verify.grammar.lexicon
assert [p for p in _FOOTER_PATTERNS if not p.pattern.startswith("^")] == [_RIGHTS_NOTICE.pattern], \
    "Line.may_be_footer tests one unanchored phrase by its words: give a new one a test of its own"

# Most lines are typed by no rule, so every rule would be tried on each: ``line_kind`` tries only
# those that may hold, by the line's length (``max_chars``) and whether a footer phrase may be in
# it (``Line.may_be_footer``), from these lists made once, in the rules' order. Bucket k holds
# the lines longer than the k shortest ``max_chars`` and no longer than the next.
_LENGTH_STEPS = sorted({rule.max_chars for rule in LINE_RULES if rule.max_chars is not None})
_RULES_BY_SHAPE = {
    (bucket, footer): tuple(
        rule for rule in LINE_RULES
        if (rule.max_chars is None or _LENGTH_STEPS.index(rule.max_chars) >= bucket)
        and (footer or rule.pattern is None))
    for bucket in range(len(_LENGTH_STEPS) + 1) for footer in (False, True)}
