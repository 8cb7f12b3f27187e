"""The workbench driven without a browser: set widget values, click buttons, read the worksheet CSV.

The widgets' handlers run synchronously, so a ``button.click()`` has saved (or failed) by the
time it returns. The worksheet is read back with the ``csv`` module, as an editor's tool would.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import threading
from pathlib import Path

import ipywidgets as widgets
import pytest

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
import verify
from verify import SEED_ARTICLE, Workbench, Worksheet, load_article, open_workbench
from verify.records import store
from verify.ui import workbench as ui, evidence_tab as ui_evidence
from verify.errors import WorksheetError
from verify.checking.session import Session, highlight

ROOT = Path(__file__).resolve().parents[2]
CONTAINERS = "più di 10.000 container"
PASTED = ("The State Department said North Korea has sent more than 10,000 containers of "
          "munitions to Russia since September 2023.")
SAVED = re.compile(r"^saved \d\d:\d\d:\d\d$")

HOSTILE = """Il ministro <b>Rossi</b> visita Roma <script>alert(1)</script>

Secondo il ministero, <script>alert(1)</script> più di 500 <b>soldati</b> sono arrivati a Roma il 3 marzo.

Il governo ha speso 20 milioni di euro & altri fondi per la difesa, ha detto il ministro Rossi.
"""

ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;soldati&lt;/b&gt;",
           "&lt;img src=x onerror=alert(2)&gt;", "&lt;i&gt;Eve&lt;/i&gt;")


# --- helpers -------------------------------------------------------------------------------------

@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "claims" / "seed.csv"


@pytest.fixture
def bench(path) -> Workbench:
    return Workbench(Worksheet.open(path, article=SEED_ARTICLE))


@pytest.fixture
def seeded(tmp_path, path) -> Workbench:
    """The workbench over a temporary copy of the project's seed registry (sources/ beside
    claims/): never the repository's own."""
    shutil.copytree(DEMO_SOURCES, tmp_path / "sources")
    return Workbench(Worksheet.open(path, article=SEED_ARTICLE), checker="Ada")


def rows_on_disk(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return {row["claim_id"]: row for row in csv.DictReader(f)}


def pick(bench: Workbench, text: str) -> str:
    """Click the claim list's line of the claim ``text``, as a checker would; return its id.

    A line is "<mark> <kind> · <verdict> · <text>"; a fact's line may quote the figure too.
    """
    claim_id = next(value for label, value in bench.claim_list.options
                    if label.endswith(f" · {text}"))
    bench.claim_list.value = claim_id
    return claim_id


def listed_claims(bench: Workbench):
    return [bench.worksheet.claim(value) for _, value in bench.claim_list.options]


def set_verdict(bench: Workbench, label: str, rationale: str = "", checker: str = "Ada") -> str:
    bench.verdict.value = label
    bench.rationale.value = rationale
    bench.checker.value = checker
    bench.save_button.click()
    return bench.save_status.value


def html_values(root: widgets.Widget) -> list[str]:
    """The value of every HTML widget under ``root``: what the browser renders as markup."""
    found, todo = [], [root]
    while todo:
        w = todo.pop()
        if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
            found.append(w.value)
        todo.extend(getattr(w, "children", ()))
    return found


# --- setting a verdict ----------------------------------------------------------------------------

def test_save_writes_verdict_rationale_checker_and_sources_to_disk(bench, path):
    claim_id = pick(bench, CONTAINERS)
    assert bench.worksheet.claim(claim_id).text == CONTAINERS
    assert f'<mark class="claim-span">{CONTAINERS}</mark>' in bench.panel.value

    bench.verdict.value = "mostly true"
    bench.rationale.value = 'UN panel, p. 12: "over 10,000 containers", by Feb 2024'
    bench.checker.value = "Ada"
    bench.sources.value = "https://example.org/un-panel-report\nTASS, 2024-02-27"
    assert bench.save_status.value == "unsaved changes"
    # unsaved work looks like unsaved work: not the green of "saved"
    assert "save-unsaved" in bench.save_status._dom_classes
    bench.save_button.click()

    assert SAVED.match(bench.save_status.value), bench.save_status.value
    assert "save-unsaved" not in bench.save_status._dom_classes
    row = rows_on_disk(path)[claim_id]
    assert row["text"] == CONTAINERS
    assert row["verdict"] == "mostly true"
    assert row["rationale"] == 'UN panel, p. 12: "over 10,000 containers", by Feb 2024'
    assert row["checker"] == "Ada"
    assert row["sources"] == "https://example.org/un-panel-report\nTASS, 2024-02-27"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["checked_at"])
    # The list line and the panel show the saved verdict.
    assert (f"✓ count · mostly true · {CONTAINERS}", claim_id) in bench.claim_list.options
    assert "<b>mostly true</b> by Ada" in bench.panel.value


