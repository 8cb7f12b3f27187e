"""Evidence links: which passage of which source a checker linked to a claim, and how it bears.

    link = ws.link_evidence(claim_id, passage, "supports")   # a Passage from ws.suggest_evidence
    ws.evidence(claim_id)                                     # [EvidenceLink(...)]
    ws.unlink_evidence(link.link_id)

The links of a worksheet ``<stem>.csv`` are in ``<stem>.evidence.csv`` beside it, one row per
link, the columns of EVIDENCE_COLUMNS (then any a checker added by hand, kept on every save).
A file of its own rather than columns of the worksheet: a claim has any number of links, and
the worksheet keeps one row per claim. Each row repeats the source's address, title and
publisher as they were when the link was made, so an editor can read the file without the
registry, and ``text_sha256`` (the SHA-256 of the source text the offsets index) proves later
that the passage still sits at ``start:end`` of the same text.

The file is handled like the worksheet (``verify.records.store``): saved by atomic replace under the
worksheet's lock, re-read when another kernel changed it, validated on every read (a hand edit
that breaks it raises WorksheetError naming the file, the row and the column, and nothing is
written over it), every cell a ``str``. A re-extraction of the article never touches it: a link
whose claim is gone stays, and reads back with ``orphaned`` set.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..records import cells, disk, store
from ..errors import SourceError, WorksheetError
from .passages import AGREEMENTS, Passage, agreement as judge_agreement
from ..records.model import Claim

STANCES = ("supports", "contradicts", "context")
"""How a passage bears on a claim, in the checker's judgement: it supports the claim, it
contradicts it, or it gives context (a definition, another count, a date) without deciding."""

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class EvidenceLink:
    """One passage of one source, linked to one claim by a checker."""

    link_id: str
    """Stable id: ``ev-`` + 12 hex digits of (claim_id, source_id, start, end), so linking the
    same passage to the same claim again updates the link instead of adding a second one."""
    claim_id: str
    """The claim it is evidence for (``ws.claims``, or ``ws.orphans`` once the article no
    longer has it)."""
    source_id: str
    """The source in the registry (``ws.sources``)."""
    url: str = ""
    """The source's address when the link was made (empty for text pasted without one)."""
    title: str = ""
    """The source's title when the link was made."""
    publisher: str = ""
    """The source's publisher when the link was made."""
    passage: str = ""
    """The passage, exactly as in the source's text: ``ws.sources.text(source_id)[start:end]``."""
    start: int = 0
    """Offset of the passage in the source's text (code points)."""
    end: int = 0
    """Offset just past the passage."""
    stance: str = "context"
    """One of STANCES: the checker's judgement."""
    agreement: str = "not_stated"
    """One of ``verify.evidence.passages.AGREEMENTS``: the passage's figures against the claim's, as
    computed when the link was made (the machine's reading, beside the checker's stance)."""
    score: float = 0.0
    """0 to 100: how the passage ranked for the claim (0 when it was not suggested)."""
    checker: str = ""
    """Who linked it."""
    linked_at: str = ""
    """When it was linked (or its stance last changed), ISO 8601 UTC."""
    text_sha256: str = ""
    """SHA-256 (hex) of the source's whole text (UTF-8) that ``start`` and ``end`` index."""
    note: str = ""
    """The checker's note on the link ("table 2, second row")."""
    orphaned: bool = field(default=False, compare=False)
    """True when the worksheet's article no longer has the claim. Worked out when the links are
    read (``ws.evidence``), not saved: it follows the worksheet."""

    def to_row(self) -> dict[str, str]:
        """The link as a row of the evidence CSV: {column: cell}, in EVIDENCE_COLUMNS order."""
        row = {name: getattr(self, name) for name in EVIDENCE_COLUMNS}
        row["start"], row["end"] = str(self.start), str(self.end)
        row["score"] = _score_text(self.score)
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, str], *, orphaned: bool = False) -> "EvidenceLink":
        """A link from a row of the evidence CSV (validated: see ``EvidenceFile``)."""
        kw = {name: row.get(name, "") or "" for name in EVIDENCE_COLUMNS}
        kw["start"], kw["end"] = int(kw["start"] or 0), int(kw["end"] or 0)
        kw["score"] = float(kw["score"] or 0)
        kw["stance"] = kw["stance"].strip().casefold()
        kw["agreement"] = kw["agreement"].strip() or "not_stated"
        return cls(**kw, orphaned=orphaned)


