"""The workbench on deadline, in a real JupyterLab in Debian's Chromium at 1280x800 WITH the file
browser open (fixtures: tests/browser_harness.py): the claim list readable, the list kept where
it was after Save, the saved verdict where the eye is, unsaved changes kept when leaving a claim,
and the keys (real key presses) that move, set a verdict and save without touching the notebook.

Screenshots of each step go to the test's tmp dir (printed) to be looked at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from browser_harness import (chromium, jupyterlab, lab_page,  # noqa: F401  (pytest fixtures)
                             claim_option, select_claim, workbench_in, worksheet_row)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_check_an_article.ipynb"
FACT = ("Secondo l’agenzia di stampa statale russa TASS, i due hanno firmato una nuova "
        "partnership strategica per sostituire i precedenti accordi firmati nel 1961, 2000 e 2001")
QUOTE = "copre i settori politico, commerciale, degli investimenti, culturale e della difesa"
CLAIM = "più di 10.000 container"
LATER = "almeno 10 missili"
CHECKER = "Keys Tester"
SAVED = re.compile(r"^saved \d\d:\d\d:\d\d$")


def _open(jupyterlab, lab_page):
    """Notebook 01 run on a fresh worksheet with the file browser OPEN; its workbench."""
    for entry in jupyterlab.worksheet.parent.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    notebook = lab_page.open_notebook(NOTEBOOK, collapse_left=False)
    lab_page.page.evaluate("() => window.jupyterapp.shell.expandLeft()")
    lab_page.page.wait_for_function("() => !window.jupyterapp.shell.leftCollapsed")
    notebook.run_all()
    workbench = workbench_in(lab_page.page)
    workbench.evaluate("el => el.scrollIntoView({block: 'start'})")
    return notebook, workbench


def _shot(page, tmp_path: Path, name: str) -> None:
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    path = tmp_path / name
    page.screenshot(path=str(path))
    print(f"\nscreenshot: {path}")


def _kinds(jupyterlab):
    from verify import SEED_ARTICLE, extract_claims, load_article

    return {c.text: c.kind for c in extract_claims(load_article(SEED_ARTICLE))}


def test_the_claim_list_is_readable_beside_the_file_browser(jupyterlab, lab_page, tmp_path):
    from playwright.sync_api import expect

    page = lab_page.page
    _, workbench = _open(jupyterlab, lab_page)
    kinds = _kinds(jupyterlab)
    assert kinds[FACT] == "fact" and kinds[QUOTE] == "quote", kinds
    for text, kind in ((FACT, "fact"), (QUOTE, "quote")):
        entry = claim_option(workbench, text)
        expect(entry).to_have_count(1)
        entry.scroll_into_view_if_needed()
        # two lines: mark, kind and verdict; then every word of the claim, wrapped, not cut
        lines = [line.strip() for line in entry.inner_text().split("\n") if line.strip()]
        assert lines[0] == f"· {kind} · not checked", lines
        assert " ".join(" ".join(lines[1:]).split()) == text, lines
        box = entry.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth,"
                             " height: el.offsetHeight})")
        assert box["scroll"] <= box["client"], f"{text!r} is cut at the list's edge: {box}"
        expect(entry).to_have_attribute("title", text)      # the whole text on hover
        expect(entry).to_have_class(re.compile(rf"\bkind-{kind}\b"))
    # fact and quote entries look different at a glance (the kind's colour at the edge)
    colours = [claim_option(workbench, t).evaluate(
        "el => getComputedStyle(el).borderLeftColor") for t in (FACT, QUOTE)]
    assert colours[0] != colours[1], colours
    claim_option(workbench, QUOTE).scroll_into_view_if_needed()
    _shot(page, tmp_path, "list-with-file-browser.png")


def test_save_keeps_the_list_where_it_was_and_shows_the_verdict_at_the_top(jupyterlab, lab_page,
                                                                        tmp_path):
    from playwright.sync_api import expect

    page = lab_page.page
    _, workbench = _open(jupyterlab, lab_page)
    listbox = workbench.locator(".claim-list")
    select_claim(workbench, LATER)          # well down the list: the list is scrolled
    # the checker scrolls a little, the claim still in view (the old list jumped back here)
    listbox.evaluate("el => { el.scrollTop = el.scrollTop - 40; }")
    before = listbox.evaluate("el => el.scrollTop")
    assert before > 100, f"the list did not scroll to {LATER!r} ({before} px)"
    workbench.locator(".verdict-select select").select_option(label="true")
    workbench.locator(".checker-name input").fill(CHECKER)
    workbench.locator("button.save-button").click()
    expect(workbench.locator(".save-status")).to_have_text(SAVED)
    expect(claim_option(workbench, LATER)).to_contain_text("true")
    page.wait_for_timeout(500)               # any late re-render has happened
    after = listbox.evaluate("el => el.scrollTop")
    assert abs(after - before) <= 1, f"the list jumped from {before} to {after} px after Save"

    # the saved verdict sits at the top of the panel, on screen, without scrolling the panel
    saved = workbench.locator(".claim-panel .claim-saved")
    expect(saved).to_contain_text("Saved verdict: true")
    expect(saved).to_contain_text(CHECKER)
    panel = workbench.locator(".claim-panel")
    assert panel.evaluate("el => el.scrollTop") == 0
    saved_box, panel_box = saved.bounding_box(), panel.bounding_box()
    assert saved_box["y"] + saved_box["height"] <= panel_box["y"] + panel_box["height"]
    sentence_y = workbench.locator(".claim-panel .claim-sentence").bounding_box()["y"]
    assert saved_box["y"] < sentence_y
    # and beside the controls, on screen where the checker just pressed Save
    near = workbench.locator(".saved-verdict")
    expect(near).to_contain_text(f"Saved verdict: true by {CHECKER} on ")
    box, save = near.bounding_box(), workbench.locator("button.save-button").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 800, f"off screen: {box}"
    assert 0 < save["y"] - box["y"] < 200, (box, save)
    _shot(page, tmp_path, "after-save.png")


def test_leaving_a_claim_keeps_its_unsaved_changes(jupyterlab, lab_page, tmp_path):
    from playwright.sync_api import expect

    page = lab_page.page
    _, workbench = _open(jupyterlab, lab_page)
    select_claim(workbench, CLAIM)
    workbench.locator(".verdict-select select").select_option(label="false")
    rationale = workbench.locator(".rationale-box textarea")
    rationale.fill("Seoul counts 6,700 containers")   # no blur: the next click is the list
    claim_option(workbench, LATER).click()
    status = workbench.locator(".save-status")
    expect(status).to_contain_text("unsaved changes to “più di 10.000 container” are kept")
    expect(status).to_have_class(re.compile(r"\bsave-unsaved\b"))
    expect(claim_option(workbench, CLAIM)).to_contain_text("not checked → false, unsaved")
    expect(workbench.locator(".progress")).to_contain_text("1 unsaved")
    _shot(page, tmp_path, "left-with-a-draft.png")

    select_claim(workbench, CLAIM)
    expect(rationale).to_have_value("Seoul counts 6,700 containers")
    expect(workbench.locator(".verdict-select select option:checked")).to_have_text("false")
    expect(status).to_have_text("unsaved changes, kept from before: Save to keep them")
    # only Save saves: nothing of the draft is on disk
    assert worksheet_row(jupyterlab.worksheet, CLAIM)["verdict"] in ("", "not checked")


_NOTEBOOK_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  return {cells: nb.content.widgets.map(c => c.model.sharedModel.getSource()),
          active: nb.content.activeCellIndex, dirty: nb.context.model.dirty};
}"""


