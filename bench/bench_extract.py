"""Time claim extraction beside the peer libraries, on the same text, in one run.

    make bench                       # installs the peers (quantulum3, dateparser) and runs this
    python bench/bench_extract.py    # when they are installed already

Texts: the seed article (about 10 KB of Italian) and a 1 MB corpus made of the seed's paragraphs
and quantulum3's English test sentences, alternated until 1 MB. Peers that would take minutes on
the whole megabyte are timed on its first 100 KB and their throughput scaled, which the table
says. Times are the best of several runs after one warm-up run (quantulum3 loads its unit
tables on first use): as with ``timeit``, a slower run measures the other processes of a shared
machine, not the code; the seed's runs repeat until about two seconds have passed, so the fast
and the slow tools get a fair number of tries.

Two rows for verify: ``extract_claims`` on an article loaded before the clock starts (the issue's
measure), and ``load_article`` + ``extract_claims`` from the text, as the peers get it (loading
types each line of the page: headline, dateline, caption, credit...). Nothing is cached between
runs: each run reads the text anew.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.reading.articles import SEED_ARTICLE, load_article  # noqa: E402
from verify.reading.claims import extract_claims  # noqa: E402
from verify.grammar import find_mentions  # noqa: E402

MB = 1_000_000
SLICE = 100_000  # what a slow peer is timed on instead of the whole megabyte
SLOW_PEER_SECONDS = 20.0  # projected time above which a peer gets the slice


def corpus(size: int = MB) -> str:
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    cases = ROOT / "tests" / "data" / "conformance" / "quantulum3" / "quantities.json"
    english = [case["req"] for case in json.loads(cases.read_text(encoding="utf-8"))]
    parts, total, i = [], 0, 0
    while total < size:
        part = paragraphs[i % len(paragraphs)] if i % 2 == 0 else english[i % len(english)]
        parts.append(part)
        total += len(part) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def timed(fn, text: str, runs: int, prepare=None, at_least: float = 0.0) -> float:
    """The best time of ``fn`` over ``text`` (or over ``prepare(text)``, made before the clock
    starts: the loaded article, for ``extract_claims``), over ``runs`` runs, or more until
    ``at_least`` seconds have passed."""
    arg = prepare(text) if prepare else text
    fn(arg)  # warm-up: first-use loading is not what a checker waits for on every article
    times = []
    while len(times) < runs or sum(times) < at_least:
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return min(times)


def load(text: str):
    return load_article(text=text, lang="it")


def verify_load_and_extract(text: str):
    return extract_claims(load(text))


def verify_numbers(text: str):
    return find_mentions(text, "it")


def peers():
    """The peer libraries that are installed, as (name, function over a text)."""
    found = []
    try:
        warnings.filterwarnings("ignore", module="quantulum3")
        from quantulum3 import parser as q3

        found.append(("quantulum3 parse (en only)", q3.parse))
    except ImportError:
        print("quantulum3 is not installed: `pip install -e '.[bench]'`", file=sys.stderr)
    try:
        from dateparser.search import search_dates

        found.append(("dateparser search_dates (it)",
                      lambda text: search_dates(text, languages=["it", "en"])))
    except ImportError:
        print("dateparser is not installed: `pip install -e '.[bench]'`", file=sys.stderr)
    return found


def main() -> None:
    seed = load_article(SEED_ARTICLE).text
    big = corpus()
    rows = []
    # (name, function, what it is given): extract_claims takes a loaded article, the issue's
    # measure; the second row adds the loading and block typing, text in as for the peers.
    ours = [("verify extract_claims", extract_claims, load),
            ("verify load_article+extract", verify_load_and_extract, None),
            ("verify find_mentions", verify_numbers, None)]
    for name, fn, prepare in ours + [(name, fn, None) for name, fn in peers()]:
        seed_s = timed(fn, seed, runs=5, prepare=prepare, at_least=2.0)
        # Project from 100 KB, not from the seed: some peers slow down faster than the text grows.
        part = big[:SLICE]
        part_s = timed(fn, part, runs=1, prepare=prepare)
        if part_s * len(big) / len(part) > SLOW_PEER_SECONDS:
            big_s = part_s * len(big) / len(part)
            how = "scaled from 100 KB"
        else:
            big_s = timed(fn, big, runs=3, prepare=prepare)
            how = "measured"
        rows.append((name, seed_s, big_s, how))

    base_seed, base_big = rows[0][1], rows[0][2]
    print(f"seed: {len(seed):,} characters; corpus: {len(big):,} characters\n")
    print(f"{'tool':32} {'seed (ms)':>10} {'x verify':>9} {'1 MB (s)':>9} {'x verify':>9}  1 MB figure")
    for name, seed_s, big_s, how in rows:
        print(f"{name:32} {seed_s * 1000:10.1f} {seed_s / base_seed:9.1f} {big_s:9.2f} "
              f"{big_s / base_big:9.1f}  {how}")
    print("\n'x verify': how many times longer than verify extract_claims on the same text"
          " (the article loaded before the clock starts; the second row includes loading).")
    q3 = next((r for r in rows if r[0].startswith("quantulum3")), None)
    if q3:
        print(f"\nOn the seed, quantulum3 takes {q3[1] / rows[0][1]:.1f}x the time of extract_claims "
              f"and {q3[1] / rows[1][1]:.1f}x the time of loading the text and extracting (aim: 30x).")


if __name__ == "__main__":
    main()
