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

from dataclasses import replace

import pytest

from verify.reading.articles import load_article
from verify.reading.claims import extract_claims
from verify.grammar import find_mentions


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


# --- Number words: pronouns, words inside words, "un solo" ---------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Due vittime: una a Bari e una a Lecce.", "it", [("Due vittime", "count", "2", "", "death", "exact")]),
    ("Tre feriti, uno in gravi condizioni.", "it", [("Tre feriti", "count", "3", "", "injured", "exact")]),
    ("Two people died: one in Leeds and one in York.", "en",
     [("Two people", "count", "2", "", "person", "exact")]),
])
def test_number_words_as_pronouns_are_no_new_figures(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    ("Un trentenne è stato fermato dalla polizia.", ("trentenne", "duration", "30", "", "year", "exact")),
    ("La vittima, una quarantenne, lavorava in banca.", ("quarantenne", "duration", "40", "", "year", "exact")),
    ("Arrestato un ventenne.", ("ventenne", "duration", "20", "", "year", "exact")),
    ("Il diciottenne è stato ascoltato.", ("diciottenne", "duration", "18", "", "year", "exact")),
    ("Un sessantacinquenne è caduto.", ("sessantacinquenne", "duration", "65", "", "year", "exact")),
    ("Un 45enne è stato denunciato.", ("45enne", "duration", "45", "", "year", "exact")),
    ("Gli ultracinquantenni possono prenotare.", ("ultracinquantenni", "duration", "50", "", "year", "more_than")),
    ("Il vaccino è offerto agli over 60 e agli ultrasessantenni.",
     ("ultrasessantenni", "duration", "60", "", "year", "more_than")),
    ("Ha acceso un mutuo trentennale.", ("trentennale", "duration", "30", "", "year", "exact")),
])
def test_ages_written_inside_words(text, expected):
    assert expected in read(text, "it")


@pytest.mark.parametrize("text", [
    "Ottenne il premio dalla giuria.",        # a verb: "obtained"
    "Le antenne sono state rimosse.",         # a noun
    "Un impegno perenne e solenne.",          # adjectives
    "Lo mantenne e lo sostenne.",             # verbs
])
def test_words_ending_like_an_age_are_no_figures(text):
    assert read(text, "it") == []


@pytest.mark.parametrize("text, lang, expected", [
    ("È stato registrato un solo caso.", "it", ("un solo caso", "count", "1", "", "case", "exact")),
    ("C'è stata una sola vittima.", "it", ("una sola vittima", "count", "1", "", "death", "exact")),
    ("Ha perso per un solo voto.", "it", ("un solo voto", "count", "1", "", "vote", "exact")),
    ("The river rose two metres in a single day.", "en", ("a single day", "duration", "1", "", "day", "exact")),
    ("Dei tre candidati, uno solo è stato eletto.", "it", ("uno solo", "count", "1", "", "", "exact")),
])
def test_un_solo_is_exactly_one(text, lang, expected):
    assert expected in read(text, lang)


@pytest.mark.parametrize("text, lang, expected", [
    ("Non è stato registrato un solo caso.", "it", ("un solo caso", "count", "0", "", "case", "exact")),
    ("La legge è passata senza un solo voto contrario.", "it", ("un solo voto", "count", "0", "", "vote", "exact")),
    ("Not a single day was lost.", "en", ("a single day", "duration", "0", "", "day", "exact")),
])
def test_a_negated_un_solo_is_none(text, lang, expected):
    assert expected in read(text, lang)


def test_a_single_before_no_unit_is_no_figure():
    assert read("They want a single market for energy.", "en") == []


@pytest.mark.parametrize("text, expected", [
    ("Forti venti e venti di burrasca fino a 100 km/h.",
     [("fino a 100 km/h", "quantity", "100", "", "kilometre per hour", "at_most")]),
    ("«Tu sei un eroe», gli ha detto; se sei stanco, fermati.", []),
    ("Mille grazie a tutti i volontari.", []),
    ("I venti paesi dell'area euro e sei persone.",
     [("venti paesi", "count", "20", "", "country", "exact"), ("sei persone", "count", "6", "", "person", "exact")]),
])
def test_number_words_that_are_other_words_here(text, expected):
    assert read(text, "it") == expected


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


