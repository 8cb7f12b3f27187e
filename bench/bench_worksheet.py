"""Time the worksheet at the sizes of the issue: an article of 1,000 claims, a worksheet of
10,000 rows.

    .venv/bin/python bench/bench_worksheet.py

Targets (issue 3): building the workbench under 1 s, one ``set_verdict`` under 20 ms. Every save
is a real one: the whole CSV written to a temporary file, fsynced, renamed over the old one, the
folder fsynced, and an audit line appended and fsynced. The files go to a temporary folder on
the same disk as the project (``claims/``'s file system), since fsync costs what that disk costs.
When ``verify.ui.workbench.Workbench`` exists, the widget build is timed too.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify import Worksheet, load_article  # noqa: E402
from verify.records import disk  # noqa: E402

SAVES = 50
PORTS = ("Genova", "Trieste", "Napoli", "Livorno", "Taranto", "Venezia", "Palermo", "Bari")


def synthetic_article(claims: int):
    """An Italian article whose every sentence gives three claims: a year, a count and the
    attributed fact ("Nel 1990 il porto di Genova ha movimentato più di 1.000 container, ...")."""
    sentences = []
    for i in range((claims + 2) // 3):
        figure = f"{1000 + 37 * i:,}".replace(",", ".")
        sentences.append(f"Nel {1990 + i % 34} il porto di {PORTS[i % len(PORTS)]} ha movimentato "
                         f"più di {figure} container, secondo l’autorità portuale.")
    text = "Rapporto sui porti italiani\n\n" + "\n\n".join(sentences) + "\n"
    return load_article(text=text, lang="it")


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


CPU_TIMES: list[float] = []  # process CPU time of each timed save: ours, without the disk wait


def time_saves(ws: Worksheet, other: Worksheet | None = None, count: int = SAVES) -> list[float]:
    """``count`` set_verdict calls on different claims; with ``other``, another checker saves
    in between, so each of ours first re-reads and merges the file."""
    times = []
    claims = ws.claims
    for i in range(count):
        if other is not None:
            other.set_verdict(claims[-1 - i].claim_id, "false", rationale=f"other {i}")
        claim_id = claims[i * 7 % len(claims)].claim_id
        label = ws.labels[1 + i % (len(ws.labels) - 1)]
        cpu = time.process_time()
        seconds, _ = timed(lambda: ws.set_verdict(claim_id, label, rationale=f"bench save {i}"))
        CPU_TIMES.append(time.process_time() - cpu)
        times.append(seconds)
    return times


def disk_floor(path: Path) -> float:
    """The median time of what every save must do on this disk with a file this size: write it
    to a temporary file, fsync, rename, fsync the folder, append and fsync a log line."""
    data = path.read_bytes()
    copy, log = path.with_name("floor.csv"), path.with_name("floor.log")
    times = []
    for i in range(20):
        start = time.perf_counter()
        disk.atomic_write(copy, data)
        disk.append_line(log, f'{{"save": {i}}}')
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def workbench_class():
    try:
        from verify.ui.workbench import Workbench
    except ImportError:
        return None
    return Workbench


def main() -> int:
    results: list[tuple[str, str, float, str]] = []  # (what, size, ms, note)

    def add(what, size, seconds, target=None, note=""):
        ms = seconds * 1000
        if target is not None:
            note = ("ok" if ms < target else "OVER") + f" (target < {target:g} ms)" + note
        results.append((what, size, ms, note))

    with tempfile.TemporaryDirectory(dir=ROOT / "claims", prefix=".bench-") as folder:
        folder = Path(folder)
        article = synthetic_article(1000)
        small = folder / "small.csv"
        seconds, ws = timed(lambda: Worksheet.open(small, article=article))
        add("create worksheet (extract + save)", f"{len(ws.claims):,} claims", seconds, 1000)
        seconds, _ = timed(lambda: Worksheet.open(small, article=article))
        add("open again with the article (re-extract, merge)", f"{len(ws.claims):,} claims",
            seconds, 1000)
        seconds, _ = timed(lambda: Worksheet.open(small))
        add("resume (no article)", f"{len(ws.claims):,} claims", seconds, 1000)
        saves = time_saves(ws)
        add("set_verdict, median of 50", f"{len(ws.claims):,} rows", statistics.median(saves), 20)

        big_article = synthetic_article(10_000)
        big = folder / "big.csv"
        seconds, big_ws = timed(lambda: Worksheet.open(big, article=big_article))
        rows = len(big_ws.claims)
        add("create worksheet (extract + save)", f"{rows:,} claims", seconds,
            note=" (extraction of a 1 MB article; no target)")
        seconds, big_ws = timed(lambda: Worksheet.open(big))
        add("resume (no article)", f"{rows:,} rows", seconds, 1000)
        seconds, _ = timed(lambda: Worksheet.open(big, article=big_article))
        add("open again with the article (re-extract, merge)", f"{rows:,} rows", seconds,
            note=" (no target)")
        CPU_TIMES.clear()
        saves = time_saves(big_ws)
        add("set_verdict, first save after open", f"{rows:,} rows", saves[0],
            note=" (encodes every row once; later saves re-encode only theirs)")
        add("set_verdict, median of 50", f"{rows:,} rows", statistics.median(saves[1:]), 20)
        add("set_verdict, 90th percentile", f"{rows:,} rows",
            statistics.quantiles(saves[1:], n=10)[-1], 20)
        add("  its CPU time (process_time), median", f"{rows:,} rows",
            statistics.median(CPU_TIMES[1:]), note=" (the rest is waiting for the disk)")
        add("  the disk alone: write + 3 fsyncs of the same bytes", f"{rows:,} rows",
            disk_floor(big), note=" (what no code change can remove)")
        other = Worksheet.open(big, checker="other")
        saves = time_saves(big_ws, other, count=10)
        add("set_verdict after another checker's save, median of 10", f"{rows:,} rows",
            statistics.median(saves), note=" (re-read + merge; no target)")

        Workbench = workbench_class()
        if Workbench is None:
            print("(verify.ui.workbench.Workbench not available: widget build not timed)")
        else:
            for label, sheet in (("1,000 claims", ws), (f"{rows:,} rows", big_ws)):
                seconds, _ = timed(lambda: Workbench(Worksheet.open(sheet.path)))
                add("build the workbench (open + widgets)", label, seconds, 1000)

    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  {'size':>14}  {'time':>10}  note")
    for what, size, ms, note in results:
        print(f"{what:<{width}}  {size:>14}  {ms:>7.1f} ms  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