def test_list_lines_show_text_kind_and_verdict(bench):
    labels = [label for label, _ in bench.claim_list.options]
    assert f"· count · not checked · {CONTAINERS}" in labels


def test_panel_shows_reading_reasons_and_paragraph(bench):
    pick(bench, CONTAINERS)
    panel = bench.panel.value
    for part in ("value <b>10000</b>", "unit <b>container</b>", "qualifier <b>more_than</b>",
                 "hedged figure",
                 '<p class="claim-paragraph">', "almeno 10 missili"):
        assert part in panel, part


def test_progress_text_counts_saved_verdicts(bench):
    total = len(bench.worksheet.claims)
    assert bench.progress.value == f"0 of {total} checked"
    pick(bench, CONTAINERS)
    set_verdict(bench, "true")
    assert bench.progress.value == f"1 of {total} checked"
    set_verdict(bench, "not checked")
    assert bench.progress.value == f"0 of {total} checked"


def test_a_new_workbench_resumes_every_saved_verdict(bench, path):
    claim_id = pick(bench, CONTAINERS)
    set_verdict(bench, "false", "contradicted by the report")
    again = Workbench(Worksheet.open(path, article=SEED_ARTICLE))
    pick(again, CONTAINERS)
    assert again.claim_list.value == claim_id
    assert (again.verdict.value, again.rationale.value) == ("false", "contradicted by the report")
    assert again.progress.value.startswith("1 of ")


def test_unsaved_edits_survive_moving_to_another_claim_and_back(bench, path):
    claim_id = pick(bench, CONTAINERS)
    bench.rationale.value = "half typed"
    assert any(value == claim_id and "unsaved" in label
               for label, value in bench.claim_list.options)
    bench.next_button.click()
    assert bench.rationale.value == ""
    bench.prev_button.click()
    assert bench.claim_list.value == claim_id and bench.rationale.value == "half typed"
    assert rows_on_disk(path)[claim_id]["rationale"] == ""  # only the Save button saves


def test_undo_button_restores_the_previous_verdict(bench, path):
    claim_id = pick(bench, CONTAINERS)
    set_verdict(bench, "true")
    set_verdict(bench, "false")
    bench.undo_button.click()
    assert bench.save_status.value.startswith(f"undone: “{CONTAINERS}” is back to true")
    assert rows_on_disk(path)[claim_id]["verdict"] == "true"
    assert bench.verdict.value == "true"
    bench.undo_button.click()
    bench.undo_button.click()
    assert bench.save_status.value.startswith("not undone:")
    assert "nothing to undo" in bench.save_status.value


# --- moving, filtering, sorting -------------------------------------------------------------------

def test_previous_next_and_next_unchecked(bench):
    claims = bench.worksheet.claims
    assert bench.claim_list.value == claims[0].claim_id
    bench.prev_button.click()
    assert bench.claim_list.value == claims[0].claim_id  # stays on the first
    bench.next_button.click()
    assert bench.claim_list.value == claims[1].claim_id
    set_verdict(bench, "true")
    bench.next_button.click()
    set_verdict(bench, "true")
    bench.claim_list.value = claims[0].claim_id
    bench.next_unchecked_button.click()
    assert bench.claim_list.value == claims[3].claim_id


def test_next_unchecked_says_so_when_everything_is_checked(tmp_path):
    article = load_article(text="Il governo ha speso 20 milioni di euro per la difesa, ha detto "
                                "il ministro Rossi.")
    bench = Workbench(Worksheet.open(tmp_path / "w.csv", article=article))
    for _ in bench.claim_list.options:
        set_verdict(bench, "true")
        bench.next_button.click()
    bench.next_unchecked_button.click()
    assert bench.save_status.value == "every claim in this list is checked"


