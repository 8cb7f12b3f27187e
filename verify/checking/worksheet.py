"""One article's checking work: its claims and the checker's verdicts, saved as they are set.

    ws = Worksheet.open("claims/putin-kim-2024-it.csv", article=SEED_ARTICLE)
    ws.set_verdict(ws.claims[0].claim_id, "true", rationale="...", checker="Anna")
    ws.verdict(ws.claims[0].claim_id).label       # "true", also after a kernel restart

The worksheet is ``<stem>.csv``: the claims table's columns, the checker's columns
(``verdict, rationale, checker, checked_at, sources``), ``orphaned``, then any columns a checker
added by hand. The claims' columns belong to the extractor (a re-extraction rewrites them); the
checker's columns change only through ``set_verdict`` and ``undo`` (or a hand edit), and extra
columns are never touched. Next to it:

- ``<stem>.meta.json``: the verdict scale and the article the claims were extracted from, text
  included. A sidecar rather than a column: both belong to the worksheet, not to a claim, and a
  column would repeat them on every row an editor scrolls through. The text is kept (not just
  the path or URL) because every claim's offsets index that exact text: the file may be edited
  or the web page changed since. Without the sidecar the worksheet still opens, with the
  default scale and ``ws.article`` None.
- ``<stem>.evidence.csv``: the evidence links (``link_evidence``): which passage of which
  source bears on which claim, and how. See ``verify.evidence.links``.
- ``<stem>.log.jsonl``: the audit trail, one JSON object per change (verdicts, links, sources
  added); ``undo()`` reads it. A verdict's or a link's entry is written just before the change
  itself; the entry of a change a killed process never made is taken back on the next open
  or change (``_settle_log``), so the log always agrees with the files.
- ``<stem>.lock``: held while a kernel reads, merges and writes, so two checkers' saves never
  interleave.

The sources a checker links are in the project's source registry (``ws.sources``, see
``verify.evidence.sources``): by default ``sources/`` beside the worksheet's ``claims/`` folder, so every
article of a project shares one registry.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import os
import re
import stat
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterable, Iterator, Sequence

from ..records import store
from ..reading.articles import earlier_article_ids, load_article
from ..reading.claims import extract_claims
from ..errors import SourceError, VerifyError, WorksheetError
from ..records.files import kind_of
from ..evidence.passages import Passage, suggest
from ..evidence import links
from ..evidence.links import STANCES, EvidenceFile, EvidenceLink
from ..records.model import CLAIM_BLOCKS, Article, Claim
from .scales import check_labels, scale_file_text
from ..evidence.sources import Source, SourceRegistry, text_argument
from ..records.store import CHECKER_COLUMNS, ORPHANED, WORKSHEET_COLUMNS, Table

from ..records.model import NOT_CHECKED
from .scales import DEFAULT_SCALE  # one home: verify/data/scales/default.csv

_META_FORMAT = 1


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

def load_scale(scale: Sequence[str] | str | Path | None) -> tuple[str, ...]:
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
        return load_scale(list(scale.labels))  # a verify.checking.scales.Scale
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


# --- the worksheet --------------------------------------------------------------------------------

class Worksheet:
    """One article's claims and verdicts, backed by a CSV that is saved on every change.

    Use ``Worksheet.open``. Not a dataclass: opening reads, validates, merges and may write files.
    """

    _read_only = False  # Worksheet.open(..., read_only=True): no lock taken, nothing written

    def __init__(self, path: Path, table: Table, labels: tuple[str, ...], *, checker: str = "",
                 sources: str | Path | None = None):
        self.path = path
        """The worksheet CSV."""
        self.checker = checker
        """The checker's name, used when ``set_verdict`` is not given one."""
        self.sources_folder = Path(sources) if sources else default_sources_folder(path)
        """The source registry's folder (``ws.sources``)."""
        self._registry: SourceRegistry | None = None
        self._evidence = EvidenceFile(_sidecar(path, ".evidence.csv"))
        self._source_texts: dict[tuple[str, str], str] = {}  # (source_id, text_path) -> text
        self._table = table
        self._labels = labels
        self._article: Article | None = None
        self._meta_signature: tuple = ()
        self._token = ""  # the lock file's token as of our last read or save
        self._index()

    # --- opening ---

    @classmethod
    def open(cls, path: str | Path, article: str | Path | Article | None = None, *,
             scale: Sequence[str] | str | Path | None = None, lang: str | None = None,
             checker: str = "", sources: str | Path | None = None,
             replace_article: bool = False, read_only: bool = False) -> "Worksheet":
        """Create the worksheet at ``path`` from ``article``, or resume it from disk.

        ``article`` is a path, a URL or a loaded Article. Given for an existing worksheet, the
        article is extracted again and merged by claim_id: verdicts stay with their claims, and
        a verdict whose claim is gone is kept as an orphan (``ws.orphans``). Without it, the
        worksheet is resumed from the CSV and its sidecar alone. ``path`` may be a folder: the
        worksheet is then ``<folder>/<article_id>.csv``.

        ``scale`` (a list of labels or a file of them) replaces the one the worksheet was
        saved with; the default is the saved scale, else DEFAULT_SCALE. ``sources`` is the
        source registry's folder (default: ``default_sources_folder(path)``).

        A worksheet holds one article. Given another article than the one it holds (not the
        same text corrected: see ``same_article``), ``open`` refuses with a WorksheetError
        naming both and changes nothing; ``replace_article=True`` takes the new article in
        anyway (verdicts whose claims it lacks are kept as orphans).

        ``read_only=True`` (what ``verify export`` uses) reads the worksheet as it is on disk
        and writes nothing, not even the lock file: it works in a folder the user cannot write.
        Such a worksheet refuses every change (``set_verdict``, ``undo``, links, sources).

        Only a regular file is read as a worksheet (a FIFO would block forever); a path holding
        NUL, or a name too long for the file system, is refused before anything is written.
        """
        loaded = _load(article, lang)
        path = _checked_path(path)
        if path.is_dir():
            if loaded is None:
                raise WorksheetError(f"{path} is a folder: give the worksheet's file name, or "
                                     "article= so the worksheet is named after the article",
                                     source=str(path))
            path = _checked_path(worksheet_path_for(path, loaded))
        if loaded is None and not path.exists():
            raise WorksheetError(f"{path}: no worksheet there; give article= (a file, URL or "
                                 "loaded article) to create it, or check the path",
                                 source=str(path))
        _refuse_what_is_not_a_file(path)
        if loaded is None and not _can_write_beside(path):
            read_only = True  # only resuming, in a folder this user cannot write: read it as is
        if read_only:
            return cls._open_read_only(path, loaded, scale=scale, checker=checker,
                                       sources=sources)
        _make_folder(path)
        with store.locked(_sidecar(path, ".lock")) as lock:
            # what a killed save of the worksheet or of its sidecars left behind
            for saved_file in (path, _sidecar(path, ".evidence.csv"), _sidecar(path, ".meta.json")):
                store.remove_stale_temp_files(saved_file)
            meta = _read_meta(path)
            labels = load_scale(scale if scale is not None else meta.get("scale"))
            table = store.read_worksheet(path, labels) if path.exists() else None
            if table is None:
                table = Table(WORKSHEET_COLUMNS, {})
            ws = cls(path, table, labels, checker=checker, sources=sources)
            ws._token = lock.token
            ws._settle_log()
            if loaded is not None:
                ws._article = loaded
                if not replace_article:
                    _refuse_another_article(path, table, meta.get("article"), loaded)
                ws._take_extraction(loaded, lock, new=not path.exists())
                meta["article"] = _article_record(loaded)
            meta["scale"] = list(labels)
            ws._save_meta(meta)
        return ws

    @classmethod
    def _open_read_only(cls, path: Path, article: Article | None, *, scale, checker: str,
                        sources) -> "Worksheet":
        """The worksheet as it is on disk, read without the lock: every save replaces its files
        atomically, so a reader sees the old file or the new one, never half of one."""
        if article is not None:
            raise WorksheetError(f"{path}: read_only=True reads a worksheet as it is saved; "
                                 "give no article= (a re-extraction would have to save)",
                                 source=str(path))
        meta = _read_meta(path)
        labels = load_scale(scale if scale is not None else meta.get("scale"))
        ws = cls(path, store.read_worksheet(path, labels), labels, checker=checker,
                 sources=sources)
        ws._read_only = True
        return ws

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise WorksheetError(f"{self.path}: this worksheet was opened read-only "
                                 "(read_only=True, or its folder is not writable by this user) "
                                 "and cannot be changed; to check claims, open it again without "
                                 "read_only, from a folder you can write (copy the worksheet and "
                                 "its sidecars there) or with write access",
                                 source=str(self.path))

    def _take_extraction(self, article: Article, lock: store.Lock, new: bool) -> None:
        """Merge a fresh extraction of ``article`` into the worksheet and save it if it changed."""
        rows = self._table.rows  # open() refused another article already (or was told to take it)
        merged, added, orphaned = merge_extraction(self._table, extract_claims(article),
                                                   linked=self._linked_claim_ids())
        if not new and list(merged.rows.items()) == list(rows.items()):
            return
        merged.signature = self._table.signature
        self._table = merged
        self._index()
        self._save(lock)
        self._log({  # after the save: an extraction is not undone, so it needs no write-ahead
            "action": "create" if new else "reextract", "claim_id": "",
            "article_id": article.article_id, "claims": len(self._claims),
            "added": len(added) if not new else len(self._claims), "orphaned": orphaned,
        }, saved=True)

    # --- reading ---

    @property
    def claims(self) -> list[Claim]:
        """The article's claims in article order (orphans are in ``orphans``)."""
        return list(self._claims)

    def claim(self, claim_id: str) -> Claim:
        """The claim ``claim_id``, current or orphaned."""
        claim = self._claim_by_id.get(claim_id)
        if claim is None:
            claim = Claim.from_row(self._row(claim_id))
        return claim

    def version(self, claim_id: str) -> str:
        """A short token naming the claim's saved verdict as this notebook last read it (its
        label, rationale, checker, time and sources): what a draft starts from.

        Pass it back as ``set_verdict(..., base=...)``: the save is refused if the claim was
        changed since, by another checker or by hand. The same verdict has the same version
        in every kernel; "not checked" has one version of its own.
        """
        return _version(self._row(claim_id))

    def verdict(self, claim_id: str) -> Verdict | None:
        """The saved verdict of ``claim_id``, or None when it is not checked."""
        row = self._row(claim_id)
        if row["verdict"] in ("", NOT_CHECKED):
            return None
        return Verdict.from_row(row)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the worksheet's scale, in order ("not checked" first)."""
        return self._labels

    @property
    def scale(self) -> list[str]:
        return list(self._labels)

    @property
    def orphans(self) -> list[Verdict]:
        """Verdicts whose claim the article no longer has, each with its last ``claim``."""
        return [Verdict.from_row(row, Claim.from_row(row))
                for row in self._table.rows.values() if row[ORPHANED] == "yes"]

    def progress(self) -> tuple[int, int]:
        """(claims checked, claims) over the article's current claims."""
        rows = self._table.rows
        checked = sum(1 for c in self._claims
                      if rows[c.claim_id]["verdict"] not in ("", NOT_CHECKED))
        return checked, len(self._claims)

    @property
    def article(self) -> Article | None:
        """The article the claims were extracted from (rebuilt from the sidecar when the
        worksheet was resumed), or None when the sidecar is missing."""
        if self._article is None:
            self._article = _article_from_record(_read_meta(self.path).get("article"))
        return self._article

    @property
    def extra_columns(self) -> list[str]:
        """Columns a checker added by hand, kept on every save."""
        return self._table.extra_columns

    def history(self, claim_id: str | None = None) -> list[dict]:
        """The audit trail, oldest first: every change (``action`` "set", "undo", "create",
        "reextract", "link", "unlink", "add_source") with who, when, the claim and what
        changed (a verdict's old and new label and rationale, a link's whole row)."""
        entries = _read_log(_sidecar(self.path, ".log.jsonl"))
        if claim_id is None:
            return entries
        return [e for e in entries if e.get("claim_id") == claim_id]

    def reload(self) -> None:
        """Read the worksheet again from disk (another checker's or a hand edit's changes)."""
        with self._locked() as lock:
            if not self.path.exists():
                raise WorksheetError(f"{self.path}: the worksheet is gone (moved or deleted); "
                                     "the next save writes it again from this notebook",
                                     source=str(self.path))
            self._adopt(store.read_worksheet(self.path, self._labels))
            self._token = lock.token

    def __repr__(self) -> str:
        checked, total = self.progress()
        return f"<Worksheet {self.path}: {checked} of {total} checked>"

    # --- changing ---

    def set_verdict(self, claim_id: str, label: str, rationale: str = "", checker: str = "",
                    sources: str | None = None, *, base: str | None = None) -> Verdict:
        """Set the verdict of ``claim_id`` and save the worksheet before returning.

        ``label`` must be one of ``labels`` (case and surrounding spaces do not matter);
        ``checker`` defaults to ``ws.checker``; ``sources`` None keeps the claim's sources.

        ``base`` is the version (``ws.version(claim_id)``) of the verdict the checker's draft
        started from, taken when the claim was shown; by default, the verdict as this
        worksheet last read it. When the claim was changed since (by another checker, or by
        hand), the save is refused with VerdictConflict (a WorksheetError) saying who changed
        it, to what and when; the worksheet is then reloaded, so setting it again with the
        new version as ``base`` (or no base) replaces their verdict on purpose.
        """
        label = self._label(label)
        checker = checker or self.checker
        _require_text(rationale=rationale, checker=checker, sources=sources or "")
        with self._locked() as lock:
            seen = self._table.rows.get(claim_id)  # the verdict as this notebook read it
            if base is None and seen is not None:
                base = _version(seen)
            self._sync(lock, claim_id)
            self._settle_log()
            row = self._row(claim_id)
            new = {"verdict": label, "rationale": rationale, "checker": checker,
                   "sources": row["sources"] if sources is None else sources}
            if _same_cells(row, new):
                return Verdict.from_row(row)  # nothing changed: no save, no log entry
            if base is not None and _version(row) != base:
                raise self._changed_since(claim_id, row, base, seen)
            new["checked_at"] = _now()
            self._change_row(claim_id, {**row, **new},
                             _change_entry("set", claim_id, row, new, who=checker), lock)
        return Verdict.from_row(self._table.rows[claim_id])

    def undo(self) -> dict:
        """Revert the last change not yet undone, save, and return its log entry.

        Refuses (WorksheetError) when there is nothing to undo, or when the claim was changed
        again since (by another checker or a hand edit): undoing would overwrite that.
        """
        _require_text(checker=self.checker)
        with self._locked() as lock:
            self._sync(lock)
            self._settle_log()
            target = _last_undoable(self.history())
            if target is None:
                raise WorksheetError(f"{self.path}: nothing to undo (no verdict change in "
                                     f"{_sidecar(self.path, '.log.jsonl').name} that is not "
                                     "undone already)", source=str(self.path))
            claim_id = target["claim_id"]
            row = self._row(claim_id)
            after = {c: target.get(f"new_{_LOG_NAME[c]}", "") for c in _VERDICT_CELLS}
            if not _same_cells(row, after):
                raise WorksheetError(
                    f"{self.path}: cannot undo the change to claim {claim_id} made by "
                    f"{target.get('checker') or 'an unnamed checker'} at {target.get('at')}: the "
                    f"claim was changed again since (now '{row['verdict'] or NOT_CHECKED}' by "
                    f"{row['checker'] or 'an unnamed checker'} at {row['checked_at'] or '?'}); "
                    "set the verdict you want instead", source=str(self.path), column="verdict")
            before = {c: target.get(f"old_{_LOG_NAME[c]}", "") for c in _VERDICT_CELLS}
            entry = _change_entry("undo", claim_id, row, before, who=self.checker)
            entry["undoes"] = target["id"]
            self._change_row(claim_id, {**row, **before}, entry, lock)
        return target

    # --- sources and evidence ---

    @property
    def sources(self) -> SourceRegistry:
        """The project's source registry (``verify.evidence.sources.SourceRegistry``) in
        ``sources_folder``: every source a checker added, fetched or pasted."""
        if self._registry is None:
            self._registry = SourceRegistry.open(self.sources_folder)
        return self._registry

    def add_source(self, url: str | None = None, text: str | None = None, title: str = "",
                   publisher: str = "", published: str = "", kind: str = "",
                   note: str = "", *, added_by: str = "") -> Source:
        """Fetch the page at ``url``, or record ``text`` a checker pasted (from ``url`` when
        both are given), in the registry; returns the saved Source.

        A failed fetch does not raise: the Source has ``fetch_status`` "failed" and the problem
        in ``message``; the fetch is bounded by the registry's deadline. SourceError for bad
        arguments (neither url nor text, an address that is not http(s), a bad date or kind).
        ``added_by`` defaults to ``ws.checker``.
        """
        self._refuse_if_read_only()
        url, text = text_argument("url", url), text_argument("text", text)  # 123: SourceError
        if not (text or "").strip() and not (url or "").strip():
            raise SourceError("give the source's address (url=...) or paste its text (text=...)")
        # A registry of its own: the workbench fetches in a background thread while the
        # notebook may be reading ws.sources; the shared one re-reads the file when it changed.
        registry = SourceRegistry.open(self.sources.folder, deadline=self.sources.deadline)
        added_by = added_by or self.checker
        _require_text(added_by=added_by)
        meta = dict(title=title, publisher=publisher, published=published, kind=kind,
                    note=note, added_by=added_by)
        if (text or "").strip():
            source = registry.add_text(text, url=url or "", **meta)
        else:
            source = registry.add_url(url, **meta)
        with self._locked() as lock:
            self._settle_log(lock)
            self._log({"action": "add_source", "claim_id": "", "checker": added_by,
                       "source_id": source.source_id, "url": source.url,
                       "fetch_status": source.fetch_status, "message": source.message},
                      saved=True)
        return source

    def suggest_evidence(self, claim_id: str, limit: int = 5, *,
                         source_ids: Sequence[str] | None = None) -> list[Passage]:
        """The passages of the registry's sources that bear most on the claim, best first
        (``verify.evidence.passages.Passage``: .source_id, .text, .start, .end, .score, .agreement).

        Only from ``source_ids`` when given. Else, when the claim has links, the passages of
        its linked sources come first, then the best of the other sources; without links,
        the best of every source that has text.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise WorksheetError(f"limit={limit!r}: give how many passages to suggest as a whole "
                                 "number, 0 or more (e.g. limit=5)")
        claim = self.claim(claim_id)
        texts = self._texts(source_ids)
        linked = {link.source_id for link in self.evidence(claim_id)}
        if source_ids is not None or not linked:
            return suggest(claim, texts, limit=limit)
        first = suggest(claim, [t for t in texts if t[0] in linked], limit=limit)
        rest = suggest(claim, [t for t in texts if t[0] not in linked], limit=limit - len(first))
        return first + rest

    def link_evidence(self, claim_id: str, passage, stance: str, *, checker: str = "",
                      note: str = "") -> EvidenceLink:
        """Link ``passage`` (a Passage from ``suggest_evidence``, or a dict with source_id,
        text, start and end) to the claim as evidence that ``stance`` ("supports",
        "contradicts", "context") it, and save it before returning.

        Linking the same passage to the same claim again changes its stance and note (one
        link per passage and claim). The passage must be in its source's text.
        """
        checker = checker or self.checker
        _require_text(checker=checker, note=note)
        claim = self.claim(claim_id)  # unknown ids raise here
        link = links.new_link(claim, passage, stance, self.sources, checker=checker,
                              note=note, now=_now())
        with self._locked() as lock:
            self._settle_log(lock)
            old = self._evidence.rows().get(link.link_id)
            entry = {"action": "link", "claim_id": claim_id, "checker": checker,
                     "link": link.to_row()}
            if old is not None:
                entry["old_stance"], entry["old_note"] = old["stance"], old["note"]
            self._write_ahead(entry, lambda: self._evidence.put(link))
        return link

    def evidence(self, claim_id: str | None = None) -> list[EvidenceLink]:
        """The saved evidence links, in the order they were made: the claim's, or every link
        when ``claim_id`` is None. A link whose claim the article no longer has is kept, with
        ``orphaned`` True. Raises WorksheetError when the evidence CSV was broken by hand."""
        rows = self._evidence.rows().values()
        current = self._claim_by_id
        return [EvidenceLink.from_row(row, orphaned=row["claim_id"] not in current)
                for row in rows if claim_id is None or row["claim_id"] == claim_id]

    def unlink_evidence(self, link_id: str, *, checker: str = "") -> EvidenceLink:
        """Remove the link ``link_id`` (saved before returning; the audit log keeps its row,
        with ``checker``, default ``ws.checker``); returns the removed link."""
        checker = checker or self.checker
        _require_text(checker=checker)
        with self._locked() as lock:
            self._settle_log(lock)
            row = self._evidence.rows().get(link_id)
            if row is None:
                return self._evidence.remove(link_id)  # raises: no such link
            old = EvidenceLink.from_row(row)
            entry = {"action": "unlink", "claim_id": old.claim_id, "checker": checker,
                     "link": old.to_row()}
            self._write_ahead(entry, lambda: self._evidence.remove(link_id))
        return old

    @property
    def evidence_path(self) -> Path:
        """The evidence CSV: ``<stem>.evidence.csv`` beside the worksheet."""
        return self._evidence.path

    def _texts(self, source_ids: Sequence[str] | None) -> list[tuple[str, str]]:
        return links.source_texts(self.sources, source_ids, self._source_texts)

    def _linked_claim_ids(self) -> set[str]:
        """The claims that have evidence links; every claim of the worksheet when the evidence
        CSV cannot be read (a re-extraction then keeps every vanished claim, as an orphan)."""
        try:
            return self._evidence.claim_ids()
        except WorksheetError:
            return set(self._table.rows)

    # --- internals ---

    def _index(self, previous: Table | None = None) -> None:
        """Rebuild the claims from the rows, reusing the Claim of every row ``previous`` holds
        unchanged (10,000 Claim.from_row calls cost ~150 ms)."""
        known = self._claim_by_id if previous is not None else {}
        old_rows = previous.rows if previous is not None else {}
        current = []
        for claim_id, row in self._table.rows.items():
            if row[ORPHANED] == "yes":
                continue
            claim = known.get(claim_id)
            if claim is None or old_rows.get(claim_id) != row:
                claim = Claim.from_row(row)
            current.append(claim)
        current.sort(key=lambda c: (c.start, c.end))
        self._claims = current
        self._claim_by_id = {c.claim_id: c for c in current}

    def _row(self, claim_id: str) -> dict[str, str]:
        row = self._table.rows.get(claim_id)
        if row is None:
            raise WorksheetError(f"{self.path}: no claim '{claim_id}' in the worksheet; use an "
                                 "id from ws.claims or ws.orphans", source=str(self.path),
                                 column="claim_id")
        return row

    def _label(self, label: str) -> str:
        wanted = label.strip().casefold() if isinstance(label, str) else None
        for known in self._labels:
            if known.casefold() == wanted:
                return known
        raise WorksheetError(f"{self.path}: unknown verdict {label!r}; use one of: "
                             f"{', '.join(repr(x) for x in self._labels)}",
                             source=str(self.path), column="verdict")

    @contextmanager
    def _locked(self) -> Iterator[store.Lock]:
        self._refuse_if_read_only()
        with store.locked(_sidecar(self.path, ".lock")) as lock:
            yield lock

    def _sync(self, lock: store.Lock, changing: str | None = None) -> None:
        """Take in what was saved since we last read or wrote, before we write.

        Every change of ours is on disk the moment it is made, so merging per claim comes down
        to taking the file as it is: another checker's claims are theirs. Only the claim we are
        about to change can conflict: its row removed by hand is refused here, a changed
        verdict by ``set_verdict`` (against the version the draft started from).
        """
        if lock.token == self._token and store.file_signature(self.path) == self._table.signature:
            return
        if not self.path.exists():
            return  # deleted or moved away: the save about to happen writes it again
        try:
            disk = store.read_worksheet(self.path, self._labels)
        except WorksheetError as err:
            raise WorksheetError(
                f"Not saved: {self.path} was changed outside this notebook and can no longer "
                f"be read.\n{err}", source=str(self.path), row=err.row, column=err.column,
            ) from None
        conflict = self._removed(changing, disk) if changing else None
        self._adopt(disk)
        self._token = lock.token
        if conflict is not None:
            raise conflict

    def _removed(self, claim_id: str, disk: Table) -> WorksheetError | None:
        if claim_id not in self._table.rows or claim_id in disk.rows:
            return None
        return WorksheetError(
            f"Not saved: claim {claim_id} was removed from {self.path} since this notebook "
            "read it (by hand?). The worksheet has been reloaded; put the row back to check "
            "that claim.", source=str(self.path), column="claim_id")

    def _changed_since(self, claim_id: str, theirs: dict[str, str], base: str,
                       seen: dict[str, str] | None) -> "VerdictConflict":
        """The refusal of a save whose draft began from ``base``: who changed the claim since,
        to what and when (the worksheet already holds their change)."""
        row_number = list(self._table.rows).index(claim_id) + 2
        was = self._label_of_version(claim_id, base, seen)
        change = (f"'{was}' -> '{theirs['verdict'] or NOT_CHECKED}'" if was is not None
                  else f"now '{theirs['verdict'] or NOT_CHECKED}'")
        who = self._who_changed(claim_id, theirs)
        return VerdictConflict(
            f"Not saved: claim {claim_id} (\"{_short(theirs['text'])}\", row {row_number} of "
            f"{self.path}) was changed {who} since your draft of it began: verdict {change}, "
            f"rationale: \"{_short(theirs['rationale'])}\". The worksheet has been reloaded "
            "with their change: read it, then set your verdict again to replace it (with "
            "base=ws.version(claim_id) when you pass a base).",
            claim_id=claim_id, theirs=Verdict.from_row(theirs), changed_by=who,
            source=str(self.path), row=row_number)

    def _label_of_version(self, claim_id: str, version: str,
                          seen: dict[str, str] | None) -> str | None:
        """The label the verdict had at ``version``: from the row as this notebook read it, or
        from the audit log; None when neither knows it."""
        if seen is not None and _version(seen) == version:
            return seen["verdict"] or NOT_CHECKED
        for entry in reversed(self.history(claim_id)):
            for side in ("new", "old"):
                cells = {c: entry.get(f"{side}_{_LOG_NAME[c]}", "") for c in _VERDICT_CELLS}
                if _version(cells) == version:
                    return cells["verdict"] or NOT_CHECKED
        return None

    def _who_changed(self, claim_id: str, row: dict[str, str]) -> str:
        """"by Anna at 2026-11-29T10:03:05Z", from the audit log when it has the change (an
        undo restores an older checker and time to the row), else from the row itself."""
        for entry in reversed(self.history(claim_id)):
            if entry.get("action") in ("set", "undo") and _same_cells(
                    row, {c: entry.get(f"new_{_LOG_NAME[c]}", "") for c in _VERDICT_CELLS}):
                who = entry.get("checker") or entry.get("user") or "someone without a name"
                what = " (an undo)" if entry["action"] == "undo" else ""
                return f"by {who}{what} at {entry.get('at', '?')}"
            break
        if row["checker"] or row["checked_at"]:
            return (f"by {row['checker'] or 'someone without a name'} at "
                    f"{row['checked_at'] or 'an unknown time'}")
        return "in the file outside the worksheet tools (by hand?)"

    def _adopt(self, table: Table) -> None:
        previous, self._table = self._table, table
        table.keep_encoding_of(previous)
        self._index(previous)
        signature = store.file_signature(_sidecar(self.path, ".meta.json"))
        if signature != self._meta_signature:
            self._article = None  # re-extracted elsewhere: rebuild from the sidecar when asked
            self._meta_signature = signature

    def _save(self, lock: store.Lock) -> None:
        try:
            store.write_table(self.path, self._table)
        except OSError as err:
            raise WorksheetError(f"{self.path}: could not save the worksheet ({err.strerror}); "
                                 "nothing was changed on disk. Check the folder is writable "
                                 "and the disk is not full, then try again.",
                                 source=str(self.path)) from None
        self._token = lock.token = uuid.uuid4().hex

    def _change_row(self, claim_id: str, row: dict[str, str], entry: dict,
                    lock: store.Lock) -> None:
        """Log ``entry``, then save ``row`` in place of the claim's row."""
        def save() -> None:
            old = self._table.rows[claim_id]
            self._table.set_row(claim_id, row)
            try:
                self._save(lock)
            except BaseException:
                self._table.set_row(claim_id, old)  # memory must keep matching the file
                raise
        self._write_ahead(entry, save)

    def _write_ahead(self, entry: dict, write) -> None:
        """Append ``entry`` to the audit log, then make the change (``write()``).

        The log comes first so that a change on disk always has its entry, and undo() can
        revert it. A process killed between the two leaves an entry whose change never
        reached its file: ``_settle_log`` takes it back under the lock, on the next open or
        change. A write that fails takes its entry back at once.
        """
        offset = self._log(entry)
        try:
            write()
        except BaseException:
            with suppress(OSError):
                store.truncate_log(_sidecar(self.path, ".log.jsonl"), offset)
            raise

    def _settle_log(self, lock: store.Lock | None = None) -> None:
        """Make the audit log agree with the files after a process was killed between a
        change's log entry and its write: take back the last entry when its change is not in
        the worksheet (or the evidence CSV) but the state before it is.

        Only the last entry can be such a one: every change settles the log first, under the
        lock. With ``lock``, the worksheet is first read again if another kernel changed it;
        a file that cannot be read is left for the change that needs it to report.
        """
        log = _sidecar(self.path, ".log.jsonl")
        last = store.last_line(log)
        if last is None:
            return
        offset, line = last
        try:
            entry = json.loads(line)
        except ValueError:
            return
        if not isinstance(entry, dict) or entry.get("action") not in _WRITTEN_AHEAD:
            return
        try:
            if lock is not None:
                self._sync(lock)
            applied = self._applied(entry)
        except WorksheetError:
            return
        # A kill leaves the file older than the entry; a file changed after the entry was
        # written was changed by hand (a verdict cleared in a spreadsheet): the entry is real
        # history then, and stays.
        if applied is False and not self._changed_after(entry, log):
            store.truncate_log(log, offset)

    def _changed_after(self, entry: dict, log: Path) -> bool:
        """Whether the file that ``entry``'s change goes to was modified after the log was."""
        target = self.path if entry["action"] in ("set", "undo") else self.evidence_path
        try:
            return os.stat(target).st_mtime_ns > os.stat(log).st_mtime_ns
        except OSError:  # no evidence file yet: the first link never reached it
            return False

    def _applied(self, entry: dict) -> bool | None:
        """Whether the change of a log entry is in its file: True, False (the state before
        it is there instead), or None (neither: changed since, by hand)."""
        if entry["action"] in ("set", "undo"):
            row = self._table.rows.get(entry.get("claim_id", ""))
            if row is None:
                return None
            after, before = ({c: entry.get(f"{side}_{_LOG_NAME[c]}", "") for c in _VERDICT_CELLS}
                             for side in ("new", "old"))
            if _same_cells(row, after):
                return True
            return False if _same_cells(row, before) else None
        return self._link_applied(entry)

    def _link_applied(self, entry: dict) -> bool | None:
        """``_applied`` for a link or unlink entry, against the evidence CSV."""
        link = entry.get("link") if isinstance(entry.get("link"), dict) else {}
        row = self._evidence.rows().get(link.get("link_id", ""))
        holds_link = row is not None and all(row.get(k) == v for k, v in link.items())
        if entry["action"] == "unlink":
            return False if holds_link else (True if row is None else None)
        if holds_link:
            return True
        if row is None:  # a new link that never reached the file
            return False if "old_stance" not in entry else None
        # a changed stance or note that never reached the file: the row is still as before
        unchanged = (row.get("stance"), row.get("note")) == (entry.get("old_stance"),
                                                              entry.get("old_note"))
        return False if unchanged else None

    def _save_meta(self, meta: dict) -> None:
        path = _sidecar(self.path, ".meta.json")
        meta = {"format": _META_FORMAT, **{k: v for k, v in meta.items() if k != "format"}}
        if _read_meta(self.path) != meta:
            text = json.dumps(meta, ensure_ascii=False, indent=1)
            store.atomic_write(path, text.encode("utf-8"))
        self._meta_signature = store.file_signature(path)

    def _log(self, entry: dict, *, saved: bool = False) -> int:
        """Append ``entry`` to the audit log; returns the offset ``_write_ahead`` cuts back to.
        ``saved``: the change it records is on disk already (an extraction, a source)."""
        entry = {"id": uuid.uuid4().hex, "at": _now(), "user": _os_user(), **entry}
        log = _sidecar(self.path, ".log.jsonl")
        try:
            return store.append_line(log, json.dumps(entry, ensure_ascii=False))
        except OSError as err:
            if saved:  # say so, or the checker would redo the work
                raise WorksheetError(f"{log}: the change was saved, but the audit log could "
                                     f"not be written ({err.strerror}). Check the disk is not "
                                     "full.", source=str(log)) from None
            raise WorksheetError(f"Not saved: the audit log {log} could not be written "
                                 f"({err.strerror}); nothing was changed. Check the folder is "
                                 "writable and the disk is not full, then try again.",
                                 source=str(log)) from None


