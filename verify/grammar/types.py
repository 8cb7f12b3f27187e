"""The named records the grammar passes between its steps.

A candidate is a mention the grammar proposes, with the priority that settles an overlap; a
figure is a number read from a phrase, before its context (hedge, unit, range) is looked at.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from ..records.model import Mention


class Priority(IntEnum):
    """Which of two overlapping candidates wins: the lower value (then the longer one)."""

    DATE = 0           # a full date ("19 giugno 2024"), and "World War II" (a name, kept whole)
    TIME = 1           # a time, a decade, a relative year ("lo scorso anno")
    DIGIT_ORDINAL = 2  # "3°", "21st", "15esimo"
    FIGURE = 3         # a number phrase with its context: a figure, a range, a ratio
    ORDINAL = 4        # an ordinal word ("la seconda")
    MONTH = 5          # a month alone ("a maggio")
    VAGUE = 6          # a vague amount ("migliaia di persone")


class Candidate(NamedTuple):
    """A mention proposed by one of the grammar's readers, and where it lies in the text."""

    priority: Priority
    start: int
    end: int
    mention: Mention


class UnitAfter(NamedTuple):
    """The unit written right after a number ("3,5 per cento", "10 tonnellate")."""

    unit: str   # the unit's canonical name ("percent", "tonne")
    kind: str   # the kind of figure it makes ("percent", "quantity", "money", ...)
    end: int    # where the unit's words end in the text


class Figure(NamedTuple):
    """A number read from a number phrase, before its context is looked at."""

    start: int                 # where its first token starts (a sign word included)
    end: int                   # where its last token used ends (spoken decimals included)
    value: float | int         # its value
    kind: str                  # "number" or "ordinal"
    after: UnitAfter | None    # the unit right after it, if any


class Atom(NamedTuple):
    """What one piece of a number word stands for: "cento" is ("hundred", 100)."""

    category: str   # "small", "hundred", "scale", "num", "frac", "ord", "art", "and", ...
    value: float | int


class Reading(NamedTuple):
    """What a number phrase composes to: the longest prefix of its tokens that is one number."""

    value: float | int
    used: int    # how many tokens it takes; 0 when none is a number (a lone article "un")
    kind: str    # "number" or "ordinal"
    looked_at: int  # how many tokens the reading looked at to decide (the one after ``used``...)


class Look(NamedTuple):
    """A first look at a text (``prefilter.scan``): where the readers have something to read."""

    low: str | None                  # the text lower-cased, when that keeps its offsets
    cued: set | frozenset            # the families of cue words found (all when it cannot tell)
    has_digits: bool                 # whether the text holds a digit
    starts: list[int]                # where a number phrase may start (a superset, in order)
    cue_at: list[int] | None         # where the cue words are (None when it cannot tell)
    # Where the first digit's run (or the sign or mark before it) starts, 0 when none: a pattern
    # whose matches open with a digit is searched from there (half the text, most often).
    digits_from: int = 0
