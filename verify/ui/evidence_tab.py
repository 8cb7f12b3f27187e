"""The workbench's evidence tab: ipywidgets over an ``EvidenceSession`` (verify.checking.evidence_session).

Add a source by its address (fetched in a background thread, the status saying so) or by
pasting its text; see the current claim's linked passages (each with an Unlink button) and the
passages suggested for it, the figure marked and the agreement shown, each with one button per
stance. Like ``verify.ui.workbench``, the widgets only call the session and re-render from it.

Stable CSS classes (``widget.add_class``), for browser tests and styling:

===============================  =================================================================
class                            widget
===============================  =================================================================
``evidence-section``             VBox: the whole evidence tab
``source-url``                   Text: a source's address (continuous_update=False); also the
                                 address of pasted text when it holds one
``add-source-button``            Button: fetch the address and add the source
``paste-source-title``           Text: the pasted source's title (continuous_update=False)
``paste-source-text``            Textarea: the pasted passage (continuous_update=False)
``paste-source-button``          Button: add the pasted text as a source
``source-status``                Label: "fetching <url>…", then "added: <title>", "already there:
                                 <title> (added on <date>)" or what failed
                                 (then it also has the class ``source-failed``)
``linked-evidence``              VBox: the current claim's linked passages, one row each
``evidence-link``                HBox: one linked passage (HTML) and its Unlink button
``unlink-evidence-button``       Button: remove that link
``evidence-suggestions``         VBox: the passages suggested for the current claim
``evidence-suggestion``          VBox: one suggested passage (HTML) and its three buttons
``link-supports-button``         Button: link the passage as supporting the claim
``link-contradicts-button``      Button: link it as contradicting the claim
``link-context-button``          Button: link it as context
``evidence-status``              Label: "linked as supports: <title>", or what went wrong
                                 (then it also has the class ``evidence-failed``)
===============================  =================================================================

The suggestions' HTML marks the deciding figure with ``mark.evidence-figure`` and the agreement
with ``span.agreement.agreement-agrees`` (``-disagrees``, ``-not_stated``).
"""

from __future__ import annotations

import threading
from typing import Callable

import ipywidgets as widgets

from ..checking.evidence_session import EvidenceSession

CSS_CLASSES = (
    "evidence-section", "source-url", "add-source-button", "paste-source-title",
    "paste-source-text", "paste-source-button", "source-status", "linked-evidence",
    "evidence-link", "unlink-evidence-button", "evidence-suggestions", "evidence-suggestion",
    "link-supports-button", "link-contradicts-button", "link-context-button", "evidence-status",
)
"""Every class here is on a widget once a claim has a suggestion and a link."""

CSS = """
.verify-workbench .evidence-section h4 { margin: 8px 0 2px; font-size: 12px; color: #555;
  text-transform: uppercase; letter-spacing: .03em; }
.verify-workbench .evidence-suggestion, .verify-workbench .evidence-link {
  border: 1px solid #e3e3e3; border-radius: 4px; padding: 2px 8px; margin: 2px 0;
  background: #fcfcfc; }
.verify-workbench .evidence-suggestions { max-height: 360px; overflow-y: auto;
  flex-wrap: nowrap; }
.verify-workbench .evidence-suggestion, .verify-workbench .evidence-link { flex-shrink: 0; }
.verify-workbench .evidence-head { color: #555; line-height: 1.5; }
.verify-workbench .evidence-passage { line-height: 1.45; margin: 2px 0; }
.verify-workbench .evidence-reasons, .verify-workbench .evidence-note { color: #777;
  font-size: 11.5px; line-height: 1.35; }
.verify-workbench mark.evidence-figure { background: #ffe58f; padding: 0 1px; }
.verify-workbench .agreement { border-radius: 3px; padding: 0 5px; font-weight: 600; }
.verify-workbench .agreement-agrees { background: #e3f4e1; color: #2e6b30; }
.verify-workbench .agreement-disagrees { background: #fde2e1; color: #a61d24; }
.verify-workbench .agreement-not_stated { background: #eee; color: #555; }
.verify-workbench .stance { font-weight: 600; }
.verify-workbench .stance-supports { color: #2e6b30; }
.verify-workbench .stance-contradicts { color: #a61d24; }
.verify-workbench .stance-context { color: #555; }
.verify-workbench .evidence-empty { color: #888; font-style: italic; margin: 2px 0; }
.verify-workbench .evidence-problem { color: #a61d24; font-weight: 600; }
.verify-workbench .source-status, .verify-workbench .evidence-status { color: #2e6b30; }
/* a status names a source and what happened to it: let it wrap rather than cut it off */
.verify-workbench .source-status, .verify-workbench .evidence-status { white-space: normal;
  height: auto; line-height: 1.35; }
.verify-workbench .source-status.source-failed,
.verify-workbench .evidence-status.evidence-failed { color: #a61d24; font-weight: 600; }
"""

