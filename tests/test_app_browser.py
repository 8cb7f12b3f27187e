"""The workbench as a plain web app (Voilà) in Debian's Chromium: what ``make app`` serves.

A checker who does not want code opens notebook 01 as a page: no code cells, just the workbench.
The test starts ``voila notebooks/01_check_an_article.ipynb`` as ``make app`` does, but on a free
port on 127.0.0.1 without opening a browser, over a temporary copy of the project
(``VERIFY_WORKSHEET`` and ``VERIFY_SOURCES`` point at temp files: the repository's ``claims/``
and ``sources/`` are never written). It waits until the server answers, opens the page in Chromium (the ``chromium``
fixture of tests/browser_harness.py), picks "più di 10.000 container", sets a verdict, presses
Save, sees "saved", and finds the row in the worksheet CSV. The server's process group (Voilà and
its kernels) is terminated at the end.

``VERIFY_APP_SCREENSHOT=docs/app.png pytest tests/test_app_browser.py`` also saves a 1280x800
screenshot of the app (for the README) when the test passes.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from verify.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
from browser_harness import (ROOT, ServerProcess, chromium, keep_screenshot,  # noqa: F401
                             new_context, report_failure, save_verdict, select_claim, serve,
                             workbench_in, workbench_screenshot, worksheet_row)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01_check_an_article.ipynb"
CLAIM = "più di 10.000 container"
VERDICT = "mostly true"
RATIONALE = "State Department: more than 10,000 containers; Seoul: about 6,700"
CHECKER = "Voilà Tester"
RENDER_TIMEOUT_MS = 90_000   # the page shows the workbench once the kernel ran notebook 01


class VoilaServer(ServerProcess):
    """``python -m voila notebooks/01_check_an_article.ipynb`` over a temporary project."""

    name = "voila"

    def __init__(self, base: Path):
        super().__init__(base, worksheet="app.csv", log="voila.log")
        self.url += "/"

    def start(self) -> "VoilaServer":
        (self.project / "notebooks").mkdir(parents=True)
        shutil.copy(ROOT / NOTEBOOK, self.project / NOTEBOOK)
        (self.project / "claims").mkdir()
        shutil.copytree(DEMO_SOURCES, self.sources,
                        ignore=shutil.ignore_patterns("*.py", "*.lock", ".*"))
        env = self.environment(("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                "IPYTHONDIR"))
        # As `make app`, plus: no browser, loopback only, this port or fail.
        cmd = [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", "--Voila.ip=127.0.0.1",
               f"--port={self.port}", "--Voila.port_retries=0"]
        self.launch(cmd, self.project, env)
        return self

    def answers(self) -> bool:
        # A static file: asking for the page itself would start a kernel on every poll.
        try:
            urllib.request.urlopen(self.url + "voila/static/favicon.ico", timeout=2).close()
        except urllib.error.HTTPError:
            return True     # any HTTP answer: the server is up
        except OSError:
            return False
        return True


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    yield from serve("voila", lambda: VoilaServer(tmp_path_factory.mktemp("voila")))


@pytest.fixture
def page(request, chromium, voila, tmp_path):
    """A 1280x800 page that may only talk to the server: Voilà's template also asks a CDN for
    Font Awesome, refused here (no internet on the test machines), recorded in ``page.outside``."""
    context = new_context(chromium)
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(voila.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.outside = outside
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    try:
        with report_failure(request, page, tmp_path, voila, errors, "page errors"):
            yield page
    finally:
        context.close()


def test_the_workbench_runs_as_a_web_app_and_saves_a_verdict(voila, page):
    from playwright.sync_api import expect

    started = time.monotonic()
    page.goto(voila.url, wait_until="domcontentloaded")
    workbench = workbench_in(page, timeout=RENDER_TIMEOUT_MS)
    rendered = time.monotonic() - started
    # A page for checkers: the notebook's text and tables, not its code.
    expect(page.get_by_text("open_workbench(")).to_have_count(0)
    expect(page.locator(".jp-OutputArea-output", has_text="Traceback")).to_have_count(0)
    expect(workbench.locator(".progress")).to_have_text(re.compile(r"^0 of \d+ checked$"))

    select_claim(workbench, CLAIM)
    expect(workbench.locator(".claim-panel mark.claim-span").first).to_have_text(CLAIM)
    save_verdict(workbench, VERDICT, RATIONALE, CHECKER)
    expect(workbench.locator(".progress")).to_have_text(re.compile(r"^1 of \d+ checked$"))
    print(f"\nvoila answered in {voila.startup_seconds:.1f} s; the workbench rendered in "
          f"{rendered:.1f} s")

    row = worksheet_row(voila.worksheet, CLAIM)
    assert (row["verdict"], row["rationale"], row["checker"]) == (VERDICT, RATIONALE, CHECKER)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["checked_at"])
    assert not list((voila.project / "claims").iterdir()), "wrote into the project's claims/"

    if os.environ.get("VERIFY_APP_SCREENSHOT"):
        path = keep_screenshot(workbench_screenshot(page, workbench), "VERIFY_APP_SCREENSHOT")
        print(f"screenshot of the app: {path}")