EVIDENCE_COLUMNS = tuple(f.name for f in fields(EvidenceLink) if f.name != "orphaned")
"""The evidence CSV's columns, in file order."""
REQUIRED_COLUMNS = ("link_id", "claim_id", "source_id", "passage", "start", "end", "stance")
"""Columns a hand-edited evidence CSV must still have; the others are filled in empty."""


def link_id_for(claim_id: str, source_id: str, start: int, end: int) -> str:
    key = f"{claim_id}\n{source_id}\n{start}\n{end}".encode("utf-8")
    return "ev-" + hashlib.sha256(key).hexdigest()[:12]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _score_text(score: float) -> str:
    return f"{round(float(score), 1):g}"


# --- making a link ---------------------------------------------------------------------------------

def new_link(claim: Claim, passage, stance: str, registry, *, checker: str, note: str,
             now: str) -> EvidenceLink:
    """The link of ``passage`` to ``claim`` with ``stance``, checked against the source's text
    in ``registry`` (a ``verify.evidence.sources.SourceRegistry``); not saved yet.

    Raises WorksheetError when the stance is unknown, the passage lacks a part, its source is
    not in the registry or has no text, or the passage is not in that text."""
    stance_key = stance.strip().casefold() if isinstance(stance, str) else stance
    if stance_key not in STANCES:
        raise WorksheetError(f"unknown stance {stance!r}; use one of: {', '.join(STANCES)}",
                             column="stance")
    parts = passage_parts(passage)
    try:
        source = registry.get(parts.source_id)
        text = registry.text(parts.source_id)
    except SourceError as err:
        raise WorksheetError(f"cannot link the passage: {err}", source=err.source,
                             column="source_id") from None
    if not text:
        raise WorksheetError(
            f"source '{source.source_id}' ({source.url or source.title}) has no text to link a "
            f"passage from ({source.fetch_status}: {source.message or 'not fetched'}); fetch it "
            "again, or paste the passage with ws.add_source(text=..., url=...)",
            column="source_id")
    parts = locate(parts, text, source.url or source.title or source.source_id)
    return EvidenceLink(
        link_id=link_id_for(claim.claim_id, source.source_id, parts.start, parts.end),
        claim_id=claim.claim_id, source_id=source.source_id, url=source.url,
        title=source.title, publisher=source.publisher, passage=parts.text, start=parts.start,
        end=parts.end, stance=stance_key, agreement=agreement_of(claim, parts),
        score=round(parts.score, 1), checker=checker, linked_at=now,
        text_sha256=text_sha256(text), note=note)


def source_texts(registry, source_ids=None, cache: dict | None = None) -> list[tuple[str, str]]:
    """(source_id, text) of the registry's sources that have text (only ``source_ids`` when
    given), in registry order; a source whose text file has gone missing is left out.
    ``cache`` keeps texts between calls (their files are named by their hash, so a cached text
    never goes stale)."""
    wanted = None if source_ids is None else set(source_ids)
    cache = {} if cache is None else cache
    texts = []
    for source in registry.sources:
        if not source.has_text or (wanted is not None and source.source_id not in wanted):
            continue
        key = (source.source_id, source.text_path)
        if key not in cache:
            try:
                cache[key] = registry.text(source.source_id)
            except SourceError:
                continue
        texts.append((source.source_id, cache[key]))
    return texts


# --- what a caller may pass as a passage ----------------------------------------------------------

@dataclass(frozen=True)
class PassageParts:
    """A passage to link, whatever it came as."""

    source_id: str
    text: str
    start: int
    end: int
    score: float = 0.0
    agreement: str = ""
    """The passage's agreement as ``suggest`` judged it; empty when it must be worked out."""


