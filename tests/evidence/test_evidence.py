"""Evidence: ranking a checker's sources for a claim, and whether a passage agrees with it.

The seed's claims against passages written after the public reporting in
``tests/data/seed/source-map.md`` (the pages themselves cannot be fetched here)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import verify
from verify import settings as verify_settings
from verify.evidence import passages as evidence
from verify.evidence.passages import AGREEMENTS, Passage, agreement, split_passages, suggest
from verify.records.model import Claim
from verify.reading.terms import find_terms, normalize

# --- The sources a checker would paste (after source-map.md) -----------------------------------

STATE = ("Since September 2023, North Korea has sent more than 10,000 containers of munitions or "
         "munitions-related materials to Russia.")
STATE_PAGE = (
    "North Korea's arms transfers to Russia\n"
    "Fact sheet, Office of the Spokesperson, February 2024\n\n"
    "The United States condemns the growing military cooperation between the DPRK and Russia. "
    + STATE + " These transfers help Moscow sustain its war against Ukraine.\n"
    "Russia has also launched North Korean ballistic missiles against Ukraine, most recently "
    "on February 7.\n")
SOUTH_KOREA = ("South Korea's defence minister Shin Won-sik said North Korea had shipped about "
               "6,700 containers to Russia since September, which could hold more than three "
               "million artillery shells.")
POLITICO_PAGE = (
    "Politico, 27 February 2024\n"
    "The estimate is lower than the one given by Washington. " + SOUTH_KOREA + "\n"
    "Seoul says factories in the North are running at full capacity.\n")
KBS = ("Satellite imagery analysed by C4ADS suggests that North Korea delivered an estimated "
       "74,000 metric tons of explosives to Russia between August 2023 and January 2024.")
KBS_PAGE = "KBS World, June 2024\n" + KBS + "\nThe figure could not be independently verified.\n"
UN_PAGE = (
    "Security Council fails to extend mandate of expert panel on sanctions against Democratic "
    "People's Republic of Korea, owing to veto by Russian Federation\n"
    "SC/15648, 28 March 2024\n"
    "The Security Council today failed to adopt a draft resolution that would have extended "
    "until 30 April 2025 the mandate of the Panel of Experts monitoring the implementation of "
    "sanctions against the Democratic People's Republic of Korea, owing to a veto cast by the "
    "Russian Federation. Thirteen members voted in favour, while China abstained.\n")
TASS_PAGE = (
    "Vladimir Putin's only previous visit to North Korea took place in July 2000, two months "
    "after his first inauguration. The two-day visit began on 19 July 2000.\n"
    "Putin arrived in Pyongyang in the early hours of June 19, 2024.\n")
ANSA_PAGE = (
    "Usa: dalla Corea del Nord 10.000 container di munizioni a Mosca. Lo ha detto il "
    "Dipartimento di Stato americano il 20 marzo.\n"
    "Secondo Washington la Russia ha lanciato almeno 10 missili nordcoreani contro l'Ucraina.\n")

SOURCES = [("state", STATE_PAGE), ("politico", POLITICO_PAGE), ("kbs", KBS_PAGE),
           ("un", UN_PAGE), ("tass", TASS_PAGE), ("ansa", ANSA_PAGE)]


@pytest.fixture(scope="module")
def seed_claims() -> dict[str, Claim]:
    claims = verify.extract_claims(verify.load_article(verify.SEED_ARTICLE))
    by_text: dict[str, Claim] = {}
    for claim in claims:
        by_text.setdefault(claim.text, claim)
    return by_text


def claim(kind="count", text="più di 10.000 container", value="10000", unit="container",
          qualifier="more_than", sentence="", value_max="") -> Claim:
    return Claim("c-test", "a", kind, text, 0, len(text), value=value, value_max=value_max,
                 unit=unit, qualifier=qualifier, sentence=sentence or text)


# --- The cases -----------------------------------------------------------------------------

def test_containers_claim_agrees_with_the_state_department_and_ranks_it_first(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    assert (containers.value, containers.unit, containers.qualifier) == ("10000", "container", "more_than")
    passages = suggest(containers, SOURCES, limit=5)
    best = passages[0]
    assert best.source_id == "state"
    assert STATE in best.text or best.text in STATE
    assert best.agreement == "agrees"
    assert best.figure.text == "more than 10,000 containers"
    assert "same figure 10000 container" in best.reasons
    assert any(r.startswith("names: ") and "Russia" in r and "North Korea" in r for r in best.reasons)


def test_containers_claim_disagrees_with_south_koreas_count(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    label, figure = agreement(containers, SOUTH_KOREA, "en")
    assert label == "disagrees"
    assert figure.text == "about 6,700 containers"
    assert SOUTH_KOREA[figure.start:figure.end] == figure.text
    ranked = {p.source_id: p for p in suggest(containers, SOURCES, limit=6)}
    assert ranked["politico"].agreement == "disagrees"
    assert ranked["politico"].figure.value == "6700"


def test_tonnes_claim_disagrees_with_74000_metric_tons(seed_claims):
    tonnes = seed_claims["260.000 tonnellate"]
    assert (tonnes.value, tonnes.unit) == ("260000", "tonne")
    label, figure = agreement(tonnes, KBS, "en")
    assert label == "disagrees"
    assert (figure.value, figure.unit) == ("74000", "tonne")   # "metric tons" read as tonnes
    kbs = next(p for p in suggest(tonnes, SOURCES, limit=6) if p.source_id == "kbs")
    assert kbs.agreement == "disagrees"
    assert any("74,000 metric tons" in r for r in kbs.reasons)


def test_units_convert_before_comparing(seed_claims):
    tonnes = seed_claims["260.000 tonnellate"]
    label, figure = agreement(tonnes, "The shipments amounted to 260 kilotonnes.", "en")
    assert (label, figure.unit) == ("agrees", "kilotonne")
    [passage] = suggest(tonnes, [("s", "The shipments amounted to 260 kilotonnes of materiel.")])
    assert "converted: 260 kilotonne = 260000 tonne" in passage.reasons
    assert agreement(tonnes, "They carried 74 kilotonnes of explosives.", "en")[0] == "disagrees"
    miles = claim("quantity", "quasi 6.400 chilometri", "6400", "kilometre", "about")
    assert agreement(miles, "a journey of nearly 4,000 miles", "en")[0] == "agrees"
    assert agreement(miles, "a journey of 1,000 miles", "en")[0] == "disagrees"


def test_a_passage_without_a_figure_is_not_stated(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    text = "North Korea has been supplying Russia with munitions for its war against Ukraine."
    assert agreement(containers, text, "en") == ("not_stated", None)
    [passage] = suggest(containers, [("s", text)])
    assert passage.agreement == "not_stated" and passage.figure is None
    assert "no comparable figure" in passage.reasons


def test_italian_source_for_an_italian_claim(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    best = suggest(containers, [("ansa", ANSA_PAGE)])[0]
    assert best.agreement == "agrees"
    assert best.figure.text == "10.000 container"       # read with the Italian grouping
    assert "hedge differs: exact (passage) vs more than (claim)" in best.reasons
    missiles = seed_claims["almeno 10 missili"]
    best = suggest(missiles, SOURCES)[0]
    assert (best.source_id, best.agreement, best.figure.text) == ("ansa", "agrees", "almeno 10 missili")


def test_passage_offsets_index_the_source_text(seed_claims):
    texts = dict(SOURCES)
    for text in seed_claims:
        for p in suggest(seed_claims[text], SOURCES, limit=10):
            source = texts[p.source_id]
            assert source[p.start:p.end] == p.text
            for m in p.figures:
                assert source[m.start:m.end] == m.text
            assert p.figure is None or p.figure in p.figures
            assert p.agreement in AGREEMENTS and 0 < p.score <= 100


def test_the_right_passage_ranks_first_across_the_sources(seed_claims):
    expected = {
        "più di 10.000 container": ("state", "more than 10,000 containers"),
        "260.000 tonnellate": ("kbs", "74,000 metric tons"),
        "almeno 10 missili": ("ansa", "almeno 10 missili"),
        "19 luglio 2000": ("tass", "19 July 2000"),
    }
    for text, (source_id, words) in expected.items():
        best = suggest(seed_claims[text], SOURCES)[0]
        assert (best.source_id, words in best.text) == (source_id, True), (text, best)


# --- The agreement rules one by one --------------------------------------------------------------

@pytest.mark.parametrize("passage, label, hedge", [
    ("more than 10,000 containers", "agrees", None),
    ("at least 10,000 containers", "agrees", "hedge differs: at least (passage) vs more than (claim)"),
    ("12,000 containers", "agrees", "hedge differs: exact (passage) vs more than (claim)"),
    ("about 6,700 containers", "disagrees", None),
    ("fewer than 5,000 containers", "disagrees", None),
    ("10,000 shells", "not_stated", None),        # another unit: not comparable
    ("between 9,000 and 11,000 containers", "agrees", "hedge differs: range (passage) vs more than (claim)"),
])
def test_hedges_are_intervals(passage, label, hedge):
    judged = evidence.judge(claim(), evidence.read(verify.find_mentions(passage, "en")), passage)
    assert judged.label == label
    if hedge:
        assert hedge in judged.reasons


def test_exact_figures_allow_rounding_but_not_more():
    exact = claim(text="10.000 container", qualifier="exact")
    assert agreement(exact, "10,030 containers", "en")[0] == "agrees"      # within half a percent
    assert agreement(exact, "10,200 containers", "en")[0] == "disagrees"
    assert agreement(exact, "more than 10,000 containers", "en")[0] == "agrees"


def test_the_closest_figure_decides():
    label, figure = agreement(claim(), "Estimates range from about 6,700 containers (Seoul) to "
                                       "more than 10,000 containers (Washington).", "en")
    assert (label, figure.text) == ("agrees", "more than 10,000 containers")
    label, figure = agreement(claim(), "Seoul counted 2,000 containers, then about 6,700 containers.", "en")
    assert (label, figure.text) == ("disagrees", "about 6,700 containers")


def test_dates_agree_by_value_and_other_dates_are_not_a_contradiction():
    september = claim("date", "settembre", "--09", "", "exact")
    assert agreement(september, "since September 2023", "en")[0] == "agrees"
    assert agreement(september, "since February 2024", "en") == ("not_stated", None)
    year = claim("year", "2000", "2000", "", "exact")
    label, figure = agreement(year, "The two-day visit began on 19 July 2000.", "en")
    assert (label, figure.text) == ("agrees", "19 July 2000")
    assert agreement(year, "It was signed in 2001.", "en")[0] == "not_stated"
    day = claim("date", "19 giugno 2024", "2024-06-19", "", "exact")
    assert agreement(day, "He arrived on June 19, 2024.", "en")[0] == "agrees"
    assert agreement(day, "He arrived on June 18, 2024.", "en")[0] == "not_stated"


def test_durations_compare_as_amounts(seed_claims):
    years = seed_claims["24 anni"]
    assert agreement(years, "his first visit in 24 years", "en")[0] == "agrees"
    assert agreement(years, "after 23 years", "en")[0] == "disagrees"
    assert agreement(years, "after 288 months", "en")[0] == "agrees"


def test_figures_without_a_unit_agree_only_on_the_same_value():
    bare = claim("count", "Migliaia", "1000", "", "more_than")
    assert agreement(bare, "1,000 lined the streets", "en")[0] == "agrees"
    assert agreement(bare, "5,000 lined the streets", "en") == ("not_stated", None)
    second = claim("ordinal", "secondo", "2", "", "exact")
    assert agreement(second, "It was the third trip abroad since he took power.", "en") == ("not_stated", None)
    assert agreement(second, "It was the second trip abroad since he took power.", "en")[0] == "agrees"
    assert agreement(second, "He met 2 officials.", "en") == ("not_stated", None)  # not an ordinal


def test_money_compares_only_in_the_same_currency():
    dollars = claim("money", "95 miliardi di dollari", "95000000000", "dollar", "exact")
    assert agreement(dollars, "a $95 billion package", "en")[0] == "agrees"
    assert agreement(dollars, "a $60 billion package", "en")[0] == "disagrees"
    assert agreement(dollars, "a €95 billion package", "en")[0] == "not_stated"


def test_quotes_agree_only_when_found_verbatim(seed_claims):
    quote = next(c for c in seed_claims.values() if c.kind == "quote" and c.text.startswith("copre"))
    page = "Putin ha detto che l'accordo “copre i settori politico, commerciale, degli investimenti, culturale e della difesa”."
    assert agreement(quote, page, "it") == ("agrees", None)
    [passage] = suggest(quote, [("s", page)])
    assert passage.agreement == "agrees" and any(r.startswith("quote found verbatim") for r in passage.reasons)
    english = "Putin said the deal covers political, trade, investment, cultural and defence matters."
    assert agreement(quote, english, "en") == ("not_stated", None)


def test_facts_are_not_stated(seed_claims):
    fact = next(c for c in seed_claims.values() if c.kind == "fact")
    assert agreement(fact, UN_PAGE, "en") == ("not_stated", None)


def test_veto_fact_finds_the_un_press_release(seed_claims):
    fact = next(c for c in seed_claims.values() if c.kind == "fact" and "veto" in c.text)
    best = suggest(fact, SOURCES)[0]
    assert best.source_id == "un" and best.agreement == "not_stated"
    assert any("Security Council" in r and "North Korea" in r for r in best.reasons)
    assert any(r.startswith("words: ") and "veto" in r and "sanctions" in r for r in best.reasons)


# --- Names and words across languages ------------------------------------------------------------

@pytest.mark.parametrize("italian, english", [
    ("Corea del Nord", "North Korea"), ("Stati Uniti", "United States"), ("Mosca", "Moscow"),
    ("ONU", "UN"), ("tonnellate", "tonnes"), ("Kim Jong Un", "Kim Jong-un"),
    ("munizioni", "munitions"), ("settembre", "September"), ("Cremlino", "Kremlin"),
])
def test_italian_and_english_names_fold_to_one_key(italian, english):
    assert [t.key for t in find_terms(italian)] == [t.key for t in find_terms(english)]
    assert normalize(italian) == normalize(english)


def test_the_italian_article_un_is_not_the_un():
    assert [t.key for t in find_terms("ha firmato un accordo con l'ONU")] == ["agreement", "united nations"]
    assert "united nations" not in [t.key for t in find_terms("Kim Jong Un")]


def test_cross_language_match_rests_on_figures_and_names(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    [passage] = suggest(containers, [("state", STATE)])
    assert passage.agreement == "agrees"
    assert "same figure 10000 container" in passage.reasons
    assert "names: Russia, North Korea" in passage.reasons
    assert "also shares: September 2023" in passage.reasons       # "da settembre"
    words = next(r for r in passage.reasons if r.startswith("words: "))
    assert "munitions" in words                                    # "munizioni"


# --- Passages -------------------------------------------------------------------------------------

def test_passages_are_sentences_joined_when_short_and_cut_when_long():
    text = "Title line\nShort one. Another short one. And a third that is a little longer than the rest.\n\n" + "word " * 300
    spans = split_passages(text)
    assert [text[a:b] for a, b in spans][0] == "Title line"
    assert text[spans[1][0]:spans[1][1]].startswith("Short one. Another short one.")
    assert all(b - a <= verify_settings.current().passage_max_chars for a, b in spans)
    assert text[spans[-1][0]:spans[-1][1]].endswith("word")


def test_hard_wrapped_lines_join():
    text = "North Korea has sent more than 10,000\ncontainers of munitions to Russia.\nA new line."
    first = split_passages(text)[0]
    assert text[first[0]:first[1]].startswith("North Korea has sent more than 10,000\ncontainers")


def test_the_cache_is_keyed_by_the_text_not_the_object(seed_claims):
    containers = seed_claims["più di 10.000 container"]
    first = suggest(containers, [("state", STATE_PAGE)])
    again = suggest(containers, [("state", "".join(list(STATE_PAGE)))])   # an equal, new string
    assert first == again
    changed = suggest(containers, [("state", STATE_PAGE.replace("more than 10,000", "about 9,000"))])
    assert changed[0].agreement == "disagrees"


def test_fast_scores_match_the_one_by_one_oracle(seed_claims):
    sources = tuple(SOURCES)
    corpus = evidence._index_corpus(sources, None)
    for claim_ in list(seed_claims.values())[:40]:
        query = evidence._query(claim_, None)
        shared = evidence._shared_keys(corpus, query, len(corpus.where))
        chosen = evidence.np.arange(len(corpus.where))
        scores, _ = evidence._scores(corpus, query, shared, chosen, len(chosen))
        for i, sim in enumerate(shared.similarity.tolist()):
            assert scores[i] == pytest.approx(evidence._score_one(corpus, query, i, sim), abs=1e-3)


def test_suggest_returns_the_oracles_best(seed_claims):
    corpus = evidence._index_corpus(tuple(SOURCES), None)
    for claim_ in seed_claims.values():
        query = evidence._query(claim_, None)
        signatures = corpus.signatures
        oracle = sorted((evidence._score_one(corpus, query, i, round(evidence.fuzz.ratio(
            query.features.signature, signatures[i]))) for i in range(len(signatures))), reverse=True)
        got = [p.score for p in suggest(claim_, SOURCES, limit=3, candidates=None)]
        assert got == pytest.approx([round(x, 1) for x in oracle[:3] if x > 0], abs=0.051)


# --- Any text in, no exception out ---------------------------------------------------------------

# Pieces of text the grammar and the name folding react to, mixed with odd characters.
_PIECES = list("abc XYZ.,;:!?\n\t0123456789-–“”«»'’%€$İß") + [
    "Corea del Nord", "più di ", "10.000", " container", "tonnellate", "more than ", "UN",
    "Kim Jong Un", "settembre", " 2023", "about 6,700", "kilotonnes", "\r\n"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join) | st.text(max_size=300)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_split_passages_never_raises_and_spans_are_valid(text):
    spans = split_passages(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        last = end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, _TEXT, st.sampled_from(["count", "quantity", "date", "year", "fact", "quote", "range"]))
def test_suggest_and_agreement_never_raise(text, sentence, kind):
    claim_ = claim(kind, text=sentence[:40] or "x", value="" if kind in ("fact", "quote") else
                   {"date": "--09", "year": "2023"}.get(kind, "10000"),
                   unit="container" if kind == "count" else "", sentence=sentence,
                   value_max="20000" if kind == "range" else "")
    for p in suggest(claim_, [("a", text), ("b", sentence)], limit=3):
        assert isinstance(p, Passage)
        source = text if p.source_id == "a" else sentence
        assert source[p.start:p.end] == p.text
        assert all(source[m.start:m.end] == m.text for m in p.figures)
    label, figure = agreement(claim_, text)
    assert label in AGREEMENTS
    assert figure is None or text[figure.start:figure.end] == figure.text