# --- merging a new extraction ---------------------------------------------------------------------

def merge_extraction(table: Table, claims: list[Claim], *, linked: Collection[str] = ()
                     ) -> tuple[Table, list[str], list[str]]:
    """The worksheet's rows for a new extraction: ``claims`` in article order, each with the
    checker's cells of the row with its claim_id, then the rows whose claim is gone but which
    hold a checker's work (a verdict, a note, a hand-added cell, or evidence links: the ids in
    ``linked``), marked orphaned. Returns (table, added ids, newly orphaned ids)."""
    old = table.rows
    rows: dict[str, dict[str, str]] = {}
    added = []
    for claim in claims:
        previous = old.get(claim.claim_id)
        if previous is None:
            added.append(claim.claim_id)
        row = dict(previous) if previous else store.blank_row(table.header)
        row.update(claim.to_row())
        row[ORPHANED] = ""
        rows[claim.claim_id] = row
    orphaned = []
    for claim_id, row in old.items():
        if claim_id in rows or not (claim_id in linked
                                    or _holds_work(row, table.extra_columns)):
            continue  # a row with no verdict, note or extra cell was only extractor output
        if row[ORPHANED] != "yes":
            orphaned.append(claim_id)
        rows[claim_id] = {**row, ORPHANED: "yes"}
    return Table(table.header, rows), added, orphaned


