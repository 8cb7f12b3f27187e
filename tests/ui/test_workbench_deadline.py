"""The workbench on deadline, without a browser (issue 13): a claim list a checker can read
(two lines, the whole text, the kind), a list that keeps its place when a verdict is saved, the
saved verdict at the top of the panel, unsaved changes kept (and said to be kept) when leaving a
claim, and the keys' legend. The same points in a real JupyterLab: tests/ui/test_workbench_browser.py.
"""

from __future__ import annotations

import re

import pytest

from verify import SEED_ARTICLE, Workbench, Worksheet
from verify.ui import keys as ui_keys

CONTAINERS = "più di 10.000 container"
MISSILES = "almeno 10 missili"
QUOTE = "copre i settori politico, commerciale, degli investimenti, culturale e della difesa"


@pytest.fixture
def bench(tmp_path, monkeypatch) -> Workbench:
    monkeypatch.delenv("VERIFY_CHECKER", raising=False)
    return Workbench(Worksheet.open(tmp_path / "claims" / "seed.csv", article=SEED_ARTICLE),
                     checker="Ada")


def entry_of(bench: Workbench, text: str):
    """The claim list's button for the claim ``text`` (its tooltip is the whole text)."""
    found = [b for b in bench.claim_list.buttons if b.tooltip == text]
    assert len(found) == 1, [b.tooltip for b in bench.claim_list.buttons][:5]
    return found[0]


def click(bench: Workbench, text: str) -> None:
    entry_of(bench, text).click()


def test_each_claim_is_two_lines_kind_and_verdict_then_its_whole_text(bench):
    long_fact = max((c for c in bench.worksheet.claims if c.kind == "fact"),
                    key=lambda c: len(c.text))
    assert len(long_fact.text) > 200          # longer than any one line of the list
    entry = entry_of(bench, " ".join(long_fact.text.split()))
    heading, words = entry.description.split("\n")
    assert heading == "· fact · not checked"
    assert words == " ".join(long_fact.text.split())          # whole: wrapped, never cut
    assert "kind-fact" in entry._dom_classes
    quote = entry_of(bench, QUOTE)
    assert quote.description.split("\n")[0] == "· quote · not checked"
    assert "kind-quote" in quote._dom_classes


def test_a_click_on_an_entry_opens_its_claim_and_marks_it_current(bench):
    click(bench, CONTAINERS)
    assert bench.session.current.text == CONTAINERS
    assert "claim-current" in entry_of(bench, CONTAINERS)._dom_classes
    assert sum("claim-current" in b._dom_classes for b in bench.claim_list.buttons) == 1


def test_saving_changes_one_entry_and_leaves_the_list_in_place(bench):
    click(bench, MISSILES)
    buttons = bench.claim_list.buttons
    before = {id(b): (b.description, tuple(b._dom_classes)) for b in buttons}
    bench.verdict.value = "true"
    bench.save_button.click()
    assert bench.save_status.value.startswith("saved ")
    # the same buttons in the same order: the browser keeps the list where it was
    assert [id(b) for b in bench.claim_list.buttons] == [id(b) for b in buttons]
    changed = [b for b in buttons if (b.description, tuple(b._dom_classes)) != before[id(b)]]
    assert changed == [entry_of(bench, MISSILES)]
    assert changed[0].description.startswith("✓ count · true\n")
    assert "status-checked" in changed[0]._dom_classes


def test_the_saved_verdict_is_at_the_top_of_the_panel(bench):
    click(bench, CONTAINERS)
    assert "Saved verdict: none yet." in bench.panel.value
    bench.verdict.value = "mostly true"
    bench.save_button.click()
    panel = bench.panel.value
    saved = panel.index('class="claim-saved"')
    assert re.search(r"Saved verdict: <b>mostly true</b> by Ada on \d{4}-\d\d-\d\d \d\d:\d\d",
                     panel)
    assert saved < panel.index("<h4>Sentence</h4>")     # above the sentence, under the title
    assert panel.index('class="claim-title"') < saved
    # and once more just above the verdict controls, where the eye is when saving
    assert re.search(r"Saved verdict: <b>mostly true</b> by Ada on ", bench.saved_line.value)
    assert bench.tabs.children[0].children[0] is bench.saved_line
    click(bench, MISSILES)
    assert "none yet" in bench.saved_line.value


def test_leaving_a_claim_with_unsaved_changes_keeps_them_and_says_so(bench):
    click(bench, CONTAINERS)
    bench.verdict.value = "false"
    bench.rationale.value = "Seoul counts 6,700"
    click(bench, MISSILES)
    status = bench.save_status
    assert status.value == ("your unsaved changes to “più di 10.000 container” are kept "
                            "(marked 'unsaved' in the list): go back to it and Save")
    assert "save-unsaved" in status._dom_classes
    assert entry_of(bench, CONTAINERS).description.startswith(
        "· count · not checked → false, unsaved\n")
    assert "entry-unsaved" in entry_of(bench, CONTAINERS)._dom_classes
    assert bench.progress.value.endswith("· 1 unsaved")

    bench.next_button.click()          # moving on from a claim without a draft: no amber note
    assert status.value == "" and "save-unsaved" not in status._dom_classes
    click(bench, CONTAINERS)
    assert (bench.verdict.value, bench.rationale.value) == ("false", "Seoul counts 6,700")
    assert status.value == "unsaved changes, kept from before: Save to keep them"
    bench.save_button.click()
    assert bench.save_status.value.startswith("saved ")
    assert not bench.progress.value.endswith("unsaved")


def test_the_legend_has_a_key_for_every_verdict_label_and_every_move(bench):
    legend = bench.keys_legend.value
    for key, label in (("1", "true"), ("2", "mostly true"), ("3", "misleading"),
                       ("4", "false"), ("5", "unverifiable"), ("0", "not checked")):
        assert f"<kbd>{key}</kbd> {label}" in legend
    for keys, what in (("<kbd>j</kbd>/<kbd>↓</kbd>", "next"),
                       ("<kbd>k</kbd>/<kbd>↑</kbd>", "previous"),
                       ("<kbd>n</kbd>", "next unchecked"), ("<kbd>s</kbd>", "save")):
        assert f"{keys} {what}" in legend
    # the script presses the workbench's own buttons: each one it names exists
    script = ui_keys.key_script()
    for key in ui_keys.KEYS:
        assert f'"{key.button}"' in script
        assert key.button in {c for w in (bench.next_button, bench.prev_button,
                                          bench.next_unchecked_button, bench.save_button)
                              for c in w._dom_classes}


def test_a_scale_of_its_own_gets_keys_in_its_order():
    assert ui_keys.verdict_keys(["SUPPORTED", "REFUTED", "NOT ENOUGH INFO"]) == [
        ("1", "SUPPORTED"), ("2", "REFUTED"), ("3", "NOT ENOUGH INFO")]


def test_a_verdict_key_puts_its_label_in_the_menu_as_a_draft(bench):
    click(bench, CONTAINERS)
    buttons = {c: b for b in bench.key_script.children for c in b._dom_classes
               if c.startswith("verdict-key-")}
    buttons["verdict-key-2"].click()            # what the key 2 presses in the page
    assert bench.verdict.value == "mostly true"
    assert bench.session.draft().label == "mostly true"
    assert bench.save_status.value == "unsaved changes"
    bench.save_button.click()                   # the key s
    assert bench.worksheet.verdict(bench.session.current_id).label == "mostly true"
    buttons["verdict-key-0"].click()
    assert bench.verdict.value == "not checked"
