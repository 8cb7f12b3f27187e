"""The workbench's claim list: one button per claim, in two lines (mark, kind and verdict, then
the claim's words, wrapped and never cut), the whole text in its tooltip.

A native ``<select>`` shows one line per claim and cuts it at the list's edge: beside
JupyterLab's file browser at 1280 px that left about 20 characters, so a fact and a quote could
not be told apart. A button per claim wraps, carries its kind as a class (a coloured edge), and
keeps its place on the page: a save changes one button's words, never the others, so the list
does not jump.

``ClaimList`` keeps the ``options`` / ``value`` interface of ``ipywidgets.Select`` (options are
``(one-line label, claim_id)`` pairs; ``value`` is the current claim's id, or None), so code and
tests that pick a claim by setting ``value`` work unchanged.

CSS classes: ``claim-list`` (the box), ``claim-entry`` (each button), ``claim-current`` (the
current claim's button), ``kind-<kind>``, ``status-<status>`` and ``entry-unsaved``.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import traitlets

from ..checking.session import ListEntry

CSS = """
.verify-workbench .claim-list { max-height: 420px; overflow-y: auto; flex-wrap: nowrap;
  border: 1px solid #ddd; border-radius: 4px; padding: 2px; }
.verify-workbench .claim-list .claim-entry { flex-shrink: 0; height: auto; width: 100%;
  margin: 1px 0; padding: 3px 6px 3px 8px; white-space: pre-line; text-align: left;
  line-height: 1.35; font-size: 12.5px; background: #fff; border-left: 4px solid #ccc;
  overflow: visible; text-overflow: clip; }
.verify-workbench .claim-list .claim-entry::first-line { color: #555; font-weight: 600; }
.verify-workbench .claim-list .claim-entry.claim-current { background: #e3eefc;
  outline: 2px solid #1f6feb; outline-offset: -2px; }
.verify-workbench .claim-list .claim-entry.status-checked { background: #f3f8f1; }
.verify-workbench .claim-list .claim-entry.status-checked.claim-current { background: #dcebd8; }
.verify-workbench .claim-list .claim-entry.entry-unsaved { border-left-color: #d48806; }
.verify-workbench .claim-list .kind-fact { border-left-color: #1f6feb; }
.verify-workbench .claim-list .kind-quote { border-left-color: #8250df; }
.verify-workbench .claim-list .kind-count, .verify-workbench .claim-list .kind-quantity,
.verify-workbench .claim-list .kind-percentage, .verify-workbench .claim-list .kind-money
  { border-left-color: #2da44e; }
.verify-workbench .claim-list .kind-date, .verify-workbench .claim-list .kind-time
  { border-left-color: #bf8700; }
"""

_ENTRY_CLASSES = re.compile(r"^(kind-|status-|entry-unsaved$)")


class ClaimList(widgets.VBox):
    """The claim list. ``show(entries)`` puts the session's entries in it; ``value`` is the
    current claim (set it, or click a button, to pick one)."""

    value = traitlets.Unicode(None, allow_none=True)
    """The current claim's id (None: no claim listed is current)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._buttons: dict[str, widgets.Button] = {}
        self._entries: tuple[ListEntry, ...] = ()
        self._current: widgets.Button | None = None
        self.add_class("claim-list")

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """``(one-line label, claim_id)`` for every listed claim, in list order."""
        return tuple((entry.label, entry.claim_id) for entry in self._entries)

    @property
    def buttons(self) -> list[widgets.Button]:
        """The listed claims' buttons, in list order."""
        return list(self.children)

    def show(self, entries) -> None:
        """List ``entries`` (``verify.checking.session.ListEntry``). A claim keeps its button (and the
        page its place) while it is listed; only what changed is sent to the browser."""
        entries = tuple(entries)
        if entries == self._entries:
            return
        self._entries = entries
        buttons = [self._button(entry) for entry in entries]
        if buttons != list(self.children):
            self.children = buttons
        self._mark_current()

    @traitlets.observe("value")
    def _on_value(self, _change) -> None:
        self._mark_current()

    def _mark_current(self) -> None:
        button = self._buttons.get(self.value) if self.value else None
        if button is not None and button not in self.children:
            button = None
        if button is self._current:
            return
        if self._current is not None:
            self._current.remove_class("claim-current")
        if button is not None:
            button.add_class("claim-current")
        self._current = button

    def _button(self, entry: ListEntry) -> widgets.Button:
        button = self._buttons.get(entry.claim_id)
        if button is None:
            button = widgets.Button(layout=widgets.Layout(width="100%", height="auto"))
            button.add_class("claim-entry")
            button.on_click(lambda _, claim_id=entry.claim_id: self._pick(claim_id))
            self._buttons[entry.claim_id] = button
        description = f"{entry.heading}\n{entry.text}"
        if button.description != description:
            button.description = description
        if button.tooltip != entry.text:
            button.tooltip = entry.text      # the whole claim, on hover
        wanted = {f"kind-{_css_word(entry.kind)}", f"status-{entry.status}"}
        if entry.unsaved:
            wanted.add("entry-unsaved")
        have = {c for c in button._dom_classes if _ENTRY_CLASSES.match(c)}
        for css_class in have - wanted:
            button.remove_class(css_class)
        for css_class in wanted - have:
            button.add_class(css_class)
        return button

    def _pick(self, claim_id: str) -> None:
        self.value = claim_id


def _css_word(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", text.lower()) or "none"
