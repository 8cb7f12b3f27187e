"""The checker's app (verify.ui.app, served by `make app`) without a browser: it opens on the
worksheet in progress (or the seed), opens an article from pasted text, an uploaded file or an
address, lists the worksheets in progress and resumes one. In Voilà and Chromium:
tests/ui/test_app_browser.py."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest

from verify.ui.app import CheckerApp, checker_app, worksheets_in_progress
from verify.records.workspace import DEMO_SOURCES

PASTED = ("Il porto ha movimentato 2,5 milioni di container nel 2023\n\n"
          "Il porto ha movimentato più di 2,5 milioni di container nel 2023, secondo "
          "l'autorità portuale.\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("VERIFY_WORKSHEET", raising=False)
    shutil.copytree(DEMO_SOURCES, tmp_path / "sources")
    monkeypatch.setenv("VERIFY_SOURCES", str(tmp_path / "sources"))
    (tmp_path / "claims").mkdir()
    return tmp_path / "claims"


def test_the_app_opens_on_the_seed_then_resumes_the_newest_worksheet(folder):
    app = CheckerApp(folder)
    assert app.tabs.selected_index == 0 and app.check_tab.children == (app.workbench.widget,)
    assert "Putin" in app.workbench.title.value
    app.workbench.session.select_text("più di 10.000 container")
    app.workbench.verdict.value = "true"
    app.workbench.checker.value = "Ada"
    app.workbench.save_button.click()
    assert app.workbench.save_status.value.startswith("saved")

    app.paste.value = PASTED
    app.paste_button.click()
    assert app.open_status.value == "opened the pasted text"
    assert "Il porto ha movimentato" in app.workbench.title.value
    assert app.workbench.session.select_text("più di 2,5 milioni di container")

    sheets = worksheets_in_progress(folder)
    assert [s.title for s in sheets][1].startswith("Putin")
    assert {(s.checked, s.total > 0) for s in sheets} >= {(1, True), (0, True)}
    app.tabs.selected_index = 2
    rows = app.worksheet_list.children
    assert len(rows) == 2 and "open now" in rows[0].children[0].value
    rows[1].children[1].click()                   # Resume the seed's worksheet
    assert "Putin" in app.workbench.title.value and app.tabs.selected_index == 0
    assert app.workbench.progress.value.startswith("1 of ")

    again = CheckerApp(folder)                    # a new page: the newest worksheet
    assert "Putin" in again.workbench.title.value


def test_an_uploaded_file_is_opened_and_a_bad_one_is_said_in_words(folder):
    app = CheckerApp(folder)
    app.upload.value = ({"name": "porto.txt", "type": "text/plain", "size": len(PASTED),
                         "content": memoryview(PASTED.encode("utf-8")),
                         "last_modified": datetime.now(timezone.utc)},)
    assert app.open_status.value == "opened porto.txt"
    assert "Il porto ha movimentato" in app.workbench.title.value
    app.upload.value = ({"name": "empty.txt", "type": "text/plain", "size": 0,
                         "content": memoryview(b""), "last_modified": datetime.now(timezone.utc)},)
    assert app.open_status.value.startswith("could not open empty.txt: ")
    assert "open-failed" in app.open_status._dom_classes
    assert "Il porto ha movimentato" in app.workbench.title.value   # the workbench stays as it was


def test_an_address_is_fetched_and_a_refused_one_is_said_in_words(folder, http_server,
                                                                  monkeypatch):
    monkeypatch.setenv("VERIFY_ALLOW_PRIVATE_FETCH", "1")
    url = http_server.route("/treni.html", "<html><head><title>Treni</title></head><body>"
                            "<article><h1>Treni in ritardo</h1><p>Il 40 per cento dei treni è "
                            "arrivato in ritardo a marzo, secondo la regione.</p></article>"
                            "</body></html>")
    app = CheckerApp(folder)
    app.url.value = url
    app.url_button.click()
    assert app.open_status.value == f"opened {url}", app.open_status.value
    assert "Treni" in app.workbench.title.value
    app.url.value = http_server.url_for("/missing.html")
    app.url_button.click()
    assert app.open_status.value.startswith("could not open ")
    app.url.value = ""
    app.url_button.click()
    assert app.open_status.value == "type the page's address first"


def test_checker_app_uses_the_folder_of_verify_worksheet(tmp_path, monkeypatch, folder):
    monkeypatch.setenv("VERIFY_WORKSHEET", str(tmp_path / "elsewhere" / "mine.csv"))
    (tmp_path / "elsewhere").mkdir()
    app = checker_app()
    assert app.folder == tmp_path / "elsewhere"
    assert app.workbench.worksheet.path.name == "mine.csv"
