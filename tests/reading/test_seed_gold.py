"""The quality gate on the seed article: its hand annotation (tests/data/seed/) is the golden set.

Floors live in tests/quality_floors.json and only rise: when the extractor gets better, raise the
floor to the new measure in the same commit.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from verify.reading.articles import SEED_ARTICLE, load_article
from verify.reading.claims import extract_claims

DATA = Path(__file__).parents[1] / "data" / "seed"
FLOORS = json.loads((Path(__file__).parents[1] / "quality_floors.json").read_text())["seed"]
FIGURE_KINDS = {"count", "quantity", "money", "percent", "duration", "year", "date", "decade",
                "time", "ordinal", "range"}


def gold(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def overlaps(claim, start: int, end: int) -> bool:
    return claim.start < end and start < claim.end


@pytest.fixture(scope="module")
def article():
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="module")
def claims(article):
    return extract_claims(article)


def test_the_embedded_seed_is_the_annotated_article(article):
    shared = (DATA / "gold-quantities.csv")
    assert shared.exists()
    for row in gold("gold-quantities.csv"):
        assert article.text[int(row["anchor_start"]):int(row["anchor_end"])] == row["anchor"]


def test_every_claim_span_indexes_the_article(article, claims):
    assert claims, "the seed gave no claims"
    for c in claims:
        assert article.text[c.start:c.end] == c.text, c
        assert article.text[c.sentence_start:c.sentence_end] == c.sentence, c


def _figure_for(claims, row):
    a, b = int(row["anchor_start"]), int(row["anchor_end"])
    return [c for c in claims if c.kind in FIGURE_KINDS and overlaps(c, a, b)]


def test_required_figures_are_read_as_annotated(claims):
    """Every required=1 figure is a claim overlapping its anchor, with the annotated reading."""
    problems = []
    for row in gold("gold-quantities.csv"):
        if row["required"] != "1":
            continue
        found = _figure_for(claims, row)
        want = (row["kind"], row["value"], row["unit"], row["qualifier"])
        got = [(c.kind, c.value, c.unit, c.qualifier) for c in found]
        if want not in got:
            problems.append(f"line {row['line']} {row['quote']!r}: want {want}, got {got}")
    assert not problems, "\n".join(problems)


def test_optional_figures_floor(claims):
    rows = [r for r in gold("gold-quantities.csv") if r["required"] == "0"]
    hits = [r for r in rows if (r["kind"], r["value"], r["unit"], r["qualifier"]) in
            {(c.kind, c.value, c.unit, c.qualifier) for c in _figure_for(claims, r)}]
    rate = len(hits) / len(rows)
    print(f"\noptional gold figures read as annotated: {len(hits)}/{len(rows)} = {rate:.0%}")
    assert rate >= FLOORS["optional_figures"]


def test_no_claim_on_a_negative(claims):
    for row in gold("gold-negatives.csv"):
        a, b = int(row["anchor_start"]), int(row["anchor_end"])
        bad = [c for c in claims if overlaps(c, a, b) and c.kind in FIGURE_KINDS]
        assert not bad, f"{row['context']!r} ({row['why']}) became {bad}"


def test_no_claim_from_noise_lines(claims):
    noise = [r for r in gold("gold-blocks.csv") if r["type"] != "caption"]
    for row in noise:
        a, b = int(row["start"]), int(row["end"])
        bad = [c for c in claims if overlaps(c, a, b)]
        assert not bad, f"noise line {row['line']} ({row['type']}) gave {bad}"


def test_caption_claims_keep_their_block(claims):
    for row in gold("gold-blocks.csv"):
        if row["type"] != "caption":
            continue
        a, b = int(row["start"]), int(row["end"])
        inside = [c for c in claims if a <= c.start and c.end <= b]
        assert inside, f"caption line {row['line']} gave no claim"
        assert {c.block for c in inside} == {"caption"}


def test_figure_precision_floor(claims):
    """At least 95% of the figure claims are in the gold file (required or optional)."""
    rows = gold("gold-quantities.csv")
    figures = [c for c in claims if c.kind in FIGURE_KINDS]
    in_gold = [c for c in figures
               if any(overlaps(c, int(r["anchor_start"]), int(r["anchor_end"])) for r in rows)]
    precision = len(in_gold) / len(figures)
    extra = [f"{c.text!r} ({c.kind} {c.value})" for c in figures if c not in in_gold]
    print(f"\nfigure claims in gold: {len(in_gold)}/{len(figures)} = {precision:.1%}; extra: {extra}")
    assert precision >= FLOORS["figure_precision"], extra


def test_required_sentence_claims_are_covered(claims):
    problems = []
    for row in gold("gold-claims.csv"):
        if row["required"] != "1":
            continue
        a, b = int(row["anchor_start"]), int(row["anchor_end"])
        if not any(overlaps(c, a, b) for c in claims):
            problems.append(f"line {row['line']}: {row['claim_en']}")
    assert not problems, "not covered:\n" + "\n".join(problems)


def test_quotes_and_facts_have_their_kind(claims):
    for row in gold("gold-claims.csv"):
        a, b = int(row["anchor_start"]), int(row["anchor_end"])
        kinds = {c.kind for c in claims if overlaps(c, a, b)}
        if row["type"] == "quote":
            assert "quote" in kinds, (row["anchor"], kinds)
        if row["type"] == "factual" and row["required"] == "1":
            assert kinds & {"fact", "quote"}, (row["anchor"], kinds)


def test_claim_ids_are_stable_and_local(article, claims):
    again = extract_claims(load_article(SEED_ARTICLE))
    assert [c.claim_id for c in again] == [c.claim_id for c in claims]
    assert len({c.claim_id for c in claims}) == len(claims)
    # An edit in one paragraph keeps the ids of every claim elsewhere.
    edited_text = article.text.replace("Migliaia I nordcoreani", "Decine di migliaia di nordcoreani")
    edited = extract_claims(load_article(text=edited_text, lang="it"))
    kept = {c.claim_id for c in edited}
    elsewhere = [c for c in claims if "Migliaia" not in c.sentence]
    assert len(elsewhere) > 20
    assert all(c.claim_id in kept for c in elsewhere)


def test_scores_rank_figures_with_reasons(claims):
    containers = next(c for c in claims if c.text.startswith("più di 10.000"))
    assert "figure" in containers.reasons and "hedged figure" in containers.reasons
    assert 0 <= min(c.checkworthiness for c in claims) <= max(c.checkworthiness for c in claims) <= 1
    median = sorted(c.checkworthiness for c in claims)[len(claims) // 2]
    assert containers.checkworthiness > median
