"""How a worksheet saves, so that two checkers' kernels never lose each other's work: the
lock held while a kernel reads, merges and writes, taking in what another kernel saved before
writing (``_sync``), atomic saves, and the audit log (``<stem>.log.jsonl``), whose entry for a
verdict or a link is written just before the change itself and taken back when a killed
process never made it (``_settle_log``).

``_Saving`` is a part of ``verify.checking.worksheet.Worksheet``: its methods use the
worksheet's path, table and evidence file.
"""

from __future__ import annotations

import getpass
import json
import os
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from ..errors import WorksheetError
from ..records import disk, store
from ..records.store import Table
from .verdicts import _LOG_NAME, _VERDICT_CELLS, _now, _same_cells
from .worksheet_files import _META_FORMAT, _read_meta, _sidecar


class _Saving:
    """The lock, sync, save and audit-log methods of a Worksheet."""

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise WorksheetError(f"{self.path}: this worksheet was opened read-only "
                                 "(read_only=True, or its folder is not writable by this user) "
                                 "and cannot be changed; to check claims, open it again without "
                                 "read_only, from a folder you can write (copy the worksheet and "
                                 "its sidecars there) or with write access",
                                 source=str(self.path))

    @contextmanager
    def _locked(self) -> Iterator[disk.Lock]:
        self._refuse_if_read_only()
        with disk.locked(_sidecar(self.path, ".lock")) as lock:
            yield lock

    def _sync(self, lock: disk.Lock, changing: str | None = None) -> None:
        """Take in what was saved since we last read or wrote, before we write.

        Every change of ours is on disk the moment it is made, so merging per claim comes down
        to taking the file as it is: another checker's claims are theirs. Only the claim we are
        about to change can conflict: its row removed by hand is refused here, a changed
        verdict by ``set_verdict`` (against the version the draft started from).
        """
        if lock.token == self._token and disk.file_signature(self.path) == self._table.signature:
            return
        if not self.path.exists():
            return  # deleted or moved away: the save about to happen writes it again
        try:
            on_disk = store.read_worksheet(self.path, self._labels)
        except WorksheetError as err:
            raise WorksheetError(
                f"Not saved: {self.path} was changed outside this notebook and can no longer "
                f"be read.\n{err}", source=str(self.path), row=err.row, column=err.column,
                problems=err.problems,
            ) from None
        conflict = self._removed(changing, on_disk) if changing else None
        self._adopt(on_disk)
        self._token = lock.token
        if conflict is not None:
            raise conflict

    def _removed(self, claim_id: str, on_disk: Table) -> WorksheetError | None:
        if claim_id not in self._table.rows or claim_id in on_disk.rows:
            return None
        return WorksheetError(
            f"Not saved: claim {claim_id} was removed from {self.path} since this notebook "
            "read it (by hand?). The worksheet has been reloaded; put the row back to check "
            "that claim.", source=str(self.path), column="claim_id")

    def _adopt(self, table: Table) -> None:
        previous, self._table = self._table, table
        table.keep_encoding_of(previous)
        self._index(previous)
        signature = disk.file_signature(_sidecar(self.path, ".meta.json"))
        if signature != self._meta_signature:
            self._article = None  # re-extracted elsewhere: rebuild from the sidecar when asked
            self._meta_signature = signature

    def _save(self, lock: disk.Lock) -> None:
        try:
            store.write_table(self.path, self._table)
        except OSError as err:
            raise WorksheetError(f"{self.path}: could not save the worksheet ({err.strerror}); "
                                 "nothing was changed on disk. Check the folder is writable "
                                 "and the disk is not full, then try again.",
                                 source=str(self.path)) from None
        self._token = lock.token = uuid.uuid4().hex

    def _change_row(self, claim_id: str, row: dict[str, str], entry: dict,
                    lock: disk.Lock) -> None:
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
                disk.truncate_log(_sidecar(self.path, ".log.jsonl"), offset)
            raise

    def _settle_log(self, lock: disk.Lock | None = None) -> None:
        """Make the audit log agree with the files after a process was killed between a
        change's log entry and its write: take back the last entry when its change is not in
        the worksheet (or the evidence CSV) but the state before it is.

        Only the last entry can be such a one: every change settles the log first, under the
        lock. With ``lock``, the worksheet is first read again if another kernel changed it;
        a file that cannot be read is left for the change that needs it to report.
        """
        log = _sidecar(self.path, ".log.jsonl")
        last = disk.last_line(log)
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
            disk.truncate_log(log, offset)

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
            disk.atomic_write(path, text.encode("utf-8"))
        self._meta_signature = disk.file_signature(path)

    def _log(self, entry: dict, *, saved: bool = False) -> int:
        """Append ``entry`` to the audit log; returns the offset ``_write_ahead`` cuts back to.
        ``saved``: the change it records is on disk already (an extraction, a source)."""
        entry = {"id": uuid.uuid4().hex, "at": _now(), "user": _os_user(), **entry}
        log = _sidecar(self.path, ".log.jsonl")
        try:
            return disk.append_line(log, json.dumps(entry, ensure_ascii=False))
        except OSError as err:
            if saved:  # say so, or the checker would redo the work
                raise WorksheetError(f"{log}: the change was saved, but the audit log could "
                                     f"not be written ({err.strerror}). Check the disk is not "
                                     "full.", source=str(log)) from None
            raise WorksheetError(f"Not saved: the audit log {log} could not be written "
                                 f"({err.strerror}); nothing was changed. Check the folder is "
                                 "writable and the disk is not full, then try again.",
                                 source=str(log)) from None


# --- the audit log --------------------------------------------------------------------------------

_WRITTEN_AHEAD = ("set", "undo", "link", "unlink")
"""The log entries written before their change (``Worksheet._write_ahead``)."""


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
        data, _ = disk.read_regular_file(path, what="audit log")
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


_USER: list[str] = []


def _os_user() -> str:
    """The login name, recorded beside the checker's name in the audit log."""
    if not _USER:
        try:
            _USER.append(getpass.getuser())
        except Exception:  # no login name in some containers
            _USER.append("")
    return _USER[0]
