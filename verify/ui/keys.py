"""The workbench's keys: next and previous claim, next unchecked, one key per verdict label, save.

Keys work once the checker has clicked in the workbench (its claim list, a button, the panel),
and stop when they click elsewhere (a notebook cell): while they type in a text box, or hold
Ctrl, Alt or Cmd, a key is never taken. JupyterLab's own command-mode keys (j, k, a, b, x, c, v,
1-7...) would act on the notebook's cells; the workbench takes every plain key first (a listener
on ``window`` in the capture phase, which runs before JupyterLab's on ``document``) so they
never reach it.

A key only does what a click does: it presses the workbench's own button (``next-button``,
``prev-button``, ``next-unchecked-button``, ``save-button``), or, for a verdict, a hidden button
per label (``verdict-key-<key>``) that puts the label in the verdict menu from Python. A button
press, not a change of the menu in the page: ipywidgets holds back a widget's changes while the
kernel is busy but sends presses at once, so "4 then s" could save before the 4 arrived; presses
reach the kernel in the order of the keys. So every rule stays in Python (``verify.checking.session``);
the script below is the only JavaScript, the same for every workbench (installed once per page).

The script reaches the page as a Javascript output inside an ``Output`` widget: JupyterLab and
Voilà run it (the kernel's own outputs are trusted); where no script runs, the workbench works
by mouse and the legend still lists the keys.
"""

from __future__ import annotations

import html
import json
from typing import NamedTuple, Sequence

import ipywidgets as widgets
from IPython.display import Javascript

from ..records.model import NOT_CHECKED as _NOT_CHECKED


class Key(NamedTuple):
    """A key (or two) and the workbench button it presses."""

    keys: tuple[str, ...]
    """``KeyboardEvent.key`` values."""
    button: str
    """The CSS class of the button it presses."""
    what: str
    """What it does, for the legend."""


KEYS = (
    Key(("j", "ArrowDown"), "next-button", "next"),
    Key(("k", "ArrowUp"), "prev-button", "previous"),
    Key(("n",), "next-unchecked-button", "next unchecked"),
    Key(("s",), "save-button", "save"),
)

NOT_CHECKED_KEY = "0"
"""The key for "not checked" (taking a verdict back); 1-9 are the other labels in order."""

_SHOWN = {"ArrowDown": "↓", "ArrowUp": "↑"}

CSS = """
.verify-workbench .workbench-keys { color: #666; font-size: 11.5px; height: auto; }
.verify-workbench .workbench-keys .widget-html-content { line-height: 1.6; }
.verify-workbench .workbench-keys kbd { font: 11px monospace; border: 1px solid #ccc;
  border-bottom-width: 2px; border-radius: 3px; padding: 0 3px; background: #f7f7f7; }
.verify-workbench.keys-on .workbench-keys { color: #1f4e8c; }
.verify-workbench .workbench-keys .keys-state::before { content: "click the list to use them"; }
.verify-workbench.keys-on .workbench-keys .keys-state::before { content: "on"; font-weight: 600; }
"""


def verdict_keys(labels: Sequence[str]) -> list[tuple[str, str]]:
    """``(key, label)`` for a verdict scale: 1-9 for the labels in order, 0 for "not checked"."""
    others = [label for label in labels if label != _NOT_CHECKED][:9]
    pairs = [(str(n), label) for n, label in enumerate(others, start=1)]
    if _NOT_CHECKED in labels:
        pairs.append((NOT_CHECKED_KEY, _NOT_CHECKED))
    return pairs


def legend_html(labels: Sequence[str]) -> str:
    """The small legend under the claim list."""
    def kbd(*keys: str) -> str:
        return "/".join(f"<kbd>{html.escape(_SHOWN.get(k, k))}</kbd>" for k in keys)

    moves = " · ".join(f"{kbd(*key.keys)} {html.escape(key.what)}" for key in KEYS)
    verdicts = " · ".join(f"{kbd(key)} {html.escape(label)}" for key, label in
                          verdict_keys(labels))
    return (f'<div>Keys (<span class="keys-state"></span>): {moves}</div>'
            f'<div>Verdict: {verdicts}</div>')


def key_script() -> str:
    """The page script (see the module docstring)."""
    buttons = {k: key.button for key in KEYS for k in key.keys}
    return _SCRIPT.replace("__BUTTONS__", json.dumps(buttons)).replace(
        "__NOT_CHECKED__", json.dumps([NOT_CHECKED_KEY, _NOT_CHECKED]))


def keys_widget(labels: Sequence[str]) -> tuple[widgets.HTML, widgets.Box]:
    """(the legend, a hidden box: an Output holding the script and a button per verdict key)
    to put in the workbench; ``connect`` the box to the verdict menu."""
    legend = widgets.HTML(legend_html(labels))
    legend.add_class("workbench-keys")
    script = widgets.Output()
    script.append_display_data(Javascript(key_script()))
    buttons = []
    for key, label in verdict_keys(labels):
        button = widgets.Button(description=label, tooltip=f"key {key}")
        button.add_class(f"verdict-key-{key}")
        button.verdict_label = label
        buttons.append(button)
    hidden = widgets.Box([script, *buttons], layout=widgets.Layout(display="none"))
    hidden.add_class("workbench-key-script")
    return legend, hidden


