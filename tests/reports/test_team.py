"""Several checkers and training: Cohen's kappa against hand-worked examples, merging real
worksheets of the seed (some edited by hand), disagreements, and scoring against an answer key."""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import verify
from verify import DEFAULT_SCALE, Worksheet, load_article
from verify.errors import WorksheetError
from verify.reports.team import (cohen_kappa, disagreements, merge_worksheets, pairwise_agreement,
                         score_against_key)


# --- kappa ----------------------------------------------------------------------------------------

def test_kappa_hand_worked_example():
    # 50 claims, two checkers:
    #                 Bruno true   Bruno false
    #   Anna true         20            5         Anna: 25 true, 25 false
    #   Anna false        10           15         Bruno: 30 true, 20 false
    # p_o = (20 + 15) / 50 = 0.7
    # p_e = (25/50)(30/50) + (25/50)(20/50) = 0.30 + 0.20 = 0.5
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
    anna = ["true"] * 20 + ["true"] * 5 + ["false"] * 10 + ["false"] * 15
    bruno = ["true"] * 20 + ["false"] * 5 + ["true"] * 10 + ["false"] * 15
    assert cohen_kappa(anna, bruno) == pytest.approx(0.4)


def test_kappa_hand_worked_three_labels():
    # 10 claims:            B true  B misleading  B false
    #   A true (4)             3         1           0
    #   A misleading (3)       0         2           1
    #   A false (3)            0         0           3       B: 3 true, 3 misleading, 4 false
    # p_o = (3 + 2 + 3) / 10 = 0.8
    # p_e = (4*3 + 3*3 + 3*4) / 100 = 33/100 = 0.33
    # kappa = (0.8 - 0.33) / (1 - 0.33) = 0.47 / 0.67 = 0.70149...
    a = ["true"] * 4 + ["misleading"] * 3 + ["false"] * 3
    b = (["true"] * 3 + ["misleading"]        # on A's 4 true
         + ["misleading"] * 2 + ["false"]     # on A's 3 misleading
         + ["false"] * 3)                     # on A's 3 false
    assert cohen_kappa(a, b) == pytest.approx(0.47 / 0.67)


def test_kappa_perfect_agreement_is_one():
    labels = ["true", "false", "misleading", "true"]
    assert cohen_kappa(labels, labels) == 1.0


def test_kappa_chance_agreement_is_zero():
    # p_o = 2/4 = 0.5; each used true and false twice: p_e = 0.5*0.5 + 0.5*0.5 = 0.5
    assert cohen_kappa(["true", "true", "false", "false"],
                       ["true", "false", "true", "false"]) == 0.0
    # always the opposite: p_o = 0, p_e = 0.5, kappa = -0.5 / 0.5
    assert cohen_kappa(["true", "false"], ["false", "true"]) == -1.0


def test_kappa_degenerate_case_is_nan():
    # both said "true" to every claim: p_o = 1, p_e = 1, kappa = 0/0
    assert math.isnan(cohen_kappa(["true"] * 5, ["true"] * 5))
    assert math.isnan(cohen_kappa([], []))
    # one label each, but different ones: p_e = 0, so it is defined
    assert cohen_kappa(["true"] * 3, ["false"] * 3) == 0.0


