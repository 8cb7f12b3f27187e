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
  source bears on which claim, and how. See ``verify.links``.
- ``<stem>.log.jsonl``: the audit trail, one JSON object per change (verdicts, links, sources
  added); ``undo()`` reads it.
- ``<stem>.lock``: held while a kernel reads, merges and writes, so two checkers' saves never
  interleave.

The sources a checker links are in the project's source registry (``ws.sources``, see
``verify.sources``): by default ``sources/`` beside the worksheet's ``claims/`` folder, so every
article of a project shares one registry.
"""

from __future__ import annotations

import csv
import getpass
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection, Iterator, Sequence

from . import store
from .articles import load_article
from .claims import extract_claims
from .errors import SourceError, VerifyError, WorksheetError
from .evidence import Passage, suggest
from . import links
from .links import STANCES, EvidenceFile, EvidenceLink
from .model import Article, Claim
from .scales import check_labels, scale_file_text
from .sources import Source, SourceRegistry
from .store import CHECKER_COLUMNS, ORPHANED, WORKSHEET_COLUMNS, Table

NOT_CHECKED = "not checked"
DEFAULT_SCALE = ("not checked", "true", "mostly true", "misleading", "false", "unverifiable")
"""Labels that fit numeric claims: a figure can be right but rounded up ("mostly true"), right
but framed to mislead ("misleading"), or impossible to check from public sources."""

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
             checker: str = "", sources: str | Path | None = None) -> "Worksheet":
        """Create the worksheet at ``path`` from ``article``, or resume it from disk.

        ``article`` is a path, a URL or a loaded Article. Given for an existing worksheet, the
        article is extracted again and merged by claim_id: verdicts stay with their claims, and
        a verdict whose claim is gone is kept as an orphan (``ws.orphans``). Without it, the
        worksheet is resumed from the CSV and its sidecar alone. ``path`` may be a folder: the
        worksheet is then ``<folder>/<article_id>.csv``.

        ``scale`` (a list of labels or a file of them) replaces the one the worksheet was
        saved with; the default is the saved scale, else DEFAULT_SCALE. ``sources`` is the
        source registry's folder (default: ``default_sources_folder(path)``).
        """
        loaded = _load(article, lang)
        path = Path(path)
        if path.is_dir():
            if loaded is None:
                raise WorksheetError(f"{path} is a folder: give the worksheet's file name, or "
                                     "article= so the worksheet is named after the article",
                                     source=str(path))
            path = path / f"{loaded.article_id}.csv"
        if loaded is None and not path.exists():
            raise WorksheetError(f"{path}: no worksheet there; give article= (a file, URL or "
                                 "loaded article) to create it, or check the path",
                                 source=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        with store.locked(_sidecar(path, ".lock")) as lock:
            store.remove_stale_temp_files(path)
            meta = _read_meta(path)
            labels = load_scale(scale if scale is not None else meta.get("scale"))
            table = store.read_worksheet(path, labels) if path.exists() else None
            if table is None:
                table = Table(WORKSHEET_COLUMNS, {})
            ws = cls(path, table, labels, checker=checker, sources=sources)
            ws._token = lock.token
            if loaded is not None:
                ws._article = loaded
                ws._take_extraction(loaded, lock, new=not path.exists())
                meta["article"] = _article_record(loaded)
            meta["scale"] = list(labels)
            ws._save_meta(meta)
        return ws

    def _take_extraction(self, article: Article, lock: store.Lock, new: bool) -> None:
        """Merge a fresh extraction of ``article`` into the worksheet and save it if it changed."""
        rows = self._table.rows
        if rows and not any(row["article_id"] == article.article_id for row in rows.values()):
            known = next(iter(rows.values()))["article_id"]
            raise WorksheetError(
                f"{self.path}: this worksheet is for the article '{known}', not "
                f"'{article.article_id}'; open the worksheet of that article (or a new file) "
                "instead. Nothing was changed.", source=str(self.path))
        merged, added, orphaned = merge_extraction(self._table, extract_claims(article),
                                                   linked=self._linked_claim_ids())
        if not new and list(merged.rows.items()) == list(rows.items()):
            return
        merged.signature = self._table.signature
        self._table = merged
        self._index()
        self._save(lock)
        self._log({
            "action": "create" if new else "reextract", "claim_id": "",
            "article_id": article.article_id, "claims": len(self._claims),
            "added": len(added) if not new else len(self._claims), "orphaned": orphaned,
        })

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
                    sources: str | None = None) -> Verdict:
        """Set the verdict of ``claim_id`` and save the worksheet before returning.

        ``label`` must be one of ``labels`` (case and surrounding spaces do not matter);
        ``checker`` defaults to ``ws.checker``; ``sources`` None keeps the claim's sources.
        Raises WorksheetError when another checker changed the same claim since this
        worksheet read it (the worksheet is then reloaded, so setting it again works).
        """
        label = self._label(label)
        checker = checker or self.checker
        _require_text(rationale=rationale, checker=checker, sources=sources or "")
        with self._locked() as lock:
            self._sync(lock, claim_id)
            row = self._row(claim_id)
            new = {"verdict": label, "rationale": rationale, "checker": checker,
                   "sources": row["sources"] if sources is None else sources}
            if _same_cells(row, new):
                return Verdict.from_row(row)  # nothing changed: no save, no log entry
            new["checked_at"] = _now()
            entry = _change_entry("set", claim_id, row, new, who=checker)
            self._save_row(claim_id, {**row, **new}, lock)
            self._log(entry)
        return Verdict.from_row(self._table.rows[claim_id])

    def undo(self) -> dict:
        """Revert the last change not yet undone, save, and return its log entry.

        Refuses (WorksheetError) when there is nothing to undo, or when the claim was changed
        again since (by another checker or a hand edit): undoing would overwrite that.
        """
        with self._locked() as lock:
            self._sync(lock)
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
            self._save_row(claim_id, {**row, **before}, lock)
            self._log(entry)
        return target

    # --- sources and evidence ---

    @property
    def sources(self) -> SourceRegistry:
        """The project's source registry (``verify.sources.SourceRegistry``) in
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
        if not (text or "").strip() and not (url or "").strip():
            raise SourceError("give the source's address (url=...) or paste its text (text=...)")
        # A registry of its own: the workbench fetches in a background thread while the
        # notebook may be reading ws.sources; the shared one re-reads the file when it changed.
        registry = SourceRegistry.open(self.sources.folder, deadline=self.sources.deadline)
        added_by = added_by or self.checker
        meta = dict(title=title, publisher=publisher, published=published, kind=kind,
                    note=note, added_by=added_by)
        if (text or "").strip():
            source = registry.add_text(text, url=url or "", **meta)
        else:
            source = registry.add_url(url, **meta)
        self._log({"action": "add_source", "claim_id": "", "checker": added_by,
                   "source_id": source.source_id, "url": source.url,
                   "fetch_status": source.fetch_status, "message": source.message})
        return source

    def suggest_evidence(self, claim_id: str, limit: int = 5, *,
                         source_ids: Sequence[str] | None = None) -> list[Passage]:
        """The passages of the registry's sources that bear most on the claim, best first
        (``verify.evidence.Passage``: .source_id, .text, .start, .end, .score, .agreement).

        Only from ``source_ids`` when given. Else, when the claim has links, the passages of
        its linked sources come first, then the best of the other sources; without links,
        the best of every source that has text.
        """
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
        with self._locked():
            old = self._evidence.put(link)
            entry = {"action": "link", "claim_id": claim_id, "checker": checker,
                     "link": link.to_row()}
            if old is not None:
                entry["old_stance"], entry["old_note"] = old.stance, old.note
            self._log(entry)
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
        with self._locked():
            old = self._evidence.remove(link_id)
            self._log({"action": "unlink", "claim_id": old.claim_id,
                       "checker": checker or self.checker,
                       "link": old.to_row()})
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
        with store.locked(_sidecar(self.path, ".lock")) as lock:
            yield lock

    def _sync(self, lock: store.Lock, changing: str | None = None) -> None:
        """Take in what was saved since we last read or wrote, before we write.

        Every change of ours is on disk the moment it is made, so merging per claim comes down
        to taking the file as it is: another checker's claims are theirs. Only the claim we are
        about to change can conflict: if they changed it too, we refuse rather than overwrite.
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
        conflict = self._conflict(changing, disk) if changing else None
        self._adopt(disk)
        self._token = lock.token
        if conflict is not None:
            raise conflict

    def _conflict(self, claim_id: str, disk: Table) -> WorksheetError | None:
        mine, theirs = self._table.rows.get(claim_id), disk.rows.get(claim_id)
        if mine is None:
            return None
        if theirs is None:
            return WorksheetError(
                f"Not saved: claim {claim_id} was removed from {self.path} since this notebook "
                "read it (by hand?). The worksheet has been reloaded; put the row back to check "
                "that claim.", source=str(self.path), column="claim_id")
        if _same_cells(theirs, {c: mine[c] for c in _VERDICT_CELLS}):
            return None
        row_number = list(disk.rows).index(claim_id) + 2
        return WorksheetError(
            f"Not saved: claim {claim_id} (\"{_short(mine['text'])}\", row {row_number} of "
            f"{self.path}) was changed {self._who_changed(claim_id, theirs)} since this "
            "notebook read it: verdict "
            f"'{mine['verdict'] or NOT_CHECKED}' -> '{theirs['verdict'] or NOT_CHECKED}', "
            f"rationale: \"{_short(theirs['rationale'])}\". The worksheet has been reloaded "
            "with their change: read it, then set your verdict again to replace it.",
            source=str(self.path), row=row_number, column="verdict")

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

    def _save_row(self, claim_id: str, row: dict[str, str], lock: store.Lock) -> None:
        old = self._table.rows[claim_id]
        self._table.set_row(claim_id, row)
        try:
            self._save(lock)
        except BaseException:
            self._table.set_row(claim_id, old)  # memory must keep matching the file
            raise

    def _save_meta(self, meta: dict) -> None:
        path = _sidecar(self.path, ".meta.json")
        meta = {"format": _META_FORMAT, **{k: v for k, v in meta.items() if k != "format"}}
        if _read_meta(self.path) != meta:
            text = json.dumps(meta, ensure_ascii=False, indent=1)
            store.atomic_write(path, text.encode("utf-8"))
        self._meta_signature = store.file_signature(path)

    def _log(self, entry: dict) -> None:
        entry = {"id": uuid.uuid4().hex, "at": _now(), "user": _os_user(), **entry}
        log = _sidecar(self.path, ".log.jsonl")
        try:
            store.append_line(log, json.dumps(entry, ensure_ascii=False))
        except OSError as err:
            # the worksheet is saved already: say so, or the checker would redo the work
            raise WorksheetError(f"{log}: the worksheet was saved, but the audit log could not "
                                 f"be written ({err.strerror}); this change cannot be undone "
                                 "with undo(). Check the disk is not full.",
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
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
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
    meta_path = _sidecar(path, ".meta.json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as err:
        raise WorksheetError(
            f"{meta_path}: not valid JSON ({err}); undo the edit, or delete the file (the "
            "worksheet then opens with the default scale and without the article text)",
            source=str(meta_path)) from None
    return meta if isinstance(meta, dict) else {}


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
    for name, value in values.items():
        if not isinstance(value, str):
            raise WorksheetError(f"{name} must be text, not {type(value).__name__}: "
                                 f"{value!r}", column=name)


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


__all__ = ["Worksheet", "Verdict", "EvidenceLink", "DEFAULT_SCALE", "NOT_CHECKED",
           "STANCES", "load_scale", "merge_extraction", "default_sources_folder"]
