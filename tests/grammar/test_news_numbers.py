"""The number grammar on what news writes beyond the seed: approximate and vague amounts
("una decina", "decine di migliaia", "hundreds of millions of dollars"), dates as datelines
write them ("Jul 22nd 2012", "Sept 16, 2024"), ranges whose scale is written once ("tra 2 e 3
miliardi"), two small numbers joined by "e"/"and" that are not one number ("tra dieci e
quindici"), comparison signs and comparatives ("≥ 30", "non inferiore a"), and what is no range
(a telephone number, a year and its month)."""

from __future__ import annotations

import pytest

from verify.grammar import find_mentions


def read(text: str, lang: str):
    return [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_mentions(text, lang)]


# --- Approximate and vague amounts, and dates as news sites write them ----------------------------

@pytest.mark.parametrize("text, lang, expected", [
    # Italian approximate numerals: "una decina" is about ten, "un centinaio" about a hundred.
    ("una decina di feriti", "it", ("una decina di feriti", "count", "10", "injured", "about")),
    ("una ventina di case", "it", ("una ventina di case", "count", "20", "house", "about")),
    ("una trentina di morti", "it", ("una trentina di morti", "count", "30", "death", "about")),
    ("una cinquantina di migranti", "it",
     ("una cinquantina di migranti", "count", "50", "migrant", "about")),
    ("un centinaio di persone", "it", ("un centinaio di persone", "count", "100", "person", "about")),
    ("un migliaio di soldati", "it", ("un migliaio di soldati", "count", "1000", "soldier", "about")),
    ("una dozzina di uova", "it", ("una dozzina", "count", "12", "", "exact")),
    # Vague plurals, alone and multiplied: "decine di migliaia" is more than ten thousand.
    ("decine di migliaia di persone", "it",
     ("decine di migliaia di persone", "count", "10000", "person", "more_than")),
    ("centinaia di migliaia di euro", "it",
     ("centinaia di migliaia di euro", "money", "100000", "euro", "more_than")),
    ("tens of thousands of people", "en",
     ("tens of thousands of people", "count", "10000", "person", "more_than")),
    ("hundreds of millions of dollars", "en",
     ("hundreds of millions of dollars", "money", "100000000", "dollar", "more_than")),
    ("dozens of people were hurt", "en", ("dozens of people", "count", "12", "person", "more_than")),
    ("da decine di anni", "it", ("decine di anni", "duration", "10", "year", "more_than")),
    ("centinaia di chilometri", "it", ("centinaia di chilometri", "quantity", "100", "kilometre", "more_than")),
    ("three dozen eggs", "en", ("three dozen", "count", "36", "", "exact")),
    # English month abbreviations without a period, as datelines write them.
    ("Jul 22nd 2012, 14:38", "en", ("Jul 22nd 2012", "date", "2012-07-22", "", "exact")),
    ("on Sept 16, 2024 the", "en", ("Sept 16, 2024", "date", "2024-09-16", "", "exact")),
    ("Jan 5 2024", "en", ("Jan 5 2024", "date", "2024-01-05", "", "exact")),
])
def test_news_amounts_and_dates(text, lang, expected):
    found = read(text, lang)
    assert expected in found, found


@pytest.mark.parametrize("text", [
    "il mar 3 volte",          # "mar" (sea) in lower case is no month
    "lo sapeva jan 5",         # a lower-case abbreviation without its period is no month
])
def test_lower_case_abbreviations_are_not_months(text):
    assert all(m.kind != "date" for m in find_mentions(text, "it"))


