"""A real JupyterLab server and Debian's Chromium for the end-to-end tests (pytest fixtures).

Each step says why it is there (the traps found driving JupyterLab in Chromium). Use in a test module::

    from browser_harness import chromium, jupyterlab, lab_page  # noqa: F401  (pytest fixtures)

    pytestmark = pytest.mark.browser

    def test_something(jupyterlab, lab_page):
        notebook = lab_page.open_notebook("01_check_an_article.ipynb")
        notebook.run_all()                  # waits for the kernel first; fails on any error output

Fixtures:

- ``jupyterlab`` (session): ``python -m jupyterlab`` on 127.0.0.1, a free port and a fixed token,
  serving a temporary copy of the repository's ``notebooks/`` (the root; ``articles/``, an empty
  ``claims/`` and a copy of the seed registry ``sources/`` beside it, so relative paths in the
  notebooks work as in the repository). All of
  Jupyter's config, data, runtime, settings and workspace folders are temporary, so nothing of the
  developer's own setup leaks in, and the news/update toast is silenced. The kernels inherit the
  server's environment: ``VERIFY_WORKSHEET`` points at ``jupyterlab.worksheet`` (a CSV in a temp
  folder that does not exist until the notebook saves a verdict) and ``VERIFY_SOURCES`` at
  ``jupyterlab.sources`` (the copy of the registry: never the repository's ``sources/``). Stopped with SIGTERM, then SIGKILL
  of its process group, at the end of the session.
- ``chromium`` (module): ``/usr/bin/chromium``, headless, driven by playwright's sync API. Never run
  ``playwright install``: CI installs Debian's ``chromium`` (``.ci/run``). When either is missing the
  tests fail (they are not skipped) with what to install; ``pytest -m "not browser"`` leaves them out.
- ``lab_page`` (function): a fresh 1280x800 page on the server. Afterwards the page is closed and every
  server session deleted (their kernels stop). On failure a screenshot goes to the test's tmp dir and
  its path, the browser's console errors and the tail of the server log are printed.

Helpers for other servers and pages (tests/ui/test_app_browser.py runs Voilà with them):
``ServerProcess`` (a server over a temporary copy of the project, started and stopped as
JupyterLab is), ``serve`` (a server fixture's body), ``need`` (fail when a package is missing),
``new_context`` and ``report_failure``. For the workbench in a page: ``workbench_in``,
``select_claim``, ``save_verdict``, ``worksheet_row`` (the saved row of a claim),
``workbench_screenshot`` and ``keep_screenshot``.
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pytest

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
TOKEN = "verify-e2e-token"
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000
START_TIMEOUT_S = 60
RUN_TIMEOUT_S = 90


def stop_process_group(proc) -> None:
    """SIGTERM to a server's process group (it shuts its kernels down), SIGKILL after 15 s."""
    if proc is None or proc.poll() is not None:
        return
    pgid = os.getpgid(proc.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    try:  # kernels and anything else left in the group
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server (JupyterLab, Voilà) on 127.0.0.1 over a temporary copy of the project, in a
    process group of its own, its output in a log file. A subclass copies the project, starts
    the server with ``launch`` and says when it ``answers``."""

    name = "the server"
    """Who exited or did not answer, in the errors of ``launch``."""

    def __init__(self, base: Path, *, worksheet: str, log: str):
        self.base = base
        self.project = base / "project"       # mirrors the repository: notebooks/ articles/ claims/
        self.worksheet = base / "worksheets" / worksheet
        self.sources = self.project / "sources"
        self.log_path = base / log
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def environment(self, jupyter_dirs: tuple[str, ...]) -> dict[str, str]:
        """The server's environment: Jupyter's folders ``jupyter_dirs`` fresh under ``base``, no
        kernels or extensions from elsewhere, and VERIFY_WORKSHEET and VERIFY_SOURCES pointing
        at the temporary worksheet (its folder is made here) and registry."""
        self.worksheet.parent.mkdir()
        env = dict(os.environ)
        for name in jupyter_dirs:
            path = self.base / name.lower()
            path.mkdir()
            env[name] = str(path)
        env.pop("JUPYTER_PATH", None)           # no kernels or extensions from elsewhere
        env.update(VERIFY_WORKSHEET=str(self.worksheet), VERIFY_SOURCES=str(self.sources),
                   PYTHONUNBUFFERED="1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
        # the kernel is the venv's: the server runs on sys.executable, so put its bin/ first
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        return env

    def launch(self, cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
        """Run ``cmd`` and wait until the server answers; RuntimeError with the log's tail when
        it exits first or does not answer within START_TIMEOUT_S."""
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        started = time.monotonic()
        while not self.answers():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.proc.returncode} before "
                                   f"answering on {self.url}.\n{self.log_tail()}")
            if time.monotonic() - started > START_TIMEOUT_S:
                self.stop()
                raise RuntimeError(f"{self.name} did not answer on {self.url} within "
                                   f"{START_TIMEOUT_S} s.\n{self.log_tail()}")
            time.sleep(0.1)
        self.startup_seconds = time.monotonic() - started

    def start(self) -> "ServerProcess":
        raise NotImplementedError

    def answers(self) -> bool:
        raise NotImplementedError

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


class JupyterLabServer(ServerProcess):
    """A ``python -m jupyterlab`` subprocess over a temporary root folder."""

    name = "JupyterLab"

    def __init__(self, base: Path):
        super().__init__(base, worksheet="e2e-worksheet.csv", log="jupyterlab.log")
        self.root_dir = self.project / "notebooks"
        self.token = TOKEN

    def start(self) -> "JupyterLabServer":
        shutil.copytree(ROOT / "notebooks", self.root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copytree(ROOT / "articles", self.project / "articles")
        (self.project / "claims").mkdir()
        shutil.copytree(DEMO_SOURCES, self.sources)
        env = self.environment(("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                                "IPYTHONDIR"))
        # The news / update toast can cover the widgets.
        settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(json.dumps(
            {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--expose-app-in-browser",
        ]
        self.launch(cmd, self.root_dir, env)
        return self

    def answers(self) -> bool:
        try:
            self.api("GET", "/api/status", timeout=2)
        except (OSError, urllib.error.URLError):
            return False
        return True

    # -- REST ----------------------------------------------------------------------------------

    def api(self, method: str, path: str, timeout: float = 10):
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def sessions(self) -> list[dict]:
        return self.api("GET", "/api/sessions")

    def delete_sessions(self) -> None:
        for session in self.sessions():
            try:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            except urllib.error.HTTPError as e:
                if e.code != 404:
                    raise

    def lab_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"


# -- the notebook in the page ------------------------------------------------------------------

_NOTEBOOK_STATE_JS = """(path) => {
  const app = window.jupyterapp;
  if (!app) return {stage: 'no window.jupyterapp (is --expose-app-in-browser set?)'};
  const w = app.shell.currentWidget;
  if (!w || !w.context || !w.sessionContext || !w.content) return {stage: 'no current notebook'};
  if (w.context.path !== path) return {stage: 'current widget is ' + w.context.path};
  const sc = w.sessionContext;
  const kernel = sc.session ? sc.session.kernel : null;
  return {
    stage: 'notebook', contextReady: w.context.isReady, sessionReady: sc.isReady,
    kernelId: kernel ? kernel.id : null, status: kernel ? kernel.status : null,
    connection: kernel ? kernel.connectionStatus : null,
  };
}"""

_CELLS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session ? w.sessionContext.session.kernel : null;
  const cells = [];
  for (const cell of w.content.widgets) {
    if (cell.model.type !== 'code') continue;
    cells.push({count: cell.model.executionCount, outputs: cell.model.outputs.toJSON(),
                source: cell.model.sharedModel.getSource().slice(0, 80)});
  }
  return {status: kernel ? kernel.status : null, cells};
}"""


@dataclass
class Notebook:
    """Notebook ``path`` open in ``page``, driven through ``window.jupyterapp``."""

    page: object
    server: JupyterLabServer
    path: str
    kernel_id: str | None = None
    history: list = field(default_factory=list)

    def command(self, name: str, args: dict | None = None) -> None:
        """Start a JupyterLab command (not awaited: some open a dialog)."""
        self.page.evaluate("([name, args]) => { window.__e2eCommand = "
                           "window.jupyterapp.commands.execute(name, args || {}); }", [name, args])

    def wait_for_command(self, timeout: float = TIMEOUT_MS / 1000) -> None:
        """Wait for the promise of the last ``command`` (fail after ``timeout`` seconds)."""
        done = self.page.evaluate("""(ms) => Promise.race([
            window.__e2eCommand.then(() => true),
            new Promise(resolve => setTimeout(() => resolve(false), ms))])""", timeout * 1000)
        assert done, f"a JupyterLab command did not finish within {timeout} s"

    def wait_for_kernel(self, timeout: float = START_TIMEOUT_S) -> str:
        """Until the notebook is current and ready, its kernel connected and idle, and that kernel
        is the server's for this path on two polls in a row (JupyterLab may start a second kernel
        and swap to it: cells sent to the first are lost). Returns the kernel id."""
        deadline = time.monotonic() + timeout
        agreed = 0
        state: dict = {}
        server_kernel = None
        while True:
            state = self.page.evaluate(_NOTEBOOK_STATE_JS, self.path)
            server_kernel = next((s["kernel"]["id"] for s in self.server.sessions()
                                  if s.get("path") == self.path and s.get("kernel")), None)
            ok = (state.get("stage") == "notebook" and state["contextReady"]
                  and state["sessionReady"] and state["connection"] == "connected"
                  and state["status"] == "idle" and state["kernelId"] == server_kernel)
            if ok and state["kernelId"] == self.kernel_id:
                agreed += 1
            else:
                agreed = 1 if ok else 0
            self.kernel_id = state.get("kernelId") if ok else None
            if agreed >= 2:
                return self.kernel_id
            if time.monotonic() > deadline:
                raise AssertionError(f"the kernel of {self.path} was not ready within {timeout} s: "
                                     f"page {state}, server kernel {server_kernel}")
            time.sleep(0.25)

    def cells(self) -> dict:
        return self.page.evaluate(_CELLS_JS)

    def run_all(self, timeout: float = RUN_TIMEOUT_S) -> list[dict]:
        """Clear the outputs, run every cell, wait until every code cell ran and the kernel is idle;
        fail on any error output. Returns the code cells (count, outputs, source)."""
        self.wait_for_kernel()
        self.command("notebook:clear-all-cell-outputs")
        self.wait_for_command()
        self.page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.content.widgets"
            ".every(c => c.model.type !== 'code' || c.model.executionCount === null)",
            timeout=TIMEOUT_MS)
        self.command("notebook:run-all-cells")
        deadline = time.monotonic() + timeout
        while True:
            state = self.cells()
            errors = [(cell["source"], out) for cell in state["cells"] for out in cell["outputs"]
                      if out.get("output_type") == "error"]
            if errors:
                raise AssertionError("error output in the notebook:\n" + "\n\n".join(
                    f"cell {src!r}:\n{out.get('ename')}: {out.get('evalue')}\n"
                    + _strip_ansi("\n".join(out.get("traceback", []))) for src, out in errors))
            if state["status"] == "idle" and all(c["count"] is not None for c in state["cells"]):
                break
            if time.monotonic() > deadline:
                pending = [c["source"] for c in state["cells"] if c["count"] is None]
                raise AssertionError(f"run all did not finish within {timeout} s (kernel "
                                     f"{state['status']}); cells not run: {pending}")
            time.sleep(0.2)
        # A widget whose model did not reach the page shows this text instead.
        broken = self.page.locator(".jp-OutputArea-output", has_text="Error displaying widget")
        assert broken.count() == 0, broken.first.inner_text()
        return state["cells"]

    def restart_kernel(self) -> None:
        """Kernel > Restart Kernel…, accepting the dialog; returns once the kernel is back."""
        from playwright.sync_api import expect

        self.wait_for_kernel()
        self.command("kernelmenu:restart")
        dialog = self.page.locator(".jp-Dialog")
        expect(dialog).to_contain_text("Restart")
        dialog.locator(".jp-Dialog-footer button.jp-mod-accept").click()
        expect(dialog).to_have_count(0)
        self.wait_for_command()
        self.kernel_id = None
        self.wait_for_kernel()


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


