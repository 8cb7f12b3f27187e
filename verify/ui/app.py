"""The checker's app (``make app``: Voilà serves app/checker.ipynb, whose one cell is
``checker_app()``): the workbench first, then an article picker and the worksheets in progress,
and no word about code.

    >>> from verify.ui.app import checker_app
    >>> checker_app()          # in a notebook or Voilà                      # doctest: +SKIP

Three tabs: **Check** (the workbench on the current article), **Open an article** (upload a
file, paste the text, or give the page's address) and **Worksheets in progress** (every
worksheet in the claims folder, newest first, with its progress and a Resume button).

On start the app resumes the worksheet this checker had open last (``verify.checking.place``), else the
newest in the folder, else opens the seed article. The worksheets are ``<claims folder>/<article_id>.csv``
in the user's workspace (``verify.records.workspace.claims_folder``), or in the folder of the worksheet
``VERIFY_WORKSHEET`` names when that is set (what the tests do).

CSS classes: ``checker-app``, ``app-tabs``, ``app-title``, ``article-upload``,
``article-paste``, ``article-paste-button``, ``article-url``, ``article-url-button``,
``open-status`` (``open-failed`` when it failed), ``worksheet-list``, ``worksheet-row``,
``resume-button``.
"""

from __future__ import annotations

import html
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import ipywidgets as widgets

from ..reading.articles import SEED_ARTICLE, load_article
from ..errors import VerifyError
from .workbench import Workbench
from ..checking.reextraction import worksheet_path_for
from ..checking.worksheet import Worksheet
from ..checking import place
from ..records import workspace

_UPLOAD_TYPES = ".txt,.md,.html,.htm"
_CSS = """<style>
.checker-app .app-title { font-size: 16px; font-weight: 600; margin: 0 0 4px; }
.checker-app .app-title .app-name { color: #1f6feb; }
.checker-app .app-title .app-article { font-weight: normal; color: #444; }
.checker-app .app-title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.checker-app > .app-tabs > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; min-width: 150px;
  max-width: none; }
.checker-app .open-status { white-space: normal; height: auto; }
.checker-app .open-status.open-failed { color: #a61d24; font-weight: 600; }
.checker-app .worksheet-row { border-bottom: 1px solid #eee; padding: 4px 0;
  align-items: center; }
.checker-app .worksheet-row .ws-title { font-weight: 600; }
.checker-app .worksheet-row .ws-meta { color: #666; }
.checker-app .picker-help { color: #555; }
</style>"""


class InProgress(NamedTuple):
    """A worksheet in the claims folder."""

    path: Path
    title: str
    checked: int
    total: int
    modified: datetime


def worksheets_in_progress(folder: Path) -> list[InProgress]:
    """The worksheets in ``folder``, most recently saved first. A file that is not a readable
    worksheet is left out (it is not the checker's to resume here)."""
    found = []
    for path in Path(folder).glob("*.csv"):
        if path.name.endswith(".evidence.csv") or path.name.startswith("."):
            continue
        try:
            sheet = Worksheet.open(path, read_only=True)
            checked, total = sheet.progress()
        except (VerifyError, OSError, ValueError):
            continue
        title = getattr(sheet.article, "title", "") or path.stem
        found.append(InProgress(path, title, checked, total,
                                datetime.fromtimestamp(path.stat().st_mtime)))
    return sorted(found, key=lambda w: w.modified, reverse=True)


