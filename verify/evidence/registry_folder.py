"""The registry's folder on disk: its file names, the lock held while a change is saved, the
SHA-256 of a snapshot file, and the rule that a path in the registry stays inside its folder.

The layout and the guarantees are described in ``verify.evidence.sources``.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from ..errors import SourceError
from ..records.disk import open_regular

try:
    import fcntl
except ImportError:  # Windows: no flock; one kernel per registry still works
    fcntl = None

REGISTRY_FILE = "registry.csv"
SNAPSHOT_FOLDER = "snapshots"
_LOCK_TIMEOUT = 10.0


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on the registry while a change is saved (milliseconds)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        stop = time.monotonic() + _LOCK_TIMEOUT
        while fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > stop:
                    raise SourceError(f"{path.parent / REGISTRY_FILE}: another process has held "
                                      f"the registry's lock for {_LOCK_TIMEOUT:g} s; try again",
                                      source=str(path)) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # releases the lock


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with os.fdopen(open_regular(path, error=SourceError, what="snapshot"), "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _is_inside(relative: str) -> bool:
    path = PurePosixPath(relative)
    return not (path.is_absolute() or ".." in path.parts or "\\" in relative
                or re.match(r"^[A-Za-z]:", relative))