def connect(hidden: widgets.Box, verdict_menu: widgets.Dropdown) -> None:
    """A verdict key's button puts its label in ``verdict_menu`` (as choosing it would)."""
    for button in hidden.children:
        label = getattr(button, "verdict_label", None)
        if label is not None:
            button.on_click(lambda _, label=label: _choose(verdict_menu, label))


def _choose(menu: widgets.Dropdown, label: str) -> None:
    if not menu.disabled and label in menu.options:
        menu.value = label


# Plain ES5 in one function: it runs in JupyterLab's and Voilà's pages, once per page.
_SCRIPT = r"""
(function () {
  if (window.__verifyWorkbenchKeys) { return; }
  window.__verifyWorkbenchKeys = true;
  var BUTTONS = __BUTTONS__;
  var NOT_CHECKED = __NOT_CHECKED__;
  var active = null;   // the workbench the checker last clicked in

  function workbenchOf(node) {
    return node && node.closest ? node.closest('.verify-workbench') : null;
  }
  function setActive(bench) {
    if (active && active !== bench) { active.classList.remove('keys-on'); }
    active = bench;
    if (bench) { bench.classList.add('keys-on'); }
  }
  function typing(node) {
    if (!node || !node.tagName) { return false; }
    if (node.isContentEditable || node.tagName === 'TEXTAREA') { return true; }
    return node.tagName === 'INPUT' && ['button', 'checkbox', 'radio', 'submit']
      .indexOf((node.type || '').toLowerCase()) < 0;
  }
  function press(bench, cls) {
    var button = bench.querySelector('button.' + cls);
    if (button && !button.disabled) { button.click(); }
  }
  function pickVerdict(bench, key) {
    var button = bench.querySelector('button.verdict-key-' + key);
    if (button) { button.click(); return; }
    var select = bench.querySelector('.verdict-select select');
    if (!select || select.disabled) { return; }
    var labels = [];
    // ipywidgets writes the spaces of a label as no-break spaces: compare words
    for (var i = 0; i < select.options.length; i++) {
      labels.push(select.options[i].text.replace(/\s+/g, ' ').trim());
    }
    var label = null;
    if (key === NOT_CHECKED[0]) {
      label = NOT_CHECKED[1];
    } else {
      var others = labels.filter(function (l) { return l !== NOT_CHECKED[1]; });
      label = others[parseInt(key, 10) - 1];
    }
    var index = labels.indexOf(label);
    if (index < 0) { return; }
    select.selectedIndex = index;
    select.dispatchEvent(new Event('change', {bubbles: true}));
  }
  function scrollCurrentIntoList(bench) {
    var list = bench.querySelector('.claim-list');
    var current = list && list.querySelector('.claim-current');
    if (!current) { return; }
    // Focus follows the current claim, so Enter or Space presses the claim on show.
    var focused = document.activeElement;
    if (focused && focused !== current && list.contains(focused)) {
      current.focus({preventScroll: true});
    }
    var top = current.offsetTop - list.offsetTop, bottom = top + current.offsetHeight;
    if (top < list.scrollTop) { list.scrollTop = top; }
    else if (bottom > list.scrollTop + list.clientHeight) {
      list.scrollTop = bottom - list.clientHeight;
    }
  }

  document.addEventListener('pointerdown', function (event) {
    setActive(workbenchOf(event.target));
  }, true);
  // The current claim moved (a key, Next, a filter): keep it in view inside the list only, so
  // the page itself never scrolls.
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var node = records[i].target;
      if (node.classList && node.classList.contains('claim-current')) {
        var bench = workbenchOf(node);
        if (bench) { scrollCurrentIntoList(bench); }
      }
    }
  }).observe(document.body, {attributes: true, attributeFilter: ['class'], subtree: true});

  window.addEventListener('keydown', function (event) {
    if (!active || !active.isConnected) { return; }
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || typing(target)) { return; }
    // Focus may sit on the notebook after a click in its output: the last click decides.
    var other = workbenchOf(target);
    if (other && other !== active) { return; }
    var key = event.key;
    // In the verdict menu the arrows keep choosing a label, as in any menu.
    var menu = target.tagName === 'SELECT';
    var digit = /^[0-9]$/.test(key);
    if (BUTTONS[key] && !(menu && key.indexOf('Arrow') === 0)) {
      press(active, BUTTONS[key]);
    } else if (digit) {
      pickVerdict(active, key);
    } else if (key.length !== 1 && key !== 'Enter' && key !== 'Escape') {
      return;    // Tab, Shift, F-keys...: the browser's
    }
    // Taken: JupyterLab never sees it, so the notebook's cells stay as they are.
    event.stopPropagation();
    if (BUTTONS[key] || digit) { event.preventDefault(); }
  }, true);
})();
"""
