"""The worksheet: one article's claims and verdicts in a CSV that never loses a checker's work.

Real files in tmp_path, real subprocesses for the two-checker case. The crash test (SIGKILL at
random moments) is in test_worksheet_crash.py.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import DEFAULT_SCALE, SEED_ARTICLE, Verdict, Worksheet, load_article
from verify.reading.claims import extract_claims, write_claims_csv
from verify.errors import VerifyError, WorksheetError
from verify.records import cells
from verify.records.store import WORKSHEET_COLUMNS
from worksheet_saver import planned_save

TESTS = Path(__file__).resolve().parents[1]
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "claims" / "seed.csv"


@pytest.fixture
def ws(path, seed):
    return Worksheet.open(path, article=seed, checker="Anna")


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The worksheet as a spreadsheet sees it: the header and every row, all text."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, cells)) for cells in reader]


def row_of(path: Path, claim_id: str) -> dict[str, str]:
    return next(r for r in read_rows(path)[1] if r["claim_id"] == claim_id)


def hand_edit(path: Path, edit) -> bytes:
    """Edit the file as a spreadsheet would (header and rows as lists); returns the new bytes."""
    with open(path, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    edit(table)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)
    return path.read_bytes()


def claim_with(ws: Worksheet, text: str):
    return next(c for c in ws.claims if c.text == text)


# --- create, resume, set -------------------------------------------------------------------------

def test_create_writes_the_claims_table_then_the_checkers_columns(ws, path, seed):
    header, rows = read_rows(path)
    assert header == list(WORKSHEET_COLUMNS)
    assert header[-6:] == ["verdict", "rationale", "checker", "checked_at", "sources", "orphaned"]
    claims = extract_claims(seed)
    assert [r["claim_id"] for r in rows] == [c.claim_id for c in claims]
    assert ws.claims == claims
    assert all(r["verdict"] == "" for r in rows)
    assert ws.progress() == (0, len(claims))


def test_claims_index_the_article_text(ws):
    article = ws.article
    assert ws.claims == sorted(ws.claims, key=lambda c: (c.start, c.end))
    for claim in ws.claims:
        assert article.text[claim.start:claim.end] == claim.text
    count = claim_with(ws, "più di 10.000 container")
    assert (count.kind, count.value, count.unit, count.qualifier) == (
        "count", "10000", "container", "more_than")


def test_set_verdict_is_on_disk_when_it_returns(ws, path):
    claim = claim_with(ws, "più di 10.000 container")
    verdict = ws.set_verdict(claim.claim_id, "mostly true", rationale="UN panel: 10,000+",
                             sources="https://example.org/report")
    row = row_of(path, claim.claim_id)
    assert (row["verdict"], row["rationale"], row["checker"], row["sources"]) == (
        "mostly true", "UN panel: 10,000+", "Anna", "https://example.org/report")
    assert ISO_UTC.match(row["checked_at"])
    assert verdict == Verdict(claim.claim_id, "mostly true", "UN panel: 10,000+", "Anna",
                              row["checked_at"], "https://example.org/report")
    assert ws.verdict(claim.claim_id) == verdict
    assert ws.progress() == (1, len(ws.claims))


def test_resume_shows_every_verdict_as_saved(ws, path):
    first, second = ws.claims[0].claim_id, ws.claims[5].claim_id
    v1 = ws.set_verdict(first, "false", rationale="no", checker="Bruno")
    v2 = ws.set_verdict(second, "unverifiable")
    resumed = Worksheet.open(path)  # no article: from the CSV and its sidecar alone
    assert resumed.verdict(first) == v1
    assert resumed.verdict(second) == v2
    assert resumed.claims == ws.claims
    assert resumed.labels == DEFAULT_SCALE
    assert resumed.article.text == ws.article.text
    assert resumed.article.article_id == ws.article.article_id
    assert resumed.article.blocks == ws.article.blocks


def test_resume_without_the_sidecar_still_opens(ws, path):
    claim_id = ws.claims[0].claim_id
    ws.set_verdict(claim_id, "true")
    path.with_name("seed.meta.json").unlink()
    resumed = Worksheet.open(path)
    assert resumed.article is None
    assert resumed.verdict(claim_id).label == "true"


def test_opening_again_with_the_article_changes_nothing(ws, path, seed):
    ws.set_verdict(ws.claims[2].claim_id, "true")
    before = path.read_bytes(), os.stat(path).st_ino
    again = Worksheet.open(path, article=seed)
    assert (path.read_bytes(), os.stat(path).st_ino) == before  # not even rewritten
    assert again.verdict(ws.claims[2].claim_id).label == "true"


def test_open_a_folder_names_the_worksheet_after_the_article(tmp_path, seed):
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims", article=seed)
    assert ws.path == tmp_path / "claims" / "putin-kim-2024-it.csv"
    assert ws.path.exists()


def test_open_a_missing_worksheet_without_an_article_says_what_to_do(tmp_path):
    with pytest.raises(WorksheetError, match=r"no worksheet there; give article="):
        Worksheet.open(tmp_path / "nothing.csv")


def test_open_with_another_articles_text_refuses(ws, path):
    other = load_article(text="Il governo ha stanziato 5 miliardi di euro per la scuola, "
                              "ha detto il ministro Rossi.")
    before = path.read_bytes()
    with pytest.raises(WorksheetError,
                       match="this worksheet is for the article 'putin-kim-2024-it'"):
        Worksheet.open(path, article=other)
    assert path.read_bytes() == before


def test_not_checked_is_no_verdict(ws):
    claim_id = ws.claims[0].claim_id
    assert ws.verdict(claim_id) is None
    ws.set_verdict(claim_id, "true")
    ws.set_verdict(claim_id, "not checked")
    assert ws.verdict(claim_id) is None
    assert ws.progress()[0] == 0


def test_unknown_label_lists_the_allowed_labels(ws, path):
    before = path.read_bytes()
    with pytest.raises(WorksheetError) as err:
        ws.set_verdict(ws.claims[0].claim_id, "probably")
    message = str(err.value)
    assert "'probably'" in message and str(path) in message
    for label in DEFAULT_SCALE:
        assert repr(label) in message
    assert path.read_bytes() == before


def test_labels_ignore_case_and_spaces(ws):
    assert ws.set_verdict(ws.claims[0].claim_id, "  Mostly TRUE ").label == "mostly true"


def test_unknown_claim_is_an_error(ws):
    with pytest.raises(WorksheetError, match="no claim 'c-nope'"):
        ws.set_verdict("c-nope", "true")
    with pytest.raises(WorksheetError, match="no claim 'c-nope'"):
        ws.verdict("c-nope")


def test_setting_the_same_verdict_again_saves_nothing(ws, path):
    claim_id = ws.claims[0].claim_id
    ws.set_verdict(claim_id, "true", rationale="r")
    before = path.read_bytes(), len(ws.history())
    ws.set_verdict(claim_id, "true", rationale="r")
    assert (path.read_bytes(), len(ws.history())) == before


def test_sources_are_kept_unless_given(ws):
    claim_id = ws.claims[0].claim_id
    ws.set_verdict(claim_id, "true", sources="TASS, 19 June")
    assert ws.set_verdict(claim_id, "false").sources == "TASS, 19 June"
    assert ws.set_verdict(claim_id, "false", sources="").sources == ""


def test_a_plain_claims_table_opens_as_a_worksheet(tmp_path, seed):
    """`verify extract ARTICLE -o claims/x.csv` then opening it: nobody's verdicts yet."""
    path = tmp_path / "claims.csv"
    write_claims_csv(extract_claims(seed), path)
    ws = Worksheet.open(path, checker="Anna")
    assert ws.claims == extract_claims(seed) and ws.progress()[0] == 0
    ws.set_verdict(ws.claims[0].claim_id, "true")
    assert read_rows(path)[0] == list(WORKSHEET_COLUMNS)


