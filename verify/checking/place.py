"""Where a checker was, so a kernel restart does not lose it: their name and the last claim they
had open in each worksheet.

Kept per user (the computer's login name) in a small file beside the worksheets,
``<claims folder>/.workbench.<user>.json``: in the user's workspace, which git ignores, and not
in the worksheet, which two checkers share. Convenience, never work: a file that cannot be read
or written is ignored, and nothing else depends on it.
"""

from __future__ import annotations

import getpass
import json
import re
from pathlib import Path

from ..records import disk


def _file(worksheet_path: Path) -> Path:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        user = "user"
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:64] or "user"
    return Path(worksheet_path).parent / f".workbench.{safe}.json"


def remembered(worksheet_path: Path) -> dict:
    """``{"checker": name, "claim": claim_id}`` as last remembered for this worksheet (either
    may be missing)."""
    try:
        data, _ = disk.read_regular_file(_file(worksheet_path), what="workbench place")
        saved = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, disk.VerifyError):
        return {}
    if not isinstance(saved, dict):
        return {}
    place = {}
    if isinstance(saved.get("checker"), str):
        place["checker"] = saved["checker"]
    claims = saved.get("claims") if isinstance(saved.get("claims"), dict) else {}
    if isinstance(claims.get(Path(worksheet_path).name), str):
        place["claim"] = claims[Path(worksheet_path).name]
    return place


def remember(worksheet_path: Path, *, checker: str = "", claim_id: str | None = None) -> None:
    """Remember the checker's name (when given) and the claim open in this worksheet."""
    path = _file(worksheet_path)
    saved = _saved(path)
    claims = dict(saved["claims"]) if isinstance(saved.get("claims"), dict) else {}
    if claim_id:
        claims[Path(worksheet_path).name] = claim_id
    _save(path, saved, {**saved, "claims": claims,
                        **({"checker": checker} if checker.strip() else {})})


def remember_open(worksheet_path: Path) -> None:
    """Remember that this worksheet is the one open now (the app resumes it next time)."""
    path = _file(worksheet_path)
    saved = _saved(path)
    _save(path, saved, {**saved, "open": Path(worksheet_path).name})


def _saved(path: Path) -> dict:
    """What the place file holds; an empty place when it is missing or unreadable."""
    try:
        data, _ = disk.read_regular_file(path, what="workbench place")
        saved = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, disk.VerifyError):
        saved = {}
    return saved if isinstance(saved, dict) else {}


def _save(path: Path, saved: dict, updated: dict) -> None:
    if updated == saved:
        return
    try:
        # written on every click: whole or old after a crash, but no fsync to wait for
        disk.atomic_write(path, json.dumps(updated, ensure_ascii=False, indent=1).encode("utf-8"),
                           durable=False)
    except (OSError, UnicodeEncodeError):
        pass  # a read-only folder, a full disk: the place is a convenience, the work is saved


def last_open(folder: Path) -> Path | None:
    """The worksheet in ``folder`` that was open last (``remember_open``), if it is still
    there."""
    try:
        data, _ = disk.read_regular_file(_file(Path(folder) / "x.csv"), what="workbench place")
        name = json.loads(data.decode("utf-8")).get("open")
    except (OSError, ValueError, AttributeError, disk.VerifyError):
        return None
    if not isinstance(name, str) or "/" in name or "\\" in name:
        return None
    path = Path(folder) / name
    return path if path.is_file() else None
