"""pandas views of the pipeline's records, for the notebooks."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..records.model import CLAIM_COLUMNS, NOISE_BLOCKS, Article, Claim


def claims_table(claims: Iterable[Claim]) -> pd.DataFrame:
    """The claims, one row each, with the columns of the claims CSV (numbers as numbers)."""
    frame = pd.DataFrame([c.to_row() for c in claims], columns=list(CLAIM_COLUMNS), dtype=str)
    for col in ("start", "end", "sentence_start", "sentence_end"):
        frame[col] = frame[col].astype(int)
    frame["checkworthiness"] = frame["checkworthiness"].astype(float)
    return frame


def blocks_table(article: Article) -> pd.DataFrame:
    """The article's lines with their type and the rule that gave it: where the noise is."""
    return pd.DataFrame(
        [
            {"kind": b.kind, "noise": b.kind in NOISE_BLOCKS, "start": b.start, "end": b.end,
             "text": b.text, "why": b.why}
            for b in article.blocks
        ],
        columns=["kind", "noise", "start", "end", "text", "why"],
    )