def test_a_very_long_cell_reads_back(ws, path):
    pasted = "Il testo integrale della fonte, incollato. " * 5000  # 215 KB: over csv's 128 KB
    ws.set_verdict(ws.claims[0].claim_id, "true", sources=pasted)
    assert Worksheet.open(path).verdict(ws.claims[0].claim_id).sources == pasted


def test_stale_temporary_files_are_cleared_on_open(ws, path):
    stale = path.parent / f".{path.name}.abc123.tmp"
    stale.write_text("half a worksheet")
    Worksheet.open(path)
    assert not stale.exists()


def test_a_worksheet_deleted_while_open_is_written_again(ws, path):
    a, b = ws.claims[0].claim_id, ws.claims[1].claim_id
    ws.set_verdict(a, "true")
    path.unlink()
    ws.set_verdict(b, "false")
    resumed = Worksheet.open(path)
    assert resumed.verdict(a).label == "true" and resumed.verdict(b).label == "false"


# --- re-extraction and orphans ----------------------------------------------------------------

def edited_article(tmp_path: Path, replace: tuple[str, str] | None, prepend: str = "") -> Path:
    """The seed with a figure changed and a paragraph added before the body (offsets shift)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    if prepend:
        cut = text.index("Russia e Corea del Nord hanno ampliato")
        text = text[:cut] + prepend + text[cut:]
    path = tmp_path / "putin-kim-2024.it.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_reextraction_keeps_verdicts_and_orphans_the_vanished(tmp_path):
    article = edited_article(tmp_path, None)
    path = tmp_path / "claims" / "seed.csv"
    ws = Worksheet.open(path, article=article, checker="Anna")
    containers = claim_with(ws, "più di 10.000 container")
    treaty = claim_with(ws, "1961")
    tonnes = claim_with(ws, "260.000 tonnellate")  # same sentence, never checked
    ws.set_verdict(containers.claim_id, "mostly true", rationale="the report says 10,000+")
    ws.set_verdict(treaty.claim_id, "true", rationale="1961 treaty")

    # The article is corrected: the figure changes, and a paragraph is inserted above.
    edited_article(tmp_path, ("più di 10.000 container", "più di 12.000 container"),
                   prepend="Aggiornamento: questo articolo è stato corretto il 20 giugno.\n\n")
    merged = Worksheet.open(path, article=article)

    kept = merged.claim(treaty.claim_id)  # same sentence, same id, new offsets
    assert kept.start > treaty.start
    assert merged.article.text[kept.start:kept.end] == "1961"
    assert merged.verdict(treaty.claim_id).rationale == "1961 treaty"

    assert [o.claim_id for o in merged.orphans] == [containers.claim_id]
    orphan = merged.orphans[0]
    assert (orphan.label, orphan.rationale, orphan.claim.text) == (
        "mostly true", "the report says 10,000+", "più di 10.000 container")
    assert containers.claim_id not in [c.claim_id for c in merged.claims]
    assert row_of(path, containers.claim_id)["orphaned"] == "yes"
    # an unchecked claim that vanished was only extractor output: nothing to keep
    assert tonnes.claim_id not in {r["claim_id"] for r in read_rows(path)[1]}
    new = claim_with(merged, "più di 12.000 container")
    assert merged.verdict(new.claim_id) is None
    assert merged.history()[-1]["action"] == "reextract"
    assert merged.history()[-1]["orphaned"] == [containers.claim_id]

    # Orphans survive a resume and another re-extraction ...
    assert [o.claim_id for o in Worksheet.open(path).orphans] == [containers.claim_id]
    assert [o.claim_id for o in Worksheet.open(path, article=article).orphans] == [
        containers.claim_id]
    # ... and come back, verdict and all, when the article says 10.000 again.
    edited_article(tmp_path, None)
    back = Worksheet.open(path, article=article)
    assert back.orphans == []
    assert back.verdict(containers.claim_id).label == "mostly true"
    assert back.claim(containers.claim_id).start == containers.start


# --- hand edits ----------------------------------------------------------------------------------

def drop_column(name):
    def edit(table):
        i = table[0].index(name)
        for row in table:
            del row[i]
    return edit


def set_cell(row_number, column, value):
    """``row_number`` as a spreadsheet shows it: the header is row 1."""
    def edit(table):
        table[row_number - 1][table[0].index(column)] = value
    return edit


def drop_cell(row_number):
    def edit(table):
        del table[row_number - 1][3]
    return edit


@pytest.mark.parametrize("edit, row, column, words", [
    (drop_column("verdict"), 1, "verdict", "put the column 'verdict' back in the header row"),
    (drop_cell(5), 5, "", "the row has 22 cells but the header has 23"),
    (set_cell(7, "verdict", "maybe"), 7, "verdict", "unknown verdict 'maybe'; use one of: "
                                                    "'not checked', 'true'"),
    (set_cell(3, "checked_at", "yesterday"), 3, "checked_at", "write it as 2026-11-29T10:03:05Z"),
    (set_cell(4, "start", "12a"), 4, "start", "'12a' is not a whole number"),
])
def test_a_broken_hand_edit_names_file_row_column_and_fix(ws, path, edit, row, column, words):
    broken = hand_edit(path, edit)
    with pytest.raises(WorksheetError) as err:
        Worksheet.open(path)
    message = str(err.value)
    assert str(path) in message
    assert f"row {row}" in message
    if column:
        assert f"column '{column}'" in message
    assert words in message
    assert "Nothing was changed in the file" in message
    assert (err.value.row, err.value.column, err.value.source) == (row, column, str(path))
    assert path.read_bytes() == broken  # the file is only read

    # An open worksheet does not overwrite the broken file either: it refuses to save.
    with pytest.raises(WorksheetError, match="Not saved"):
        ws.set_verdict(ws.claims[0].claim_id, "true")
    assert path.read_bytes() == broken


def test_row_numbers_count_rows_not_lines(ws, path):
    ws.set_verdict(ws.claims[0].claim_id, "true", rationale="two\nlines")
    hand_edit(path, set_cell(4, "verdict", "veritiero"))
    with pytest.raises(WorksheetError,
                       match=r"row 4 \(line 5 in a text editor\), column 'verdict'"):
        Worksheet.open(path)


def test_every_problem_is_listed(ws, path):
    hand_edit(path, lambda t: [set_cell(n, "verdict", "?")(t) for n in (2, 3, 9)])
    message = str(pytest.raises(WorksheetError, Worksheet.open, path).value)
    assert all(f"row {n}, column 'verdict'" in message for n in (2, 3, 9))


def test_a_renamed_column_is_pointed_out(ws, path):
    hand_edit(path, lambda t: t[0].__setitem__(t[0].index("verdict"), "Verdict"))
    with pytest.raises(WorksheetError, match="rename the column 'Verdict' to 'verdict'"):
        Worksheet.open(path)


def test_a_duplicated_claim_row_is_an_error(ws, path):
    hand_edit(path, lambda t: t.append(list(t[2])))
    with pytest.raises(WorksheetError,
                       match=r"row \d+, column 'claim_id': the claim .* is also on row 3"):
        Worksheet.open(path)


def test_a_spreadsheets_csv_utf8_is_read(ws, path):
    """Byte order mark, "\\n" line ends, a label typed in capitals, an empty trailing row."""
    claim_id = ws.claims[1].claim_id
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") + b",,,,,,,,,,,,,,,,,,,,,,\n")
    hand_edit(path, set_cell(3, "verdict", "True"))
    resumed = Worksheet.open(path)
    assert resumed.verdict(claim_id).label == "true"


def test_a_non_utf8_file_says_how_to_save_it(ws, path):
    path.write_bytes(path.read_bytes().replace("più".encode(), "più".encode("cp1252")))
    with pytest.raises(WorksheetError, match=r"line \d+ is not UTF-8 text.*'CSV UTF-8'"):
        Worksheet.open(path)


def test_extra_columns_are_kept_after_ours(ws, path, seed):
    claim_id = ws.claims[1].claim_id

    def add_columns(table):
        table[0].insert(4, "priority")  # between our columns: it moves after them
        table[0].append("editor note")
        for n, row in enumerate(table[1:], start=1):
            row.insert(4, "high" if n == 2 else "")
            row.append("ask Marco, \"desk\"" if n == 2 else "")

    hand_edit(path, add_columns)
    opened = Worksheet.open(path, article=seed)
    assert opened.extra_columns == ["priority", "editor note"]
    opened.set_verdict(claim_id, "false")
    header, rows = read_rows(path)
    assert header == list(WORKSHEET_COLUMNS) + ["priority", "editor note"]
    row = row_of(path, claim_id)
    assert (row["priority"], row["editor note"], row["verdict"]) == (
        "high", "ask Marco, \"desk\"", "false")
    assert sum(1 for r in rows if r["priority"]) == 1


def test_a_claim_with_only_a_hand_written_note_is_orphaned_not_dropped(tmp_path):
    article = edited_article(tmp_path, None)
    path = tmp_path / "w.csv"
    ws = Worksheet.open(path, article=article)
    claim_id = claim_with(ws, "più di 10.000 container").claim_id

    def add_note(table):
        table[0].append("desk note")
        for row in table[1:]:
            row.append("check with desk" if row[0] == claim_id else "")

    hand_edit(path, add_note)
    edited_article(tmp_path, ("più di 10.000", "più di 11.000"))
    merged = Worksheet.open(path, article=article)
    assert [o.claim_id for o in merged.orphans] == [claim_id]
    assert row_of(path, claim_id)["desk note"] == "check with desk"


# --- the scale as data ---------------------------------------------------------------------------

@pytest.mark.parametrize("given_as", ["list", "txt", "csv"])
def test_a_scale_given_as_data(tmp_path, seed, given_as):
    labels = ["correct", "wrong", "needs context"]
    if given_as == "list":
        scale = labels
    elif given_as == "txt":
        scale = tmp_path / "scale.txt"
        scale.write_text("# our desk's scale\ncorrect\nwrong\n\nneeds context\n", encoding="utf-8")
    else:
        scale = tmp_path / "scale.csv"
        scale.write_text("label\ncorrect\nwrong\nneeds context\n", encoding="utf-8")
    path = tmp_path / "w.csv"
    ws = Worksheet.open(path, article=seed, scale=scale)
    assert ws.labels == ("not checked", "correct", "wrong", "needs context")
    claim_id = ws.claims[0].claim_id
    ws.set_verdict(claim_id, "needs context")
    with pytest.raises(WorksheetError, match="'mostly true'; use one of: 'not checked', 'correct'"):
        ws.set_verdict(claim_id, "mostly true")
    resumed = Worksheet.open(path)  # the scale is saved with the worksheet
    assert resumed.labels == ws.labels
    assert resumed.verdict(claim_id).label == "needs context"


def test_a_scale_with_a_label_twice_is_refused(tmp_path, seed):
    with pytest.raises(WorksheetError, match="the label 'True' is given twice"):
        Worksheet.open(tmp_path / "w.csv", article=seed, scale=["true", "True", "false"])


def test_changing_the_scale_checks_the_saved_verdicts(ws, path):
    ws.set_verdict(ws.claims[0].claim_id, "misleading")
    with pytest.raises(WorksheetError,
                       match="row 2, column 'verdict': unknown verdict 'misleading'"):
        Worksheet.open(path, scale=["true", "false"])


# --- audit trail and undo ------------------------------------------------------------------------

def test_every_change_is_logged_next_to_the_worksheet(ws, path):
    a = ws.claims[0].claim_id
    ws.set_verdict(a, "true", rationale="first look")
    ws.set_verdict(a, "false", rationale="second look", checker="Bruno")
    log = path.with_name("seed.log.jsonl")
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["action"] for e in entries] == ["create", "set", "set"]
    last = entries[-1]
    assert (last["claim_id"], last["checker"], last["old_label"], last["new_label"],
            last["old_rationale"], last["new_rationale"]) == (
        a, "Bruno", "true", "false", "first look", "second look")
    assert ISO_UTC.match(last["at"])
    assert ws.history(a) == entries[1:]


def test_undo_walks_back_one_change_at_a_time(ws, path):
    a, b = ws.claims[0].claim_id, ws.claims[1].claim_id
    ws.set_verdict(a, "true", rationale="first")
    ws.set_verdict(a, "false", rationale="second")
    ws.set_verdict(b, "misleading")
    assert ws.undo()["claim_id"] == b
    assert ws.verdict(b) is None and row_of(path, b)["verdict"] == ""
    assert ws.undo()["new_rationale"] == "second"
    assert ws.verdict(a).rationale == "first"
    assert Worksheet.open(path).verdict(a).rationale == "first"  # the undo is saved
    ws.undo()
    assert ws.verdict(a) is None
    with pytest.raises(WorksheetError, match="nothing to undo"):
        ws.undo()
    assert [e["action"] for e in ws.history()].count("undo") == 3


def test_undo_refuses_to_overwrite_a_later_change(ws, path):
    a = ws.claims[0].claim_id
    ws.set_verdict(a, "true")
    other = Worksheet.open(path, checker="Bruno")
    other.set_verdict(a, "false", rationale="Bruno's")
    log = path.with_name("seed.log.jsonl")
    # Bruno's change is the last one in the log: remove it to make Anna's the one undone
    lines = log.read_text(encoding="utf-8").splitlines()
    log.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(WorksheetError,
                       match="cannot undo .* changed again since .*'false' by Bruno"):
        ws.undo()
    assert Worksheet.open(path).verdict(a).rationale == "Bruno's"


def test_a_half_written_log_line_costs_only_that_line(ws, path):
    log = path.with_name("seed.log.jsonl")
    with open(log, "a", encoding="utf-8") as f:
        f.write('{"id": "torn", "action": "se')  # a save killed mid-append
    ws.set_verdict(ws.claims[0].claim_id, "true")
    assert [e["action"] for e in ws.history()] == ["create", "set"]


# --- two checkers --------------------------------------------------------------------------------

def test_two_checkers_lose_no_update(path, seed):
    anna = Worksheet.open(path, article=seed, checker="Anna")
    bruno = Worksheet.open(path, article=seed, checker="Bruno")
    a, b, c = (anna.claims[i].claim_id for i in (0, 1, 2))
    anna.set_verdict(a, "true")
    bruno.set_verdict(b, "false")  # merged: Anna's verdict on a is kept
    anna.set_verdict(c, "misleading")  # merged: Bruno's verdict on b is kept
    final = Worksheet.open(path)
    assert {x: final.verdict(x).checker for x in (a, b, c)} == {a: "Anna", b: "Bruno", c: "Anna"}
    assert bruno.verdict(a).label == "true"  # Bruno's worksheet took in Anna's work
    assert anna.verdict(b).label == "false"


def test_the_same_claim_changed_by_two_checkers_is_refused_with_who_and_what(path, seed):
    anna = Worksheet.open(path, article=seed, checker="Anna")
    bruno = Worksheet.open(path, article=seed, checker="Bruno")
    claim = claim_with(anna, "più di 10.000 container")
    saved = anna.set_verdict(claim.claim_id, "true", rationale="UN report")
    with pytest.raises(WorksheetError) as err:
        bruno.set_verdict(claim.claim_id, "false", rationale="my source says 8,000")
    message = str(err.value)
    for words in ("Not saved", claim.claim_id, "più di 10.000 container", "by Anna",
                  saved.checked_at, "'not checked' -> 'true'", "UN report", "reloaded",
                  "set your verdict again"):
        assert words in message, words
    assert Worksheet.open(path).verdict(claim.claim_id) == saved  # Anna's verdict stands
    assert bruno.verdict(claim.claim_id) == saved  # Bruno now sees it ...
    bruno.set_verdict(claim.claim_id, "false", rationale="my source says 8,000")  # ... and decides
    assert Worksheet.open(path).verdict(claim.claim_id).checker == "Bruno"


def test_an_undo_by_another_checker_is_named_in_the_refusal(path, seed):
    anna = Worksheet.open(path, article=seed, checker="Anna")
    bruno = Worksheet.open(path, checker="Bruno")
    claim_id = anna.claims[0].claim_id
    anna.set_verdict(claim_id, "true")
    bruno.reload()
    anna.undo()
    with pytest.raises(WorksheetError, match=r"changed by Anna \(an undo\) at"):
        bruno.set_verdict(claim_id, "false")


def test_a_hand_edit_while_open_is_merged(ws, path):
    a, b = ws.claims[0].claim_id, ws.claims[1].claim_id
    hand_edit(path, set_cell(2, "rationale", "typed in the spreadsheet"))
    ws.set_verdict(b, "true")
    assert row_of(path, a)["rationale"] == "typed in the spreadsheet"


def test_two_checker_processes_saving_at_once_lose_nothing(path, seed):
    ws = Worksheet.open(path, article=seed)
    claim_ids = [c.claim_id for c in ws.claims]
    saves = min(45, len(claim_ids) // 2)  # Anna: claims 0, 2, 4...; Bruno: 1, 3, 5...
    start = time.time() + 2.0  # both processes have imported by then: they save together
    children = [subprocess.Popen(
        [sys.executable, str(TESTS / "worksheet_saver.py"), str(path), "--first", str(first),
         "--step", "2", "--count", str(saves), "--checker", name, "--at", str(start)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for first, name in ((0, "Anna"), (1, "Bruno"))]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    final = Worksheet.open(path)
    for first, name in ((0, "Anna"), (1, "Bruno")):
        for i in range(saves):
            claim_id, label, rationale = planned_save(i, claim_ids, final.labels, first=first,
                                                      step=2, checker=name)
            verdict = final.verdict(claim_id)
            assert (verdict.label, verdict.rationale, verdict.checker) == (label, rationale, name)
    sets = [e for e in final.history() if e["action"] == "set"]
    assert len(sets) == 2 * saves


# --- any text survives ---------------------------------------------------------------------------

TRICKY = list('=+-@\t\r\n",;\' \\\x00\u2028\u0085éàü漢字😀\ufeff')
any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(TRICKY)),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r", '"', " "]), st.text()).map("".join),
)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rationale=any_text, checker=any_text, sources=any_text)
def test_any_text_survives_save_and_reload(ws, path, rationale, checker, sources):
    ws.checker = ""
    claim_id = ws.claims[3].claim_id
    ws.set_verdict(claim_id, "true", rationale=rationale, checker=checker, sources=sources)
    saved = Worksheet.open(path).verdict(claim_id)
    assert (saved.rationale, saved.checker, saved.sources) == (rationale, checker, sources)
    # A plain CSV reader sees the same cells, a formula-like one with the apostrophe that
    # keeps a spreadsheet from running it (cells.mark_cell).
    row = row_of(path, claim_id)
    assert (row["rationale"], row["checker"], row["sources"]) == tuple(
        map(cells.mark_cell, (rationale, checker, sources)))


@given(st.builds(Verdict, claim_id=st.text(), label=st.sampled_from(DEFAULT_SCALE[1:]),
                 rationale=st.text(), checker=st.text(), checked_at=st.text(), sources=st.text()))
def test_verdict_row_round_trip(verdict):
    assert Verdict.from_row(verdict.to_row()) == verdict


def test_worksheet_error_is_a_verify_error():
    assert issubclass(WorksheetError, VerifyError)
