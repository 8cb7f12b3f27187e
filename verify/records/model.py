"""Plain records passed between the pipeline stages.

Every span (``start``, ``end``) is a pair of code-point offsets into ``Article.text``, the article
text exactly as loaded (UTF-8, BOM removed, newlines not translated), so that
``article.text[start:end] == record.text`` holds for every record of every stage.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# Block types. Only these carry claims; every other type is page noise or metadata.
CLAIM_BLOCKS = ("headline", "body", "caption")
NOISE_BLOCKS = ("dateline", "byline", "photo_credit", "related_link", "navigation", "footer")
BLOCK_TYPES = CLAIM_BLOCKS + NOISE_BLOCKS

# Kinds of a claim (docs/design.md contract). A number mention uses the figure kinds only.
FIGURE_KINDS = (
    "count", "quantity", "money", "percent", "duration", "year", "date",
    "decade", "time", "ordinal", "range",
)
CLAIM_KINDS = FIGURE_KINDS + ("fact", "quote")

QUALIFIERS = ("exact", "more_than", "at_least", "about", "less_than", "at_most", "range")

NOT_CHECKED = "not checked"
"""A claim's verdict before a checker sets one, and the way back to it: the first label of every
worksheet's scale, an empty ``verdict`` cell in its file, never exported as a ClaimReview."""


@dataclass(frozen=True)
class Mention:
    """A figure the number grammar found in a text: "più di 10.000 container"."""

    text: str
    """The exact surface text: the number with its unit and hedge words."""
    start: int
    """Offset of the first character of ``text``."""
    end: int
    """Offset just past the last character of ``text``."""
    kind: str
    """One of FIGURE_KINDS."""
    value: str
    """Normalized value: plain decimal ("10000", "0.2", "-0.5"), ISO date ("2024-06-19",
    "--06-19"), a decade's first year ("1940"), a time "HH:MM"."""
    value_max: str = ""
    """Upper bound of a range, else empty."""
    unit: str = ""
    """Normalized English singular unit ("tonne", "container", "year"), empty when none."""
    qualifier: str = "exact"
    """One of QUALIFIERS: the hedge ("più di" -> more_than)."""
    number_start: int = -1
    """Offset of the number itself inside the mention (the "10.000" of "più di 10.000
    container"); -1 when the same as ``start``."""
    number_end: int = -1
    """End offset of the number itself; -1 when the same as ``end``."""
    checkable: bool = True
    """False for numbers that are part of a name ("seconda guerra mondiale", "Gara 3") or
    otherwise not a claim a checker could verify."""
    note: str = ""
    """Why the mention is not checkable, in words ("part of a name: seconda guerra mondiale")."""

    def to_json(self, explain: bool = False) -> dict:
        """The `verify numbers` object (docs/design.md contract keys; ``explain`` adds the rest)."""
        keys = ["text", "start", "end", "kind", "value", "value_max", "unit", "qualifier"]
        if explain:
            keys += ["checkable", "note"]
        return {k: getattr(self, k) for k in keys}


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the article with its type (body, caption, photo_credit...)."""

    kind: str
    """One of BLOCK_TYPES."""
    start: int
    end: int
    text: str
    """``article.text[start:end]``, stripped of surrounding white space."""
    why: str = ""
    """The rule that gave the type, in words, so a checker (or trainer) sees why a line is noise."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of a claim-bearing block."""

    start: int
    end: int
    text: str
    block: str
    """The type of the block it came from."""


@dataclass(frozen=True)
class Article:
    """A loaded article: its text, where it came from, its metadata and its typed blocks."""

    text: str
    """The article text as loaded; every offset indexes it."""
    source: str
    """The path or URL it was loaded from, or "<text>" for pasted text."""
    article_id: str
    """Stable id: from the file name, the URL or the title, never from the whole text, so an
    edit to the article keeps its worksheet."""
    lang: str = "it"
    """"it" or "en": detected, or as the caller said."""
    title: str = ""
    dateline: str = ""
    """The page's dateline as written ("lunedì, Settembre 16, 2024"): metadata, not a claim."""
    published: str = ""
    """The dateline or publication date as ISO 8601 ("2024-09-16"), empty when unknown."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with."""
    warnings: tuple[str, ...] = ()
    """What the loader had to guess, in words ("decoded as cp1252: not valid UTF-8")."""
    blocks: tuple[Block, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "warnings", tuple(self.warnings))
        object.__setattr__(self, "blocks", tuple(self.blocks))

    @property
    def year(self) -> int | None:
        """The year dates without one are read in: the publication year when known."""
        return int(self.published[:4]) if self.published[:4].isdigit() else None


