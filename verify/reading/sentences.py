"""Split the claim-bearing blocks (headline, body, caption) into sentences.

    >>> from verify.reading.blocks import split_blocks
    >>> text = "Il Sig. Rossi ha pagato 3.5 euro. Poi è partito per gli U.S. con il Dott. Bianchi."
    >>> [s.text for s in split_sentences(text, split_blocks(text))]
    ['Il Sig. Rossi ha pagato 3.5 euro.', 'Poi è partito per gli U.S. con il Dott. Bianchi.']

A sentence ends at a boundary of one of three shapes (each found by one regex over the block,
then checked by a small function, so the cost grows with the number of sentences, not letters):

1. **Punctuation**: ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes or brackets, then
   white space, then a capital letter, a digit or an opening quote. Not a boundary: after an
   abbreviation ("Sig.", "Dott.", "Mr.", "ecc.", "n."), an initial ("J. K. Rowling"), a dotted
   acronym ("U.S.", "a.m.") unless a common sentence opener follows ("U.S. The"), and anywhere
   inside a closed quotation (“...”, «...»): ``“Sì. Andremo”, ha detto Putin.`` is one sentence.
2. **Digit glued to a word** (scraped pages lose the space between paragraphs): "nel 2001Per
   l’incontro" ends after "2001". Only a number of 2 to 4 digits (or grouped, "10.000")
   followed by one capitalised word, so that "3Com" or "1Password" stay whole.
3. **Lower-case glued to upper-case**: "in UcrainaEntrambi" ends after "Ucraina". Conservative:
   the left word has at least 4 lower-case letters after its optional capital, the right word is
   a capital and at least 2 lower-case letters with no further capital, and the whole token is not
   a known CamelCase name (``CAMEL_CASE_NAMES``). So "McDonald", "iPhone", "YouTube", "LaPresse",
   "DiCaprio", "GlaxoSmithKline" and "PlayStation" stay whole.

Spans index the article text and never start or end with white space.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..records.model import CLAIM_BLOCKS, Block, Sentence, _filled

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"

# Words that end with a period without ending the sentence (lower case, without the period).
ABBREVIATIONS = frozenset((
    # Italian
    "sig sigg sig.ra sigra dott dott.ssa dottssa prof prof.ssa ing avv arch sen gen col "
    "magg capt mons fr sr cfr es lett c.a s.p.a s.r.l ca tel vd p.es rag geom "
    # English
    "mr mrs ms dr st jr sr vs approx dept est mt ft gov rep sen lt sgt capt adm gen col maj "
    "brig cmdr pres sec rev hon prof jan feb mar apr jun jul aug sep sept oct nov dec "
    "ave blvd rd "
    # US states as news agencies abbreviate them ("Colo.", "Calif."), those that are no word
    "ala ariz ark calif colo conn fla kan kans ky md mich minn mont neb nev okla tenn tex vt "
    "wis wyo"
).split())
# Abbreviations before a number ("n. 3", "pag. 5", "art. 21", "No. 1"): only then.
NUMBER_ABBREVIATIONS = frozenset("n nn no nos nr pag pagg pp p art artt vol fig figs tab par cap".split())
# Abbreviations that may also end a sentence ("... mele, pere ecc. Poi ..."): like dotted
# acronyms, they end it when a common sentence opener follows.
FINAL_ABBREVIATIONS = frozenset("ecc etc inc ltd co corp llc spa srl".split())

# Words that open a sentence after a dotted acronym: "... in the U.S. The next day".
_OPENERS = frozenset((
    "the this that these those it he she they we i but and yet so however meanwhile "
    "il lo la gli le un una questo questa ma e poi però intanto inoltre secondo"
).split())

# CamelCase names whose humps look like two glued words (lower case).
CAMEL_CASE_NAMES = frozenset((
    "whatsapp mastercard blackrock blackberry powerpoint sharepoint astrazeneca exxonmobil "
    "harpercollins easyjet smackdown thyssenkrupp moneygram crowdstrike solarwinds "
    "pricewaterhousecoopers dreamworks soundcloud cloudflare firstenergy arcelormittal "
    "playstation salesforce goldmansachs morganstanley lockheedmartin mediaworld unicredit "
    "autostrade telecomitalia pinkfloyd"
).split())

# Each boundary pattern opens with a literal or a character class where it can, so that the
# regex engine jumps from one candidate character to the next instead of trying every position;
# the patterns that cannot run only over a block holding the two characters their match needs
# side by side (``_DIGIT_BEFORE_UPPER_RE``, ``_LOWER_BEFORE_UPPER_RE``: the capital first, as
# capitals are few, then a look back at the character before it).

# 1. Punctuation, closing quotes, white space, then what a sentence can start with. Group 1 is
# "...", "…" or a run of [.!?]+, spelt out by its first character.
_AFTER_PUNCT = rf"[”\"’'»)\]]*(\s+)(?=[{_UP}\d“\"«‘'(\[¿¡—–-])"
# A run of [.!?] is matched from its first character only (the look-behind): a match from inside
# the run would be a match from its start too, which the leftmost search finds first, and a run
# that is no boundary ("....... a") is then read once, not once from each of its characters
# (quadratic: minutes on 1 MB of dots). The possessive ``*+`` gives nothing back to what
# follows, which cannot start with [.!?] anyway. ("..." is a run like any other.)
_PUNCT_RE = re.compile(rf"(…|\.(?<![.!?]\.)[.!?]*+|!(?<![.!?]!)[.!?]*+|\?(?<![.!?]\?)[.!?]*+)"
                       rf"{_AFTER_PUNCT}")  # one alternative per mark: as fast as one class
# The same over a block without "!", "?" or "…", where only the runs opening with "." can
# match: opening with one literal character, it is searched for as fast as ``str.find``.
_PERIOD_RE = re.compile(rf"(\.(?<![.!?]\.)[.!?]*+){_AFTER_PUNCT}")
# 2. A number glued to a capitalised word.
_DIGIT_GLUE_RE = re.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:[.,]\d{{3}})+|\d{{2,4}})(?=[{_UP}][{_LOW}]{{2,}}(?![\w]))")
_DIGIT_BEFORE_UPPER_RE = re.compile(rf"[{_UP}](?<=\d.)")
# 3. A lower-case word glued to a capitalised one; group 1 is the whole token.
_CASE_GLUE_RE = re.compile(
    rf"(?<![\w])((?:[{_UP}]?[{_LOW}]{{4,}})([{_UP}][{_LOW}]{{2,}}))(?![\w])")
_LOWER_BEFORE_UPPER_RE = re.compile(rf"[{_UP}](?<=[{_LOW}].)")
# A period glued to a capitalised word: "attacco.Entrambi" (three lower-case letters before it).
_DOT_GLUE_RE = re.compile(
    rf"[.!?](?<=[{_LOW}]{{3}}[.!?])[”\"’»]?(?=[{_UP}][{_LOW}]{{2,}}(?![\w.]))")
# Where any of the three glue patterns may match: a capital after a digit or a lower-case letter
# (what _DIGIT_BEFORE_UPPER_RE or _LOWER_BEFORE_UPPER_RE find), or what _DOT_GLUE_RE finds. Most
# blocks have none, and this one search replaces the three.
_GLUE_HINT_RE = re.compile(
    rf"[{_UP}.!?](?:(?<=[\d{_LOW}][{_UP}])"
    rf"|(?<=[{_LOW}]{{3}}[.!?])[”\"’»]?(?=[{_UP}][{_LOW}]{{2,}}(?![\w.])))")

# Closed quotations inside which a period does not end the sentence.
_QUOTED_RE = re.compile(r"“[^“”\n]{1,600}”|«[^«»\n]{1,600}»|\"[^\"\n]{1,600}\"")
# Its alternatives by their opening mark: in a block with one kind of mark only, that one is
# searched alone, as fast as ``str.find`` (an alternative whose mark is missing never matches).
_QUOTED_BY_MARK = {mark: re.compile(alternative) for mark, alternative in
                   zip("“«\"", _QUOTED_RE.pattern.split("|"))}

_HAS_WORD_RE = re.compile(r"\w")
_INITIAL_RE = re.compile(rf"[{_UP}]")
_DOTTED_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_WORD_RE = re.compile(r"[\w’']*")


def last_word(text: str, end: int) -> str:
    """The last run of non-space characters in ``text[:end]``, "" when there is none: what
    ``text[:end].rsplit(None, 1)[-1]`` gives, without copying all the text before ``end``.

    Copying the text before every candidate period made the sentence splitter quadratic (4 to
    5 seconds for 1 MB of "Dott. "): this copies a window before ``end``, widened only while the
    word may reach past it. A sentence candidate's word ends after the space of the one before,
    so the windows of one block add up to its length.
    """
    width = 32
    while True:
        start = max(0, end - width)
        window = text[start:end]
        words = window.rsplit(None, 1)
        # The word is whole when white space is seen before it, or the text starts there.
        if start == 0 or len(words) == 2 or (words and window[0].isspace()):
            return words[-1] if words else ""
        width *= 4


def _is_abbreviation(block_text: str, punct_start: int, next_at: int) -> bool:
    """Whether the single period at ``punct_start`` closes an abbreviation, not a sentence
    (``next_at``: where the next word starts). Each test only where it may hold: a word with
    no period is no dotted acronym, one of two letters no initial (a third of the splitting)."""
    # The token the period ends: the run of non-space characters up to it.
    token = last_word(block_text, punct_start + 1)
    token = token.lstrip("(“\"«‘'[")  # "(Sig." -> "Sig."
    word = token[:-1]
    low = word.lower()
    if low in ABBREVIATIONS:
        return True
    if low in NUMBER_ABBREVIATIONS:
        return _NEXT_WORD_RE.match(block_text, next_at).group()[:1].isdigit()
    if len(word) == 1 and _INITIAL_RE.fullmatch(word):  # an initial: "J. K. Rowling"
        return True
    if ("." in word and _DOTTED_ACRONYM_RE.fullmatch(word)) or low in FINAL_ABBREVIATIONS:
        # "U.S. The": ends; "U.S. President": not
        return _NEXT_WORD_RE.match(block_text, next_at).group().lower() not in _OPENERS
    return False


def _punct_boundaries(block_text: str) -> list[int]:
    """Offsets (in the block) where a sentence ends after punctuation, in increasing order
    (each is inside its match, and the matches do not overlap)."""
    ends = []
    # The block's quotations, found at the first candidate: most blocks (one sentence) have none.
    quoted = q_starts = None
    periods_only = not ("!" in block_text or "?" in block_text or "…" in block_text)
    for match in (_PERIOD_RE if periods_only else _PUNCT_RE).finditer(block_text):
        if quoted is None:
            quoted = _quotations(block_text)
            q_starts = [a for a, _ in quoted]
        end = match.start(2)  # after the punctuation and closing quotes
        # Inside a closed quotation (but not at its very end): not a boundary.
        k = bisect_right(q_starts, match.start()) - 1
        if k >= 0 and quoted[k][0] < match.start() and end < quoted[k][1]:
            continue
        if match.group(1) == "." and _is_abbreviation(block_text, match.start(1), match.end()):
            continue
        ends.append(end)
    return ends


def _glue_boundaries(block_text: str) -> list[int]:
    """Offsets where two sentences were glued together without a space."""
    ends = []
    if not _GLUE_HINT_RE.search(block_text):
        return ends
    if _DIGIT_BEFORE_UPPER_RE.search(block_text):
        ends += [m.end() for m in _DIGIT_GLUE_RE.finditer(block_text)]
    if _LOWER_BEFORE_UPPER_RE.search(block_text):
        for match in _CASE_GLUE_RE.finditer(block_text):
            if match.group(1).lower() not in CAMEL_CASE_NAMES:
                ends.append(match.start(2))
    ends += [m.end() for m in _DOT_GLUE_RE.finditer(block_text)]
    return ends


def _quotations(block_text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed quotation (``_QUOTED_RE``) in the block."""
    marks = [mark for mark in _QUOTED_BY_MARK if mark in block_text]
    if not marks:
        return []
    pattern = _QUOTED_BY_MARK[marks[0]] if len(marks) == 1 else _QUOTED_RE
    return [(m.start(), m.end()) for m in pattern.finditer(block_text)]


