"""Consistency checks (issue 5): what a careful checker finds in the article itself, and, once
evidence is linked, what differs between a claim and its passage."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import load_article
from verify.reading.articles import SEED_ARTICLE
from verify.checking.consistency import check_article
from verify.checking.consistency_finding import FINDING_KINDS, Finding
from verify.checking.consistency_passages import compare_with_passage
from verify.errors import ArticleError
from verify.grammar import find_mentions


@pytest.fixture(scope="module")
def seed():
    article = load_article()
    return article, check_article(article)


def kinds(findings, kind):
    return [f for f in findings if f.kind == kind]


def assert_spans(article, findings):
    """Every finding names its words, and they are the article's."""
    for f in findings:
        assert f.kind in FINDING_KINDS
        assert f.severity in ("warning", "info")
        assert article.text[f.start:f.end] == f.text, f
        assert f.message and f.detail["arithmetic"], f
        for span in f.detail.get("related", []):
            assert article.text[span["start"]:span["end"]] == span["text"], span


# --- the seed ---------------------------------------------------------------------------------

def test_seed_exactly_24_years_is_23_years_11_months(seed):
    article, findings = seed
    [f] = kinds(findings, "duration_mismatch")
    assert f.text == "esattamente 24 anni"
    assert f.severity == "warning"
    assert f.detail["actual"] == "23 years 11 months"
    assert f.detail["claimed"] == "24 years"
    assert (f.detail["from"], f.detail["to"]) == ("2000-07-19", "2024-06-19")
    assert f.detail["arithmetic"].startswith("19 July 2000 → 19 June 2024 = 23 years 11 months")
    assert "1 month short of 24 years" in f.detail["arithmetic"]
    assert "23 years 11 months" in f.message and "esattamente 24 anni" in f.message
    # Where the two dates came from: the 2000 caption, and "mercoledì" read as 19 June 2024.
    roles = {s["text"]: s["role"] for s in f.detail["related"]}
    assert "19 luglio 2000" in roles
    assert "19 June 2024" in roles["mercoledì"]


def test_seed_first_visit_in_24_years_is_not_flagged(seed):
    """"per la prima volta dopo 24 anni" claims no exactness: 23 years 11 months rounds to 24."""
    article, findings = seed
    first = article.text.index("dopo 24 anni")
    assert not [f for f in findings if f.start <= first < f.end]


def test_seed_weekday_of_19_july_2000_matches(seed):
    article, findings = seed
    [f] = [f for f in kinds(findings, "weekday_checked") if "2000" in f.text]
    assert f.text == "mercoledì 19 luglio 2000"
    assert f.severity == "info"
    assert f.detail["arithmetic"] == "19 July 2000 = Wednesday"
    assert not kinds(findings, "weekday_mismatch")


def test_seed_dateline_disagrees_with_the_events(seed):
    article, findings = seed
    [f] = kinds(findings, "dateline_mismatch")
    assert f.text == "lunedì, Settembre 16, 2024" and f.start == 0
    assert (f.detail["published"], f.detail["events_date"]) == ("2024-09-16", "2024-06-19")
    assert f.detail["days_apart"] == 89
    assert f.detail["arithmetic"] == "19 June 2024 → 16 September 2024 = 2 months 28 days (89 days)"
    assert "16 September 2024" in f.message and "19 June 2024" in f.message
    assert {s["text"] for s in f.detail["related"]} >= {"19 giugno 2024", "oggi"}


def test_seed_findings_all(seed):
    article, findings = seed
    assert_spans(article, findings)
    assert [(f.kind, f.text) for f in findings] == [
        ("dateline_mismatch", "lunedì, Settembre 16, 2024"),
        ("weekday_checked", "lunedì, Settembre 16, 2024"),  # 16 September 2024 was a Monday
        ("duration_mismatch", "esattamente 24 anni"),
        ("weekday_checked", "mercoledì 19 luglio 2000"),
    ]


def test_check_article_uses_the_claims_it_is_given(seed):
    article, findings = seed
    from verify import extract_claims

    claims = extract_claims(article)
    assert check_article(article, claims) == findings
    assert not kinds(check_article(article, [c for c in claims if "luglio" not in c.text]),
                     "duration_mismatch")


