"""The folding table of names and common words is data (``verify/lang/terms.csv``): a new
name or word is one new row, and a row a newcomer breaks is refused with the file, the row and
the column named.

Each test writes a copy of the shipped packs into a temporary folder, edits ``terms.csv`` as a
person would, and reads it in a fresh Python pointed at that folder (``VERIFY_LANG_PACKS``): the
table is read once, when ``verify.reading.terms`` is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import verify.lang as lang

ROOT = Path(__file__).resolve().parents[2]



def _append(path: Path, row: str) -> int:
    """Add ``row`` at the end of ``path``; return its line number (the header is line 1)."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n" + row + "\n", encoding="utf-8")
    return text.count("\n") + 2


def _fold(text: str, packs: Path | None) -> subprocess.CompletedProcess:
    """``normalize(text)`` and the keys of ``find_terms(text)``, in a fresh Python whose term
    table is read from ``packs`` (the shipped one when None)."""
    env = {k: v for k, v in os.environ.items() if k != lang.PACKS_ENV}
    if packs is not None:
        env[lang.PACKS_ENV] = str(packs)
    code = ("import sys; from verify.reading.terms import find_terms, normalize; "
            "print(normalize(sys.argv[1])); print([t.key for t in find_terms(sys.argv[1])])")
    return subprocess.run([sys.executable, "-c", code, text], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def test_a_new_name_and_its_acronym_are_one_row(packs: Path):
    text = "La Croce Rossa e la CRI hanno risposto."
    before = _fold(text, None)
    assert before.returncode == 0, before.stderr
    assert before.stdout.splitlines()[0] == "la croce rossa e la cri hanno risposto"

    _append(packs / "terms.csv", "red cross,name,Red Cross,,croce rossa|red cross,CRI|ICRC,"
                                 "a new body")
    after = _fold(text, packs)
    assert after.returncode == 0, after.stderr
    folded, keys = after.stdout.splitlines()
    assert folded == "la red cross e la red cross hanno risposto"
    assert keys == "['red cross', 'red cross']"


def test_a_unit_row_brings_the_units_words_in_every_language(packs: Path):
    _append(packs / "terms.csv", "metre,term,metres,metre,,,")
    after = _fold("Un muro di 3 metri, a wall of 3 metres", packs)
    assert after.returncode == 0, after.stderr
    assert after.stdout.splitlines()[0] == "un muro di 3 metre a wall of 3 metre"


@pytest.mark.parametrize("row, column, says", [
    ("red cross,name,Red Cross,,croce rossa,cri,", "acronyms", "capitals"),
    ("red cross,name,Red Cross,furlong,croce rossa,,", "unit", "not a unit of units.csv"),
    ("red cross,name,Red Cross,,,,", "surfaces", "no surfaces"),
    ("red cross,name,Red Cross,,Croce Rossa,,", "surfaces", "lower case"),
    ("red cross,body,Red Cross,,croce rossa,,", "kind", "name, term"),
    ("red cross,name,Red Cross,,croce rossa,UN,", "acronyms", "already stands for 'united nations'"),
    ("russia,name,Russia,,rusia,,", "key", "keep one of the two rows"),
])
def test_a_broken_row_names_the_file_the_row_and_the_column(packs: Path, row, column, says):
    line = _append(packs / "terms.csv", row)
    failed = _fold("Mosca", packs)
    assert failed.returncode != 0
    message = failed.stderr.strip().splitlines()[-1]
    assert message.startswith("verify.errors.LanguagePackError: ")
    assert f"terms.csv, row {line}, column {column}: " in message
    assert says in message
