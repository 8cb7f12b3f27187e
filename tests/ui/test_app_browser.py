"""The checker's app (Voilà) in Debian's Chromium: what ``make app`` serves.

A checker who does not want code opens app/checker.ipynb as a page: the workbench first, an
article picker (upload, paste, address) and the worksheets in progress, no word about code, and
no request leaving 127.0.0.1 (the page may only talk to the server: every other request is
recorded and refused). The test starts ``voila app/checker.ipynb --template=verify-app`` with
``JUPYTER_PATH=app/share/jupyter`` as ``make app`` does, but on a free
port on 127.0.0.1 without opening a browser, over a temporary copy of the project
(``VERIFY_WORKSHEET`` and ``VERIFY_SOURCES`` point at temp files: the repository's ``claims/``
and ``sources/`` are never written). It waits until the server answers, opens the page in Chromium (the ``chromium``
fixture of tests/browser_harness.py), picks "più di 10.000 container", sets a verdict, presses
Save, sees "saved", and finds the row in the worksheet CSV. The server's process group (Voilà and
its kernels) is terminated at the end.

``VERIFY_APP_SCREENSHOT=docs/app.png pytest tests/ui/test_app_browser.py`` also saves a 1280x800
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

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
from browser_harness import (ROOT, ServerProcess, chromium, keep_screenshot,  # noqa: F401
                             new_context, report_failure, save_verdict, select_claim, serve,
                             workbench_in, workbench_screenshot, worksheet_row)

pytestmark = pytest.mark.browser

NOTEBOOK = "app/checker.ipynb"
PASTED = ("Il porto di Genova ha movimentato 2,5 milioni di container nel 2023\n\n"
          "Il porto di Genova ha movimentato più di 2,5 milioni di container nel 2023, "
          "secondo l'autorità portuale. Il sindaco ha detto che nel 2024 saranno 3 milioni.\n")
UPLOADED = ("La diga nuova costa 1,3 miliardi di euro\n\n"
            "La nuova diga foranea costerà 1,3 miliardi di euro, ha detto il commissario, "
            "e sarà pronta nel 2026.\n")
FETCHED = ("<html><head><title>Treni in ritardo</title></head><body><article>"
           "<h1>Treni in ritardo</h1><p>Il 40 per cento dei treni regionali è arrivato in "
           "ritardo a marzo, secondo il rapporto della regione pubblicato ieri.</p>"
           "</article></body></html>")
CODE_TALK = ("VERIFY_", "environment variable", "cell", "kernel", "import ", "notebook",
             "open_workbench", "Traceback")
CLAIM = "più di 10.000 container"
VERDICT = "mostly true"
RATIONALE = "State Department: more than 10,000 containers; Seoul: about 6,700"
CHECKER = "Voilà Tester"
RENDER_TIMEOUT_MS = 90_000   # the page shows the workbench once the kernel ran notebook 01


class VoilaServer(ServerProcess):
    """``python -m voila app/checker.ipynb`` over a temporary project, as ``make app``."""

    name = "voila"

    def __init__(self, base: Path):
        super().__init__(base, worksheet="app.csv", log="voila.log")
        self.url += "/"

    def start(self) -> "VoilaServer":
        shutil.copytree(ROOT / "app", self.project / "app")
        (self.project / "claims").mkdir()
        shutil.copytree(DEMO_SOURCES, self.sources,
                        ignore=shutil.ignore_patterns("*.py", "*.lock", ".*"))
        env = self.environment(("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                "IPYTHONDIR"))
        env["JUPYTER_PATH"] = str(self.project / "app" / "share" / "jupyter")   # as `make app`
        # a page on this machine may be opened by address (the test's own HTTP server)
        env["VERIFY_ALLOW_PRIVATE_FETCH"] = "1"
        # As `make app`, plus: no browser, loopback only, this port or fail.
        cmd = [sys.executable, "-m", "voila", NOTEBOOK, "--template=verify-app", "--no-browser",
               "--Voila.ip=127.0.0.1", f"--port={self.port}", "--Voila.port_retries=0"]
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
    """A 1280x800 page that may only talk to the server: any other request (a CDN's) is refused
    (no internet on the test machines) and recorded in ``page.outside``."""
    context = new_context(chromium)
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(voila.url) or route.request.url.startswith("data:"):
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


def test_the_app_shows_the_workbench_first_without_code_or_cdn_and_saves(voila, page):
    from playwright.sync_api import expect

    started = time.monotonic()
    page.goto(voila.url, wait_until="domcontentloaded")
    workbench = workbench_in(page, timeout=RENDER_TIMEOUT_MS)
    rendered = time.monotonic() - started
    # the workbench first: its claim list starts in the first screen, not 1,787 px down
    expect(workbench).to_be_visible()
    top = workbench.bounding_box()["y"] + page.evaluate("() => window.scrollY")
    assert top < 150, f"the workbench starts {top:.0f} px down the page"
    listed = workbench.locator(".claim-list").bounding_box()
    assert listed["y"] < 300, listed
    # a page for checkers: nothing about code, cells or environment variables
    text = page.locator("body").inner_text()
    talk = [words for words in CODE_TALK if words.lower() in text.lower()]
    assert not talk, f"code talk on the app's page: {talk}"
    expect(page.locator(".app-tabs > .lm-TabBar .lm-TabBar-tab")).to_have_text(
        ["Check", "Open an article", "Worksheets in progress"])
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
    # offline: the icons are Voilà's own, and nothing was asked of another host
    page.wait_for_load_state("networkidle")
    icon = workbench.locator("button.save-button i.fa-save, button.save-button i.fa-floppy-disk")
    assert icon.evaluate("el => getComputedStyle(el, '::before').content") not in ("none", "")
    assert page.outside == [], f"requests that left 127.0.0.1: {page.outside}"

    if os.environ.get("VERIFY_APP_SCREENSHOT"):
        # the page's top, as a checker opens it (Save scrolled the page to its button)
        path = keep_screenshot(workbench_screenshot(page, page.locator(".checker-app")),
                               "VERIFY_APP_SCREENSHOT")
        print(f"screenshot of the app: {path}")


def test_an_article_is_opened_by_paste_upload_or_address_and_worksheets_are_resumed(
        voila, page, http_server, tmp_path):
    from playwright.sync_api import expect

    page.goto(voila.url, wait_until="domcontentloaded")
    seed_bench = workbench_in(page, timeout=RENDER_TIMEOUT_MS)
    select_claim(seed_bench, CLAIM)                  # the seed's worksheet, with a verdict
    save_verdict(seed_bench, "misleading", "counted differently by Seoul", CHECKER)
    app = page.locator(".checker-app")
    tabs = app.locator(".app-tabs > .lm-TabBar .lm-TabBar-tab")
    title = app.locator(".workbench-title")
    status = app.locator(".open-status")

    tabs.filter(has_text="Open an article").click()
    app.locator(".article-paste textarea").fill(PASTED)
    app.locator("button.article-paste-button").click()
    expect(title).to_contain_text("Il porto di Genova ha movimentato 2,5 milioni di container")
    expect(status).to_have_text("opened the pasted text")
    workbench = workbench_in(page)
    select_claim(workbench, "più di 2,5 milioni di container")
    page.screenshot(path=str(tmp_path / "pasted.png"))

    tabs.filter(has_text="Open an article").click()
    upload = tmp_path / "diga.txt"
    upload.write_text(UPLOADED, encoding="utf-8")
    with page.expect_file_chooser() as chooser:      # the checker's own file dialog
        app.locator(".article-upload").click()
    chooser.value.set_files(str(upload))
    expect(title).to_contain_text("La diga nuova costa 1,3 miliardi di euro")
    select_claim(workbench_in(page), "2026")

    url = http_server.route("/treni.html", FETCHED)
    tabs.filter(has_text="Open an article").click()
    app.locator(".article-url input").fill(url)
    app.locator("button.article-url-button").click()
    expect(title).to_contain_text("Treni in ritardo")
    select_claim(workbench_in(page), "40 per cento")

    tabs.filter(has_text="Worksheets in progress").click()
    rows = app.locator(".worksheet-row")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("open now")
    seed = rows.filter(has_text="Putin")
    expect(seed).to_contain_text(re.compile(r"\b[1-9]\d* of \d+ checked"))
    page.screenshot(path=str(tmp_path / "in-progress.png"))
    print(f"\nscreenshots: {tmp_path}")
    seed.locator("button.resume-button").click()
    expect(title).to_contain_text("Putin")
    workbench = workbench_in(page)
    expect(workbench.locator(".progress")).to_have_text(re.compile(r"^[1-9]\d* of \d+ checked$"))
    select_claim(workbench, CLAIM)
    expect(workbench.locator(".claim-panel .claim-saved")).to_contain_text("misleading")
    # every new worksheet went beside the app's worksheet, none into the project's claims/
    names = sorted(p.name for p in voila.worksheet.parent.glob("*.csv")
                   if not p.name.endswith(".evidence.csv"))
    assert len(names) == 4, names
    assert not list((voila.project / "claims").iterdir())
    assert page.outside == [], page.outside
