"""The source registry: every source a checker relied on, retraceable and provably unchanged.

    registry = SourceRegistry.open("sources")
    src = registry.add_url("https://press.un.org/en/2024/sc15648.doc.htm", kind="official")
    src.fetch_status, src.message            # "ok" -- or "failed" and why, in words
    registry.text(src.source_id)             # the page's text: evidence offsets index it
    registry.verify_snapshot(src.source_id)  # True while the saved page is unchanged
    registry.add_text("The resolution was not adopted ...", url="https://...", publisher="UN")

A registry is a folder: ``registry.csv`` (one row per source, the columns of REGISTRY_COLUMNS,
a file a checker may open in a spreadsheet) and ``snapshots/``, where each fetched page is
saved twice, named by the SHA-256 of the bytes the server sent: ``<sha256>.<ext>`` (those
bytes, the proof) and ``<sha256>.txt`` (its text, from the same extractor as articles, UTF-8).
A pasted passage is its own snapshot: ``<sha256>.txt``, the hash of its UTF-8 text. Paths in
the CSV are relative to the registry's folder, with "/", so the folder can be moved or shared.

Choices a caller should know:

- **Ids.** A fetched source's id comes from its normalized address (``web-`` + 12 hex digits);
  a pasted passage's from its text and its address when it has one (``pasted-`` + 12 hex).
  So one page is one source however often it is added, and two passages pasted from the same
  page are two sources (each with its own text for evidence offsets to index).
- **The same URL again** returns the existing source without touching the network when its
  fetch worked (its snapshot is the evidence; fetching anew could change the text under
  evidence already linked); non-empty metadata given again (title, note...) replaces the old.
  A source whose fetch failed, or that was never fetched, is fetched again. ``refresh=True``
  fetches a working source anew; if that fails the old snapshot is kept and the message says so.
- **A failed fetch never raises and never hangs**: the source is saved with
  ``fetch_status="failed"``, the HTTP status when there was one, and the problem in words;
  the fetch runs under an overall deadline that also covers a stuck name lookup.
- **Validation**: a hand edit that breaks ``registry.csv`` raises SourceError naming the file,
  the row (as a spreadsheet numbers it: the header is row 1) and the column; nothing is written
  over a file that does not validate. Columns a checker adds are kept.
- Every cell is a ``str`` (the csv module, no type guessing), as in the worksheet.
- **The demo and the live registry** (``verify.records.workspace``): the seed's demo sources ship
  read-only (``DEMO_SOURCES``; adding to it is refused). The workspace's live registry
  (``sources/``, ignored by git) starts as a copy of the demo when first opened; any other
  folder starts empty.
- **Nothing partial**: every argument is checked before the first write (a wrong type is a
  SourceError naming it; a lone surrogate, which UTF-8 cannot store, is replaced by U+FFFD
  and the message says so). A source's snapshots and its row are written under the
  registry's lock, which also clears temporary files a killed save left; if a write fails (a
  full disk), the snapshots it created are removed and SourceError says what to do.
- **Long sources** are kept whole, but only their first ``passage_max_source_chars`` (``verify.settings``)
  characters are searched for evidence; the source's message says so.
"""

from __future__ import annotations

import errno
import functools
import os
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable

from ..records import workspace
from ..errors import SourceError, VerifyError
from ..reading.fetch import fetch as fetch_page
from ..reading.fetch_guard import within
from ..settings import current as current_settings
from ..reading.loading import text_from_fetched
from ..records.disk import atomic_write, file_signature, read_regular_file, remove_stale_temp_files
from ..records.store import csv_bytes, read_keyed_csv
# the record, the registry's folder and the checks on arguments have modules of their own; their
# public names are imported here so that callers keep one place to import them from
from .registry_folder import REGISTRY_FILE, SNAPSHOT_FOLDER, _file_sha256, _is_inside, _locked
from .source_inputs import (_check_url, _clean_text, _label, _metadata, _noted, _replaced_note,
                            _searched_note, _with_metadata, text_argument)
from .source_record import (FACT_CHECK_KIND, FETCH_STATUSES, KINDS, REGISTRY_COLUMNS,  # noqa: F401
                            _PARTIAL_DATE, _REGISTRY_CSV, Source, _sha256, normalize_url,
                            pasted_source_id, url_source_id)

