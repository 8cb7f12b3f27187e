"""Time each stage of the extractor on 1 MB of hostile shapes: a hang is a denial of service.

    python bench/bench_hostile.py                    # every shape, 1 MB each
    python bench/bench_hostile.py --size 100000      # 100 KB each
    python bench/bench_hostile.py --shape dott --shape spaces_byline

Prints a table of seconds per stage per shape. The stages are those of ``extract_claims`` on a
pasted text: ``load_article`` (loading, block typing, language, metadata), ``split_sentences``,
``find_mentions`` over every sentence (the number grammar) and ``extract_claims`` on the loaded
article (which runs the two before it again, then the quote, fact and cue patterns).

Each shape runs in a child process with a time limit (``--timeout``, per shape), so a stage that
hangs is reported as such, and the stages before it still get their figure. One run each, not
the best of several: the point is a slow shape's order of magnitude (a quadratic stage takes
minutes on 1 MB), not milliseconds.

A line or sentence that comes again is read once (``split_blocks``, ``split_sentences``,
``extract_claims``), so repeated text costs only its records: "tiny_lines" is half a million
copies of one line, "short_lines" nearly all distinct lines; "news" repeats the seed's
paragraphs (``bench_extract.corpus``), which makes it faster than a megabyte of distinct news.

Shapes marked "grammar" are slow inside the number grammar (``verify/numbers.py``), which a
later issue rebuilds; the others are guarded by the tests of ``tests/test_hardening_linear.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MB = 1_000_000
STAGES = ("load_article", "split_sentences", "find_mentions", "extract_claims")


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _lines_of(line: str, size: int) -> str:
    """Lines of ``line`` to ``size`` characters, each whole."""
    return "\n".join([line] * max(1, size // (len(line) + 1)))


def _news(size: int) -> str:
    from bench_extract import corpus

    return corpus(size)


def _short_lines(size: int) -> str:
    """Ordinary news cut into short lines, as a feed or a page of list items lays it out: 2 to 6
    of the seed's words each, drawn at random (seeded), nearly all lines distinct."""
    from verify.articles import SEED_ARTICLE

    words = SEED_ARTICLE.read_text(encoding="utf-8").split()
    rng = random.Random(5)
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(2, 6)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)[:size]


def _table_rows(size: int) -> str:
    rows, total, i = [], 0, 0
    while total < size:
        row = f"{1990 + i % 35} | {i * 37 % 100_000:,} | {i % 97},{i % 10} | {i % 100}% | {i % 13}"
        rows.append(row.replace(",", "."))
        total += len(row) + 1
        i += 1
    return "\n".join(rows)[:size]


# name -> (what it is, how it is made from a size, where its slowness lies)
SHAPES = {
    "news": ("ordinary news (bench_extract's 1 MB corpus)", _news, ""),
    "short_lines": ("ordinary news in short lines of 2-6 words, nearly all distinct",
                    _short_lines, ""),
    "tiny_lines": ("'a' on each line: half a million lines", lambda n: _repeat("a\n", n), ""),
    "dott": ("'Dott. ' repeated on one line", lambda n: _repeat("Dott. ", n), ""),
    "spaces_byline": ("a byline with a run of spaces: 'Di Mario' + spaces + 'Rossi'",
                      lambda n: "Di Mario" + " " * (n - 30) + "Rossi\nIl testo.", ""),
    "dot_a": ("'. A' repeated on one line", lambda n: "Il fatto" + _repeat(". A", n - 8), ""),
    "dots": ("a run of dots, then a lower-case word", lambda n: "Il fatto" + "." * (n - 10) + " a",
             ""),
    "open_quote": ("unclosed “ before each word, one line",
                   lambda n: _repeat("“parola ", n), ""),
    "open_guillemet": ("unclosed « before each word, one line",
                       lambda n: _repeat("«parola ", n), ""),
    "long_word_quoted": ("a 30,000-letter word in quotes, lines of it",
                         lambda n: _lines_of("Putin ha detto “" + "a" * 30_000 + "” ieri.", n), ""),
    "digit_spaces": ("a digit, then a line of 20,000 spaces and a word, repeated",
                     lambda n: _lines_of("Sono 5" + " " * 20_000 + "anni.", n), ""),
    "table_rows": ("table rows of numbers, each row its own", _table_rows, ""),
    "cue_in_word": ("'xdimezzat' repeated: comparison cues inside one word",
                    lambda n: "Il dato " + _repeat("xdimezzat", n - 8), ""),
    "ones": ("'1 ' repeated", lambda n: _repeat("1 ", n), "grammar"),
    "ten_thousands": ("'10 000 ' repeated", lambda n: _repeat("10 000 ", n), "grammar"),
    "uno_due": ("'uno due ' repeated", lambda n: _repeat("uno due ", n), "grammar"),
    "hyphens": ("'a-a-a-...' in quotes, one line", lambda n: "Putin ha detto “" + _repeat("a-", n - 20)
                + "a”.", "grammar"),
}


