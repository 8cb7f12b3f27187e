"""Verdict scales as data: each label with its place on a numeric rating, for ClaimReview.

    >>> scale = load_scale("politifact")
    >>> scale.labels
    ('True', 'Mostly True', 'Half True', 'Mostly False', 'False', 'Pants on Fire')
    >>> scale.rating("mostly true").to_schema()
    {'@type': 'Rating', 'alternateName': 'Mostly True', 'ratingValue': 5, 'bestRating': 6, 'worstRating': 1}
    >>> load_scale("fever").rating("NOT ENOUGH INFO").to_schema()
    {'@type': 'Rating', 'alternateName': 'NOT ENOUGH INFO'}

The built-in scales are the CSV files in ``verify/data/scales/``, each named by its file's stem
(``SCALES`` lists them, "default" first), one row per label, best first: ``label, rating_value,
best_rating, worst_rating, meaning``. A scale is added by adding its file there
(docs/design.md, "adding a scale").

- ``default``: ``DEFAULT_SCALE``, every new worksheet's labels (true 4 ... false 1).
- ``politifact``: PolitiFact's Truth-O-Meter (True 6 ... Pants on Fire 1).
- ``pagella-politica``: Pagella Politica's five (Vero 5 ... Panzana pazzesca 1).
- ``fever``: the FEVER shared task's three (SUPPORTED 2, REFUTED 1, NOT ENOUGH INFO unrated).

**Labels that are not a rating** ("not checked", "unverifiable", NOT ENOUGH INFO) have the three
numbers empty. They are not a point between true and false, so giving them one (a middle value,
or -1) would tell a reader of the numbers something the checker did not say. Their ClaimReview
``reviewRating`` carries the label as ``alternateName`` (Google's textual rating, the only part
shown in search results) and no ``ratingValue``, ``bestRating`` or ``worstRating``. "not checked"
is never exported: it is the absence of a verdict.

A worksheet uses a scale through its labels (the first column of the file is ``label``, so
``Worksheet.open`` reads these files too)::

    ws = Worksheet.open(path, article=..., scale=load_scale("pagella-politica").labels)

A worksheet given its own labels (a list, or a file of one label a line) reads them with
``verify.checking.verdicts.scale_labels``: labels only, without ratings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import ScaleError
from ..records.files import binary_kind
from ..records.disk import read_regular_file
from ..records.model import NOT_CHECKED

SCALE_COLUMNS = ("label", "rating_value", "best_rating", "worst_rating", "meaning")


@dataclass(frozen=True)
class Rating:
    """One label of a scale and where it sits on the scale's numbers."""

    label: str
    """The verdict as the checker picks it, and ClaimReview's ``alternateName``."""
    rating_value: int | None = None
    """Its number, from ``worst_rating`` to ``best_rating``; None for a label that is not a
    rating ("unverifiable", "NOT ENOUGH INFO", "not checked")."""
    best_rating: int | None = None
    """The scale's best number (the truest label's), None with ``rating_value``."""
    worst_rating: int | None = None
    """The scale's worst number, None with ``rating_value``."""
    meaning: str = ""
    """What the label means, in a sentence, for the report and for trainers."""

    @property
    def is_rating(self) -> bool:
        """Whether the label has a place on the scale's numbers."""
        return self.rating_value is not None

    def to_schema(self) -> dict:
        """The schema.org ``Rating`` of a ClaimReview: the numbers only when the label has them."""
        out: dict = {"@type": "Rating", "alternateName": self.label}
        if self.is_rating:
            out.update(ratingValue=self.rating_value, bestRating=self.best_rating,
                       worstRating=self.worst_rating)
        return out


