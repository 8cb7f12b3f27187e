"""Notebook 03, the trainer's walkthrough, as a room sees it: JupyterLab in Chromium at 125% zoom
on a 1280x800 screen (a page of 1024x640 CSS pixels drawn at 1.25 device pixels each). Every step
runs, and no output is wider than the notebook: nothing a trainer shows needs a sideways scroll.

``VERIFY_TRAINING_SCREENSHOTS=/tmp/training`` also saves a screenshot of each step's output there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_harness import (TIMEOUT_MS, chromium,  # noqa: F401
                             jupyterlab, lab_page_in)

pytestmark = pytest.mark.browser

ZOOM = 1.25
SCREEN = {"width": 1280, "height": 800}


@pytest.fixture
def zoomed_lab_page(request, chromium, jupyterlab, tmp_path):  # noqa: F811  (fixtures)
    context = chromium.new_context(
        viewport={k: round(v / ZOOM) for k, v in SCREEN.items()}, device_scale_factor=ZOOM)
    context.set_default_timeout(TIMEOUT_MS)
    yield from lab_page_in(request, context, jupyterlab, tmp_path, console_errors=False)


# Outputs wider than their area: a table or a printed line that makes the room scroll sideways.
_TOO_WIDE_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => o.offsetParent !== null && o.scrollWidth > o.clientWidth + 2)
    .map(o => ({text: o.innerText.slice(0, 80), scroll: o.scrollWidth, width: o.clientWidth}))"""


def test_the_walkthrough_reads_at_125_percent_without_sideways_scrolling(zoomed_lab_page):
    notebook = zoomed_lab_page.open_notebook("03_training_walkthrough.ipynb")
    notebook.run_all()
    page = zoomed_lab_page.page
    too_wide = page.evaluate(_TOO_WIDE_JS)
    folder = os.environ.get("VERIFY_TRAINING_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for n, output in enumerate(page.locator(".jp-OutputArea-output").all()):
            output.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(folder) / f"output-{n:02d}.png"))
    assert too_wide == [], too_wide