# --- Results: the unit comes from the sport ------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Ha corso i 100 metri in 10.12 nella finale di Roma.", "it",
     ("10.12", "duration", "10.12", "", "second", "exact")),
    ("Ha vinto i 400 metri con il tempo di 44,31.", "it", ("44,31", "duration", "44.31", "", "second", "exact")),
    ("He won the 400m in 44.31 on Sunday.", "en", ("44.31", "duration", "44.31", "", "second", "exact")),
    ("Ha vinto la maratona in 2:03:45.", "it", ("2:03:45", "duration", "7425", "", "second", "exact")),
    ("She clocked 1:56.45 in the 800m final.", "en", ("1:56.45", "duration", "116.45", "", "second", "exact")),
    ("Ha vinto il salto in lungo con 8,21.", "it", ("8,21", "quantity", "8.21", "", "metre", "exact")),
    ("He won the long jump with 8.21 at the trials.", "en", ("8.21", "quantity", "8.21", "", "metre", "exact")),
    ("Nel getto del peso è arrivata a 20,45.", "it", ("20,45", "quantity", "20.45", "", "metre", "exact")),
])
def test_results_take_their_unit_from_the_sport(text, lang, expected):
    assert expected in read(text, lang)


def test_a_marathon_time_is_one_figure():
    assert read("Ha vinto la maratona in 2:03:45.", "it") == [
        ("2:03:45", "duration", "7425", "", "second", "exact")]


@pytest.mark.parametrize("text, expected", [
    ("Ha vinto gli 80 metri in 10\"85.", [("10\"85", "duration", "10.85", "", "second", "exact")]),
    ("Nei 1000 metri ha chiuso in 2'58\"12, davanti a Neri (2'59\"40).",
     [("2'58\"12", "duration", "178.12", "", "second", "exact"),
      ("2'59\"40", "duration", "179.4", "", "second", "exact")]),
    ("La maratona è stata vinta in 2h08'15\".", [("2h08'15\"", "duration", "7695", "", "second", "exact")]),
])
def test_race_times_with_minute_and_second_marks(text, expected):
    assert [f for f in read(text, "it") if f[1] == "duration"] == expected


def test_quoted_numbers_are_no_race_times():
    assert all(m.kind != "duration" for m in find_mentions('Ha detto "10" e poi "20" volte.', "it"))


def test_the_nearest_sport_decides_the_unit():
    found = read("Ha vinto il salto in lungo con 7,12 e i 100 metri in 10,85.", "it")
    assert ("7,12", "quantity", "7.12", "", "metre", "exact") in found
    assert ("10,85", "duration", "10.85", "", "second", "exact") in found


@pytest.mark.parametrize("text, lang, expected", [
    ("L'inflazione era al 2,35 a marzo.", "it", ("2,35", "count", "2.35", "", "", "exact")),
    ("Il petrolio ha toccato il record di 85.12.", "en", ("85.12", "count", "85.12", "", "", "exact")),
    ("Il treno è partito alle 10.12.", "it", ("alle 10.12", "time", "10:12", "", "", "exact")),
    ("The ratio rose to 1.35 in the final quarter.", "en", ("1.35", "count", "1.35", "", "", "exact")),
    ("The index ran to 45.20 after a jump on Monday.", "en", ("45.20", "count", "45.2", "", "", "exact")),
    ("Nel corso del mese, all'asta dei titoli il rendimento è salito a 3,45.", "it",
     ("3,45", "count", "3.45", "", "", "exact")),
])
def test_ordinary_decimals_stay_numbers(text, lang, expected):
    found = [(m.text, m.kind, m.value, m.value_max, m.unit, m.qualifier)
             for m in find_mentions(text, lang) if m.checkable]
    assert expected in found or (expected[0].startswith("alle ") and (
        "10.12", "time", "10:12", "", "", "exact") in found), found


