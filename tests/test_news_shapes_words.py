"""Real news read right (issue 9, section 3): the shapes of figures that news writes and the
grammar misread. Every sentence is written for this test, in the shape found on real Italian and
English news pages (statistics releases, sport, health, energy, courts).

- scale words glued to the digits ("12mila", "3mln", "$3mn");
- number words that are no new figure (a pronoun after the noun was given), number words inside
  words ("trentenne": 30 years old), "un solo" (exactly one);
- plurals that are also fraction or ordinal words ("mezzi", "quarti di finale", "secondi posti");
- results, whose unit comes from the sport ("in 10.12", "2:03:45", "con 8,21");
- dates ("dal 3 marzo del 2021", "marzo-luglio 2022", a month's year from the sentence or from
  the article's date);
- units and precision ("45C (113F)", "410 TWh", "38 per 100.000 abitanti", every digit of a big
  integer, "a trillionth").
"""

from __future__ import annotations

import pytest

from verify.numbers import find_mentions


def read(text: str, lang: str, **kw):
    """The checkable figures of ``text``: (text, kind, value, value_max, unit, qualifier)."""
    found = find_mentions(text, lang, **kw)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.kind, m.value, m.value_max, m.unit, m.qualifier) for m in found if m.checkable]


def values(text: str, lang: str, **kw):
    return [(m.text, m.value) for m in find_mentions(text, lang, **kw) if m.checkable]


# --- Scale words glued to the digits ---------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Il settore ha perso 12mila posti in un anno.", "it", ("12mila", "count", "12000", "", "", "exact")),
    ("In piazza sono scese 80mila persone.", "it", ("80mila persone", "count", "80000", "", "person", "exact")),
    ("Gli occupati crescono di +64mila unità su base annua.", "it",
     ("+64mila unità", "count", "64000", "", "unit", "exact")),
    ("I lavoratori autonomi calano di -52mila unità.", "it",
     ("-52mila unità", "count", "-52000", "", "unit", "exact")),
    ("Il comune ha stanziato 3mln di euro per le scuole.", "it",
     ("3mln di euro", "money", "3000000", "", "euro", "exact")),
    ("Servono 1,5mld per la rete.", "it", ("1,5mld", "count", "1500000000", "", "", "exact")),
    ("Una manovra da 12milioni di euro.", "it", ("12milioni di euro", "money", "12000000", "", "euro", "exact")),
    ("Un buco da 2,3miliardi.", "it", ("2,3miliardi", "count", "2300000000", "", "", "exact")),
    ("The fund raised $3mn last week.", "en", ("$3mn", "money", "3000000", "", "dollar", "exact")),
    ("Debt passed £2tn for the first time.", "en", ("£2tn", "money", "2000000000000", "", "pound", "exact")),
    ("The startup has 12k users.", "en", ("12k users", "count", "12000", "", "user", "exact")),
])
def test_scale_words_glued_to_digits(text, lang, expected):
    assert expected in read(text, lang)


def test_glued_scale_keeps_the_range_and_the_hedge():
    assert read("Tra 10mila e 12mila persone.", "it") == [
        ("Tra 10mila e 12mila persone", "count", "10000", "12000", "person", "range")]
    assert read("Oltre 30mila firme raccolte.", "it") == [
        ("Oltre 30mila firme", "count", "30000", "", "signature", "more_than")]


# --- Plurals that are also fraction or ordinal words ---------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Sul posto sono arrivati 50 mezzi dei vigili del fuoco.", "it",
     [("50 mezzi", "count", "50", "", "vehicle", "exact")]),
    ("Impiegati trenta mezzi e cento uomini.", "it",
     [("trenta mezzi", "count", "30", "", "vehicle", "exact"), ("cento", "count", "100", "", "", "exact")]),
    ("Un mezzo pesante ha bloccato la strada.", "it", []),
    ("Basta un mezzo litro d'acqua.", "it", [("un mezzo litro", "quantity", "0.5", "", "litre", "exact")]),
    ("Si giocano i 4 quarti di finale.", "it",
     [("4 quarti di finale", "count", "4", "", "quarter-final", "exact")]),
    ("Four quarter-finals are played today.", "en",
     [("Four quarter-finals", "count", "4", "", "quarter-final", "exact")]),
    ("Tre quarti degli elettori hanno votato.", "it",
     [("Tre quarti degli elettori", "count", "0.75", "", "voter", "exact")]),
    ("La squadra conta tre secondi posti in stagione.", "it",
     [("tre secondi posti", "count", "3", "", "second place", "exact")]),
    ("She has three second places this season.", "en",
     [("three second places", "count", "3", "", "second place", "exact")]),
    ("Ha vinto con 3 secondi di vantaggio.", "it", [("3 secondi", "duration", "3", "", "second", "exact")]),
])
def test_plurals_that_are_fraction_or_ordinal_words(text, lang, expected):
    assert read(text, lang) == expected


# --- Units and precision ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("La regione ha consumato 410 TWh di elettricità.", "it",
     [("410 TWh", "quantity", "410", "", "terawatt hour", "exact")]),
    ("The plant produced 12 GWh last year.", "en", [("12 GWh", "quantity", "12", "", "gigawatt hour", "exact")]),
    ("Le rinnovabili hanno dato 23,4TWh.", "it", [("23,4TWh", "quantity", "23.4", "", "terawatt hour", "exact")]),
    ("The new farm adds 1.6 GW of capacity.", "en", [("1.6 GW", "quantity", "1.6", "", "gigawatt", "exact")]),
])
def test_energy_units(text, lang, expected):
    assert read(text, lang) == expected


def test_italian_school_classes_are_no_temperatures():
    assert all(m.unit != "degree Celsius" for m in find_mentions("Gli studenti della 5C hanno protestato.", "it"))


@pytest.mark.parametrize("text, lang, expected", [
    ("The debt is 123456789101231 dollars.", "en", ("123456789101231 dollars", "123456789101231")),
    ("Il numero è 123456789101231.", "it", ("123456789101231", "123456789101231")),
    ("Le presenze sono 1.234.567.890.123 in tutto.", "it", ("1.234.567.890.123", "1234567890123")),
    ("The model counts 1,234,567,890,123 people.", "en", ("1,234,567,890,123 people", "1234567890123")),
    ("Il debito è di 2.987.654.321.123 euro.", "it", ("2.987.654.321.123 euro", "2987654321123")),
])
def test_big_integers_keep_every_digit(text, lang, expected):
    assert expected in values(text, lang)


@pytest.mark.parametrize("text, lang, expected", [
    ("It lasts a trillionth of a second.", "en", ("a trillionth", "0.000000000001")),
    ("It weighs a billionth of a gram.", "en", ("a billionth", "0.000000001")),
    ("one millionth of a metre", "en", ("one millionth", "0.000001")),
])
def test_a_trillionth_is_a_fraction(text, lang, expected):
    assert expected in values(text, lang)


def test_the_millionth_visitor_is_an_ordinal():
    found = [(m.text, m.kind, m.value) for m in find_mentions("She was the millionth visitor.", "en")]
    assert ("millionth", "ordinal", "1000000") in found
