"""Hardening: two checkers, kills between writes, and text that cannot be saved (issue 10,
points 2, 5 and the worksheet's part of 14).

- A save carries the version of the verdict its draft started from (``base=``): a stale draft
  never overwrites another checker's verdict, and the refused draft is kept to be applied.
- A process killed between a save's two writes (the audit log and the worksheet) leaves a log
  that agrees with the worksheet once it is opened again, so ``undo()`` reverts the last verdict.
- Temporary files a killed save of the evidence links or of the sidecar left are cleared.
- A lone surrogate ("\\ud800", a broken copy-paste) in a rationale, a checker's name or a note
  is refused up front with a WorksheetError naming the field; nothing is written.

Real files, real processes: the kills are real SIGKILLs, sent by the saving process to itself
at the named moment.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verify.records.workspace import DEMO_SOURCES  # the shipped, read-only demo registry
from verify import SEED_ARTICLE, Workbench, Worksheet, load_article
from verify.errors import VerifyError, WorksheetError
from verify.checking.session import Session

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
CONTAINERS = "più di 10.000 container"
PASTED = ("The State Department said North Korea has sent more than 10,000 containers of "
          "munitions to Russia since September 2023.")


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "claims" / "seed.csv"


def rows_on_disk(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["claim_id"]: row for row in csv.DictReader(f)}


def claim_id_of(ws: Worksheet, text: str) -> str:
    return next(c.claim_id for c in ws.claims if c.text == text)


# --- point 2: a stale draft never wins --------------------------------------------------------------

def test_a_stale_draft_is_refused_after_a_save_that_took_in_the_other_checkers_change(path, seed):
    anna = Worksheet.open(path, article=seed, checker="Anna")      # kernel 1
    bruno = Worksheet.open(path, checker="Bruno")                  # kernel 2, same file
    x = claim_id_of(anna, CONTAINERS)
    y = next(c.claim_id for c in anna.claims if c.claim_id != x)

    draft_base = bruno.version(x)  # Bruno starts typing a verdict on X, does not save
    theirs = anna.set_verdict(x, "true", rationale="UN panel report, p. 12")
    bruno.set_verdict(y, "false", rationale="wrong year")  # takes in Anna's change on X
    assert bruno.verdict(x) == theirs

    with pytest.raises(WorksheetError) as err:
        bruno.set_verdict(x, "misleading", rationale="my stale draft", base=draft_base)
    message = str(err.value)
    for words in ("Not saved", x, CONTAINERS, "by Anna", theirs.checked_at, "'true'",
                  "UN panel report, p. 12", "since your draft"):
        assert words in message, (words, message)
    assert rows_on_disk(path)[x]["rationale"] == "UN panel report, p. 12"  # Anna's stands
    assert rows_on_disk(path)[y]["rationale"] == "wrong year"

    # Having read Anna's verdict, Bruno applies his draft on purpose: the base he has now seen.
    mine = bruno.set_verdict(x, "misleading", rationale="my stale draft",
                             base=bruno.version(x))
    assert rows_on_disk(path)[x]["rationale"] == "my stale draft"
    assert Worksheet.open(path).verdict(x) == mine
    # and Anna's verdict is one undo away, in the log
    assert [e["new_rationale"] for e in Worksheet.open(path).history(x)] == [
        "UN panel report, p. 12", "my stale draft"]


def test_a_version_names_the_saved_verdict_not_the_object(path, seed):
    anna = Worksheet.open(path, article=seed, checker="Anna")
    bruno = Worksheet.open(path, checker="Bruno")
    x = anna.claims[0].claim_id
    assert anna.version(x) == bruno.version(x)  # no verdict yet, as seen from both kernels
    before = anna.version(x)
    anna.set_verdict(x, "true")
    assert anna.version(x) != before
    bruno.reload()
    assert bruno.version(x) == anna.version(x)
    # a base that is still current saves at once
    bruno.set_verdict(x, "false", base=bruno.version(x))
    assert Worksheet.open(path).verdict(x).checker == "Bruno"


def test_a_session_keeps_the_refused_draft_and_a_second_save_applies_it(path, seed):
    anna = Session(Worksheet.open(path, article=seed), checker="Anna")
    bruno = Session(Worksheet.open(path), checker="Bruno")
    x = bruno.select_text(CONTAINERS).claim_id
    bruno.edit(label="false", rationale="Bruno's draft")           # typed, not saved

    anna.select(x)
    assert anna.save("true", rationale="Anna's verdict").startswith("saved ")

    y = bruno.next().claim_id                                        # Bruno moves on ...
    assert bruno.save("misleading", rationale="on Y").startswith("saved ")
    bruno.select(x)                                                  # ... and comes back
    assert bruno.draft().rationale == "Bruno's draft"
    status = bruno.save()
    assert status.startswith("Not saved") and not bruno.save_ok
    assert "by Anna" in status and "'true'" in status and "Anna's verdict" in status
    assert rows_on_disk(path)[x]["rationale"] == "Anna's verdict"
    assert rows_on_disk(path)[y]["rationale"] == "on Y"
    # the draft survives the refusal; the panel shows what is saved now
    assert bruno.has_unsaved_changes(x)
    assert (bruno.draft().label, bruno.draft().rationale) == ("false", "Bruno's draft")
    assert "Anna&#x27;s verdict" in bruno.claim_html()

    assert bruno.save().startswith("saved ")                         # a second Save applies it
    assert rows_on_disk(path)[x]["rationale"] == "Bruno's draft"
    assert not bruno.has_unsaved_changes(x)


def test_the_workbench_keeps_the_typed_verdict_when_the_save_is_refused(path, seed):
    anna = Workbench(Worksheet.open(path, article=seed), checker="Anna")
    bruno = Workbench(Worksheet.open(path), checker="Bruno")
    x = claim_id_of(bruno.worksheet, CONTAINERS)

    bruno.claim_list.value = x                      # Bruno is shown X and types a verdict
    bruno.verdict.value = "false"
    bruno.rationale.value = "Bruno's draft"

    anna.claim_list.value = x                       # Anna saves X meanwhile
    anna.verdict.value = "true"
    anna.rationale.value = "Anna's verdict"
    anna.save_button.click()
    assert anna.save_status.value.startswith("saved ")

    bruno.next_button.click()                       # Bruno saves the next claim ...
    bruno.verdict.value = "misleading"
    bruno.save_button.click()
    assert bruno.save_status.value.startswith("saved ")
    bruno.prev_button.click()                       # ... and goes back to X
    assert bruno.claim_list.value == x and bruno.rationale.value == "Bruno's draft"
    bruno.save_button.click()
    assert bruno.save_status.value.startswith("Not saved"), bruno.save_status.value
    assert "by Anna" in bruno.save_status.value
    assert "save-failed" in bruno.save_status._dom_classes
    assert (bruno.verdict.value, bruno.rationale.value) == ("false", "Bruno's draft")
    assert "Anna&#x27;s verdict" in bruno.panel.value
    assert rows_on_disk(path)[x]["rationale"] == "Anna's verdict"

    bruno.save_button.click()                       # read it, then save on purpose
    assert bruno.save_status.value.startswith("saved ")
    assert rows_on_disk(path)[x]["rationale"] == "Bruno's draft"


# --- point 5: kills between a save's two writes ------------------------------------------------------

def replayed(ws: Worksheet) -> dict[str, tuple[str, str, str]]:
    """The verdicts the audit log says the worksheet holds: its set and undo entries replayed
    over a worksheet with no verdicts."""
    state: dict[str, tuple[str, str, str]] = {}
    for entry in ws.history():
        if entry.get("action") in ("set", "undo"):
            state[entry["claim_id"]] = (entry["new_label"] or "not checked",
                                        entry["new_rationale"], entry["new_checker"])
    return {k: v for k, v in state.items() if v[0] != "not checked"}


def saved(ws: Worksheet) -> dict[str, tuple[str, str, str]]:
    return {c.claim_id: (v.label, v.rationale, v.checker)
            for c in ws.claims if (v := ws.verdict(c.claim_id)) is not None}


def saver(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TESTS / "worksheet_saver.py"), str(path), *args],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("killed_save", [0, 2])
def test_a_kill_between_the_two_writes_of_a_save_is_recovered_on_open(path, seed, killed_save):
    Worksheet.open(path, article=seed)
    done = saver(path, "--count", "4", "--checker", "Killed",
                 "--kill-between", str(killed_save))
    assert done.returncode == -signal.SIGKILL, done.stderr  # it really died mid-save
    assert done.stdout.splitlines()[-1] == f"begin {killed_save}"

    ws = Worksheet.open(path)  # under the lock: the log and the worksheet agree again
    assert saved(ws) == replayed(ws)
    assert len([e for e in ws.history() if e["action"] == "set"]) in (killed_save,
                                                                      killed_save + 1)
    if not saved(ws):
        with pytest.raises(WorksheetError, match="nothing to undo"):
            ws.undo()
        return
    # undo() reverts the verdict the worksheet shows last, whichever way the kill went
    last = [e for e in ws.history() if e["action"] == "set"][-1]
    assert saved(ws)[last["claim_id"]][1] == last["new_rationale"]
    ws.undo()
    back = ws.verdict(last["claim_id"])
    assert ((back.label, back.rationale) if back else ("not checked", "")) == (
        last["old_label"] or "not checked", last["old_rationale"])
    assert saved(Worksheet.open(path)) == replayed(Worksheet.open(path))



def test_a_verdict_cleared_by_hand_keeps_its_log_entry(path, seed):
    """Recovery takes back only an entry a kill left: when a checker clears a saved verdict by
    hand in a spreadsheet, the worksheet looks like the kill case (the state before the last
    entry), but the entry is real history and stays in the audit trail."""
    import time

    ws = Worksheet.open(path, article=seed)
    claim_id = claim_id_of(ws, CONTAINERS)
    ws.set_verdict(claim_id, "false", rationale="Seoul: 6,700", checker="Anna")
    time.sleep(0.05)  # a hand edit comes later than the save, by more than a clock tick
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0])
    for row in rows:
        if row["claim_id"] == claim_id:
            row.update(verdict="", rationale="", checker="", checked_at="", sources="")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)

    reopened = Worksheet.open(path)
    assert reopened.verdict(claim_id) is None
    sets = [e for e in reopened.history() if e["action"] == "set"]
    assert [(e["claim_id"], e["checker"]) for e in sets] == [(claim_id, "Anna")]

def test_a_save_that_fails_at_the_worksheet_leaves_no_log_entry(path, seed):
    """The disk refuses the worksheet's new file (a file size limit, as a full disk would):
    the change is neither saved nor logged, and the message says nothing changed."""
    ws = Worksheet.open(path, article=seed, checker="Anna")
    x, y = ws.claims[0].claim_id, ws.claims[1].claim_id
    ws.set_verdict(x, "true", rationale="kept")
    limit = path.stat().st_size // 2  # room for the log's next line, not for the worksheet
    assert _log(path).stat().st_size + 2000 < limit
    child = textwrap.dedent(f"""
        import resource, signal
        from verify import Worksheet
        from verify.errors import WorksheetError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        ws = Worksheet.open({str(path)!r}, checker="Bruno")
        try:
            ws.set_verdict({y!r}, "false", rationale="lost to a full disk")
        except WorksheetError as err:
            print(err)
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "could not save the worksheet" in result.stdout, result.stdout
    assert "nothing was changed" in result.stdout
    again = Worksheet.open(path)
    assert again.verdict(y) is None
    assert [e["new_rationale"] for e in again.history() if e["action"] == "set"] == ["kept"]
    assert saved(again) == replayed(again)


