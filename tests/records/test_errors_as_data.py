"""Errors as data: a file broken by hand edits raises one error whose ``problems`` list every
broken cell as a record code can read (file, row, column, message), and the command line's
one-line summary counts those records instead of the lines of the message.

Real files in tmp_path, broken the way a spreadsheet would break them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from verify import SEED_ARTICLE, VerifyError, Worksheet, WorksheetError
from verify.cli import main
from verify.errors import Problem
from verify.evidence.links import read_evidence

# 13 cells a checker broke by hand: (row as a spreadsheet shows it, column, what they typed)
BAD_CELLS = (
    [(row, "verdict", "maybe") for row in range(2, 9)]
    + [(row, "checked_at", "yesterday") for row in range(9, 12)]
    + [(row, "start", "12a") for row in range(12, 15)]
)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "claims" / "seed.csv"
    Worksheet.open(path, article=SEED_ARTICLE, checker="Anna")
    return path


def hand_edit(path: Path, cells) -> None:
    """Type ``cells`` (row, column, text) into the file as a spreadsheet would save it."""
    with open(path, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    for row, column, text in cells:
        table[row - 1][table[0].index(column)] = text
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def test_thirteen_broken_cells_are_thirteen_problems_naming_file_row_and_column(path):
    hand_edit(path, BAD_CELLS)
    with pytest.raises(WorksheetError) as caught:
        Worksheet.open(path)
    err = caught.value
    assert all(isinstance(p, Problem) for p in err.problems)
    assert [(p.file, p.row, p.column) for p in err.problems] == [
        (str(path), row, column) for row, column, _ in BAD_CELLS]
    assert err.problems[0].message.startswith("unknown verdict 'maybe'; use one of: ")
    assert err.problems[7].message.startswith("'yesterday' is not a time")
    assert err.problems[12].message.startswith("'12a' is not a whole number")
    # The message is unchanged: the first ten problems word for word, then how many more.
    message = str(err)
    for problem in err.problems[:10]:
        where = f"{path}: row {problem.row}, column '{problem.column}'"
        assert f"{where}: {problem.message}\n" in message
    assert err.problems[10].message not in message  # the 11th on are only counted
    assert "\n... and 3 more problems of the same kind\nNothing was changed" in message
    assert (err.row, err.column, err.source) == (2, "verdict", str(path))


def test_a_broken_evidence_file_lists_its_problems_too(path):
    evidence = path.with_name("seed.evidence.csv")
    evidence.write_text("link_id,claim_id\nev-1,c-1\n", encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        read_evidence(evidence)
    problems = caught.value.problems
    assert problems and {p.file for p in problems} == {str(evidence)}
    assert {p.row for p in problems} == {1}  # the header row lacks columns
    assert "source_id" in {p.column for p in problems}
    assert all(f"column '{p.column}': {p.message}" in str(caught.value) for p in problems)


def test_an_error_about_one_thing_has_no_list_of_problems(tmp_path):
    with pytest.raises(WorksheetError) as caught:
        Worksheet.open(tmp_path / "nowhere.csv")
    assert caught.value.problems == ()
    assert VerifyError("a sentence").problems == ()


def export_error_line(path: Path, capsys) -> str:
    """What ``verify export`` says on standard error about the worksheet at ``path``."""
    report = path.with_suffix(".html")
    assert main(["export", str(path), "--format", "html", "-o", str(report)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_the_command_line_counts_the_problems(path, capsys):
    hand_edit(path, BAD_CELLS)
    line = export_error_line(path, capsys)
    assert line.startswith(f"verify: error: {path}: row 2, column 'verdict': unknown verdict "
                           "'maybe'; use one of: ")
    assert " (and 12 more problems). Nothing was changed in the file" in line
    assert not path.with_suffix(".html").exists()


def test_a_line_break_typed_in_a_cell_is_not_counted_as_another_problem(path, capsys):
    """The count comes from the error's problems: the text's lines would count the line break
    in the cell as a second problem."""
    hand_edit(path, [(3, "verdict", "maybe\nnot")])
    line = export_error_line(path, capsys)
    assert "more problem" not in line
    assert "column 'verdict': unknown verdict 'maybe not'; use one of: " in line
    assert line.endswith("Nothing was changed in the file: fix it, save it as CSV (UTF-8), and "
                         "open it again.")
