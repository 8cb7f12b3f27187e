"""Notebook 02, the editor's review, in a real JupyterLab started as ``make lab`` starts it (at
the project's root, notebooks in ``notebooks/``, exports in ``out/``), in Chromium at 1280x800:
the export links open the files, the download links give the files' bytes, and the summary table
gives the article's title room to be read.

``VERIFY_REVIEW_SCREENSHOT=/tmp/review.png`` also saves a screenshot of the summary table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_harness import (TIMEOUT_MS, JupyterLabServer, chromium,  # noqa: F401
                             lab_page_in, new_context, serve)

pytestmark = pytest.mark.browser


class ProjectLab(JupyterLabServer):
    """JupyterLab over a copy of the project, its root the project's root (as ``make lab``),
    the workspace (claims/, out/, sources/) in that copy."""

    def launch(self, cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
        # The harness lays the copy out (notebooks/, articles/, claims/, sources/) and serves its
        # notebooks/ folder; serve the project's root instead, its workspace the copy.
        cmd = [f"--ServerApp.root_dir={self.project}" if arg.startswith("--ServerApp.root_dir=")
               else arg for arg in cmd]
        self.root_dir = self.project
        super().launch(cmd, self.project, {**env, "VERIFY_WORKSPACE": str(self.project)})


@pytest.fixture(scope="module")
def project_lab(tmp_path_factory):
    yield from serve("jupyterlab", lambda: ProjectLab(tmp_path_factory.mktemp("projectlab")))


@pytest.fixture
def review_page(request, chromium, project_lab, tmp_path):  # noqa: F811  (fixtures)
    yield from lab_page_in(request, new_context(chromium, accept_downloads=True), project_lab,
                           tmp_path, console_errors=False)


def test_the_editor_reviews_exports_open_and_download(review_page, project_lab):
    from playwright.sync_api import expect

    # the file browser open, as an editor has it to find the exports
    notebook = review_page.open_notebook("notebooks/02_editor_review.ipynb", collapse_left=False)
    notebook.run_all(timeout=180)
    page = review_page.page
    out = project_lab.project / "out"
    reports = sorted(out.rglob("*.html"))  # the demo, with no worksheets yet: out/demo/
    assert reports, f"no HTML report in {out}"

    summary = page.locator(".jp-OutputArea-output table", has_text="percent checked")
    summary.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the notebook draws the cells scrolled into view
    if os.environ.get("VERIFY_REVIEW_SCREENSHOT"):
        page.screenshot(path=os.environ["VERIFY_REVIEW_SCREENSHOT"])
    # the article's title gets a column wide enough to read, not a strip a word wide
    title_cell = summary.locator("tbody tr td", has_text="Putin afferma").first
    assert title_cell.bounding_box()["width"] >= 160, title_cell.bounding_box()
    area = summary.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea-output')]")
    overflow = area.evaluate("o => [o.scrollWidth, o.clientWidth]")
    assert overflow[0] <= overflow[1] + 2, f"the table needs a sideways scroll: {overflow}"

    # "download" gives the file itself, whatever serves the page
    link = page.locator(f'a.download[download="{reports[0].name}"]')
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    assert Path(info.value.path()).read_bytes() == reports[0].read_bytes()

    # the file's name opens it: JupyterLab shows the report in a tab of its own
    opened = page.locator(f'a.open:text-is("{reports[0].name}")')
    opened.click()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=reports[0].name)
    expect(tab).to_be_visible(timeout=TIMEOUT_MS)
    frame = page.frame_locator(".jp-HTMLViewer iframe, iframe").last
    expect(frame.locator("h1.article-title")).to_be_visible(timeout=TIMEOUT_MS)
