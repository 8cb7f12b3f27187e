"""Split an article into lines and type each one: headline, body, caption, or page noise.

Scraped news pages carry text that is not the article: the copying site's date, menu labels,
photo credits, injected "READ ..." links, "this story has been updated" footers. Claims must come
only from the headline, the body and the captions, so every line gets a type and, in ``why``, the
rule that gave it (a checker or trainer can see why a line was set aside).

    >>> page = "Mondo > Asia\\nPutin visita la Corea del Nord\\nDi Mario Rossi\\n"
    >>> [(b.kind, b.text) for b in split_blocks(page)]
    [('navigation', 'Mondo > Asia'), ('headline', 'Putin visita la Corea del Nord'), ('byline', 'Di Mario Rossi')]

How it works, in two passes:

1. Each line on its own, by the named rules of ``block_rules.LINE_RULES``, tried in order:
   markers ("READ", "Leggi anche:"), footer phrases, credit lists ("Stringer/Getty Images"),
   date-only lines, menu words. Their words and shapes are data (``block_words``), in Italian
   and English together.
2. ``split_blocks`` then walks the lines in order and uses position: lines before the first
   body paragraph may be navigation, the headline or a byline; the line next to a photo credit
   is its caption (``block_captions``); short lines listed under "Notizie correlate" at the end
   are related links.

Both languages' rules always apply to every page: pages mix them (an Italian copy keeps "READ"
and English credits), so the page's language is not asked for. The thresholds (how long a
caption or a credit may be, how many lines the top of the page has) are settings
(``verify.settings``), read when ``split_blocks`` runs.
"""

from __future__ import annotations

import re

from .. import settings
from ..grammar.lexicon import CASE_ODDITIES
from ..records.model import Block, _filled
from .block_captions import caption_like
from .block_rules import Line, is_name_chunk, line_kind
from .block_words import (BYLINE_LEAD_RE, DATELINE_LEAD_RE, INNER_SENTENCE_RE, OUTLET_SET,
                          SENTENCE_END_RE, ends_with_ellipsis)
from .sentences import ABBREVIATIONS, last_word

# --- The page ------------------------------------------------------------------------------------