# the backstop gives fetch() this long (at most) past the deadline to stop by itself, so its
# own, more precise message wins when it does
_GRACE = 2.0
# the raw snapshot's extension; text/plain is ".raw" so it never clashes with the ".txt" text
_EXTENSIONS = {"text/html": "html", "application/xhtml+xml": "xhtml", "text/markdown": "md",
               "text/x-markdown": "md", "text/xml": "xml", "application/xml": "xml"}


# --- the registry -------------------------------------------------------------------------------

class SourceRegistry:
    """The sources of one project (or one article), kept in ``<folder>/registry.csv``.

    Open it with ``SourceRegistry.open(folder)``. Every change is saved before the method
    returns (an atomic replace, under a lock, after re-reading what another kernel saved).
    """

    def __init__(self, folder: Path, *, deadline: float | None, clock: Callable[[], datetime]):
        self.folder = folder
        """The registry's folder; snapshot paths are relative to it."""
        self.path = folder / REGISTRY_FILE
        """The registry CSV."""
        self.deadline = deadline
        """Seconds a fetch may take in all before it is recorded as failed."""
        self._clock = clock
        self._header: list[str] = list(REGISTRY_COLUMNS)
        self._rows: dict[str, dict[str, str]] = {}  # source_id -> row, in file order
        self._signature: tuple = ()

    @classmethod
    def open(cls, folder: str | os.PathLike, *, deadline: float | None = None,
             clock: Callable[[], datetime] | None = None) -> "SourceRegistry":
        """The registry in ``folder`` (read and validated now; created on the first add).

        ``deadline`` caps each fetch in seconds (left out: the setting ``source_fetch_deadline``,
        read at each fetch). ``clock`` returns the current time (a fixed
        one makes a registry reproducible, as the seed's is); the default is UTC now.
        """
        registry = cls(Path(folder), deadline=deadline,
                       clock=clock or (lambda: datetime.now(timezone.utc)))
        registry._start_from_demo()
        registry._reload()
        return registry

    def _start_from_demo(self) -> None:
        """The workspace's live registry starts as a copy of the shipped demo (the seed's
        sources), on first use; the demo itself is never edited (verify.records.workspace)."""
        if self.path.exists() or not workspace.is_live_registry(self.folder):
            return
        demo = SourceRegistry.open(workspace.DEMO_SOURCES)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _locked(self.folder / ".registry.lock"):
                if self.path.exists():  # another kernel copied it meanwhile
                    return
                self._remove_leftovers()
                for source in demo.sources:
                    for relative in {source.snapshot_path, source.text_path} - {""}:
                        self._write_snapshot(relative, demo._resolve(relative).read_bytes())
                # the registry file last: until it is there, the copy is started again
                atomic_write(self.path, demo.path.read_bytes())
        except OSError:
            pass  # a read-only workspace: the registry reads as empty, and adding says why

    # --- reading ---

    @property
    def sources(self) -> list[Source]:
        """Every source, in the order they were added."""
        self._reload_if_changed()
        return [Source.from_row(row) for row in self._rows.values()]

    def get(self, source_id: str) -> Source:
        """The source ``source_id``; SourceError when the registry has none by that id."""
        self._reload_if_changed()
        row = self._rows.get(source_id)
        if row is None:
            raise SourceError(f"{self.path}: no source '{source_id}' in the registry; use an id "
                              "from registry.sources", source=str(self.path), column="source_id")
        return Source.from_row(row)

    def text(self, source_id: str) -> str:
        """The source's text, exactly as evidence offsets index it; "" when it has none (not
        fetched, or the fetch failed). SourceError when its text file has gone missing."""
        source = self.get(source_id)
        if not source.text_path:
            return ""
        path = self._resolve(source.text_path)
        try:
            return read_regular_file(path, error=SourceError, what="source's text")[0].decode(
                "utf-8")
        except SourceError as err:  # a hand edit named a folder, a FIFO or a device
            row = list(self._rows).index(source_id) + 2
            raise SourceError(f"{self.path}: row {row}, column 'text_path': {err}; restore the "
                              "saved path, like snapshots/<sha256>.txt", source=str(self.path),
                              row=row, column="text_path") from None
        except FileNotFoundError:
            raise SourceError(f"{path}: the text of source '{source_id}' ({source.url or 'pasted'})"
                              " is missing — restore the snapshots folder, or add the source "
                              "again", source=str(path)) from None
        except UnicodeDecodeError:
            raise SourceError(f"{path}: the text of source '{source_id}' is not UTF-8 any more "
                              "(edited by hand?) — restore it, or add the source again",
                              source=str(path)) from None

    def verify_snapshot(self, source_id: str) -> bool:
        """True when the source's snapshot is on disk with the SHA-256 the registry recorded
        (the page is unchanged since it was saved) and its text file is there too; False when
        either was changed or removed, or when there is no snapshot (not fetched, failed)."""
        source = self.get(source_id)
        if not (source.sha256 and source.snapshot_path):
            return False
        try:
            digest = _file_sha256(self._resolve(source.snapshot_path))
        except (FileNotFoundError, IsADirectoryError):  # gone, or a hand edit named a folder
            return False
        if digest != source.sha256:
            return False
        return not source.text_path or self._resolve(source.text_path).is_file()

    # --- adding ---

    def add_url(self, url: str, *, title: str = "", publisher: str = "", published: str = "",
                kind: str = "", added_by: str = "", note: str = "",
                fetcher: Callable | None = None, refresh: bool = False,
                fetch: bool = True) -> Source:
        """Fetch ``url`` and record it; returns the saved Source (see the module docstring
        for a URL added again). A failed fetch is recorded, never raised.

        ``fetcher(url)`` returns a ``fetch.Fetched`` or raises FetchError; the default is
        ``fetch.fetch`` with this registry's deadline. ``fetch=False`` records the address
        without fetching it (``not_fetched``: a paywalled page, or no network). SourceError
        only for bad arguments (an address that is not http(s), an unknown kind, a date that
        is not ISO 8601).
        """
        # everything is checked before anything is fetched or written
        url = _check_url(text_argument("url", url))
        meta, replaced = _metadata(title=title, publisher=publisher, published=published,
                                   kind=kind, added_by=added_by, note=note)
        source_id = url_source_id(url)
        existing = self._existing(source_id, url)
        source = existing or Source(source_id=source_id, url=url, added_by=meta["added_by"],
                                    added_at=self._now())
        source = _with_metadata(source, **{k: v for k, v in meta.items() if k != "added_by"})
        snapshots: tuple = ()
        if fetch and (existing is None or refresh or existing.fetch_status != "ok"):
            source, snapshots = self._fetch_into(source, fetcher)
        source = _noted(source, _replaced_note(replaced))
        if source == existing:
            return existing
        return self._save(source, snapshots)

    def add_text(self, text: str, *, url: str = "", title: str = "", publisher: str = "",
                 published: str = "", kind: str = "", added_by: str = "",
                 note: str = "") -> Source:
        """Record a passage a checker pasted (from ``url`` when given); works offline.

        The text is kept exactly as given (a leading BOM aside): evidence offsets index it.
        The same text from the same address again returns the existing source.
        """
        # everything is checked before anything is written: a bad title must not leave a
        # snapshot behind
        text, broken = _clean_text("text", text)
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise SourceError("the pasted text is empty — paste the passage the source gives, "
                              "then add it", column="text")
        url = text_argument("url", url)
        url = _check_url(url) if url.strip() else ""
        meta, replaced = _metadata(title=title, publisher=publisher, published=published,
                                   kind=kind, added_by=added_by, note=note)
        data = text.encode("utf-8")
        digest = _sha256(data)
        relative = f"{SNAPSHOT_FOLDER}/{digest}.txt"
        source_id = pasted_source_id(text, url)
        existing = self._existing(source_id, url)
        source = existing or Source(
            source_id=source_id, url=url, added_by=meta["added_by"], added_at=self._now(),
            fetch_status="pasted", sha256=digest, snapshot_path=relative, text_path=relative,
            message="; ".join(filter(None, (_replaced_note(broken), _searched_note(text)))))
        source = _with_metadata(source, **{k: v for k, v in meta.items() if k != "added_by"})
        source = _noted(source, _replaced_note(replaced))
        if source == existing and self.verify_snapshot(source_id):
            return existing
        return self._save(source, ((relative, data, False),))  # also restores a lost snapshot

    # --- fetching ---

    def _fetch_into(self, source: Source, fetcher: Callable | None) -> tuple[Source, tuple]:
        """``source`` with the outcome of fetching its URL, and the snapshot files to write
        with it (none when the fetch failed)."""
        deadline = current_settings().source_fetch_deadline if self.deadline is None else self.deadline
        fetcher = fetcher or functools.partial(fetch_page, deadline=deadline)
        try:
            limit = deadline + min(_GRACE, deadline)
            fetched = _fetch_within(fetcher, source.url, limit)
        except Exception as err:  # noqa: BLE001 - a failed fetch is recorded, never raised
            return self._failed(source, err, http_status=getattr(err, "status", None)), ()
        content_type = fetched.content_type + (f"; charset={fetched.charset}"
                                               if fetched.charset else "")
        try:
            loaded = text_from_fetched(fetched)
        except Exception as err:  # noqa: BLE001 - an unreadable page is a failed fetch too
            return self._failed(source, err, http_status=fetched.status,
                                content_type=content_type), ()
        digest = _sha256(fetched.body)
        extension = _EXTENSIONS.get(fetched.content_type, "raw")
        raw_path = f"{SNAPSHOT_FOLDER}/{digest}.{extension}"
        text_path = f"{SNAPSHOT_FOLDER}/{digest}.txt"
        # the first text extracted from these bytes stays: evidence offsets index it
        snapshots = ((raw_path, fetched.body, False),
                     (text_path, _clean_text("text", loaded.text)[0].encode("utf-8"), True))
        notes = list(loaded.warnings)
        if fetched.final_url != fetched.url:
            notes.insert(0, f"redirected to {fetched.final_url}")
        notes.append(_searched_note(loaded.text))
        published = loaded.published if _PARTIAL_DATE.match(loaded.published or "-") else ""
        title = source.title or _clean_text("title", loaded.title or "")[0]
        return replace(source, fetch_status="ok", http_status=str(fetched.status),
                       content_type=content_type, fetched_at=self._now(), sha256=digest,
                       snapshot_path=raw_path, text_path=text_path,
                       message="; ".join(filter(None, notes)), title=title,
                       published=source.published or published), snapshots

    def _failed(self, source: Source, err: Exception, *, http_status=None,
                content_type: str = "") -> Source:
        message = str(err) if isinstance(err, VerifyError) else (
            f"{source.url}: the fetch failed unexpectedly ({type(err).__name__}: {err}) — try "
            "again; if it persists, copy the passage from a browser and add it as text")
        message = _clean_text("message", message)[0]
        now = self._now()
        if source.fetch_status == "ok":
            # a failed refresh must not lose the evidence already saved
            return replace(source, message=f"refresh failed at {now}: {message}; the snapshot "
                                           f"fetched at {source.fetched_at} is kept")
        return replace(source, fetch_status="failed",
                       http_status=str(http_status) if http_status else "",
                       content_type=content_type, fetched_at=now, sha256="", snapshot_path="",
                       text_path="", message=message)

    # --- files ---

    def _resolve(self, relative: str) -> Path:
        if not _is_inside(relative):  # validation refuses these; a caller may not build them
            raise SourceError(f"{self.path}: the path '{relative}' leaves the registry folder",
                              source=str(self.path))
        return self.folder.joinpath(*PurePosixPath(relative).parts)

    def _write_snapshot(self, relative: str, data: bytes, *, keep_existing: bool = False) -> bool:
        """Save a snapshot before the row that names it, so a row never points at nothing.
        Content-addressed: a file already there with the right bytes is left alone. True when
        the file is new."""
        path = self._resolve(relative)
        if path.is_file() and (keep_existing or path.read_bytes() == data):
            return False
        new = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        return new

    def _remove_leftovers(self) -> None:
        """Temporary files a killed save left behind (registry and snapshots). Called with the
        lock held: every save writes its files under it, so none is in flight."""
        remove_stale_temp_files(self.path)
        for temp in (self.folder / SNAPSHOT_FOLDER).glob(".*.tmp"):
            temp.unlink(missing_ok=True)

    # --- the CSV ---

    def _existing(self, source_id: str, url: str) -> Source | None:
        self._reload_if_changed()
        row = self._rows.get(source_id)
        if row is None:
            return None
        if normalize_url(row["url"] or "") != normalize_url(url or ""):
            # a hand edit changed the row's address; its id still says the old one
            raise SourceError(f"{self.path}: the source '{source_id}' has the address "
                              f"'{row['url']}', not '{url}' (was it edited by hand?); put the "
                              "address back or give the row a new id",
                              source=str(self.path), column="url")
        return Source.from_row(row)

    def _save(self, source: Source, snapshots=()) -> Source:
        """Save ``source``'s row, after its ``snapshots`` ((path, bytes, keep_existing)), all
        under the lock. If any write fails (a full disk), the snapshots this save created are
        removed and nothing else has changed: SourceError says what happened."""
        self._refuse_if_demo(source)
        written: list[str] = []
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _locked(self.folder / ".registry.lock"):
                self._remove_leftovers()
                self._reload_if_changed()  # keep what another kernel saved meanwhile
                for relative, data, keep in snapshots:
                    if self._write_snapshot(relative, data, keep_existing=keep):
                        written.append(relative)
                extras = self._rows.get(source.source_id, {})
                rows = {**self._rows, source.source_id: {
                    **dict.fromkeys(self._header, ""), **extras, **source.to_row()}}
                self._signature = atomic_write(self.path, csv_bytes(self._header, rows.values()))
                self._rows = rows
        except OSError as err:
            for relative in written:
                with suppress(OSError):
                    self._resolve(relative).unlink()
            raise self._not_saved(source, err) from None
        return source

    def _refuse_if_demo(self, source: Source) -> None:
        if workspace.is_demo_registry(self.folder):
            raise SourceError(
                f"{self.folder}: the shipped demo registry is read-only, so the source "
                f"{_label(source)} was not added — work in your own registry: open the worksheet "
                "with sources= another folder (or set VERIFY_SOURCES); the project's sources/ "
                "starts as a copy of the demo", source=str(self.folder))

    def _not_saved(self, source: Source, err: OSError) -> SourceError:
        what = _label(source)
        if err.errno == errno.ENOSPC:
            why, fix = "the disk is full", "free some space on it, then add the source again"
        elif err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            why, fix = ("this folder cannot be written", "open the worksheet with sources= a "
                        "folder you can write to (or set VERIFY_SOURCES)")
        else:
            why, fix = f"the system refused ({err.strerror or err})", "try again"
        return SourceError(f"{self.folder}: the source {what} was not added: {why} (nothing was "
                           f"saved) — {fix}", source=str(self.folder))

    def _replace_all(self, sources: list[Source], snapshots=()) -> None:
        """Make the registry hold exactly ``sources``, in that order, after writing
        ``snapshots`` ((path, bytes, keep_existing)): the seed builder's use. Columns a checker
        added are kept for the ids that stay."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _locked(self.folder / ".registry.lock"):
            self._remove_leftovers()
            self._reload_if_changed()
            for relative, data, keep in snapshots:
                self._write_snapshot(relative, data, keep_existing=keep)
            blank = dict.fromkeys(self._header, "")
            self._rows = {s.source_id: {**blank, **self._rows.get(s.source_id, {}), **s.to_row()}
                          for s in sources}
            self._signature = atomic_write(self.path, self._to_csv())

    def _to_csv(self) -> bytes:
        return csv_bytes(self._header, self._rows.values())

    def _reload_if_changed(self) -> None:
        if file_signature(self.path) != self._signature:
            self._reload()

    def _reload(self) -> None:
        signature = file_signature(self.path)
        if not signature:
            self._header, self._rows, self._signature = list(REGISTRY_COLUMNS), {}, ()
            return
        self._header, self._rows = read_keyed_csv(self.path, _REGISTRY_CSV)
        self._signature = signature

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fetch_within(fetcher: Callable, url: str, limit: float):
    """``fetcher(url)``, given up on after ``limit`` seconds whatever it is doing.

    fetch() keeps its own deadline, but a swapped-in fetcher may keep none: the notebook must
    not hang on it.
    """
    try:
        return within(limit, lambda: fetcher(url), name=f"fetch {url}")
    except TimeoutError:
        raise SourceError(f"{url}: no complete answer within {limit:g} s (the overall deadline) "
                          "— the server or the name lookup is too slow; try again later, or "
                          "copy the passage from a browser and add it as text",
                          source=url) from None