_STANCE_BUTTONS = (("supports", "Supports", "check", "success"),
                   ("contradicts", "Contradicts", "times", "danger"),
                   ("context", "Context", "info", ""))


class EvidenceSection:
    """The evidence tab's widgets (``self.widget``) over ``evidence`` (``self.session``).

    ``background``: fetch an address in a thread, so the notebook stays usable while a slow
    server answers (the status says "fetching…"); ``wait()`` joins it. False fetches in the
    click handler (still bounded by the registry's deadline). ``on_change`` is called after a
    link or unlink (the workbench re-renders its list and panel).
    """

    def __init__(self, evidence: EvidenceSession, *, background: bool = True,
                 on_change: Callable[[], None] | None = None):
        self.session = evidence
        """The plain-Python evidence session the widgets call."""
        self.background = background
        self.on_change = on_change
        self.fetch_thread: threading.Thread | None = None
        self._lock = threading.RLock()   # render() runs in the fetch thread too
        self._passages: list = []        # the suggestions shown, in row order
        self._build()

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.url = _styled(widgets.Text(
            placeholder="https://… the source's address (also the address of pasted text)",
            continuous_update=False, layout=widgets.Layout(width="70%")), "source-url")
        self.add_source_button = _styled(_button("Fetch and add", "cloud-download"),
                                         "add-source-button")
        self.paste_title = _styled(widgets.Text(
            placeholder="title of the pasted source", continuous_update=False,
            layout=widgets.Layout(width="70%")), "paste-source-title")
        self.paste_text = _styled(widgets.Textarea(
            placeholder="or paste the passage the source gives", continuous_update=False,
            layout=widgets.Layout(width="98%", height="52px")), "paste-source-text")
        self.paste_button = _styled(_button("Add pasted text", "paste"), "paste-source-button")
        self.source_status = _styled(widgets.Label(), "source-status")
        self.linked_box = _styled(widgets.VBox(), "linked-evidence")
        self.suggestions_box = _styled(widgets.VBox(), "evidence-suggestions")
        self.evidence_status = _styled(widgets.Label(), "evidence-status")
        self.linked_title = widgets.HTML("<h4>Linked evidence</h4>")
        self.widget = _styled(widgets.VBox([
            self.linked_title, self.linked_box,
            widgets.HTML("<h4>Suggested passages</h4>"), self.suggestions_box,
            self.evidence_status,
            widgets.HTML("<h4>Add a source</h4>"),
            widgets.HBox([self.url, self.add_source_button]),
            widgets.HBox([self.paste_title, self.paste_button]),
            self.paste_text, self.source_status,
        ], layout=widgets.Layout(width="100%")), "evidence-section")
        self.add_source_button.on_click(lambda _: self.add_url())
        self.paste_button.on_click(lambda _: self.add_pasted())

    # --- handlers ----------------------------------------------------------------------------

    def add_url(self) -> None:
        """Fetch the address in ``url`` and add it (the "Fetch and add" button)."""
        url = self.url.value.strip()
        if not url:
            self._show_source_status("not added: type or paste the source's address first",
                                     failed=True)
            return
        self.add_source_button.disabled = True
        self._show_source_status(f"fetching {url}…")
        if self.background:
            self.fetch_thread = threading.Thread(target=self._fetch, args=(url,),
                                                 name=f"add source {url}", daemon=True)
            self.fetch_thread.start()
        else:
            self._fetch(url)

    def wait(self, timeout: float | None = None) -> None:
        """Until the background fetch (if any) is done."""
        if self.fetch_thread is not None:
            self.fetch_thread.join(timeout)

    def add_pasted(self) -> None:
        """Add the pasted text as a source (the "Add pasted text" button)."""
        status = self.session.add_source(url=self.url.value, text=self.paste_text.value,
                                          title=self.paste_title.value)
        if self.session.source_ok:
            self.paste_text.value = self.paste_title.value = self.url.value = ""
        self.render()
        self._show_source_status(status, failed=not self.session.source_ok)

    def link(self, index: int, stance: str) -> None:
        """Link the ``index``-th suggestion shown with ``stance`` (its buttons do this)."""
        if index >= len(self._passages):
            return
        self.session.link(self._passages[index], stance)
        self._changed()

    def unlink(self, link_id: str) -> None:
        self.session.unlink(link_id)
        self._changed()

    def _fetch(self, url: str) -> None:
        try:
            status = self.session.add_source(url=url)
            if self.session.source_ok:
                self.url.value = ""
            self.render()
            self._show_source_status(status, failed=not self.session.source_ok)
        except Exception as err:  # noqa: BLE001 - in a thread nobody would see it: say it
            self._show_source_status(f"not added: unexpected {type(err).__name__}: {err}",
                                     failed=True)
        finally:
            self.add_source_button.disabled = False

    def _changed(self) -> None:
        self.render()
        status, ok = self.session.status, self.session.ok
        self.evidence_status.value = status
        _flag(self.evidence_status, "evidence-failed", not ok)
        if self.on_change is not None:
            self.on_change()

    def _show_source_status(self, text: str, *, failed: bool = False) -> None:
        self.source_status.value = text
        _flag(self.source_status, "source-failed", failed)

    # --- rendering ---------------------------------------------------------------------------

    def render(self) -> None:
        """Show the current claim's links and suggestions."""
        with self._lock:
            evidence = self.session
            links = evidence.linked()
            self.linked_title.value = f"<h4>Linked evidence ({len(links)})</h4>"
            editable = evidence.can_link()
            shown = [(link, evidence.link_html(link)) for link in links]
            empty = "" if shown else evidence.empty_html("linked")
            _replace_rows(self.linked_box, (editable, tuple(shown), empty), lambda: (
                [self._link_row(link, html, editable) for link, html in shown]
                or [widgets.HTML(empty)]))
            self._passages = evidence.suggestions()
            suggested = [(passage, evidence.link_of(passage, links)) for passage in self._passages]
            drawn = tuple((evidence.suggestion_html(p, link), link and link.stance)
                          for p, link in suggested)
            empty = "" if drawn else evidence.empty_html("suggestions")
            _replace_rows(self.suggestions_box, (drawn, empty), lambda: (
                [self._suggestion_row(i, html, stance) for i, (html, stance) in enumerate(drawn)]
                or [widgets.HTML(empty)]))

    def clear_status(self) -> None:
        """Forget the last link's status (a new claim was selected)."""
        self.evidence_status.value = ""
        _flag(self.evidence_status, "evidence-failed", False)

    def _link_row(self, link, html: str, editable: bool) -> widgets.Widget:
        unlink = _styled(_button("Unlink", "unlink"), "unlink-evidence-button")
        unlink.disabled = link.orphaned or not editable
        unlink.on_click(lambda _, link_id=link.link_id: self.unlink(link_id))
        text = widgets.HTML(html, layout=widgets.Layout(width="85%"))
        return _styled(widgets.HBox([text, unlink], layout=widgets.Layout(
            align_items="center", width="98%")), "evidence-link")

    def _suggestion_row(self, index: int, html: str, linked_as: str | None) -> widgets.Widget:
        buttons = []
        for stance, label, icon, style in _STANCE_BUTTONS:
            button = _styled(_button(label, icon, style), f"link-{stance}-button")
            button.disabled = linked_as == stance
            button.tooltip = f"link this passage as {stance} the claim"
            button.on_click(lambda _, s=stance, i=index: self.link(i, s))
            buttons.append(button)
        return _styled(widgets.VBox([widgets.HTML(html), widgets.HBox(buttons)],
                                    layout=widgets.Layout(width="98%")), "evidence-suggestion")


def _replace_rows(box: widgets.Box, key, build: Callable[[], list]) -> None:
    """Put ``build()``'s rows in ``box`` unless it already shows ``key``; the rows replaced
    are closed (each widget is a model in the kernel and the page until closed)."""
    if getattr(box, "_verify_key", None) == key:
        return
    old = box.children
    box.children = build()
    box._verify_key = key
    for row in old:
        _close_tree(row)


def _close_tree(widget) -> None:
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def _styled(widget, css_class: str):
    widget.add_class(css_class)
    return widget


def _flag(widget, css_class: str, on: bool) -> None:
    if on:
        widget.add_class(css_class)
    else:
        widget.remove_class(css_class)


def _button(description: str, icon: str, style: str = "") -> widgets.Button:
    return widgets.Button(description=description, icon=icon, button_style=style,
                          layout=widgets.Layout(width="auto"))
