"""Exports: the editor CSV round-trips and never runs a formula, the HTML report escapes every
text it shows, ClaimReview has every required field typed right on every scale, scales are data,
and `verify export` works as a real subprocess. (The report in Chromium: test_report_browser.py.)
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import verify
from verify import DEFAULT_SCALE, Worksheet
from verify.reports.export import (EDITOR_COLUMNS, ExportError, claim_anchor, claimreview_json,
                           editor_rows, export_claimreview, export_csv, export_html,
                           neutralize_formula, read_editor_csv, restore_formula)
from verify.reports.report import readable_time
from verify.checking.scales import SCALES, Scale, ScaleError, load_scale, scale_for_labels

from report_data import (HOSTILE_CHECKER, HOSTILE_RATIONALE, HOSTILE_SOURCE_TEXT,
                         HOSTILE_SOURCE_TITLE, HOSTILE_SOURCES, HOSTILE_TEXTS, ROOT,
                         SEED_VERDICTS, claim_for, hostile_worksheet,
                         seed_worksheet)

FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def seed_ws(tmp_path):
    return seed_worksheet(tmp_path)


def _verdicts(ws) -> dict[str, str]:
    return {c.claim_id: (ws.verdict(c.claim_id).label if ws.verdict(c.claim_id) else "not checked")
            for c in ws.claims}


# --- scales -------------------------------------------------------------------------------------

def test_builtin_scales_have_the_published_labels_in_order():
    assert load_scale("default").labels == DEFAULT_SCALE
    assert load_scale("politifact").labels == (
        "True", "Mostly True", "Half True", "Mostly False", "False", "Pants on Fire")
    assert load_scale("pagella-politica").labels == (
        "Vero", "C'eri quasi", "Nì", "Pinocchio andante", "Panzana pazzesca")
    assert load_scale("fever").labels == ("SUPPORTED", "REFUTED", "NOT ENOUGH INFO")


@pytest.mark.parametrize("name", SCALES)
def test_every_label_maps_to_integer_ratings_best_first(name):
    scale = load_scale(name)
    rated = [r for r in scale.ratings if r.is_rating]
    assert rated, name
    values = [r.rating_value for r in rated]
    assert values == sorted(values, reverse=True) and len(set(values)) == len(values)
    assert values[0] == scale.best_rating and values[-1] == scale.worst_rating
    for rating in scale.ratings:
        assert rating.meaning, rating
        numbers = (rating.rating_value, rating.best_rating, rating.worst_rating)
        if rating.is_rating:
            assert all(type(n) is int for n in numbers)
            assert (rating.best_rating, rating.worst_rating) == (scale.best_rating,
                                                                 scale.worst_rating)
        else:
            assert numbers == (None, None, None)


def test_labels_that_are_not_ratings_get_no_numbers():
    unrated = {name: [r.label for r in load_scale(name).ratings if not r.is_rating]
               for name in SCALES}
    assert unrated == {"default": ["not checked", "unverifiable"], "politifact": [],
                       "pagella-politica": [], "fever": ["NOT ENOUGH INFO"]}
    assert load_scale("fever").rating("not enough info").to_schema() == {
        "@type": "Rating", "alternateName": "NOT ENOUGH INFO"}


@pytest.mark.parametrize("name", SCALES)
def test_a_worksheet_uses_a_scale_by_its_labels_or_its_file(tmp_path, name):
    scale = load_scale(name)
    ws = Worksheet.open(tmp_path / "a.csv", article=verify.SEED_ARTICLE, scale=scale.labels)
    assert [x for x in ws.labels if x != "not checked"] == [
        x for x in scale.labels if x != "not checked"]
    ws.set_verdict(ws.claims[0].claim_id, scale.labels[-1])
    assert Worksheet.open(tmp_path / "a.csv").verdict(ws.claims[0].claim_id).label == \
        scale.labels[-1]
    assert scale_for_labels(ws.labels).name == name
    # the data file itself is a scale file Worksheet.open reads (first column: label)
    data = ROOT / "verify" / "data" / "scales" / f"{name}.csv"
    assert Worksheet.open(tmp_path / "b.csv", article=verify.SEED_ARTICLE,
                          scale=data).labels == ws.labels


def test_a_scale_file_of_ones_own(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("label,rating_value,best_rating,worst_rating\nyes,2,2,1\nno,1,2,1\nhm,,,\n",
                    encoding="utf-8")
    scale = load_scale(path)
    assert (scale.name, scale.labels, scale.rating("YES ").rating_value) == (
        "mine", ("yes", "no", "hm"), 2)
    assert scale_for_labels(["not checked", "yes", "no"]).ratings == Scale.unrated(
        ["not checked", "yes", "no"]).ratings


@pytest.mark.parametrize("body, words", [
    ("label,rating_value,best_rating,worst_rating\nyes,3,2,1\n", "row 2 ('yes'): rating_value 3"),
    ("label,rating_value,best_rating,worst_rating\nyes,2,,\n", "row 2 ('yes'): give rating_value"),
    ("label,rating_value,best_rating,worst_rating\nyes,two,2,1\n", "row 2, column 'rating_value'"),
    ("label,rating_value,best_rating,worst_rating\nyes,2,2,1\nYes,1,2,1\n", "row 3: the label"),
    ("verdict\nyes\n", "the header row must be"),
])
def test_a_broken_scale_file_is_named_with_its_row(tmp_path, body, words):
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ScaleError) as err:
        load_scale(path)
    assert str(path) in str(err.value) and words in str(err.value)


def test_an_unknown_scale_name_lists_the_known_ones():
    with pytest.raises(ScaleError, match="unknown scale 'snopes': use one of default, fever, "
                                         "pagella-politica, politifact"):
        load_scale("snopes")


def test_the_scale_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["verify"]
    files = sorted((ROOT / "verify").glob("data/scales/*.csv"))
    assert [f.stem for f in files] == sorted(SCALES)
    for f in files:
        assert any(f.relative_to(ROOT / "verify").match(p) for p in patterns), f


# --- the editor CSV -----------------------------------------------------------------------------

def test_the_editor_csv_round_trips_with_the_worksheet(seed_ws, tmp_path):
    out = tmp_path / "editor.csv"
    text = export_csv(seed_ws, out)
    assert out.read_bytes().decode("utf-8") == text
    with open(out, newline="", encoding="utf-8") as f:
        raw = list(csv.DictReader(f))
    assert list(raw[0]) == list(EDITOR_COLUMNS)
    rows = read_editor_csv(out)
    assert [r["claim_id"] for r in rows] == [c.claim_id for c in seed_ws.claims]
    assert {r["claim_id"]: r["verdict"] for r in rows} == _verdicts(seed_ws)
    for row, claim in zip(rows, seed_ws.claims):
        assert all(isinstance(v, str) for v in row.values())
        assert (row["claim"], row["sentence"], row["kind"], row["value"], row["unit"],
                row["qualifier"], row["block"]) == (claim.text, claim.sentence, claim.kind,
                                                    claim.value, claim.unit, claim.qualifier,
                                                    claim.block)
        assert row["article_title"] == seed_ws.article.title and row["orphaned"] == ""
        verdict = seed_ws.verdict(claim.claim_id)
        if verdict is None:
            assert row["rationale"] == row["checker"] == row["checked_at"] == ""
        else:
            assert (row["rationale"], row["checker"], row["checked_at"]) == (
                verdict.rationale, verdict.checker, verdict.checked_at)
            assert row["sources"].endswith(verdict.sources)
    # pandas, as notebooks read it (dtype=str: no "true" -> True, no "0.20" -> 0.2)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False).map(restore_formula)
    assert frame.to_dict("records") == rows
    assert rows == [{k: str(v) for k, v in r.items()} for r in editor_rows(seed_ws)]


def test_the_editor_csv_lists_evidence_one_line_per_link(seed_ws):
    rows = {r["claim_id"]: r for r in read_editor_csv(io.StringIO(export_csv(seed_ws)))}
    claim = claim_for(seed_ws, "più di 10.000 container", "La Russia ha ricevuto")
    links = seed_ws.evidence(claim.claim_id)
    row = rows[claim.claim_id]
    assert row["evidence"].split("\n") == [" ".join(link.passage.split()) for link in links]
    assert row["stance"].split("\n") == [link.stance for link in links]
    assert row["agreement"].split("\n") == [link.agreement for link in links]
    urls = list(dict.fromkeys(link.url for link in links if link.url))
    assert row["sources"].split("\n") == urls + ["State Department fact sheet, Feb 2024"]


def test_the_editor_csv_flags_the_seeds_inconsistencies(seed_ws):
    rows = {r["claim"] + "|" + r["sentence"][:40]: r for r in editor_rows(seed_ws)}
    exactly = next(r for k, r in rows.items() if "esattamente 24 anni" in r["sentence"]
                   and r["claim"] == "24 anni")
    assert "does not hold by the article's own dates" in exactly["flags"]
    assert "23 years 11 months" in exactly["flags"]
    unflagged = next(r for r in rows.values() if r["claim"] == "nove giorni")
    assert unflagged["flags"] == ""


HOSTILE_CELLS = [
    "=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\tplain", "\rplain",
    "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\",\"x\")", "-0.5",
    # cells that only look safe: a space or line break before the formula (importers may trim
    # it), a phone number, a full-width equals sign, a quote already in front
    " =1+1", "\n=1+1", "\u00a0=1+1", "+39 06 1234 5678", "\uff1d1+1", "'=1+1", "''@x",
]
SAFE_CELLS = ["Anna", "10000", "true", "2026-11-29T10:03:05Z", "", "'quoted'", "a=b", "x - y",
              "€ 5", "'", "mostly true"]


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_every_cell_that_could_start_a_formula_is_neutralized(tmp_path, cell):
    ws = Worksheet.open(tmp_path / "ws.csv", article=verify.SEED_ARTICLE)
    claim_id = ws.claims[0].claim_id
    ws.set_verdict(claim_id, "false", rationale=cell, checker=cell, sources=cell)
    text = export_csv(ws)
    raw = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}[claim_id]
    for column in ("rationale", "checker", "sources"):
        assert raw[column] == "'" + cell, column
        assert not raw[column].startswith(FORMULA_CHARS)
    back = {r["claim_id"]: r for r in read_editor_csv(io.StringIO(text))}[claim_id]
    assert (back["rationale"], back["checker"], back["sources"]) == (cell, cell, cell)


@pytest.mark.parametrize("cell", SAFE_CELLS)
def test_cells_that_cannot_start_a_formula_are_left_alone(cell):
    assert neutralize_formula(cell) == cell
    assert restore_formula(cell) == cell


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@'\t\r\n \u00a0\u3000\uff1dAa1,\"") | st.characters(),
               max_size=12))
def test_neutralizing_is_exactly_undone_and_leaves_no_formula(cell):
    safe = neutralize_formula(cell)
    assert restore_formula(safe) == cell
    if safe != cell:
        assert safe == "'" + cell
    else:
        assert not cell.lstrip("'").startswith(FORMULA_CHARS)
        assert not cell.lstrip("' \t\r\n\u00a0\u3000").startswith(("=", "+", "-", "@", "\uff1d"))


def test_the_bom_option(seed_ws, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export_csv(seed_ws, plain)
    export_csv(seed_ws, excel, bom=True)
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_editor_csv(excel) == read_editor_csv(plain)
    assert list(pd.read_csv(excel, dtype=str, encoding="utf-8-sig").columns)[0] == "claim_id"
    assert "più di 10.000 container" in excel.read_bytes().decode("utf-8-sig")


def test_lone_carriage_returns_and_newlines_in_cells_round_trip(tmp_path):
    ws = Worksheet.open(tmp_path / "ws.csv", article=verify.SEED_ARTICLE)
    rationale = "first line\rsecond\r\nthird\n\"quoted\", with a comma"
    ws.set_verdict(ws.claims[1].claim_id, "true", rationale=rationale)
    rows = read_editor_csv(io.StringIO(export_csv(ws)))
    assert rows[1]["rationale"] == rationale


# --- orphans --------------------------------------------------------------------------------------

def test_a_verdict_whose_claim_left_the_article_is_exported_as_orphaned(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Vertice a Roma\n\nSono arrivati 300 ministri.\n\nCi sono 12 navi nel "
                       "porto.\n", encoding="utf-8")
    ws = Worksheet.open(tmp_path / "claims" / "a.csv", article=article)
    ships = claim_for(ws, "12 navi")
    ws.set_verdict(ships.claim_id, "false", rationale="no ships", checker="Bo")
    article.write_text("Vertice a Roma\n\nSono arrivati 300 ministri.\n", encoding="utf-8")
    ws = Worksheet.open(tmp_path / "claims" / "a.csv", article=article)
    rows = editor_rows(ws)
    assert rows[-1]["claim_id"] == ships.claim_id and rows[-1]["orphaned"] == "yes"
    assert rows[-1]["verdict"] == "false"
    report = export_html(ws)
    assert 'id="orphans"' in report and f'id="claim-{ships.claim_id}"' in report
    assert export_claimreview(ws) == []


# --- the HTML report --------------------------------------------------------------------------

class _Markup(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _markup(page: str) -> _Markup:
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "header", "footer",
                "section", "article", "h1", "h2", "h3", "h4", "p", "dl", "dt", "dd", "table",
                "thead", "tbody", "tfoot", "tr", "th", "td", "span", "a", "blockquote", "mark",
                "ul", "li", "div", "details", "summary"}


def _assert_inert(page: str) -> _Markup:
    """No script, no event handler, no outside resource, links only to http(s) or anchors."""
    markup = _markup(page)
    tags = {tag for tag, _ in markup.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in markup.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("src", "srcdoc", "formaction", "background"), (tag, name)
        if tag == "a":
            assert re.match(r"^(https?://|#)", attrs["href"]), attrs["href"]
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in page
    return markup


def test_no_script_from_the_article_the_checker_or_a_source_reaches_the_report(tmp_path):
    ws = hostile_worksheet(tmp_path)
    page = export_html(ws, organization="<script>alert('org')</script>",
                       article_url="javascript:alert('article')")
    markup = _assert_inert(page)
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", page, re.I), "an event handler inside a tag"
    text = "".join(markup.text)
    for hostile in HOSTILE_TEXTS + [HOSTILE_RATIONALE, HOSTILE_CHECKER, HOSTILE_SOURCES,
                                    "<script>alert('org')</script>", "javascript:alert('article')"]:
        assert hostile in text, f"not shown as text: {hostile!r}"
    assert not any(a.get("href", "").startswith("javascript") for _, a in markup.tags)
    assert HOSTILE_SOURCE_TITLE in text and HOSTILE_SOURCE_TEXT in text
    assert "<script>alert('note')</script>" in text
    hrefs = [a["href"] for t, a in markup.tags if t == "a" and "example.org" in a["href"]]
    assert hrefs == ["https://example.org/a?x=\"><script>alert('url')</script>"]


class _WithEvidence:
    """A worksheet with evidence links handed in, for the report's evidence rendering without
    the evidence API (and with links no API would accept: a javascript: address)."""

    def __init__(self, ws, links):
        self._ws, self._links = ws, links

    def __getattr__(self, name):
        return getattr(self._ws, name)

    def evidence(self, claim_id=None):
        return [link for link in self._links if claim_id in (None, link["claim_id"])]


def test_hostile_evidence_is_escaped_and_its_address_never_linked(tmp_path):
    ws = hostile_worksheet(tmp_path / "h")
    claim = claim_for(ws, "più di 10 missili", "Odessa")
    links = [
        {"claim_id": claim.claim_id, "source_id": "s1", "url": "javascript:alert('link')",
         "title": "<script>alert('t')</script>", "publisher": "", "stance": "supports",
         "passage": "<img src=x onerror=alert('p')> about 7 missiles", "agreement": "disagrees",
         "checker": "<b>x</b>", "linked_at": "", "note": ""},
        {"claim_id": claim.claim_id, "source_id": "s2", "url": " https://example.org/space",
         "title": "", "publisher": "P", "stance": "<i>context</i>", "passage": "10 missiles",
         "agreement": "agrees", "checker": "", "linked_at": "", "note": ""},
    ]
    page = export_html(_WithEvidence(ws, links))
    markup = _assert_inert(page)
    text = "".join(markup.text)
    assert "<img src=x onerror=alert('p')> about 7 missiles" in text
    assert "<script>alert('t')</script>" in text and "<i>context</i>" in text
    assert not [a for t, a in markup.tags if t == "a" and "example.org" in a.get("href", "")]
    # the figure in the passage differs from the claim's: flagged under the link
    assert "figure differs" in text
    rows = {r["claim_id"]: r for r in editor_rows(_WithEvidence(ws, links))}
    assert rows[claim.claim_id]["stance"] == "supports\n<i>context</i>"


def test_the_report_counts_claims_by_verdict(seed_ws):
    page = export_html(seed_ws)
    counts = dict(re.findall(r'<td class="count" data-verdict="([^"]+)">(\d+)</td>', page))
    expected = Counter(_verdicts(seed_ws).values())
    assert {k: int(v) for k, v in counts.items()} == {label: expected.get(label, 0)
                                                      for label in seed_ws.labels}
    assert re.search(rf'<td class="count total">{len(seed_ws.claims)}</td>', page)
    assert f'<span class="checked-count">{len(SEED_VERDICTS)}</span> of ' \
           f"{len(seed_ws.claims)} claims checked" in page


def test_the_report_shows_each_claim_at_its_anchor_with_its_verdict(seed_ws):
    page = export_html(seed_ws, organization="Pagella Politica")
    markup = _assert_inert(page)
    ids = [a["id"] for t, a in markup.tags if t == "article"]
    assert sorted(ids) == sorted(claim_anchor(c.claim_id) for c in seed_ws.claims)
    claim = claim_for(seed_ws, "più di 10.000 container", "La Russia ha ricevuto")
    block = page[page.index(f'id="claim-{claim.claim_id}"'):]
    block = block[:block.index("</article>")]
    assert "La Russia ha ricevuto <mark>più di 10.000 container</mark>, l’equivalente" in block
    assert 'data-verdict="mostly true"' in block and "Anna Bianchi" in block
    assert "South Korea&#x27;s defence minister said about 6,700." in block
    assert block.count('class="evidence-link"') == 2 and "figures: agrees" in block
    assert "Pagella Politica" in page and "CNN" in page and "16 September 2024" in page


def test_the_report_puts_the_verdicts_first_and_folds_the_unchecked_claims(seed_ws):
    """An editor opens the report for the verdicts: the checked claims come first, grouped by
    verdict in the scale's order (each group in article order), then the unchecked ones, folded
    in a <details> that opens without script."""
    page = export_html(seed_ws)
    markup = _assert_inert(page)
    ids = [a["id"] for t, a in markup.tags if t == "article"]
    verdicts = {k: v for k, v in _verdicts(seed_ws).items() if v != "not checked"}
    order = {label: i for i, label in enumerate(seed_ws.labels)}
    checked = sorted((c for c in seed_ws.claims if c.claim_id in verdicts),
                     key=lambda c: order[verdicts[c.claim_id]])  # stable: article order in a group
    unchecked = [c for c in seed_ws.claims if c.claim_id not in verdicts]
    assert ids == [claim_anchor(c.claim_id) for c in checked + unchecked]
    groups = re.findall(r'<section class="verdict-group" id="verdict-[^"]+" data-verdict="([^"]+)">',
                        page)
    assert groups == sorted(set(verdicts.values()), key=order.get)
    folded = page[page.index('<details class="unchecked-claims"'):page.index("</details>")]
    assert f"{len(unchecked)} claims not checked yet" in folded
    assert folded.count('<article class="claim unchecked') == len(unchecked)
    assert "<details class=\"unchecked-claims\" id=\"verdict-not-checked\">" in page  # closed
    assert "@media print" in page


@pytest.mark.parametrize("iso, zone, shown", [
    ("2026-12-03T13:05:09Z", timezone.utc, "3 December 2026, 13:05 UTC"),
    ("2026-12-03T13:05:09Z", timezone(timedelta(hours=1)), "3 December 2026, 14:05 UTC+01:00"),
    ("2026-12-03T23:30:00+00:00", timezone(timedelta(hours=-5)), "3 December 2026, 18:30 UTC-05:00"),
    ("2026-12-03T13:05:09", timezone.utc, "3 December 2026, 13:05 UTC"),   # no zone written: UTC
    ("2024-06-19", None, "19 June 2024"),
    ("giugno 2024", None, "giugno 2024"),                                  # not a time: as it was
    ("", None, ""),
])
def test_the_report_shows_times_as_a_person_reads_them(iso, zone, shown):
    assert readable_time(iso, zone=zone) == shown


def test_the_report_shows_the_seeds_consistency_findings(seed_ws):
    page = export_html(seed_ws)
    whole = page[page.index('id="article-findings"'):page.index('id="claims"')]
    assert 'data-kind="dateline_mismatch"' in whole
    exactly = claim_for(seed_ws, "24 anni", "esattamente 24 anni")
    block = page[page.index(f'<article class="claim checked flagged" '
                            f'id="claim-{exactly.claim_id}"'):]
    block = block[:block.index("</article>")]
    assert 'data-kind="duration_mismatch"' in block and "23 years 11 months" in block


# --- ClaimReview ------------------------------------------------------------------------------

REPORT_URL = "https://factcheck.example.org/2024/putin-kim"
ARTICLE_URL = "https://edition.example.com/2024/06/19/putin-kim.html"


def _check_review(review: dict, scale: Scale, ws, base: str = REPORT_URL) -> None:
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    claim_id = review["url"].removeprefix(base + "#claim-")
    assert review["url"] == f"{base}#{claim_anchor(claim_id)}"
    claim, verdict = ws.claim(claim_id), ws.verdict(claim_id)
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert claim.text in review["claimReviewed"]
    assert review["author"] == {"@type": "Organization", "name": "Facta",
                                "url": "https://facta.example"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
    assert review["datePublished"] == verdict.checked_at[:10]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == verdict.label
    expected = scale.rating(verdict.label)
    if expected.is_rating:
        for key in ("ratingValue", "bestRating", "worstRating"):
            assert type(rating[key]) is int, key
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["ratingValue"] == expected.rating_value
        assert (rating["bestRating"], rating["worstRating"]) == (scale.best_rating,
                                                                 scale.worst_rating)
    else:
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"][0]["@type"] == "CreativeWork"
    assert item["appearance"][0]["url"] == ARTICLE_URL
    assert item["author"] == {"@type": "Organization", "name": "CNN"}
    # The claim was made on the events' day; 2024-09-16 is the republisher's dateline.
    assert item["datePublished"] == "2024-06-19"
    assert item["appearance"][0]["datePublished"] == "2024-09-16"


@pytest.mark.parametrize("name", SCALES)
def test_claimreview_has_every_required_field_on_every_scale(tmp_path, name):
    scale = load_scale(name)
    ws = Worksheet.open(tmp_path / "ws.csv", article=verify.SEED_ARTICLE, scale=scale.labels)
    figures = [c for c in ws.claims if c.kind not in ("fact", "quote")]
    labels = [x for x in scale.labels if x != "not checked"]
    for claim, label in zip(figures, labels):
        ws.set_verdict(claim.claim_id, label, rationale=f"because {label}", checker="Eva")
    reviews = export_claimreview(ws, report_url=REPORT_URL, organization="Facta",
                                 org_url="https://facta.example", article_url=ARTICLE_URL)
    assert len(reviews) == len(labels)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == labels
    for review in reviews:
        _check_review(review, scale, ws)
        assert review["reviewRating"]["ratingExplanation"].startswith("because ")
    assert json.loads(claimreview_json(reviews)) == reviews


def test_claimreview_of_the_seed_and_its_anchors_in_the_report(seed_ws):
    reviews = export_claimreview(seed_ws, report_url=REPORT_URL + "#top", organization="Facta",
                                 org_url="https://facta.example", article_url=ARTICLE_URL)
    assert len(reviews) == len(SEED_VERDICTS)
    page = export_html(seed_ws)
    for review in reviews:
        _check_review(review, load_scale("default"), seed_ws)
        assert f'id="{review["url"].split("#")[1]}"' in page


def test_claimreview_takes_the_article_url_from_an_article_loaded_from_the_web(tmp_path,
                                                                              http_server):
    body = "Vertice a Roma\n\nDi Mario Rossi\n\nSono arrivati 300 ministri, 2 giorni fa.\n"
    http_server.route("/articolo", body, headers={"Content-Type": "text/plain; charset=utf-8"})
    url = http_server.url_for("/articolo")
    ws = Worksheet.open(tmp_path / "claims", article=url)
    ws.set_verdict(claim_for(ws, "2 giorni").claim_id, "true", checker="Eva")
    [review] = export_claimreview(ws)
    assert review["itemReviewed"]["appearance"][0]["url"] == url
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Mario Rossi"}
    assert review["author"] == {"@type": "Person", "name": "Eva"}
    assert review["url"].startswith("#claim-")
    assert editor_rows(ws)[0]["article_url"] == url


def test_claimreview_refuses_addresses_that_are_not_http():
    with pytest.raises(ExportError, match="give the report's http"):
        export_claimreview(None, report_url="javascript:alert(1)")
    with pytest.raises(ExportError, match="article URL 'data:text/html,x': give an http"):
        export_claimreview(None, article_url="data:text/html,x")
    with pytest.raises(ExportError, match="organization URL 'example.org': give an http"):
        export_claimreview(None, org_url="example.org")


def test_a_worksheet_without_its_sidecar_still_exports(seed_ws):
    seed_ws.path.with_name(seed_ws.path.stem + ".meta.json").unlink()
    ws = Worksheet.open(seed_ws.path)
    assert ws.article is None
    rows = editor_rows(ws)
    assert len(rows) == len(seed_ws.claims) and rows[0]["article_title"] == ""
    page = export_html(ws)
    assert "<h1 class=\"article-title\">putin-kim-2024-it</h1>" in page
    assert len(export_claimreview(ws)) == len(SEED_VERDICTS)


def test_claimreview_json_is_safe_inside_a_script_element(tmp_path):
    ws = hostile_worksheet(tmp_path)
    text = claimreview_json(export_claimreview(ws, organization="</script><script>x"))
    assert "</" not in text and json.loads(text)[0]["author"]["name"] == "</script><script>x"


# --- the command line, as a real subprocess -----------------------------------------------------

def _verify(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "verify", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_verify_export_writes_each_format(seed_ws, tmp_path):
    worksheet = str(seed_ws.path)
    done = _verify("export", worksheet, "--format", "csv", "-o", "out.csv", "--bom", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    in_process = read_editor_csv(io.StringIO(export_csv(seed_ws)))
    assert read_editor_csv(tmp_path / "out.csv") == in_process

    done = _verify("export", worksheet, "--format", "html", "-o", "report.html",
                   "--organization", "Facta", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page == export_html(seed_ws, organization="Facta")

    done = _verify("export", worksheet, "--format", "claimreview", "--report-url", REPORT_URL,
                   "--organization", "Facta", "--org-url", "https://facta.example",
                   "--article-url", ARTICLE_URL, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    reviews = json.loads(done.stdout)
    assert len(reviews) == len(SEED_VERDICTS)
    for review in reviews:
        _check_review(review, load_scale("default"), seed_ws)

    done = _verify("export", worksheet, "--format", "claimreview", "--scale", "politifact",
                   cwd=tmp_path)
    assert done.returncode == 0 and "warning: no --report-url" in done.stderr
    # the ratings asked for: labels PolitiFact has too (any case) get its numbers and spelling
    ratings = {r["reviewRating"]["alternateName"]: r["reviewRating"].get("ratingValue")
               for r in json.loads(done.stdout)}
    assert ratings == {"Mostly True": 5, "unverifiable": None, "False": 2, "True": 6}


@pytest.mark.parametrize("setup, args, words", [
    (None, ["missing.csv"], "missing.csv: no such worksheet; give the path of a worksheet CSV"),
    ("folder", ["claims"], "claims is a folder; give the worksheet's CSV file"),
    ("broken", ["broken.csv"], "broken.csv: row 3 (line 4 in a text editor), column 'verdict': "
                               "unknown verdict 'maybe'"),
    ("not-csv", ["photo.csv"], "photo.csv: line 1 is not UTF-8 text"),
    ("seed", ["claims/putin-kim-2024-it.csv", "-o", "nowhere/out.csv"],
     "the folder nowhere does not exist; create it"),
    ("seed", ["claims/putin-kim-2024-it.csv", "--scale", "snopes"], "unknown scale 'snopes'"),
    ("broken-evidence", ["claims/putin-kim-2024-it.csv"], "putin-kim-2024-it.evidence.csv"),
])
def test_verify_export_errors_are_one_line_naming_the_file(tmp_path, setup, args, words):
    if setup == "folder":
        (tmp_path / "claims").mkdir()
    elif setup == "broken":
        (tmp_path / "broken.csv").write_text(
            "claim_id,article_id,kind,text,start,end,value,value_max,unit,qualifier,sentence,"
            "block,verdict,rationale,checker,checked_at\n"
            "c-1,a,count,3 navi,0,6,3,,ship,exact,3 navi.,body,,,,\n"
            'c-2,a,count,4 navi,8,14,4,,ship,exact,"4\nnavi.",body,maybe,,,\n', encoding="utf-8")
    elif setup == "not-csv":
        (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    elif setup == "seed":
        seed_worksheet(tmp_path, links=False)
    elif setup == "broken-evidence":
        ws = seed_worksheet(tmp_path, links=False)
        ws.path.with_name(ws.path.stem + ".evidence.csv").write_text(
            "link_id,claim_id\nev-1,c-1\n", encoding="utf-8")
    fmt = ["--format", "html"] if "--format" not in args else []
    done = _verify("export", *args, *fmt, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("verify: error: ") and words in lines[0], lines[0]


def test_claimreview_dates_the_claim_by_the_events_not_the_republishers_dateline(seed_ws):
    """The seed's dateline (16 September 2024) is a copying site's: the claims were made on
    19 June 2024, the events' date the article itself gives; the page appeared on the 16th."""
    review = export_claimreview(seed_ws, report_url=REPORT_URL)[0]
    assert review["itemReviewed"]["datePublished"] == "2024-06-19"
    assert review["itemReviewed"]["appearance"][0]["datePublished"] == "2024-09-16"


