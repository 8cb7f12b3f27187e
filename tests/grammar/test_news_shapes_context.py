"""The number grammar's context on shapes that real news writes (issue 9, "Real news read right"):
hedges before and after a figure, multiplicative claims, names that hold figures, ranks, and the
pairs of numbers that are no range (scores, vote tallies, a series of attempts).

Every sentence is written for this file, in the shapes that Italian and English news pages use.
"""

from __future__ import annotations

import pytest

from verify.grammar import find_mentions


def read(text: str, lang: str):
    return [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in find_mentions(text, lang)]


def checkable(text: str, lang: str) -> dict[str, bool]:
    return {m.text: m.checkable for m in find_mentions(text, lang)}


# --- Hedges: an Italian hedge takes the article or the articulated preposition ------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("La spesa per la sanità è intorno al 7% del Pil.", "it",
     ("intorno al 7%", "percent", "7", "percent", "about")),
    ("Le nascite sono scese intorno alle 380.000 l'anno.", "it",
     ("intorno alle 380.000", "count", "380000", "", "about")),
    ("Un calo attorno al 4% nei primi mesi.", "it", ("attorno al 4%", "percent", "4", "percent", "about")),
    ("Le richieste restano attorno ai 2.000 al mese.", "it",
     ("attorno ai 2.000", "count", "2000", "", "about")),
    ("Il tasso di disoccupazione scende sotto il 6%.", "it",
     ("sotto il 6%", "percent", "6", "percent", "less_than")),
    ("L'inflazione resta sopra il 2% per il terzo mese.", "it",
     ("sopra il 2%", "percent", "2", "percent", "more_than")),
    ("La temperatura è rimasta sopra i 40 gradi.", "it",
     ("sopra i 40 gradi", "quantity", "40", "degree", "more_than")),
    # The article elided before the figure: "dell'80%", "l'85%".
    ("Più dell'80% degli iscritti ha votato.", "it",
     ("Più dell'80%", "percent", "80", "percent", "more_than")),
    ("Quasi l'85% delle famiglie ha un'auto.", "it",
     ("Quasi l'85%", "percent", "85", "percent", "about")),
    ("Gli sconti arrivano fino all'80% sul prezzo.", "it",
     ("fino all'80%", "percent", "80", "percent", "at_most")),
    ("Meno dell'1% dei fondi è stato speso.", "it",
     ("Meno dell'1%", "percent", "1", "percent", "less_than")),
    ("Più degli 800 posti previsti.", "it", ("Più degli 800", "count", "800", "", "more_than")),
    # English: the comparison words that take "the" before a target or a mark.
    ("Inflation stayed above the 2% target for a year.", "en",
     ("above the 2%", "percent", "2", "percent", "more_than")),
    ("Unemployment fell below the 4% mark.", "en",
     ("below the 4%", "percent", "4", "percent", "less_than")),
    ("L'inflazione è salita quasi al 12 per cento.", "it", ("quasi al 12 per cento", "percent", "12", "percent", "about")),
    ("Growth hovered around the 1% level.", "en",
     ("around the 1%", "percent", "1", "percent", "about")),
])
def test_hedges_with_articles(text, lang, expected):
    found = read(text, lang)
    assert expected in found, found


@pytest.mark.parametrize("text, lang, expected", [
    ("Le temperature sfiorano i 40 gradi.", "it", ("sfiorano i 40 gradi", "about")),
    ("Il bonus arriva a un massimo di 500 euro.", "it", ("un massimo di 500 euro", "at_most")),
    ("I biglietti costano a partire da 15 euro.", "it", ("a partire da 15 euro", "at_least")),
    ("Il deficit è poco meno del 3%.", "it", ("poco meno del 3%", "less_than")),
    ("Le presenze sono più o meno 2.000.", "it", ("più o meno 2.000", "about")),
    ("Forza Italia è poco sotto l’8%.", "it", ("poco sotto l’8%", "less_than")),
    ("The deal is worth north of $10 billion.", "en", ("north of $10 billion", "more_than")),
    ("Growth came in just shy of 2%.", "en", ("shy of 2%", "less_than")),
    ("Losses were in the region of £40m.", "en", ("in the region of £40m", "about")),
])
def test_hedge_words_of_the_packs(text, lang, expected):
    found = [(m.text, m.qualifier) for m in find_mentions(text, lang)]
    assert expected in found, found