class LabPage:
    """A browser page on the JupyterLab server."""

    def __init__(self, page, server: JupyterLabServer):
        self.page = page
        self.server = server

    def open_notebook(self, path: str, *, collapse_left: bool = True) -> Notebook:
        """Open ``path`` (relative to the server's root) and wait for its kernel. The left side bar
        (file browser) is collapsed unless ``collapse_left=False``: the notebook gets the width."""
        started = time.monotonic()
        self.page.goto(self.server.lab_url(path), wait_until="domcontentloaded")
        self.page.locator("#jupyterlab-splash").wait_for(state="detached",
                                                         timeout=START_TIMEOUT_S * 1000)
        notebook = Notebook(self.page, self.server, path)
        notebook.wait_for_kernel()
        if collapse_left:  # after the layout is restored, or the restore opens it again
            self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            self.page.wait_for_function("() => window.jupyterapp.shell.leftCollapsed")
        notebook.open_seconds = time.monotonic() - started
        return notebook


# -- the workbench in a page ----------------------------------------------------------------------

def workbench_in(page, timeout: float = TIMEOUT_MS):
    """The page's one workbench, once it is there with its claim list filled (``timeout`` ms)."""
    from playwright.sync_api import expect

    workbench = page.locator(".verify-workbench")
    expect(workbench).to_have_count(1, timeout=timeout)
    expect(workbench.locator(".claim-list button.claim-entry").first).to_be_attached()
    return workbench


