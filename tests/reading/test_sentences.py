"""Sentence splitting: abbreviations, quotes, glued sentences of scraped text, speed, any text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.reading.blocks import split_blocks
from verify.records.model import Block
from verify.reading.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "articles" / "putin-kim-2024.it.txt").read_text(encoding="utf-8")


def sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph`` read as one body block."""
    block = Block("body", 0, len(paragraph), paragraph)
    found = split_sentences(paragraph, [block])
    for s in found:
        assert paragraph[s.start:s.end] == s.text == s.text.strip()
    return [s.text for s in found]


@pytest.mark.parametrize("text", [
    "Il Sig. Rossi e il Dott. Bianchi sono arrivati.",
    "Lo ha detto il Prof. Verdi, come a pag. 5 del rapporto n. 3 (art. 21 ecc.) Poi basta.",
    "Mr. Smith met Mrs. Jones and Dr. Who at St. Paul's.",
    "The U.S. and the U.N. agreed at 10 a.m. on the plan, e.g. a ceasefire.",
    "Gen. Milley and Lt. Dan spoke on Jan. 5 about it.",
    "La quota è salita al 3.5 per cento, pari a 1.000 euro.",
    "J. K. Rowling wrote it.",
])
def test_abbreviations_do_not_end_a_sentence(text):
    assert len(sentences(text)) == 1 or text.endswith("Poi basta."), sentences(text)


def test_abbreviation_then_a_sentence():
    assert sentences("Lo ha detto il Prof. Verdi, come a pag. 5 (art. 21 ecc.) Poi basta.") == [
        "Lo ha detto il Prof. Verdi, come a pag. 5 (art. 21 ecc.)", "Poi basta."]


def test_plain_sentences():
    assert sentences("Putin è arrivato. Kim lo ha accolto! Perché? Nessuno lo sa... Poi la cena.") == [
        "Putin è arrivato.", "Kim lo ha accolto!", "Perché?", "Nessuno lo sa...", "Poi la cena."]


def test_a_dotted_acronym_before_a_sentence_opener_ends_it():
    assert sentences("He moved to the U.S. The next day he left.") == [
        "He moved to the U.S.", "The next day he left."]


def test_a_quote_with_its_attribution_is_one_sentence():
    text = "“Sì. Andremo avanti”, ha detto Putin. Poi è partito."
    assert sentences(text) == ["“Sì. Andremo avanti”, ha detto Putin.", "Poi è partito."]
    assert sentences("«Basta. Ora si vota», ha detto il premier.") == [
        "«Basta. Ora si vota», ha detto il premier."]


def test_a_quote_that_ends_the_sentence_splits_after_the_closing_mark():
    assert sentences("“Sì.” Poi se ne è andato.") == ["“Sì.”", "Poi se ne è andato."]
    assert sentences("He said “no.” Then he left.") == ["He said “no.”", "Then he left."]


def test_glued_sentences_of_scraped_text():
    assert sentences("Kim ha visitato Mosca nel 2001Per l’incontro ha preso il treno.") == [
        "Kim ha visitato Mosca nel 2001", "Per l’incontro ha preso il treno."]
    assert sentences("Una guerra devastante in UcrainaEntrambi i paesi hanno negato.") == [
        "Una guerra devastante in Ucraina", "Entrambi i paesi hanno negato."]
    assert sentences("Il vertice è finito.Domani si vota.") == ["Il vertice è finito.", "Domani si vota."]


@pytest.mark.parametrize("text", [
    "Ha mangiato da McDonald con un iPhone e un video su YouTube.",
    "Foto di LaPresse con DiCaprio e GlaxoSmithKline al MacBook.",
    "WhatsApp e PlayStation sono marchi, come BlackRock e PowerPoint.",
    "La squadra 3Com vinse il 1Password cup nel G7Summit.",
    "Ha parlato con il Ceo di OpenAI e di BioNTech.",
])
def test_camel_case_names_are_not_glued_sentences(text):
    assert sentences(text) == [text]


def test_noise_blocks_give_no_sentences():
    page = "Titolo della notizia di oggi\nStringer/Getty Images\nUn fatto accaduto ieri. Un altro.\nREAD  Altro titolo qui\n"
    found = split_sentences(page, split_blocks(page))
    assert [(s.block, s.text) for s in found] == [
        ("headline", "Titolo della notizia di oggi"), ("caption", "Un fatto accaduto ieri."),
        ("caption", "Un altro.")]


def test_seed_sentences():
    found = split_sentences(SEED, split_blocks(SEED))
    texts = [s.text for s in found]
    assert all(SEED[s.start:s.end] == s.text for s in found)
    assert any(t.endswith("Kim Jong Il al suo arrivo a Pyongyang, mercoledì 19 luglio 2000.") for t in texts)
    assert "Una guerra devastante in Ucraina" in " ".join(texts)
    assert any(t.startswith("Entrambi i paesi hanno negato") for t in texts)
    assert any(t.startswith("Per l’incontro ha intrapreso") for t in texts)
    assert not any("READ" in t or "Getty" in t or "Deve leggere" in t for t in texts)
    assert {s.block for s in found} == {"headline", "body", "caption"}


def test_a_megabyte_is_fast():
    text = SEED * 100  # about 1 MB
    started = time.perf_counter()
    found = split_sentences(text, split_blocks(text))
    assert time.perf_counter() - started < 5
    assert len(found) > 4000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "Sig.", "U.S.", "a.m.", "“", "”", "«", "»", '"', ".", "...", "…", "!", "?", " ", "\n", "\r\n",
    "2001Per", "UcrainaEntrambi", "Il", "the", "3.5", "J.", "finito.Domani", "(", ")",
]) | st.text(max_size=6), max_size=40).map("".join))
def test_any_text_gives_sentences_that_index_it(text):
    for s in split_sentences(text, split_blocks(text)):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
