"""Loading articles: the seed, an English page, pasted text, stable ids, bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from verify.reading.articles import SEED_ARTICLE, article_id_for, article_sentences, load_article
from verify.errors import ArticleError
from verify.reading.language import detect_language

DATA = Path(__file__).parents[1] / "data" / "seed"

ENGLISH = """\
Monday, September 16, 2024
Putin and Kim sign a mutual defense pact in Pyongyang
By Jane Doe, CNN
Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a pact on Wednesday.
Stringer/Getty Images
Kim Jong Un (right) greets Vladimir Putin at the airport in Pyongyang on June 19, 2024.
The agreement replaces the treaties of 1961, 2000 and 2001, the Kremlin said.
This story has been updated.
"""


@pytest.fixture(scope="module")
def seed():
    return load_article()


def test_the_seed_is_the_default(seed):
    assert seed.text == SEED_ARTICLE.read_text(encoding="utf-8")
    assert seed.article_id == "putin-kim-2024-it"
    assert seed.lang == "it"


def test_the_seed_metadata(seed):
    assert seed.dateline == "lunedì, Settembre 16, 2024"
    assert seed.published == "2024-09-16"
    assert seed.year == 2024
    assert seed.title.startswith("Putin afferma che Russia e Corea del Nord si aiuteranno")
    assert seed.encoding.replace("-", "").lower().startswith("utf8")


def test_the_seed_blocks_are_as_annotated(seed):
    with open(DATA / "gold-blocks.csv", encoding="utf-8", newline="") as f:
        gold = {(int(r["start"]), int(r["end"])): r["type"] for r in csv.DictReader(f)}
    by_span = {(b.start, b.end): b.kind for b in seed.blocks}
    assert {span: by_span.get(span) for span in gold} == gold
    assert all(kind in ("headline", "body") for span, kind in by_span.items() if span not in gold)


def test_the_seed_loads_the_same_from_its_path(seed):
    again = load_article(str(SEED_ARTICLE))
    assert again == seed


def test_an_english_article():
    article = load_article(text=ENGLISH)
    assert article.lang == "en"
    assert article.title == "Putin and Kim sign a mutual defense pact in Pyongyang"
    assert article.dateline == "Monday, September 16, 2024"
    assert article.published == "2024-09-16"
    assert [b.kind for b in article.blocks] == [
        "dateline", "headline", "byline", "body", "photo_credit", "caption", "body", "footer"]
    sentences = article_sentences(article)
    assert [s.block for s in sentences] == ["headline", "body", "caption", "body"]
    assert all(article.text[s.start:s.end] == s.text for s in sentences)


def test_pasted_text():
    article = load_article(text="Il governo approva la manovra\nIl Consiglio dei ministri ha approvato la legge.")
    assert article.source == "<text>"
    assert article.article_id.startswith("text-") and len(article.article_id) == 15
    assert article.lang == "it" and article.title == "Il governo approva la manovra"
    assert article.published == ""


def test_a_given_language_wins_over_detection():
    assert load_article(text=ENGLISH, lang="it").lang == "it"


def test_article_id_is_stable_and_survives_an_edit_of_the_body(tmp_path):
    page = tmp_path / "Vertice Putin-Kim.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    first, second = load_article(page), load_article(page)
    assert first.article_id == second.article_id == "vertice-putin-kim"
    page.write_text(ENGLISH.replace("1961", "1962"), encoding="utf-8")
    assert load_article(page).article_id == first.article_id
    pasted = load_article(text=ENGLISH).article_id
    assert load_article(text=ENGLISH.replace("1961", "1962")).article_id == pasted
    assert load_article(text=ENGLISH).article_id == pasted


def test_article_id_for_urls():
    url = "https://www.cnn.com/2024/06/19/asia/putin-kim-pact/index.html"
    article_id = article_id_for(url)
    assert article_id.startswith("cnn-com-2024-06-19-asia-putin-kim-pact-index-html-")
    assert article_id == article_id_for(url) != article_id_for(url + "?page=2")


@pytest.mark.parametrize("lang", ["fr", "IT", "", "english"])
def test_an_unsupported_language_is_refused_by_name(lang):
    with pytest.raises(ArticleError) as err:
        load_article(text=ENGLISH, lang=lang)
    assert repr(lang) in str(err.value) and "it, en" in str(err.value)


def test_empty_text_is_refused():
    with pytest.raises(ArticleError):
        load_article(text=" \n\t\n")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ArticleError):
        load_article(tmp_path / "missing.txt")


@pytest.mark.parametrize("text,lang", [
    ("Il presidente ha detto che la visita è stata un successo.", "it"),
    ("The president said that the visit was a success.", "en"),
    ("Putin e Kim", "it"),
    ("Putin and Kim", "en"),
    ("", "it"),
    ("1961 2000 2001", "it"),
])
def test_detect_language_short(text, lang):
    assert detect_language(text) == lang


def test_detect_language_long(seed):
    assert detect_language(seed.text) == "it"
    assert detect_language(ENGLISH * 50) == "en"
    assert detect_language("READ Getty Images " + seed.text) == "it"


def test_a_generic_file_name_keeps_its_own_name_after_a_long_folder_name(tmp_path):
    folder = tmp_path / ("vertice-putin-kim-a-pyongyang-" * 4)
    assert article_id_for(folder / "index.html").endswith("-index")
    assert article_id_for(folder / "article.html").endswith("-article")
    assert article_id_for(folder / "index.html") != article_id_for(folder / "article.html")
    assert len(article_id_for(folder / "index.html")) <= 60
