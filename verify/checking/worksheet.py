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

from pathlib import Path
from typing import Sequence

from ..errors import WorksheetError
from ..evidence.links import EvidenceFile
from ..evidence.sources import SourceRegistry
from ..reading.claims import extract_claims
from ..records import disk, store
from ..records.model import Article, Claim
from ..records.store import ORPHANED, WORKSHEET_COLUMNS, Table
from .reextraction import _load, _refuse_another_article, merge_extraction, worksheet_path_for
from .saving import _Saving, _change_entry, _last_undoable, _read_log
from ..records.model import NOT_CHECKED
from .verdicts import (_LOG_NAME, _VERDICT_CELLS, Verdict,
                       VerdictConflict, _now, _require_text, _same_cells, _short, _version,
                       scale_labels)
from .worksheet_evidence import _SourcesAndEvidence
from .worksheet_files import (_article_from_record, _article_record, _can_write_beside,
                              _checked_path, _make_folder, _read_meta,
                              _refuse_what_is_not_a_file, _sidecar, default_sources_folder)


class Worksheet(_SourcesAndEvidence, _Saving):
    """One article's claims and verdicts, backed by a CSV that is saved on every change.

    Use ``Worksheet.open``. Not a dataclass: opening reads, validates, merges and may write files.
    Opening, reading and changing verdicts are here; the methods for sources and evidence links
    (``sources``, ``add_source``, ``suggest_evidence``, ``link_evidence``, ``evidence``,
    ``unlink_evidence``) are in ``verify.checking.worksheet_evidence``, and the lock, sync, save
    and audit-log machinery in ``verify.checking.saving``.
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
        with disk.locked(_sidecar(path, ".lock")) as lock:
            # what a killed save of the worksheet or of its sidecars left behind
            for saved_file in (path, _sidecar(path, ".evidence.csv"), _sidecar(path, ".meta.json")):
                disk.remove_stale_temp_files(saved_file)
            meta = _read_meta(path)
            labels = scale_labels(scale if scale is not None else meta.get("scale"))
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
        labels = scale_labels(scale if scale is not None else meta.get("scale"))
        ws = cls(path, store.read_worksheet(path, labels), labels, checker=checker,
                 sources=sources)
        ws._read_only = True
        return ws

    def _take_extraction(self, article: Article, lock: disk.Lock, new: bool) -> None:
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

    # --- why a save was refused ---

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