@pytest.mark.parametrize("text, lang, expected", [
    # Two small numbers joined by "e"/"and" are two numbers unless a fraction follows.
    ("tra dieci e quindici morti", "it", [("tra dieci e quindici morti", "count", "10", "15", "range")]),
    ("between ten and fifteen", "en", [("between ten and fifteen", "range", "10", "15", "range")]),
    ("venti e trenta", "it", [("venti", "count", "20", "", "exact"), ("trenta", "count", "30", "", "exact")]),
    ("cinque e tre quarti", "it", [("cinque e tre quarti", "count", "5.75", "", "exact")]),
    ("one hundred and five", "en", [("one hundred and five", "count", "105", "", "exact")]),
    # The scale written once counts for both ends.
    ("tra 2 e 3 miliardi di euro", "it",
     [("tra 2 e 3 miliardi di euro", "money", "2000000000", "3000000000", "range")]),
    ("2,5-3 milioni", "it", [("2,5-3 milioni", "range", "2500000", "3000000", "range")]),
    ("between 1 and 1.5 billion dollars", "en",
     [("between 1 and 1.5 billion dollars", "money", "1000000000", "1500000000", "range")]),
    ("tra 500 e 3 milioni", "it", [("tra 500 e 3 milioni", "range", "500", "3000000", "range")]),
    # No range: a year and its month, a telephone number.
    ("1995-01", "en", [("1995", "year", "1995", "", "exact"), ("01", "count", "1", "", "exact")]),
    ("tel 06-1234-5678", "it", [("06", "count", "6", "", "exact"), ("1234", "count", "1234", "", "exact"),
                                ("5678", "count", "5678", "", "exact")]),
    ("2013-14", "en", [("2013-14", "year", "2013", "2014", "range")]),
])
def test_ranges_and_joined_numbers(text, lang, expected):
    assert [(m.text, m.kind, m.value, m.value_max, m.qualifier)
            for m in find_mentions(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("La sua età non è inferiore a trenta.", "it", ("non è inferiore a trenta", "at_least")),
    ("un numero più piccolo o uguale a 100", "it", ("più piccolo o uguale a 100", "at_most")),
    ("bigger or equal than three thousand", "en", ("bigger or equal than three thousand", "at_least")),
    ("cases with x>10", "en", (">10", "more_than")),
    ("≤ 100 morti", "it", ("≤ 100 morti", "at_most")),
    ("when >= 30", "en", (">= 30", "at_least")),
])
def test_comparatives_and_signs_are_hedges(text, lang, expected):
    assert expected in [(m.text, m.qualifier) for m in find_mentions(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("quasi 1 italiano su 4", "it", ("quasi 1 italiano su 4", "count", "0.25", "about")),
    ("due famiglie su tre", "it", ("due famiglie su tre", "count", "0.666666666667", "exact")),
    ("about one in five adults", "en", ("about one in five", "count", "0.2", "about")),
])
def test_ratios_with_the_counted_noun_and_a_hedge(text, lang, expected):
    assert expected in [(m.text, m.kind, m.value, m.qualifier) for m in find_mentions(text, lang)]


def test_a_scaled_number_is_no_numerator():
    # "2 milioni su 3": two million is larger than three, so no ratio.
    assert [m.text for m in find_mentions("2 milioni su 3", "it")] == ["2 milioni", "3"]


@pytest.mark.parametrize("text, lang, expected", [
    # A lower-case "m": millions after a currency, metres otherwise.
    ("costs £4.5m in total", "en", ("£4.5m", "money", "4500000", "pound", "exact")),
    ("€300m", "en", ("€300m", "money", "300000000", "euro", "exact")),
    ("a 300m race", "en", ("300m", "quantity", "300", "metre", "exact")),
    ("5m people", "en", ("5m people", "count", "5000000", "person", "exact")),
    # Points, as polls and indices move.
    ("a 10-point lead", "en", ("10-point", "count", "10", "point", "exact")),
    ("-0,3 punti rispetto a maggio", "it", ("-0,3 punti", "count", "-0.3", "point", "exact")),
])
def test_news_units(text, lang, expected):
    assert expected in read(text, lang)


@pytest.mark.parametrize("text, lang, surface", [
    ("the 9/11 attacks", "en", "9/11"),
    ("open 24/7", "en", "24/7"),
    ("Article 5 of the treaty", "en", "5"),
    ("l'Articolo 11 della Costituzione", "it", "11"),
])
def test_names_and_expressions_are_not_figures(text, lang, surface):
    found = {m.text: m.checkable for m in find_mentions(text, lang)}
    assert found.get(surface) is False, found


@pytest.mark.parametrize("text, checkable", [
    ("ROMA, 14 OTT - Un vasto incendio", False),
    ("(ANSA) - ROMA, 11 MAR - Abbiamo stanziato", False),
    ("Milano, 23 mag. (LaPresse) – Il primo provvedimento", False),
    ("A Roma, 14 ottobre - si è votato", True),      # "A Roma": a sentence, not a dateline
    ("Il 14 ottobre - giorno della festa - Roma", True),
])
def test_an_agency_dateline_opening_a_paragraph_is_no_claim(text, checkable):
    dates = [m for m in find_mentions(text, "it") if m.kind == "date"]
    assert [m.checkable for m in dates] == [checkable]