def passage_parts(passage) -> PassageParts:
    """The parts of ``passage``: a ``verify.evidence.passages.Passage`` (or anything with its
    attributes), or a mapping with ``source_id``, ``text`` (or ``passage``), ``start`` and
    ``end`` (numbers or their digits, as read from a CSV), optionally ``score``.

    Raises WorksheetError naming what is missing."""
    if isinstance(passage, Mapping):
        get = passage.get
    else:
        def get(name, default=None):
            return getattr(passage, name, default)
    source_id, start, end = get("source_id"), get("start"), get("end")
    text = get("text")
    if text is None:
        text = get("passage")
    missing = [name for name, value in (("source_id", source_id), ("text", text),
                                        ("start", start), ("end", end)) if value in (None, "")]
    if missing:
        raise WorksheetError(
            f"the passage to link lacks {', '.join(missing)}: pass a Passage from "
            "ws.suggest_evidence(claim_id), or a dict with source_id, text, start and end")
    try:
        start, end = int(start), int(end)
        score = float(get("score", 0) or 0)
    except (TypeError, ValueError):
        raise WorksheetError(f"the passage's start, end and score must be numbers, not "
                             f"{start!r}, {end!r}, {get('score', 0)!r}") from None
    label = get("agreement", "") or ""
    # only a Passage's own judgement is taken as is; a hand-made dict's is worked out again
    trusted = isinstance(passage, Passage) and label in AGREEMENTS
    return PassageParts(str(source_id), str(text), start, end, min(max(score, 0.0), 100.0),
                        label if trusted else "")