def run_one(shape: str, size: int) -> None:
    """In the child: time each stage of ``shape`` and print one JSON line per stage, at once
    (a parent that kills a hung child still has the stages before)."""
    from verify.articles import load_article
    from verify.claims import extract_claims
    from verify.numbers import find_mentions
    from verify.sentences import split_sentences

    text = SHAPES[shape][1](size)
    load_article(text="Una riga.\nUn'altra riga con 10 parole.", lang="it")  # first-use imports
    steps = {
        "load_article": lambda: load_article(text=text, lang="it"),
        "split_sentences": lambda: split_sentences(article.text, list(article.blocks)),
        "find_mentions": lambda: [find_mentions(s.text, article.lang, year=article.year)
                                  for s in sentences],
        "extract_claims": lambda: extract_claims(article),
    }
    article = sentences = None
    for stage in STAGES:
        t0 = time.perf_counter()
        result = steps[stage]()
        seconds = time.perf_counter() - t0
        if stage == "load_article":
            article = result
        elif stage == "split_sentences":
            sentences = result
        print(json.dumps({"stage": stage, "seconds": seconds}), flush=True)


def run_shape(shape: str, size: int, timeout: float) -> dict[str, str]:
    """Each stage's seconds as text, "> T" for the stage that hung past ``timeout``."""
    cmd = [sys.executable, __file__, "--child", shape, "--size", str(size)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        hung = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        hung = True
    figures: dict[str, str] = {}
    spent = 0.0
    for line in out.splitlines():
        row = json.loads(line)
        figures[row["stage"]] = f"{row['seconds']:.2f}"
        spent += row["seconds"]
    if hung:
        stage = next(s for s in STAGES if s not in figures)
        figures[stage] = f"> {timeout - spent:.0f}"
    elif proc.returncode:
        stage = next((s for s in STAGES if s not in figures), STAGES[-1])
        figures[stage] = "error"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=MB, help="characters per shape (1 MB)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES),
                        help="a shape to time (all when not given); may be repeated")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds a shape's stages may take in all before it is stopped")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.size)
        return
    print(f"seconds per stage, {args.size:,} characters per shape, one run each\n")
    print(f"{'shape':18} {'load':>8} {'sentences':>10} {'mentions':>9} {'claims':>8}  what")
    for shape in args.shape or list(SHAPES):
        what, _, where = SHAPES[shape]
        figures = run_shape(shape, args.size, args.timeout)
        cells = [figures.get(stage, "-") for stage in STAGES]
        note = f"{what}{'  [grammar, later issue]' if where else ''}"
        print(f"{shape:18} {cells[0]:>8} {cells[1]:>10} {cells[2]:>9} {cells[3]:>8}  {note}",
              flush=True)
    print("\nload: load_article (block typing included); mentions: find_mentions over the "
          "sentences; claims: extract_claims on the loaded article (sentences and mentions again).")


if __name__ == "__main__":
    main()