def test_the_report_marks_a_claim_at_its_own_place_in_a_long_sentence(tmp_path):
    """A sentence over the window's length is kept as a window around each claim; the report
    marks the claim's own words there, not an earlier copy of the same words."""
    from verify.reading.articles import load_article
    from verify.reading.claims import WINDOW_CONTEXT, WINDOW_MARK

    text = "Titolo del pezzo\n" + "10 milioni di euro e " * 150 + "fine."
    ws = Worksheet.open(tmp_path / "fondi.csv", article=load_article(text=text, lang="it"))
    claim = ws.claims[60]
    page = export_html(ws)
    block = page[page.index(f'id="claim-{claim.claim_id}"'):]
    shown = block[block.index('<blockquote class="sentence">') + 29:block.index("</blockquote>")]
    before, marked = shown.split("<mark>", 1)
    assert marked.startswith(claim.text + "</mark>")
    kept = html.unescape(before)[len(WINDOW_MARK):]
    # as many words before it as the window keeps (the same words come 21 characters earlier too)
    assert WINDOW_CONTEXT - 20 <= len(kept) <= WINDOW_CONTEXT
    assert text[claim.start - len(kept):claim.start] == kept


def test_a_table_shows_short_times():
    assert readable_time("2026-12-03T13:05:09Z", zone=timezone.utc, short=True) == "3 Dec 2026 13:05 UTC"
    assert readable_time("2024-06-19", short=True) == "19 Jun 2024"
