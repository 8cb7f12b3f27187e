"""A checker's kernel killed in the middle of a save never leaves a torn worksheet.

A saver process (tests/worksheet_saver.py) saves verdicts in a loop and reports each save it
begins and completes; it is killed with SIGKILL at a random moment, many times. Each time the
worksheet must parse and hold exactly the state after the last completed save, or after the
one in flight: never a mix, never a truncated file. And the audit log agrees with it once it is
opened again (a kill between the log's append and the worksheet's replace is settled then), so
``undo()`` reverts the last verdict the worksheet shows.

Most savers are forked from the test process (verify already imported: a trial costs the kill
delay, not a Python start-up), some are fresh interpreters started from the script, so a kill
also lands while a saver is still opening the worksheet.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import worksheet_saver
from verify import SEED_ARTICLE, Worksheet
from worksheet_saver import planned_save

TESTS = Path(__file__).resolve().parents[1]
FORKED_TRIALS = 40
SPAWNED_TRIALS = 8
PARALLEL = 3  # spawned trials at once: each spends most of its time starting Python
SEED = int(os.environ.get("CRASH_SEED", "20241129"))  # the kill times are reproducible


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A fresh worksheet of the seed article (with its sidecar) to copy for every trial."""
    path = tmp_path_factory.mktemp("base") / "seed.csv"
    Worksheet.open(path, article=SEED_ARTICLE)
    return path


def expected_state(saves: int, claim_ids: list[str], labels) -> dict[str, tuple[str, str]]:
    """{claim_id: (label, rationale)} after the first ``saves`` saves of the saver."""
    state = {}
    for i in range(saves):
        claim_id, label, rationale = planned_save(i, claim_ids, labels)
        state[claim_id] = (label, rationale)
    return state


def saved_state(ws: Worksheet) -> dict[str, tuple[str, str]]:
    return {c.claim_id: (v.label, v.rationale)
            for c in ws.claims if (v := ws.verdict(c.claim_id)) is not None}


def logged_state(ws: Worksheet) -> dict[str, tuple[str, str]]:
    """{claim_id: (label, rationale)} the audit log's set and undo entries add up to."""
    state = {}
    for entry in ws.history():
        if entry["action"] in ("set", "undo"):
            state[entry["claim_id"]] = (entry["new_label"] or "not checked",
                                        entry["new_rationale"])
    return {k: v for k, v in state.items() if v[0] != "not checked"}


class Saver:
    """A saver process on the worksheet ``path``, reporting to ``report``."""

    def __init__(self, path: Path, report: Path, fork: bool):
        self.report = report
        if fork:
            self.pid = os.fork()
            if self.pid == 0:  # the child: save until killed, never return into pytest
                code = 1
                try:
                    code = worksheet_saver.main([str(path), "--report", str(report)])
                except BaseException:
                    with open(report, "a") as out:
                        traceback.print_exc(file=out)
                finally:
                    os._exit(code)
            self.process = None
        else:
            self.process = subprocess.Popen(
                [sys.executable, str(TESTS / "worksheet_saver.py"), str(path), "--report",
                 str(report)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.pid = self.process.pid

    def running(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return os.waitpid(self.pid, os.WNOHANG) == (0, 0)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait()
        else:
            os.waitpid(self.pid, 0)


def run_trial(base: Path, folder: Path, kill_after: float, fork: bool) -> dict:
    """Copy the worksheet, start a saver, kill it ``kill_after`` s after it is ready (a
    negative value: that long after it starts, maybe while it opens), and report."""
    folder.mkdir()
    for name in ("seed.csv", "seed.meta.json", "seed.log.jsonl"):
        shutil.copy(base.with_name(name), folder / name)
    path, report = folder / "seed.csv", folder / "saver.out"
    report.touch()
    saver = Saver(path, report, fork)
    try:
        started = time.monotonic()
        if kill_after >= 0:
            while "ready" not in report.read_text() and saver.running():
                assert time.monotonic() - started < 30, "the saver did not open the worksheet"
                time.sleep(0.002)
        time.sleep(abs(kill_after))
        assert saver.running(), report.read_text()
    finally:
        saver.kill()
    lines = report.read_text().splitlines()
    done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
    begun = [int(line.split()[1]) for line in lines if line.startswith("begin ")]
    return {"path": path, "completed": (done[-1] + 1) if done else 0,
            "in_flight": bool(begun) and (not done or begun[-1] > done[-1])}


def test_a_kill_at_any_moment_leaves_a_fully_saved_worksheet(base, tmp_path):
    rng = random.Random(SEED)
    start = time.monotonic()
    # forked one at a time, from this (single) thread: forking beside threads is unsafe
    trials = [run_trial(base, tmp_path / f"forked{n}", rng.uniform(0.0, 0.1), fork=True)
              for n in range(FORKED_TRIALS)]
    # fresh interpreters: mostly mid-loop kills, some while the saver starts and opens
    delays = [rng.uniform(0.0, 0.2) if n % 2 else -rng.uniform(0.2, 0.8)
              for n in range(SPAWNED_TRIALS)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        trials += pool.map(
            lambda n: run_trial(base, tmp_path / f"spawned{n}", delays[n], fork=False),
            range(SPAWNED_TRIALS))
    elapsed = time.monotonic() - start

    reference = Worksheet.open(base)
    claim_ids = [c.claim_id for c in reference.claims]
    killed_mid_save = 0
    for n, trial in enumerate(trials):
        path, completed = trial["path"], trial["completed"]
        ws = Worksheet.open(path)  # parses and validates: not torn
        allowed = [expected_state(completed, claim_ids, ws.labels)]
        if trial["in_flight"]:
            allowed.append(expected_state(completed + 1, claim_ids, ws.labels))
            killed_mid_save += 1
        assert saved_state(ws) in allowed, f"trial {n} (seed {SEED}): {completed} saves done"
        assert ws.claims == reference.claims

        # The audit log parses too: a killed append loses at most the entry in flight.
        sets = sum(1 for e in ws.history() if e["action"] == "set")
        assert completed <= sets <= completed + int(trial["in_flight"]), f"trial {n}"

        # The log agrees with the worksheet, and undo() reverts the last verdict it shows.
        assert logged_state(ws) == saved_state(ws), f"trial {n} (seed {SEED})"
        if sets:
            last = [e for e in ws.history() if e["action"] == "set"][-1]
            ws.undo()
            back = ws.verdict(last["claim_id"])
            assert ((back.label, back.rationale) if back else ("not checked", "")) == (
                last["old_label"] or "not checked", last["old_rationale"]), f"trial {n}"
            assert logged_state(ws) == saved_state(ws)

        # Opening cleared what the killed save left behind, and saving works again.
        assert not list(path.parent.glob(".seed.*.tmp"))
        ws.set_verdict(claim_ids[0], "false", rationale="after the crash")
        assert Worksheet.open(path).verdict(claim_ids[0]).rationale == "after the crash"

    trials_count = FORKED_TRIALS + SPAWNED_TRIALS
    assert sum(t["completed"] for t in trials) > trials_count  # the savers really were saving
    assert killed_mid_save >= trials_count // 2, "too few kills landed inside a save"
    print(f"{trials_count} kills in {elapsed:.1f} s, {killed_mid_save} inside a save")