def test_filters_by_kind_block_and_status(bench):
    total = len(bench.worksheet.claims)
    bench.kind_filter.value = "count"
    assert listed_claims(bench) and {c.kind for c in listed_claims(bench)} == {"count"}
    assert bench.progress.value.endswith(f"· {len(listed_claims(bench))} listed")
    bench.kind_filter.value = ""
    bench.block_filter.value = "caption"
    assert listed_claims(bench) and {c.block for c in listed_claims(bench)} == {"caption"}
    bench.block_filter.value = ""

    claim_id = pick(bench, CONTAINERS)
    set_verdict(bench, "true")
    bench.status_filter.value = "checked"
    assert [value for _, value in bench.claim_list.options] == [claim_id]
    bench.status_filter.value = "unchecked"
    assert len(bench.claim_list.options) == total - 1
    assert claim_id not in [value for _, value in bench.claim_list.options]


def test_saving_under_the_unchecked_filter_moves_on_from_the_same_place(bench):
    bench.status_filter.value = "unchecked"
    claim_id = pick(bench, CONTAINERS)
    following = [v for _, v in bench.claim_list.options][
        [v for _, v in bench.claim_list.options].index(claim_id) + 1]
    set_verdict(bench, "true")
    assert claim_id not in [v for _, v in bench.claim_list.options]
    assert bench.claim_list.value is None and CONTAINERS in bench.panel.value
    bench.next_button.click()
    assert bench.claim_list.value == following


def test_no_claim_matches_the_filters(bench):
    bench.status_filter.value = "orphaned"
    assert bench.claim_list.options == ()
    assert "No claim matches the filters" in bench.panel.value
    assert bench.save_button.disabled and bench.verdict.disabled


def test_sort_by_checkworthiness(bench):
    bench.sort_toggle.value = "checkworthiness"
    scores = [c.checkworthiness for c in listed_claims(bench)]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == len(bench.worksheet.claims)
    bench.sort_toggle.value = "position"
    assert [c.claim_id for c in listed_claims(bench)] == [
        c.claim_id for c in bench.worksheet.claims]


def test_orphaned_verdicts_are_listed_and_read_only(tmp_path):
    first = ("Visita a Roma del ministro Rossi\n\nIl governo ha speso 20 milioni di euro per la "
             "difesa, ha detto il ministro Rossi.\n\nSono arrivati più di 500 soldati.\n")
    path = tmp_path / "w.csv"
    bench = Workbench(Worksheet.open(path, article=load_article(text=first)))
    claim_id = pick(bench, "più di 500 soldati")
    set_verdict(bench, "false", "nobody counted them")
    # The corrected article no longer has the sentence: the verdict is kept as an orphan.
    second = first.replace("Sono arrivati più di 500 soldati.\n", "")
    bench = Workbench(Worksheet.open(path, article=load_article(text=second)))
    bench.status_filter.value = "orphaned"
    assert [value for _, value in bench.claim_list.options] == [claim_id]
    assert "orphaned" in bench.claim_list.options[0][0]
    assert "Orphaned" in bench.panel.value and "nobody counted them" in bench.panel.value
    assert bench.save_button.disabled
    assert bench.session.save("true").startswith("not saved: this claim is orphaned")


# --- escaping -------------------------------------------------------------------------------------

def test_article_text_is_escaped_in_every_html_widget(tmp_path):
    article = load_article(text=HOSTILE)
    bench = Workbench(Worksheet.open(tmp_path / "w.csv", article=article))
    assert len(bench.claim_list.options) >= 3
    seen = set()
    for _, claim_id in bench.claim_list.options:
        bench.claim_list.value = claim_id
        set_verdict(bench, "false", rationale="<img src=x onerror=alert(2)>",
                    checker="<i>Eve</i>")
        for value in html_values(bench.widget):
            for raw in ("<script>", "</script>", "<b>Rossi", "<b>soldati", "<img", "<i>Eve"):
                assert raw not in value, (raw, value)
            seen |= {escaped for escaped in ESCAPED if escaped in value}
    assert seen == set(ESCAPED)  # the markup is shown, as text


def test_highlight_escapes_each_piece():
    assert highlight("a <b> & c", 6, 7) == 'a &lt;b&gt; <mark class="claim-span">&amp;</mark> c'
    assert highlight("<x>", -1, -1) == "&lt;x&gt;"


