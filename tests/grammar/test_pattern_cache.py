"""The cache of the grammar's compiled patterns: what comes out of it is what re.compile makes,
and a damaged, foreign or unwritable cache file changes nothing but the time it takes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from verify.grammar import lexicon, pattern_cache
from verify.grammar.pattern_cache import PatternCache

# Every pattern and alternation the grammar made while it was imported in this process.
GRAMMAR_PROGRAMS = dict(pattern_cache._CACHE.used[0])
GRAMMAR_TEXTS = dict(pattern_cache._CACHE.used[1])


@pytest.fixture
def writing(monkeypatch):
    """Let the cache write its file, as it does when byte code may be written."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_the_grammar_goes_through_the_cache():
    assert len(GRAMMAR_PROGRAMS) > 100 and len(GRAMMAR_TEXTS) > 50
    assert pattern_cache.cache_file().endswith(f"patterns.{sys.implementation.cache_tag}.bin")


def test_every_pattern_from_a_stored_file_equals_re_compile(tmp_path, writing):
    path = str(tmp_path / "patterns.bin")
    first = PatternCache(path)
    for text, flags in GRAMMAR_PROGRAMS:
        assert first.compile(text, flags) == re.compile(text, flags)
    assert first.missed == len(GRAMMAR_PROGRAMS) and first.found == 0
    first.save()

    again = PatternCache(path)
    for text, flags in GRAMMAR_PROGRAMS:
        pattern = again.compile(text, flags)
        # Pattern equality compares the pattern text, the flags and the compiled program.
        assert pattern == re.compile(text, flags), text[:80]
        assert pattern.groupindex == re.compile(text, flags).groupindex
    assert again.found == len(GRAMMAR_PROGRAMS) and again.missed == 0


def test_a_stored_pattern_finds_what_re_finds(tmp_path, writing):
    path = str(tmp_path / "patterns.bin")
    seed = PatternCache(path)
    seed.compile(r"(?P<n>\d+(?:[.,]\d{3})*)\s+(container|tonnellate)", re.IGNORECASE)
    seed.save()
    stored = PatternCache(path).compile(r"(?P<n>\d+(?:[.,]\d{3})*)\s+(container|tonnellate)",
                                        re.IGNORECASE)
    text = "più di 10.000 Container e 260.000 TONNELLATE"
    assert [m.span() for m in stored.finditer(text)] == [(7, 23), (26, 44)]
    assert stored.search(text).group("n") == "10.000"


def test_stored_alternations_are_the_texts_the_trie_builds(tmp_path, writing):
    for (kind, space, words), text in GRAMMAR_TEXTS.items():
        assert kind == "alternation"
        assert lexicon._trie_regex(lexicon._trie(words), space) == text
    path = str(tmp_path / "patterns.bin")
    first = PatternCache(path)
    built = first.text(("alternation", " ", ("due", "duecento")), lambda: "du(?:e(?:cento)?)")
    first.save()
    again = PatternCache(path)
    assert again.text(("alternation", " ", ("due", "duecento")), lambda: "not asked") == built
    assert again.found == 1


def _stored_file(tmp_path) -> Path:
    path = tmp_path / "patterns.bin"
    cache = PatternCache(str(path))
    cache.compile(r"\d+\s+missili", re.IGNORECASE)
    cache.save()
    return path


@pytest.mark.parametrize("damage", ["flipped byte", "torn", "empty", "not marshal", "folder"])
def test_a_damaged_file_is_ignored_and_rewritten(tmp_path, writing, damage):
    path = _stored_file(tmp_path)
    data = path.read_bytes()
    if damage == "flipped byte":  # inside the payload, the programs themselves
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x10]) + data[middle + 1:])
    elif damage == "torn":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not marshal":
        path.write_bytes(b"GIF89a" + bytes(range(64)))
    else:
        path.unlink()
        path.mkdir()
    cache = PatternCache(str(path))
    pattern = cache.compile(r"\d+\s+missili", re.IGNORECASE)
    assert pattern == re.compile(r"\d+\s+missili", re.IGNORECASE)
    assert cache.found == 0 and cache.missed == 1
    if damage != "folder":
        cache.save()  # rewritten whole
        again = PatternCache(str(path))
        assert again.compile(r"\d+\s+missili", re.IGNORECASE) == pattern and again.found == 1


def test_a_file_from_another_python_is_not_read(tmp_path, writing, monkeypatch):
    path = _stored_file(tmp_path)
    monkeypatch.setattr(pattern_cache, "_HEADER", ("verify-patterns", 1, "3.99.0", 1, 4, 1))
    cache = PatternCache(str(path))
    assert cache.compile(r"\d+\s+missili", re.IGNORECASE) == re.compile(r"\d+\s+missili", re.I)
    assert cache.found == 0 and cache.missed == 1


def test_nothing_is_written_where_byte_code_may_not_be(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "patterns.bin"
    cache = PatternCache(str(path))
    cache.compile(r"\d+")
    cache.save()
    assert not path.exists()


def test_an_unwritable_place_only_costs_time(tmp_path, writing):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = PatternCache(str(blocker / "__pycache__" / "patterns.bin"))
    assert cache.compile(r"almeno (\d+)") == re.compile(r"almeno (\d+)")
    cache.save()  # no error: compiled again at the next start
    assert cache.missed == 1


def test_a_mistake_in_a_pattern_is_re_s_own_error(tmp_path):
    cache = PatternCache(str(tmp_path / "patterns.bin"))
    with pytest.raises(re.error, match="missing \\)"):
        cache.compile(r"(\d+")
    assert cache.path is not None  # the cache stays on for the good patterns


def test_a_second_start_compiles_nothing(tmp_path):
    """Two real starts of the grammar, the cache beside the byte code (under a prefix here, so
    the test writes nothing into the checkout): the second finds every pattern."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    probe = ("import verify.grammar; from verify.grammar import pattern_cache as c; "
             "print(c._CACHE.found, c._CACHE.missed, c.cache_file())")
    starts = [subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                             text=True, check=True).stdout.split() for _ in range(2)]
    (found1, _, where1), (found2, missed2, where2) = starts
    assert where1 == where2 and where1.startswith(str(tmp_path)) and Path(where1).is_file()
    assert int(found1) == 0
    assert int(found2) > 200 and int(missed2) == 0
