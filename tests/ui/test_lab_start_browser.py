"""`make lab` as a newcomer meets it, in Debian's Chromium: JupyterLab at the project's root (so
claims/, sources/ and out/ can be reached from the file browser), notebook 01 open, and no news
pop-up covering it on first start.

The server is started with exactly the command `make lab` runs (read with `make -n`), in a copy
of the project and with empty Jupyter settings, as on a fresh machine.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser_harness import (ROOT, TOKEN, ServerProcess, chromium,  # noqa: F401  (fixtures)
                             new_context)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_check_an_article.ipynb"


class MakeLab(ServerProcess):
    name = "make lab's JupyterLab"

    def start(self) -> "MakeLab":
        for name in ("notebooks", "articles", ".jupyter"):
            shutil.copytree(ROOT / name, self.project / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copy(ROOT / "Makefile", self.project / "Makefile")
        for name in ("claims", "sources"):
            (self.project / name).mkdir()
        dry_run = subprocess.run(
            ["make", "-s", "-n", "-o", "setup", "lab", f"BIN={Path(sys.executable).parent}"],
            cwd=self.project, capture_output=True, text=True, check=True)
        command = shlex.split(dry_run.stdout.strip().splitlines()[-1])
        assert Path(command[0]).name == "jupyter" and command[1] == "lab", command
        env = self.environment(("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                                "IPYTHONDIR"))
        # The "browser" writes down the address make lab would open, instead of opening it.
        self.opened = self.base / "opened-url.txt"
        browser = (f"{shlex.quote(sys.executable)} -c \"import sys; open(sys.argv[1], 'w')"
                   f".write(sys.argv[2])\" {shlex.quote(str(self.opened))} %s")
        self.launch([*command, "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                     "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
                     f"--ServerApp.browser={browser}"],
                    self.project, env)
        return self

    def opened_url(self) -> str:
        import time

        started = time.monotonic()
        while not self.opened.exists() or not self.opened.read_text():
            assert time.monotonic() - started < 30, f"no browser opened.\n{self.log_tail()}"
            time.sleep(0.1)
        return self.opened.read_text().strip()

    def answers(self) -> bool:
        import urllib.request

        try:
            urllib.request.urlopen(f"{self.url}/api/status?token={TOKEN}", timeout=2).close()
        except OSError:
            return False
        return True


@pytest.fixture(scope="module")
def make_lab(tmp_path_factory):
    server = MakeLab(tmp_path_factory.mktemp("make-lab"), worksheet="unused.csv", log="lab.log")
    try:
        yield server.start()
    finally:
        server.stop()


def test_make_lab_opens_notebook_01_at_the_projects_root_with_no_news_pop_up(make_lab, chromium,
                                                                            tmp_path):
    from playwright.sync_api import expect

    context = new_context(chromium)
    page = context.new_page()
    try:
        # what a user's browser gets: a local page that sends it on to the server
        page.goto(make_lab.opened_url())
        expect(page).to_have_url(re.compile(rf"^{re.escape(make_lab.url)}/lab"))
        tab = page.locator(".lm-TabBar-tab", has_text=NOTEBOOK)
        expect(tab).to_be_visible()
        # the file browser follows the notebook into notebooks/; the project is one click up
        page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
        listing = page.locator(".jp-FileBrowser .jp-DirListing-item")
        for folder in ("claims", "sources", "notebooks", "articles"):
            expect(listing.filter(has_text=folder).first).to_be_visible()
        # the news question would come as a toast within a few seconds of the page's start
        page.wait_for_timeout(4000)
        toasts = page.locator(".jp-toast-message, .Toastify__toast")
        texts = [toasts.nth(i).inner_text() for i in range(toasts.count())]
        assert not [t for t in texts if "news" in t.lower()], texts
        page.screenshot(path=str(tmp_path / "make-lab.png"))
        if os.environ.get("VERIFY_LAB_SCREENSHOT"):
            page.screenshot(path=os.environ["VERIFY_LAB_SCREENSHOT"])
    finally:
        context.close()