def _split_block(block_text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one block, relative to the block, stripped."""
    cuts = _punct_boundaries(block_text)  # in order already
    glued = _glue_boundaries(block_text)
    if glued:  # rare: merge them in
        cuts = sorted(set(cuts + glued))
    spans, start = [], 0
    for cut in cuts + [len(block_text)]:
        piece = block_text[start:cut]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        # A sentence nearly always opens with a letter or digit: a word without a search.
        if stripped and (stripped[0].isalnum() or _HAS_WORD_RE.search(stripped)):
            spans.append((start + lead, start + lead + len(stripped)))
        elif stripped and spans:
            # Stray punctuation (". ." in scraped text) stays with the sentence before it.
            spans[-1] = (spans[-1][0], start + lead + len(stripped))
        start = cut
    return spans


def split_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    """The sentences of the headline, body and caption blocks of ``text``, in order.

    ``text[s.start:s.end] == s.text`` and ``s.block`` is the type of the block it came from.
    Blocks of other types (credits, links, footers...) give no sentences.
    """
    sentences = []
    # A block's sentences depend on its text alone: a line that comes again (a feed's or a
    # list's short lines) is split once.
    # (A tuple of pairs of numbers, which the garbage collector stops tracking: thousands of
    # lists kept here made its passes over the Sentences made below slower than the splitting.)
    seen: dict[str, tuple[tuple[int, int], ...]] = {}
    for block in blocks:
        if block.kind not in CLAIM_BLOCKS:
            continue
        block_text = text[block.start:block.end]
        spans = seen.get(block_text)
        if spans is None:
            spans = seen[block_text] = tuple(_split_block(block_text))
        for a, b in spans:
            # Sentence(...), quicker. A sentence that is its whole block is sliced as the block
            # itself, not copied.
            sentences.append(_filled(Sentence, {"start": block.start + a, "end": block.start + b,
                                                "text": block_text[a:b], "block": block.kind}))
    return sentences
