"""The workbench's "Checked before" part, without a browser (issue 12): the claim shown lists
the past fact-checks that may already check it, one click keeps one as evidence, text from the
archive is shown as text, and a broken archive is a sentence in the panel, not a traceback. The
same in a real JupyterLab: tests/ui/test_factchecks_browser.py.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time

import pytest

from verify import SEED_ARTICLE, Workbench, Worksheet
from verify.evidence.factchecks import FACT_CHECK_KIND, import_file, open_archive

CONTAINERS = "più di 10.000 container"
DEMO_MATCH = "https://demo-factchecks.example/en/nk-containers-10000"


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """The workspace's archive in a temp folder (not made yet: the demo goes in on first use)."""
    path = tmp_path / "factchecks" / "archive.sqlite"
    monkeypatch.setenv("VERIFY_FACTCHECKS", str(path))
    monkeypatch.delenv("VERIFY_CHECKER", raising=False)
    return path


def open_bench(tmp_path) -> Workbench:
    return Workbench(Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE,
                                    sources=tmp_path / "sources"), checker="Ada")


def click_claim(bench: Workbench, text: str) -> None:
    """Click the claim list's entry for ``text`` (its tooltip is the whole text)."""
    found = [b for b in bench.claim_list.buttons if b.tooltip == text]
    assert len(found) == 1
    found[0].click()
    assert bench.session.current.text == text


def rows(bench: Workbench) -> list:
    return [row for row in bench.checked_before.matches_box.children
            if "factcheck-match" in row._dom_classes]


def row_for(bench: Workbench, url: str):
    found = [row for row in rows(bench) if f'href="{url}"' in row.children[0].value]
    assert len(found) == 1, [row.children[0].value for row in rows(bench)]
    return found[0]


def part_text(bench: Workbench) -> str:
    """Every HTML of the part, as the page gets it."""
    box = bench.checked_before.matches_box
    return bench.checked_before.title.value + "".join(
        (row.children[0].value if row.children else row.value) for row in box.children)


def test_the_containers_claim_lists_the_demo_fact_check_as_the_same_claim(tmp_path, archive):
    bench = open_bench(tmp_path)
    click_claim(bench, CONTAINERS)
    assert archive.is_file()                      # the demo went in on first use
    assert 1 <= len(rows(bench)) <= 5
    assert bench.tabs.get_title(2) == f"Checked before ({len(rows(bench))} · 1 same claim)"
    assert bench.checked_before.title.value == (f"<h4>Checked before ({len(rows(bench))}: "
                                                "1 likely the same claim)</h4>")
    html = row_for(bench, DEMO_MATCH).children[0].value
    assert 'class="factcheck-same"' in html       # "same claim", marked green
    assert "same claim" in html
    assert ">Mostly true</a>" in html             # the rating, linked to the fact-check
    assert "Demo Fact Check (example data)" in html and "2024-03-01" in html
    assert "same figure: 10,000 container" in html
    # the first match listed is the one judged the same claim
    assert f'href="{DEMO_MATCH}"' in rows(bench)[0].children[0].value
    # another claim shows its own matches: the containers check is not "the same claim" there
    click_claim(bench, "almeno 10 missili")
    assert f'<div class="factcheck-same"><div class="verify-factcheck"><div><a href="{DEMO_MATCH}"' \
        not in part_text(bench)


def test_keep_as_evidence_records_a_fact_check_source_and_a_link_in_the_files(tmp_path, archive):
    bench = open_bench(tmp_path)
    click_claim(bench, CONTAINERS)
    claim_id = bench.session.current.claim_id
    row = row_for(bench, DEMO_MATCH)
    stance, keep = row.children[1].children
    assert stance.value == "context"
    stance.value = "supports"
    keep.click()
    status = bench.checked_before.status
    assert status.value.startswith("kept as evidence (supports): Demo Fact Check (example "
                                   "data), “Mostly true”")
    assert "factcheck-failed" not in status._dom_classes
    assert "kept as evidence (supports)" in row_for(bench, DEMO_MATCH).children[0].value
    assert bench.tabs.get_title(1) == "Evidence (1)"   # the evidence tab counts it
    # in the files: the registry has the fact-check as a source, the evidence CSV the link
    again = Worksheet.open(bench.worksheet.path, article=SEED_ARTICLE,
                           sources=tmp_path / "sources")
    sources = [s for s in again.sources.sources if s.url == DEMO_MATCH]
    assert [s.kind for s in sources] == [FACT_CHECK_KIND]
    with open(again.evidence_path, newline="", encoding="utf-8-sig") as f:
        linked = [r for r in csv.DictReader(f) if r["claim_id"] == claim_id]
    assert [(r["source_id"], r["stance"]) for r in linked] == [(sources[0].source_id,
                                                                 "supports")]
    # another claim: the status was about the one before
    click_claim(bench, "almeno 10 missili")
    assert bench.checked_before.status.value == ""


def test_a_script_in_an_archived_claim_is_shown_as_text(tmp_path, archive):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://checks.example/containers-script",
        "claimReviewed": "La Corea del Nord ha inviato alla Russia più di 10.000 container "
                         "<script>alert('archive')</script> di munizioni",
        "reviewRating": {"@type": "Rating", "alternateName": "<b>Vero</b>"},
        "author": {"@type": "Organization", "name": "Checks <img src=x onerror=alert(1)>"},
        "datePublished": "2024-03-10", "inLanguage": "it"}), encoding="utf-8")
    with open_archive() as opened:                    # the workspace's: the demo, then this
        assert import_file(feed, opened).imported == 1
    bench = open_bench(tmp_path)
    click_claim(bench, CONTAINERS)
    html = row_for(bench, "https://checks.example/containers-script").children[0].value
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;archive&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Vero&lt;/b&gt;" in html
    assert "Checks &lt;img src=x onerror=alert(1)&gt;" in html


def test_a_corrupted_archive_is_a_message_in_the_panel_not_a_traceback(tmp_path, archive):
    archive.parent.mkdir(parents=True)
    archive.write_bytes(b"this is no database, just bytes where the archive should be\n" * 40)
    bench = open_bench(tmp_path)                      # opens, and shows the first claim
    click_claim(bench, CONTAINERS)
    assert rows(bench) == []
    problem = bench.checked_before.matches_box.children[0].value
    assert problem.startswith('<p class="factchecks-problem">past fact-checks cannot be shown: ')
    assert str(archive) in problem
    assert "Traceback" not in problem
    # the rest of the workbench goes on: a verdict is saved
    bench.verdict.value = bench.verdict.options[1]
    assert bench.save().startswith("saved")
    assert archive.read_bytes().startswith(b"this is no database")   # left as it was



def test_a_locked_archive_is_said_without_freezing_the_workbench(tmp_path, archive):
    with open_archive():                              # made, with the demo in it
        pass
    other = sqlite3.connect(archive, isolation_level=None)  # an import holding the archive
    other.execute("BEGIN EXCLUSIVE")
    try:
        bench = open_bench(tmp_path)
        started = time.monotonic()
        click_claim(bench, CONTAINERS)
        waited = time.monotonic() - started
        problem = bench.checked_before.matches_box.children[0].value
        assert "factchecks-problem" in problem and "locked" in problem, problem
        assert waited < 3, f"the workbench waited {waited:.1f} s for the archive"
    finally:
        other.execute("ROLLBACK")
        other.close()
    click_claim(bench, "almeno 10 missili")           # the lock is gone: matches again
    click_claim(bench, CONTAINERS)
    assert f'href="{DEMO_MATCH}"' in rows(bench)[0].children[0].value
