"""What the archive benchmark (bench/bench_batch.py) relies on: the batch's fast row writer gives
the very text of the one-article claims table, and the benchmark's articles are about 10 KB,
varied, and as rich in claims as a real article."""

from __future__ import annotations

import csv
import io
import random
import sys
from dataclasses import replace
from pathlib import Path

from verify import SEED_ARTICLE, Claim, extract_claims, load_article
from verify.batch.run import csv_header, csv_rows
from verify.reading.claims import claims_csv
from verify.records.model import CLAIM_COLUMNS

ROOT = Path(__file__).resolve().parents[2]


def slow_rows(claims) -> str:
    """The rows as ``write_claims_csv`` makes them: ``csv.DictWriter`` over ``to_row``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    for claim in claims:
        writer.writerow(claim.to_row())
    return buf.getvalue()


def test_fast_rows_are_the_one_article_tables_rows():
    claims = extract_claims(load_article(SEED_ARTICLE))
    assert len(claims) > 50
    assert csv_rows(claims) == slow_rows(claims)
    assert csv_header() + csv_rows(claims) == claims_csv(claims)


def test_fast_rows_quote_and_format_awkward_cells_as_to_row_does():
    awkward = Claim(claim_id="c,1", article_id='a "quoted" id', kind="count",
                    text="più di 10.000", start=3, end=17, value="10000", value_max="",
                    unit="container", qualifier="more_than",
                    sentence="Una riga\ncon un a capo, una virgola e \"virgolette\"",
                    sentence_start=0, sentence_end=48, checkworthiness=0.125,
                    reasons=("figure", "named actor"), note="  spazi  ")
    bare = Claim(claim_id="c2", article_id="a", kind="quote", text="x", start=0, end=1)
    assert csv_rows([awkward, bare]) == slow_rows([awkward, bare])
    assert csv_rows([]) == ""


def test_the_benchmarks_articles_are_varied_news_of_about_10_kb(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_batch import write_archive
    finally:
        sys.path.remove(str(ROOT / "bench"))
    paths = write_archive(tmp_path, 20)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 20
    assert all(9_500 <= len(t.encode()) <= 12_000 for t in texts)
    seed_claims = len(extract_claims(load_article(SEED_ARTICLE)))
    claims = [len(extract_claims(load_article(p))) for p in paths[:5]]
    assert all(0.7 * seed_claims <= n <= 2.5 * seed_claims for n in claims), claims
    assert write_archive(tmp_path / "again", 3)[0].read_text(encoding="utf-8") == texts[0]


def test_binary_text_is_told_from_text_as_by_unicodes_control_category():
    """``loading._refuse_control`` counts control characters with one pattern, for speed: the
    same count as Unicode's category Cc less the five whitespace ones, on every character."""
    import unicodedata

    from verify.errors import ArticleError
    from verify.reading.loading import _CONTROL_RE, _refuse_control

    every = "".join(map(chr, range(0x3000)))
    assert len(_CONTROL_RE.findall(every)) == sum(
        1 for ch in every if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    rng = random.Random(5)
    for share in (0.0, 0.01, 0.02, 0.1, 0.3, 0.6):  # refused above 5%
        text = "".join(rng.choice("\x01\x85\x1f\x7f") if rng.random() < share
                       else rng.choice("aè\n\t «»€") for _ in range(5000))
        try:
            _refuse_control(text, "t.txt")
            refused = False
        except ArticleError as err:
            refused = True
            assert "t.txt" in str(err) and "binary" in str(err)
        assert refused == (share >= 0.1), share


# The row writer against the csv module on claims whose cells hold every mark that needs
# quoting, in every column: the same text, byte for byte.
_PIECES = ["a", "è", "10.000", ",", '"', "\n", "\r", "\r\n", " ", "«x»", "“y”", ";", "", "\t",
           "\x00", "\u2028", "'", "1,5"]


def _cell(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 4)))


def _claim(rng: random.Random, sentence: str) -> Claim:
    """A claim with marks anywhere, or (half the time) only in its text and sentence."""
    claim = Claim(claim_id=_cell(rng), article_id=_cell(rng), kind=_cell(rng), text=_cell(rng),
                  start=rng.randint(-5, 10**6), end=rng.randint(0, 10**6), value=_cell(rng),
                  value_max=_cell(rng), unit=_cell(rng), qualifier=_cell(rng),
                  sentence=sentence, block=_cell(rng), sentence_start=rng.randint(0, 99),
                  sentence_end=rng.randint(0, 99),
                  checkworthiness=rng.choice([0.0, 0.125, 0.375, 1.0, rng.random()]),
                  reasons=tuple(_cell(rng) for _ in range(rng.randint(0, 3))), note=_cell(rng))
    if rng.random() < 0.5:
        claim = replace(claim, claim_id="c1", article_id="a", kind="count", value="1",
                        value_max="", unit="", qualifier="", block="body",
                        reasons=("figure", "named actor"), note="")
    return claim


def test_rows_are_the_csv_modules_whatever_the_cells_hold():
    rng = random.Random(7)
    for _ in range(500):
        claims, sentence = [], ""
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.5:  # else the sentence of the claim before, as in an article
                sentence = _cell(rng) + _cell(rng)
            claims.append(_claim(rng, sentence))
        assert csv_rows(claims) == slow_rows(claims)
