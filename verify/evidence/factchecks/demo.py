"""The archive a user starts with: the workspace's archive, filled on first use from the demo
fact-checks the package ships (``verify/data/factchecks/demo.jsonld``), so the seed article
shows past checks offline.

    >>> from verify.evidence.factchecks import open_archive  # doctest: +SKIP
    >>> with open_archive() as archive:             # factchecks/archive.sqlite, demo imported
    ...     archive.count()
    24

The demo file is read, never written. Only the workspace's archive starts with the demo (like
the live source registry starts as a copy of the demo sources); an archive anywhere else
(``--archive PATH``) starts empty.
"""

from __future__ import annotations

from pathlib import Path

from ...records.workspace import factchecks_archive
from .archive import Archive
from .importing import import_file

DEMO_ARCHIVE = Path(__file__).resolve().parents[2] / "data" / "factchecks" / "demo.jsonld"
"""Fact-checks written for the demo, about the seed's topics (North Korean munitions, the 2000
visit, the UN veto) and others: ClaimReview JSON-LD, read-only package data."""


def default_archive_path() -> Path:
    """``VERIFY_FACTCHECKS``, else ``<workspace>/factchecks/archive.sqlite``."""
    return factchecks_archive()


def open_archive(path: str | Path | None = None, *, create: bool = True,
                 timeout: float | None = None) -> Archive:
    """The archive at ``path`` (default: ``default_archive_path()``), opened for reading and
    writing. The default archive is made on first use with the demo fact-checks in it; another
    path must exist unless ``create``."""
    options = {} if timeout is None else {"timeout": timeout}
    if path is not None and not _same_file(Path(path), default_archive_path()):
        return Archive.open(path, create=create, **options)
    target = default_archive_path()
    first_use = not target.exists()
    archive = Archive.open(target, create=True, **options)
    if first_use and DEMO_ARCHIVE.is_file():
        import_file(DEMO_ARCHIVE, archive)
    return archive


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def demo_archive(folder: str | Path) -> Path:
    """An archive of the demo fact-checks alone at ``folder/factchecks.sqlite`` (made once), for
    a walkthrough or a test that must not read or change the workspace's archive."""
    path = Path(folder) / "factchecks.sqlite"
    if not path.exists():
        with Archive.open(path, create=True) as archive:
            import_file(DEMO_ARCHIVE, archive)
    return path
