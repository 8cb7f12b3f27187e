"""Language packs: the words the number grammar reads, as data files, one folder per language.

    >>> from verify.lang import pack, available
    >>> available()
    ('en', 'it')
    >>> pack("it").hedges[0]
    Hedge(word='più di', qualifier='more_than', position='before')
    >>> pack("fr")
    Traceback (most recent call last):
    ...
    verify.errors.UnknownLanguageError: no language pack for 'fr': the packs are en, it ...

Each folder (``it/``, ``en/``) holds the same CSV files (``PACK_TABLES``); ``units.csv`` and
``hedge_signs.csv`` beside them serve every language. ``verify.grammar.lexicon`` builds the grammar's
tables from them at import. Every file is checked as it is read (``verify.lang.tables``): a
mistake raises ``LanguagePackError`` naming the file, the row and what to do.

The packs read are those shipped here, or those of the folder that ``VERIFY_LANG_PACKS`` names
(a copy to try a new word in, before it is added here), or of the ``folder`` passed.
The format, and how to add a word, a unit or a language: docs/how-a-figure-is-read.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

from ..errors import UnknownLanguageError
from .tables import (QUALIFIERS, Column, Row, Table, number, one_of, pattern, problem,
                     read_table, whole_number, word, words, yes_no)

PACKS_ENV = "VERIFY_LANG_PACKS"
"""The environment variable that points the grammar at another folder of packs."""

HERE = Path(__file__).resolve().parent

DIMENSIONS = {"mass": "kilogram", "length": "metre", "area": "square metre", "volume": "litre",
              "time": "day", "speed": "kilometre per hour", "power": "watt",
              "energy": "watt hour", "data": "byte"}
"""What a unit measures, and the base unit its ``factor`` converts to (a tonne is 1000 of the
mass's kilograms). Units of one dimension compare with each other in the evidence."""

UNIT_KINDS = ("count", "quantity", "money", "percent", "duration")
"""The claims table's kind of a figure with the unit."""

BORROWABLE = ("units", "months", "month_names")
"""The tables whose words a language may borrow from another (``borrows.csv``): a text is read
with its own language's words, and another's only where its pack says so."""

# --- The files of a pack -------------------------------------------------------------------------
_WORD, _HEDGE_POSITION = Column("word", word), Column("position", one_of("before", "after"))
PACK_TABLES = {
    "numbers": Table("numbers.csv", (_WORD, Column("value", whole_number), Column("kind", one_of(
        "small", "hundred", "scale", "suffix", "article", "dozen", "dozens"))),
        key="word", table_of="kind"),
    "fractions": Table("fractions.csv", (_WORD, Column("denominator", whole_number),
                                         Column("kind", one_of("fraction", "half"))), key="word"),
    "ordinals": Table("ordinals.csv", (_WORD, Column("value", whole_number)), key="word"),
    "ordinal_names": Table("ordinal_names.csv", (Column("pattern", pattern),), key="pattern"),
    "ordinal_determiners": Table("ordinal_determiners.csv", (_WORD,), key="word"),
    "hedges": Table("hedges.csv", (_WORD, Column("qualifier", one_of(*QUALIFIERS)),
                                   _HEDGE_POSITION), key="word", table_of="position"),
    "vague": Table("vague.csv", (_WORD, Column("value", whole_number), Column("kind", one_of(
        "vague", "vague_scale", "approximate"))), key="word"),
    "months": Table("months.csv", (_WORD, Column("month", whole_number), Column("form", one_of(
        "name", "abbreviation")), Column("capitalised_only", yes_no)), key="word"),
    "weekdays": Table("weekdays.csv", (_WORD, Column("day", whole_number)), key="word"),
    "decades": Table("decades.csv", (_WORD, Column("decade", whole_number)), key="word"),
    "year_cues": Table("year_cues.csv", (_WORD,), key="word"),
    "relative_years": Table("relative_years.csv", (Column("phrase", word),
                                                   Column("offset", whole_number)), key="phrase"),
    "borrows": Table("borrows.csv", (Column("table", one_of(*BORROWABLE)), Column("language", word)),
                     key="language", table_of="table"),
}
UNITS_TABLE = Table("units.csv", (
    Column("unit", str), Column("kind", one_of(*UNIT_KINDS)),
    Column("dimension", one_of(*DIMENSIONS), required=False),
    Column("factor", number, required=False), Column("symbols", words, required=False),
    Column("spacing", one_of("tight", "any", "spaced"), required=False),
    Column("before", words, required=False)), key="unit")
HEDGE_SIGNS_TABLE = Table("hedge_signs.csv", (Column("sign", str),
                                              Column("qualifier", one_of(*QUALIFIERS))), key="sign")


class Hedge(NamedTuple):
    """A word that qualifies a figure ("più di 10" is more than 10)."""

    word: str
    qualifier: str
    """One of ``QUALIFIERS``."""
    position: str
    """"before" the number ("più di 10") or "after" it ("10 o più")."""


class Unit(NamedTuple):
    """One row of ``units.csv``: a unit, how it converts, and how each language writes it."""

    name: str
    """English, singular, lower case as the claims table writes it ("tonne")."""
    kind: str
    """The kind of a figure with this unit (``UNIT_KINDS``)."""
    dimension: str
    """What it measures (``DIMENSIONS``), or "" when it compares only with itself."""
    factor: float | None
    """How many of the dimension's base unit it is; None without a dimension."""
    symbols: tuple[str, ...]
    """Written after the digits in any language ("km", "%")."""
    spacing: str
    """How the symbols follow the digits: "tight" (only with no space: "5m"; "5 m" is too
    ambiguous), "any" ("4,000 km", "4,000km") or "spaced" (only after a space: "10 m2")."""
    before: tuple[str, ...]
    """Written before the number ("€10", "USD 10"): currencies."""
    words: Mapping[str, tuple[str, ...]]
    """Per language code, the words that name it ("it": ("metri", "metro"))."""


@dataclass(frozen=True)
class Pack:
    """One language's tables, read-only. Words are lower case; values are whole numbers."""

    code: str
    folder: Path
    small: Mapping[str, int]
    """Number words below a hundred, and the pieces Italian joins ("venti", "vent")."""
    hundreds: Mapping[str, int]
    scales: Mapping[str, int]
    """"mila", "milioni", "million": they multiply the number before them."""
    suffix_scales: Mapping[str, int]
    """Letters after digits that multiply them ("10k", "2 mln")."""
    articles: Mapping[str, int]
    """Words that stand for 1 only before a scale or a fraction ("un milione", "a half")."""
    dozens: Mapping[str, int]
    dozen_plurals: frozenset
    """Of ``dozens``, those that count only after a number ("three dozens")."""
    fractions: Mapping[str, int]
    """Denominators ("terzi" is 3: "due terzi")."""
    halves: frozenset
    """Of ``fractions``, the words that are a half also alone ("mezzo", "half")."""
    ordinals: Mapping[str, int]
    ordinal_names: tuple[str, ...]
    """Patterns of the words after an ordinal that make it a name ("prima guerra mondiale")."""
    ordinal_determiners: tuple[str, ...]
    """Words an ordinal needs before it to be one ("la seconda"; "secondo l'agenzia" is not)."""
    hedges: tuple[Hedge, ...]
    vague: Mapping[str, int]
    """"migliaia" is more than 1000."""
    vague_scales: tuple[str, ...]
    """Of ``vague``, those that also multiply another ("decine di migliaia")."""
    approximate: Mapping[str, int]
    """"una decina" is about 10."""
    months: Mapping[str, int]
    """Names and abbreviations ("settembre", "set")."""
    month_names: Mapping[str, int]
    """Of ``months``, the names written out ("settembre"): a month alone must be one of them."""
    capitalised_months: frozenset
    """Of ``months``, those that are a month only when capitalised ("May", "may")."""
    weekdays: Mapping[str, int]
    """Monday is 1 ("lunedì", "lunedi")."""
    decades: Mapping[str, int]
    """"ottanta" is the decade of 1980."""
    year_cues: tuple[str, ...]
    """Words before four digits that make them a year ("nel 1961")."""
    relative_years: Mapping[str, int]
    """Phrases of a year relative to the article's ("l'anno scorso" is -1)."""
    unit_words: Mapping[str, Unit]
    """This language's words for units ("metri" -> the metre's ``Unit``); symbols are in
    ``units()``."""
    borrows: Mapping[str, tuple[str, ...]]
    """Per table of ``BORROWABLE``, the languages whose words a text in this one is also read
    with ("units": ("en",) in the Italian pack: "10 miles" in an Italian text; "month_names":
    the months written out, without the short forms)."""


def packs_folder() -> Path:
    """The folder of packs read when none is given: ``VERIFY_LANG_PACKS``, else the shipped one."""
    return Path(os.environ.get(PACKS_ENV) or HERE)


def available(folder: str | Path | None = None) -> tuple[str, ...]:
    """The language codes there are packs for: the folders of ``folder``, sorted."""
    root = Path(folder) if folder is not None else packs_folder()
    return tuple(sorted(p.name for p in root.iterdir()
                        if p.is_dir() and not p.name.startswith(("_", "."))))


def pack(code: str, folder: str | Path | None = None) -> Pack:
    """The pack of language ``code`` ("it"), read and checked once.

    Raises ``UnknownLanguageError`` for a code with no pack, ``LanguagePackError`` for a
    mistake in one of its files."""
    root = Path(folder) if folder is not None else packs_folder()
    known = _PACKS_READ.get((code, root))
    if known is not None:  # the grammar asks 78 times at import: listing the folder cost 10 ms
        return known
    codes = available(root)
    if code not in codes:
        raise UnknownLanguageError(
            f"no language pack for {code!r}: the packs are {', '.join(codes) or 'none'} "
            f"(folders of {root}). Use one of those codes, or add a pack: copy a folder, "
            "translate its words (docs/how-a-figure-is-read.md)", code=code, available=codes)
    read = _read_pack(code, root.resolve())
    if root.is_absolute():  # a relative folder may mean another one after a change of folder
        _PACKS_READ[(code, root)] = read
    return read


_PACKS_READ: dict[tuple[str, Path], Pack] = {}


def units(folder: str | Path | None = None) -> tuple[Unit, ...]:
    """The rows of ``units.csv``, checked: every word, symbol and currency sign names one unit
    (in each language)."""
    root = Path(folder) if folder is not None else packs_folder()
    return _read_units(root.resolve())


def hedge_signs(folder: str | Path | None = None) -> Mapping[str, str]:
    """Signs before a number and their qualifier (">" is more_than), in every language."""
    root = Path(folder) if folder is not None else packs_folder()
    return _read_signs(root.resolve())


@lru_cache(maxsize=None)
def _read_signs(root: Path) -> Mapping[str, str]:
    rows = read_table(root, HEDGE_SIGNS_TABLE)
    return MappingProxyType({r.values["sign"]: r.values["qualifier"] for r in rows})


@lru_cache(maxsize=None)
def _read_units(root: Path) -> tuple[Unit, ...]:
    codes = available(root)
    rows = read_table(root, UNITS_TABLE, tuple(Column(c, words, required=False) for c in codes))
    found = tuple(_unit(root, row, codes) for row in rows)
    _check_unit_words(root / UNITS_TABLE.file, rows, found, codes)
    return found


def _unit(root: Path, row: Row, codes: tuple[str, ...]) -> Unit:
    v, path = row.values, root / UNITS_TABLE.file
    if bool(v["dimension"]) != (v["factor"] != ""):
        raise problem(path, "a unit with a dimension needs its factor to the base unit, and one "
                            "without a dimension none: fill both cells or neither",
                      line=row.line, column="factor")
    if bool(v["symbols"]) != bool(v["spacing"]):
        raise problem(path, "symbols need their spacing (tight, any or spaced), and spacing "
                            "needs symbols: fill both cells or neither",
                      line=row.line, column="spacing")
    return Unit(v["unit"], v["kind"], v["dimension"], v["factor"] if v["dimension"] else None,
                v["symbols"], v["spacing"], v["before"],
                MappingProxyType({c: v.get(c) or () for c in codes}))


def _check_unit_words(path: Path, rows: list[Row], found: tuple[Unit, ...], codes) -> None:
    """A word or symbol names one unit: in each language (its words and the symbols, which
    every language reads), and among the currency signs."""
    readings = {"before": lambda u: u.before}
    readings.update({c: (lambda u, c=c: (*u.words[c], *u.symbols)) for c in codes})
    readings.setdefault("symbols", lambda u: u.symbols)  # with no language column at all
    for column, read in readings.items():
        seen: dict[str, Row] = {}
        for row, unit in zip(rows, found):
            for w in read(unit):
                other = seen.setdefault(w, row)
                if other is not row:
                    raise problem(path, f"{w!r} names two units: {other.values['unit']!r} "
                                        f"(row {other.line}) and {unit.name!r} (row {row.line});"
                                        " a word means one unit: keep it in one row",
                                  line=row.line, column=column)
            if len(set(read(unit))) != len(read(unit)):
                raise problem(path, f"a word of {unit.name!r} is written twice in its row: "
                                    "write it once", line=row.line, column=column)


@lru_cache(maxsize=None)
def _read_pack(code: str, root: Path) -> Pack:
    folder = root / code
    t = {name: read_table(folder, table) for name, table in PACK_TABLES.items()}

    def table(name, value="value", **where):
        return MappingProxyType({r.values[PACK_TABLES[name].key]: r.values[value] for r in t[name]
                                 if all(r.values[k] == v for k, v in where.items())})

    def listed(name, column="word", **where):
        return tuple(r.values[column] for r in t[name]
                     if all(r.values[k] == v for k, v in where.items()))

    number = {kind: table("numbers", kind=kind) for kind in (
        "small", "hundred", "scale", "suffix", "article")}
    dozens = {r.values["word"]: r.values["value"] for r in t["numbers"]
              if r.values["kind"] in ("dozen", "dozens")}
    vague = {r.values["word"]: r.values["value"] for r in t["vague"]
             if r.values["kind"] != "approximate"}
    return Pack(
        code=code, folder=folder, small=number["small"], hundreds=number["hundred"],
        scales=number["scale"], suffix_scales=number["suffix"], articles=number["article"],
        dozens=MappingProxyType(dozens), dozen_plurals=frozenset(listed("numbers", kind="dozens")),
        fractions=table("fractions", "denominator"), halves=frozenset(listed("fractions", kind="half")),
        ordinals=table("ordinals"), ordinal_names=listed("ordinal_names", "pattern"),
        ordinal_determiners=listed("ordinal_determiners"),
        hedges=tuple(Hedge(**r.values) for r in t["hedges"]),
        vague=MappingProxyType(vague), vague_scales=listed("vague", kind="vague_scale"),
        approximate=table("vague", kind="approximate"), months=table("months", "month"),
        month_names=table("months", "month", form="name"),
        capitalised_months=frozenset(listed("months", capitalised_only=True)),
        weekdays=table("weekdays", "day"), decades=table("decades", "decade"),
        year_cues=listed("year_cues"), relative_years=table("relative_years", "offset"),
        unit_words=MappingProxyType({w: u for u in _read_units(root) for w in u.words.get(code, ())}),
        borrows=_borrows(folder, t["borrows"], code, available(root)),
    )


def _borrows(folder: Path, rows: list[Row], code: str, codes: tuple[str, ...]):
    for row in rows:
        if row.values["language"] not in codes or row.values["language"] == code:
            raise problem(folder / PACK_TABLES["borrows"].file,
                          f"{row.values['language']!r} is not another language with a pack: the "
                          f"packs are {', '.join(codes)}; name one of the others",
                          line=row.line, column="language")
    return MappingProxyType({table: tuple(r.values["language"] for r in rows
                                          if r.values["table"] == table) for table in BORROWABLE})