def _holds_work(row: dict[str, str], extra_columns: list[str]) -> bool:
    if row["verdict"] not in ("", NOT_CHECKED):
        return True
    return any(row[c] for c in CHECKER_COLUMNS[1:]) or any(row[c] for c in extra_columns)


# --- helpers --------------------------------------------------------------------------------------

_VERDICT_CELLS = ("verdict", "rationale", "checker", "checked_at", "sources")
_WRITTEN_AHEAD = ("set", "undo", "link", "unlink")
"""The log entries written before their change (``Worksheet._write_ahead``)."""
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


def _change_entry(action: str, claim_id: str, row: dict[str, str], new: dict[str, str],
                  who: str) -> dict:
    entry = {"action": action, "claim_id": claim_id, "checker": who}
    for column in _VERDICT_CELLS:
        entry[f"old_{_LOG_NAME[column]}"] = row[column]
        entry[f"new_{_LOG_NAME[column]}"] = new.get(column, row[column])
    return entry


def _last_undoable(entries: list[dict]) -> dict | None:
    undone = {e.get("undoes") for e in entries if e.get("action") == "undo"}
    for entry in reversed(entries):
        if entry.get("action") == "set" and entry.get("id") not in undone:
            return entry
    return None


def _read_log(path: Path) -> list[dict]:
    try:
        data, _ = store.read_regular_file(path, what="audit log")
    except FileNotFoundError:
        return []
    text = data.decode("utf-8", errors="replace")
    entries = []
    # split on "\n" only: str.splitlines() would also split inside a rationale at U+2028
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # the half-written last line of a save that was killed
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _load(article: str | Path | Article | None, lang: str | None) -> Article | None:
    if article is None or isinstance(article, Article):
        return article
    return load_article(article, lang=lang)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.stem + suffix)