def with_a_pasted_source(tmp_path: Path, seed):
    """(path, worksheet, source, claim id, passage): Anna's seed worksheet with the State
    Department passage pasted as a source and suggested for the containers claim."""
    shutil.copytree(DEMO_SOURCES, tmp_path / "sources")
    path = tmp_path / "claims" / "seed.csv"
    ws = Worksheet.open(path, article=seed, checker="Anna")
    source = ws.add_source(text=PASTED, title="State Department fact sheet")
    x = claim_id_of(ws, CONTAINERS)
    [passage] = ws.suggest_evidence(x, limit=1, source_ids=[source.source_id])
    return path, ws, source, x, passage

def _log(path: Path) -> Path:
    return path.with_name(path.stem + ".log.jsonl")


def test_stale_temporary_files_of_the_evidence_and_the_sidecar_are_cleared(tmp_path, seed):
    """A process killed inside an evidence save (its temporary file written, not yet renamed)
    leaves ``.seed.evidence.csv.*.tmp``; the next open clears it and keeps the saved links."""
    path, ws, source, x, passage = with_a_pasted_source(tmp_path, seed)
    ws.link_evidence(x, passage, "supports")
    evidence_before = ws.evidence_path.read_bytes()

    child = textwrap.dedent(f"""
        import os, signal
        from verify import Worksheet
        real_replace = os.replace
        def replace(src, dst, *a, **kw):
            if str(dst).endswith((".evidence.csv", ".meta.json")):
                os.kill(os.getpid(), signal.SIGKILL)  # the temporary file is on disk
            return real_replace(src, dst, *a, **kw)
        os.replace = replace
        ws = Worksheet.open({str(path)!r}, checker="Killed")
        [passage] = ws.suggest_evidence({x!r}, limit=1, source_ids=[{source.source_id!r}])
        ws.link_evidence({x!r}, passage, "contradicts")
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    # and one left by a killed sidecar save, named as atomic_write names them
    (path.parent / ".seed.meta.json.k1ll3d.tmp").write_text("{half")
    leftovers = sorted(p.name for p in path.parent.glob(".seed.*.tmp"))
    assert any(".evidence.csv." in name for name in leftovers), leftovers

    again = Worksheet.open(path)
    assert sorted(p.name for p in path.parent.glob(".seed.*.tmp")) == []
    assert again.evidence_path.read_bytes() == evidence_before
    assert [link.stance for link in again.evidence(x)] == ["supports"]
    assert saved(again) == replayed(again)


@pytest.mark.parametrize("change", ["link", "relink", "unlink"])
def test_a_kill_between_an_evidence_changes_log_entry_and_its_write_is_recovered(tmp_path, seed,
                                                                                 change):
    path, ws, source, x, passage = with_a_pasted_source(tmp_path, seed)
    if change != "link":
        link = ws.link_evidence(x, passage, "supports")
    evidence_before = ws.evidence_path.read_bytes() if ws.evidence_path.exists() else b""
    entries_before = ws.history()
    call = {"link": f"ws.link_evidence({x!r}, passage, 'supports')",
            "relink": f"ws.link_evidence({x!r}, passage, 'contradicts', note='on second look')",
            "unlink": f"ws.unlink_evidence({link.link_id if change == 'unlink' else ''!r})"}
    child = textwrap.dedent(f"""
        import os, signal
        from verify import Worksheet
        from verify.records import disk
        ws = Worksheet.open({str(path)!r}, checker="Killed")
        [passage] = ws.suggest_evidence({x!r}, limit=1, source_ids=[{source.source_id!r}])
        def append_then_die(*args, _append=disk.append_line):
            _append(*args)
            os.kill(os.getpid(), signal.SIGKILL)  # the first of the change's two writes is done
        def write_then_die(*args, _write=disk.atomic_write):
            _write(*args)
            os.kill(os.getpid(), signal.SIGKILL)
        disk.append_line, disk.atomic_write = append_then_die, write_then_die
        {call[change]}
    """)
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr

    again = Worksheet.open(path)
    assert (again.evidence_path.read_bytes() if again.evidence_path.exists() else b"") \
        == evidence_before
    assert again.history() == entries_before  # the change never happened, and is not logged


# --- point 14: lone surrogates -----------------------------------------------------------------------

def files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()
            and not p.name.endswith(".lock")}


@pytest.mark.parametrize("field, kwargs", [
    ("rationale", {"rationale": "UN report \ud800 p. 12"}),
    ("checker", {"checker": "Ann\udc80a"}),
    ("sources", {"sources": "https://example.org/\udfff"}),
])
def test_a_lone_surrogate_in_a_verdict_is_refused_and_nothing_is_written(path, seed, field,
                                                                         kwargs):
    ws = Worksheet.open(path, article=seed, checker="Anna")
    x = ws.claims[0].claim_id
    before = files_of(path)
    with pytest.raises(WorksheetError) as err:
        ws.set_verdict(x, "true", **kwargs)
    message = str(err.value)
    assert field in message and "surrogate" in message and "retype" in message, message
    assert files_of(path) == before
    assert ws.verdict(x) is None
    ws.set_verdict(x, "true", rationale="fine")  # and the worksheet still saves
    assert Worksheet.open(path).verdict(x).rationale == "fine"


def test_a_lone_surrogate_in_the_default_checker_name_is_refused_on_undo_too(path, seed):
    ws = Worksheet.open(path, article=seed, checker="Anna")
    ws.set_verdict(ws.claims[0].claim_id, "true")
    ws.checker = "\ud83dAnna"  # half an emoji
    before = files_of(path)
    with pytest.raises(WorksheetError, match="checker"):
        ws.set_verdict(ws.claims[1].claim_id, "true")
    with pytest.raises(WorksheetError, match="surrogate"):
        ws.undo()
    assert files_of(path) == before


def test_a_lone_surrogate_in_the_workbench_is_said_in_words_and_the_draft_kept(path, seed):
    bench = Workbench(Worksheet.open(path, article=seed), checker="Anna")
    x = claim_id_of(bench.worksheet, CONTAINERS)
    bench.claim_list.value = x
    bench.verdict.value = "true"
    bench.rationale.value = "pasted \udc9d badly"
    bench.save_button.click()
    status = bench.save_status.value
    assert status.startswith("not saved") and "surrogate" in status, status
    assert "rationale" in status and "\n" not in status
    assert bench.rationale.value == "pasted \udc9d badly"
    assert rows_on_disk(path)[x]["verdict"] in ("", "not checked")


def test_a_lone_surrogate_in_an_evidence_note_is_refused(tmp_path, seed):
    path, ws, source, x, passage = with_a_pasted_source(tmp_path, seed)
    before = files_of(path)
    with pytest.raises(VerifyError, match="note.*surrogate"):
        ws.link_evidence(x, passage, "supports", note="table \ud800 2")
    assert files_of(path) == before
