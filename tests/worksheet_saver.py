"""A checker in another process, for the crash and two-checker tests: saves verdicts in a loop.

    python tests/worksheet_saver.py WORKSHEET [--first 0] [--step 1] [--count 0] [--checker NAME]
                                              [--at UNIX_TIME] [--report FILE] [--kill-between N]

Save number i sets claim ``claims[(first + i * step) % len(claims)]`` (see ``planned_save``).
Prints "ready" once the worksheet is open, then "begin i" before and "done i" after each save,
flushed (to standard output, or appended to ``--report``), so a test that kills it knows which
saves completed and which one was in flight.
``--count 0`` saves until killed; ``--at`` waits until that time before the first save, so two
processes start saving together. ``--kill-between N`` kills the process (SIGKILL, sent to
itself) in save number N, right after the first of the save's two writes (the audit log's
append and the worksheet's replace, in whichever order the worksheet makes them).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from verify import Worksheet
from verify.records import disk


def planned_save(i: int, claim_ids: list[str], labels: tuple[str, ...], *, first: int = 0,
                 step: int = 1, checker: str = "saver") -> tuple[str, str, str]:
    """(claim_id, label, rationale) of save number ``i``: every save leaves a different file."""
    claim_id = claim_ids[(first + i * step) % len(claim_ids)]
    label = labels[1 + i % (len(labels) - 1)]  # never "not checked": every save shows
    return claim_id, label, f"{checker} save {i}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("worksheet")
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--step", type=int, default=1)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--checker", default="saver")
    parser.add_argument("--at", type=float, default=0.0)
    parser.add_argument("--report", default="")
    parser.add_argument("--kill-between", type=int, default=-1)
    args = parser.parse_args(argv)
    out = open(args.report, "a", encoding="utf-8") if args.report else sys.stdout

    ws = Worksheet.open(args.worksheet, checker=args.checker)
    claim_ids = [c.claim_id for c in ws.claims]
    print("ready", file=out, flush=True)
    if args.at:
        time.sleep(max(0.0, args.at - time.time()))
    i = 0
    while args.count == 0 or i < args.count:
        claim_id, label, rationale = planned_save(i, claim_ids, ws.labels, first=args.first,
                                                  step=args.step, checker=args.checker)
        print(f"begin {i}", file=out, flush=True)
        if i == args.kill_between:
            die_after_the_next_write()
        ws.set_verdict(claim_id, label, rationale=rationale)
        print(f"done {i}", file=out, flush=True)
        i += 1
    return 0


def die_after_the_next_write() -> None:
    """SIGKILL this process the moment the next write of a save is on disk."""
    def killing(write):
        def wrapped(*args, **kwargs):
            result = write(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)
            return result
        return wrapped
    disk.atomic_write = killing(disk.atomic_write)
    disk.append_line = killing(disk.append_line)


if __name__ == "__main__":
    sys.exit(main())