# --- Dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("La norma è in vigore dal 3 marzo del 2021.", "it", [("3 marzo del 2021", "date", "2021-03-03", "", "", "exact")]),
    ("Il bando è aperto dal 12 maggio del 2023 per tutti.", "it",
     [("12 maggio del 2023", "date", "2023-05-12", "", "", "exact")]),
    ("Nel periodo marzo-luglio 2022 le vendite sono calate.", "it",
     [("marzo-luglio 2022", "date", "2022-03", "2022-07", "", "range")]),
    ("Tra marzo e luglio 2022 le vendite sono calate.", "it",
     [("Tra marzo e luglio 2022", "date", "2022-03", "2022-07", "", "range")]),
    ("Sales fell from March to July 2022.", "en",
     [("from March to July 2022", "date", "2022-03", "2022-07", "", "range")]),
    ("Sales fell in the March-July 2022 period.", "en",
     [("March-July 2022", "date", "2022-03", "2022-07", "", "range")]),
    ("Il festival si tiene dal 3 al 7 marzo 2022.", "it",
     [("dal 3 al 7 marzo 2022", "date", "2022-03-03", "2022-03-07", "", "range")]),
])
def test_dates_read_whole(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Nel 2023, a marzo, i prezzi sono saliti del 3%.", "it", ("marzo", "date", "2023-03", "", "", "exact")),
    ("Le vendite di marzo e aprile 2023 sono calate.", "it", ("marzo", "date", "2023-03", "", "", "exact")),
    ("In 2021, in March, prices rose.", "en", ("March", "date", "2021-03", "", "", "exact")),
    ("Sales in March and April 2023 fell.", "en", ("March", "date", "2023-03", "", "", "exact")),
])
def test_a_bare_month_takes_its_year_from_the_sentence(text, lang, expected):
    assert expected in read(text, lang)


def test_a_year_the_month_is_compared_with_is_not_its_year():
    found = read("A marzo la disoccupazione è scesa al livello più basso dal 2008.", "it")
    assert ("marzo", "date", "--03", "", "", "exact") in found


@pytest.mark.parametrize("text, lang, published, expected", [
    ("Lo scorso marzo i prezzi sono saliti.", "it", "2024-06-10", ("scorso marzo", "date", "2024-03")),
    ("Lo scorso marzo i prezzi sono saliti.", "it", "2024-02-10", ("scorso marzo", "date", "2023-03")),
    ("Il 15 marzo scorso è stato firmato l'accordo.", "it", "2024-06-10", ("15 marzo scorso", "date", "2024-03-15")),
    ("Il prossimo settembre si vota.", "it", "2024-06-10", ("prossimo settembre", "date", "2024-09")),
    ("Prices rose last March.", "en", "2024-06-10", ("last March", "date", "2024-03")),
    ("The vote is next January.", "en", "2024-06-10", ("next January", "date", "2025-01")),
])
def test_a_month_takes_its_year_from_the_article_date_when_the_text_says_so(text, lang, published, expected):
    found = [(m.text, m.kind, m.value) for m in find_mentions(text, lang, published=published) if m.checkable]
    assert any(e[1:] == expected[1:] and expected[0] in e[0] for e in found), found


def test_claims_count_a_month_from_the_article_date():
    article = replace(load_article(text="Lo scorso marzo i prezzi sono saliti del 3%.\n", lang="it"),
                      published="2024-06-10")
    dates = [(c.text, c.value) for c in extract_claims(article) if c.kind == "date"]
    assert dates == [("scorso marzo", "2024-03")]


@pytest.mark.parametrize("text, lang, published, expected", [
    ("The figures, released Friday morning, Oct. 7, by the bureau.", "en", "2016-10-07", ("Oct. 7", "2016-10-07")),
    ("Venerdì 7 ottobre si è votato in tre regioni.", "it", "2016-10-10", ("7 ottobre", "2016-10-07")),
    ("Lunedì 20 dicembre è previsto lo sciopero.", "it", "2021-12-01", ("20 dicembre", "2021-12-20")),
    # the weekday does not fit the article's year: no year (the consistency check points it out)
    ("Venerdì 7 ottobre si è votato in tre regioni.", "it", "2024-10-10", ("7 ottobre", "--10-07")),
])
def test_a_weekday_confirms_the_year_of_the_article_date(text, lang, published, expected):
    assert expected in [(m.text, m.value) for m in find_mentions(text, lang, published=published)]


def test_a_bare_month_without_a_cue_keeps_no_year():
    found = read("A marzo i prezzi sono saliti.", "it", published="2024-06-10")
    assert ("marzo", "date", "--03", "", "", "exact") in found


@pytest.mark.parametrize("text, lang, expected", [
    ("La partita è in programma alle ore 15 a Roma.", "it", ("alle ore 15", "time", "15:00", "", "", "exact")),
    ("Il posticipo delle 20.45 si gioca a Milano.", "it", ("20.45", "time", "20:45", "", "", "exact")),
    ("Il museo resta aperto dalle 9.30 in poi.", "it", ("9.30", "time", "09:30", "", "", "exact")),
    ("Alle 15 netto successo della squadra di casa.", "it", ("Alle 15", "time", "15:00", "", "", "exact")),
    ("La partita comincia alle 18.", "it", ("alle 18", "time", "18:00", "", "", "exact")),
])
def test_times_of_day_after_ore_delle_dalle(text, lang, expected):
    assert expected in read(text, lang)