# --- weekdays ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, surface, stated", [
    ("it", "Il vertice si è aperto martedì 19 luglio 2000 a Roma con dieci ministri.",
     "martedì 19 luglio 2000", "Tuesday"),
    ("it", "La firma è avvenuta il 6 luglio 1961 (venerdì) a Mosca, secondo l'archivio.",
     "6 luglio 1961 (venerdì", "Friday"),
    ("en", "The summit opened on Tuesday, July 19, 2000, in Rome with ten ministers.",
     "Tuesday, July 19, 2000", "Tuesday"),
    ("en", "The treaty was signed on Friday 6 July 1961 in Moscow, the archive shows.",
     "Friday 6 July 1961", "Friday"),
])
def test_wrong_weekday(lang, text, surface, stated):
    article = load_article(text="Vertice\n" + text, lang=lang)
    findings = check_article(article)
    assert_spans(article, findings)
    [f] = kinds(findings, "weekday_mismatch")
    assert f.text == surface
    assert f.detail["weekday_stated"] == stated
    assert f.detail["weekday_actual"] in ("Wednesday", "Thursday")
    assert f"not {stated}" in f.detail["arithmetic"]


def test_right_weekday_in_english_is_checked():
    article = load_article(text="Summit\nThe summit opened on Wednesday 19 July 2000 in Rome.", lang="en")
    [f] = check_article(article)
    assert (f.kind, f.severity, f.text) == ("weekday_checked", "info", "Wednesday 19 July 2000")


def test_weekday_without_year_is_read_in_the_articles_year():
    text = ("martedì, 18 giugno 2024\nVertice\n"
            "Il vertice si è aperto giovedì 19 giugno a Roma con i ministri.")
    article = load_article(text=text, lang="it")
    [f] = kinds(check_article(article), "weekday_mismatch")
    assert f.text == "giovedì 19 giugno"
    assert "2024" in f.detail["note"]


def test_dateline_of_the_events_day_is_not_flagged():
    text = "mercoledì, 19 giugno 2024\nVertice\nIl vertice si è aperto il 19 giugno 2024 a Pyongyang."
    assert not kinds(check_article(load_article(text=text, lang="it")), "dateline_mismatch")


def test_dateline_before_the_events_is_flagged():
    text = "lunedì, 17 giugno 2024\nVertice\nIl vertice si è aperto il 19 giugno 2024 a Pyongyang."
    [f] = kinds(check_article(load_article(text=text, lang="it")), "dateline_mismatch")
    assert f.detail["days_apart"] == -2 and "2 days before" in f.message


# --- exact durations --------------------------------------------------------------------------

def test_exact_duration_that_holds_is_checked():
    text = ("Visit\nThe president landed on 19 June 2024, exactly 24 years after his visit of "
            "19 June 2000.")
    article = load_article(text=text, lang="en")
    [f] = check_article(article)
    assert (f.kind, f.severity, f.text) == ("duration_checked", "info", "exactly 24 years")
    assert f.detail["arithmetic"] == "19 June 2000 → 19 June 2024 = 24 years"


def test_exact_duration_in_days():
    text = "Viaggio\nÈ partito il 1 marzo 2024 ed è tornato esattamente 3 settimane dopo, il 23 marzo 2024."
    article = load_article(text=text, lang="it")
    [f] = check_article(article)
    assert (f.kind, f.text) == ("duration_mismatch", "esattamente 3 settimane")
    assert f.detail["arithmetic"] == "1 March 2024 → 23 March 2024 = 22 days (1 day over 3 weeks)"


# --- the same quantity twice ------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, first, second, compatible", [
    ("it", "La Russia ha ricevuto più di 10.000 container di munizioni dalla Corea del Nord.\n\n"
           "Secondo il rapporto, la Russia ha ricevuto 6.700 container dalla Corea del Nord.",
     "più di 10.000 container", "6.700 container", False),
    ("en", "Russia has received 10,000 containers of munitions from North Korea.\n\n"
           "Officials said Russia received 6,700 containers of munitions from North Korea.",
     "10,000 containers", "6,700 containers", False),
    ("en", "Russia has received more than 10,000 containers of munitions from North Korea.\n\n"
           "Officials said Russia received 12,000 containers of munitions from North Korea.",
     "more than 10,000 containers", "12,000 containers", True),
])
def test_same_quantity_with_different_values(lang, text, first, second, compatible):
    article = load_article(text="Munitions\n" + text, lang=lang)
    findings = check_article(article)
    assert_spans(article, findings)
    [f] = kinds(findings, "quantity_conflict")
    assert f.text == second
    assert f.detail["related"][0]["text"] == first
    assert f.detail["compatible"] is compatible
    assert first in f.message and second in f.message
    assert "differ by" in f.detail["arithmetic"]


