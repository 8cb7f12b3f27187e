"""The grammar's patterns, compiled once per installation instead of at every start.

Importing the grammar compiles about 200 regular expressions built from the language tables
(unit words, month names, number words, hedges). Python's ``re`` compiles a pattern in Python
code, and for these long alternations that was 140 ms of the 0.30 s a bare ``verify numbers``
took, in every process. Python keeps a module's byte code between runs, but not its compiled
patterns; this module does the same for them. The first import of the grammar writes, next to
the byte code (``__pycache__/patterns.cpython-311.bin``), the program ``re`` compiled for each
pattern; later imports hand the stored programs straight to the regex engine (``_sre``), as
``re.compile`` itself does after compiling. Loading them takes about 3 ms.

Why it is safe:

- a stored program is used only for the same pattern text and flags, on the same Python
  (version, regex engine MAGIC and code size are in the file's header): a changed pattern, a
  new language pack, another Python simply compile anew;
- the payload carries a CRC-32: a torn or damaged file is ignored (and rewritten), never read;
  and the engine checks every program it is given before it runs it;
- a pattern from the cache equals ``re.compile``'s (``==`` on patterns compares their
  programs): ``tests/grammar/test_pattern_cache.py`` checks it for every pattern of the grammar;
- anything unexpected (another Python's private API, an unwritable folder) falls back to
  ``re.compile``, silently, as Python falls back when it cannot write byte code; and like byte
  code, nothing is written when ``PYTHONDONTWRITEBYTECODE`` is set.

The file is rewritten only when the grammar compiled a pattern it did not hold, with the
patterns that import used: it never grows with old ones.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib

try:  # the compiler behind re.compile (Python 3.11+); without it, the cache is off
    import _sre
    from array import array
    from re import _compiler, _parser
    _HEADER = ("verify-patterns", 1, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT)
    _ON = array("I").itemsize == _sre.CODESIZE
except (ImportError, AttributeError):  # pragma: no cover - another Python implementation
    _HEADER, _ON = (), False


def cache_file() -> str | None:
    """Where this installation keeps the compiled patterns: beside this module's byte code."""
    try:
        import importlib.util

        byte_code = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):  # no byte-code caching here
        return None
    tag = sys.implementation.cache_tag
    return os.path.join(os.path.dirname(byte_code), f"patterns.{tag}.bin")


class PatternCache:
    """Compiled patterns stored in the file at ``path`` (None: compile every time)."""

    def __init__(self, path: str | None):
        self.path = path if _ON else None
        self.stored: tuple[dict, dict] | None = None  # (programs, texts), read when first asked
        self.used: tuple[dict, dict] = ({}, {})
        self.missed = 0  # patterns compiled and texts built that the file did not hold
        self.found = 0  # and those it held

    def compile(self, text: str, flags: int = 0) -> re.Pattern:
        flags = int(flags)
        if self.path is None or not isinstance(text, str) or flags & re.DEBUG:
            return re.compile(text, flags)
        key = (text, flags)
        program = self._stored()[0].get(key)
        if program is not None:
            try:
                pattern = _from_program(text, program)
                self.found += 1
            except Exception:  # noqa: BLE001 - a program this engine refuses: compile it
                program = None
        if program is None:
            try:
                program = _program(text, flags)
                pattern = _from_program(text, program)
            except re.error:  # a mistake in the pattern: re.compile says the same
                raise
            except Exception:  # noqa: BLE001 - the private API changed: plain re from now on
                self.path = None
                return re.compile(text, flags)
            self.missed += 1
        self.used[0][key] = program
        return pattern

    def text(self, key: tuple, build) -> str:
        """The text ``build()`` makes, stored under ``key`` (which must say everything it is made
        from): the alternations of a few thousand words took 38 ms to build at every start."""
        if self.path is None:
            return build()
        made = self._stored()[1].get(key)
        if isinstance(made, str):
            self.found += 1
        else:
            made = build()
            self.missed += 1
        self.used[1][key] = made
        return made

    def _stored(self) -> tuple[dict, dict]:
        if self.stored is None:
            self.stored = _read(self.path)
        return self.stored

    def save(self) -> None:
        """Write the patterns used so far, if one of them was not in the file."""
        if self.path is None or not self.missed or sys.dont_write_bytecode:
            return
        payload = marshal.dumps(self.used)
        data = marshal.dumps((_HEADER, zlib.crc32(payload), payload))
        try:
            from pathlib import Path

            from ..records.disk import atomic_write

            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            atomic_write(Path(self.path), data, durable=False)
        except OSError:  # a read-only installation: compile at every start, as before
            return
        self.stored, self.missed = (dict(self.used[0]), dict(self.used[1])), 0


def _read(path: str) -> tuple[dict, dict]:
    """The programs and texts stored at ``path``; none when there is no file, or one that is
    damaged or was written by another Python."""
    try:
        with open(path, "rb") as f:
            header, crc, payload = marshal.loads(f.read())
        if header != _HEADER or zlib.crc32(payload) != crc:
            return {}, {}
        programs, texts = marshal.loads(payload)
        if isinstance(programs, dict) and isinstance(texts, dict):
            return programs, texts
    except Exception:  # noqa: BLE001 - missing, unreadable, torn: compile anew
        pass
    return {}, {}


def _program(text: str, flags: int) -> tuple:
    """What ``re.compile`` hands the engine for ``text``: the same steps as ``re._compiler``'s
    ``compile``, with the program kept as bytes (marshal stores bytes in a blink, long lists of
    int slowly)."""
    parsed = _parser.parse(text, flags)
    code = _compiler._code(parsed, flags)
    group_names = parsed.state.groupdict
    names_by_group = [None] * parsed.state.groups
    for name, index in group_names.items():
        names_by_group[index] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(),
            parsed.state.groups - 1, dict(group_names), tuple(names_by_group))


def _from_program(text: str, program: tuple) -> re.Pattern:
    flags, code, groups, group_names, names_by_group = program
    return _sre.compile(text, flags, array("I", code).tolist(), groups, group_names,
                        names_by_group)


_CACHE = PatternCache(cache_file())


def compile_pattern(text: str, flags: int = 0) -> re.Pattern:
    """``re.compile(text, flags)``, from this installation's cache when it holds the pattern."""
    return _CACHE.compile(text, flags)


def remembered_text(key: tuple, build) -> str:
    """``build()``, from this installation's cache when it holds ``key``."""
    return _CACHE.text(key, build)


def save() -> None:
    """Store the patterns the grammar compiled (called once its modules are imported)."""
    _CACHE.save()
