"""The scoring rules of bench/news_eval.py, on a tiny page and gold file written for the test.

The page is made up; the real evaluation pages stay outside the repository.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from verify.errors import VerifyError
from verify.grammar import Mention

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("news_eval", ROOT / "bench" / "news_eval.py")
news_eval = importlib.util.module_from_spec(_spec)
sys.modules["news_eval"] = news_eval  # dataclasses look their module up while it loads
_spec.loader.exec_module(news_eval)

# Two sentences in the shape of a statistics release: a percent twice, a year, a date, and a
# name holding a number.
PAGE = ("Secondo il rapporto Clima 2030, nel 2019 la quota è salita al 12,5%. "
        "Il 3 marzo 2021 la quota era di nuovo al 12,5%, e il 7% delle famiglie ne era fuori. "
        "Lo dicono 12 comuni.")

GOLD = [
    # text, occurrence, kind, value, value_max, unit, qualifier, required, category, context
    ("12,5%", 1, "percent", "12.5", "", "percent", "exact", 1, "plain", ""),
    ("12,5%", 2, "percent", "12.5", "", "percent", "exact", 1, "plain", ""),
    ("2019", 1, "year", "2019", "", "", "exact", 1, "year", "nel 2019"),
    ("3 marzo 2021", 1, "date", "2021-03-03", "", "", "exact", 0, "date", ""),
    ("7%", 1, "percent", "70", "", "percent", "exact", 1, "plain", ""),   # a wrong value on purpose
    ("2030", 1, "none", "", "", "", "", 0, "name_with_year", "Clima 2030"),
    # A plain count marked "not a figure" on purpose, to see the rule at work on any grammar.
    ("12 comuni", 1, "none", "", "", "", "", 0, "marked_none", ""),
]


def write_eval(folder: Path, gold=GOLD, split="dev") -> Path:
    (folder / "pages").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "pages" / "it-01-test.txt").write_text(PAGE, encoding="utf-8")
    with open(folder / "pages.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["name", "lang", "genre", "split", "url"],
                                 ["it-01-test", "it", "statistics", split, ""]])
    with open(folder / "gold" / "it-01-test.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*news_eval.GOLD_COLUMNS, "context"])
        w.writerows(gold)
    return folder


def gold_figure(text, start, value, value_max="", unit="", qualifier="exact", kind="count"):
    return news_eval.GoldFigure(2, text, start, start + len(text), kind, value, value_max, unit,
                                qualifier, True, "plain")


def test_occurrence_and_context_place_each_gold_row_at_its_own_place(tmp_path):
    folder = write_eval(tmp_path)
    rows = news_eval.read_gold(folder / "gold" / "it-01-test.csv", PAGE)
    first, second, year = rows[0], rows[1], rows[2]
    assert PAGE[first.start:first.end] == PAGE[second.start:second.end] == "12,5%"
    assert first.start < PAGE.index("Il 3 marzo") < second.start
    assert PAGE[year.start:year.end] == "2019" and PAGE[year.start - 4:year.start] == "nel "
    name = rows[5]
    assert PAGE[name.start - 6:name.end] == "Clima 2030" and not name.is_figure


def test_overlap_and_value_decide_a_match():
    at = PAGE.index("12,5%")
    gold = gold_figure("12,5%", at, "12.5", unit="percent", kind="percent")
    hedged = Mention("al 12,5%", at - 3, at + 5, "percent", "12.5", unit="percent")
    elsewhere = Mention("12,5%", at + 40, at + 45, "percent", "12.5", unit="percent")
    other_value = Mention("12,5%", at, at + 5, "percent", "12.4", unit="percent")
    assert news_eval.matches(gold, hedged)          # a wider span that overlaps is found
    assert not news_eval.matches(gold, elsewhere)   # the same value at another place is not
    assert not news_eval.matches(gold, other_value)


def test_a_range_needs_both_bounds_and_a_single_figure_is_not_a_range():
    tally = gold_figure("287", 10, "287")
    as_range = Mention("287-140", 10, 17, "range", "287", value_max="140")
    assert not news_eval.matches(tally, as_range)
    span = gold_figure("tra 3 e 5 km", 0, "3", value_max="5", unit="kilometre", kind="quantity")
    assert news_eval.matches(span, Mention("tra 3 e 5 km", 0, 12, "quantity", "3", "5",
                                           "kilometre", "range"))
    assert not news_eval.matches(span, Mention("3", 4, 5, "count", "3"))


def test_units_of_one_dimension_agree_and_strict_checks_qualifier_and_unit():
    gold = gold_figure("257 miliardi di kWh", 0, "257000000000", unit="kilowatt hour",
                       kind="quantity")
    in_twh = Mention("257 TWh", 0, 7, "quantity", "257", unit="terawatt hour")
    assert news_eval.matches_strictly(gold, in_twh)
    hedge = gold_figure("oltre 350mm", 0, "350", unit="millimetre", qualifier="more_than",
                        kind="quantity")
    plain = Mention("350mm", 6, 11, "quantity", "350", unit="millimetre")
    assert news_eval.matches(hedge, plain) and not news_eval.matches_strictly(hedge, plain)
    wrong_unit = Mention("350 kg", 6, 12, "quantity", "350", unit="kilogram")
    exact = dataclasses.replace(hedge, qualifier="exact")
    assert news_eval.matches(exact, wrong_unit) and not news_eval.matches_strictly(exact, wrong_unit)
    assert news_eval.matches_strictly(exact, plain)


def test_a_date_without_its_year_still_agrees_but_a_wrong_month_does_not():
    gold = gold_figure("agosto", 0, "2024-08", kind="date")
    assert news_eval.matches(gold, Mention("agosto", 0, 6, "date", "--08"))
    assert not news_eval.matches(gold, Mention("agosto", 0, 6, "date", "--09"))
    assert not news_eval.matches_strictly(gold, Mention("agosto", 0, 6, "date", "--08"))
    assert news_eval.matches_strictly(gold, Mention("agosto", 0, 6, "date", "2024-08"))


def test_scores_on_the_made_up_page(tmp_path):
    report = news_eval.evaluate(write_eval(tmp_path))
    page = report["pages"][0]
    # Four required rows; the 7% row asks for 70 on purpose, so it is missed whatever the grammar
    # reads there, and a mention on "7%" is a false figure (a wrong reading).
    assert page["required"] == 4
    assert any(m["text"] == "7%" for m in report["misses"])
    wrong = [f for f in report["false_figures"] if f["text"].endswith("7%")]
    assert wrong and wrong[0]["category"] == "wrong reading: plain"
    # A mention on a "none" row is a false figure of that row's category.
    on_none = [f for f in report["false_figures"] if f["text"].startswith("12")]
    assert [f["category"] for f in on_none] == ["not a figure: marked_none"]
    assert page["found"] == 3
    assert page["precision"] == round(page["correct"] / page["mentions"], 3) < 1
    assert report["italian"]["required"] == 4 and report["english"]["required"] == 0


def test_held_pages_show_figures_but_no_misses(tmp_path, capsys):
    folder = write_eval(tmp_path, split="held")
    assert news_eval.main([str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["held"]["required"] == 4
    assert report["misses"] == report["false_figures"] == report["loose"] == []


@pytest.mark.parametrize("bad_row, says", [
    (("12,5%", 3, "percent", "12.5", "", "percent", "exact", 1, "plain", ""), "does not occur 3"),
    (("5%", 1, "percent", "5", "", "percent", "exact", 1, "plain", ""), "inside a longer number"),
    (("2019", 1, "year", "2019", "", "", "exact", 1, "year", "nel 2018"), "does not hold"),
    (("2019", "due", "year", "2019", "", "", "exact", 1, "year", ""), "whole numbers"),
    (("nel 2019", 1, "year", "2019", "", "", "exact", 1, "year", ""), "rows 4 and 9"),
])
def test_a_gold_row_that_cannot_be_placed_names_the_file_and_row(tmp_path, bad_row, says):
    folder = write_eval(tmp_path, gold=[*GOLD, bad_row])
    with pytest.raises(VerifyError) as err:
        news_eval.evaluate(folder)
    assert "it-01-test.csv, row" in str(err.value) and says in str(err.value)
    assert "row 9" in str(err.value) or "rows 4 and 9" in str(err.value)


def test_a_commit_is_scored_from_a_clean_copy_of_it(tmp_path):
    report = news_eval.evaluate_commit("HEAD", write_eval(tmp_path / "eval"), "all")
    assert report["commit"] == "HEAD" and report["italian"]["required"] == 4
    with pytest.raises(VerifyError, match="not-a-commit"):
        news_eval.evaluate_commit("not-a-commit", tmp_path / "eval", "all")