def words_pattern(text: str) -> str:
    """A regex for ``text`` where each run of spaces may be any whitespace: ipywidgets renders the
    spaces of a Select's options as no-break spaces."""
    return r"\s+".join(re.escape(word) for word in text.split())


def claim_option(workbench, text: str):
    """The claim list's entry (a button) for the claim whose text is exactly ``text``: its
    tooltip is the claim's whole text, so a longer claim that contains ``text`` ("… più di
    10.000 container, l'equivalente …") is not it."""
    return workbench.locator(".claim-list button.claim-entry").and_(
        workbench.page.get_by_title(" ".join(text.split()), exact=True))


def select_claim(workbench, text: str) -> None:
    """Click the claim whose text is exactly ``text`` in the claim list, and see it current."""
    from playwright.sync_api import expect

    entry = claim_option(workbench, text)
    expect(entry).to_have_count(1)
    entry.click()
    expect(entry).to_have_class(re.compile(r"\bclaim-current\b"))
    expect(workbench.locator(".claim-panel .claim-title")).to_have_text(" ".join(text.split()))


def save_verdict(workbench, label: str, rationale: str, checker: str) -> None:
    """Set the shown claim's verdict, rationale and checker, press Save, and see it saved."""
    from playwright.sync_api import expect

    workbench.locator(".verdict-select select").select_option(label=label)
    workbench.locator(".rationale-box textarea").fill(rationale)
    workbench.locator(".checker-name input").fill(checker)
    workbench.locator("button.save-button").click()   # blurs the checker box: its value goes first
    expect(workbench.locator(".save-status")).to_have_text(re.compile(r"^saved \d\d:\d\d:\d\d$"))


