"""A real JupyterLab server and Debian's Chromium for the end-to-end tests (pytest fixtures).

See ../shared/recipes/jupyterlab-browser-tests.md for why each step is there. Use in a test module::

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
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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


class JupyterLabServer:
    """A ``python -m jupyterlab`` subprocess over a temporary root folder."""

    def __init__(self, base: Path):
        self.base = base
        self.project = base / "project"       # mirrors the repository: notebooks/ articles/ claims/
        self.root_dir = self.project / "notebooks"
        self.worksheet = base / "worksheets" / "e2e-worksheet.csv"
        self.sources = self.project / "sources"
        self.log_path = base / "jupyterlab.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = TOKEN
        self.proc: subprocess.Popen | None = None
        self._log = None

    # -- lifecycle -----------------------------------------------------------------------------

    def _prepare(self) -> dict[str, str]:
        shutil.copytree(ROOT / "notebooks", self.root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copytree(ROOT / "articles", self.project / "articles")
        (self.project / "claims").mkdir()
        shutil.copytree(ROOT / "sources", self.sources)
        self.worksheet.parent.mkdir()
        env = dict(os.environ)
        for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                     "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"):
            path = self.base / name.lower()
            path.mkdir()
            env[name] = str(path)
        # The news / update toast can cover the widgets.
        settings = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(json.dumps(
            {"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
        env.pop("JUPYTER_PATH", None)           # no kernels or extensions from elsewhere
        env["VERIFY_WORKSHEET"] = str(self.worksheet)
        env["VERIFY_SOURCES"] = str(self.sources)
        env["PYTHONUNBUFFERED"] = "1"
        env["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
        # the kernel is the venv's: the server runs on sys.executable, so put its bin/ first
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        return env

    def start(self) -> "JupyterLabServer":
        env = self._prepare()
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--expose-app-in-browser",
        ]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.root_dir, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        started = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode} before "
                                   f"answering on {self.url}.\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() - started > START_TIMEOUT_S:
                self.stop()
                raise RuntimeError(f"JupyterLab did not answer on {self.url} within "
                                   f"{START_TIMEOUT_S} s.\n{self.log_tail()}")
            time.sleep(0.1)
        self.startup_seconds = time.monotonic() - started
        return self

    def stop(self) -> None:
        stop_process_group(self.proc)
        if self._log is not None:
            self._log.close()
            self._log = None

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

    def log_tail(self, lines: int = 60) -> str:
        if self._log is not None:
            self._log.flush()
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return f"(no server log at {self.log_path})"
        return f"--- last {lines} lines of {self.log_path} ---\n" + "\n".join(text[-lines:])


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
    import re

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


# -- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """The JupyterLab server (see the module docstring)."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError as e:
        missing = str(e)
    else:
        missing = ""
    if missing:
        pytest.fail(f"jupyterlab is not installed ({missing}): run `make setup-test`", pytrace=False)
    server = JupyterLabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def chromium():
    """A headless /usr/bin/chromium under playwright (see the module docstring)."""
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError as e:
        missing = str(e)
    else:
        missing = ""
    if missing:
        pytest.fail(f"the browser tests need the Python package playwright ({missing}): run "
                    "`make setup-test` (it is in the `test` extra). Never `playwright install`: "
                    "they use Debian's chromium. Leave them out with -m 'not browser'.",
                    pytrace=False)
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


@pytest.fixture
def lab_page(request, chromium, jupyterlab, tmp_path):
    """A fresh 1280x800 page; closed, and every session deleted, afterwards (module docstring)."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    failed_before = request.session.testsfailed
    try:
        yield LabPage(page, jupyterlab)
    finally:
        try:
            if request.session.testsfailed > failed_before:  # the test's call phase failed
                shot = tmp_path / "failure.png"
                try:
                    page.screenshot(path=str(shot))
                    print(f"\nscreenshot of the failure: {shot}")
                except Exception as e:  # the page may be gone
                    print(f"\nno screenshot of the failure: {e}")
                if console:
                    print("browser console errors:\n  " + "\n  ".join(console[-30:]))
                print(jupyterlab.log_tail(40))
        finally:
            context.close()
            jupyterlab.delete_sessions()