# Columns of the claims table, in order (docs/design.md contract first, then ours).
CLAIM_COLUMNS = (
    "claim_id", "article_id", "kind", "text", "start", "end", "value", "value_max", "unit",
    "qualifier", "sentence", "block",
    "sentence_start", "sentence_end", "checkworthiness", "reasons", "note",
)


@dataclass(frozen=True)
class Claim:
    """One checkable claim: a figure, or a factual statement or quote without a figure."""

    claim_id: str
    """Stable id from the claim's sentence, anchor and kind; not from offsets, so an edit
    elsewhere in the article keeps it."""
    article_id: str
    kind: str
    """One of CLAIM_KINDS."""
    text: str
    """The anchor's exact surface text; ``article.text[start:end] == text``."""
    start: int
    end: int
    value: str = ""
    value_max: str = ""
    unit: str = ""
    qualifier: str = ""
    sentence: str = ""
    block: str = "body"
    sentence_start: int = 0
    sentence_end: int = 0
    checkworthiness: float = 0.0
    """0 to 1: how much a checker should look at it first."""
    reasons: tuple[str, ...] = ()
    """What raised ``checkworthiness``: "figure", "attribution", "named actor"..."""
    note: str = ""
    """Anything a checker should know about the claim's reading (e.g. the year taken from the
    article's date)."""

    def __post_init__(self):
        object.__setattr__(self, "reasons", tuple(self.reasons))

    def to_row(self) -> dict[str, str]:
        """The claim as a CSV row of strings (CLAIM_COLUMNS)."""
        row = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "reasons":
                v = "; ".join(v)
            elif f.name == "checkworthiness":
                v = f"{v:.2f}"
            row[f.name] = str(v)
        return row

    @classmethod
    def from_row(cls, row: dict[str, str]) -> "Claim":
        """Read back a row written by ``to_row`` (extra columns are ignored)."""
        kw = {name: row.get(name) or "" for name in _CLAIM_FIELDS}
        for name in ("start", "end", "sentence_start", "sentence_end"):
            kw[name] = int(kw[name] or 0)
        kw["checkworthiness"] = float(kw["checkworthiness"] or 0)
        kw["reasons"] = tuple(r for r in kw["reasons"].split("; ") if r)
        return cls(**kw)


# Read once: a 10,000-row worksheet calls from_row 10,000 times when it resumes.
_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


def _filled(cls, attributes: dict):
    """``cls(**attributes)`` for one of the frozen records above, in a fraction of the time:
    ``attributes`` becomes the instance's attribute dict at once, where the generated __init__
    makes one frozen write per field. The extractor makes a record per line, sentence, figure
    and claim, and this was a tenth of its time. The record is the same (fields and their
    order, equality, hash, repr, pickle). The caller gives every field, in field order, and
    what __post_init__ would make of them (``reasons`` a tuple), and does not use
    ``attributes`` afterwards."""
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", attributes)
    return record


def _make_mention(text: str, start: int, end: int, kind: str, value: str, value_max: str = "",
                  unit: str = "", qualifier: str = "exact", number_start: int = -1,
                  number_end: int = -1, checkable: bool = True, note: str = "") -> Mention:
    """``Mention(...)`` with the same arguments, made by ``_filled`` (the number grammar makes
    one per figure)."""
    return _filled(Mention, dict(
        text=text, start=start, end=end, kind=kind, value=value, value_max=value_max, unit=unit,
        qualifier=qualifier, number_start=number_start, number_end=number_end,
        checkable=checkable, note=note))


# ``_make_mention`` names every field of Mention, in order: a new field must be added there too.
assert _make_mention.__code__.co_varnames[:len(fields(Mention))] == tuple(f.name for f in fields(Mention))