def test_an_hour_before_a_plural_noun_is_a_count():
    assert read("I fondi vanno alle 15 regioni del Sud.", "it") == [("15", "count", "15", "", "", "exact")]


@pytest.mark.parametrize("text, lang, expected", [
    ("La classifica della stagione 2020/2021 dopo trenta giornate.", "it",
     ("2020/2021", "year", "2020", "2021", "", "range")),
    ("Il campionato 2019/20 fu sospeso.", "it", ("2019/20", "year", "2019", "2020", "", "range")),
    ("The 2022/23 season ended early.", "en", ("2022/23", "year", "2022", "2023", "", "range")),
])
def test_a_season_is_a_range_of_two_years(text, lang, expected):
    assert expected in read(text, lang)


def test_a_fraction_of_years_that_are_not_consecutive_is_no_season():
    assert all(m.qualifier != "range" for m in find_mentions("Il rapporto tra 2020/2024 è strano.", "it"))


# --- Units and precision ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Temperatures reached 45C (113F) in the south.", "en",
     [("45C", "quantity", "45", "", "degree Celsius", "exact"),
      ("113F", "quantity", "113", "", "degree fahrenheit", "exact")]),
    ("Limiting warming to 1.5C needs cuts.", "en", [("1.5C", "quantity", "1.5", "", "degree Celsius", "exact")]),
    ("Il termometro ha segnato 45 °C, cioè 113 °F.", "it",
     [("45 °C", "quantity", "45", "", "degree Celsius", "exact"),
      ("113 °F", "quantity", "113", "", "degree fahrenheit", "exact")]),
])
def test_temperatures(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("La regione ha consumato 410 TWh di elettricità.", "it",
     [("410 TWh", "quantity", "410", "", "terawatt hour", "exact")]),
    ("The plant produced 12 GWh last year.", "en", [("12 GWh", "quantity", "12", "", "gigawatt hour", "exact")]),
    ("Le rinnovabili hanno dato 23,4TWh.", "it", [("23,4TWh", "quantity", "23.4", "", "terawatt hour", "exact")]),
    ("The new farm adds 1.6 GW of capacity.", "en", [("1.6 GW", "quantity", "1.6", "", "gigawatt", "exact")]),
])
def test_energy_units(text, lang, expected):
    assert read(text, lang) == expected


def test_a_letter_after_a_number_no_weather_has_is_no_temperature():
    assert all(m.unit != "degree Celsius" for m in find_mentions("The 450C credit of the tax code.", "en"))


def test_italian_school_classes_are_no_temperatures():
    assert all(m.unit != "degree Celsius" for m in find_mentions("Gli studenti della 5C hanno protestato.", "it"))


@pytest.mark.parametrize("text, lang, expected", [
    ("Il tasso è di 38 per 100.000 abitanti.", "it",
     [("38 per 100.000 abitanti", "count", "38", "", "per 100000 inhabitant", "exact")]),
    ("Si registrano 12 casi ogni 100mila abitanti.", "it",
     [("12 casi ogni 100mila abitanti", "count", "12", "", "case per 100000 inhabitant", "exact")]),
    ("The rate was 12 per 100,000 people.", "en",
     [("12 per 100,000 people", "count", "12", "", "per 100000 person", "exact")]),
    ("There were about 5 deaths per million people.", "en",
     [("about 5 deaths per million people", "count", "5", "", "death per 1000000 person", "about")]),
])
def test_rates_per_a_round_population(text, lang, expected):
    assert read(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Si contano 38 casi su 100.000 abitanti.", "it",
     [("38 casi su 100.000 abitanti", "count", "38", "", "case per 100000 inhabitant", "exact")]),
    ("About 12 out of 100,000 people were affected.", "en",
     [("About 12 out of 100,000 people", "count", "12", "", "per 100000 person", "about")]),
    ("Tre elettori su quattro non hanno votato.", "it", [("Tre elettori su quattro", "count", "0.75", "", "", "exact")]),
])
def test_a_ratio_to_a_round_population_is_a_rate(text, lang, expected):
    assert read(text, lang) == expected


def test_per_a_number_that_is_not_round_is_no_rate():
    assert ("10 euro", "money", "10", "", "euro", "exact") in read("Costa 10 euro per 3 persone.", "it")


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
