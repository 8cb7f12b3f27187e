"""Past fact-checks (issue 12): importing every shape of ClaimReview, the archive's schema, and
matching claims to the fact-checks that checked them, across Italian and English.

Every test writes real files into a temporary folder and imports them into a real SQLite
archive; nothing is mocked.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

import verify
from verify import Worksheet
from verify.reports.export import claimreview_json, export_claimreview
from verify.evidence.factchecks import (SCHEMA_VERSION, Archive, FactCheckError, checked_before,
                               import_file, import_text, match_claims, match_text, open_archive)
from verify.evidence.factchecks.archive import MIGRATIONS
from verify.evidence.factchecks.demo import DEMO_ARCHIVE


def review(url="https://checks.example/1", claim="North Korea sent 10,000 containers to "
           "Russia in 2023.", rating="False", **extra) -> dict:
    data = {"@context": "https://schema.org", "@type": "ClaimReview", "url": url,
            "claimReviewed": claim, "reviewRating": {"@type": "Rating", "alternateName": rating},
            "author": {"@type": "Organization", "name": "Checks Example"},
            "datePublished": "2024-03-01"}
    data.update(extra)
    return data


def write(path, value) -> str:
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return str(path)


@pytest.fixture
def archive(tmp_path):
    with Archive.open(tmp_path / "archive.sqlite") as opened:
        yield opened


def urls(archive) -> list[str]:
    return sorted(s.fact_check.url for s in archive.all())


# --- Shapes ---------------------------------------------------------------------------------

def test_a_list_of_reviews_is_imported_with_every_field_kept(tmp_path, archive):
    one = review(itemReviewed={"@type": "Claim", "author": {"@type": "Person",
                                                            "name": "A Senator"},
                                "datePublished": "2024-02-27"},
                 inLanguage="en")
    one["reviewRating"].update(ratingValue=2, bestRating=5, worstRating=1)
    report = import_file(write(tmp_path / "feed.json", [one, review("https://checks.example/2",
                                                                    "Altro testo da verificare.")]),
                         archive)
    assert (report.imported, report.duplicates, report.refused) == (2, 0, [])
    fc = next(s.fact_check for s in archive.all() if s.fact_check.url.endswith("/1"))
    assert (fc.claim_reviewed, fc.rating, fc.rating_value, fc.best_rating, fc.worst_rating,
            fc.author, fc.date_published, fc.claimant, fc.claim_date, fc.language) == (
        one["claimReviewed"], "False", 2.0, 5.0, 1.0, "Checks Example", "2024-03-01",
        "A Senator", "2024-02-27", "en")
    # the language of the second is detected
    assert next(s.fact_check.language for s in archive.all()
                if s.fact_check.url.endswith("/2")) == "it"


def test_one_object_an_at_graph_and_a_claims_nested_review_are_all_read(tmp_path, archive):
    single = write(tmp_path / "one.json", review("https://c.example/single"))
    graph = write(tmp_path / "graph.jsonld", {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "A page"},
        review("https://c.example/graph", **{"@type": ["ClaimReview", "Review"]})]})
    # A Claim with its review inside it: the Claim is the review's itemReviewed.
    nested = write(tmp_path / "nested.json", {
        "@type": "WebPage", "mainEntity": {
            "@type": "Claim", "author": {"@type": "Person", "name": "Someone Quoted"},
            "datePublished": "2023-05-01",
            "review": {**review("https://c.example/nested"), "@type": "schema:ClaimReview"}}})
    for name in (single, graph, nested):
        assert import_file(name, archive).imported == 1
    assert urls(archive) == ["https://c.example/graph", "https://c.example/nested",
                             "https://c.example/single"]
    nested_fc = next(s.fact_check for s in archive.all() if s.fact_check.url.endswith("nested"))
    assert (nested_fc.claimant, nested_fc.claim_date) == ("Someone Quoted", "2023-05-01")


def test_an_html_page_gives_its_ld_json_and_nothing_of_its_other_scripts(tmp_path, archive):
    tracker = "<script>var claimReviewed = 'not a review'; document.write('<p>')</script>"
    page = ("<!doctype html><html><head><title>Check</title>" + tracker * 50
            + '<script type="application/ld+json">{"@type": "Organization", "name": "X"}</script>'
            + '<script type="application/ld+json">' + json.dumps(review("https://c.example/p"))
            + "</script><script type='application/ld+json'>{broken</script></head>"
            + "<body><p>text</p></body></html>")
    report = import_file(write(tmp_path / "page.html", page), archive)
    assert report.imported == 1
    assert urls(archive) == ["https://c.example/p"]
    # the broken block is refused with its place, the good one kept
    assert [r.where for r in report.refused] == [f"{tmp_path / 'page.html'}, script 3"]
    assert "not valid JSON" in report.refused[0].reason


def test_the_projects_own_claimreview_export_grows_the_archive(tmp_path, archive):
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=verify.SEED_ARTICLE)
    containers = next(c for c in ws.claims if c.text == "più di 10.000 container")
    ws.set_verdict(containers.claim_id, "mostly true", rationale="US report: 10,000",
                   checker="Anna")
    out = tmp_path / "out.json"
    claimreview_json(export_claimreview(ws, report_url="https://news.example/checks/seed",
                                        organization="Our Newsroom"), out)
    report = import_file(out, archive)
    assert report.imported == 1
    fc = archive.all()[0].fact_check
    assert fc.url == f"https://news.example/checks/seed#claim-{containers.claim_id}"
    assert (fc.rating, fc.author, fc.language) == ("mostly true", "Our Newsroom", "it")
    # without --report-url the url is the report's anchor alone: still imported
    claimreview_json(export_claimreview(ws), tmp_path / "anchors.json")
    assert import_file(tmp_path / "anchors.json", archive).imported == 1


def test_a_csv_feed_is_imported_with_spreadsheet_rows_in_its_refusals(tmp_path, archive):
    feed = write(tmp_path / "feed.csv", (
        "claim_reviewed,rating,url,author,date_published,language\n"
        "Italy has 16 million pensioners.,True,https://c.example/a,Checks,2024-05-10,en\n"
        "\"La Francia ha 56 reattori, tutti attivi.\",Vero,https://c.example/b,Verifica,,it\n"
        "No address here,False,,Checks,2024-01-01,en\n"
        "'=HYPERLINK(\"x\"),False,https://c.example/c,Checks,2024-13-01,en\n"))
    report = import_file(feed, archive)
    assert report.imported == 2
    assert report.refused == [
        (f"{feed}, row 4", "url is missing; every fact-check needs it"),
        (f"{feed}, row 5", "date_published '2024-13-01' is not a calendar date")]


# --- Duplicates and refusals ----------------------------------------------------------------

def test_importing_the_same_fact_check_twice_is_a_no_op(tmp_path, archive):
    feed = write(tmp_path / "feed.json", [review(), review("https://c.example/2")])
    first = import_file(feed, archive)
    again = import_file(feed, archive)
    assert (first.imported, first.duplicates) == (2, 0)
    assert (again.imported, again.duplicates) == (0, 2)
    assert archive.count() == 2
    # the same url with another claim is another fact-check (a page may check several)
    assert import_file(write(tmp_path / "more.json", review(claim="Another claim.")),
                       archive).imported == 1


def test_invalid_records_are_refused_one_by_one_and_the_rest_imported(tmp_path, archive):
    records = [
        review("https://c.example/ok-1"),
        review(url="javascript:alert(1)"),
        review("https://c.example/no-claim", claim=""),
        review("https://c.example/list", claim=["a", "b"]),
        review("https://c.example/date", datePublished="yesterday"),
        review("https://c.example/rating", reviewRating={"ratingValue": {"v": 1}}),
        review("https://c.example/author", author=42),
        review("https://c.example/ok-2", claim="Un'altra affermazione."),
    ]
    report = import_file(write(tmp_path / "feed.json", records), archive)
    assert report.imported == 2 and report.refused_count == 6
    assert [r.reason for r in report.refused] == [
        "url 'javascript:alert(1)' is not an http(s) address",
        "claimReviewed is missing; every fact-check needs it",
        "claimReviewed should be text, not a list",
        "datePublished 'yesterday' is not a date; write it as YYYY-MM-DD",
        "reviewRating.ratingValue should be a number, not an object",
        "author should be a name or an object with a name, not 42",
    ]
    assert [r.where.rsplit(", ", 1)[1] for r in report.refused] == [
        "record 2", "record 3", "record 4", "record 5", "record 6", "record 7"]
    assert urls(archive) == ["https://c.example/ok-1", "https://c.example/ok-2"]


# --- The archive's schema -------------------------------------------------------------------

def test_an_archive_of_the_first_schema_is_migrated_and_keeps_its_fact_checks(tmp_path):
    path = tmp_path / "old.sqlite"
    with Archive.open(path, schema=1) as old:
        assert old.schema_version == 1
        # version 1 has no import log: store directly, as the first release did
        from verify.evidence.factchecks.folding import features
        from verify.evidence.factchecks.records import fact_check
        fc = fact_check({"url": "https://c.example/old", "claim_reviewed": "Old claim, 2019."})
        old._db.execute("INSERT INTO factchecks (key, url, claim_reviewed, language, features) "
                        "VALUES (x'00', ?, ?, 'en', ?)", (fc.url, fc.claim_reviewed,
                                                          features(fc.claim_reviewed, "en")
                                                          .to_json()))
        old._db.commit()
    with Archive.open(path) as upgraded:
        assert upgraded.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        assert urls(upgraded) == ["https://c.example/old"]
        assert upgraded.imports() == []


def test_an_archive_from_a_newer_verify_is_refused_and_left_as_it_is(tmp_path):
    path = tmp_path / "new.sqlite"
    with Archive.open(path) as archive:
        archive._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(FactCheckError) as err:
        Archive.open(path)
    assert str(path) in str(err.value)
    assert f"schema version {SCHEMA_VERSION + 1}, made by a newer verify" in str(err.value)
    assert "upgrade verify" in str(err.value)
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    with pytest.raises(FactCheckError, match="is an SQLite database but not a fact-check archive"):
        Archive.open(path)
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["customers"]


# --- Matching -------------------------------------------------------------------------------

@pytest.fixture
def checks(tmp_path, archive):
    import_file(write(tmp_path / "checks.json", [
        review("https://c.example/10000", "North Korea has shipped more than 10,000 containers "
               "of munitions to Russia since September 2023.", "Mostly true"),
        review("https://c.example/6700", "North Korea has shipped about 6,700 containers of "
               "munitions to Russia since September 2023.", "False"),
        review("https://c.example/debt-2023", "Il debito pubblico italiano ha superato i 2.800 "
               "miliardi di euro nel 2023.", "Vero"),
        review("https://c.example/debt-2024", "Il debito pubblico italiano ha superato i 2.800 "
               "miliardi di euro nel 2024.", "Vero"),
        review("https://c.example/reactors", "France has 56 nuclear reactors in operation.",
               "True"),
    ]), archive)
    return archive


@pytest.mark.parametrize("figure", ["10.000", "diecimila", "10 mila", "più di 10.000"])
def test_the_same_figure_in_any_format_finds_the_english_fact_check(checks, figure):
    claim = f"La Russia ha ricevuto {figure} container di munizioni dalla Corea del Nord."
    best = match_text(checks, claim, "it")[0]
    assert best.fact_check.url == "https://c.example/10000"
    assert best.same_claim
    assert "same figure: 10,000 container" in best.reasons


def test_a_near_miss_ranks_below_the_true_match_and_is_not_the_same_claim(checks):
    matches = match_text(checks, "Pyongyang sent over 10,000 containers of ammunition to "
                                 "Moscow since September 2023.", "en")
    assert [m.fact_check.url for m in matches[:2]] == ["https://c.example/10000",
                                                        "https://c.example/6700"]
    true, near = matches[:2]
    assert true.same_claim and not near.same_claim and near.score < true.score
    assert "figure differs: 6,700 container vs 10,000 container" in near.reasons


def test_another_year_is_the_same_topic_but_not_the_same_claim(checks):
    matches = match_text(checks, "Italy's public debt went above 2,800 billion euros in 2024.",
                         "en")
    assert matches[0].fact_check.url == "https://c.example/debt-2024"
    assert matches[0].same_claim
    other = next(m for m in matches if m.fact_check.url.endswith("debt-2023"))
    assert not other.same_claim and "same topic, but 2023 vs 2024" in other.reasons


def test_an_italian_claim_finds_the_english_check_and_the_reverse(checks):
    assert match_text(checks, "La Francia ha 56 reattori nucleari in funzione.",
                      "it")[0].fact_check.url == "https://c.example/reactors"
    assert match_text(checks, "Italian public debt rose above 2.8 trillion euros in 2023.",
                      "en")[0].fact_check.url == "https://c.example/debt-2023"


def test_an_unrelated_claim_has_no_match_flagged_as_the_same_claim(checks):
    matches = match_text(checks, "Il sindaco ha inaugurato una biblioteca nel 2023.", "it")
    assert not any(m.same_claim for m in matches)
    assert all(0.0 <= m.score <= 1.0 for m in matches)


def test_a_worksheets_claims_are_matched_by_their_own_figure(tmp_path, checks):
    ws = Worksheet.open(tmp_path / "claims" / "seed.csv", article=verify.SEED_ARTICLE)
    results = dict((c.text, m) for c, m in match_claims(checks, ws.claims))
    best = results["più di 10.000 container"][0]
    assert (best.fact_check.url, best.same_claim) == ("https://c.example/10000", True)
    assert set(best.to_json()) == {"url", "claim_reviewed", "rating", "author",
                                   "date_published", "language", "score", "same_claim",
                                   "reasons"}


# --- The demo archive -----------------------------------------------------------------------

def test_the_workspace_archive_starts_with_the_demo_and_the_seed_finds_its_checks(
        tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("VERIFY_FACTCHECKS", raising=False)
    demo_before = DEMO_ARCHIVE.read_bytes()
    with open_archive() as archive:
        assert archive.path == tmp_path / "factchecks" / "archive.sqlite"
        demo_count = len(json.loads(demo_before))
        assert archive.count() == demo_count
        article = verify.load_article(verify.SEED_ARTICLE)
        found = {c.text: m for c, m in match_claims(archive, verify.extract_claims(article))}
    assert DEMO_ARCHIVE.read_bytes() == demo_before
    assert found["più di 10.000 container"][0].fact_check.url.endswith("nk-containers-10000")
    assert found["almeno 10 missili"][0].same_claim
    # opened again: nothing imported twice
    with open_archive() as archive:
        assert archive.count() == demo_count
    # an archive anywhere else starts empty
    with open_archive(tmp_path / "elsewhere.sqlite") as other:
        assert other.count() == 0


def test_checked_before_lists_the_seeds_claims_already_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("VERIFY_FACTCHECKS", raising=False)
    article = verify.load_article(verify.SEED_ARTICLE)
    claims = verify.extract_claims(article)
    same = checked_before(claims, article.lang, same_claim_only=True)
    assert {c.text for c, _ in same} >= {"più di 10.000 container", "260.000 tonnellate",
                                         "almeno 10 missili", "nove giorni"}
    assert all(m.same_claim for _, matches in same for m in matches)
    every = checked_before(claims, article.lang)
    assert len(every) > len(same) and all(matches for _, matches in every)
    with pytest.raises(FactCheckError, match="no fact-check archive there"):
        checked_before(claims, archive=tmp_path / "none.sqlite")


def test_a_big_import_read_by_worker_processes_stores_what_one_process_would(tmp_path):
    topics = ["containers of munitions", "migrants landed", "tonnes of wheat", "new doctors"]
    feed = [review(f"https://c.example/{i}",
                   f"In {1990 + i % 35} country {i % 50} had {(i * 37) % 900 + 1},{i % 10}00 "
                   f"{topics[i % 4]}, said minister {i % 7}.") for i in range(3_000)]
    text = json.dumps(feed)
    stored = []
    for workers in (0, 2):
        with Archive.open(tmp_path / f"workers-{workers}.sqlite") as archive:
            report = import_text(text, "feed.json", archive, workers=workers,
                                 parallel_from=500)
            assert (report.imported, report.duplicates) == (3_000, 0)
            stored.append([(s.fact_check, s.features) for s in archive.all()])
    assert stored[0] == stored[1]
