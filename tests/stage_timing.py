"""Timing the stages of ``verify extract`` on a text, in a child process that cannot hang the caller.

Shared by ``tests/project/test_hardening_linear.py``, ``tests/project/test_linear_time.py`` and
``bench/bench_hostile.py``. The child reads the text from a real file, as ``verify extract``
does, runs the stages asked for in order and prints one JSON line per stage as it ends; the
parent waits at most ``stage_timeout`` seconds for each line and stops the child when one is
late, so a stage that hangs is reported (as taking ``stage_timeout``), the stages before it
keep their figures, and the caller goes on.

A stage's figure is the processor time the child spent in it (``time.process_time``), not the
time on the wall clock: on a machine shared with other work (six engineers' test runs on two
cores) the wall clock of a 30 ms stage varies threefold from one minute to the next, its
processor time hardly. The parent's limit, which stops a hung stage, is on the wall clock.

``HOSTILE_SHAPES`` are the shapes of issue 9, section 2: each a function from a size in
characters to a text of that size.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("load_article", "split_sentences", "find_mentions", "extract_claims")

# The child: argv is the project's root, the text's file, the stages (comma-separated) and how
# many runs at most and for how many seconds (the best of them is printed: a stage of a
# millisecond is noise in one run; a stage is run again only while its runs add up to under
# that many seconds).
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from verify.reading.articles import load_article
from verify.reading.claims import extract_claims
from verify.grammar import find_mentions
from verify.reading.sentences import split_sentences

text = open(sys.argv[2], encoding="utf-8").read()
wanted, runs, budget = sys.argv[3].split(","), int(sys.argv[4]), float(sys.argv[5])
extract_claims(load_article(text="Una riga.\nUn'altra riga con 10 parole.", lang="it"))  # imports
needed = set(wanted) | {"load_article"} | ({"split_sentences"} if "find_mentions" in wanted else set())
article = sentences = None
steps = {
    "load_article": lambda: load_article(text=text, lang="it"),
    "split_sentences": lambda: split_sentences(article.text, list(article.blocks)),
    "find_mentions": lambda: [find_mentions(s.text, article.lang, year=article.year)
                              for s in sentences],
    "extract_claims": lambda: extract_claims(article),
}
for stage in ("load_article", "split_sentences", "find_mentions", "extract_claims"):
    if stage not in needed:
        continue
    best, spent = None, 0.0
    for _ in range(runs):  # runs more than one: while they add up to under the budget
        t0 = time.process_time()
        result = steps[stage]()
        seconds = time.process_time() - t0
        best = seconds if best is None else min(best, seconds)
        spent += seconds
        if spent > budget:
            break
    if stage == "load_article":
        article = result
    elif stage == "split_sentences":
        sentences = result
    if stage in wanted:
        print(json.dumps([stage, best]), flush=True)
"""


def stage_seconds(folder: Path, text: str, stages=STAGES, *, stage_timeout: float = 120.0,
                  runs: int = 1, budget: float = 1.0) -> dict[str, float]:
    """Each of ``stages``' seconds on ``text`` (written to a file in ``folder``), the best of
    ``runs`` (fewer when they add up to over ``budget`` seconds); a stage not ended ``stage_timeout`` seconds after the one before counts as
    ``stage_timeout``, and so do the stages after it (the child is stopped)."""
    path = Path(folder) / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(path), ",".join(stages),
                             str(runs), str(budget)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds: dict[str, float] = {}
    try:
        for line in _lines_in_time(proc, stage_timeout * runs):
            stage, spent = json.loads(line)
            seconds[stage] = spent
    finally:
        hung = proc.poll() is None
        if hung:
            proc.kill()
        err = proc.communicate()[1].decode("utf-8", "replace")
    if not hung and len(seconds) < len(stages):
        raise AssertionError(f"the stages failed:\n{err}")
    return {stage: seconds.get(stage, stage_timeout) for stage in stages}


def _lines_in_time(proc: subprocess.Popen, timeout: float):
    """The child's output lines, until it ends or no line came for ``timeout`` seconds (the
    first one's clock starts after the child's imports: the startup is not a stage)."""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    pending = b""
    deadline = time.monotonic() + timeout + 30.0
    while True:
        if not selector.select(max(0.0, deadline - time.monotonic())):
            return  # late: the caller stops the child
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            deadline = time.monotonic() + timeout
            yield line.decode("utf-8")


