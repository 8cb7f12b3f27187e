"""Several checkers of one article, and training: merge their worksheets, measure how much they
agree, list where they split, and score a trainee's worksheet against a trainer's answer key.

    merged = merge_worksheets(["anna.csv", "bruno.csv", "carla.csv"])
    pairwise_agreement(merged)        # per pair: claims both checked, percent, Cohen's kappa
    disagreements(merged)             # the claims the checkers split on
    table, summary = score_against_key("key.csv", "trainee.csv")

Claims are matched by claim_id, which survives re-extraction. A claim one worksheet lacks is
kept: that worksheet's cells are missing (``pd.isna``) and its name is in ``missing_from``.
Paths are read with ``Worksheet.open(path)``, which validates hand edits (and raises
WorksheetError naming the row and column of a broken one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ..errors import WorksheetError
from ..records.model import Claim
from ..reading.tables import claims_table
from ..checking.worksheet import Worksheet
from ..records.model import NOT_CHECKED

AGREEMENT = ("unanimous", "split", "single", "unchecked")
"""A claim's ``agreement`` in a merged table: every checker who gave a verdict gave the same
one (at least two did), they differ, only one checker gave a verdict, or nobody did."""

RESULTS = ("match", "near-miss", "wrong", "missed", "absent", "not in key")
"""A claim's ``result`` against an answer key: the key's label; the label next to it on the
scale; another label; not checked; not in the trainee's worksheet at all; the key has no
verdict for it (not scored)."""

OFF_SCALE = ("unverifiable",)
"""Labels that are not a degree of truth, so never a near-miss: "unverifiable" is not between
"false" and anything, though DEFAULT_SCALE lists it after "false"."""


@dataclass(frozen=True)
class _Entry:
    """One worksheet's row for one claim."""

    claim: Claim
    label: str
    """The verdict, NOT_CHECKED when none."""
    rationale: str
    checker: str
    orphaned: bool
    """The article no longer has the claim; the row is kept because it holds work."""


# --- merging --------------------------------------------------------------------------------------

def merge_worksheets(worksheets: Iterable[str | Path | Worksheet]) -> pd.DataFrame:
    """One row per claim of all the worksheets (of one article), with each checker's verdict.

    Columns: the claims table's (``claims_table``), ``orphaned`` (no longer in the article of
    some worksheet), then for each worksheet ``verdict (NAME)``, ``rationale (NAME)`` and
    ``checker (NAME)``, then ``agreement`` (one of AGREEMENT) and ``missing_from`` (the names of
    the worksheets that lack the claim, "; " between them).

    NAME is the checker's name when every verdict in the worksheet has the same one, else the
    file's stem; a name already taken gets the stem (then a number) after it. A verdict cell
    holds the label, "not checked", or a missing value (``pd.isna``) when the worksheet lacks
    the claim.

    Rows follow the first worksheet's article order; claims only in later worksheets come after.
    Raises WorksheetError when the worksheets are of different articles.
    """
    sheets = [w if isinstance(w, Worksheet) else Worksheet.open(w) for w in worksheets]
    if not sheets:
        raise WorksheetError("no worksheets given; give the paths of the checkers' worksheets")
    works = [_work(ws) for ws in sheets]
    _same_article(sheets, works)
    work = dict(zip(_names(sheets, works), works))
    claim_ids = list(dict.fromkeys(cid for entries in work.values() for cid in entries))
    first = {cid: next(w[cid] for w in work.values() if cid in w) for cid in claim_ids}

    frame = claims_table(first[cid].claim for cid in claim_ids)
    frame["orphaned"] = [any(w[cid].orphaned for w in work.values() if cid in w)
                         for cid in claim_ids]
    for name, entries in work.items():
        _add_checker_columns(frame, name, [entries.get(cid) for cid in claim_ids])
    frame["agreement"] = [_agreement([w[cid].label for w in work.values() if cid in w])
                          for cid in claim_ids]
    frame["missing_from"] = ["; ".join(name for name, w in work.items() if cid not in w)
                             for cid in claim_ids]
    return frame


def _add_checker_columns(frame: pd.DataFrame, name: str, rows: list[_Entry | None]) -> None:
    """One checker's three columns; None where their worksheet lacks the claim."""
    frame[f"verdict ({name})"] = [e.label if e else None for e in rows]
    frame[f"rationale ({name})"] = [e.rationale if e else None for e in rows]
    frame[f"checker ({name})"] = [e.checker if e else None for e in rows]


def checkers_of(merged: pd.DataFrame) -> list[str]:
    """The checkers' names in a table from ``merge_worksheets``, in its order."""
    return [c[len("verdict ("):-1] for c in merged.columns
            if c.startswith("verdict (") and c.endswith(")")]


