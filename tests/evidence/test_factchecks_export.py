"""A past fact-check a checker keeps (``record_match``) reaches the editor: it is a source of
kind "fact-check" linked to the claim, the editor CSV names it in ``checked_before`` and the HTML
report marks it "checked before", with every word from the archive escaped."""

from __future__ import annotations

import csv
import io

import pytest

from report_data import claim_for, seed_worksheet
from verify.reports.export import export_csv, export_html
from verify.evidence.factchecks import checked_before, import_text, open_archive, record_match
from verify.evidence.sources import FACT_CHECK_KIND


@pytest.fixture
def seed(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_WORKSPACE", str(tmp_path / "workspace"))  # the demo archive here
    monkeypatch.delenv("VERIFY_FACTCHECKS", raising=False)
    return seed_worksheet(tmp_path, links=False)


def _match_for(ws, text: str, within: str, **options):
    claim = claim_for(ws, text, within)
    found = dict((c.claim_id, m) for c, m in checked_before([claim], "it", **options))
    assert claim.claim_id in found, f"no past fact-check found for {text!r}"
    return claim, found[claim.claim_id][0]


def test_a_kept_fact_check_is_a_source_and_evidence_of_the_claim(seed):
    claim, match = _match_for(seed, "più di 10.000 container", "La Russia ha ricevuto")
    assert match.same_claim
    link = record_match(seed, claim.claim_id, match, stance="supports", checker="Anna Bianchi")
    source = seed.sources.get(link.source_id)
    assert source.kind == FACT_CHECK_KIND and source.url == match.fact_check.url
    assert match.fact_check.claim_reviewed in link.passage and match.fact_check.rating in link.passage
    assert [(l.claim_id, l.stance) for l in seed.evidence(claim.claim_id)] == [
        (claim.claim_id, "supports")]
    # keeping it again updates the one link
    record_match(seed, claim.claim_id, match, stance="context", checker="Anna Bianchi")
    assert [l.stance for l in seed.evidence(claim.claim_id)] == ["context"]


def test_the_editor_csv_and_the_report_show_the_fact_check_kept(seed):
    claim, match = _match_for(seed, "più di 10.000 container", "La Russia ha ricevuto")
    record_match(seed, claim.claim_id, match, checker="Anna Bianchi")
    rows = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(export_csv(seed)))}
    fc = match.fact_check
    line = rows[claim.claim_id]["checked_before"]
    assert fc.rating in line and fc.url in line and fc.author in line
    assert all(r["checked_before"] == "" for k, r in rows.items() if k != claim.claim_id)
    page = export_html(seed)
    block = page[page.index(f'id="claim-{claim.claim_id}"'):]
    block = block[:block.index("</article>")]
    assert '<span class="checked-before">checked before' in block
    assert page.count('class="checked-before"') == 1


def test_a_hostile_fact_check_is_shown_as_text(seed, tmp_path):
    archive = tmp_path / "hostile.sqlite"
    feed = ('{"@context": "https://schema.org", "@type": "ClaimReview", '
            '"url": "https://checks.example/1", "author": {"@type": "Organization", '
            '"name": "<b>Desk</b>"}, "datePublished": "2024-07-01", '
            '"claimReviewed": "North Korea sent more than 10,000 containers <script>alert(1)</script>",'
            ' "reviewRating": {"@type": "Rating", "alternateName": "<img src=x onerror=alert(2)>"}}')
    with open_archive(archive) as opened:
        import_text(feed, "hostile.jsonld", opened)
    claim, match = _match_for(seed, "più di 10.000 container", "La Russia ha ricevuto",
                              archive=archive)
    record_match(seed, claim.claim_id, match, checker="Anna Bianchi")
    page = export_html(seed)
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>Desk" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    line = next(r for r in csv.DictReader(io.StringIO(export_csv(seed)))
                if r["claim_id"] == claim.claim_id)["checked_before"]
    assert "<img src=x onerror=alert(2)>" in line     # the CSV keeps the text as it was
