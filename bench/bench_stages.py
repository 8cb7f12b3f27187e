"""Where the extractor's time goes on the seed article, stage by stage.

    python bench/bench_stages.py

Each line is the best of 300 runs of one stage on the seed, in milliseconds: loading (block
typing included), sentence splitting, the number grammar over every sentence, and the rest of
``extract_claims``. Stages timed alone run faster than inside the whole call (their patterns stay
in the processor's caches), so the stages add up to less than the total.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify.reading.articles import SEED_ARTICLE, load_article  # noqa: E402
from verify.reading.claims import extract_claims  # noqa: E402
from verify.grammar import find_mentions  # noqa: E402
from verify.reading.sentences import split_sentences  # noqa: E402

RUNS = 300


def best(fn) -> float:
    fn()  # warm-up
    fastest = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest * 1000


def main() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    article = load_article(text=text, lang="it")
    sentences = split_sentences(article.text, list(article.blocks))
    stages = [
        ("load_article + extract_claims (text in)", lambda: extract_claims(load_article(text=text, lang="it"))),
        ("extract_claims (article loaded)", lambda: extract_claims(article)),
        ("  load_article", lambda: load_article(text=text, lang="it")),
        ("  split_sentences", lambda: split_sentences(article.text, list(article.blocks))),
        (f"  find_mentions over the {len(sentences)} sentences",
         lambda: [find_mentions(s.text, article.lang, year=article.year) for s in sentences]),
    ]
    for name, fn in stages:
        print(f"{name:48} {best(fn):6.2f} ms")


if __name__ == "__main__":
    main()
