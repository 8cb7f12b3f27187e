"""The files of a worksheet, before any is read: its path checked (a name no file system can
hold, a FIFO, a folder this user cannot write), the files kept beside it (``<stem>.meta.json``,
``.evidence.csv``, ``.log.jsonl``, ``.lock``), the project's sources folder, and the
``.meta.json`` sidecar read and checked: the verdict scale and the article the claims were
extracted from, text included. See ``verify.checking.worksheet`` for what each file holds.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path

from ..errors import VerifyError, WorksheetError
from ..reading.articles import load_article
from ..records import disk
from ..records.files import kind_of
from ..records.folders import make_folder_for
from ..records.model import Article
from .verdicts import _LONE_SURROGATE, _short

_META_FORMAT = 1


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


# --- the .meta.json sidecar -----------------------------------------------------------------------

def _read_meta(path: Path) -> dict:
    """The worksheet's sidecar (``<stem>.meta.json``), checked: {} when there is none.

    A hand edit that breaks it (not JSON, a scale that is not a list of labels, an article
    record with the wrong types) is a WorksheetError naming the file, the key and what to do,
    rather than a TypeError deep in the export."""
    meta_path = _sidecar(path, ".meta.json")
    try:
        data, _ = disk.read_regular_file(meta_path, what="worksheet's .meta.json sidecar")
    except FileNotFoundError:
        return {}
    try:
        meta = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise _meta_error(meta_path, f"not valid JSON ({err})") from None
    problem = _meta_problem(meta)
    if problem:
        raise _meta_error(meta_path, problem)
    return meta


_META_TEXT_KEYS = ("source", "article_id", "lang", "title", "dateline", "published", "encoding",
                   "text")


def _meta_problem(meta) -> str:
    """What is wrong with a parsed sidecar, or "" (every key is optional)."""
    if not isinstance(meta, dict):
        return f"it holds {_json_kind(meta)} where an object ({{...}}) is expected"
    if "format" in meta and not _is_int(meta["format"]):
        return f"'format' is {_json_kind(meta['format'])}, not a whole number"
    return _scale_problem(meta.get("scale")) or _article_problem(meta.get("article"))


def _scale_problem(scale) -> str:
    if scale is None:
        return ""
    if not (isinstance(scale, list) and all(isinstance(label, str) for label in scale)):
        return (f"'scale' is {_json_kind(scale)}, not a list of verdict labels like "
                '["true", "false"]')
    broken = _lone_surrogate_in(scale)
    return f"a label of 'scale' holds {broken}" if broken else ""


def _article_problem(article) -> str:
    """What is wrong with the sidecar's article record (``_article_record``), or ""."""
    if article is None:
        return ""
    if not isinstance(article, dict):
        return f"'article' is {_json_kind(article)}, not an object ({{...}})"
    for key in _META_TEXT_KEYS:
        if key in article and not isinstance(article[key], str):
            return f"'article' → '{key}' is {_json_kind(article[key])}, not text"
    warnings = article.get("warnings")
    if warnings is not None and not (isinstance(warnings, list)
                                     and all(isinstance(w, str) for w in warnings)):
        return f"'article' → 'warnings' is {_json_kind(warnings)}, not a list of texts"
    for key in (*_META_TEXT_KEYS, "warnings"):
        value = article.get(key)
        broken = _lone_surrogate_in(value if isinstance(value, list) else [value or ""])
        if broken:
            return f"'article' → '{key}' holds {broken}"
    return ""


def _lone_surrogate_in(texts: list[str]) -> str:
    """"a lone surrogate (U+D800), which is no text" when one of ``texts`` holds one (JSON's
    "\\ud800" escape reads as one; no file or page can show it), else ""."""
    for text in texts:
        found = _LONE_SURROGATE.search(text)
        if found:
            return f"a lone surrogate (U+{ord(found.group()):04X}), which is no text"
    return ""


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _json_kind(value) -> str:
    """A JSON value as a message names it: "the number 5", "a list", "the text 'x'"."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_short(value, 30)!r}"
    return "a list" if isinstance(value, list) else "an object"


def _meta_error(meta_path: Path, problem: str) -> WorksheetError:
    return WorksheetError(
        f"{meta_path}: {problem}; undo the edit, or delete the file (the worksheet then opens "
        "with the default scale and without the article text)", source=str(meta_path))


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


# --- the worksheet's path -------------------------------------------------------------------------

_NAME_MAX = 255  # bytes in one file name, on Linux, macOS and Windows alike
# The longest file kept beside a worksheet is the temporary file of an atomic save of its
# evidence: ".<stem>.evidence.csv.<8 random>.tmp".
_SIDECAR_EXTRA = len(".") + len(".evidence.csv") + len(".12345678.tmp")


def _checked_path(path: str | Path) -> Path:
    """``path`` as a Path, refused (WorksheetError) when no file system can hold the worksheet
    and its sidecars there: a NUL, characters that cannot be encoded, a name too long."""
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
        raise WorksheetError(f"the worksheet path {_short(repr(path))} is "
                             f"{type(path).__name__}, not a path: give a str or Path such as "
                             "'claims/my-article.csv'")
    shown = repr(str(path)) if "\0" in str(path) else str(path)
    if "\0" in str(path):
        raise WorksheetError(f"{shown}: the worksheet path holds a NUL character, which no file "
                             "system takes; give the path without it", source=shown)
    path = Path(path)
    try:
        parts = [len(os.fsencode(part)) for part in path.parts]
        stem = len(os.fsencode(path.stem))
    except UnicodeError:
        raise WorksheetError(f"{shown}: the worksheet path holds characters the file system "
                             "cannot take (a lone surrogate?); retype the path",
                             source=shown) from None
    if any(size > _NAME_MAX for size in parts[:-1]):
        raise WorksheetError(f"{shown}: a folder name in the path is too long (over "
                             f"{_NAME_MAX} bytes); shorten it", source=shown)
    limit = _NAME_MAX - _SIDECAR_EXTRA
    if path.suffix and stem > limit:
        raise WorksheetError(
            f"{shown}: the worksheet's name is too long: {stem} bytes before '{path.suffix}', "
            f"and the files kept beside it add up to {_SIDECAR_EXTRA} more, over the file "
            f"system's limit of {_NAME_MAX} bytes a name; give a name of at most {limit} bytes",
            source=shown)
    if not path.suffix and parts and parts[-1] > _NAME_MAX:
        raise WorksheetError(f"{shown}: the name is too long (over {_NAME_MAX} bytes); "
                             "shorten it", source=shown)
    return path


def _refuse_what_is_not_a_file(path: Path) -> None:
    """A FIFO, a device or a socket is never a worksheet (reading a FIFO blocks forever)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise WorksheetError(f"{path}: cannot read the worksheet ({err.strerror}); check the "
                             "path", source=str(path)) from None
    if not stat.S_ISREG(mode):
        raise WorksheetError(f"{path}: not a regular file but {kind_of(mode)}; give the path "
                             "of a worksheet CSV, or of a new file to create one",
                             source=str(path))


def _can_write_beside(path: Path) -> bool:
    """Whether this user may write the worksheet's lock file (a save's first write)."""
    lock = _sidecar(path, ".lock")
    if lock.exists():
        return os.access(lock, os.W_OK)
    return os.access(path.parent, os.W_OK | os.X_OK)


def _make_folder(path: Path) -> None:
    make_folder_for(path, error=WorksheetError, what="create the worksheet's folder",
                    advice="check the path, or create the folder")