# --- Hedges: "oltre la metà" is more than 50 percent ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Oltre la metà degli intervistati non si fida.", ("Oltre la metà", "percent", "50", "percent", "more_than")),
    ("Più della metà dei comuni è senza asili.", ("Più della metà", "percent", "50", "percent", "more_than")),
    ("Meno della metà delle risorse è arrivata.", ("Meno della metà", "percent", "50", "percent", "less_than")),
    ("Quasi la metà dei giovani lavora da casa.", ("Quasi la metà", "percent", "50", "percent", "about")),
    ("Almeno la metà dei seggi va alle donne.", ("Almeno la metà", "percent", "50", "percent", "at_least")),
    ("La metà degli studenti ha una borsa.", ("La metà", "percent", "50", "percent", "exact")),
])
def test_half_is_fifty_percent(text, expected):
    found = read(text, "it")
    assert expected in found, found


@pytest.mark.parametrize("text, expected", [
    ("More than half of voters backed the plan.", ("More than half", "percent", "50", "percent", "more_than")),
    ("Nearly half the homes were flooded.", ("Nearly half", "percent", "50", "percent", "about")),
    ("Half of adults have a degree.", ("Half", "percent", "50", "percent", "exact")),
])
def test_half_is_fifty_percent_in_english_too(text, expected):
    found = read(text, "en")
    assert expected in found, found


@pytest.mark.parametrize("text, lang", [
    ("Sales fell in the first half of 2024.", "en"),
    ("Nella prima metà del 2024 le vendite sono calate.", "it"),
    ("Il Milan ha chiuso il primo tempo in vantaggio.", "it"),
    ("It took half an hour.", "en"),
    ("The half-time whistle blew.", "en"),
])
def test_periods_and_halves_of_a_unit_are_no_share(text, lang):
    found = [(m.text, m.kind, m.checkable) for m in find_mentions(text, lang)]
    assert [f for f in found if f[2] and f[1] in ("ordinal", "percent")] == [], found


@pytest.mark.parametrize("text", [
    "Entro la metà del 2025 il cantiere sarà chiuso.",   # a time: mid-2025
    "A metà maggio si vota.",
    "Alla metà degli anni Novanta la fabbrica chiuse.",   # mid-nineties
    "Verso la metà del mese arriverà la pioggia.",
    "Ha fatto la sua metà del lavoro.",
])
def test_half_as_a_time_is_no_figure(text):
    assert [m for m in find_mentions(text, "it") if m.value == "50"] == []


# --- Hedges: multiplicative claims are a count of times ------------------------------------------
# A claim that a figure doubled is the ratio of two figures: the claims table records it as a
# count of "time" (as "tre volte", "three times" are), the factor as the value.

@pytest.mark.parametrize("text, lang, expected", [
    ("In dieci anni il numero dei casi è più che raddoppiato.", "it",
     ("più che raddoppiato", "count", "2", "time", "more_than")),
    ("Le bollette sono raddoppiate rispetto al 2021.", "it", ("raddoppiate", "count", "2", "time", "exact")),
    ("Il prezzo del gas è quasi triplicato.", "it", ("quasi triplicato", "count", "3", "time", "about")),
    ("Le vendite si sono dimezzate.", "it", ("dimezzate", "count", "0.5", "time", "exact")),
    ("Le richieste sono quadruplicate in un anno.", "it", ("quadruplicate", "count", "4", "time", "exact")),
    ("Rents have more than doubled since 2015.", "en", ("more than doubled", "count", "2", "time", "more_than")),
    ("Prices nearly tripled over the decade.", "en", ("nearly tripled", "count", "3", "time", "about")),
    ("The deficit was halved in two years.", "en", ("halved", "count", "0.5", "time", "exact")),
    ("a threefold increase in arrests", "en", ("threefold", "count", "3", "time", "exact")),
    ("Ha preso il doppio dei voti rispetto al 2019.", "it", ("doppio", "count", "2", "time", "exact")),
    ("Lo zucchero costa quasi il triplo.", "it", ("quasi il triplo", "count", "3", "time", "about")),
    ("Prices are twice as high as in 2019.", "en", ("twice", "count", "2", "time", "exact")),
    ("The rate is double that of France.", "en", ("double", "count", "2", "time", "exact")),
])
def test_multiplicative_claims(text, lang, expected):
    found = read(text, lang)
    assert expected in found, found