def worksheet_row(path: Path, text: str) -> dict[str, str]:
    """The row of the worksheet CSV at ``path`` whose claim text is ``text`` (there must be one)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [row for row in csv.DictReader(f) if row["text"] == text]
    assert len(rows) == 1, f"{len(rows)} rows with the text {text!r} in {path}: {rows}"
    return rows[0]


def workbench_screenshot(page, workbench) -> bytes:
    """The page (1280x800) with the workbench scrolled to its top, as PNG bytes."""
    workbench.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.mouse.move(0, 0)                       # no hover highlight
    page.wait_for_timeout(300)                  # let the scroll settle
    return page.screenshot()


def keep_screenshot(png: bytes, variable: str) -> Path:
    """Write ``png`` where the environment variable ``variable`` says (relative to the
    repository: docs/workbench.png) and return the path."""
    path = ROOT / os.environ[variable]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


# -- fixtures ----------------------------------------------------------------------------------

def need(module: str, message: str) -> None:
    """Fail the test (never skip it) with ``message`` when ``module`` does not import; ``{error}``
    in ``message`` is the ImportError's text."""
    try:
        importlib.import_module(module)
    except ImportError as e:
        missing = str(e)
    else:
        return
    pytest.fail(message.format(error=missing), pytrace=False)


def new_context(chromium, **options):
    """A browser context with 1280x800 pages and the tests' default timeout."""
    context = chromium.new_context(viewport=VIEWPORT, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@contextmanager
def report_failure(request, page, tmp_path: Path, server: ServerProcess, errors: list[str],
                   heading: str) -> Iterator[None]:
    """Around a page fixture's ``yield``: when the test's call phase failed, print where a
    screenshot of the page went, the last of ``errors`` under ``heading``, and the server log's
    tail."""
    failed_before = request.session.testsfailed
    try:
        yield
    finally:
        if request.session.testsfailed > failed_before:  # the test's call phase failed
            shot = tmp_path / "failure.png"
            try:
                page.screenshot(path=str(shot))
                print(f"\nscreenshot of the failure: {shot}")
            except Exception as e:  # the page may be gone
                print(f"\nno screenshot of the failure: {e}")
            if errors:
                print(f"{heading}:\n  " + "\n  ".join(errors[-30:]))
            print(server.log_tail(40))


def serve(package: str, make_server: Callable[[], ServerProcess]) -> Iterator[ServerProcess]:
    """A server fixture's body (``yield from serve(...)``): fail when ``package`` is not
    installed, else start the server ``make_server`` makes, and stop it afterwards."""
    need(package, f"{package} is not installed ({{error}}): run `make setup-test`")
    server = make_server()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """The JupyterLab server (see the module docstring)."""
    yield from serve("jupyterlab", lambda: JupyterLabServer(tmp_path_factory.mktemp("jupyterlab")))


@pytest.fixture(scope="module")
def chromium():
    """A headless /usr/bin/chromium under playwright (see the module docstring)."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    need("playwright.sync_api",
         "the browser tests need the Python package playwright ({error}): run "
         "`make setup-test` (it is in the `test` extra). Never `playwright install`: "
         "they use Debian's chromium. Leave them out with -m 'not browser'.")
    from playwright.sync_api import expect, sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"the browser tests need Debian's Chromium at {CHROMIUM}: run (as root) "
                    "`apt-get update && apt-get install -y --no-install-recommends chromium`, "
                    "as .ci/run does. Leave them out with -m 'not browser'.", pytrace=False)
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def lab_page_in(request, context, lab, tmp_path, *, console_errors: bool = True):
    """The body of every page fixture: a LabPage on a new page of ``context``, a failing test
    reported with the page's errors (and, with ``console_errors``, the console's), then the
    context closed and every session of ``lab`` deleted. ``yield from`` it in a fixture."""
    page = context.new_page()
    errors: list[str] = []
    if console_errors:
        page.on("console", lambda msg: errors.append(f"{msg.type}: {msg.text}")
                if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    try:
        with report_failure(request, page, tmp_path, lab, errors,
                            "browser console errors" if console_errors else "page errors"):
            yield LabPage(page, lab)
    finally:
        context.close()
        lab.delete_sessions()


@pytest.fixture
def lab_page(request, chromium, jupyterlab, tmp_path):
    """A fresh 1280x800 page; closed, and every session deleted, afterwards (module docstring)."""
    yield from lab_page_in(request, new_context(chromium), jupyterlab, tmp_path)