def default_sources_folder(worksheet_path: str | Path) -> Path:
    """Where a worksheet's source registry is by default: ``sources/`` beside the project's
    ``claims/`` folder when the worksheet is in one (``claims/x.csv`` -> ``sources/``), else a
    ``sources/`` folder beside the worksheet."""
    folder = Path(worksheet_path).parent
    if folder.name == "claims":
        return folder.parent / "sources"
    return folder / "sources"


def _read_meta(path: Path) -> dict:
    """The worksheet's sidecar (``<stem>.meta.json``), checked: {} when there is none.

    A hand edit that breaks it (not JSON, a scale that is not a list of labels, an article
    record with the wrong types) is a WorksheetError naming the file, the key and what to do,
    rather than a TypeError deep in the export."""
    meta_path = _sidecar(path, ".meta.json")
    try:
        data, _ = store.read_regular_file(meta_path, what="worksheet's .meta.json sidecar")
    except FileNotFoundError:
        return {}
    try:
        meta = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise _meta_error(meta_path, f"not valid JSON ({err})") from None
    problem = _meta_problem(meta)
    if problem:
        raise _meta_error(meta_path, problem)
    return meta


_META_TEXT_KEYS = ("source", "article_id", "lang", "title", "dateline", "published", "encoding",
                   "text")


