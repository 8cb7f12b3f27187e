"""Files that must be files, and writes that never tear: what keeps a checker's work on disk.

The worksheet, its sidecars, the evidence links and the source registry are all written here:
a save replaces the file atomically (a crash leaves the old or the new file, never a torn one),
an audit log only grows by whole lines, and a lock file lets two checkers' kernels take turns.
A path that is not a regular file (a FIFO, a device, a folder) is refused with an error naming
it, before anything blocks on it.
"""

from __future__ import annotations

import os
import stat as stat_kinds
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from ..errors import VerifyError, WorksheetError
from .files import kind_of

try:
    import fcntl
except ImportError:  # Windows: no flock; a single checker per worksheet still works
    fcntl = None

# New files get the permissions any other file of the user would get (mkstemp's are 0600, which
# would lock a second checker account out of a shared worksheet).
_UMASK = os.umask(0)
os.umask(_UMASK)


# --- reading a file that must be a file -------------------------------------------------------------

def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o666, *,
                 error: type[VerifyError] = WorksheetError, what: str = "worksheet") -> int:
    """A file descriptor of the regular file at ``path``, opened with ``flags``; anything else
    (a FIFO, which blocks its reader forever; a device; a folder; a socket) is refused with
    ``error`` naming the path. Opened without blocking, then checked on the open file, so
    nothing can be swapped in between. FileNotFoundError is raised as it is."""
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), mode)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as err:
        problem = getattr(err, "strerror", None) or str(err)
        raise error(f"{path}: cannot open the {what} ({problem}); check the path",
                    source=str(path)) from None
    info = os.fstat(fd)
    if not stat_kinds.S_ISREG(info.st_mode):
        os.close(fd)
        raise error(f"{path}: not a regular file but {kind_of(info.st_mode)}; give the path of "
                    f"the {what} itself, a plain file (remove or rename what is there)",
                    source=str(path))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def read_regular_file(path: Path, *, error: type[VerifyError] = WorksheetError,
                      what: str = "worksheet") -> tuple[bytes, os.stat_result]:
    """(bytes, stat) of the regular file at ``path``.

    Anything else is refused with ``error`` naming the path: a FIFO would block the reader
    forever, a device (/dev/zero) never ends, a folder has no bytes. Opened without blocking,
    then checked on the open file, so nothing can be swapped in between. FileNotFoundError is
    raised as it is: callers decide what a missing file means.
    """
    fd = open_regular(path, error=error, what=what)
    stat = os.fstat(fd)
    with os.fdopen(fd, "rb") as f:
        return f.read(), stat


# --- writing that never tears ----------------------------------------------------------------

def signature_of(stat: os.stat_result) -> tuple:
    """What tells us a file was replaced or edited. The inode matters: an atomic replace within
    the same mtime tick with the same size changes only the inode."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def file_signature(path: Path) -> tuple:
    try:
        return signature_of(os.stat(path))
    except FileNotFoundError:
        return ()


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> tuple:
    """Replace ``path`` with ``data``: a crash at any instant leaves the old file or the new
    one. Returns the new file's signature. ``durable=False`` skips the fsyncs (a power cut
    may then lose the change, never tear the file): for conveniences written on every click."""
    folder = path.parent
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
            stat = os.fstat(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if durable:  # the rename itself is only durable once the folder is on disk
        _fsync_folder(folder)
    return signature_of(stat)


def remove_stale_temp_files(path: Path) -> None:
    """Temporary files a killed save left behind. Only call with the lock held: then no save
    of this worksheet is in flight."""
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(FileNotFoundError):
            temp.unlink()


def append_line(path: Path, line: str) -> int:
    """Append one line to a log and fsync it; returns the log's size before the append (what
    ``truncate_log`` takes to take the line back).

    A crash can leave a half-written last line; the next append starts on a fresh line so
    only that entry is lost, not the next one too.
    """
    new = not path.exists()
    data = line.rstrip("\n").encode("utf-8") + b"\n"  # before opening: a bad line writes nothing
    fd = open_regular(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, _mode_for(path),
                      what="audit log")
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        _fsync_folder(path.parent)
    return size


def last_line(path: Path, chunk: int = 8192) -> tuple[int, str] | None:
    """(offset where it starts, text) of the log's last complete line, read from the end (a log
    grows with every save: reading it whole on each one would cost more and more); None when
    the log is missing or empty. A half-written line at the very end (a killed append, no
    newline yet) is skipped: it is no entry."""
    try:
        f = os.fdopen(open_regular(path, what="audit log"), "rb")
    except FileNotFoundError:
        return None
    with f:
        position = f.seek(0, os.SEEK_END)
        tail = b""
        while True:
            complete = tail[:tail.rfind(b"\n") + 1].rstrip(b"\n")  # whole lines, no blank end
            start = complete.rfind(b"\n")
            if complete and (start >= 0 or position == 0):
                return position + start + 1, complete[start + 1:].decode("utf-8", "replace")
            if position == 0:
                return None
            step = min(chunk, position)
            position -= step
            f.seek(position)
            tail = f.read(step) + tail


def truncate_log(path: Path, offset: int) -> None:
    """Cut the log back to ``offset`` bytes (from ``append_line`` or ``last_line``), durably:
    the entry of a change that never reached its file. Call only with the worksheet's lock
    held, so no append is in flight."""
    fd = os.open(path, os.O_RDWR)
    try:
        os.ftruncate(fd, offset)
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- the lock -------------------------------------------------------------------------------------

class Lock:
    """An exclusive lock on a worksheet, and the token of the last save made under it.

    Every save writes a fresh token into the lock file, so another kernel sees a save even when
    the file's size and mtime came out the same.
    """

    def __init__(self, fd: int):
        self._fd = fd

    @property
    def token(self) -> str:
        return os.pread(self._fd, 200, 0).decode("ascii", "replace")

    @token.setter
    def token(self, value: str) -> None:
        data = value.encode("ascii")
        os.pwrite(self._fd, data, 0)
        os.ftruncate(self._fd, len(data))


@contextmanager
def locked(path: Path, timeout: float = 10.0) -> Iterator[Lock]:
    """Hold the lock file ``path`` (created when missing, never deleted: deleting a lock file
    lets two processes hold "the" lock at once). Saves hold it for milliseconds."""
    try:
        fd = open_regular(path, os.O_RDWR | os.O_CREAT, _mode_for(path), what="lock file")
    except OSError as err:
        raise WorksheetError(
            f"{path}: cannot create the worksheet's lock file ({err.strerror}); the folder "
            f"{path.parent} must be writable to check claims there: copy the worksheet (and its "
            ".meta.json) to a folder of yours, or ask for write access", source=str(path),
        ) from None
    try:
        _acquire(fd, path, timeout)
        yield Lock(fd)
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed


def _acquire(fd: int, path: Path, timeout: float) -> None:
    if fcntl is None:
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise WorksheetError(
                    f"{path}: another process has held the worksheet's lock for {timeout:.0f} s "
                    "(another checker's kernel is stuck saving?). Try again; if it persists, "
                    "restart the other notebook's kernel.", source=str(path)) from None
            time.sleep(0.002)
