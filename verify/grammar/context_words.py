"""The words around a figure that change what it claims, from each pack's ``context.csv``.

One row per word or phrase, with its role:

- ``article``, ``articulated`` (value: its preposition, "del" is "di"): a hedge takes the
  article of the figure after it ("oltre il 50%", "più del 50%", "più dell'80%");
- ``negation``, ``auxiliary``: "non", "not"; and the verbs that may stand between a negation and a
  hedge ("non *ha* superato il 40%") or between a figure and its threshold verb ("il 50% *è
  stata* superata");
- ``threshold`` (a noun: "soglia", "mark"), ``threshold_verb`` (value: the qualifier the verb
  gives, "superata" is more_than);
- ``multiplier`` (value: the factor, "raddoppiato" is 2), ``multiplier_noun`` (a factor that is
  also an adjective: "il doppio dei voti", not "il doppio turno": only before one of the
  ``multiplier_noun_next`` words or a punctuation mark), ``share`` (value: the percent, "metà"
  is 50), ``share_article`` ("la metà"), ``time_preposition`` and ``time_noun`` (what makes
  "entro la metà del mese" a time, not a share), ``change`` (a verb of change before "from":
  "è sceso dal 7,8% al 7,5%" is two figures, not a range);
- ``name_before`` (a capitalised word that names a thing with a number: "Rai 3"),
  ``identifier_before`` (in any case: "la statale 36", "Section 230"), ``street`` ("in via
  Garibaldi 12": an address), ``title``
  (before a year: "Agenda 2030"), ``event`` and ``event_article`` (a race's name: "i 400 metri
  ostacoli"), ``number_name`` and ``number_name_before`` (a number that names a service: "del
  118", "call 911");
- ``rank_after``, ``rank_before`` (what makes an ordinal a place: "terzo in classifica", "è
  terzo"), ``first_time`` ("per la prima volta": no figure), ``period`` (after an ordinal, a
  period: "la prima metà del 2024", "the first half"), ``score`` and ``score_after`` (a
  result or a vote before or after two numbers: "ha perso 1-2", "a 1-3 defeat" are scores, not
  ranges).

Adding a word is adding a row. Each row is checked as it is read (``verify.lang.tables``): a
mistake raises ``LanguagePackError`` naming the file, the row and what to do.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..lang import available, pack, packs_folder
from ..lang.tables import QUALIFIERS, Column, Table, number, one_of, problem, read_table, word

ROLES = ("article", "articulated", "negation", "auxiliary", "threshold", "threshold_verb", "multiplier", "multiplier_noun",
         "multiplier_noun_next", "share",
         "share_article", "time_preposition", "time_noun", "name_before", "identifier_before", "street", "title", "event",
         "event_article", "number_name", "number_name_before", "rank_after", "rank_before",
         "first_time", "period", "score", "score_after", "change")
"""The roles a word of ``context.csv`` may have."""

# The roles whose rows need a value, and how it reads.
_VALUES = {"threshold_verb": one_of(*QUALIFIERS), "multiplier": number, "multiplier_noun": number,
           "share": number}

CONTEXT_TABLE = Table("context.csv", (
    Column("word", word), Column("role", one_of(*ROLES)), Column("value", str, required=False)),
    key="word", table_of="role")


@lru_cache(maxsize=None)
def _read(folder: Path) -> Mapping[str, Mapping[str, str | float]]:
    """role -> {word: value} of one pack's file, every row checked."""
    found: dict[str, dict] = {role: {} for role in ROLES}
    for row in read_table(folder, CONTEXT_TABLE):
        role, value = row.values["role"], row.values["value"]
        read = _VALUES.get(role)
        if read is not None:
            if not value:
                raise problem(folder / CONTEXT_TABLE.file, f"a {role} needs its value: write it",
                              line=row.line, column="value")
            try:
                value = read(value)
            except ValueError as err:
                raise problem(folder / CONTEXT_TABLE.file, str(err), line=row.line,
                              column="value") from None
        found[role][row.values["word"]] = value
    return MappingProxyType({role: MappingProxyType(words) for role, words in found.items()})


def context_words(role: str, code: str | None = None) -> Mapping[str, str | float]:
    """{word: value} of ``role`` in the pack of ``code``, or in every pack (their union) when
    ``code`` is None: a name, a score or a threshold reads the same whichever language
    the sentence around it is in."""
    if code is not None:
        return _read(pack(code).folder)[role]
    merged: dict = {}
    for each in available(packs_folder()):
        merged.update(_read(pack(each).folder)[role])
    return MappingProxyType(merged)