def _meta_problem(meta) -> str:
    """What is wrong with a parsed sidecar, or "" (every key is optional)."""
    if not isinstance(meta, dict):
        return f"it holds {_json_kind(meta)} where an object ({{...}}) is expected"
    if "format" in meta and not _is_int(meta["format"]):
        return f"'format' is {_json_kind(meta['format'])}, not a whole number"
    return _scale_problem(meta.get("scale")) or _article_problem(meta.get("article"))


def _scale_problem(scale) -> str:
    if scale is None:
        return ""
    if not (isinstance(scale, list) and all(isinstance(label, str) for label in scale)):
        return (f"'scale' is {_json_kind(scale)}, not a list of verdict labels like "
                '["true", "false"]')
    broken = _lone_surrogate_in(scale)
    return f"a label of 'scale' holds {broken}" if broken else ""


def _article_problem(article) -> str:
    """What is wrong with the sidecar's article record (``_article_record``), or ""."""
    if article is None:
        return ""
    if not isinstance(article, dict):
        return f"'article' is {_json_kind(article)}, not an object ({{...}})"
    for key in _META_TEXT_KEYS:
        if key in article and not isinstance(article[key], str):
            return f"'article' → '{key}' is {_json_kind(article[key])}, not text"
    warnings = article.get("warnings")
    if warnings is not None and not (isinstance(warnings, list)
                                     and all(isinstance(w, str) for w in warnings)):
        return f"'article' → 'warnings' is {_json_kind(warnings)}, not a list of texts"
    for key in (*_META_TEXT_KEYS, "warnings"):
        value = article.get(key)
        broken = _lone_surrogate_in(value if isinstance(value, list) else [value or ""])
        if broken:
            return f"'article' → '{key}' holds {broken}"
    return ""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate_in(texts: list[str]) -> str:
    """"a lone surrogate (U+D800), which is no text" when one of ``texts`` holds one (JSON's
    "\\ud800" escape reads as one; no file or page can show it), else ""."""
    for text in texts:
        found = _LONE_SURROGATE.search(text)
        if found:
            return f"a lone surrogate (U+{ord(found.group()):04X}), which is no text"
    return ""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_kind(value) -> str:
    """A JSON value as a message names it: "the number 5", "a list", "the text 'x'"."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_short(value, 30)!r}"
    return "a list" if isinstance(value, list) else "an object"


def _meta_error(meta_path: Path, problem: str) -> WorksheetError:
    return WorksheetError(
        f"{meta_path}: {problem}; undo the edit, or delete the file (the worksheet then opens "
        "with the default scale and without the article text)", source=str(meta_path))


# --- the worksheet's path --------------------------------------------------------------------------

_NAME_MAX = 255  # bytes in one file name, on Linux, macOS and Windows alike
# The longest file kept beside a worksheet is the temporary file of an atomic save of its
# evidence: ".<stem>.evidence.csv.<8 random>.tmp".
_SIDECAR_EXTRA = len(".") + len(".evidence.csv") + len(".12345678.tmp")


def _checked_path(path: str | Path) -> Path:
    """``path`` as a Path, refused (WorksheetError) when no file system can hold the worksheet
    and its sidecars there: a NUL, characters that cannot be encoded, a name too long."""
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
        raise WorksheetError(f"the worksheet path {_short(repr(path))} is "
                             f"{type(path).__name__}, not a path: give a str or Path such as "
                             "'claims/my-article.csv'")
    shown = repr(str(path)) if "\0" in str(path) else str(path)
    if "\0" in str(path):
        raise WorksheetError(f"{shown}: the worksheet path holds a NUL character, which no file "
                             "system takes; give the path without it", source=shown)
    path = Path(path)
    try:
        parts = [len(os.fsencode(part)) for part in path.parts]
        stem = len(os.fsencode(path.stem))
    except UnicodeError:
        raise WorksheetError(f"{shown}: the worksheet path holds characters the file system "
                             "cannot take (a lone surrogate?); retype the path",
                             source=shown) from None
    if any(size > _NAME_MAX for size in parts[:-1]):
        raise WorksheetError(f"{shown}: a folder name in the path is too long (over "
                             f"{_NAME_MAX} bytes); shorten it", source=shown)
    limit = _NAME_MAX - _SIDECAR_EXTRA
    if path.suffix and stem > limit:
        raise WorksheetError(
            f"{shown}: the worksheet's name is too long: {stem} bytes before '{path.suffix}', "
            f"and the files kept beside it add up to {_SIDECAR_EXTRA} more, over the file "
            f"system's limit of {_NAME_MAX} bytes a name; give a name of at most {limit} bytes",
            source=shown)
    if not path.suffix and parts and parts[-1] > _NAME_MAX:
        raise WorksheetError(f"{shown}: the name is too long (over {_NAME_MAX} bytes); "
                             "shorten it", source=shown)
    return path


def _refuse_what_is_not_a_file(path: Path) -> None:
    """A FIFO, a device or a socket is never a worksheet (reading a FIFO blocks forever)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise WorksheetError(f"{path}: cannot read the worksheet ({err.strerror}); check the "
                             "path", source=str(path)) from None
    if not stat.S_ISREG(mode):
        raise WorksheetError(f"{path}: not a regular file but {kind_of(mode)}; give the path "
                             "of a worksheet CSV, or of a new file to create one",
                             source=str(path))