def _names(sheets: list[Worksheet], works: list[dict[str, _Entry]]) -> list[str]:
    names: list[str] = []
    for ws, entries in zip(sheets, works):
        checkers = {e.checker for e in entries.values() if e.checker}
        name = checkers.pop() if len(checkers) == 1 else ws.path.stem
        if name in names and name != ws.path.stem:
            name = f"{name} ({ws.path.stem})"  # Anna checked twice: "Anna", then "Anna (b)"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def _work(ws: Worksheet) -> dict[str, _Entry]:
    """claim_id -> the worksheet's entry: current claims in article order, then orphans."""
    entries = {}
    for claim in ws.claims:
        verdict = ws.verdict(claim.claim_id)
        entries[claim.claim_id] = _Entry(
            claim, verdict.label if verdict else NOT_CHECKED,
            verdict.rationale if verdict else "", verdict.checker if verdict else "", False)
    for orphan in ws.orphans:
        entries[orphan.claim_id] = _Entry(orphan.claim, orphan.label, orphan.rationale,
                                          orphan.checker, True)
    return entries


def _same_article(sheets: list[Worksheet], work: Iterable[dict[str, _Entry]]) -> None:
    seen: dict[str, str] = {}  # article_id -> the first worksheet's path
    for ws, entries in zip(sheets, work):
        entry = next(iter(entries.values()), None)
        if entry is not None:
            seen.setdefault(entry.claim.article_id, str(ws.path))
    if len(seen) > 1:
        which = "; ".join(f"{path} is of '{article}'" for article, path in seen.items())
        raise WorksheetError(f"the worksheets are of different articles ({which}); merge only "
                             "the worksheets of one article")


def _agreement(labels: list[str]) -> str:
    given = [_norm(label) for label in labels if label != NOT_CHECKED]
    if not given:
        return "unchecked"
    if len(given) == 1:
        return "single"
    return "unanimous" if len(set(given)) == 1 else "split"


def _norm(label: str) -> str:
    # two worksheets' scales may spell a label differently ("True" typed into one sidecar)
    return label.strip().casefold()


# --- agreement ------------------------------------------------------------------------------------

