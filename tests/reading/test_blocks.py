"""Block typing: the seed's hand annotation, and made-up Italian and English pages for each rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.reading.blocks import split_blocks
from verify.records.model import BLOCK_TYPES

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "articles" / "putin-kim-2024.it.txt").read_text(encoding="utf-8")
GOLD = list(csv.DictReader(open(ROOT / "tests" / "data" / "seed" / "gold-blocks.csv",
                                encoding="utf-8", newline="")))


def kinds(page: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in split_blocks(page)]


def kind_of(page: str, line: str) -> str:
    found = [b.kind for b in split_blocks(page) if b.text == line]
    assert found, f"no block {line!r}"
    return found[0]


# --- The seed ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_blocks():
    return split_blocks(SEED)


@pytest.mark.parametrize("row", GOLD, ids=lambda r: f"line{r['line']}-{r['type']}")
def test_seed_gold_lines_get_their_type(seed_blocks, row):
    start, end = int(row["start"]), int(row["end"])
    match = [b for b in seed_blocks if (b.start, b.end) == (start, end)]
    assert match, f"no block spans {start}:{end} ({row['text']!r})"
    assert match[0].kind == row["type"], match[0]


def test_seed_other_lines_are_the_headline_or_body(seed_blocks):
    gold_spans = {(int(r["start"]), int(r["end"])) for r in GOLD}
    others = [b for b in seed_blocks if (b.start, b.end) not in gold_spans]
    line_of = {b.start: SEED.count("\n", 0, b.start) + 1 for b in seed_blocks}
    headlines = [b for b in others if b.kind == "headline"]
    assert [line_of[b.start] for b in headlines] == [4]
    assert all(b.kind in ("headline", "body") for b in others), \
        [(line_of[b.start], b.kind, b.text[:40]) for b in others if b.kind not in ("headline", "body")]


def test_every_block_indexes_the_text_and_says_why(seed_blocks):
    for b in seed_blocks:
        assert SEED[b.start:b.end] == b.text and b.text == b.text.strip() and b.text
        assert b.kind in BLOCK_TYPES and b.why


# --- Made-up pages, one rule at a time -----------------------------------------------------------

ITALIAN_PAGE = """\
Home | Mondo | Politica
Mondo > Europa
16 settembre 2024
Il governo approva la manovra da 30 miliardi di euro
Di Mario Rossi e Luca Bianchi
Il Consiglio dei ministri ha approvato ieri sera la legge di bilancio, che vale 30 miliardi di euro.
Foto: Ansa
Il ministro dell'Economia parla ai giornalisti a Roma, il 15 settembre 2024.
Secondo la Reuters, la manovra prevede tagli alle tasse per 10 miliardi.
LEGGI ANCHE: Pensioni, cosa cambia dal 2025
Leggi anche Il bonus casa resta al 50%
La misura entra in vigore il primo gennaio.
Riproduzione riservata © Copyright ANSA
Iscriviti alla nostra newsletter
Notizie correlate
Manovra, le opposizioni all'attacco del governo
Pensioni minime, l'aumento è di 3 euro
"""

ENGLISH_PAGE = """\
Menu
World
Updated 10:32 AM EDT, Wed June 19, 2024
Putin and Kim sign a mutual defense pact in Pyongyang
By Jane Doe, CNN
Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a pact on Wednesday.
Stringer/AFP via Getty Images
Kim Jong Un (right) greets Vladimir Putin at the airport in Pyongyang on June 19, 2024.
Reuters reported that the two leaders met for two hours, and/or exchanged gifts.
READ MORE: Japan's prime minister calls for calm
Related: What the treaty means for Seoul
(Photo by John Smith/Getty Images)
This story has been updated with additional reporting.
© 2024 Cable News Network. All rights reserved.
"""


def test_italian_page_rules():
    assert kinds(ITALIAN_PAGE) == [
        ("navigation", "Home | Mondo | Politica"),
        ("navigation", "Mondo > Europa"),
        ("dateline", "16 settembre 2024"),
        ("headline", "Il governo approva la manovra da 30 miliardi di euro"),
        ("byline", "Di Mario Rossi e Luca Bianchi"),
        ("body", "Il Consiglio dei ministri ha approvato ieri sera la legge di bilancio, che vale 30 miliardi di euro."),
        ("photo_credit", "Foto: Ansa"),
        ("caption", "Il ministro dell'Economia parla ai giornalisti a Roma, il 15 settembre 2024."),
        ("body", "Secondo la Reuters, la manovra prevede tagli alle tasse per 10 miliardi."),
        ("related_link", "LEGGI ANCHE: Pensioni, cosa cambia dal 2025"),
        ("related_link", "Leggi anche Il bonus casa resta al 50%"),
        ("body", "La misura entra in vigore il primo gennaio."),
        ("footer", "Riproduzione riservata © Copyright ANSA"),
        ("footer", "Iscriviti alla nostra newsletter"),
        ("footer", "Notizie correlate"),
        ("related_link", "Manovra, le opposizioni all'attacco del governo"),
        ("related_link", "Pensioni minime, l'aumento è di 3 euro"),
    ]


def test_english_page_rules():
    assert kinds(ENGLISH_PAGE) == [
        ("navigation", "Menu"),
        ("navigation", "World"),
        ("dateline", "Updated 10:32 AM EDT, Wed June 19, 2024"),
        ("headline", "Putin and Kim sign a mutual defense pact in Pyongyang"),
        ("byline", "By Jane Doe, CNN"),
        ("body", "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a pact on Wednesday."),
        ("photo_credit", "Stringer/AFP via Getty Images"),
        ("caption", "Kim Jong Un (right) greets Vladimir Putin at the airport in Pyongyang on June 19, 2024."),
        ("body", "Reuters reported that the two leaders met for two hours, and/or exchanged gifts."),
        ("related_link", "READ MORE: Japan's prime minister calls for calm"),
        ("related_link", "Related: What the treaty means for Seoul"),
        ("photo_credit", "(Photo by John Smith/Getty Images)"),
        ("footer", "This story has been updated with additional reporting."),
        ("footer", "© 2024 Cable News Network. All rights reserved."),
    ]


@pytest.mark.parametrize("line", [
    "Gavriil Grigorov/Pool/AFP/Sputnik/Getty Images", "ITAR-TASS/AP", "Stringer/Getty Images",
    "Mario Rossi/LaPresse", "Anna Verdi/Fotogramma", "Ansa", "Getty Images", "Foto: Mario Rossi",
    "Photo: Reuters", "Credit: Jane Doe for The New York Times", "© Mario Rossi",
    "Giulia Neri/Agenzia Sintesi", "Kenji Tanaka/Kyodo News",
])
def test_photo_credits(line):
    page = f"Titolo della notizia di oggi\nUn paragrafo con molte parole che descrive un fatto.\n{line}\n"
    assert kind_of(page, line) == "photo_credit"


@pytest.mark.parametrize("line", [
    "Lo ha detto Reuters, citando due fonti anonime del governo.",
    "Il rapporto costo/beneficio è di 3 a 1, secondo gli analisti.",
    "The agency, Reuters/Ipsos poll showed, has lost 5% of support.",
    "Getty Images ha venduto l'archivio per 10 milioni di dollari.",
    "Di Maio ha detto che il governo andrà avanti.",
])
def test_body_sentences_with_agency_words_stay_body(line):
    page = f"Titolo della notizia di oggi\nUn paragrafo con molte parole che descrive un fatto.\n{line}\n"
    assert kind_of(page, line) == "body"


@pytest.mark.parametrize("line", [
    "lunedì, Settembre 16, 2024", "Monday, September 16, 2024", "16 settembre 2024",
    "Pubblicato il 19 giugno 2024 alle 10:32", "Published 3:00 PM EDT, Tue June 18, 2024",
    "19/06/2024",
])
def test_datelines(line):
    assert kinds(f"{line}\nTitolo della notizia di oggi\n")[0] == ("dateline", line)


@pytest.mark.parametrize("line", [
    "READ  Il fallo di Embiid", "READ MORE", "Read more: the treaty explained",
    "Leggi anche: il bonus casa", "VEDI ANCHE Il caso Ilva", "SEE ALSO: Ukraine's losses",
    "ALSO READ Trump says he will appeal", "Related: Seoul reacts",
])
def test_related_links(line):
    page = f"Titolo della notizia\nUn paragrafo con molte parole che descrive un fatto.\n{line}\nAltro paragrafo con parole.\n"
    assert kind_of(page, line) == "related_link"


def test_a_body_sentence_opening_with_read_stays_body():
    page = "Titolo della notizia\nRead the full report here, the minister said on Monday.\n"
    assert kind_of(page, "Read the full report here, the minister said on Monday.") == "body"


@pytest.mark.parametrize("line", [
    "Questa storia è stata aggiornata.", "This story has been updated", "Deve leggere",
    "Must read", "Notizie correlate", "Related articles", "Tutti i diritti riservati",
    "Iscriviti alla newsletter", "Condividi", "Seguici su Facebook e Instagram",
])
def test_footers(line):
    page = f"Titolo della notizia\nUn paragrafo con molte parole che descrive un fatto.\n{line}\n"
    assert kind_of(page, line) == "footer"


@pytest.mark.parametrize("line,kind", [
    ("CNN", "byline"), ("Di Mario Rossi", "byline"), ("By Jane Doe, CNN", "byline"),
    ("di Redazione", "byline"), ("Mario Rossi", "byline"), ("Jane Doe and John Roe", "byline"),
])
def test_bylines_after_the_headline(line, kind):
    page = f"Putin visita la Corea del Nord per la prima volta\n{line}\nIl presidente russo è arrivato a Pyongyang ieri mattina presto.\n"
    assert kind_of(page, line) == kind


def test_a_capitalised_short_line_in_the_middle_is_not_a_byline():
    page = ("Titolo della notizia di oggi\nUn paragrafo con molte parole che descrive un fatto.\n"
            "Kim Jong Un\nAltro paragrafo con molte parole.\n")
    assert kind_of(page, "Kim Jong Un") == "body"


def test_navigation_teaser_glued_to_a_section_label():
    page = ("Notizie principaliPutin afferma che Russia e Corea del Nord si aiuteranno...\n"
            "Putin afferma che Russia e Corea del Nord si aiuteranno\n")
    assert [k for k, _ in kinds(page)] == ["navigation", "headline"]


def test_only_the_first_title_like_line_is_the_headline():
    page = ("Putin visita la Corea del Nord\nUn patto di difesa tra i due paesi\n"
            "Il presidente russo è arrivato a Pyongyang.\n")
    assert [k for k, _ in kinds(page)] == ["headline", "body", "body"]


def test_caption_before_its_credit():
    page = ("Titolo della notizia di oggi\nUn paragrafo con molte parole che descrive un fatto.\n"
            "Il premier (al centro) durante il vertice a Bruxelles.\nFoto: Ansa\n"
            "Il vertice si è chiuso senza un accordo sul bilancio europeo, hanno detto fonti Ue.\n")
    assert [k for k, _ in kinds(page)] == ["headline", "body", "caption", "photo_credit", "body"]


def test_crlf_and_indentation():
    page = "  Titolo della notizia di oggi \r\n\r\n\tCorpo dell'articolo, con parole.\r\nStringer/Getty Images\r\n"
    blocks = split_blocks(page)
    assert [b.text for b in blocks] == ["Titolo della notizia di oggi", "Corpo dell'articolo, con parole.",
                                        "Stringer/Getty Images"]
    assert all(page[b.start:b.end] == b.text for b in blocks)


def test_a_page_that_opens_with_a_paragraph_has_no_headline():
    page = "Il presidente russo è arrivato a Pyongyang. Ha incontrato Kim. Poi è ripartito.\n"
    assert [k for k, _ in kinds(page)] == ["body"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_blocks_that_index_it(text):
    for b in split_blocks(text):
        assert text[b.start:b.end] == b.text and b.text.strip() == b.text and b.text
        assert b.kind in BLOCK_TYPES
