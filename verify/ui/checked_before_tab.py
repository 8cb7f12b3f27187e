"""The workbench's "Checked before" part: ipywidgets over a ``FactChecksSession``
(verify.checking.factchecks_session), below the claim panel.

For the claim shown it lists the past fact-checks that may already check it, best first: the
rating linked to the fact-check, publisher, date, "same claim" or "related", the reasons; each
with a stance menu and a "Keep as evidence" button that keeps it as a source (kind
``fact-check``) and links it to the claim. Like ``verify.ui.workbench``, the widgets only call the
session and re-render from it. The matching is done when a claim is shown (``follow``: the
claim panel, whose HTML changes with the claim), never for every claim at start.

Stable CSS classes (``widget.add_class``), for browser tests and styling:

===========================  ===================================================================
class                        widget
===========================  ===================================================================
``checked-before``           the whole part (VBox)
``checked-before-title``     HTML: "Checked before (5: 1 likely the same claim)"
``factcheck-matches``        VBox: a row per match, or a sentence saying why there is none
``factcheck-match``          VBox: one match (its HTML, then the stance and the button)
``factcheck-stance``         Dropdown: context, supports, contradicts
``keep-factcheck-button``    Button: "Keep as evidence"
``factcheck-status``         Label: "kept as evidence (context): ...", or what failed (then it
                             also has the class ``factcheck-failed``)
===========================  ===================================================================

In a match's HTML: ``div.factcheck-same`` or ``div.factcheck-related`` around
``div.verify-factcheck`` (``verify.evidence.factchecks.show``), ``div.factcheck-kept`` once kept; a
broken archive shows ``p.factchecks-problem``.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from ..checking.factchecks_session import STANCES, FactChecksSession
from .evidence_tab import _flag, _replace_rows, _styled  # the same widget helpers

CSS_CLASSES = ("checked-before", "checked-before-title", "factcheck-matches", "factcheck-match",
               "factcheck-stance", "keep-factcheck-button", "factcheck-status")
"""Every class here is on a widget once the shown claim has a match."""

CSS = """<style>
.verify-workbench .checked-before h4 { margin: 8px 0 2px; font-size: 12px; color: #555;
  text-transform: uppercase; letter-spacing: .03em; }