# --- save errors are shown in words ---------------------------------------------------------------

def test_a_failed_write_shows_the_error_in_words_and_keeps_the_draft(bench, path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_table", disk_full)
    claim_id = pick(bench, CONTAINERS)
    status = set_verdict(bench, "false", "my careful rationale")
    assert status.startswith("not saved: ")
    assert "No space left on device" in status and "Traceback" not in status
    assert "\n" not in status
    assert "save-failed" in bench.save_status._dom_classes
    assert rows_on_disk(path)[claim_id]["verdict"] in ("", "not checked")
    assert bench.rationale.value == "my careful rationale"  # nothing typed is lost
    monkeypatch.undo()
    bench.save_button.click()
    assert SAVED.match(bench.save_status.value)
    assert "save-failed" not in bench.save_status._dom_classes
    assert rows_on_disk(path)[claim_id]["rationale"] == "my careful rationale"


def test_a_worksheet_error_is_shown_as_its_message(bench, monkeypatch):
    def refuse(*args, **kwargs):
        raise WorksheetError("claims/seed.csv: the folder is read-only; save a copy elsewhere")

    monkeypatch.setattr(bench.worksheet, "set_verdict", refuse)
    pick(bench, CONTAINERS)
    assert set_verdict(bench, "true") == (
        "not saved: claims/seed.csv: the folder is read-only; save a copy elsewhere")


def test_another_checkers_change_is_shown_not_overwritten(bench, path):
    claim_id = pick(bench, CONTAINERS)
    other = Worksheet.open(path)
    other.set_verdict(claim_id, "true", rationale="theirs", checker="Bo")
    status = set_verdict(bench, "false", "mine")
    assert status.startswith("Not saved:") and "Bo" in status
    assert rows_on_disk(path)[claim_id]["rationale"] == "theirs"
    assert "theirs" in bench.panel.value  # the panel shows what is on disk now
    bench.save_button.click()  # having read it, the checker replaces it
    assert SAVED.match(bench.save_status.value)
    assert rows_on_disk(path)[claim_id]["rationale"] == "mine"


# --- the session without widgets, and opening -----------------------------------------------------

def test_session_without_an_article_shows_the_sentence_only(path):
    Worksheet.open(path, article=SEED_ARTICLE)
    path.with_name(path.stem + ".meta.json").unlink()
    session = Session(Worksheet.open(path))
    session.select_text(CONTAINERS)
    assert f'<mark class="claim-span">{CONTAINERS}</mark>' in session.claim_html()
    assert "only the sentence is shown" in session.claim_html()


def test_session_save_without_a_claim_says_so(tmp_path):
    bench = Workbench(Worksheet.open(tmp_path / "w.csv", article=load_article(text=HOSTILE)))
    bench.session.set_filters(status="orphaned")
    assert bench.session.save("true") == "nothing to save: select a claim first"


def test_open_workbench_finds_the_projects_claims_folder(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # where a notebook runs
    bench = open_workbench()
    assert bench.worksheet.path == tmp_path / "claims" / "putin-kim-2024-it.csv"
    assert bench.worksheet.path.exists()
    elsewhere = open_workbench(worksheet=tmp_path / "other.csv", checker="Ada")
    assert elsewhere.worksheet.path == tmp_path / "other.csv"
    assert elsewhere.checker.value == "Ada"


def test_every_css_class_is_on_a_widget_and_documented(seeded):
    claim_id = pick(seeded, CONTAINERS)
    seeded.worksheet.link_evidence(claim_id, seeded.worksheet.suggest_evidence(claim_id)[0],
                                   "supports")
    seeded.render()  # a link and suggestions: every evidence widget is there
    classes = set()
    todo = [seeded.widget]
    while todo:
        w = todo.pop()
        classes.update(w._dom_classes)
        todo.extend(getattr(w, "children", ()))
    assert set(ui.CSS_CLASSES) <= classes
    for name in ui.CSS_CLASSES:
        assert f"``{name}``" in ui.__doc__ + ui_evidence.__doc__


def test_workbench_displays_as_its_widget(bench):
    bundle = bench._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == bench.widget.model_id


def test_public_api():
    assert {"Workbench", "open_workbench"} <= set(verify.__all__)


# --- the evidence tab -----------------------------------------------------------------------------

def evidence_rows(path: Path) -> list[dict[str, str]]:
    evidence = path.with_name(path.stem + ".evidence.csv")
    if not evidence.exists():
        return []
    with open(evidence, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def suggestion_row(bench: Workbench, words: str):
    """The suggestion box row whose passage holds ``words``, and its index."""
    for index, row in enumerate(bench.evidence.suggestions_box.children):
        if "evidence-suggestion" in row._dom_classes and words in row.children[0].value:
            return index, row
    shown = [r.children[0].value for r in bench.evidence.suggestions_box.children]
    raise AssertionError(f"no suggestion with {words!r}: {shown}")


def button_of(row, css_class: str) -> widgets.Button:
    todo = [row]
    while todo:
        w = todo.pop()
        if css_class in w._dom_classes:
            return w
        todo.extend(getattr(w, "children", ()))
    raise AssertionError(f"no .{css_class} in the row")


def test_the_evidence_tab_is_the_second_tab(seeded):
    assert [seeded.tabs.get_title(i) for i in range(2)] == ["Verdict", "Evidence"]
    assert seeded.tabs.children[1] is seeded.evidence.widget


def test_pasting_the_same_passage_twice_says_it_is_already_there(seeded, path):
    pick(seeded, CONTAINERS)
    ev = seeded.evidence
    for _ in range(2):
        ev.paste_title.value = "State Department fact sheet"
        ev.paste_text.value = PASTED
        ev.paste_button.click()
    assert ev.source_status.value.startswith(
        "already there: State Department fact sheet (added by Ada on "), ev.source_status.value
    assert "source-failed" not in ev.source_status._dom_classes
    titles = [s.title for s in seeded.worksheet.sources.sources]
    assert titles.count("State Department fact sheet") == 1

def test_paste_a_source_link_a_suggestion_as_supporting_and_find_the_row_on_disk(seeded, path):
    claim_id = pick(seeded, CONTAINERS)
    ev = seeded.evidence
    ev.paste_title.value = "State Department fact sheet"
    ev.paste_text.value = PASTED
    ev.paste_button.click()
    assert ev.source_status.value == "added: State Department fact sheet"
    assert "source-failed" not in ev.source_status._dom_classes
    assert ev.paste_text.value == "" and ev.paste_title.value == ""

    index, row = suggestion_row(seeded, PASTED[:40])
    html = row.children[0].value
    assert '<mark class="evidence-figure">more than 10,000 containers</mark>' in html
    assert '<span class="agreement agreement-agrees">agrees</span>' in html
    assert "State Department fact sheet" in html
    assert 3 <= len(ev.suggestions_box.children) <= 5
    disagrees = suggestion_row(seeded, "about 6,700 containers")[1].children[0].value
    assert "agreement-disagrees" in disagrees

    button_of(row, "link-supports-button").click()
    assert ev.evidence_status.value.startswith("linked as supports: State Department fact sheet")
    [saved] = evidence_rows(path)
    assert (saved["claim_id"], saved["stance"], saved["agreement"], saved["passage"],
            saved["checker"]) == (claim_id, "supports", "agrees", PASTED, "Ada")
    assert seeded.worksheet.sources.get(saved["source_id"]).title == "State Department fact sheet"
    # listed as linked; its suggestion says so and its Supports button is spent
    [linked] = ev.linked_box.children
    assert "evidence-link" in linked._dom_classes
    assert '<span class="stance stance-supports">supports</span>' in linked.children[0].value
    assert PASTED in linked.children[0].value
    assert seeded.tabs.get_title(1) == "Evidence (1)"
    _, row = suggestion_row(seeded, PASTED[:40])
    assert "linked as supports" in row.children[0].value
    assert button_of(row, "link-supports-button").disabled
    assert not button_of(row, "link-contradicts-button").disabled


def test_link_as_contradicting_then_unlink(seeded, path):
    pick(seeded, CONTAINERS)
    _, row = suggestion_row(seeded, "about 6,700 containers")
    button_of(row, "link-contradicts-button").click()
    [saved] = evidence_rows(path)
    assert (saved["stance"], saved["agreement"]) == ("contradicts", "disagrees")
    _, row = suggestion_row(seeded, "about 6,700 containers")
    button_of(row, "link-context-button").click()  # changes the stance of the same link
    assert [r["stance"] for r in evidence_rows(path)] == ["context"]
    [linked] = seeded.evidence.linked_box.children
    button_of(linked, "unlink-evidence-button").click()
    assert evidence_rows(path) == []
    assert seeded.evidence.evidence_status.value.startswith("unlinked: Politico")
    assert "No evidence linked" in seeded.evidence.linked_box.children[0].value
    assert seeded.tabs.get_title(1) == "Evidence"


def test_each_claim_shows_its_own_links(seeded, path):
    first = pick(seeded, CONTAINERS)
    button_of(suggestion_row(seeded, "more than 10,000")[1], "link-supports-button").click()
    seeded.next_button.click()
    assert seeded.claim_list.value != first
    assert "No evidence linked" in seeded.evidence.linked_box.children[0].value
    assert seeded.evidence.evidence_status.value == ""
    seeded.claim_list.value = first
    assert len(seeded.evidence.linked_box.children) == 1


def test_add_a_source_by_url_fetches_in_the_background(seeded, http_server):
    release = threading.Event()

    def slow(request):
        release.wait(10)
        http_server.Reply(body=_STOCK_PAGE).send(request)

    url = http_server.handler("/slow.html", slow)
    pick(seeded, CONTAINERS)
    ev = seeded.evidence
    ev.url.value = url
    ev.add_source_button.click()
    try:
        assert ev.source_status.value == f"fetching {url}…"
        assert ev.add_source_button.disabled
    finally:
        release.set()
    ev.wait(20)
    assert ev.source_status.value == "added: Putin and Kim sign a mutual defense pact"
    assert not ev.add_source_button.disabled and ev.url.value == ""
    _, row = suggestion_row(seeded, "260,000 tonnes")  # the fetched page is suggested at once
    assert "Putin and Kim sign a mutual defense pact" in row.children[0].value


def test_a_404_address_is_shown_as_a_failure_in_words(seeded, http_server):
    url = http_server.url_for("/gone")
    ev = seeded.evidence
    ev.url.value = url
    ev.add_source_button.click()
    ev.wait(20)
    status = ev.source_status.value
    assert status.startswith("not fetched (kept in the registry as failed): ") and "404" in status
    assert "source-failed" in ev.source_status._dom_classes
    assert "\n" not in status and "Traceback" not in status
    assert ev.url.value == url  # kept, to paste the text from a browser under it
    ev.paste_text.value = "North Korea has sent more than 10,000 containers to Russia."
    ev.paste_button.click()
    assert ev.source_status.value.startswith("added: ")
    assert "source-failed" not in ev.source_status._dom_classes
    pasted = [s for s in seeded.worksheet.sources.sources if s.fetch_status == "pasted"
              and s.url == url]
    assert len(pasted) == 1


def test_bad_input_to_add_source_is_said_in_words(seeded):
    ev = seeded.evidence
    ev.add_source_button.click()
    assert ev.source_status.value == "not added: type or paste the source's address first"
    ev.url.value = "javascript:alert(1)"
    ev.add_source_button.click()
    ev.wait(10)
    assert ev.source_status.value.startswith("not added: javascript:alert(1): not a web address")
    ev.url.value = ""
    ev.paste_button.click()
    assert ev.source_status.value.startswith("not added: ")
    assert "source-failed" in ev.source_status._dom_classes


HOSTILE_SOURCE = ("<script>alert(1)</script> North Korea has sent more than 10,000 containers "
                  "to Russia, <img src=x onerror=alert(1)> officials said & more.")


def test_source_text_and_metadata_are_escaped_in_the_evidence_tab(seeded, path):
    pick(seeded, CONTAINERS)
    ev = seeded.evidence
    ev.paste_title.value = "<b>evil</b> title"
    ev.paste_text.value = HOSTILE_SOURCE
    ev.paste_button.click()
    index, row = suggestion_row(seeded, "&lt;script&gt;alert(1)&lt;/script&gt;")
    button_of(row, "link-supports-button").click()
    assert evidence_rows(path)[0]["passage"] == HOSTILE_SOURCE  # saved as it is, unescaped
    values = html_values(seeded.widget)
    for value in values:
        for raw in ("<script", "<img", "<b>evil"):
            assert raw not in value, (raw, value)
    joined = "\n".join(values)
    for escaped in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
                    "&lt;b&gt;evil&lt;/b&gt; title", "officials said &amp; more"):
        assert escaped in joined, escaped
    # an address edited by hand into the evidence CSV never becomes a javascript: link
    link = dataclasses.replace(ev.session.linked()[0], source_id="gone",
                               url="javascript:alert(1)")
    assert "href" not in ev.session.link_html(link)


def test_an_orphaned_claims_evidence_is_read_only(tmp_path):
    first = ("Visita a Roma del ministro Rossi\n\nIl governo ha speso 20 milioni di euro per la "
             "difesa, ha detto il ministro Rossi.\n\nSono arrivati più di 500 soldati.\n")
    path = tmp_path / "w.csv"
    bench = Workbench(Worksheet.open(path, article=load_article(text=first)))
    pick(bench, "più di 500 soldati")
    bench.evidence.paste_text.value = "More than 500 soldiers arrived, officials said."
    bench.evidence.paste_button.click()
    _, row = suggestion_row(bench, "More than 500 soldiers")
    button_of(row, "link-supports-button").click()
    second = first.replace("Sono arrivati più di 500 soldati.\n", "")
    bench = Workbench(Worksheet.open(path, article=load_article(text=second)))
    bench.status_filter.value = "orphaned"
    [linked] = bench.evidence.linked_box.children
    assert "orphaned" in linked.children[0].value
    assert button_of(linked, "unlink-evidence-button").disabled
    assert "is orphaned" in bench.evidence.suggestions_box.children[0].value
    assert bench.evidence.session.link(object(), "supports").startswith("not linked: this claim "
                                                                         "is orphaned")


def test_a_broken_evidence_csv_is_shown_and_verdicts_still_save(seeded, path):
    claim_id = pick(seeded, CONTAINERS)
    button_of(suggestion_row(seeded, "more than 10,000")[1], "link-supports-button").click()
    evidence = path.with_name(path.stem + ".evidence.csv")
    evidence.write_text(evidence.read_text(encoding="utf-8").replace(",supports,", ",maybe,"),
                        encoding="utf-8")
    seeded.next_button.click()
    seeded.prev_button.click()
    shown = seeded.evidence.linked_box.children[0].value
    assert "evidence-problem" in shown and "unknown stance &#x27;maybe&#x27;" in shown
    assert "row 2" in shown and "stance" in shown
    assert SAVED.match(set_verdict(seeded, "true"))
    assert rows_on_disk(path)[claim_id]["verdict"] == "true"


_STOCK_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Putin and Kim sign a mutual defense pact</title></head><body><article>
<h1>Putin and Kim sign a mutual defense pact</h1>
<p>North Korea has sent more than 10,000 containers to Russia since September, the equivalent of
260,000 tonnes of munitions, according to South Korean officials, World News reported.</p>
</article></body></html>"""


def test_a_broken_registry_is_shown_in_the_evidence_tab_and_verdicts_still_save(tmp_path, path):
    shutil.copytree(DEMO_SOURCES, tmp_path / "sources")
    registry = tmp_path / "sources" / "registry.csv"
    registry.write_text(registry.read_text(encoding="utf-8").replace(",news,", ",gossip,", 1),
                        encoding="utf-8")
    bench = Workbench(Worksheet.open(path, article=SEED_ARTICLE))
    claim_id = pick(bench, CONTAINERS)
    shown = bench.evidence.suggestions_box.children[0].value
    assert "evidence-problem" in shown and "unknown kind &#x27;gossip&#x27;" in shown
    assert "registry.csv" in shown and "row 2" in shown
    bench.evidence.paste_text.value = "North Korea has sent more than 10,000 containers."
    bench.evidence.paste_button.click()
    assert bench.evidence.source_status.value.startswith("not added: ")
    assert SAVED.match(set_verdict(bench, "true"))
    assert rows_on_disk(path)[claim_id]["verdict"] == "true"


def test_the_checker_in_the_workbench_is_who_added_and_linked(seeded, path):
    pick(seeded, CONTAINERS)
    seeded.checker.value = "Bea"
    seeded.evidence.paste_text.value = PASTED
    seeded.evidence.paste_button.click()
    assert seeded.evidence.source_status.value == (
        "added: pasted text “The State Department said North Korea has sent mo…”")
    _, row = suggestion_row(seeded, PASTED[:40])
    button_of(row, "link-supports-button").click()
    assert evidence_rows(path)[0]["checker"] == "Bea"
    source_id = evidence_rows(path)[0]["source_id"]
    assert seeded.worksheet.sources.get(source_id).added_by == "Bea"
    button_of(seeded.evidence.linked_box.children[0], "unlink-evidence-button").click()
    assert seeded.worksheet.history()[-1]["checker"] == "Bea"


def test_the_panel_flags_the_articles_own_contradiction(tmp_path):
    """'esattamente 24 anni' does not hold by the article's own dates: the checker sees it."""
    from verify.checking.session import Session

    ws = Worksheet.open(tmp_path / "seed.csv", article=SEED_ARTICLE)
    session = Session(ws)
    claim = next(c for c in ws.claims if c.kind == "duration" and "esattamente 24" in c.sentence)
    session.select(claim.claim_id)
    panel = session.claim_html()
    assert 'class="claim-flags"' in panel
    assert "23 years 11 months" in panel
    other = next(c for c in ws.claims if c.text == "più di 10.000 container")
    session.select(other.claim_id)
    assert "claim-flags" not in session.claim_html()  # nothing to flag until evidence differs


def test_the_checkers_name_comes_back_after_a_restart_from_verify_checker(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CHECKER", "Anna Bianchi")
    ws = Worksheet.open(tmp_path / "seed.csv", article=SEED_ARTICLE)
    bench = Workbench(ws)
    assert bench.checker.value == "Anna Bianchi"
    bench.session.select_text(CONTAINERS)
    bench.verdict.value = "true"
    bench.save()
    assert ws.verdict(bench.session.current.claim_id).checker == "Anna Bianchi"
    assert Workbench(ws, checker="Bruno").checker.value == "Bruno"  # an explicit name wins


# --- a name asked once, a place kept across a restart ---------------------------------------------

def test_a_verdict_without_a_checkers_name_is_not_saved_and_the_name_is_asked_for(path,
                                                                                 monkeypatch):
    monkeypatch.delenv("VERIFY_CHECKER", raising=False)
    bench = Workbench(Worksheet.open(path, article=SEED_ARTICLE))
    assert bench.checker.value == ""
    claim_id = pick(bench, CONTAINERS)
    bench.verdict.value = "false"
    bench.rationale.value = "Seoul: 6,700 containers"
    bench.save_button.click()
    assert bench.save_status.value.startswith("not saved: type your name in 'checker' first")
    assert "save-failed" in bench.save_status._dom_classes
    assert rows_on_disk(path)[claim_id]["verdict"] in ("", "not checked")
    assert (bench.verdict.value, bench.rationale.value) == ("false", "Seoul: 6,700 containers")

    bench.checker.value = "Ada"
    bench.save_button.click()
    assert SAVED.match(bench.save_status.value), bench.save_status.value
    assert rows_on_disk(path)[claim_id]["checker"] == "Ada"


def test_after_a_restart_the_workbench_is_back_on_the_last_claim_with_the_name(path,
                                                                              monkeypatch):
    monkeypatch.delenv("VERIFY_CHECKER", raising=False)
    bench = Workbench(Worksheet.open(path, article=SEED_ARTICLE))
    first = bench.claim_list.value
    bench.checker.value = "Ada"
    claim_id = pick(bench, CONTAINERS)
    bench.verdict.value = "mostly true"
    bench.save_button.click()
    pick(bench, "19 giugno 2024")  # looked at another claim last

    # a new kernel: a new worksheet object and a new workbench over the same file
    again = Workbench(Worksheet.open(path, article=SEED_ARTICLE))
    assert again.checker.value == "Ada"
    assert again.claim_list.value != first
    assert again.worksheet.claim(again.claim_list.value).text == "19 giugno 2024"
    assert again.worksheet.verdict(claim_id).checker == "Ada"
    # kept beside the worksheets, in the workspace, never in the worksheet itself
    assert [p.name for p in path.parent.glob(".workbench.*.json")]
    assert "Ada" not in path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8")