def test_keys_move_set_a_verdict_and_save_without_touching_the_notebook(jupyterlab, lab_page,
                                                                        tmp_path):
    from playwright.sync_api import expect

    page = lab_page.page
    _, workbench = _open(jupyterlab, lab_page)
    legend = workbench.locator(".workbench-keys")
    for words in ("j", "next", "k", "previous", "n", "next unchecked", "s", "save",
                  "1", "true", "2", "mostly true", "0", "not checked"):
        expect(legend).to_contain_text(words)
    workbench.locator(".checker-name input").fill(CHECKER)
    workbench.locator(".checker-name input").press("Tab")
    select_claim(workbench, CLAIM)            # a click in the list: the keys are on
    expect(workbench).to_have_class(re.compile(r"\bkeys-on\b"))
    notebook_before = page.evaluate(_NOTEBOOK_JS)
    title = workbench.locator(".claim-panel .claim-title")
    entries = workbench.locator(".claim-list button.claim-entry")
    texts = [t.strip() for t in entries.evaluate_all("els => els.map(e => e.title)")]
    here = texts.index(CLAIM)

    page.keyboard.press("j")
    expect(title).to_have_text(texts[here + 1])
    page.keyboard.press("ArrowDown")
    expect(title).to_have_text(texts[here + 2])
    page.keyboard.press("k")
    page.keyboard.press("ArrowUp")
    expect(title).to_have_text(CLAIM)
    page.keyboard.press("2")
    expect(workbench.locator(".verdict-select select option:checked")).to_have_text("mostly true")
    page.keyboard.press("s")
    expect(workbench.locator(".save-status")).to_have_text(SAVED)
    row = worksheet_row(jupyterlab.worksheet, CLAIM)
    assert (row["verdict"], row["checker"]) == ("mostly true", CHECKER)
    page.keyboard.press("n")                  # next unchecked: the one after it
    expect(title).to_have_text(texts[here + 1])
    page.keyboard.press("4")
    page.keyboard.press("s")
    expect(entries.nth(here + 1)).to_contain_text("✓")          # saved: listed as checked
    expect(entries.nth(here + 1)).to_contain_text(" · false")
    assert worksheet_row(jupyterlab.worksheet, texts[here + 1])["verdict"] == "false"
    # JupyterLab's command-mode keys, pressed in the workbench, leave the notebook as it was
    for key in ("a", "b", "x", "c", "v", "d", "d", "m", "y", "Enter", "Escape", "3", "z"):
        page.keyboard.press(key)
    expect(workbench.locator(".verdict-select select option:checked")).to_have_text("misleading")
    expect(title).to_have_text(texts[here + 1])   # Enter pressed the claim on show
    page.wait_for_timeout(500)
    notebook_after = page.evaluate(_NOTEBOOK_JS)
    assert notebook_after["cells"] == notebook_before["cells"]
    assert notebook_after["active"] == notebook_before["active"]
    _shot(page, tmp_path, "keys.png")

    # typing in a text box is typing: no key is taken there
    rationale = workbench.locator(".rationale-box textarea")
    rationale.click()
    page.keyboard.type("js 2n")
    expect(rationale).to_have_value("js 2n")
    expect(title).to_have_text(texts[here + 1])