def _can_write_beside(path: Path) -> bool:
    """Whether this user may write the worksheet's lock file (a save's first write)."""
    lock = _sidecar(path, ".lock")
    if lock.exists():
        return os.access(lock, os.W_OK)
    return os.access(path.parent, os.W_OK | os.X_OK)


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorksheetError(f"{path.parent}: cannot create the worksheet's folder "
                             f"({err.strerror}); check the path, or create the folder",
                             source=str(path)) from None


# --- which article a worksheet holds -----------------------------------------------------------------

_WORD = re.compile(r"\w+")


def worksheet_path_for(folder: str | Path, article: Article) -> Path:
    """``<folder>/<article_id>.csv``, or the worksheet an earlier version of ``verify`` saved
    this article under (``verify.reading.articles.earlier_article_ids``) when only that one exists and
    holds this same article: after an upgrade the checker's verdicts are found, not hidden."""
    folder = Path(folder)
    path = folder / f"{article.article_id}.csv"
    if path.exists():
        return path
    for earlier in earlier_article_ids(article):
        candidate = folder / f"{earlier}.csv"
        if candidate.is_file() and _holds(candidate, article):
            return candidate
    return path


def _holds(path: Path, article: Article) -> bool:
    """Whether the worksheet at ``path`` holds ``article`` (read only, nothing written)."""
    try:
        table = store.read_worksheet(path, load_scale(_read_meta(path).get("scale")))
        held = _read_meta(path).get("article")
    except (VerifyError, OSError):
        return False  # a broken file is not taken over; the new path is used
    held = held if isinstance(held, dict) else {}
    if held.get("text") == article.text:
        return True
    rows = [row for row in table.rows.values() if row[ORPHANED] != "yes"]
    held_text = held.get("text") if isinstance(held.get("text"), str) else ""
    return bool(rows) and same_article(dict.fromkeys(r["sentence"] for r in rows), held_text,
                                       article)