def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two checkers' verdicts on the same claims (``first[i]`` and
    ``second[i]`` on claim i): how far their agreement is above what chance would give.

        kappa = (p_o - p_e) / (1 - p_e)
        p_o = agreed / n                       the agreement observed
        p_e = sum over labels k of (a_k / n) * (b_k / n)
                                               the agreement chance gives, a_k and b_k being how
                                               many claims each checker gave the label k

    1 is perfect agreement, 0 no better than chance, below 0 worse than chance. It is computed
    in whole numbers, kappa = (n*agreed - S) / (n*n - S) with S = sum of a_k * b_k, so the
    degenerate case is caught exactly: p_e == 1 when both checkers gave every claim one and
    the same label. Kappa is then 0/0, and NaN is returned: they agree perfectly, but with one
    label in play there is no chance to beat (read the percent agreement, 100, instead). NaN
    too when there are no claims.

    >>> cohen_kappa(["true", "false", "true", "true"], ["true", "false", "false", "true"])
    0.5
    """
    if len(first) != len(second):
        raise ValueError(f"cohen_kappa needs one pair of labels per claim: got {len(first)} "
                         f"and {len(second)} labels")
    n = len(first)
    agreed = sum(a == b for a, b in zip(first, second))
    a, b = Counter(first), Counter(second)
    by_chance = sum(a[k] * b[k] for k in a)
    if n == 0 or by_chance == n * n:  # no claims, or p_e == 1
        return float("nan")
    return (n * agreed - by_chance) / (n * n - by_chance)


def pairwise_agreement(worksheets: pd.DataFrame | Iterable[str | Path | Worksheet]
                       ) -> pd.DataFrame:
    """Agreement of each pair of checkers over the claims both gave a verdict.

    ``worksheets``: a table from ``merge_worksheets``, or what it takes. One row per pair:
    ``pair`` ("Anna / Bruno"), ``first``, ``second``, ``both_checked`` (claims both gave a
    verdict; a claim one of them left unchecked or lacks does not count), ``agreed``,
    ``percent`` (100 * agreed / both_checked) and ``kappa`` (``cohen_kappa``). Both are NaN
    when they checked no claim in common; kappa is NaN too when both used a single label.
    """
    merged = _merged(worksheets)
    rows = []
    for first, second in combinations(checkers_of(merged), 2):
        a, b = merged[f"verdict ({first})"], merged[f"verdict ({second})"]
        both = a.notna() & b.notna() & (a != NOT_CHECKED) & (b != NOT_CHECKED)
        a, b = [_norm(x) for x in a[both]], [_norm(x) for x in b[both]]
        agreed = sum(x == y for x, y in zip(a, b))
        rows.append({"pair": f"{first} / {second}", "first": first, "second": second,
                     "both_checked": len(a), "agreed": agreed,
                     "percent": 100 * agreed / len(a) if a else float("nan"),
                     "kappa": cohen_kappa(a, b)})
    return pd.DataFrame(rows, columns=["pair", "first", "second", "both_checked", "agreed",
                                       "percent", "kappa"])


def disagreements(worksheets: pd.DataFrame | Iterable[str | Path | Worksheet]) -> pd.DataFrame:
    """The claims on which the checkers gave different verdicts (``agreement`` "split").

    ``worksheets``: a table from ``merge_worksheets``, or what it takes. Columns: claim_id,
    kind, text, sentence, ``verdicts`` in words ("true: Anna, Bruno; false: Carla"), then each
    checker's verdict and rationale. A claim one checker left unchecked is not a disagreement.
    """
    merged = _merged(worksheets)
    names = checkers_of(merged)
    split = merged[merged["agreement"] == "split"]
    table = split[["claim_id", "kind", "text", "sentence"]].copy()
    table["verdicts"] = [_in_words(row, names) for _, row in split.iterrows()]
    for name in names:
        table[f"verdict ({name})"] = split[f"verdict ({name})"]
        table[f"rationale ({name})"] = split[f"rationale ({name})"]
    return table.reset_index(drop=True)


def _in_words(row: pd.Series, names: list[str]) -> str:
    who: dict[str, list[str]] = {}
    for name in names:
        label = row[f"verdict ({name})"]
        if isinstance(label, str) and label != NOT_CHECKED:
            who.setdefault(label, []).append(name)
    return "; ".join(f"{label}: {', '.join(people)}" for label, people in who.items())


def _merged(worksheets) -> pd.DataFrame:
    return worksheets if isinstance(worksheets, pd.DataFrame) else merge_worksheets(worksheets)


# --- training -------------------------------------------------------------------------------------

def score_against_key(key: str | Path | Worksheet, trainee: str | Path | Worksheet, *,
                      ordered: Sequence[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Score a trainee's worksheet against a trainer's reference worksheet, claim by claim.

    Returns (table, summary). The table has one row per claim of either worksheet: claim_id,
    kind, text, sentence, ``key`` and ``trainee`` (their labels; "not checked", or missing,
    ``pd.isna``, when the worksheet lacks the claim), ``result`` (one of RESULTS),
    ``key_rationale`` and ``trainee_rationale``. Rows follow the key's order; claims only the
    trainee has come last.

    A near-miss is a label next to the key's on ``ordered``, the scale's labels from one end
    to the other; the default is the key's scale without "not checked" and OFF_SCALE.

    The summary: ``in_key`` (claims the key gives a verdict), ``checked`` (of those, how many
    the trainee checked), ``matches``, ``near_misses``, ``wrong``, ``missed``, ``absent``, and
    ``accuracy`` = matches / checked (None when nothing was checked): how often the trainee is
    right when they give a verdict; ``missed`` and ``absent`` say what they left out.
    """
    key_ws = key if isinstance(key, Worksheet) else Worksheet.open(key)
    trainee_ws = trainee if isinstance(trainee, Worksheet) else Worksheet.open(trainee)
    answers, given = _work(key_ws), _work(trainee_ws)
    _same_article([key_ws, trainee_ws], [answers, given])
    if ordered is None:
        ordered = [label for label in key_ws.labels
                   if label != NOT_CHECKED and _norm(label) not in OFF_SCALE]
    rank = {_norm(label): i for i, label in enumerate(ordered)}

    rows = []
    for claim_id in dict.fromkeys([*answers, *given]):
        answer, attempt = answers.get(claim_id), given.get(claim_id)
        claim = (answer or attempt).claim
        rows.append({
            "claim_id": claim_id, "kind": claim.kind, "text": claim.text,
            "sentence": claim.sentence,
            "key": answer.label if answer else None,
            "trainee": attempt.label if attempt else None,
            "result": _result(answer, attempt, rank),
            "key_rationale": answer.rationale if answer else None,
            "trainee_rationale": attempt.rationale if attempt else None,
        })
    table = pd.DataFrame(rows, columns=["claim_id", "kind", "text", "sentence", "key", "trainee",
                                        "result", "key_rationale", "trainee_rationale"])
    count = Counter(row["result"] for row in rows)
    checked = count["match"] + count["near-miss"] + count["wrong"]
    summary = {
        "in_key": len(rows) - count["not in key"], "checked": checked,
        "matches": count["match"], "near_misses": count["near-miss"], "wrong": count["wrong"],
        "missed": count["missed"], "absent": count["absent"],
        "accuracy": count["match"] / checked if checked else None,
    }
    return table, summary


def _result(answer: _Entry | None, attempt: _Entry | None, rank: dict[str, int]) -> str:
    if answer is None or answer.label == NOT_CHECKED:
        return "not in key"
    if attempt is None:
        return "absent"
    if attempt.label == NOT_CHECKED:
        return "missed"
    want, got = _norm(answer.label), _norm(attempt.label)
    if want == got:
        return "match"
    if want in rank and got in rank and abs(rank[want] - rank[got]) == 1:
        return "near-miss"
    return "wrong"