@pytest.mark.parametrize("text, lang", [
    ("Al doppio turno ha vinto il centrosinistra.", "it"),
    ("Una strada a doppio senso.", "it"),
    ("Police are investigating a double murder.", "en"),
    ("Inflation hit double digits.", "en"),
])
def test_a_multiplier_adjective_is_no_claim(text, lang):
    assert find_mentions(text, lang) == []


def test_a_doubling_keeps_the_year_beside_it():
    found = read("Rents have more than doubled since 2015.", "en")
    assert ("2015", "year", "2015", "", "exact") in found, found


# --- Hedges: thresholds, negated or with the verb after the figure ------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Il contributo sarà non più del 50% del costo.", "it", ("non più del 50%", "at_most")),
    ("Il debito non supera il 60% del Pil.", "it", ("non supera il 60%", "at_most")),
    ("L'affluenza non ha superato il 40%.", "it", ("non ha superato il 40%", "at_most")),
    ("La quota non scende sotto il 30%.", "it", ("non scende sotto il 30%", "at_least")),
    ("Il rialzo non sarà oltre il 2%.", "it", ("non sarà oltre il 2%", "at_most")),
    ("Turnout did not exceed 40 percent.", "en", ("not exceed 40 percent", "at_most")),
    ("Inflation has not been above 3% since May.", "en", ("not been above 3%", "at_most")),
    ("Growth was never more than 1%.", "en", ("never more than 1%", "at_most")),
    ("The share never fell below 20%.", "en", ("never fell below 20%", "at_least")),
])
def test_a_negated_threshold(text, lang, expected):
    found = [(m.text, m.qualifier) for m in find_mentions(text, lang)]
    assert expected in found, found


@pytest.mark.parametrize("text, lang, expected", [
    ("Nel 2023 la soglia del 50% è stata superata.", "it", ("50% è stata superata", "50", "more_than")),
    ("Il tetto del 3% è stato sforato per il secondo anno.", "it", ("3% è stato sforato", "3", "more_than")),
    ("Il quorum del 50% non è stato raggiunto.", "it", ("50% non è stato raggiunto", "50", "less_than")),
    ("La soglia dei 1.000 contagi è stata raggiunta ieri.", "it",
     ("1.000 contagi è stata raggiunta", "1000", "at_least")),
    ("Superati i 300 mm di pioggia in poche ore.", "it", ("Superati i 300 mm", "300", "more_than")),
    ("Sforati i 2.000 contagi nella notte.", "it", ("Sforati i 2.000 contagi", "2000", "more_than")),
    ("The 1,000 mark was passed on Monday.", "en", ("1,000 mark was passed", "1000", "more_than")),
    ("The 2% target has been exceeded every month.", "en", ("2% target has been exceeded", "2", "more_than")),
    ("The 50% threshold was not reached.", "en", ("50% threshold was not reached", "50", "less_than")),
])
def test_a_threshold_verb_after_the_figure(text, lang, expected):
    found = [(m.text, m.value, m.qualifier) for m in find_mentions(text, lang)]
    assert expected in found, found


@pytest.mark.parametrize("text, lang, expected", [
    # A threshold named before the figure is the threshold's own value, exact; the verb after it
    # is what says more or less (test_a_threshold_verb_after_the_figure).
    ("Il partito è sotto la soglia di sbarramento del 4%.", "it", ("4%", "exact")),
    ("La soglia di sbarramento del 3% non è stata superata.", "it",
     ("3% non è stata superata", "at_most")),
])
def test_a_threshold_noun_before_the_figure(text, lang, expected):
    found = [(m.text, m.qualifier) for m in find_mentions(text, lang)]
    assert expected in found, found


@pytest.mark.parametrize("text, lang, surface", [
    ("Il 40% dei voti è stato contato ieri.", "it", "40%"),     # no threshold verb
    ("The 50 workers were passed over for promotion.", "en", "50 workers"),  # no threshold
])
def test_a_figure_without_a_threshold_verb_stays_exact(text, lang, surface):
    found = {m.text: m.qualifier for m in find_mentions(text, lang)}
    assert found.get(surface) == "exact", found


# --- Names that hold figures are not claims ----------------------------------------------------