def same_article(held_sentences: Iterable[str], held_text: str, article: Article, *,
                 share: float = 0.5) -> bool:
    """Whether ``article`` is the one a worksheet holds (its claims' sentences
    ``held_sentences``, its saved text ``held_text``, "" when the sidecar is gone): the same
    article, perhaps corrected, updated, cut or re-scraped, not another one.

    Runs of three words are compared. The same article when at least ``share`` of the held
    sentences' runs are in the new text (it kept most of what was checked; a paragraph added
    does not matter), or at least ``share`` of the runs of the new article's own text (headline,
    body, captions) are in the held text (it was cut). Claims and the article's own text, not
    whole pages: two stories of one site share menus and footers, which give no claims and are
    no body, so they do not look alike. A corrected typo changes three runs.
    """
    held = _word_runs(" \n ".join(held_sentences))
    if not held:
        return True  # no claim to tell them apart by: nothing of the worksheet's to protect
    if _share_in(held, _word_runs(article.text)) >= share:
        return True
    body = _word_runs(" \n ".join(article.text[b.start:b.end] for b in article.blocks
                                  if b.kind in CLAIM_BLOCKS))
    return bool(body) and _share_in(body, _word_runs(held_text) or held) >= share


def _share_in(runs: set, other: set) -> float:
    return len(runs & other) / len(runs)