@pytest.mark.parametrize("text", [
    # Same unit, unrelated things.
    "Il porto di Genova ha movimentato 2 milioni di container.\n\n"
    "La Russia ha ricevuto 10.000 container dalla Corea del Nord.",
    # Same thing at two different times: a change, not a contradiction.
    "Nel 2022 la Russia ha ricevuto 5.000 container dalla Corea del Nord.\n\n"
    "Nel 2023 la Russia ha ricevuto 10.000 container dalla Corea del Nord.",
    # Same unit and place, two different things: the dead and the wounded.
    "Nell'attacco a Kiev sono morte 10 persone, ha detto il sindaco.\n\n"
    "Nell'attacco a Kiev sono rimaste ferite 30 persone, secondo il sindaco.",
    # The same value twice.
    "La Russia ha ricevuto 10.000 container dalla Corea del Nord.\n\n"
    "I 10.000 container ricevuti dalla Russia venivano dalla Corea del Nord.",
])
def test_no_conflict(text):
    assert not kinds(check_article(load_article(text="Porti\n" + text, lang="it")), "quantity_conflict")


# --- the claim against its linked passage -----------------------------------------------------

def claim_of(text, lang):
    [claim] = [m for m in find_mentions(text, lang) if m.checkable]
    return claim


@pytest.mark.parametrize("claim_text, lang, passage", [
    ("più di 10.000 container", "it", "since September, at least 10,000 containers of munitions"),
    ("more than 10,000 containers", "en", "at least 10,000 containers of munitions"),
    ("almeno 10 missili", "it", "più di 10 missili di fabbricazione nordcoreana"),
])
def test_hedge_changed(claim_text, lang, passage):
    claim = claim_of(claim_text, lang)
    passage_lang = "it" if "missili" in passage else "en"
    [f] = compare_with_passage(claim, find_mentions(passage, passage_lang))
    assert f.kind == "hedge_changed"
    assert (f.start, f.end, f.text) == (claim.start, claim.end, claim.text)
    assert f.detail["article_qualifier"] == claim.qualifier
    assert f.detail["passage_qualifier"] != claim.qualifier
    assert passage[f.detail["passage_start"]:f.detail["passage_end"]] == f.detail["passage_text"]
    assert "hedge changed" in f.message


def test_hedge_changed_names_both_hedges():
    claim = claim_of("più di 10.000 container", "it")
    [f] = compare_with_passage(claim, find_mentions("at least 10,000 containers", "en"))
    assert f.message == ("The article says 'più di 10.000 container' (more than 10,000 containers); "
                         "the linked passage says 'at least 10,000 containers': the hedge changed "
                         "from 'at least' to 'more than'.")
    assert f.detail["arithmetic"] == ("passage: at least 10,000 containers → "
                                      "article: more than 10,000 containers")
    [f] = compare_with_passage(claim, find_mentions("10,000 containers", "en"))
    assert f.message.endswith("the hedge changed from none to 'more than'.")


def test_figure_differs():
    claim = claim_of("più di 10.000 container", "it")
    [f] = compare_with_passage(claim, find_mentions("about 6,700 containers, the minister said", "en"))
    assert (f.kind, f.severity) == ("figure_differs", "warning")
    assert f.detail["passage_value"] == "6700" and f.detail["article_value"] == "10000"
    assert f.detail["compatible"] is False
    assert f.detail["arithmetic"] == ("passage: about 6,700 containers → "
                                      "article: more than 10,000 containers: +3,300 (+49%)")
    assert "6,700" in f.message and "10.000" in f.message


def test_figure_differs_but_the_hedge_allows_it():
    claim = claim_of("more than 10,000 containers", "en")
    [f] = compare_with_passage(claim, find_mentions("11,000 containers were shipped", "en"))
    assert (f.kind, f.severity, f.detail["compatible"]) == ("figure_differs", "info", True)