@pytest.mark.parametrize("text, lang, surface", [
    ("Il Movimento 5 Stelle ha preso il 15%.", "it", "5"),
    ("L'intervista è andata in onda su Rai 3 e Radio 24.", "it", "3"),
    ("L'intervista è andata in onda su Rai 3 e Radio 24.", "it", "24"),
    ("La nuova Fiat 500 elettrica costa meno.", "it", "500"),
    ("Il ritorno della Formula 1 a Imola.", "it", "1"),
    ("Formula One returns to Monza.", "en", "One"),
    ("La staffetta 4x100 azzurra ha vinto l'oro.", "it", "4x100"),
    ("The 4x400 relay team was disqualified.", "en", "4x400"),
    ("She won the 400m hurdles in Paris.", "en", "400m"),
    ("Ha vinto i 100 metri ai campionati italiani.", "it", "100 metri"),
    ("La finale dei 200 metri stile libero.", "it", "200 metri"),
    ("He is the favourite in the 1500 metres final.", "en", "1500 metres"),
    ("She was fourth in the women’s 800m on Sunday.", "en", "800m"),
    ("He opened his 200m season with a win.", "en", "200m"),
    ("The team ran the 4x100m in a fast time.", "en", "4x100m"),
    ("I 100 metri femminili sono stati rinviati.", "it", "100 metri"),
    ("L'ambulanza del 118 è arrivata dopo dieci minuti.", "it", "118"),
    ("Un incidente sulla statale 36 ha bloccato il traffico.", "it", "36"),
    ("Il treno parte dal binario 3.", "it", "3"),
    ("Il furto è avvenuto in via Garibaldi 12, a Torino.", "it", "12"),
    ("Abita in piazza San Marco 4.", "it", "4"),
    ("The court ruled on Section 230 of the law.", "en", "230"),
    ("Drivers on Route 66 were stuck for hours.", "en", "66"),
    ("Leaders met at COP 28 in Dubai.", "en", "28"),
    ("Neighbours had to call 911 twice.", "en", "911"),
    ("He broke the Clean Water Act of 1972 twice.", "en", "1972"),
    ("L'Agenda 2030 dell'Onu fissa 17 obiettivi.", "it", "2030"),
    ("La Strategia 2021-2027 per le aree interne.", "it", "2021-2027"),
    ("Il Programma Nazionale 2021-2027 finanzia le scuole.", "it", "2021-2027"),
    ("Saudi Arabia's Vision 2030 plan was launched in 2016.", "en", "2030"),
    ("The Horizon 2020 programme funded the study.", "en", "2020"),
    ("Il piano Industria 4.0 ha aiutato le imprese.", "it", "4.0"),
    ("Con il Pnrr 2021-2026 arrivano nuovi fondi.", "it", "2021-2026"),
    ("Tickets for the Paris 2024 Olympics cost more than planned.", "en", "2024"),
])
def test_names_that_hold_figures(text, lang, surface):
    found = checkable(text, lang)
    assert found.get(surface) is False, found


@pytest.mark.parametrize("text, lang, surface", [
    ("Il Movimento 5 Stelle ha preso il 15%.", "it", "15%"),
    ("Saudi Arabia's Vision 2030 plan was launched in 2016.", "en", "2016"),
    ("La corsa è stata di 100 metri.", "it", "100 metri"),     # a distance, not the event
    ("A 400m stretch of road was closed.", "en", "400m"),
    ("Il periodo 2021-2027 vedrà nuovi fondi.", "it", "2021-2027"),   # lower case: the years
    ("Nel 2030 l'Italia avrà meno abitanti.", "it", "2030"),
    ("In 2024 Trump won the election.", "en", "2024"),
    ("Nel 2023 Roma ha avuto più turisti.", "it", "2023"),
    ("Paris 2024 was a success.", "en", "2024"),
    ("Inflation Hits 2024 High As Prices Soar", "en", "2024"),   # a headline in Title Case
    ("Il bilancio. 2021-2023: anni di crescita.", "it", "2021-2023"),
    ("Napoli 40 punti, Inter 38.", "it", "40 punti"),
    ("Gli operatori del 118 sono 118 in tutto.", "it", "118"),   # the second: a count
    ("The act was passed in 1972.", "en", "1972"),
    ("In via Roma sono stati contati 12 feriti.", "it", "12 feriti"),
    ("La linea è ferma da 3 giorni.", "it", "3 giorni"),
    # An acronym before a count is no name: the source of the figure, often.
    ("Secondo l'ISTAT 120 comuni hanno perso abitanti.", "it", "120"),
])
def test_figures_beside_names_stay_claims(text, lang, surface):
    found = checkable(text, lang)
    assert found.get(surface) is True, found