def test_kappa_needs_one_label_each_per_claim():
    with pytest.raises(ValueError, match="got 2 and 1 labels"):
        cohen_kappa(["true", "false"], ["true"])


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), max_size=30))
def test_kappa_matches_the_textbook_formula(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    n = len(pairs)
    p_o = sum(a == b for a, b in pairs) / n if n else 0
    a, b = Counter(first), Counter(second)
    p_e = sum((a[k] / n) * (b[k] / n) for k in "abc") if n else 1
    kappa = cohen_kappa(first, second)
    if math.isclose(p_e, 1):
        assert math.isnan(kappa)
    else:
        assert kappa == pytest.approx((p_o - p_e) / (1 - p_e))


# --- real worksheets of the seed --------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    return load_article(verify.SEED_ARTICLE)


@pytest.fixture(scope="module")
def ids(seed, tmp_path_factory):
    ws = Worksheet.open(tmp_path_factory.mktemp("ids") / "x.csv", article=seed)
    return [c.claim_id for c in ws.claims[:8]]


def sheet(path: Path, seed, ids, verdicts: dict[int, str], checker: str = "") -> Path:
    """A worksheet of the seed at ``path`` with ``verdicts`` (claim number -> label)."""
    ws = Worksheet.open(path, article=seed)
    for number, label in verdicts.items():
        ws.set_verdict(ids[number], label, rationale=f"{checker or path.stem} on {number}",
                       checker=checker)
    return path


def hand_edit(path: Path, drop=(), cells=None) -> None:
    """Edit the CSV as a spreadsheet would: delete the rows of ``drop``, set ``cells``
    ({(claim_id, column): value})."""
    with open(path, encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    rows = [r for r in rows if r[0] not in drop]
    for (claim_id, column), value in (cells or {}).items():
        next(r for r in rows if r[0] == claim_id)[header.index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])


@pytest.fixture
def three(tmp_path, seed, ids):
    anna = sheet(tmp_path / "a.csv", seed, ids,
                 {0: "true", 1: "false", 2: "true", 3: "mostly true"}, "Anna")
    bruno = sheet(tmp_path / "b.csv", seed, ids,
                  {0: "true", 1: "true", 2: "true", 5: "false"}, "Bruno")
    carla = sheet(tmp_path / "c.csv", seed, ids, {0: "true", 1: "false"}, "Carla")
    # by hand: claim 5 is only in Bruno's file; Carla typed her verdict on claim 3 in a cell
    hand_edit(anna, drop={ids[5]})
    hand_edit(carla, drop={ids[5]}, cells={(ids[3], "verdict"): " Unverifiable",
                                           (ids[3], "checker"): "Carla"})
    return [str(anna), bruno, carla]


def test_merge_three_checkers(three, ids):
    merged = merge_worksheets(three).set_index("claim_id")
    assert list(merged.columns[-11:]) == [
        "verdict (Anna)", "rationale (Anna)", "checker (Anna)",
        "verdict (Bruno)", "rationale (Bruno)", "checker (Bruno)",
        "verdict (Carla)", "rationale (Carla)", "checker (Carla)", "agreement", "missing_from"]
    assert len(merged) == 95  # every claim of the seed, also claim 5 that two files lack
    assert merged.loc[ids[0], "agreement"] == "unanimous"
    assert merged.loc[ids[1], "agreement"] == "split"
    assert merged.loc[ids[2], "agreement"] == "unanimous"  # Carla did not check it
    assert merged.loc[ids[3], "agreement"] == "split"
    assert merged.loc[ids[3], "verdict (Carla)"] == "unverifiable"  # the hand edit, validated
    assert merged.loc[ids[4], "agreement"] == "unchecked"
    assert merged.loc[ids[4], "verdict (Anna)"] == "not checked"
    assert merged.loc[ids[1], "rationale (Bruno)"] == "Bruno on 1"


def test_a_claim_only_in_one_worksheet_is_reported(three, ids):
    row = merge_worksheets(three).set_index("claim_id").loc[ids[5]]
    assert row["verdict (Bruno)"] == "false"
    assert pd.isna(row["verdict (Anna)"]) and pd.isna(row["verdict (Carla)"])
    assert row["missing_from"] == "Anna; Carla"
    assert row["agreement"] == "single"
    assert row["text"]  # the claim's own columns, from the worksheet that has it


def test_pairwise_agreement(three):
    pairs = pairwise_agreement(merge_worksheets(three)).set_index("pair")
    # Anna/Bruno on claims 0-2: true/true, false/true, true/true. p_o = 2/3;
    # Anna 2 true 1 false, Bruno 3 true: p_e = (2*3)/9 = 2/3, kappa = 0 (Bruno always says true)
    assert pairs.loc["Anna / Bruno", ["both_checked", "agreed"]].tolist() == [3, 2]
    assert pairs.loc["Anna / Bruno", "percent"] == pytest.approx(200 / 3)
    assert pairs.loc["Anna / Bruno", "kappa"] == pytest.approx(0)
    # Anna/Carla on 0, 1, 3: true/true, false/false, mostly true/unverifiable. p_o = 2/3,
    # p_e = (1*1 + 1*1) / 9 = 2/9, kappa = (2/3 - 2/9) / (7/9) = 4/7
    assert pairs.loc["Anna / Carla", "both_checked"] == 3
    assert pairs.loc["Anna / Carla", "kappa"] == pytest.approx(4 / 7)
    # Bruno/Carla on 0, 1 only (claim 5 is not in Carla's file, 3 Bruno did not check)
    assert pairs.loc["Bruno / Carla", ["both_checked", "agreed"]].tolist() == [2, 1]


def test_pairwise_agreement_takes_paths_too(three):
    assert pairwise_agreement(three).equals(pairwise_agreement(merge_worksheets(three)))


def test_disagreements_listed(three, ids):
    split = disagreements(three)
    assert split["claim_id"].tolist() == [ids[1], ids[3]]
    assert split["verdicts"].tolist() == ["false: Anna, Carla; true: Bruno",
                                          "mostly true: Anna; unverifiable: Carla"]
    assert split.loc[0, "rationale (Bruno)"] == "Bruno on 1"


def test_names_from_file_stem_and_twice_the_same_checker(tmp_path, seed, ids):
    unnamed = sheet(tmp_path / "draft.csv", seed, ids, {0: "true"})
    first = sheet(tmp_path / "a.csv", seed, ids, {0: "true"}, "Anna")
    again = sheet(tmp_path / "b.csv", seed, ids, {0: "false"}, "Anna")
    merged = merge_worksheets([unnamed, first, again])
    assert [c for c in merged.columns if c.startswith("verdict (")] == [
        "verdict (draft)", "verdict (Anna)", "verdict (Anna (b))"]


def test_orphaned_verdicts_are_kept(tmp_path, seed, ids):
    anna = sheet(tmp_path / "a.csv", seed, ids, {2: "false"}, "Anna")
    bruno = sheet(tmp_path / "b.csv", seed, ids, {2: "false"}, "Bruno")
    hand_edit(bruno, cells={(ids[2], "orphaned"): "yes"})
    row = merge_worksheets([anna, bruno]).set_index("claim_id").loc[ids[2]]
    assert row["orphaned"] and row["verdict (Bruno)"] == "false"
    assert row["agreement"] == "unanimous"


def test_worksheets_of_different_articles_are_refused(tmp_path, seed, ids):
    anna = sheet(tmp_path / "a.csv", seed, ids, {0: "true"}, "Anna")
    other = Worksheet.open(tmp_path / "other.csv",
                           article=load_article(text="La Russia ha ricevuto 10.000 container."))
    with pytest.raises(WorksheetError, match="different articles .*a.csv is of "
                                             "'putin-kim-2024-it'.*merge only"):
        merge_worksheets([anna, other])


def test_a_broken_hand_edit_is_reported(three, ids):
    hand_edit(Path(three[0]), cells={(ids[0], "verdict"): "truish"})
    with pytest.raises(WorksheetError, match="unknown verdict 'truish'"):
        merge_worksheets(three)


# --- answer key -----------------------------------------------------------------------------------

@pytest.fixture
def key_and_trainee(tmp_path, seed, ids):
    key = sheet(tmp_path / "key.csv", seed, ids,
                {0: "true", 1: "false", 2: "mostly true", 3: "false", 4: "true", 5: "false"},
                "Trainer")
    trainee = sheet(tmp_path / "trainee.csv", seed, ids,
                    {0: "true", 1: "misleading", 2: "false", 3: "unverifiable", 6: "true"},
                    "Tina")
    hand_edit(trainee, drop={ids[5]})
    return key, trainee


def test_score_against_key(key_and_trainee, ids):
    table, summary = score_against_key(*key_and_trainee)
    result = table.set_index("claim_id")["result"]
    assert [result[ids[n]] for n in range(8)] == [
        "match",
        "near-miss",   # misleading is next to false on the scale
        "wrong",       # false is two steps from mostly true
        "wrong",       # unverifiable is not a degree of truth, though listed after false
        "missed",      # left unchecked
        "absent",      # not in the trainee's file
        "not in key",  # the trainer gave no verdict: not scored
        "not in key",
    ]
    row = table.set_index("claim_id").loc[ids[1]]
    assert (row["key"], row["trainee"], row["key_rationale"]) == ("false", "misleading",
                                                                  "Trainer on 1")
    assert pd.isna(table.set_index("claim_id").loc[ids[5], "trainee"])
    assert summary == {"in_key": 6, "checked": 4, "matches": 1, "near_misses": 1, "wrong": 2,
                       "missed": 1, "absent": 1, "accuracy": 0.25}


def test_score_with_an_ordered_scale_given(key_and_trainee, ids):
    table, summary = score_against_key(*key_and_trainee, ordered=DEFAULT_SCALE[1:])
    assert table.set_index("claim_id").loc[ids[3], "result"] == "near-miss"
    assert summary["near_misses"] == 2


def test_score_with_nothing_checked(tmp_path, seed, ids):
    key = sheet(tmp_path / "key.csv", seed, ids, {0: "true"}, "Trainer")
    blank = sheet(tmp_path / "blank.csv", seed, ids, {})
    _, summary = score_against_key(key, blank)
    assert summary["accuracy"] is None and summary["missed"] == 1