@dataclass(frozen=True)
class Scale:
    """A verdict scale: its labels, best first, each with its rating."""

    name: str
    """"politifact", or the file's stem, or "custom" for a scale made from bare labels."""
    ratings: tuple[Rating, ...]
    """One per label, in the scale's order."""

    def __post_init__(self):
        object.__setattr__(self, "ratings", tuple(self.ratings))

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in order: what ``Worksheet.open(scale=...)`` takes."""
        return tuple(r.label for r in self.ratings)

    @property
    def best_rating(self) -> int | None:
        return next((r.best_rating for r in self.ratings if r.is_rating), None)

    @property
    def worst_rating(self) -> int | None:
        return next((r.worst_rating for r in self.ratings if r.is_rating), None)

    def rating(self, label: str) -> Rating:
        """The rating of ``label`` (case and surrounding spaces do not matter). A label the
        scale does not have is returned unrated, so it is still exported by its name."""
        wanted = label.strip().casefold()
        for rating in self.ratings:
            if rating.label.casefold() == wanted:
                return rating
        return Rating(label.strip())

    def fits(self, labels: Iterable[str]) -> bool:
        """Whether ``labels`` (a worksheet's) are this scale's, "not checked" aside."""
        return _label_set(labels) == _label_set(self.labels)

    @classmethod
    def unrated(cls, labels: Sequence[str], name: str = "custom") -> "Scale":
        """A scale of bare labels (a worksheet's own): every label exported by name only."""
        return cls(name, tuple(Rating(label) for label in labels))


# Beside the code, as the language packs are (importlib.resources cost every command 11 ms of
# start-up, for files that are never in a zip: setuptools installs them as files).
_SCALES_FOLDER = Path(__file__).resolve().parents[1] / "data" / "scales"


def scale_names() -> tuple[str, ...]:
    """The built-in scales' names, read from the scales folder now: the stems of its ``.csv``
    files, "default" first, then in alphabetical order."""
    names = (entry.name[:-len(".csv")] for entry in _SCALES_FOLDER.iterdir()
             if entry.name.endswith(".csv") and entry.is_file())
    return tuple(sorted(names, key=lambda name: (name != "default", name)))


SCALES = scale_names()
"""The names of the built-in scales when verify was imported (``verify/data/scales/<name>.csv``);
``load_scale`` and ``scale_names()`` also see a file added since."""


def load_scale(name_or_path: str | Path | Scale) -> Scale:
    """A built-in scale by name (``SCALES``, any case) or a scale CSV file (columns
    ``SCALE_COLUMNS``; ``meaning`` may be left out). Raises ScaleError naming the file, row and
    fix."""
    if isinstance(name_or_path, Scale):
        return name_or_path
    name = str(name_or_path)
    names = scale_names()
    builtin = next((known for known in names if known.casefold() == name.casefold()), None)
    if builtin is not None:
        text = (_SCALES_FOLDER / f"{builtin}.csv").read_text(encoding="utf-8")
        return _parse(text, builtin, where=f"the built-in scale '{name}'")
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        raise ScaleError(f"unknown scale '{name}': use one of {', '.join(names)}, or the "
                         "path of a scale CSV (columns: " + ", ".join(SCALE_COLUMNS) + ")",
                         source=name)
    try:
        data, _ = read_regular_file(path, error=ScaleError, what="scale")
    except OSError as err:
        raise ScaleError(f"{path}: cannot read the scale ({err.strerror}); give one of "
                         f"{', '.join(names)} or the path of a scale CSV",
                         source=str(path)) from None
    return _parse(scale_file_text(data, str(path)), path.stem, where=str(path))


def scale_for_labels(labels: Iterable[str]) -> Scale:
    """The built-in scale whose labels are ``labels`` ("not checked" aside, any case), else
    ``Scale.unrated(labels)``: a worksheet saves its labels, not its scale's name."""
    labels = tuple(labels)
    for name in scale_names():
        scale = load_scale(name)
        if scale.fits(labels):
            return scale
    return Scale.unrated(labels)


# --- reading --------------------------------------------------------------------------------------

MAX_SCALE_BYTES = 1_000_000
"""A scale is a few lines; a file above this size is not one (an image, a table, a video)."""

# A label is a word or a few: control characters (a NUL from a UTF-16 file, a bell pasted by
# accident) and lone surrogates (half of a character pair, which no file can hold as UTF-8)
# would make the worksheet unsavable or unreadable later. Tab is allowed.
_BAD_LABEL_CHARACTER = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")
_SAVE_AS_UTF8 = "save the scale as UTF-8 text ('CSV UTF-8' in a spreadsheet) and give it again"


def scale_file_text(data: bytes, where: str) -> str:
    """The text of a scale file's bytes (UTF-8, with or without a BOM). Refuses, with a
    ScaleError naming ``where`` (and the row) and what to do: a binary file (an image, UTF-16
    text: anything with NUL bytes), a file too large to be a scale, text that is not UTF-8
    (a lone surrogate included), and control characters in a row."""
    if len(data) > MAX_SCALE_BYTES:
        raise ScaleError(f"{where}: {len(data):,} bytes is not a scale (one label a line); give "
                         "the scale's own file", source=where)
    binary = _binary_kind(data)
    if binary:
        raise ScaleError(f"{where}: {binary}, not UTF-8 text; {_SAVE_AS_UTF8}", source=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data.count(b"\n", 0, err.start) + 1
        what = ("a broken character (half of a character pair)" if data[err.start] == 0xED
                else f"byte 0x{data[err.start]:02x}, not UTF-8 text")
        raise ScaleError(f"{where}, row {row}: {what}; {_SAVE_AS_UTF8}", source=where) from None
    for row, line in enumerate(re.split("\r\n|\r|\n", text), start=1):
        bad = _BAD_LABEL_CHARACTER.search(line)
        if bad:
            raise ScaleError(f"{where}, row {row}: a control character (U+{ord(bad.group()):04X}) "
                             "in the text; retype the row's label", source=where)
    return text


def _binary_kind(data: bytes) -> str:
    """What a file that is not text is, in words ("an image (PNG)", "UTF-16 text"), or ""."""
    kind = binary_kind(data)
    if kind:
        return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    if b"\x00" in data:  # UTF-16 without a byte-order mark has a NUL beside every ASCII letter
        halves = max(data[0::2].count(0), data[1::2].count(0))
        return "UTF-16 text" if halves * 3 > len(data) else "a binary file"
    return ""


def check_labels(labels: Sequence[str], where: str = "the scale") -> None:
    """Refuse a scale given as a list whose labels hold a control character or a lone
    surrogate (which cannot be saved as UTF-8): a ScaleError naming the label's place. White
    space around a label is allowed (lines read with ``readlines()`` end in a newline)."""
    for number, label in enumerate(labels, start=1):
        bad = _BAD_LABEL_CHARACTER.search(label.strip())
        if bad:
            shown = label.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            what = ("a broken character (half of a character pair)" if ord(bad.group()) > 0xFF
                    else f"a control character (U+{ord(bad.group()):04X})")
            raise ScaleError(f"{where}, label {number} ('{shown}'): {what}; retype the label",
                             source="" if where == "the scale" else where)

def _label_set(labels: Iterable[str]) -> frozenset[str]:
    return frozenset(x.strip().casefold() for x in labels if x.strip().casefold() != NOT_CHECKED)


def _parse(text: str, name: str, where: str) -> Scale:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or [c.strip() for c in rows[0][:4]] != list(SCALE_COLUMNS[:4]):
        raise ScaleError(f"{where}: the header row must be {','.join(SCALE_COLUMNS)} "
                         "(meaning is optional)", source=where)
    header = [c.strip() for c in rows[0]]
    ratings: list[Rating] = []
    seen: set[str] = set()
    bounds: set[tuple[int, int]] = set()
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        label = row.get("label", "")
        if not label:
            raise ScaleError(f"{where}, row {number}: the label is empty; give every row a "
                             "label", source=where)
        if label.casefold() in seen:
            raise ScaleError(f"{where}, row {number}: the label '{label}' is given twice; give "
                             "each label once", source=where)
        seen.add(label.casefold())
        numbers = [_integer(row.get(c, ""), where, number, c) for c in SCALE_COLUMNS[1:4]]
        if any(n is None for n in numbers) and any(n is not None for n in numbers):
            raise ScaleError(f"{where}, row {number} ('{label}'): give rating_value, best_rating "
                             "and worst_rating together, or leave all three empty for a label "
                             "that is not a rating", source=where)
        value, best, worst = numbers
        if value is not None:
            if not worst <= value <= best:
                raise ScaleError(f"{where}, row {number} ('{label}'): rating_value {value} is "
                                 f"not between worst_rating {worst} and best_rating {best}",
                                 source=where)
            bounds.add((best, worst))
        ratings.append(Rating(label, value, best, worst, row.get("meaning", "")))
    if not ratings:
        raise ScaleError(f"{where}: the scale has no labels; add one row per label",
                         source=where)
    if len(bounds) > 1:
        raise ScaleError(f"{where}: the rows give different best_rating/worst_rating "
                         f"({sorted(bounds)}); a scale has one range", source=where)
    return Scale(name, tuple(ratings))


def _integer(cell: str, where: str, row: int, column: str) -> int | None:
    if not cell:
        return None
    try:
        return int(cell)
    except ValueError:
        raise ScaleError(f"{where}, row {row}, column '{column}': '{cell}' is not a whole "
                         "number (ClaimReview ratings are integers); fix it or leave it empty",
                         source=where) from None


# Read once the reading functions above exist: the default scale's one home is its file.
DEFAULT_SCALE: tuple[str, ...] = load_scale("default").labels
"""Every new worksheet's labels, from ``verify/data/scales/default.csv``: "not checked", then
labels that fit numeric claims: a figure can be right but rounded up ("mostly true"), right but
framed to mislead ("misleading"), or impossible to check from public sources."""
