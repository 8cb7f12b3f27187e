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

import csv
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_harness import (ROOT, TIMEOUT_MS, VIEWPORT, _free_port, chromium,  # noqa: F401
                             stop_process_group)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01_check_an_article.ipynb"
CLAIM = "più di 10.000 container"
VERDICT = "mostly true"
RATIONALE = "State Department: more than 10,000 containers; Seoul: about 6,700"
CHECKER = "Voilà Tester"
START_TIMEOUT_S = 60
RENDER_TIMEOUT_MS = 90_000   # the page shows the workbench once the kernel ran notebook 01


class VoilaServer:
    """``python -m voila notebooks/01_check_an_article.ipynb`` over a temporary project."""

    def __init__(self, base: Path):
        self.base = base
        self.project = base / "project"
        self.worksheet = base / "worksheets" / "app.csv"
        self.sources = self.project / "sources"
        self.log_path = base / "voila.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> "VoilaServer":
        (self.project / "notebooks").mkdir(parents=True)
        shutil.copy(ROOT / NOTEBOOK, self.project / NOTEBOOK)
        (self.project / "claims").mkdir()
        shutil.copytree(ROOT / "sources", self.sources,
                        ignore=shutil.ignore_patterns("*.py", "*.lock", ".*"))
        self.worksheet.parent.mkdir()
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
            (self.base / name.lower()).mkdir()
            env[name] = str(self.base / name.lower())
        env.pop("JUPYTER_PATH", None)
        env.update(VERIFY_WORKSHEET=str(self.worksheet), VERIFY_SOURCES=str(self.sources),
                   PYTHONUNBUFFERED="1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
        # the kernel is the venv's python, as in `make app`
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        # As `make app`, plus: no browser, loopback only, this port or fail.
        cmd = [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", "--Voila.ip=127.0.0.1",
               f"--port={self.port}", "--Voila.port_retries=0"]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.project, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        started = time.monotonic()
        while not self._answers():
            if self.proc.poll() is not None:
                raise RuntimeError(f"voila exited with code {self.proc.returncode} before "
                                   f"answering on {self.url}.\n{self.log_tail()}")
            if time.monotonic() - started > START_TIMEOUT_S:
                self.stop()
                raise RuntimeError(f"voila did not answer on {self.url} within "
                                   f"{START_TIMEOUT_S} s.\n{self.log_tail()}")
            time.sleep(0.1)
        self.startup_seconds = time.monotonic() - started
        return self

    def _answers(self) -> bool:
        # A static file: asking for the page itself would start a kernel on every poll.
        try:
            urllib.request.urlopen(self.url + "voila/static/favicon.ico", timeout=2).close()
        except urllib.error.HTTPError:
            return True     # any HTTP answer: the server is up
        except OSError:
            return False
        return True

    def stop(self) -> None:
        stop_process_group(self.proc)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 60) -> str:
        if self._log is not None:
            self._log.flush()
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return f"(no server log at {self.log_path})"
        return f"--- last {lines} lines of {self.log_path} ---\n" + "\n".join(text[-lines:])


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    try:
        import voila  # noqa: F401
    except ImportError as e:
        pytest.fail(f"voila is not installed ({e}): run `make setup-test`", pytrace=False)
    server = VoilaServer(tmp_path_factory.mktemp("voila"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(request, chromium, voila, tmp_path):
    """A 1280x800 page that may only talk to the server: Voilà's template also asks a CDN for
    Font Awesome, refused here (no internet on the test machines), recorded in ``page.outside``."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
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
    failed_before = request.session.testsfailed
    try:
        yield page
    finally:
        if request.session.testsfailed > failed_before:
            shot = tmp_path / "failure.png"
            try:
                page.screenshot(path=str(shot))
                print(f"\nscreenshot of the failure: {shot}")
            except Exception as e:  # the page may be gone
                print(f"\nno screenshot of the failure: {e}")
            if errors:
                print("page errors:\n  " + "\n  ".join(errors[-20:]))
            print(voila.log_tail(40))
        context.close()


def test_the_workbench_runs_as_a_web_app_and_saves_a_verdict(voila, page):
    from playwright.sync_api import expect

    started = time.monotonic()
    page.goto(voila.url, wait_until="domcontentloaded")
    workbench = page.locator(".verify-workbench")
    expect(workbench).to_have_count(1, timeout=RENDER_TIMEOUT_MS)
    expect(workbench.locator(".claim-list select option").first).to_be_attached()
    rendered = time.monotonic() - started
    # A page for checkers: the notebook's text and tables, not its code.
    expect(page.get_by_text("open_workbench(")).to_have_count(0)
    expect(page.locator(".jp-OutputArea-output", has_text="Traceback")).to_have_count(0)
    expect(workbench.locator(".progress")).to_have_text(re.compile(r"^0 of \d+ checked$"))

    _select_claim(workbench, CLAIM)
    expect(workbench.locator(".claim-panel mark.claim-span").first).to_have_text(CLAIM)
    workbench.locator(".verdict-select select").select_option(label=VERDICT)
    workbench.locator(".rationale-box textarea").fill(RATIONALE)
    workbench.locator(".checker-name input").fill(CHECKER)
    workbench.locator("button.save-button").click()
    expect(workbench.locator(".save-status")).to_have_text(re.compile(r"^saved \d\d:\d\d:\d\d$"))
    expect(workbench.locator(".progress")).to_have_text(re.compile(r"^1 of \d+ checked$"))
    print(f"\nvoila answered in {voila.startup_seconds:.1f} s; the workbench rendered in "
          f"{rendered:.1f} s")

    with open(voila.worksheet, newline="", encoding="utf-8-sig") as f:
        rows = [row for row in csv.DictReader(f) if row["text"] == CLAIM]
    assert len(rows) == 1, rows
    assert (rows[0]["verdict"], rows[0]["rationale"], rows[0]["checker"]) == (
        VERDICT, RATIONALE, CHECKER)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rows[0]["checked_at"])
    assert not list((voila.project / "claims").iterdir()), "wrote into the project's claims/"

    if os.environ.get("VERIFY_APP_SCREENSHOT"):
        workbench.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        path = ROOT / os.environ["VERIFY_APP_SCREENSHOT"]
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))
        print(f"screenshot of the app: {path}")


def _select_claim(workbench, text: str) -> None:
    """Pick the claim whose words are exactly ``text`` in the claim list (its line ends with
    " · <text>"; ipywidgets renders the option's spaces as no-break spaces)."""
    from playwright.sync_api import expect

    words = r"\s+".join(re.escape(w) for w in text.split())
    option = workbench.locator(".claim-list select option").filter(
        has_text=re.compile(rf"(^|[\s·]){words}(\s*$|\s+[\[·])"))
    expect(option).to_have_count(1)
    value = option.get_attribute("value")
    select = workbench.locator(".claim-list select")
    select.select_option(value=value)
    expect(select).to_have_value(value)
