"""Writing a file the user named (``-o OUT``, ``export_html(ws, "report.html")``): never a torn
file, never a checker's worksheet, never a device.

    write_output("out/report.html", html, what="HTML report")

One function for every writer of user-named output, so they all keep the same promises:

- **Atomic**: the new text goes to a temporary file in the target's own folder, is flushed to
  disk, then renamed over the target (``verify.records.disk.atomic_write``). A crash, a kill or a full
  disk leaves the old file as it was, or the new one; never half of each.
- **A symlink writes its target** (the link stays a link), as ``cp`` and ``>`` do.
- **Only regular files**: a folder, a named pipe (FIFO, which would block forever), a socket or
  a device (as root, renaming over ``/dev/null`` would replace the device node itself) is
  refused.
- **A worksheet is never overwritten** (``refuse_worksheet``): it holds a checker's verdicts.
  ``verify extract -o WORKSHEET --merge`` re-extracts into one instead. A plain claims table or
  an earlier export is replaced.
- **OS errors in words**: a full disk, no permission, a name too long, a NUL in the path become
  an ``OutputError`` naming the file and what to do.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from pathlib import Path

from . import disk, store
from ..errors import VerifyError
from .files import kind_of
from .model import NOT_CHECKED


class OutputError(VerifyError):
    """A file the user asked for could not be written: the message names it, says why, and says
    what to do. The old file, if any, is left as it was."""


def write_output(path: str | Path, data: bytes | str, *, what: str = "claims table") -> Path:
    """Write ``data`` (text is written as UTF-8) to the user-named ``path``, atomically.

    ``what`` names the content in messages ("HTML report"). Returns the file actually written:
    the symlink's target when ``path`` is a symlink. Raises ``OutputError``.
    """
    target = output_target(path, what=what)
    refuse_worksheet(path, what=what)
    if isinstance(data, str):
        data = _utf8(data, path, what)
    try:
        disk.atomic_write(target, data)
    except OSError as err:
        raise _in_words(err, Path(path), what) from None
    return target


def _utf8(text: str, path: str | Path, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate, from pasted text
        raise OutputError(
            f"{path}: the {what} holds a character that is no text (U+{ord(text[err.start]):04X} "
            f"at character {err.start}), so nothing was written; remove it from the input (it "
            "usually comes from a broken copy and paste)", source=str(path)) from None


def output_target(path: str | Path, *, what: str = "claims table") -> Path:
    """The regular file that writing ``path`` would replace or create (symlinks followed), or
    an ``OutputError`` saying why none may be written there."""
    shown = str(path)
    if "\0" in shown:
        raise OutputError(f"{shown!r}: the file name holds a NUL character, which no file name "
                          f"can; give the {what} another name", source=shown.replace("\0", "\\0"))
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        _require_folder(Path(path), target, what)
        return target
    except OSError as err:
        raise _in_words(err, Path(path), what) from None
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}{_shown_target(path, target)} is {kind_of(mode)}, not a file; "
                          f"{_instead(mode, what)}", source=shown)
    return target


# The files beside a worksheet and the source registry hold a checker's work too; no export or
# claims table belongs in them, whatever they hold now (or will: a worksheet may come later).
_WORK_FILE_ENDINGS = (".meta.json", ".log.jsonl", ".evidence.csv", ".lock")
_REGISTRY_NAME = "registry.csv"


def refuse_worksheet(path: str | Path, *, what: str = "claims table") -> None:
    """Refuse to write the ``what`` over a worksheet, a file beside one (its meta, log, evidence
    links, lock) or a source registry: they hold a checker's work. For a claims table the
    message says how to re-extract into the worksheet instead."""
    name = Path(os.path.realpath(path)).name
    if name.endswith(_WORK_FILE_ENDINGS) or name == _REGISTRY_NAME:
        raise OutputError(
            f"{path}: a file named like this holds a checker's work (a worksheet's meta, audit "
            f"log, evidence links or lock, or the source registry), so the {what} is not written "
            "there; give the file another name", source=str(path))
    checked = checked_claims(Path(path))
    if checked is None:
        return
    head = (f"{path} is a worksheet ({checked} claim{'s' if checked != 1 else ''} with a "
            f"verdict): writing the {what} over it would wipe the checking")
    if what != "claims table":
        raise OutputError(f"{head}; give the {what} another file name", source=str(path))
    raise OutputError(
        f"{head}. To re-extract into it and keep every verdict, add --merge (verify extract "
        f"ARTICLE -o {path} --merge), or in Python Worksheet.open({str(path)!r}, article=...); "
        "or give another file", source=str(path))


def checked_claims(path: Path) -> int | None:
    """How many rows of the worksheet at ``path`` have a verdict; None when ``path`` is no
    worksheet: missing, not a regular file, or a CSV without the claims table's ``claim_id`` and
    ``start`` and a checker's column (an editor CSV has no ``start``: it may be replaced)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as f:  # the header first: a big claims table is no worksheet
            head = f.read(_HEADER_BYTES)
            text = _as_text(head + f.read()) if _is_worksheet_header(_header(head)) else ""
        if not text:
            return None
        header = _header(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        next(reader, None)  # the header
        if "verdict" not in header:  # dropped by hand: the other checker columns hold work
            return 0
        column = header.index("verdict")
        # a worksheet's "not checked" label is the empty cell or the scale's first label
        return sum(1 for row in reader
                   if len(row) > column and row[column].strip() not in ("", NOT_CHECKED))
    except (OSError, ValueError, csv.Error):  # ValueError: a NUL in the path
        return None


_HEADER_BYTES = 65536


def _delimiter(text: str) -> str:
    # a spreadsheet may have saved it with ';' (a European locale) or tabs (UTF-16 text)
    return max(",;\t", key=text.split("\n", 1)[0].count)


def _header(data: bytes | str) -> list[str]:
    """The column names of a CSV's first line, as a worksheet check compares them."""
    text = _as_text(data) if isinstance(data, bytes) else data
    first = next(csv.reader(text.splitlines()[:1], delimiter=_delimiter(text)), [])
    return [name.strip().strip('"').casefold() for name in first]


def _as_text(data: bytes) -> str:
    """A CSV's bytes as text, whichever of UTF-8 or UTF-16 a spreadsheet saved it in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def _is_worksheet_header(header: list[str]) -> bool:
    return {"claim_id", "start"} <= set(header) and any(c in header for c in store.CHECKER_COLUMNS)


# --- the messages ---------------------------------------------------------------------------------

def _require_folder(path: Path, target: Path, what: str) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist; create it "
                          f"(mkdir -p {path.parent}), or give another file for the {what}",
                          source=str(path))


def _shown_target(path: str | Path, target: Path) -> str:
    return f" (a link to {target})" if os.path.islink(path) else ""


def _instead(mode: int, what: str) -> str:
    if stat.S_ISDIR(mode):
        return f"give a file name in it for the {what}"
    # /dev/null, /dev/stdout: the shell does that job without replacing anything
    return (f"-o writes regular files only; leave out -o to get the {what} on standard output "
            "(and redirect it, e.g. > /dev/null), or give a file name")


_ADVICE = {
    errno.ENOSPC: ("the disk is full", "free some space and run it again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and run it again"),
    errno.EFBIG: ("the file is larger than this process may write",
                  "raise the file size limit (ulimit -f) or write elsewhere"),
    errno.EACCES: ("no permission to write there", "give a file in a folder you can write to"),
    errno.EPERM: ("no permission to write there", "give a file in a folder you can write to"),
    errno.EROFS: ("the file system is read-only", "give a file on a writable disk"),
    errno.ENAMETOOLONG: ("the file name is too long", "give a shorter name"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
    errno.ELOOP: ("the path has a loop of symbolic links", "check the links"),
}


def _in_words(err: OSError, path: Path, what: str) -> OutputError:
    problem, fix = _ADVICE.get(err.errno, (err.strerror or str(err), "check the path and the disk"))
    return OutputError(f"{path}: could not write the {what}: {problem}; {fix}. Any file already "
                       "there was left as it was", source=str(path))
