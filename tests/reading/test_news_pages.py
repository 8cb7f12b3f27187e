"""Pages laid out as real news sites lay them out, beyond the seed: a wire story (dateline with
"2 years ago", the headline repeated, "2 Min Read", a caption ending in an agency credit,
"Reporting by ...; Editing by ..."), a story sent by a feed-to-email service, and an Italian
agency story (a dateline led by the city, "Tempo di lettura", approximate numbers such as
"una decina" and "decine di migliaia").

The pages are written for these tests (tests/data/pages/), in the shapes those sites use. Each
test names what a checker would see go wrong: a claim from page furniture, or a figure misread.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verify import extract_claims, load_article


PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def load(name: str):
    return load_article(PAGES / name)


def kind_of(article, line: str) -> str:
    found = [b.kind for b in article.blocks if b.text == line]
    assert found, f"no block {line!r}"
    return found[0]


def figures(article):
    return [c for c in extract_claims(article) if c.kind not in ("fact", "quote")]


def claim_for(article, anchor: str):
    found = [c for c in figures(article) if anchor in c.text]
    assert found, f"no figure claim with {anchor!r}: {[c.text for c in figures(article)]}"
    return found[0]


# --- A wire story --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wire():
    return load("wire-en.txt")


@pytest.mark.parametrize("line, kind", [
    ("Officials say dozens hurt in 'serious incident' at Northfield depot", "headline"),
    ("March 4, 2023 / 9:15 AM / 2 years ago", "dateline"),
    ("Wire Staff", "byline"),
    ("2 Min Read", "navigation"),
    ("Firefighters work at the scene of a fire at the rail depot in Northfield, Ohio March 3, "
     "2023. REUTERS/Jane Roe", "caption"),
    ("Reporting by Jane Doe in Northfield; Editing by John Smith", "footer"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "footer"),
])
def test_wire_page_lines(wire, line, kind):
    assert kind_of(wire, line) == kind


def test_wire_headline_repeated_below_the_dateline_is_furniture(wire):
    copies = [b for b in wire.blocks if b.text == wire.title]
    assert [b.kind for b in copies] == ["headline", "navigation"]
    assert "repeat" in copies[1].why


def test_wire_dateline_dates_the_article(wire):
    assert wire.published == "2023-03-04"


def test_wire_figures(wire):
    more = claim_for(wire, "More than 40 people")
    assert (more.kind, more.value, more.unit, more.qualifier) == ("count", "40", "person", "more_than")
    dozen = claim_for(wire, "about a dozen")
    assert (dozen.value, dozen.qualifier) == ("12", "about")
    hours = claim_for(wire, "nine hours")
    assert (hours.kind, hours.value, hours.unit) == ("duration", "9", "hour")
    dozens = claim_for(wire, "dozens")
    assert (dozens.value, dozens.qualifier, dozens.block) == ("12", "more_than", "headline")
    caption = claim_for(wire, "March 3, 2023")
    assert (caption.kind, caption.value, caption.block) == ("date", "2023-03-03", "caption")


def test_wire_furniture_gives_no_claims(wire):
    noise = [c for c in extract_claims(wire) if c.block not in ("headline", "body", "caption")]
    assert noise == []
    texts = [c.text for c in figures(wire)]
    assert "2" not in texts and "2 years" not in texts  # "2 Min Read", "2 years ago"


# --- A story sent by a feed-to-email service -------------------------------------------------------

@pytest.fixture(scope="module")
def feed():
    return load("feed-en.txt")


def test_feed_headline_with_an_abbreviation(feed):
    # "Colo." is Colorado, not the end of a sentence: the line is still the headline.
    assert kind_of(feed, "Mayor: Some Colo. Storm Victims Still Missing") == "headline"


def test_feed_dateline_with_an_ordinal_day(feed):
    assert kind_of(feed, "Aug 14th 2021, 16:05") == "dateline"
    assert feed.published == "2021-08-14"


@pytest.mark.parametrize("line", [
    "You are receiving this email because you subscribed to this feed at example.com.",
    "If you no longer wish to receive these emails, you can unsubscribe from this feed.",
])
def test_feed_subscription_notices_are_footer(feed, line):
    assert kind_of(feed, line) == "footer"


def test_feed_figures(feed):
    homes = claim_for(feed, "120")
    assert (homes.kind, homes.value) == ("count", "120")
    assert [c for c in figures(feed) if c.block != "body" and c.block != "headline"] == []


# --- An Italian agency story ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def agenzia():
    return load("agenzia-it.txt")


@pytest.mark.parametrize("line, kind", [
    ("Maltempo, una decina di feriti e centinaia di evacuati in Liguria", "headline"),
    ("GENOVA, 14 ottobre 2024, 18:32", "dateline"),
    ("Redazione ANSA", "byline"),
    ("Tempo di lettura: 3 minuti", "navigation"),
    ("Vigili del fuoco al lavoro a Genova il 14 ottobre 2024. ANSA/LUCA ZENNARO", "caption"),
    ("Riproduzione riservata © Copyright ANSA", "footer"),
])
def test_agenzia_page_lines(agenzia, line, kind):
    assert kind_of(agenzia, line) == kind


def test_agenzia_dateline_dates_the_article(agenzia):
    assert agenzia.published == "2024-10-14"


@pytest.mark.parametrize("anchor, kind, value, unit, qualifier", [
    ("Una decina di persone", "count", "10", "person", "about"),
    ("in 24 ore", "duration", "24", "hour", "exact"),
    ("oltre 400 millimetri", "quantity", "400", "millimetre", "more_than"),
    ("Un centinaio", "count", "100", "", "about"),
    ("Decine di migliaia", "count", "10000", "", "more_than"),
])
def test_agenzia_figures(agenzia, anchor, kind, value, unit, qualifier):
    c = claim_for(agenzia, anchor.replace("in 24 ore", "24 ore"))
    assert (c.kind, c.value, c.unit, c.qualifier) == (kind, value, unit, qualifier), c
    assert c.text.lower().startswith(anchor.lower().replace("in 24 ore", "24 ore"))


def test_agenzia_furniture_gives_no_claims(agenzia):
    texts = [c.text for c in figures(agenzia)]
    assert "3 minuti" not in texts and "18:32" not in texts


# --- An Italian news site's story -------------------------------------------------------------------

@pytest.fixture(scope="module")
def cronaca():
    return load("cronaca-it.txt")


@pytest.mark.parametrize("line, kind", [
    ("Home > Cronaca > Roma", "navigation"),
    ("Roma, incendio in un deposito: evacuate 200 persone", "headline"),
    ("di Mario Rossi", "byline"),
    ("Ultimo aggiornamento: 14 ottobre 2024 ore 18:32", "dateline"),
    ("Tempo di lettura 2 min", "navigation"),
    ("Foto Ansa", "photo_credit"),
    ("Leggi anche: Incendio a Milano, chiuse due scuole", "related_link"),
    ("Condividi", "footer"),
])
def test_cronaca_page_lines(cronaca, line, kind):
    assert kind_of(cronaca, line) == kind


def test_cronaca_first_paragraph_is_body_not_the_credit_s_caption(cronaca):
    # "Foto Ansa" credits a photo the scrape lost: the paragraph after it, which opens with the
    # agency's dateline, is the story.
    first = next(b for b in cronaca.blocks if b.text.startswith("ROMA, 14 OTT"))
    assert first.kind == "body"


def test_cronaca_agency_dateline_is_no_claim_and_the_figures_are(cronaca):
    texts = {c.text: c for c in figures(cronaca)}
    assert "14 OTT" not in texts
    area = claim_for(cronaca, "3.000 metri quadrati")
    assert (area.kind, area.value, area.unit, area.qualifier) == ("quantity", "3000", "square metre", "about")