# --- Ranks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, surface, value", [
    ("Il Napoli è terzo in classifica con 40 punti.", "it", "terzo", "3"),
    ("La Lazio è terza in classifica.", "it", "terza", "3"),
    ("Fratelli d'Italia si conferma primo partito.", "it", "primo", "1"),
    ("Il Pd resta secondo partito con il 22%.", "it", "secondo", "2"),
    ("La squadra è arrivata quarta al traguardo.", "it", "quarta", "4"),
    ("Il Pd è il secondo partito.", "it", "secondo", "2"),
    ("He is third in the standings.", "en", "third", "3"),
    ("It is the second largest party.", "en", "second", "2"),
    ("It is the second-largest party.", "en", "second", "2"),
    ("She finished second-placed in the race.", "en", "second", "2"),
    ("It was the fifth World Cup held in Europe.", "en", "fifth", "5"),
])
def test_ranks_are_checkable_ordinals(text, lang, surface, value):
    found = {m.text: (m.kind, m.value, m.checkable) for m in find_mentions(text, lang)}
    assert found.get(surface) == ("ordinal", value, True), found


@pytest.mark.parametrize("text, lang, surface", [
    ("Per la prima volta la squadra ha vinto in trasferta.", "it", "prima"),
    ("È la prima volta che accade.", "it", "prima"),
    ("For the first time, the party won the city.", "en", "first"),
    ("It was the first time she had voted.", "en", "first"),
])
def test_first_time_is_no_figure(text, lang, surface):
    found = checkable(text, lang)
    assert found.get(surface) is not True, found


@pytest.mark.parametrize("text, lang, count", [
    ("For the first nine months of the year, sales grew.", "en", ("nine months", "duration", "9", "month", "exact")),
    ("Nei primi sei mesi dell'anno le vendite sono cresciute.", "it", ("sei mesi", "duration", "6", "month", "exact")),
])
def test_the_first_of_a_count_is_no_figure(text, lang, count):
    found = find_mentions(text, lang)
    assert count in [(m.text, m.kind, m.value, m.unit, m.qualifier) for m in found]
    assert [m.text for m in found if m.kind == "ordinal" and m.checkable] == []


@pytest.mark.parametrize("text, lang, surface, value", [
    ("She won in 52.1, her third consecutive win in Rome.", "en", "third", "3"),
    ("Poste (141 mila addetti): primo datore di lavoro del paese.", "it", "primo", "1"),
    ("La Juve ha vinto il suo quarto scudetto consecutivo.", "it", "quarto", "4"),
])
def test_places_after_a_possessive_or_a_colon(text, lang, surface, value):
    found = {m.text: (m.kind, m.value, m.checkable) for m in find_mentions(text, lang)}
    assert found.get(surface) == ("ordinal", value, True), found


@pytest.mark.parametrize("text, lang", [
    ("First responders reached the village at dawn.", "en"),
    ("He took a first aid course.", "en"),
    ("He was convicted of second-degree murder.", "en"),
    ("Third-party candidates did well.", "en"),
    ("Aid to the Third World fell.", "en"),
    ("Il primo cittadino ha firmato l'ordinanza.", "it"),
    ("Il terzo settore chiede più fondi.", "it"),
    ("La sentenza di primo grado è stata ribaltata.", "it"),
])
def test_first_in_a_job_name_is_no_figure(text, lang):
    assert [m for m in find_mentions(text, lang) if m.checkable] == []


@pytest.mark.parametrize("text, lang, duration", [
    ("Per la prima volta dopo 24 anni il presidente è tornato.", "it", ("24 anni", "duration", "24", "year", "exact")),
    ("For the first time in 24 years the president came back.", "en", ("24 years", "duration", "24", "year", "exact")),
])
def test_first_time_after_n_years_keeps_the_years(text, lang, duration):
    assert duration in read(text, lang)


@pytest.mark.parametrize("text, lang, surface", [
    ("È secondo lui la scelta giusta.", "it", "secondo"),      # according to him
    ("Secondo l'Istat il Pil cresce.", "it", "Secondo"),
    ("È prima di tutto una questione di soldi.", "it", "prima"),  # first of all
])
def test_words_that_look_like_ranks_are_not(text, lang, surface):
    assert surface not in checkable(text, lang)


# --- Not ranges: scores, vote tallies, a series of attempts -------------------------------------

