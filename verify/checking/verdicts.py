"""A checker's verdict on a claim, and the scale of labels it is chosen from: the ``Verdict``
record a worksheet row holds, the ``VerdictConflict`` refusal of a save that would overwrite
another checker's verdict, and ``scale_labels`` for a scale given as a list of labels or a file
of them (``verify.checking.scales`` reads the named scales, ``DEFAULT_SCALE`` among them).

Also what every change of a verdict checks before it is saved: which cells make a verdict, a
verdict's version (``Worksheet.version``), and text a checker typed that no UTF-8 file can hold.
``verify.checking.worksheet`` holds the worksheet these records are saved in.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from ..errors import WorksheetError
from ..records.model import NOT_CHECKED, Claim
from .scales import DEFAULT_SCALE, check_labels, scale_file_text


# --- records --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    """A checker's verdict on one claim, as saved in the worksheet."""

    claim_id: str
    label: str
    """One of the worksheet's labels (``ws.labels``)."""
    rationale: str = ""
    """Why, in the checker's words."""
    checker: str = ""
    """Who set it."""
    checked_at: str = ""
    """When it was set: ISO 8601 UTC, "2026-11-29T10:03:05Z"."""
    sources: str = ""
    """Where the checker looked, free text (until evidence links replace it)."""
    claim: Claim | None = field(default=None, compare=False, repr=False)
    """The claim it is about, for orphans (``ws.orphans``): the claim as it was last
    extracted, since the article no longer has it. None otherwise."""

    def to_row(self) -> dict[str, str]:
        """The verdict's cells of a worksheet row."""
        return {"claim_id": self.claim_id, "verdict": self.label, "rationale": self.rationale,
                "checker": self.checker, "checked_at": self.checked_at, "sources": self.sources}

    @classmethod
    def from_row(cls, row: dict[str, str], claim: Claim | None = None) -> "Verdict":
        return cls(claim_id=row["claim_id"], label=row["verdict"] or NOT_CHECKED,
                   rationale=row["rationale"], checker=row["checker"],
                   checked_at=row["checked_at"], sources=row["sources"], claim=claim)


class VerdictConflict(WorksheetError):
    """A save refused because the claim's verdict changed since the checker's draft began (by
    another checker, or by hand). The worksheet holds their verdict; the draft is the caller's
    to keep and apply again on purpose."""

    def __init__(self, message: str, *, claim_id: str, theirs: Verdict, changed_by: str,
                 source: str = "", row: int | None = None):
        super().__init__(message, source=source, row=row, column="verdict")
        self.claim_id = claim_id
        self.theirs = theirs
        """The verdict saved now, the one the save would have replaced."""
        self.changed_by = changed_by
        """Who changed it and when: "by Anna at 2026-11-29T10:03:05Z"."""


# --- the scale ------------------------------------------------------------------------------------

def scale_labels(scale: Sequence[str] | str | Path | None) -> tuple[str, ...]:
    """The labels of a scale given as data: a list of labels, or the path of a .txt (one label a
    line, '#' comments) or a one-column .csv (an optional header 'label' or 'verdict').

    "not checked" is put first when the scale lacks it: it is the state of every claim before a
    verdict, and the way back to it.
    """
    if scale is None:
        return DEFAULT_SCALE
    if isinstance(scale, (str, Path)):
        labels = _labels_from_file(Path(scale))
        where = str(scale)
    elif hasattr(scale, "labels") and not isinstance(scale, (list, tuple)):
        return scale_labels(list(scale.labels))  # a verify.checking.scales.Scale
    elif not isinstance(scale, (list, tuple)):
        raise WorksheetError(f"scale={scale!r} is {type(scale).__name__}; give a list of verdict "
                             "labels (['true', 'false', ...]) or the path of a scale file")
    else:
        labels = [label if isinstance(label, str) else str(label) for label in scale]
        where = "the scale"
        check_labels(labels)  # no control character or lone surrogate: it could not be saved
    labels = [label.strip() for label in labels if label.strip()]
    seen: dict[str, str] = {}
    for label in labels:
        if label.casefold() in seen:
            raise WorksheetError(f"{where}: the label '{label}' is given twice (as "
                                 f"'{seen[label.casefold()]}'); give each label once",
                                 source=where if where != "the scale" else "")
        seen[label.casefold()] = label
    if len(labels) < 1:
        raise WorksheetError(f"{where}: the scale has no labels; give at least one verdict "
                             "label, e.g. ['true', 'false']")
    if NOT_CHECKED not in seen:
        labels.insert(0, NOT_CHECKED)
    return tuple(labels)


def _labels_from_file(path: Path) -> list[str]:
    try:
        text = scale_file_text(path.read_bytes(), str(path))  # refuses binary, names the row
    except OSError as err:
        raise WorksheetError(f"{path}: cannot read the scale ({err.strerror}); give a .txt "
                             "with one label a line, or a list of labels", source=str(path))
    if path.suffix.lower() == ".csv":
        cells = [row[0] for row in csv.reader(text.splitlines()) if row]
        if cells and cells[0].strip().casefold() in ("label", "labels", "verdict", "scale"):
            cells = cells[1:]
        return cells
    return [line for line in text.splitlines() if not line.lstrip().startswith("#")]


# --- a verdict's cells ----------------------------------------------------------------------------

_VERDICT_CELLS = ("verdict", "rationale", "checker", "checked_at", "sources")
_LOG_NAME = {"verdict": "label", "rationale": "rationale", "checker": "checker",
             "checked_at": "checked_at", "sources": "sources"}


def _same_cells(row: dict[str, str], cells: dict[str, str]) -> bool:
    """Whether ``row`` already holds ``cells`` ("" and "not checked" are the same verdict)."""
    for column, value in cells.items():
        have = row[column]
        if column == "verdict":
            have, value = have or NOT_CHECKED, value or NOT_CHECKED
        if have != value:
            return False
    return True


def _version(row: dict[str, str]) -> str:
    """``Worksheet.version``: 16 hex digits of the hash of a row's verdict cells. Of the
    cells, not of a counter: any change shows (a hand edit too, which no counter would see),
    and a verdict changed and then changed back needs no refusal, as nothing would be lost."""
    cells = [row.get(c, "") for c in _VERDICT_CELLS]
    cells[0] = cells[0] or NOT_CHECKED
    data = "\x1f".join(cells).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


# --- what a checker types -------------------------------------------------------------------------

def _require_text(**values: str) -> None:
    """Refuse what cannot be saved as UTF-8 text, before anything is written: not a str, or a
    lone surrogate ("\\ud800": half of an emoji from a broken copy-paste, or a file name the
    system could not decode), which no UTF-8 file can hold."""
    for name, value in values.items():
        if not isinstance(value, str):
            raise WorksheetError(f"{name} must be text, not {type(value).__name__}: "
                                 f"{value!r}", column=name)
        bad = _LONE_SURROGATE.search(value)
        if bad is not None:
            around = _LONE_SURROGATE.sub("?", value[max(0, bad.start() - 20):bad.start() + 20])
            raise WorksheetError(
                f"the {name} holds a broken character at position {bad.start() + 1} (a lone "
                f"surrogate, {ascii(bad.group())}, e.g. half of an emoji from a copy-paste), "
                f"which cannot be saved as text: retype the {name} around \"{_short(around)}\" "
                "(shown with '?'). Nothing was saved.", column=name)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