class CheckerApp:
    """The app's widgets (display it: last line of a cell, or ``display(app)``)."""

    def __init__(self, folder: Path | None = None, *, first: Path | None = None):
        self.folder = Path(folder) if folder else _worksheets_folder()
        """Where the worksheets are (and new ones go)."""
        self.sources = os.environ.get("VERIFY_SOURCES", "").strip() or None
        """The source registry's folder (default: ``sources/`` beside the claims folder)."""
        self.workbench: Workbench | None = None
        self._build()
        self._open_first(first)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = _styled(widgets.HTML(), "app-title")
        self.check_tab = widgets.VBox()
        self.tabs = _styled(widgets.Tab(children=[self.check_tab, self._build_picker(),
                                                  self._build_resume()],
                                        titles=["Check", "Open an article",
                                                "Worksheets in progress"]), "app-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.widget = _styled(widgets.VBox([widgets.HTML(_CSS), self.title, self.tabs]),
                              "checker-app")

    def _build_picker(self) -> widgets.Widget:
        self.upload = _styled(widgets.FileUpload(accept=_UPLOAD_TYPES, multiple=False,
                                                 description="Upload a file"), "article-upload")
        self.paste = _styled(widgets.Textarea(
            placeholder="paste the article's text here: the title on the first line",
            continuous_update=False, layout=widgets.Layout(width="98%", height="160px")),
            "article-paste")
        self.paste_button = _styled(_button("Open the pasted text", "paste"),
                                    "article-paste-button")
        self.url = _styled(widgets.Text(placeholder="https://…", continuous_update=False,
                                        layout=widgets.Layout(width="70%")), "article-url")
        self.url_button = _styled(_button("Open the page", "globe"), "article-url-button")
        self.open_status = _styled(widgets.Label(), "open-status")
        self.upload.observe(self._on_upload, names="value")
        self.paste_button.on_click(lambda _: self._open_pasted())
        self.url_button.on_click(lambda _: self._open_url())
        help_text = ('<p class="picker-help">Each article gets its own worksheet; an article '
                     'opened before is resumed with its verdicts.</p>')
        return widgets.VBox([
            widgets.HTML(help_text),
            widgets.HTML("<b>A file</b> (.txt, .md or a saved web page, .html)"), self.upload,
            widgets.HTML("<b>The text</b>"), self.paste, self.paste_button,
            widgets.HTML("<b>The page's address</b>"), widgets.HBox([self.url, self.url_button]),
            self.open_status,
        ])

    def _build_resume(self) -> widgets.Widget:
        self.worksheet_list = _styled(widgets.VBox(), "worksheet-list")
        return widgets.VBox([widgets.HTML("Newest first. <b>Resume</b> opens a worksheet "
                                          "where it was left."), self.worksheet_list])

    # --- opening ----------------------------------------------------------------------------

    def _open_first(self, first: Path | None) -> None:
        if first is not None:
            self.open_article(SEED_ARTICLE, worksheet=first)
            return
        last = place.last_open(self.folder)
        progress = worksheets_in_progress(self.folder) if last is None else ()
        if last is not None or progress:
            self.resume(last or progress[0].path)
        else:
            self.open_article(SEED_ARTICLE)

    def open_article(self, source=None, *, text: str | None = None,
                     worksheet: Path | None = None) -> Workbench:
        """Open the workbench on an article (a path, URL, or pasted ``text``) and its
        worksheet in the folder (resumed when it exists)."""
        article = load_article(source, text=text) if text is not None else load_article(source)
        path = Path(worksheet) if worksheet else worksheet_path_for(self.folder, article)
        return self._show(Workbench(Worksheet.open(path, article=article, sources=self.sources)))

    def resume(self, path: Path) -> Workbench:
        """Open the workbench on the worksheet at ``path`` as it was saved."""
        return self._show(Workbench(Worksheet.open(path, sources=self.sources)))

    def _show(self, workbench: Workbench) -> Workbench:
        self.workbench = workbench
        self.check_tab.children = [workbench.widget]
        place.remember_open(workbench.worksheet.path)
        # the article's title heads the workbench itself, just below
        self.title.value = ('<span class="app-name">Verify</span> · '
                            '<span class="app-article">a claim at a time</span>')
        self.tabs.selected_index = 0
        return workbench

    def _attempt(self, what: str, open_it) -> None:
        """Run ``open_it``; say in words what went wrong, or switch to the workbench."""
        self._say(f"opening {what}…")
        try:
            open_it()
        except (VerifyError, OSError, ValueError) as err:
            self._say(f"could not open {what}: {' '.join(str(err).split())}", failed=True)
            return
        self._say(f"opened {what}")

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = Path(upload["name"]).name or "article.txt"

        def open_it():
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / name
                path.write_bytes(bytes(upload["content"]))
                self.open_article(path)

        self._attempt(name, open_it)
        self.upload.value = ()   # the same file chosen again is opened again

    def _open_pasted(self) -> None:
        text = self.paste.value
        if not text.strip():
            self._say("paste the article's text first", failed=True)
            return
        self._attempt("the pasted text", lambda: self.open_article(text=text))

    def _open_url(self) -> None:
        url = self.url.value.strip()
        if not url:
            self._say("type the page's address first", failed=True)
            return
        self._attempt(url, lambda: self.open_article(url))

    def _say(self, text: str, *, failed: bool = False) -> None:
        self.open_status.value = text
        if failed:
            self.open_status.add_class("open-failed")
        else:
            self.open_status.remove_class("open-failed")

    # --- the worksheets in progress ---------------------------------------------------------

    def _on_tab(self, change) -> None:
        if change["new"] == 2:
            self.list_worksheets()

    def list_worksheets(self) -> None:
        """Fill the "Worksheets in progress" tab from the folder."""
        current = Path(self.workbench.worksheet.path).resolve() if self.workbench else None
        rows = [self._row(w, w.path.resolve() == current)
                for w in worksheets_in_progress(self.folder)]
        self.worksheet_list.children = rows or [widgets.HTML("No worksheet yet.")]

    def _row(self, sheet: InProgress, is_open: bool) -> widgets.Widget:
        meta = (f"{sheet.checked} of {sheet.total} checked · saved "
                f"{sheet.modified:%Y-%m-%d %H:%M}" + (" · open now" if is_open else ""))
        info = widgets.HTML(f'<div class="ws-title">{html.escape(sheet.title)}</div>'
                            f'<div class="ws-meta">{html.escape(meta)}</div>',
                            layout=widgets.Layout(width="75%"))
        button = _styled(_button("Resume", "play"), "resume-button")
        button.on_click(lambda _, path=sheet.path: self.resume(path))
        return _styled(widgets.HBox([info, button]), "worksheet-row")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def checker_app() -> CheckerApp:
    """The app over the user's worksheets (see the module docstring)."""
    given = os.environ.get("VERIFY_WORKSHEET", "").strip()
    if given:
        path = Path(given).expanduser()
        first = None if path.exists() or worksheets_in_progress(path.parent) else path
        return CheckerApp(path.parent, first=first)
    return CheckerApp()


def _worksheets_folder() -> Path:
    folder = workspace.claims_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _styled(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _button(description: str, icon: str) -> widgets.Button:
    return widgets.Button(description=description, icon=icon,
                          layout=widgets.Layout(width="auto"))
