"""The export formats' table (``verify.reports.formats.EXPORT_FORMATS``): the command line's
``--format`` choices, its dispatch, ``export_all`` and ``verify``'s public names all read it, so
a format is added with one entry. And the three exports have one shape: ``export_X(ws, out)``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import verify
from verify.cli import main
from verify.reports.export import claimreview_json, export_claimreview, export_csv, export_html
from verify.reports.formats import EXPORT_FORMATS, ExportFormat
from verify.reports.review import export_all

from report_data import seed_worksheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seed_ws(tmp_path):
    return seed_worksheet(tmp_path / "project")


def export_claim_lines(ws, out=None, *, article_url: str = "") -> str:
    """A format of one's own: one line per claim, its id and verdict (what a desk might paste
    into a chat)."""
    lines = []
    for claim in ws.claims:
        verdict = ws.verdict(claim.claim_id)
        lines.append(f"{claim.claim_id}\t{verdict.label if verdict else 'not checked'}"
                     f"\t{article_url}\n")
    text = "".join(lines)
    if out is not None:
        Path(out).write_text(text, encoding="utf-8")
    return text


LINES = ExportFormat("lines", ".lines.txt", "one line per claim", "export_claim_lines",
                     module=__name__, options=("article_url",))


@pytest.fixture
def lines_format(monkeypatch):
    """The 'lines' format registered in the table for the length of one test."""
    monkeypatch.setitem(EXPORT_FORMATS, LINES.name, LINES)
    return LINES


def test_the_table_holds_the_three_formats_of_the_command_line():
    assert list(EXPORT_FORMATS) == ["csv", "html", "claimreview"]
    for name, fmt in EXPORT_FORMATS.items():
        assert fmt.name == name and fmt.suffix.startswith(".") and fmt.description
        assert getattr(verify, fmt.function) is fmt.load()
        assert fmt.function in verify.__all__


def test_the_command_line_offers_the_tables_formats(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = capsys.readouterr().out
    assert "{csv,html,claimreview}" in shown
    for fmt in EXPORT_FORMATS.values():
        assert f"{fmt.name}: {fmt.description}" in " ".join(shown.split())


def test_a_format_added_to_the_table_is_a_choice_and_is_dispatched(lines_format, seed_ws,
                                                                    tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "{csv,html,claimreview,lines}" in capsys.readouterr().out

    out = tmp_path / "claims.txt"
    assert main(["export", str(seed_ws.path), "--format", "lines", "-o", str(out),
                 "--article-url", "https://news.example/a"]) == 0
    assert out.read_text(encoding="utf-8") == export_claim_lines(
        seed_ws, article_url="https://news.example/a")
    assert "lines export of" in capsys.readouterr().err

    assert main(["export", str(seed_ws.path), "--format", "lines"]) == 0
    printed = capsys.readouterr().out
    assert printed == export_claim_lines(seed_ws)
    assert len(printed.splitlines()) == len(seed_ws.claims)


def test_export_all_writes_a_format_added_to_the_table(lines_format, seed_ws, tmp_path):
    table = export_all([seed_ws], tmp_path / "out")
    assert list(table.columns) == ["worksheet", "csv", "html", "claimreview", "lines", "reviews"]
    [row] = table.to_dict("records")
    assert row["lines"].endswith(".lines.txt")
    assert Path(row["lines"]).read_text(encoding="utf-8") == export_claim_lines(seed_ws)


def test_an_unknown_format_is_refused_by_the_command_line_naming_the_choices(seed_ws):
    done = subprocess.run([sys.executable, "-m", "verify", "export", str(seed_ws.path),
                           "--format", "pdf"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert "invalid choice: 'pdf' (choose from 'csv', 'html', 'claimreview')" in done.stderr


# --- one shape: export_X(ws, out=None, **options) ------------------------------------------------

def test_export_claimreview_writes_its_file_when_given_one(seed_ws, tmp_path):
    out = tmp_path / "reviews.json"
    reviews = export_claimreview(seed_ws, out, organization="Facta")
    assert reviews and reviews == export_claimreview(seed_ws, organization="Facta")
    assert out.read_text(encoding="utf-8") == claimreview_json(reviews)
    assert json.loads(out.read_text(encoding="utf-8")) == reviews

    opened = io.StringIO()
    export_claimreview(seed_ws, opened, organization="Facta")
    assert opened.getvalue() == claimreview_json(reviews)


@pytest.mark.parametrize("export", [export_csv, export_html, export_claimreview],
                         ids=["csv", "html", "claimreview"])
def test_every_export_takes_the_worksheet_and_where_to_write(export, seed_ws, tmp_path):
    out = tmp_path / "export.out"
    built = export(seed_ws, out)
    text = built if isinstance(built, str) else claimreview_json(built)
    assert out.read_bytes().decode("utf-8") == text  # line ends included


@pytest.mark.parametrize("name", ["csv", "html", "claimreview"])
def test_every_export_refuses_a_folder_the_same_way(name, seed_ws, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(verify.VerifyError, match="a-folder"):
        EXPORT_FORMATS[name].write(seed_ws, folder)
