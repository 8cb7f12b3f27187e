"""Language packs (issue 9, "Languages as data"): the grammar's words are data files in
``verify/lang/``, checked when they are read, and a new word is one new row.

Each mistake test writes a broken copy of the shipped packs into a temporary folder, as a
newcomer editing a file might break it, and checks that the error names the file, the row and
what to do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import verify.lang as lang
from verify.grammar import lexicon
from verify.errors import LanguagePackError, UnknownLanguageError, VerifyError

ROOT = Path(__file__).resolve().parents[2]



def _replace(path: Path, old: str, new: str) -> int:
    """Replace the line ``old`` of ``path`` with ``new``; return its line number (header = 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index(old)
    lines[line] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return line + 1


def _append(path: Path, row: str) -> int:
    """Add ``row`` at the end of ``path``; return its line number."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n" + row + "\n", encoding="utf-8")
    return text.count("\n") + 2


def _error(read, *args) -> LanguagePackError:
    with pytest.raises(LanguagePackError) as caught:
        read(*args)
    return caught.value


# --- The shipped packs --------------------------------------------------------------------------

def test_the_shipped_packs_are_italian_and_english_and_read_without_error():
    assert lang.available() == ("en", "it")
    for code in lang.available():
        p = lang.pack(code)
        assert p.code == code and p.small and p.hedges and p.months and p.unit_words
    assert lang.pack("it").small["venti"] == 20
    assert lang.pack("en").months["september"] == 9
    assert lang.units()  # and so does the unit table


def test_a_pack_is_read_only():
    p = lang.pack("it")
    with pytest.raises(AttributeError):
        p.small = {}
    with pytest.raises(TypeError):
        p.small["venti"] = 21


def test_the_lexicon_is_built_from_the_packs():
    it, en = lang.pack("it"), lang.pack("en")
    assert lexicon.IT_SMALL == dict(it.small) and lexicon.EN_SCALE == dict(en.scales)
    assert lexicon.MONTHS["settembre"] == lexicon.MONTHS["september"] == 9
    assert {h.word for h in it.hedges if h.qualifier == "about"} <= set(lexicon.HEDGES["about"])
    metre = next(u for u in lang.units() if u.name == "metre")
    assert lexicon.UNITS["metri"] == lexicon.UNITS["metres"] == ("metre", "quantity")
    assert "m" in lexicon.TIGHT_UNITS and "m" not in lexicon.SPACED_ABBREVIATIONS
    assert metre.spacing == "tight" and metre.dimension == "length" and metre.factor == 1


def test_an_unknown_language_code_names_it_and_the_codes_there_are():
    with pytest.raises(UnknownLanguageError) as caught:
        lang.pack("fr")
    message = str(caught.value)
    assert "'fr'" in message and "en, it" in message
    assert caught.value.code == "fr" and caught.value.available == ("en", "it")
    assert isinstance(caught.value, VerifyError)


def test_a_new_language_folder_is_a_new_code(packs: Path):
    shutil.copytree(packs / "en", packs / "fr")
    assert lang.available(packs) == ("en", "fr", "it")
    assert lang.pack("fr", packs).months["june"] == 6


# --- Mistakes in a pack -------------------------------------------------------------------------

def test_a_misspelt_column_is_named_with_the_columns_there_are(packs: Path):
    path = packs / "it" / "hedges.csv"
    _replace(path, "word,qualifier,position,comment", "word,qualifer,position,comment")
    err = _error(lang.pack, "it", packs)
    assert str(path) in str(err) and "row 1" in str(err) and "'qualifer'" in str(err)
    assert "word, qualifier, position" in str(err) and err.row == 1


def test_a_missing_column_is_named(packs: Path):
    path = packs / "en" / "ordinals.csv"
    _replace(path, "word,value,comment", "word,comment")
    err = _error(lang.pack, "en", packs)
    assert str(path) in str(err) and "no column 'value'" in str(err)


def test_an_empty_word_names_its_row(packs: Path):
    path = packs / "it" / "numbers.csv"
    line = _replace(path, "dieci,10,small,", ",10,small,")
    err = _error(lang.pack, "it", packs)
    assert f"{path}, row {line}, column word" in str(err) and "write it, or delete the row" in str(err)
    assert err.row == line and err.column == "word"


def test_a_value_that_is_not_a_number_names_row_and_column(packs: Path):
    path = packs / "it" / "numbers.csv"
    line = _replace(path, "dieci,10,small,", "dieci,dieci,small,")
    err = _error(lang.pack, "it", packs)
    assert f"row {line}, column value" in str(err) and "'dieci' is not a whole number" in str(err)
    assert "in digits" in str(err)


def test_a_factor_that_is_not_a_number_is_refused(packs: Path):
    path = packs / "units.csv"
    row = next(r for r in path.read_text(encoding="utf-8").split("\n") if r.startswith("mile,"))
    line = _replace(path, row, row.replace("1609.344", "1609.344 m"))
    err = _error(lang.units, packs)
    assert f"row {line}, column factor" in str(err) and "not a number" in str(err)


def test_a_qualifier_that_does_not_exist_is_refused_with_the_ones_that_do(packs: Path):
    path = packs / "it" / "hedges.csv"
    line = _replace(path, "almeno,at_least,before,", "almeno,minimum,before,")
    err = _error(lang.pack, "it", packs)
    assert f"row {line}, column qualifier" in str(err) and "'minimum'" in str(err)
    assert "more_than, at_least, about, less_than, at_most" in str(err)


def test_a_dimension_that_does_not_exist_is_refused(packs: Path):
    path = packs / "units.csv"
    row = next(r for r in path.read_text(encoding="utf-8").split("\n") if r.startswith("metre,"))
    line = _replace(path, row, row.replace(",length,", ",lenght,"))
    err = _error(lang.units, packs)
    assert str(path) in str(err) and f"row {line}, column dimension" in str(err)
    assert "'lenght'" in str(err) and "length" in str(err)


def test_a_word_with_two_meanings_names_both_rows(packs: Path):
    path = packs / "it" / "hedges.csv"
    first = path.read_text(encoding="utf-8").split("\n").index("circa,about,before,") + 1
    line = _append(path, "circa,more_than,before,")
    err = _error(lang.pack, "it", packs)
    assert f"row {line}" in str(err) and f"row {first}" in str(err)
    assert "two meanings" in str(err) and "keep one" in str(err)


def test_a_word_listed_twice_is_refused(packs: Path):
    path = packs / "en" / "months.csv"
    line = _append(path, "june,6,name,no,")
    err = _error(lang.pack, "en", packs)
    assert f"row {line}" in str(err) and "listed twice" in str(err) and "delete one" in str(err)


def test_a_unit_word_that_names_two_units_is_refused(packs: Path):
    path = packs / "units.csv"
    line = _append(path, "metro quadro,quantity,,,,,,metri,,")
    err = _error(lang.units, packs)
    assert f"row {line}" in str(err) and "'metri' names two units" in str(err)
    assert "'metre'" in str(err)


def test_a_word_in_capitals_is_refused(packs: Path):
    path = packs / "en" / "hedges.csv"
    line = _replace(path, "at least,at_least,before,", "At least,at_least,before,")
    err = _error(lang.pack, "en", packs)
    assert f"row {line}" in str(err) and "lower case ('at least')" in str(err)


def test_a_dimension_without_a_factor_is_refused(packs: Path):
    path = packs / "units.csv"
    row = next(r for r in path.read_text(encoding="utf-8").split("\n") if r.startswith("gallon,"))
    line = _replace(path, row, row.replace("3.785411784", ""))
    err = _error(lang.units, packs)
    assert f"row {line}" in str(err) and "needs its factor" in str(err)


def test_a_missing_file_is_named(packs: Path):
    (packs / "en" / "decades.csv").unlink()
    err = _error(lang.pack, "en", packs)
    assert str(packs / "en" / "decades.csv") in str(err) and "missing" in str(err)


def test_a_comma_inside_a_word_is_explained(packs: Path):
    path = packs / "it" / "year_cues.csv"
    line = _append(path, "nel corso, del,")
    err = _error(lang.pack, "it", packs)
    assert f"row {line}" in str(err) and "double quotes" in str(err)


# --- A new word is one row ----------------------------------------------------------------------

def _mentions(text: str, lang_code: str, packs: Path | None) -> list[dict]:
    """The mentions of ``text`` as ``verify numbers`` gives them, in a fresh Python whose
    grammar reads the packs of ``packs`` (the shipped ones when None)."""
    env = {k: v for k, v in os.environ.items() if k != lang.PACKS_ENV}
    if packs is not None:
        env[lang.PACKS_ENV] = str(packs)
    code = ("import json, sys; from verify.grammar import find_mentions; "
            "print(json.dumps([m.__dict__ for m in find_mentions(sys.argv[1], sys.argv[2])]))")
    out = subprocess.run([sys.executable, "-c", code, text, lang_code], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_an_italian_unit_and_hedge_are_each_one_new_row(packs: Path):
    text = "Al porto sono arrivati grosso modo 300 bancali di grano."
    before = [(m["value"], m["unit"], m["qualifier"]) for m in _mentions(text, "it", None)]
    assert before == [("300", "", "exact")]

    _append(packs / "units.csv", "pallet,count,,,,,,bancali|bancale,pallets|pallet,")
    _append(packs / "it" / "hedges.csv", "grosso modo,about,before,roughly")
    after = _mentions(text, "it", packs)
    assert [(m["value"], m["unit"], m["qualifier"]) for m in after] == [("300", "pallet", "about")]
    assert after[0]["text"] == "grosso modo 300 bancali"


# --- One home for each fact -------------------------------------------------------------------

_ONE_HOME = """
import json, sys
from verify.evidence.comparison import judge, read
from verify.checking.consistency_calendar import weekday_of
from verify.grammar import find_mentions
from verify.reading.terms import normalize
said = read(find_mentions("Il percorso della corsa è di 10 furlong.", "it"))[0]
passage = read(find_mentions("The race is run over 2,012 metres.", "en"))
print(json.dumps({"unit": said.mention.unit, "agreement": judge(said, passage).label,
                  "weekday": weekday_of("merc."), "month": normalize("settembr 2024")}))
"""


def _one_home(packs: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != lang.PACKS_ENV}
    if packs is not None:
        env[lang.PACKS_ENV] = str(packs)
    out = subprocess.run([sys.executable, "-c", _ONE_HOME], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_a_unit_weekday_or_month_row_reaches_the_grammar_the_evidence_and_the_checks(packs: Path):
    """One row in units.csv is a unit for the grammar and for the evidence's comparison; one
    row in weekdays.csv or months.csv reaches the consistency checks and the term folding."""
    assert _one_home(None) == {"unit": "", "agreement": "not_stated", "weekday": None,
                               "month": "settembr 2024"}
    _append(packs / "units.csv", "furlong,quantity,length,201.168,,,,furlong,furlongs,")
    _append(packs / "it" / "weekdays.csv", "merc.,3,abbreviated")
    _append(packs / "it" / "months.csv", "settembr,9,name,no,a misspelling")
    assert _one_home(packs) == {"unit": "furlong", "agreement": "agrees", "weekday": 2,
                                "month": "september 2024"}


# --- Languages do not leak into each other ------------------------------------------------------

def _read(text: str, lang_code: str) -> list[tuple[str, str, str, str]]:
    from verify.grammar import find_mentions
    return [(m.text, m.kind, m.value, m.unit) for m in find_mentions(text, lang_code)]


def test_english_text_is_read_without_italian_units_or_months():
    # "case" is Italian for houses, "set" the Italian short form of settembre
    assert _read("The review pooled 12 case reports from three hospitals.", "en") == [
        ("12", "count", "12", ""), ("three hospitals", "count", "3", "hospital")]
    assert _read("They played a 10 set match on grass.", "en") == [("10", "count", "10", "")]
    assert _read("The convoy waited 12 giorni at the border.", "en") == [("12", "count", "12", "")]
    # English borrows Italian month names written out (the dateline of an Italian site), not
    # the short forms
    assert _read("Roma, 3 marzo 2024.", "en") == [("3 marzo 2024", "date", "2024-03-03", "")]


def test_italian_text_keeps_its_own_words_and_borrows_english_units_and_months():
    assert _read("Sono crollate 12 case.", "it") == [("12 case", "count", "12", "house")]
    assert _read("Si è votato il 10 set 2024 a Roma.", "it") == [("10 set 2024", "date", "2024-09-10", "")]
    assert _read("Una corsa di 10 miles, il 3 June.", "it") == [
        ("10 miles", "quantity", "10", "mile"), ("3 June", "date", "--06-03", "")]


def test_what_a_language_borrows_is_a_row_of_its_pack(packs: Path):
    text = "Una corsa di 10 miles in tutto."
    assert [(m["unit"]) for m in _mentions(text, "it", packs)] == ["mile"]
    _replace(packs / "it" / "borrows.csv", next(
        r for r in (packs / "it" / "borrows.csv").read_text(encoding="utf-8").split("\n")
        if r.startswith("units,")), "")
    assert [(m["unit"]) for m in _mentions(text, "it", packs)] == [""]


def test_a_borrowed_language_must_be_a_pack(packs: Path):
    line = _append(packs / "en" / "borrows.csv", "units,fr,")
    err = _error(lang.pack, "en", packs)
    assert f"row {line}, column language" in str(err) and "'fr'" in str(err)
    assert "en, it" in str(err)


def test_the_docs_page_describes_every_file_and_column_of_a_pack():
    page = (ROOT / "docs" / "how-a-figure-is-read.md").read_text(encoding="utf-8")
    tables = [*lang.PACK_TABLES.values(), lang.UNITS_TABLE, lang.HEDGE_SIGNS_TABLE]
    for table in tables:
        assert f"`{table.file}`" in page or table.file in page, table.file
        for column in table.columns:
            assert f"`{column.name}`" in page, (table.file, column.name)
    for dimension in lang.DIMENSIONS:
        assert f"`{dimension}`" in page
    assert lang.PACKS_ENV in page