def test_figure_differs_for_dates():
    claim = claim_of("il 19 giugno 2024", "it")
    [f] = compare_with_passage(claim, find_mentions("on 19 July 2024", "en"))
    assert f.kind == "figure_differs" and f.severity == "warning"
    assert f.detail["arithmetic"].endswith("1 month apart")


@pytest.mark.parametrize("claim_text, passage", [
    ("più di 10.000 container", "more than 10,000 containers"),   # same figure, same hedge
    ("più di 10.000 container", "260,000 tonnes of munitions"),    # nothing comparable
    ("più di 10.000 container", ""),
])
def test_nothing_to_say(claim_text, passage):
    assert compare_with_passage(claim_of(claim_text, "it"), find_mentions(passage, "en")) == []


def test_passage_check_works_on_a_claim_of_the_seed(seed):
    from verify import extract_claims

    article, _ = seed
    [claim] = [c for c in extract_claims(article) if c.text == "più di 10.000 container"]
    [f] = compare_with_passage(claim, find_mentions("at least 10,000 containers", "en"))
    assert article.text[f.start:f.end] == f.text == claim.text


# --- the record -------------------------------------------------------------------------------

def test_finding_is_frozen_and_its_detail_read_only():
    f = Finding("weekday_checked", 0, 3, "Wed", "ok", "info", {"arithmetic": "x"})
    with pytest.raises(AttributeError):
        f.kind = "other"
    with pytest.raises(TypeError):
        f.detail["arithmetic"] = "y"
    assert hash(f) == hash(Finding("weekday_checked", 0, 3, "Wed", "ok", "info", {"arithmetic": "z"}))
    with pytest.raises(ValueError, match="kind"):
        Finding("weekday_checked", 0, 3, "Wed", "ok", "info", {"kind": "x"})


def test_to_json_starts_with_the_contract_keys(seed):
    _, findings = seed
    for f in findings:
        row = f.to_json()
        assert list(row)[:4] == ["kind", "start", "end", "message"]
        assert json.loads(json.dumps(row)) == row


# --- the command line -------------------------------------------------------------------------

def verify(*args):
    return subprocess.run(
        [sys.executable, "-m", "verify", *args], capture_output=True, text=True,
        encoding="utf-8", timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_cli_check_prints_json_lines():
    result = verify("check", str(SEED_ARTICLE))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == [
        "dateline_mismatch", "weekday_checked", "duration_mismatch", "weekday_checked"]
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for row in rows:
        assert {"kind", "start", "end", "message"} <= set(row)
        assert text[row["start"]:row["end"]] == row["text"]
    [duration] = [r for r in rows if r["kind"] == "duration_mismatch"]
    assert duration["actual"] == "23 years 11 months"


def test_cli_check_prints_nothing_for_a_consistent_article(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Vertice\nIl vertice si è aperto a Roma con dieci ministri.\n", encoding="utf-8")
    result = verify("check", str(path))
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing.txt", ["missing.txt"]),
    (lambda tmp: (tmp / "empty.txt").write_text("") and None or tmp / "empty.txt", ["empty"]),
])
def test_cli_check_bad_input_is_one_line(tmp_path, make, words):
    result = verify("check", str(make(tmp_path)))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("verify: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


# --- any text in, no exception out ------------------------------------------------------------

_WORDS = st.sampled_from([
    "mercoledì", "Wednesday", "martedì", "19", "luglio", "giugno", "July", "2000", "2024", "9999",
    "esattamente", "exactly", "24", "anni", "years", "settimane", "days", "più di", "almeno",
    "10.000", "6,700", "container", "containers", "oggi", "today", "lunedì,", "Settembre 16,",
    "29 febbraio 2023", "31/12/9999", "0", "-5", ".", ",", "\n", "\n\n", " ", "(", "Russia",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join)))
def test_any_text_no_exception(text):
    try:
        article = load_article(text=text)
    except ArticleError:
        return
    findings = check_article(article)
    assert_spans(article, findings)
    for f in findings:
        json.dumps(f.to_json())


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, max_size=20).map(" ".join), st.lists(_WORDS, max_size=20).map(" ".join))
def test_any_passage_no_exception(claim_text, passage):
    for claim in find_mentions(claim_text, "it"):
        for f in compare_with_passage(claim, find_mentions(passage, "en")):
            assert (f.start, f.end) == (claim.start, claim.end)
            json.dumps(f.to_json())