/* below the claim panel and above the verdict: short, so the verdict stays in view */
.verify-workbench .factcheck-matches { max-height: 230px; overflow-y: auto; flex-wrap: nowrap; }
.verify-workbench .factcheck-match { border: 1px solid #e3e3e3; border-radius: 4px;
  padding: 2px 8px; margin: 2px 0; background: #fcfcfc; flex-shrink: 0; }
.verify-workbench .factcheck-same { border-left: 4px solid #2e6b30; padding-left: 6px; }
.verify-workbench .factcheck-related { border-left: 4px solid #bbb; padding-left: 6px; }
.verify-workbench .verify-factcheck { line-height: 1.4; }
.verify-workbench .verify-factcheck a { font-weight: 600; }
.verify-workbench .verify-factcheck blockquote { margin: 2px 0; padding: 0; font-style: italic; }
/* the reasons on one wrapped line, not one line each */
.verify-workbench .verify-factcheck ul { margin: 0; padding: 0; color: #666; font-size: 11.5px;
  list-style: none; }
.verify-workbench .verify-factcheck li { display: inline; }
.verify-workbench .verify-factcheck li + li::before { content: " · "; }
.verify-workbench .factcheck-same .verify-factcheck > blockquote + div small { color: #2e6b30; }
.verify-workbench .factcheck-kept { color: #2e6b30; font-weight: 600; }
.verify-workbench .factchecks-empty { color: #888; font-style: italic; margin: 2px 0; }
.verify-workbench .factchecks-problem { color: #a61d24; font-weight: 600; margin: 2px 0; }
.verify-workbench .factcheck-status { color: #2e6b30; white-space: normal; height: auto;
  line-height: 1.35; }
.verify-workbench .factcheck-status.factcheck-failed { color: #a61d24; font-weight: 600; }
</style>"""


class CheckedBeforeSection:
    """The "Checked before" widgets (``self.widget``) over ``checked`` (``self.session``).

    ``follow``: a widget whose ``value`` changes when another claim is shown (the claim
    panel); the part re-renders then. ``on_change`` is called after a match is kept (the
    workbench re-renders its evidence tab).
    """

    def __init__(self, checked: FactChecksSession, *, follow=None,
                 on_change: Callable[[], None] | None = None):
        self.session = checked
        """The plain-Python session the widgets call."""
        self.on_change = on_change
        self._matches: list = []   # the matches shown, in row order
        self._claim_id: str | None = None
        self._build()
        if follow is not None:
            follow.observe(lambda _: self.render(), names="value")

    def _build(self) -> None:
        self.tab_title = "Checked before"
        """The title of the workbench's tab: "Checked before (5 · 1 same claim)"."""
        self.title = _styled(widgets.HTML("<h4>Checked before</h4>"), "checked-before-title")
        self.matches_box = _styled(widgets.VBox(), "factcheck-matches")
        self.status = _styled(widgets.Label(), "factcheck-status")
        self.widget = _styled(widgets.VBox([widgets.HTML(CSS), self.title, self.matches_box,
                                            self.status], layout=widgets.Layout(width="100%")),
                              "checked-before")

    # --- handlers ----------------------------------------------------------------------------

    def keep(self, index: int, stance: str = "context") -> str:
        """Keep the ``index``-th match shown as evidence with ``stance`` (its button does this
        with the stance its menu shows); the status line says what happened."""
        if index >= len(self._matches):
            return ""
        status = self.session.keep(self._matches[index], stance)
        self.render()
        if self.on_change is not None:
            self.on_change()
        return status

    # --- rendering ---------------------------------------------------------------------------

    def render(self) -> None:
        """Show the current claim's matches (matched the first time the claim is shown)."""
        session = self.session
        claim = session.session.current
        claim_id = claim.claim_id if claim is not None else None
        if claim_id != self._claim_id:  # another claim: the last keep was about the one before
            session.forget_status()
            self._claim_id = claim_id
        self._matches = session.matches()
        links = session.linked() if self._matches else []
        kept = [session.kept_as(match, links) for match in self._matches]
        drawn = tuple((session.match_html(m, k), k) for m, k in zip(self._matches, kept))
        editable = session.can_keep()
        same = sum(match.same_claim for match in self._matches)
        count = (f" ({len(drawn)}: {same} likely the same claim)" if same
                 else f" ({len(drawn)})" if drawn else "")
        self.tab_title = ("Checked before" + (f" ({len(drawn)} · {same} same claim)" if same
                                              else f" ({len(drawn)})" if drawn else ""))
        self.title.value = f"<h4>Checked before{count}</h4>"
        empty = "" if drawn else session.empty_html()
        _replace_rows(self.matches_box, (claim_id, drawn, empty, editable), lambda: (
            [self._row(i, html, k, editable) for i, (html, k) in enumerate(drawn)]
            or [widgets.HTML(empty)]))
        self.status.value = session.status
        _flag(self.status, "factcheck-failed", not session.ok)

    def _row(self, index: int, html: str, kept_as: str, editable: bool) -> widgets.Widget:
        stance = _styled(widgets.Dropdown(options=list(STANCES), value=kept_as or STANCES[0],
                                          layout=widgets.Layout(width="130px")),
                         "factcheck-stance")
        stance.disabled = not editable
        keep = _styled(widgets.Button(description="Keep as evidence", icon="bookmark",
                                      layout=widgets.Layout(width="auto")),
                       "keep-factcheck-button")
        keep.disabled = not editable
        keep.tooltip = "keep this fact-check as a source, linked to the claim with the stance"
        keep.on_click(lambda _, i=index, menu=stance: self.keep(i, menu.value))
        return _styled(widgets.VBox([widgets.HTML(html), widgets.HBox([stance, keep])],
                                    layout=widgets.Layout(width="98%")), "factcheck-match")
