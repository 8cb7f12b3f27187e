"""End to end in a real JupyterLab in Debian's Chromium (fixtures: tests/browser_harness.py).

Open notebook 01, run all cells, check one claim in the workbench by clicking, find the verdict on
disk, restart the kernel, run again, and see the verdict still there. Paste a source in the
evidence tab, link its suggested passage as supporting, find the link on disk, and add a source by
its address (fetched in a background thread from a local server, the status updating). Needs
/usr/bin/chromium and the playwright package (CI installs both); leave these out with
``pytest -m "not browser"``.

``VERIFY_SCREENSHOT=docs/workbench.png pytest tests/test_browser_e2e.py`` also saves a 1280x800
screenshot of the workbench (for the README) when the test passes.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from browser_harness import (chromium, jupyterlab, lab_page,  # noqa: F401  (pytest fixtures)
                             claim_option, keep_screenshot, save_verdict, select_claim,
                             workbench_in, workbench_screenshot, words_pattern, worksheet_row)
from conftest import STOCK_ARTICLE

pytestmark = pytest.mark.browser

NOTEBOOK = "01_check_an_article.ipynb"
CLAIM = "più di 10.000 container"
VERDICT = "mostly true"
RATIONALE = 'Yonhap, 13 Oct: "oltre 10.000 container", some with shells, some not;\ncount is an estimate'
CHECKER = "E2E Tester"
PASTED = ("The State Department said North Korea has sent more than 10,000 containers of munitions "
          "to Russia since September 2023.")
PASTED_TITLE = "State Department <e2e> fact sheet"   # markup in a title stays text


def test_notebook_01_runs_in_jupyterlab(lab_page):
    from playwright.sync_api import expect

    notebook = lab_page.open_notebook(NOTEBOOK)
    cells = notebook.run_all()                       # fails on any error output
    assert cells and all(c["count"] is not None for c in cells)
    expect(lab_page.page.locator(".jp-OutputArea-output").first).to_contain_text("language: it")
    workbench_in(lab_page.page)


def test_verdict_set_in_the_browser_is_saved_and_survives_a_kernel_restart(jupyterlab, lab_page):
    from playwright.sync_api import expect

    page = lab_page.page
    notebook, workbench = _workbench_on_the_claim(jupyterlab, lab_page)
    expect(workbench.locator(".claim-panel mark.claim-span").first).to_have_text(CLAIM)
    save_verdict(workbench, VERDICT, RATIONALE, CHECKER)
    _expect_listed_as(workbench, CLAIM, VERDICT)
    screenshot = (workbench_screenshot(page, workbench) if os.environ.get("VERIFY_SCREENSHOT")
                  else None)

    row = worksheet_row(jupyterlab.worksheet, CLAIM)
    assert (row["verdict"], row["rationale"], row["checker"]) == (VERDICT, RATIONALE, CHECKER)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["checked_at"]), row["checked_at"]

    notebook.restart_kernel()
    cells = notebook.run_all()
    assert cells[0]["count"] == 1, "the kernel was not restarted"

    expect(workbench).to_have_count(1)
    _expect_listed_as(workbench, CLAIM, VERDICT)
    select_claim(workbench, CLAIM)
    expect(workbench.locator(".verdict-select select option:checked")).to_have_text(VERDICT)
    expect(workbench.locator(".rationale-box textarea")).to_have_value(RATIONALE)
    saved = workbench.locator(".claim-panel .claim-saved")      # the panel's saved verdict
    expect(saved).to_contain_text(VERDICT)
    expect(saved).to_contain_text(CHECKER)

    if screenshot is not None:   # written only when the whole test passed
        print(f"\nscreenshot of the workbench: {keep_screenshot(screenshot, 'VERIFY_SCREENSHOT')}")


def test_a_pasted_source_is_suggested_and_linked_as_supporting(jupyterlab, lab_page, tmp_path,
                                                                http_server):
    from playwright.sync_api import expect

    page = lab_page.page
    _, workbench = _workbench_on_the_claim(jupyterlab, lab_page)
    workbench.locator(".workbench-tabs .lm-TabBar-tab", has_text="Evidence").click()
    evidence = workbench.locator(".evidence-section")
    expect(evidence).to_be_visible()

    evidence.locator(".paste-source-title input").fill(PASTED_TITLE)
    evidence.locator(".paste-source-text textarea").fill(PASTED)
    evidence.locator("button.paste-source-button").click()   # blurs the textarea: its value first
    expect(evidence.locator(".source-status")).to_have_text(f"added: {PASTED_TITLE}")
    # the same passage pasted again is not a new source, and the status says so (once the
    # first add has emptied the box: typing before that could be overwritten by the emptying)
    textarea = evidence.locator(".paste-source-text textarea")
    expect(textarea).to_have_value("")
    evidence.locator(".paste-source-title input").fill(PASTED_TITLE)
    textarea.fill(PASTED)
    textarea.blur()   # the box sends its text when it loses focus, as when a checker clicks away
    expect(textarea).to_have_value(PASTED)
    evidence.locator("button.paste-source-button").click()
    expect(evidence.locator(".source-status")).to_have_text(re.compile(
        rf"^already there: {re.escape(PASTED_TITLE)} \(added on \d{{4}}-\d\d-\d\d\)$"))
    page.screenshot(path=str(tmp_path / "already-there.png"))   # kept for a look
    if os.environ.get("VERIFY_PASTE_SCREENSHOT"):
        keep_screenshot(page.screenshot(), "VERIFY_PASTE_SCREENSHOT")

    suggestion = evidence.locator(".evidence-suggestion").filter(has_text=PASTED_TITLE)
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_contain_text(PASTED)
    expect(suggestion.locator("mark.evidence-figure")).to_have_text("more than 10,000 containers")
    expect(suggestion.locator(".agreement")).to_have_text("agrees")
    suggestion.locator("button.link-supports-button").click()

    expect(evidence.locator(".evidence-status")).to_have_text(
        re.compile(rf"^linked as supports: {re.escape(PASTED_TITLE)} \(\d\d:\d\d:\d\d\)$"))
    linked = evidence.locator(".linked-evidence .evidence-link")
    expect(linked).to_have_count(1)
    expect(linked).to_contain_text(PASTED)
    expect(linked.locator(".stance")).to_have_text("supports")
    expect(suggestion.locator("button.link-supports-button")).to_be_disabled()
    expect(workbench.locator(".workbench-tabs .lm-TabBar-tab", has_text="Evidence (1)")) \
        .to_have_count(1)
    workbench.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(tmp_path / "workbench.png"))
    evidence.locator(".evidence-suggestions").evaluate("el => el.scrollIntoView({block: 'end'})")
    page.screenshot(path=str(tmp_path / "evidence.png"))   # kept for a look when it fails

    claim_id = worksheet_row(jupyterlab.worksheet, CLAIM)["claim_id"]
    path = jupyterlab.worksheet.with_name(jupyterlab.worksheet.stem + ".evidence.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["claim_id"], row["stance"], row["agreement"], row["passage"], row["title"]) == (
        claim_id, "supports", "agrees", PASTED, PASTED_TITLE)
    text = (jupyterlab.sources / "snapshots" / f"{_sha256(PASTED)}.txt").read_text("utf-8")
    assert text[int(row["start"]):int(row["end"])] == PASTED

    # A source added by its address is fetched in a background thread: the status says so
    # while the (local, held back) server has not answered, then names the page.
    answer = threading.Event()

    def held_back(request):
        answer.wait(20)
        http_server.Reply(body=STOCK_ARTICLE).send(request)

    url = http_server.handler("/held-back.html", held_back)
    evidence.locator(".source-url input").fill(url)
    evidence.locator("button.add-source-button").click()
    try:
        expect(evidence.locator(".source-status")).to_have_text(f"fetching {url}…")
        expect(evidence.locator("button.add-source-button")).to_be_disabled()
    finally:
        answer.set()
    expect(evidence.locator(".source-status")).to_have_text(
        "added: Putin and Kim sign a mutual defense pact")
    expect(evidence.locator(".evidence-suggestion")
           .filter(has_text="Putin and Kim sign a mutual defense pact")).to_have_count(1)
    expect(evidence.locator("button.add-source-button")).to_be_enabled()



def test_a_stale_draft_is_refused_in_the_browser_and_kept_for_a_second_save(jupyterlab, lab_page,
                                                                          tmp_path):
    """Two checkers: while this one types a verdict, another saves the same claim. Save is
    refused in words (who, to what), the typed draft stays in the fields, the other's verdict
    stays on disk; a second Save replaces it on purpose."""
    from playwright.sync_api import expect

    from verify import SEED_ARTICLE, Worksheet

    page = lab_page.page
    _, workbench = _workbench_on_the_claim(jupyterlab, lab_page)
    workbench.locator(".verdict-select select").select_option(label="false")
    workbench.locator(".rationale-box textarea").fill("Seoul says 6,700 containers")
    workbench.locator(".checker-name input").fill(CHECKER)
    workbench.locator(".rationale-box textarea").blur()
    unsaved = workbench.locator(".save-status")
    expect(unsaved).to_have_text("unsaved changes")
    expect(unsaved).to_have_class(re.compile(r"\bsave-unsaved\b"))
    if os.environ.get("VERIFY_UNSAVED_SCREENSHOT"):
        keep_screenshot(workbench_screenshot(page, workbench), "VERIFY_UNSAVED_SCREENSHOT")

    other = Worksheet.open(jupyterlab.worksheet, article=SEED_ARTICLE,
                           sources=jupyterlab.sources)
    claim_id = next(c.claim_id for c in other.claims if c.text == CLAIM)
    other.set_verdict(claim_id, "true", rationale="State Department figure", checker="Other Desk")

    workbench.locator("button.save-button").click()
    status = workbench.locator(".save-status")
    expect(status).to_have_class(re.compile(r"\bsave-failed\b"))
    expect(status).to_contain_text("Not saved")
    expect(status).to_contain_text("Other Desk")
    expect(status).to_contain_text("'true'")
    expect(workbench.locator(".verdict-select select option:checked")).to_have_text("false")
    expect(workbench.locator(".rationale-box textarea")).to_have_value(
        "Seoul says 6,700 containers")
    page.screenshot(path=str(tmp_path / "conflict.png"))   # kept for a look
    if os.environ.get("VERIFY_CONFLICT_SCREENSHOT"):
        keep_screenshot(workbench_screenshot(page, workbench), "VERIFY_CONFLICT_SCREENSHOT")
    row = worksheet_row(jupyterlab.worksheet, CLAIM)
    assert (row["verdict"], row["checker"]) == ("true", "Other Desk")

    workbench.locator("button.save-button").click()      # on purpose, having read theirs
    expect(status).to_have_text(re.compile(r"^saved \d\d:\d\d:\d\d$"))
    row = worksheet_row(jupyterlab.worksheet, CLAIM)
    assert (row["verdict"], row["rationale"], row["checker"]) == (
        "false", "Seoul says 6,700 containers", CHECKER)

# -- helpers -----------------------------------------------------------------------------------

def _workbench_on_the_claim(jupyterlab, lab_page):
    """(notebook, workbench): notebook 01 run on a fresh worksheet, its workbench showing CLAIM."""
    _clear(jupyterlab.worksheet.parent)
    notebook = lab_page.open_notebook(NOTEBOOK)
    notebook.run_all()
    workbench = workbench_in(lab_page.page)
    select_claim(workbench, CLAIM)
    return notebook, workbench


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _expect_listed_as(workbench, text: str, label: str) -> None:
    """The claim's line in the list shows the verdict ``label`` (as a whole part of the line)."""
    from playwright.sync_api import expect

    option = claim_option(workbench, text)
    expect(option).to_have_text(re.compile(rf"(^|[\s·\[]){words_pattern(label)}($|[\s·\],])"))
    expect(option).not_to_contain_text("not checked")


def _clear(folder: Path) -> None:
    """Empty the worksheet's folder (the server, and so the worksheet path, is per session)."""
    for entry in folder.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
