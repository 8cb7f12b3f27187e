"""The workbench's "Checked before" part in a real JupyterLab in Debian's Chromium at 1280x800
(fixtures: tests/browser_harness.py; issue 12): notebook 01 run, the containers claim selected,
its past fact-check listed as the same claim, "Keep as evidence" clicked, the status seen, and
the link in the worksheet's evidence CSV.

The server is this module's own (``jupyterlab`` below): the harness's, with the fact-check
archive in a temp folder (``VERIFY_FACTCHECKS``), so the kernel never writes the checkout's
``factchecks/``. A screenshot of the part goes to the test's tmp dir (printed), and to
``$VERIFY_FACTCHECKS_SCREENSHOT`` (relative to the repository) when that is set.
"""

from __future__ import annotations

import csv
import os
import re
import shutil

import pytest

from browser_harness import (JupyterLabServer, chromium, keep_screenshot,  # noqa: F401
                             lab_page, select_claim, serve, workbench_in)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_check_an_article.ipynb"
CLAIM = "più di 10.000 container"
DEMO_MATCH = "https://demo-factchecks.example/en/nk-containers-10000"


class FactChecksLab(JupyterLabServer):
    """The harness's JupyterLab, its kernels pointed at a fact-check archive of their own."""

    def environment(self, jupyter_dirs):
        env = super().environment(jupyter_dirs)
        self.archive = self.base / "factchecks" / "archive.sqlite"
        env["VERIFY_FACTCHECKS"] = str(self.archive)
        return env


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """Overrides the harness's server for this module (``lab_page`` uses this one)."""
    yield from serve("jupyterlab", lambda: FactChecksLab(tmp_path_factory.mktemp("lab-factchecks")))


def test_a_past_fact_check_is_listed_and_kept_as_evidence(jupyterlab, lab_page, tmp_path):
    from playwright.sync_api import expect

    page = lab_page.page
    for entry in jupyterlab.worksheet.parent.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    lab_page.open_notebook(NOTEBOOK).run_all()
    workbench = workbench_in(page)
    select_claim(workbench, CLAIM)

    # the verdict tab stays open; the third tab's title says a same-claim match is there
    tab = workbench.locator(".workbench-tabs .lm-TabBar-tab", has_text="Checked before")
    expect(tab).to_have_text(re.compile(r"Checked before \(\d · 1 same claim\)"))
    expect(workbench.locator(".verdict-select")).to_be_visible()
    title_fits = tab.locator(".lm-TabBar-tabLabel").evaluate("el => el.scrollWidth <= el.clientWidth")
    assert title_fits, "the tab's title is cut"
    tab.click()
    part = workbench.locator(".checked-before")
    expect(part.locator(".checked-before-title")).to_have_text(
        re.compile(r"^Checked before \(\d: 1 likely the same claim\)$", re.I))
    match = part.locator(".factcheck-match").filter(
        has=page.locator(f'a[href="{DEMO_MATCH}"]'))
    expect(match).to_have_count(1)
    expect(match.locator(".factcheck-same")).to_contain_text("same claim")
    expect(match.locator(f'a[href="{DEMO_MATCH}"]')).to_have_text("Mostly true")
    expect(match).to_contain_text("Demo Fact Check (example data) · 2024-03-01")
    expect(match).to_contain_text("same figure: 10,000 container")
    assert jupyterlab.archive.is_file()             # the kernel's archive is the temp one

    match.locator(".factcheck-stance select").select_option("context")
    match.locator("button.keep-factcheck-button").click()
    expect(part.locator(".factcheck-status")).to_have_text(re.compile(
        r"^kept as evidence \(context\): Demo Fact Check \(example data\), “Mostly true” "
        r"\(\d\d:\d\d:\d\d\)$"))
    expect(match.locator(".factcheck-kept")).to_have_text("kept as evidence (context)")
    expect(workbench.locator(".workbench-tabs")).to_contain_text("Evidence (1)")

    part.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    png = page.screenshot()
    shot = tmp_path / "checked-before.png"
    shot.write_bytes(png)
    print(f"\nscreenshot: {shot}")
    if os.environ.get("VERIFY_FACTCHECKS_SCREENSHOT"):
        print(f"kept: {keep_screenshot(png, 'VERIFY_FACTCHECKS_SCREENSHOT')}")

    # the files: the evidence CSV beside the worksheet links the claim to the fact-check
    claim_id = claim_id_of(CLAIM)
    evidence = jupyterlab.worksheet.with_name(jupyterlab.worksheet.stem + ".evidence.csv")
    with open(evidence, newline="", encoding="utf-8-sig") as f:
        linked = [row for row in csv.DictReader(f) if row["claim_id"] == claim_id]
    assert [(row["url"], row["stance"]) for row in linked] == [(DEMO_MATCH, "context")], linked



def claim_id_of(text: str) -> str:
    """The id of the seed's claim ``text``, as the notebook's worksheet has it."""
    from verify import SEED_ARTICLE, extract_claims, load_article

    found = [c.claim_id for c in extract_claims(load_article(SEED_ARTICLE)) if c.text == text]
    assert len(found) == 1, found
    return found[0]
