"""The checking workbench in Jupyter: ipywidgets over a plain ``Session``. With
``verify.ui.evidence_tab`` (its evidence tab), the only modules that import ipywidgets.

    >>> from verify import open_workbench
    >>> open_workbench()  # the seed article, in claims/<article_id>.csv    # doctest: +SKIP

The widgets only translate events into calls on ``self.session`` and then re-render from it, so
all the checking logic is in ``verify.checking.session`` and is tested without a browser.

Every widget carries a stable CSS class (``widget.add_class``) for browser tests and styling:

=========================  =====================================================================
class                      widget
=========================  =====================================================================
``verify-workbench``       the whole workbench (outer box; the CSS below is scoped to it)
``workbench-title``        HTML: the article's title and the worksheet's path
``progress``               Label: "12 of 31 checked"
``kind-filter``            Dropdown: claim kind (all, count, quantity, fact, quote...)
``block-filter``           Dropdown: block type (all, headline, body, caption)
``status-filter``          Dropdown: all, checked, unchecked, orphaned
``sort-toggle``            ToggleButtons: article order / most check-worthy first
``claim-list``             ClaimList (``verify.ui.claim_list``): a button per claim, two lines: mark,
                           kind and verdict, then the words (``claim-entry``, ``claim-current``)
``workbench-keys``         HTML: the legend of the keys (``verify.ui.keys``)
``claim-panel``            HTML: sentence (claim marked), reading, reasons, paragraph, saved verdict
``workbench-tabs``         Tab: "Verdict" (the controls below), "Evidence (n)" (sources, linked
                           and suggested passages: the classes of ``verify.ui.evidence_tab``) and
                           "Checked before (n · k same claim)" (``verify.ui.checked_before_tab``)
``verdict-select``         Dropdown: the worksheet's verdict labels
``rationale-box``          Textarea: why (continuous_update=False)
``sources-box``            Textarea: where it was checked (continuous_update=False)
``checker-name``           Text: who is checking (continuous_update=False)
``save-button``            Button: save verdict, rationale, checker and sources
``undo-button``            Button: undo the worksheet's last verdict change
``prev-button``            Button: previous claim in the list
``next-button``            Button: next claim in the list
``next-unchecked-button``  Button: next claim without a verdict
``saved-verdict``          HTML: the saved verdict, one line above the verdict controls
``save-status``            Label: "saved 14:03:05", or what went wrong, in words (then it
                           also has the class ``save-failed``), or "unsaved changes" (then
                           ``save-unsaved``)
=========================  =====================================================================

Keys, once the checker has clicked in the workbench (``verify.ui.keys``): j or ↓ next, k or ↑
previous, n next unchecked, 1-9 a verdict label in the menu's order, 0 not checked, s save.

In ipywidgets 8 the class lands on the outer div of a Dropdown, Select or Textarea
(``.verdict-select select``, ``.rationale-box textarea``) and on the ``<button>`` itself for a
Button (``button.save-button``).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from ..reading.articles import load_article
from ..records.model import Article
from . import evidence_tab as ui_evidence
from . import keys as ui_keys
from . import claim_list as ui_list
from ..checking.evidence_session import EvidenceSession
from ..checking.session import ALL, SORTS, STATUSES, Session
from .evidence_tab import EvidenceSection
from ..checking.reextraction import worksheet_path_for
from ..checking.worksheet import Worksheet
from ..records import workspace

CSS_CLASSES = (
    "verify-workbench", "workbench-title", "progress", "kind-filter", "block-filter",
    "status-filter", "sort-toggle", "claim-list", "claim-panel", "verdict-select",
    "rationale-box", "sources-box", "checker-name", "save-button", "undo-button", "prev-button",
    "next-button", "next-unchecked-button", "save-status", "workbench-tabs", "workbench-keys",
    "saved-verdict",
) + ui_evidence.CSS_CLASSES

# Scoped to .verify-workbench so it never restyles the rest of JupyterLab.
_CSS = """<style>
.verify-workbench { font-size: 13px; }
.verify-workbench .workbench-title { font-weight: 600; }
.verify-workbench .workbench-path { font-weight: normal; color: #777; }
.verify-workbench .claim-panel { border: 1px solid #ddd; border-radius: 4px; padding: 4px 10px;
  background: #fcfcfc; max-height: 360px; overflow-y: auto; }
.verify-workbench .claim-panel h4 { margin: 10px 0 2px; font-size: 12px; color: #555;
  text-transform: uppercase; letter-spacing: .03em; }
.verify-workbench .claim-panel p { margin: 2px 0; line-height: 1.45; }
.verify-workbench .claim-title { font-size: 15px; font-weight: 600; margin-top: 6px; }
.verify-workbench .claim-meta { color: #666; }
.verify-workbench mark.claim-span { background: #ffe58f; padding: 0 1px; }
.verify-workbench .claim-note { color: #666; font-style: italic; }
.verify-workbench .claim-orphaned { color: #a61d24; font-weight: 600; }
.verify-workbench .claim-missing { color: #888; font-style: italic; }
.verify-workbench .save-status { color: #2e6b30; }
/* Tab titles carry counts ("Checked before (5 · 1 same claim)"): as wide as their words */
.verify-workbench .workbench-tabs .lm-TabBar-tab { flex: 0 0 auto !important; max-width: none; }
.verify-workbench .saved-verdict .claim-saved { margin: 0 0 4px; }
.verify-workbench .saved-verdict .claim-unchecked { color: #777; }
/* A refusal says who changed the claim, to what and when: let it wrap, never squeeze the buttons */
.verify-workbench .save-status { white-space: normal; height: auto; line-height: 1.35;
  flex: 1 1 0; min-width: 0; }
.verify-workbench .save-button, .verify-workbench .undo-button { flex-shrink: 0; }
.verify-workbench .save-status.save-failed { color: #a61d24; font-weight: 600; }
.verify-workbench .save-status.save-unsaved { color: #8a4b00; font-weight: 600; }
""" + ui_list.CSS + ui_keys.CSS + ui_evidence.CSS + "</style>"


class Workbench:
    """The workbench widgets over one worksheet. Display it (last line of a cell) to use it."""

    def __init__(self, worksheet, *, checker: str = "", fetch_in_background: bool = True):
        self.worksheet = worksheet
        self.session = Session(worksheet, checker=checker)
        self.evidence = EvidenceSection(EvidenceSession(self.session),
                                        background=fetch_in_background,
                                        on_change=self._on_evidence_change)
        """The evidence tab (``verify.ui.evidence_tab.EvidenceSection``)."""
        self._rendering = False
        self._shown_base: str | None = None
        """The version of the verdict the controls showed when the current draft began: a
        save is refused if another checker changed the claim since."""
        self._build()
        self._connect()
        self.render()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = _styled(widgets.HTML(_title_html(self.worksheet)), "workbench-title")
        left = widgets.VBox(self._build_list(), layout=widgets.Layout(width="40%",
                                                                       padding="0 12px 0 0"))
        right = widgets.VBox(self._build_panel(), layout=widgets.Layout(width="60%"))
        self.widget = _styled(widgets.VBox(
            [widgets.HTML(_CSS), self.title, widgets.HBox([left, right])],
            layout=widgets.Layout(width="100%")), "verify-workbench")

    def _build_list(self) -> list[widgets.Widget]:
        """The left column: filters, sort order, the claim list, progress, moving buttons."""
        s = self.session
        self.progress = _styled(widgets.Label(), "progress")
        self.kind_filter = _styled(widgets.Dropdown(
            options=[("all kinds", ALL)] + [(k, k) for k in s.kinds()], value=ALL,
            layout=_width("33%")), "kind-filter")
        self.block_filter = _styled(widgets.Dropdown(
            options=[("all blocks", ALL)] + [(b, b) for b in s.blocks()], value=ALL,
            layout=_width("33%")), "block-filter")
        self.status_filter = _styled(widgets.Dropdown(
            options=[("any status", ALL)] + [(st, st) for st in STATUSES], value=ALL,
            layout=_width("33%")), "status-filter")
        self.sort_toggle = _styled(widgets.ToggleButtons(
            options=[("article order", SORTS[0]), ("check-worthy first", SORTS[1])],
            value=s.sort, tooltips=["as the article tells them", "figures and attributions first"],
            style={"button_width": "150px"}), "sort-toggle")
        self.claim_list = ui_list.ClaimList(layout=_width("100%"))
        self.keys_legend, self.key_script = ui_keys.keys_widget(self.worksheet.labels)
        self.prev_button = _styled(_button("Previous", "arrow-up"), "prev-button")
        self.next_button = _styled(_button("Next", "arrow-down"), "next-button")
        self.next_unchecked_button = _styled(
            _button("Next unchecked", "forward"), "next-unchecked-button")
        return [
            widgets.HBox([self.kind_filter, self.block_filter, self.status_filter]),
            self.sort_toggle, self.claim_list, self.progress,
            widgets.HBox([self.prev_button, self.next_button, self.next_unchecked_button]),
            self.keys_legend, self.key_script,
        ]

    def _build_panel(self) -> list[widgets.Widget]:
        """The right column: the claim panel, then a tab for the verdict controls and one for
        the evidence."""
        self.panel = _styled(widgets.HTML(), "claim-panel")
        self.verdict = _styled(widgets.Dropdown(
            options=list(self.worksheet.labels), description="verdict",
            layout=_width("50%")), "verdict-select")
        self.rationale = _styled(widgets.Textarea(
            description="rationale", placeholder="why: what the sources say, and where",
            continuous_update=False, layout=widgets.Layout(width="98%", height="64px")),
            "rationale-box")
        self.sources = _styled(widgets.Textarea(
            description="sources", placeholder="one URL or reference per line",
            continuous_update=False, layout=widgets.Layout(width="98%", height="46px")),
            "sources-box")
        self.checker = _styled(widgets.Text(
            value=self.session.checker, description="checker", placeholder="your name",
            continuous_update=False, layout=_width("48%")), "checker-name")
        self.save_button = _styled(_button("Save", "save", "primary"), "save-button")
        self.undo_button = _styled(_button("Undo last change", "undo"), "undo-button")
        self.save_status = _styled(widgets.Label(), "save-status")
        # the saved verdict again where the eye is when saving (the panel's top may be scrolled
        # out of view by then)
        self.saved_line = _styled(widgets.HTML(), "saved-verdict")
        verdict_tab = widgets.VBox([
            self.saved_line,
            widgets.HBox([self.verdict, self.checker]), self.rationale, self.sources,
            widgets.HBox([self.save_button, self.undo_button, self.save_status],
                         layout=widgets.Layout(align_items="center")),
        ])
        # "Checked before": past fact-checks of the claim shown, matched when it is shown, in a
        # tab of their own so the verdict controls stay in view; the tab's title says how many
        # and how many are likely the same claim, so a match is not missed
        from ..checking.factchecks_session import FactChecksSession
        from .checked_before_tab import CheckedBeforeSection
        self.checked_before = CheckedBeforeSection(FactChecksSession(self.session),
                                                   follow=self.panel, on_change=self.render)
        self.tabs = _styled(widgets.Tab(
            children=[verdict_tab, self.evidence.widget, self.checked_before.widget],
            titles=["Verdict", "Evidence", self.checked_before.tab_title]), "workbench-tabs")
        self.checked_before.title.observe(
            lambda _: self.tabs.set_title(2, self.checked_before.tab_title), names="value")
        return [self.panel, self.tabs]

    def _connect(self) -> None:
        for dropdown in (self.kind_filter, self.block_filter, self.status_filter, self.sort_toggle):
            dropdown.observe(self._on_filter, names="value")
        self.claim_list.observe(self._on_select, names="value")
        self.verdict.observe(lambda change: self._on_edit(label=change["new"]), names="value")
        self.rationale.observe(lambda change: self._on_edit(rationale=change["new"]), names="value")
        self.sources.observe(lambda change: self._on_edit(sources=change["new"]), names="value")
        self.checker.observe(self._on_checker, names="value")
        self.save_button.on_click(lambda _: self.save())
        self.undo_button.on_click(lambda _: self._after(self.session.undo()))
        self.prev_button.on_click(lambda _: self._move(self.session.previous))
        self.next_button.on_click(lambda _: self._move(self.session.next))
        self.next_unchecked_button.on_click(lambda _: self._next_unchecked())
        ui_keys.connect(self.key_script, self.verdict)   # 1-9, 0: a verdict label

    # --- event handlers: call the session, then re-render ----------------------------------------

    def save(self) -> str:
        """Save what the controls hold for the current claim (the Save button does this)."""
        status = self.session.save(self.verdict.value, rationale=self.rationale.value,
                                   checker=self.checker.value, sources=self.sources.value,
                                   base=self._shown_base)
        self._after(status)
        return status

    def _on_filter(self, _change) -> None:
        if self._rendering:
            return
        self.session.set_filters(kind=self.kind_filter.value, block=self.block_filter.value,
                                 status=self.status_filter.value, sort=self.sort_toggle.value)
        self.render()

    def _on_select(self, change) -> None:
        if self._rendering or change["new"] is None:
            return
        left = self.session.current_id
        self.session.select(change["new"])
        self.evidence.clear_status()
        self.render()
        self._say_where_drafts_are(left)

    def _on_edit(self, **changes) -> None:
        if self._rendering:
            return
        self.session.edit(**changes)
        if self.session.has_unsaved_changes():
            self._show_status("unsaved changes", unsaved=True)
        self._render_list()
        self.progress.value = self.session.progress_text()

    def _on_checker(self, change) -> None:
        if not self._rendering:
            self.session.checker = change["new"]

    def _move(self, step) -> None:
        left = self.session.current_id
        step()
        self.evidence.clear_status()
        self.render()
        self._say_where_drafts_are(left)

    def _next_unchecked(self) -> None:
        left = self.session.current_id
        if self.session.next_unchecked() is None:
            self._show_status("every claim in this list is checked")
        self.render()
        self._say_where_drafts_are(left)

    def _say_where_drafts_are(self, left: str | None) -> None:
        """Leaving a claim with unsaved changes never drops them: they stay with their claim,
        and the status says so (amber), as it does on coming back to them."""
        note = self.session.unsaved_note(left)
        if note:
            self._show_status(note, unsaved=True)
        elif "save-unsaved" in self.save_status._dom_classes:
            self._show_status("")   # the amber note was about another claim

    def _after(self, status: str) -> None:
        self.render()
        self._show_status(status, failed=not self.session.save_ok)

    def _show_status(self, text: str, *, failed: bool = False, unsaved: bool = False) -> None:
        self.save_status.value = text
        # Red when it failed, amber while edits are not saved, green once saved: a checker must
        # not take "not saved" or "unsaved" for "saved" at a glance.
        for css_class, on in (("save-failed", failed), ("save-unsaved", unsaved)):
            if on:
                self.save_status.add_class(css_class)
            else:
                self.save_status.remove_class(css_class)

    # --- rendering from the session --------------------------------------------------------------

    def render(self) -> None:
        """Show the session's state in every widget (without triggering the handlers)."""
        self._rendering = True
        try:
            self._render_list()
            self.panel.value = self.session.claim_html()
            self.saved_line.value = self.session.saved_html()
            self._render_controls()
            self.progress.value = self.session.progress_text()
            self.evidence.render()
            self._render_tab_title()
        finally:
            self._rendering = False

    def _render_tab_title(self) -> None:
        count = len(self.evidence.session.linked())
        title = f"Evidence ({count})" if count else "Evidence"
        if self.tabs.get_title(1) != title:
            self.tabs.set_title(1, title)

    def _on_evidence_change(self) -> None:
        """After a link or unlink: the tab's count changes."""
        self._render_tab_title()

    def _render_list(self) -> None:
        was_rendering, self._rendering = self._rendering, True
        try:
            entries = self.session.entries()
            self.claim_list.show(entries)
            # The current claim may have left the list (saved under the "unchecked" filter):
            # the panel still shows it, the list shows no selection.
            listed = self.session.current_id in {entry.claim_id for entry in entries}
            self.claim_list.value = self.session.current_id if listed else None
        finally:
            self._rendering = was_rendering

    def _render_controls(self) -> None:
        session = self.session
        draft = session.draft()
        if draft.label not in self.verdict.options:
            # A label the scale does not know (an old worksheet): show it rather than hide it.
            self.verdict.options = list(self.verdict.options) + [draft.label]
        self.verdict.value = draft.label
        self.rationale.value = draft.rationale
        self.sources.value = draft.sources
        self._shown_base = draft.base  # what the checker sees, and will edit, starts here
        self.checker.value = session.checker
        read_only = session.current is None or session.is_orphaned()
        for control in (self.verdict, self.rationale, self.sources, self.save_button):
            control.disabled = read_only

    # --- display ----------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def open_workbench(article=None, worksheet=None, *, checker: str = "", root=None,
                   sources=None) -> Workbench:
    """Open the workbench on ``article`` (default: the seed article) and its worksheet.

    ``article``: a path, URL, or a loaded ``Article``. ``worksheet``: the worksheet's path;
    by default ``claims/<article_id>.csv`` in the project (see ``default_worksheet_path``).
    An existing worksheet is resumed, its verdicts and evidence kept. ``sources``: the source
    registry's folder; by default ``sources/`` beside the worksheet's ``claims/`` folder
    (``verify.checking.worksheet.default_sources_folder``).
    """
    if not isinstance(article, Article):
        article = load_article(article)
    path = Path(worksheet) if worksheet else default_worksheet_path(article, root=root)
    return Workbench(Worksheet.open(path, article=article, sources=sources), checker=checker)


def default_worksheet_path(article, *, root=None) -> Path:
    """``<project>/claims/<article_id>.csv``.

    The project is ``root`` when given, else the user's workspace
    (``verify.records.workspace.workspace``: ``VERIFY_WORKSPACE``, else the nearest folder at or above
    the working directory that has a ``claims`` folder, else the checkout, else the working
    directory).
    """
    if root is None:
        root = _project_root(Path(os.getcwd()))
    return worksheet_path_for(Path(root) / "claims", article)


def _project_root(start: Path) -> Path:
    """The user's workspace (``verify.records.workspace.workspace``; ``start`` is the working folder
    it searches up from)."""
    return workspace.workspace()


def _title_html(worksheet) -> str:
    article = getattr(worksheet, "article", None)
    title = getattr(article, "title", "") or "(article not loaded)"
    return (f'{html.escape(title)} <span class="workbench-path">· worksheet '
            f'{html.escape(_short_path(worksheet.path))}</span>')


def _short_path(path) -> str:
    """The worksheet's path as a checker would type it: relative to the working folder or its
    parent (the project, when the notebook runs in notebooks/), else just the folder and name."""
    path = Path(path).resolve()
    for base in (Path.cwd(), Path.cwd().parent):
        try:
            return str(path.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(Path(path.parent.name) / path.name)


def _styled(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _button(description: str, icon: str, style: str = "") -> widgets.Button:
    return widgets.Button(description=description, icon=icon, button_style=style,
                          layout=widgets.Layout(width="auto"))


def _width(width: str) -> widgets.Layout:
    return widgets.Layout(width=width)