def _lines(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """(start, end) of each non-empty line, without surrounding white space, and the line.

    A line ends at "\r" or "\n". Made "\n" both, the text is cut with ``str.split``, which is
    several times cheaper than a regex walking every character; "\r" and "\n" are one character
    each, so the pieces keep their offsets."""
    spans, lines = [], []
    start = 0
    for piece in text.replace("\r", "\n").split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = 0 if len(stripped) == len(piece) else len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
            lines.append(stripped)
        start += len(piece) + 1
    return spans, lines



def split_blocks(text: str, lowered: str | None = None) -> list[Block]:
    """Every non-empty line of ``text`` as a Block with its type and the rule that gave it.

    ``text[b.start:b.end] == b.text`` for every block. The rules of both languages apply to
    every page (see the module's notes). ``lowered`` is ``text.lower()``, when the caller has it.
    """
    limits = settings.current()  # read once: one page, one set of thresholds
    spans, texts = _lines(text)
    # A line's lower case is then the slice of ``lowered`` at its offsets (lower-casing the
    # lines again was a tenth of typing them): "İ" is the one character whose lower case is
    # longer, and a line starts and ends next to white space, so "Σ" lower-cases the same in
    # the line and in the text. Not with the characters ``lowered()`` leaves to the rules.
    if lowered is not None and (len(lowered) != len(text)
                                or any(odd in text for odd in CASE_ODDITIES)):
        lowered = None
    lines: list[Line] = []
    kinds: list = []  # (kind, why) per line, replaced by the passes below
    # The rules on one line are pure: a line that comes again (a feed's separators, a table's
    # rows, a list of short items) is looked at once, and shares its words and lower case.
    seen: dict[str, tuple[Line, tuple[str, str]]] = {}
    for (start, end), line_text in zip(spans, texts):
        known = seen.get(line_text)
        if known is None:
            line = Line(line_text, limits) if lowered is None else \
                Line(line_text, limits, lowered[start:end])
            known = seen[line_text] = (line, line_kind(line))
        lines.append(known[0])
        kinds.append(known[1])  # shared: the passes below replace a line's pair, never change it

    _top_of_page(lines, kinds, limits.block_top_lines)
    _captions(lines, kinds)
    _end_of_page(lines, kinds)

    blocks = []
    for (start, end), line_text, (kind, why) in zip(spans, texts, kinds):
        if not kind:
            kind, why = "body", "body: none of the noise rules matched"
        blocks.append(_filled(Block, {"kind": kind, "start": start, "end": end, "text": line_text,
                                      "why": why}))  # Block(...), quicker
    return blocks


def _top_of_page(lines: list[Line], kinds: list, top_lines: int) -> None:
    """Before the first body paragraph (within the first ``block_top_lines`` lines): navigation,
    then one headline, then bylines (and the headline again, as wire pages repeat it under the
    dateline)."""
    headline = None
    for i, line in enumerate(lines[:top_lines]):
        if kinds[i][0]:
            continue
        if headline is not None and line.text == headline:
            kinds[i] = ["navigation", "navigation: the headline repeated"]
            continue
        if headline is None:
            kind_why = _before_the_headline(line)
            if kind_why is None:
                return  # the page opens with a paragraph: no headline to find
            kinds[i] = kind_why
            if kind_why[0] == "headline":
                headline = line.text
        else:
            why = _byline(line, generic=True)
            if not why:
                return  # the first body paragraph ends the top of the page
            kinds[i] = ["byline", why]


def _before_the_headline(line: Line) -> list[str] | None:
    """[kind, why] of a line above the headline (the headline itself included), or None for a
    body paragraph."""
    why = _byline(line, generic=False)
    if why:
        return ["byline", why]
    if ends_with_ellipsis(line.text):
        return ["navigation", "navigation: a teaser ending in '...' before the headline"]
    if _is_headline_like(line) and not caption_like(line):
        return ["headline", "headline: the first sentence-like line of the page"]
    if len(line.words) <= 3 and not SENTENCE_END_RE.search(line.text):
        return ["navigation", "navigation: a short label before the headline"]
    return None


def _captions(lines: list[Line], kinds: list) -> None:
    """A photo credit's caption is the line after it (or before it, when that one reads as a
    caption and the one after does not); elsewhere, lines that read as captions on their own."""
    for i, (kind, _) in enumerate(kinds):
        if kind != "photo_credit":
            continue
        after = i + 1 if i + 1 < len(lines) and kinds[i + 1][0] in ("", "body") else None
        before = i - 1 if i > 0 and kinds[i - 1][0] in ("", "body") else None
        if before is not None and (after is None or (
                caption_like(lines[before]) and not caption_like(lines[after]))):
            pick, where = before, "before"
        elif after is not None:
            pick, where = after, "after"
        else:
            continue
        line = lines[pick]
        if (len(line.words) <= line.limits.block_caption_max_words
                and not DATELINE_LEAD_RE.match(line.text)):
            kinds[pick] = ["caption", f"caption: the line {where} a photo credit"]
    seen: dict[str, str] = {}  # each distinct line's answer, as in split_blocks
    for i, line in enumerate(lines):
        if not kinds[i][0]:
            why = seen.get(line.text)
            if why is None:
                why = seen[line.text] = caption_like(line)
            if why:
                kinds[i] = ["caption", why]


def _end_of_page(lines: list[Line], kinds: list) -> None:
    """Short lines under a list heading ("Notizie correlate") or after the story's footer are
    more of the page's furniture: related links or footer."""
    in_tail = False
    for i, line in enumerate(lines):
        kind = kinds[i][0]
        if kind == "footer":
            in_tail = True
            continue
        if in_tail and kind in ("", "body"):
            if len(line.words) > 30 or INNER_SENTENCE_RE.search(line.text):
                in_tail = False  # a paragraph: the article goes on
            elif len(line.words) >= 4:
                kinds[i] = ["related_link", "related link: listed after the story's footer"]
            else:
                kinds[i] = ["footer", "footer: a short line after the story's footer"]


# --- Shapes the top of the page asks about -------------------------------------------------------

# What separates the names of a byline, with the white space around it. The white space before
# a separator is matched only from the start of its run (the look-behind; possessive, as a
# separator never starts with white space): matched from each of its characters, a long run of
# spaces without a separator was read again from each one, quadratic (minutes for 100 KB). A
# match cannot start inside a run anyway: the leftmost search starts at the run's start, or
# after a match, which takes all the white space after its separator.
_BYLINE_SEP_RE = re.compile(r"(?:(?<!\s)\s++)?(?:,|\band\b|\be\b|\||—|–)\s*")


def _byline(line: Line, *, generic: bool) -> str:
    """ "Di Mario Rossi", "By Jane Doe, CNN", "CNN"; with ``generic``, any 1-4 capitalised
    words without a verb ("Mario Rossi"), which is only safe near the top."""
    if SENTENCE_END_RE.search(line.text) or len(line.words) > 10:
        return ""
    text = line.text
    if text.lower() in OUTLET_SET:
        return "byline: an outlet's name"
    names = _BYLINE_SEP_RE.split(text)
    names = [n for n in names if n]
    if BYLINE_LEAD_RE.match(text):
        rest = BYLINE_LEAD_RE.sub("", text, count=1)
        parts = [n for n in _BYLINE_SEP_RE.split(rest) if n]
        if parts and all(is_name_chunk(p) or p.lower() in OUTLET_SET for p in parts):
            return "byline: 'Di/By' and names"
        return ""
    if generic and names and all(
        (is_name_chunk(n) and len(n.split()) <= 4) or n.lower() in OUTLET_SET for n in names
    ):
        return "byline: a few capitalised words without a verb near the top"
    return ""


def _is_headline_like(line: Line) -> bool:
    """A substantial line that could be a title: some words, one sentence at most ("Colo." in
    "Some Colo. Storm Victims" is an abbreviation), not a paragraph opening with a dateline."""
    words = line.words
    if not 3 <= len(words) <= 40:  # first: a long line's words are not looked at one by one
        return False
    return (len(words) >= 5 or any(w[:1].islower() for w in words)) \
        and not _inner_sentence_end(line.text) and not DATELINE_LEAD_RE.match(line.text)


def _inner_sentence_end(line: str) -> bool:
    """Whether a sentence ends inside ``line``: ``INNER_SENTENCE_RE``, except after an
    abbreviation (``sentences.ABBREVIATIONS``: "Gen.", "Colo.")."""
    for m in INNER_SENTENCE_RE.finditer(line):
        before = last_word(line, m.start())  # the word before the mark, not a copy of the line
        if not before or line[m.start()] != "." or before.lower().lstrip("(“\"«") not in ABBREVIATIONS:
            return True
    return False

