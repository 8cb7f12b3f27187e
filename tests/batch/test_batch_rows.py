"""The batch's row writer (``csv_rows``) against the csv module on claims whose cells hold every
mark that needs quoting, in every column: the same text, byte for byte."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import replace

from verify import Claim
from verify.batch.run import csv_rows
from verify.records.model import CLAIM_COLUMNS

_PIECES = ["a", "è", "10.000", ",", '"', "\n", "\r", "\r\n", " ", "«x»", "“y”", ";", "", "\t",
           "\x00", "\u2028", "'", "1,5"]


def slow_rows(claims) -> str:
    """The rows as ``write_claims_csv`` makes them: ``csv.DictWriter`` over ``to_row``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    for claim in claims:
        writer.writerow(claim.to_row())
    return buf.getvalue()


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
