"""Where a user's work lives: one place for worksheets, the source registry, exports and the
fact-check archive, kept apart from what the repository ships.

    >>> from verify.records.workspace import workspace, claims_folder, sources_folder  # doctest: +SKIP
    >>> workspace()            # the project: VERIFY_WORKSPACE, or the checkout  # doctest: +SKIP
    PosixPath('/home/anna/verify')

The repository ships code, notebooks, the seed article and the seed's demo sources; a user's
work is written where git ignores it (see ``.gitignore``), so checking leaves ``git status``
clean and ``git pull`` never conflicts with a checker's verdicts:

| folder | what | set by |
|---|---|---|
| ``claims/`` | worksheets, their logs, meta and evidence links | |
| ``sources/`` | the live source registry (``registry.csv``) and its ``snapshots/`` | ``VERIFY_SOURCES`` |
| ``out/`` | exports (editor CSV, HTML report, ClaimReview) | ``VERIFY_OUT`` |
| ``factchecks/`` | the fact-check archive (``archive.sqlite``) | ``VERIFY_FACTCHECKS`` (the file) |

The seed's demo sources ship read-only in the package (``DEMO_SOURCES``, package data, so an
installed ``verify`` has them too). The live registry starts as a copy of them on first use
(``verify.evidence.sources.SourceRegistry.open`` does the copy); the demo itself is never edited in
place. This module never imports the rest of the package: everything else asks it.
"""

from __future__ import annotations

import os
from pathlib import Path

WORKSPACE_VARIABLE = "VERIFY_WORKSPACE"
DEMO_SOURCES = Path(__file__).resolve().parents[1] / "data" / "demo_sources"
"""The seed's demo source registry, read-only: ``registry.csv`` and ``snapshots/``, built by
``sources/build_seed_registry.py`` from the seed's source map."""

_CHECKOUT = Path(__file__).resolve().parents[2]


def workspace() -> Path:
    """The folder a user's work goes in.

    ``VERIFY_WORKSPACE`` when set; else the nearest folder at or above the working directory
    that has a ``claims`` folder (a notebook runs in ``notebooks/``); else the checkout the
    package runs from (a clone: it has ``pyproject.toml`` beside the package); else the working
    directory (an installed package run from anywhere).
    """
    given = os.environ.get(WORKSPACE_VARIABLE, "").strip()
    if given:
        return Path(given).expanduser()
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "claims").is_dir():
            return folder
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "claims").is_dir():
        return _CHECKOUT
    return here


def claims_folder() -> Path:
    """``<workspace>/claims``: worksheets and their sidecar files."""
    return workspace() / "claims"


def sources_folder() -> Path:
    """The live source registry's folder: ``VERIFY_SOURCES`` when set, else
    ``<workspace>/sources``."""
    given = os.environ.get("VERIFY_SOURCES", "").strip()
    return Path(given).expanduser() if given else workspace() / "sources"


def out_folder() -> Path:
    """Where exports go: ``VERIFY_OUT`` when set, else ``<workspace>/out``."""
    given = os.environ.get("VERIFY_OUT", "").strip()
    return Path(given).expanduser() if given else workspace() / "out"


def factchecks_folder() -> Path:
    """``<workspace>/factchecks``: the fact-check archive."""
    return workspace() / "factchecks"


def factchecks_archive() -> Path:
    """The fact-check archive's file: ``VERIFY_FACTCHECKS`` when set, else
    ``<workspace>/factchecks/archive.sqlite``."""
    given = os.environ.get("VERIFY_FACTCHECKS", "").strip()
    return Path(given).expanduser() if given else factchecks_folder() / "archive.sqlite"


def is_live_registry(folder: str | os.PathLike) -> bool:
    """True when ``folder`` is the workspace's live registry (``<workspace>/sources``, or the
    folder ``VERIFY_SOURCES`` names), the one that starts as a copy of the demo; a registry
    anywhere else starts empty."""
    return any(_same_folder(Path(folder), live)
               for live in {workspace() / "sources", sources_folder()})


def is_demo_registry(folder: str | os.PathLike) -> bool:
    """True when ``folder`` is the shipped demo registry, which is never edited in place."""
    return _same_folder(Path(folder), DEMO_SOURCES)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: not ours
        return False