def _word_runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:]))


def _refuse_another_article(path: Path, table: Table, held: dict | None,
                            article: Article) -> None:
    """Refuse (WorksheetError, nothing written) to take ``article`` into a worksheet that holds
    another one. The same text, or the same article corrected (``same_article``), is taken in,
    also under another id (a file renamed; a pasted text's id from an older version)."""
    rows = [row for row in table.rows.values() if row[ORPHANED] != "yes"]
    if not rows:
        return
    held = held if isinstance(held, dict) else {}
    if held.get("text") == article.text:
        return
    sentences = dict.fromkeys(row["sentence"] for row in rows)
    held_text = held.get("text") if isinstance(held.get("text"), str) else ""
    if same_article(sentences, held_text, article):
        return
    held_id = held.get("article_id") or rows[0]["article_id"]
    held_title = held.get("title") or _short(next(iter(sentences)))
    why = (" — the same id, as both come from the same file name or first lines" if
           held_id == article.article_id else "")
    raise WorksheetError(
        f"{path}: this worksheet is for the article '{held_id}' (\"{_short(held_title)}\"), "
        f"and the article given is another one: '{article.article_id}' "
        f"(\"{_short(article.title) or '(no title)'}\"){why}: the two texts have too little in "
        "common to be one article corrected. Nothing was changed. To check that article, give another "
        f"path, or the folder {path.parent} so its worksheet is named after it; to make this "
        "worksheet follow it anyway, pass replace_article=True (verdicts whose claims it lacks "
        "are kept as orphans).", source=str(path))


def _article_record(article: Article) -> dict:
    return {"source": article.source, "article_id": article.article_id, "lang": article.lang,
            "title": article.title, "dateline": article.dateline,
            "published": article.published, "encoding": article.encoding,
            "warnings": list(article.warnings), "text": article.text}


def _article_from_record(record: dict | None) -> Article | None:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None
    try:
        article = load_article(text=record["text"], lang=record.get("lang") or None)
    except VerifyError:
        return None
    # the blocks come from the text alone; the rest is what the original loader found
    keep = ("source", "article_id", "title", "dateline", "published", "encoding")
    return replace(article, warnings=tuple(record.get("warnings") or ()),
                   **{k: str(record[k]) for k in keep if k in record})


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


_USER: list[str] = []


def _os_user() -> str:
    """The login name, recorded beside the checker's name in the audit log."""
    if not _USER:
        try:
            _USER.append(getpass.getuser())
        except Exception:  # no login name in some containers
            _USER.append("")
    return _USER[0]


__all__ = ["Worksheet", "Verdict", "VerdictConflict", "EvidenceLink", "DEFAULT_SCALE",
           "NOT_CHECKED", "STANCES", "load_scale", "merge_extraction", "default_sources_folder"]