def locate(parts: PassageParts, source_text: str, where: str) -> PassageParts:
    """``parts`` with offsets that index ``source_text``: as given when the text is there, else
    where the passage's text occurs (a source whose text was extracted again). WorksheetError
    when the passage is not in the text at all."""
    if 0 <= parts.start <= parts.end <= len(source_text) \
            and source_text[parts.start:parts.end] == parts.text:
        return parts
    found = source_text.find(parts.text) if parts.text else -1
    if found < 0:
        shown = " ".join(parts.text.split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        raise WorksheetError(
            f"the passage \"{shown}\" is not in the text of source '{parts.source_id}' "
            f"({where}); link a passage from ws.suggest_evidence(), or add the passage's text "
            "as a source first (ws.add_source(text=...))", column="passage")
    return PassageParts(parts.source_id, parts.text, found, found + len(parts.text),
                        parts.score, parts.agreement)


def agreement_of(claim: Claim, parts: PassageParts) -> str:
    if parts.agreement:
        return parts.agreement
    return judge_agreement(claim, parts.text)[0]


# --- the evidence CSV -----------------------------------------------------------------------------

class EvidenceFile:
    """The evidence CSV of one worksheet, read lazily and again whenever it changed on disk.

    Not a dataclass: it caches the file and its signature. Callers hold the worksheet's lock
    around ``put`` and ``remove`` (and the read before them), so two kernels' links never
    interleave.
    """

    def __init__(self, path: Path):
        self.path = path
        """``<worksheet stem>.evidence.csv``."""
        self._header: list[str] = list(EVIDENCE_COLUMNS)
        self._rows: dict[str, dict[str, str]] = {}   # link_id -> row, in file order
        self._signature: tuple | None = None           # None: not read yet

    def rows(self) -> dict[str, dict[str, str]]:
        """link_id -> row, in file order, as on disk now (read again when it changed).

        Raises WorksheetError when a hand edit broke the file; nothing is written then."""
        signature = disk.file_signature(self.path)
        if signature != self._signature:
            if signature:
                self._header, self._rows = read_evidence(self.path)
            else:
                self._header, self._rows = list(EVIDENCE_COLUMNS), {}
            self._signature = signature
        return self._rows

    def claim_ids(self) -> set[str]:
        return {row["claim_id"] for row in self.rows().values()}

    def put(self, link: EvidenceLink) -> EvidenceLink | None:
        """Save ``link`` (replacing the link with its id, whose columns added by hand are
        kept); returns the link it replaced, or None."""
        rows = self.rows()
        old = rows.get(link.link_id)
        new = {**dict.fromkeys(self._header, ""), **(old or {}), **link.to_row()}
        self._write({**rows, link.link_id: new})
        return EvidenceLink.from_row(old) if old is not None else None

    def remove(self, link_id: str) -> EvidenceLink:
        rows = self.rows()
        if link_id not in rows:
            raise WorksheetError(f"{self.path}: no evidence link '{link_id}'; use a link_id from "
                                 "ws.evidence()", source=str(self.path), column="link_id")
        old = rows[link_id]
        self._write({k: v for k, v in rows.items() if k != link_id})
        return EvidenceLink.from_row(old)

    def _write(self, rows: dict[str, dict[str, str]]) -> None:
        try:
            self._signature = disk.atomic_write(
                self.path, store.csv_bytes(self._header, rows.values()))
        except OSError as err:
            raise WorksheetError(f"{self.path}: could not save the evidence ({err.strerror}); "
                                 "nothing was changed on disk. Check the folder is writable "
                                 "and the disk is not full, then try again.",
                                 source=str(self.path)) from None
        self._rows = rows


def read_evidence(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    """(header, rows by link_id) of the evidence CSV at ``path``, validated.

    Raises WorksheetError naming the file, row (the header is row 1) and column of each problem
    (up to ten), and what to do."""
    return store.read_keyed_csv(path, _EVIDENCE_CSV)


def _check_row(row: dict[str, str]):
    """(column, problem) for each cell of an evidence row that a hand edit broke."""
    for column in ("link_id", "claim_id", "source_id"):
        if not row[column].strip():
            yield column, (f"the {column} is empty; every link needs one (undo the edit that "
                           "removed it)")
    offsets = []
    for column in ("start", "end"):
        value = row[column].strip()
        if not cells.is_whole_number(value):  # ASCII digits: "²".isdigit() is True
            yield column, (f"'{cells.short_cell(row[column])}' is not a whole number of 0 or "
                           f"more (digits 0-9, at most {cells.MAX_DIGITS}); it is a character "
                           "offset into the source's text: restore the saved value")
        else:
            offsets.append(int(value))
    if len(offsets) == 2 and offsets[0] > offsets[1]:
        yield "end", (f"the passage ends ({offsets[1]}) before it starts ({offsets[0]}); restore "
                      "the saved offsets")
    stance = row["stance"].strip().casefold()
    if stance not in STANCES:
        yield "stance", (f"unknown stance '{row['stance']}'; use one of "
                         f"{', '.join(STANCES)}")
    if row["agreement"].strip() not in ("",) + AGREEMENTS:
        yield "agreement", (f"unknown agreement '{row['agreement']}'; use one of "
                            f"{', '.join(AGREEMENTS)} (or leave it empty)")
    if row["score"].strip():
        try:
            ok = 0 <= float(row["score"]) <= 100
        except ValueError:
            ok = False
        if not ok:
            yield "score", f"'{row['score']}' is not a number from 0 to 100; restore it or empty it"
    if row["linked_at"] and not cells.is_iso_time(row["linked_at"]):
        yield "linked_at", (f"'{row['linked_at']}' is not a time; write it as "
                            "2026-11-29T10:03:05Z (ISO 8601, UTC) or leave it empty")
    if row["text_sha256"] and not _HEX64.match(row["text_sha256"]):
        yield "text_sha256", "not a SHA-256 (64 hex digits, lower case); restore the saved value"


_EVIDENCE_CSV = store.CsvSchema(
    key="link_id", columns=EVIDENCE_COLUMNS,
    check_header=lambda header: store.header_problems(header, REQUIRED_COLUMNS),
    check_row=_check_row,
    duplicate="the link '{key}' is also on row {row}; keep one row per link",
    misaligned=("the row has {cells} cells but the header has {columns}: a cell probably holds "
                "an unquoted comma or quote mark; fix the row so it lines up with the header"),
    what="evidence file")