# --- the shapes of issue 9, section 2 --------------------------------------------------------------

def repeated(unit: str, size: int) -> str:
    """``unit`` over and over, cut to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def lines_of(line: str, size: int) -> str:
    """Lines of ``line`` to ``size`` characters, each whole (at least one)."""
    return "\n".join([line] * max(1, size // (len(line) + 1)))


def table_rows(size: int, sep: str = " | ") -> str:
    """Rows of a table of figures, each its own: year, count, decimal, percent, small number,
    the cells separated by ``sep`` (" | ": typed as navigation, the grammar never sees it;
    a tab: body text, read by the grammar)."""
    rows, total, i = [], 0, 0
    while total < size:
        cells = (f"{1990 + i % 35}", f"{i * 37 % 100_000:,}".replace(",", "."),
                 f"{i % 97},{i % 10}", f"{i % 100}%", f"{i % 13}")
        row = sep.join(cells)
        rows.append(row)
        total += len(row) + 1
        i += 1
    return "\n".join(rows)[:size]


def election_lines(size: int) -> str:
    """Election results, a line per party: "Partito A 1.234.567 voti 23,4% 45 seggi"."""
    rows, total, i = [], 0, 0
    while total < size:
        party = chr(ord("A") + i % 26) + (str(i // 26) if i >= 26 else "")
        votes = f"{(i * 7919 + 1234) % 9_000_000 + 10_000:,}".replace(",", ".")
        row = f"Partito {party} {votes} voti {i % 40},{i % 10}% {i % 300} seggi"
        rows.append(row)
        total += len(row) + 1
        i += 1
    return "\n".join(rows)[:size]


def figures_sentence(size: int) -> str:
    """One sentence holding thousands of figures, each a different one."""
    parts, total, i = ["Il bilancio assegna"], 0, 1
    while total < size:
        part = f" {i * 37 % 1000} euro a {i % 90 + 10} comuni,"
        parts.append(part)
        total += len(part)
        i += 1
    return ("".join(parts))[:size - 1] + "."


HOSTILE_SHAPES = {
    "ones": ("'1 ' repeated", lambda n: repeated("1 ", n)),
    "ten_thousands": ("'10 000 ' repeated", lambda n: repeated("10 000 ", n)),
    "one_dash_one": ("'1-1 ' repeated", lambda n: repeated("1-1 ", n)),
    "uno_due": ("'uno due ' repeated", lambda n: repeated("uno due ", n)),
    "un_un": ("'un un ' repeated", lambda n: repeated("un un ", n)),
    "ten_k": ("'10k ' repeated", lambda n: repeated("10k ", n)),
    "one_e": ("'1 e ' repeated", lambda n: repeated("1 e ", n)),
    "dash_one": ("'- 1 ' repeated", lambda n: repeated("- 1 ", n)),
    "mila": ("'mila ' repeated", lambda n: repeated("mila ", n)),
    "tabs": ("digits separated by tabs", lambda n: repeated("1\t", n)),
    "virgola": ("'virgola uno uno ' repeated", lambda n: repeated("virgola uno uno ", n)),
    "open_quote": ("unclosed “ before each word, one line", lambda n: repeated("“parola ", n)),
    "open_guillemet": ("unclosed « before each word, one line", lambda n: repeated("«parola ", n)),
    "long_word_quoted": ("a 30,000-letter word in quotes (shorter in a smaller text), lines of it",
                         lambda n: lines_of("Putin ha detto “" + "a" * min(30_000, n - 30)
                                            + "” ieri.", n)),
    "digit_spaces": ("a digit, then a line of 20,000 spaces (fewer in a smaller text), repeated",
                     lambda n: lines_of("Sono 5" + " " * min(20_000, n - 20) + "anni.", n)),
    "dott": ("'Dott. ' repeated on one line", lambda n: repeated("Dott. ", n)),
    "dot_a": ("'. A' repeated on one line", lambda n: "Il fatto" + repeated(". A", n - 8)),
    "table_rows": ("table rows of numbers, cells between '|', each row its own", table_rows),
    "table_tabs": ("table rows of numbers, cells between tabs, each row its own",
                   lambda n: table_rows(n, "\t")),
    "election": ("election results: 'Partito A 1.234.567 voti 23,4% 45 seggi' lines",
                 election_lines),
    "figures_sentence": ("one sentence holding thousands of figures", figures_sentence),
}