def pairs(text: str, lang: str):
    return [(m.text, m.kind, m.value, m.value_max) for m in find_mentions(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("La Roma ha perso 1-2 in casa.", "it", [("1", "count", "1", ""), ("2", "count", "2", "")]),
    ("La Virtus ha vinto 78-65 a Milano.", "it", [("78", "count", "78", ""), ("65", "count", "65", "")]),
    ("Il testo è passato con 287-140.", "it", [("287", "count", "287", ""), ("140", "count", "140", "")]),
    ("Il punteggio finale è 0-3.", "it", [("0", "count", "0", ""), ("3", "count", "3", "")]),
    ("The Senate voted 52-48 to confirm her.", "en", [("52", "count", "52", ""), ("48", "count", "48", "")]),
    ("The Chiefs lost 24-27 in overtime.", "en", [("24", "count", "24", ""), ("27", "count", "27", "")]),
    ("Arsenal won 2-0 at home.", "en", [("2", "count", "2", ""), ("0", "count", "0", "")]),
    ("a 1–3 defeat at home", "en", [("1", "count", "1", ""), ("3", "count", "3", "")]),
    ("City ended the month with a 0-4 trouncing of Leeds.", "en", [("0", "count", "0", ""), ("4", "count", "4", "")]),
    ("Watford 0 – 3 Liverpool", "en", [("0", "count", "0", ""), ("3", "count", "3", "")]),
    ("Brighton 1 – 1 Leicester", "en", [("1", "count", "1", ""), ("1", "count", "1", "")]),
    ("Il Genoa piega la Lazio 1-2 al Ferraris.", "it", [("1", "count", "1", ""), ("2", "count", "2", "")]),
    ("Poi Rossi fa 0-2 e la partita è chiusa.", "it", [("0", "count", "0", ""), ("2", "count", "2", "")]),
    ("Vince anche il Bologna a Crotone (1-2).", "it", [("1", "count", "1", ""), ("2", "count", "2", "")]),
])
def test_scores_and_tallies_are_not_ranges(text, lang, expected):
    assert pairs(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("The bill passed by 287 votes to 140.", "en"),
    ("Ha saltato 7,10-7,25-7,31 nelle tre prove.", "it"),
    ("His throws were 8,01-8,12-8,21.", "en"),
])
def test_tallies_and_series_give_no_range(text, lang):
    assert all(m.qualifier != "range" for m in find_mentions(text, lang))


@pytest.mark.parametrize("text, lang, expected", [
    ("The figure was revised up from +151,000 to +172,000.", "en",
     [("+151,000", "count", "151000", ""), ("+172,000", "count", "172000", "")]),
    ("La disoccupazione è scesa dal 7,8% al 7,5%.", "it",
     [("7,8%", "percent", "7.8", ""), ("7,5%", "percent", "7.5", "")]),
    ("Il prezzo è passato da 2 a 3 euro.", "it", [("2", "count", "2", ""), ("3 euro", "money", "3", "")]),
    ("I prezzi hanno accelerato da +10,2% a +11,8% in un mese.", "it",
     [("+10,2%", "percent", "10.2", ""), ("+11,8%", "percent", "11.8", "")]),
    ("Trasporti (da +2,1% a +2,6%) e servizi.", "it",
     [("+2,1%", "percent", "2.1", ""), ("+2,6%", "percent", "2.6", "")]),
])
def test_a_change_from_one_figure_to_another_is_no_range(text, lang, expected):
    assert pairs(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Il corso dura 2-3 giorni.", "it", ("2-3 giorni", "duration", "2", "3")),
    ("Il reddito va da 20.000 a 30.000 euro.", "it", ("da 20.000 a 30.000 euro", "money", "20000", "30000")),
    ("Prices range from 20 to 30 dollars.", "en", ("from 20 to 30 dollars", "money", "20", "30")),
    ("Adults aged 18-24 were asked.", "en", ("18-24", "range", "18", "24")),
    ("the 2013-14 season", "en", ("2013-14", "year", "2013", "2014")),
    ("Tra 20 e 30 persone sono state fermate.", "it", ("Tra 20 e 30 persone", "count", "20", "30")),
    ("Nel 2024 i Comuni 10-15 sono stati accorpati.", "it", ("10-15", "range", "10", "15")),
    ("Children aged 0-4 years were vaccinated.", "en", ("0-4 years", "duration", "0", "4")),
    ("Le età (18-24) votano meno.", "it", ("18-24", "range", "18", "24")),
])
def test_real_ranges_stay_ranges(text, lang, expected):
    assert expected in pairs(text, lang)
